"""SIGTERM/SIGHUP behave like Ctrl+C: a movie and the window stop cleanly; stale temporary files are swept."""

import os
import signal
import subprocess
import sys
import time

import pytest

from osteoviz.atomic import atomic_path, sweep_stale
from osteoviz.cli import main


def wait_for(fn, timeout=120.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if fn():
            return True
        time.sleep(0.01)
    return False


def temp_written(folder):
    try:
        return any(p.name.startswith(".osteoviz-") and p.stat().st_size > 0 for p in folder.iterdir())
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_mid_movie_leaves_nothing(tmp_path, sig):
    old = tmp_path / "talk.mp4"
    old.write_bytes(b"the movie from last year")
    proc = subprocess.Popen([sys.executable, "-m", "osteoviz", "movie", "--process", "intramembranous", "--from", "8w",
                             "--to", "30w", "--fps", "24", "--duration", "20", "--size", "640x360", "--force",
                             "-o", str(old)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_for(lambda: temp_written(tmp_path) or proc.poll() is not None), "the movie never started"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, out + err
    assert err.strip().splitlines()[-1] == "osteoviz: cancelled: nothing was written" and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["talk.mp4"] and old.read_bytes() == b"the movie from last year"


def test_window_quits_cleanly_on_sigterm(tmp_path):
    from osteoviz import simcache
    from osteoviz.model import registry

    for process in registry.process_ids():
        simcache.load(process)  # the cache is warm: the window opens without a first-run simulation
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OSTEOVIZ_SETTINGS=str(tmp_path / "settings.ini"))
    proc = subprocess.Popen([sys.executable, "-m", "osteoviz", "--process", "intramembranous"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(6)  # the window is up
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "process" in (tmp_path / "settings.ini").read_text()  # closed like Quit: the preferences were saved


def test_stale_temporary_files_of_a_dead_run_are_swept(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".osteoviz-{dead.pid}-abc123.part.png"
    fresh = tmp_path / f".osteoviz-{dead.pid}-def456.part.png"
    alive = tmp_path / f".osteoviz-{os.getppid()}-ghi789.part.png"  # a running process's export in progress
    mine = tmp_path / ".osteoviz-notes.part.png"  # not our pattern: never touched
    for p in (stale, fresh, alive, mine):
        p.write_bytes(b"x")
    old = time.time() - 3600
    for p in (stale, alive, mine):
        os.utime(p, (old, old))
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "320x240",
                 "-o", str(tmp_path / "a.png")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.png", fresh.name, alive.name, mine.name])
    os.utime(fresh, (old, old))
    assert sweep_stale(tmp_path) == [fresh]


def test_longest_legal_name_still_exports(tmp_path):
    name = "é" * 125 + ".png"  # 254 bytes in UTF-8: legal; a temporary name built from it would not be
    assert len(name.encode()) <= 255
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "320x240",
                 "-o", str(tmp_path / name)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]
    with atomic_path(tmp_path / ("b" * 251 + ".svg"), force=True) as tmp:
        assert len(tmp.name.encode()) < 64 and tmp.parent == tmp_path
        tmp.write_text("<svg/>")


def test_a_stop_waits_for_qt_drawing_to_finish_then_unwinds():
    from osteoviz import cancel

    saved = {sig: signal.getsignal(sig) for sig in cancel.SIGNALS}
    try:
        cancel.install()
        steps = []
        with pytest.raises(cancel.Terminated) as stopped:
            with cancel.deferred():  # as while Qt paints a frame: no exception may cross the C++ frames
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)
                steps.append("the frame finished")
            steps.append("never reached")
        assert steps == ["the frame finished"] and stopped.value.signum == signal.SIGTERM
        cancel.install()
        with pytest.raises(cancel.Terminated):  # outside drawing: at once
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(1)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        cancel.reset()  # (the stop asked for here is kept until the command ends: this test is the command)
