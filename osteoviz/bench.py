"""Benchmark: `python -m osteoviz.bench` prints speed and memory as ratios against baselines run alongside."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1920, 1080), (3840, 2160))
SCENE = ("endochondral", 140.0)  # the default scene: femur at week 20


_CPU_MS: list[float] = []  # the CPU time of the last _median_ms (robust on a machine shared with other work)


def _median_ms(fn, repeats: int) -> float:
    times, cpu = [], []
    for i in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(i)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    _CPU_MS[:] = [1000 * statistics.median(cpu)]
    return 1000 * statistics.median(times)


def state_and_render(width: int, height: int, repeats: int = 15):
    """Median ms for the state at a time and for drawing it (set_frame + full picture) at a size."""
    from .qt.headless import frame_for, offscreen_canvas
    from .simcache import load

    model, history = load(SCENE[0])
    canvas = offscreen_canvas()
    scale = model.scale
    base = float(scale.to_pos(SCENE[1]))
    days = [float(scale.to_day(base + 0.004 * i)) for i in range(repeats)]  # playback: consecutive steps
    rnd = np.random.default_rng(1).uniform(0, 1, repeats)
    state_ms = _median_ms(lambda i: model.frame(history, float(scale.to_day(rnd[i]))), repeats)

    def draw(i):
        canvas.frame = frame_for(SCENE[0], days[i])
        canvas.render_image(width, height)

    canvas.frame = frame_for(SCENE[0], days[0])
    canvas.render_image(width, height)  # warm up
    render_ms = _median_ms(draw, repeats)
    state_and_render.cpu_ms = _CPU_MS[0]
    return state_ms, render_ms, canvas


def moved_cells_ms(canvas, width: int, height: int, repeats: int = 15) -> float:
    """Median ms to draw the canvas's frame again with its cells moved (0.1 site, every other frame), as the
    matplotlib baseline draws it: the same tissue, the cells moved, everything drawn again."""
    from dataclasses import replace

    base = canvas.frame
    moved = [replace(base, inset=replace(base.inset, cells={c: (p + np.float32(0.1 * k)).astype(p.dtype)
                                                                for c, p in base.inset.cells.items()}))
             for k in (0, 1)]

    def draw(i):
        canvas.frame = moved[i % 2]
        canvas.render_image(width, height)

    draw(1)
    ms = _median_ms(draw, repeats)
    canvas.frame = base
    return ms


def playing_ms(width: int, height: int, fps: int = 60, seconds: float = 1.0) -> dict[str, float]:
    """Playback at 1x at `fps` as the window plays (osteoviz.qt.pipeline): the state at each frame's time and its
    traced outlines made on a worker thread while the GUI thread paints the frame before it. Returns the GUI
    thread's ms per painted frame (median, 90th percentile, largest: set_frame + the picture), the worker's median
    ms per state, the GUI thread's median CPU ms per frame (its own work, whatever else runs on the machine), the
    whole process's CPU ms per frame (both threads) over `seconds` of play, and the frames per second the two
    threads together delivered (a frame is shown only once its state is made: one Python runs both threads)."""
    from concurrent.futures import ThreadPoolExecutor

    from .qt.clockstate import ClockState
    from .qt.headless import offscreen_canvas
    from .simcache import load

    model, history = load(SCENE[0])
    canvas = offscreen_canvas()
    scale = ClockState._scale_for(SCENE[0])  # the paced scale the player moves along
    start = float(scale.to_pos(SCENE[1]))
    days = [float(scale.to_day(start + i / (fps * scale.seconds_at_1x))) for i in range(int(fps * seconds) + 2)]
    trace = canvas.trace_job()
    worker_ms: list[float] = []

    def job(day):
        t0 = time.perf_counter()
        frame = model.frame(history, day)
        trace(frame)
        worker_ms.append(1000 * (time.perf_counter() - t0))
        return frame

    canvas.set_playing(True)  # as the window's canvas plays
    canvas.frame = model.frame(history, days[0])
    canvas.render_image(width, height)
    times, gui_cpu = [], []
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(job, days[1])
        c0, w0 = time.process_time(), time.perf_counter()
        for day in days[2:]:
            frame = ahead.result()  # the frame made while the last one was painted
            ahead = pool.submit(job, day)
            t0, g0 = time.perf_counter(), time.thread_time()
            canvas.frame = frame  # render_image lays it out (set_frame) at the size and draws it
            canvas.render_image(width, height)
            times.append(1000 * (time.perf_counter() - t0))
            gui_cpu.append(1000 * (time.thread_time() - g0))
        ahead.result()
        cpu = 1000 * (time.process_time() - c0) / len(times)
        delivered = len(times) / (time.perf_counter() - w0)  # as fast as frames really came: painted and their state made
    return {"median": statistics.median(times), "p90": float(np.percentile(times, 90)), "max": max(times),
            "gui_cpu": statistics.median(gui_cpu), "state": statistics.median(worker_ms), "cpu": cpu, "fps": delivered}


def phase_costs(width: int = 1600, height: int = 900, ticks: int = 25) -> list[tuple[str, str, float, float, float]]:
    """Playing at 1x (25 ticks a second) through every phase of every process: (process, phase, the worker's CPU ms
    per tick for the state and its outlines, the GUI thread's CPU ms per tick to lay out and paint it at the
    window's size (mean and largest)). A phase that is slow to play shows here even if the window's own
    measurement below never reaches it."""
    from .model.registry import get, process_ids
    from .qt.canvas import SceneCanvas
    from .qt.clockstate import ClockState
    from .simcache import load

    out = []
    for process in process_ids():
        model, history = load(process)
        scale = ClockState._scale_for(process)
        canvas = SceneCanvas()
        canvas.set_playing(True)
        trace = canvas.trace_job()
        for phase in get(process).phases:
            start = float(scale.to_pos(phase.representative_day))
            worker, gui = [], []
            for i in range(ticks + 1):
                day = float(scale.to_day(start + i / (25 * scale.seconds_at_1x)))
                t0 = time.thread_time()
                frame = model.frame(history, day)
                trace(frame)
                t1 = time.thread_time()
                canvas.frame = frame
                canvas.render_image(width, height)
                t2 = time.thread_time()
                if i:  # (the first tick lays the phase out)
                    worker.append(1000 * (t1 - t0))
                    gui.append(1000 * (t2 - t1))
            out.append((process, phase.id, statistics.mean(worker), statistics.mean(gui), max(gui)))
    return out


def matplotlib_ms(canvas, width: int, height: int, repeats: int = 8) -> float | None:
    """The same frame (tissue images, cells per type, text) drawn by matplotlib Agg in a subprocess."""
    f = canvas.frame
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "frame.npz")
        arrays = {"lut": canvas.profile.tissue_lut(), "main": f.main.tissue, "inset": f.inset.tissue}
        arrays.update({f"cells_{c}": pos for c, pos in f.inset.cells.items()})
        np.savez(path, **arrays)
        try:
            out = subprocess.run([sys.executable, "-m", "osteoviz.bench_mpl", path, str(width), str(height), str(repeats)],
                                 capture_output=True, text=True, timeout=600)
        except subprocess.SubprocessError:
            return None
        if out.returncode != 0:
            return None
        result = json.loads(out.stdout.strip().splitlines()[-1])
        matplotlib_ms.cpu_ms = result.get("median_cpu_ms")  # robust when other work shares the cores
        return result["median_ms"]


def scaling_ms(canvas, factors=(1, 4, 16), repeats: int = 8) -> dict[int, tuple[int, float]]:
    """Render time of the cell layer when the same scene holds 1x, 4x, 16x the cells."""
    from dataclasses import replace

    base = canvas.frame
    out = {}
    rng = np.random.default_rng(2)
    for k in factors:
        cells = {c: np.concatenate([pos + rng.uniform(-0.4, 0.4, pos.shape).astype(np.float32) for _ in range(k)])
                 for c, pos in base.inset.cells.items()}
        n = sum(len(p) for p in cells.values())
        frame = replace(base, inset=replace(base.inset, cells=cells))

        def draw(i, frame=frame):
            moved = replace(frame, inset=replace(frame.inset, cells={c: p + 0.01 * (i % 2) for c, p in frame.inset.cells.items()}))
            canvas._key = None
            canvas.frame = moved
            canvas.render_image(1920, 1080)

        out[k] = (n, _median_ms(draw, repeats))
    canvas.frame = base
    return out


def export_4k_ms(tmpdir: str, repeats: int = 3) -> tuple[float, float, int]:
    """A 3840x2160 PNG: osteoviz's export vs pyqtgraph's ImageExporter on a bare scene of the same cells."""
    import pyqtgraph as pg
    import pyqtgraph.exporters  # noqa: F401
    from PySide6 import QtCore

    from .qt.export_picture import PictureOptions, configured_canvas, export_picture

    process, day = SCENE
    opts = PictureOptions(3840, 2160)
    ours = _median_ms(lambda i: export_picture(process, day, os.path.join(tmpdir, f"o{i}.png"), opts, force=True), repeats)
    cells = configured_canvas(process, day, opts).frame.inset.cells
    n = sum(len(p) for p in cells.values())
    plot = pg.PlotWidget()
    plot.resize(1920, 1080)
    for code, pos in cells.items():
        plot.addItem(pg.ScatterPlotItem(pos=pos, size=10, pen=pg.mkPen("k"), brush=pg.mkBrush("w")))
    exporter = pg.exporters.ImageExporter(plot.plotItem)
    exporter.parameters()["width"] = 3840
    QtCore.QCoreApplication.processEvents()
    base = _median_ms(lambda i: exporter.export(os.path.join(tmpdir, f"p{i}.png")), repeats)
    return ours, base, n


def movie_fps(tmpdir: str) -> float:
    from .qt.export_movie import MovieSpec, write_movie
    from .qt.export_picture import PictureOptions

    spec = MovieSpec(SCENE[0], 56.0, 200.0, fps=30, duration_s=2.0, options=PictureOptions(1920, 1080))
    t0 = time.perf_counter()
    write_movie(spec, os.path.join(tmpdir, "bench.mp4"), force=True)
    return 60 / (time.perf_counter() - t0)


def _run_json(code: str, timeout: float = 600) -> dict | None:
    """Run `code` in a fresh interpreter (offscreen) and return the JSON it prints last, or None."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.SubprocessError:
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


_PLAYBACK = """
import json, resource, time
from PySide6 import QtCore, QtWidgets
app = QtWidgets.QApplication([])
from osteoviz.qt.window import MainWindow
w = MainWindow("endochondral"); w.resize(1600, 900); w.show()
t_end = time.monotonic() + 2.0
while time.monotonic() < t_end:
    app.processEvents()
w.clock.set_day(w.clock.phases[4].representative_day)
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
f0 = w.frames_drawn
w.clock.set_playing(True)
c0, g0, t0 = cpu(), time.thread_time(), time.monotonic()
QtCore.QTimer.singleShot(int(1000 * {seconds}), app.quit)
app.exec()  # the app's own event loop, as it runs for a user
c1, g1, t1 = cpu(), time.thread_time(), time.monotonic()
print(json.dumps({{"cpu": (c1 - c0) / (t1 - t0), "gui": (g1 - g0) / (t1 - t0), "frames": w.frames_drawn - f0,
                  "made": w.pipeline.made, "dropped": w.pipeline.dropped, "seconds": t1 - t0}}))
"""

_MOVIE_8K = """
import json, os, resource, tempfile
from osteoviz.qt.export_movie import MovieSpec, write_movie
from osteoviz.qt.export_picture import PictureOptions
spec = MovieSpec("endochondral", 100.0, 200.0, fps={fps}, duration_s=1.0, options=PictureOptions(7680, 4320))
with tempfile.TemporaryDirectory() as tmp:
    write_movie(spec, os.path.join(tmp, "m.mp4"), force=True)
print(json.dumps({{"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def playback_cpu(seconds: float = 8.0) -> float | None:
    """Share of one core the window uses while playing at 1x (process CPU time / wall time)."""
    out = _run_json(_PLAYBACK.format(seconds=seconds))
    playback_cpu.fps = None if out is None else out["frames"] / out["seconds"]
    playback_cpu.gui = None if out is None else out["gui"]
    playback_cpu.dropped = None if out is None else (out["made"], out["dropped"])
    return None if out is None else out["cpu"]


def load_average() -> str:
    """The machine's 1-minute load average (other work sharing the cores skews every time printed)."""
    try:
        with open("/proc/loadavg") as fh:
            return fh.read().split()[0]
    except OSError:
        return "unknown"


def movie_8k_peak_mb() -> tuple[float | None, float | None]:
    """Peak memory of an 8K movie export of 2 frames and of 8 frames (should not grow with length)."""
    res = [_run_json(_MOVIE_8K.format(fps=n)) for n in (2, 8)]
    return tuple(None if r is None else r["rss_mb"] for r in res)


def first_frame_seconds(repeats: int = 3) -> tuple[float, float]:
    """Launch to first painted frame: osteoviz's window vs a bare QApplication with a PlotWidget."""
    bare = (
        "import pyqtgraph as pg\n"
        "from PySide6 import QtWidgets, QtCore\n"
        "app = QtWidgets.QApplication([])\n"
        "w = pg.PlotWidget(); w.resize(1600, 960); w.show()\n"
        "QtCore.QTimer.singleShot(0, lambda: (w.grab(), app.quit()))\n"
        "app.exec()\n"
    )
    env = dict(os.environ, OSTEOVIZ_EXIT_AFTER_FIRST_FRAME="1", QT_QPA_PLATFORM="offscreen")

    def timed(cmd):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, timeout=300, check=False)
        return time.perf_counter() - t0

    subprocess.run([sys.executable, "-m", "osteoviz"], env=env, capture_output=True, timeout=300)  # fill the cache
    ours = statistics.median(timed([sys.executable, "-m", "osteoviz"]) for _ in range(repeats))
    base = statistics.median(timed([sys.executable, "-c", bare]) for _ in range(repeats))
    return ours, base


def main() -> int:
    print("osteoviz benchmark — ratios against baselines measured in this run")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}, "
          f"load average {load_average()}")
    from .simbench import report

    report()  # every scenario of every process: wall and CPU seconds, and the rules' time per step
    mpl_1080 = None
    for width, height in SIZES:
        state_ms, render_ms, canvas = state_and_render(width, height)
        mpl = matplotlib_ms(canvas, width, height)
        if width == 1920 and mpl is not None:
            mpl_1080 = mpl
        n_cells = sum(len(p) for p in canvas.frame.inset.cells.values())
        print(f"\n{width}x{height}, {n_cells} cells drawn")
        print(f"  state at a time (median)  {state_ms:7.2f} ms   = {100 * state_ms / render_ms:5.1f} % of render (aim <= 10 %)")
        aim = f"   (aim <= 16.7 ms: 60 fps)" if width >= 3840 else ""
        print(f"  render a frame (median)   {render_ms:7.2f} ms{aim}   (CPU time {state_and_render.cpu_ms:.2f} ms; a new "
              f"state every frame: the state at the time, its outlines traced, its layout, all drawn)")
        render_cpu = state_and_render.cpu_ms
        moved_ms = moved_cells_ms(canvas, width, height)
        moved_cpu = _CPU_MS[0]
        print(f"  same frame, cells moved   {moved_ms:7.2f} ms   (what the matplotlib baseline below draws: "
              f"only the inset and caption are repainted)")
        if mpl is None:
            print("  matplotlib Agg            not available (pip install '.[bench]')")
        else:
            print(f"  matplotlib Agg (median)   {mpl:7.2f} ms   -> osteoviz is {mpl / render_ms:5.1f}x faster with a new "
                  f"state every frame, {mpl / moved_ms:5.1f}x on the same frame with its cells moved (aim >= 10x)")
            mcpu = getattr(matplotlib_ms, "cpu_ms", None)
            if mcpu:
                print(f"  in CPU time               matplotlib {mcpu:7.2f} ms   -> {mcpu / render_cpu:5.1f}x with a new state "
                      f"every frame, {mcpu / moved_cpu:5.1f}x on the same frame (less skewed by other work on the machine)")
        play = playing_ms(width, height)
        aim = "   (aim <= 16.7 ms: 60 fps)" if width >= 3840 else ""
        print(f"  playing at 1x, 60 frames/s: GUI thread {play['median']:6.2f} ms median per painted frame "
              f"({play['gui_cpu']:5.2f} ms of its CPU), {play['p90']:6.2f} ms 90th percentile, {play['max']:6.2f} ms "
              f"largest{aim}; the state and its outlines made meanwhile on a worker thread ({play['state']:5.2f} ms "
              f"median); both threads {play['cpu']:6.2f} ms CPU per frame; {play['fps']:5.1f} frames/s delivered (as fast as "
              f"it can go: each frame waits for its state)")
    print("\nplaying at 1x through every phase (25 ticks/s, 1600x900): CPU ms per tick, worker (state + outlines) "
          "and GUI thread (layout + paint, mean / largest)")
    costs = phase_costs()
    for process, phase, worker, gui, most in costs:
        print(f"  {process:16s} {phase:22s} worker {worker:6.2f}   GUI {gui:6.2f} / {most:6.2f}   both {worker + gui:6.2f} ms "
              f"= {2.5 * (worker + gui):5.1f} % of a core")
    for process in dict.fromkeys(c[0] for c in costs):  # every phase plays for the same time at 1x (pacing)
        mine = [c[2] + c[3] for c in costs if c[0] == process]
        print(f"  a whole play-through of {process}: {statistics.mean(mine):5.2f} ms per tick on average "
              f"= {2.5 * statistics.mean(mine):4.1f} % of a core (the layout and paint only; the window's event loop adds its own)")
    worst = max(costs, key=lambda c: c[2] + c[3])
    print(f"  slowest phase to play: {worst[0]} {worst[1]}, {worst[2] + worst[3]:.1f} ms per tick "
          f"= {2.5 * (worst[2] + worst[3]):.0f} % of a core at 25 ticks/s")
    print("\ncell layer scaling at 1920x1080 (aim: linear)")
    scaling = scaling_ms(canvas)
    n1, t1 = scaling[1]
    for k, (n, ms) in scaling.items():
        print(f"  {k:2d}x  {n:7d} cells  {ms:7.2f} ms   ({ms / t1:4.1f}x the 1x time)")
    with tempfile.TemporaryDirectory() as tmp:
        ours_ms, pg_ms, n = export_4k_ms(tmp)
        print(f"\nexport 3840x2160 PNG ({n} cells)  osteoviz {ours_ms:7.1f} ms   pyqtgraph ImageExporter (bare scene) "
              f"{pg_ms:7.1f} ms   ratio {pg_ms / ours_ms:4.2f}x")
        print(f"movie encoding 1920x1080 H.264 (render + encode)  {movie_fps(tmp):5.1f} frames/s")
    load = load_average()
    cpu = playback_cpu()
    if cpu is not None:
        per_frame = 1000 * cpu / playback_cpu.fps if playback_cpu.fps else float("nan")
        gui = 1000 * playback_cpu.gui / playback_cpu.fps if playback_cpu.fps else float("nan")
        made, dropped = playback_cpu.dropped
        print(f"\nplayback at 1x in the window (1600x900)  {100 * cpu:5.1f} % of one core (aim <= 35 %; both threads)   "
              f"{playback_cpu.fps:4.1f} frames/s drawn (25 ticks/s; a busy machine drops frames), {per_frame:5.1f} ms "
              f"of CPU per frame drawn, of it {gui:5.1f} ms on the GUI thread (the state made on a worker thread: "
              f"{made} made, {dropped} dropped as stale), load average {load}")
        if mpl_1080:  # the host's speed drifts from run to run: the same work against this run's matplotlib frame
            print(f"  {per_frame / mpl_1080:.3f} matplotlib 1080p frames of CPU per frame drawn (= {100 * cpu:4.1f} % of a "
                  f"core on this host; at 35 % of a core the window may spend {0.35 * 1000 / playback_cpu.fps:.1f} ms a frame)")
    small, large = movie_8k_peak_mb()
    if small is not None and large is not None:
        print(f"8K movie export peak memory  2 frames {small:6.0f} MB   8 frames {large:6.0f} MB "
              f"(aim: independent of length)")
    ours, bare = first_frame_seconds()
    print(f"\nlaunch to first frame  osteoviz {ours:5.2f} s   bare Qt+pyqtgraph {bare:5.2f} s   ratio {ours / bare:4.2f} (aim <= 2)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this benchmark process {rss:6.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
