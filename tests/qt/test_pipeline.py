"""Playing makes the next frame's state and outlines on a worker thread; the GUI thread only paints; stale frames drop."""

import functools
import threading

import numpy as np

from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.headless import frame_for
from osteoviz.qt.pipeline import FramePipeline


def _pixels(img):
    img = img.convertToFormat(img.Format.Format_ARGB32)
    return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.width(), 4).copy()


def test_while_playing_the_state_is_made_off_the_gui_thread(window, qtbot):
    view = window.views.view
    model = view.model
    threads = []
    real = model.frame

    @functools.wraps(real)
    def recording(*a, **k):
        threads.append(threading.current_thread())
        return real(*a, **k)

    window.clock.set_day(window.clock.phases[4].representative_day)
    qtbot.wait(50)
    model.frame = recording
    try:
        start, first = window.frames_drawn, window.canvas.frame.day
        window.clock.set_playing(True)
        qtbot.waitUntil(lambda: window.frames_drawn - start >= 8, timeout=20000)
        during = list(threads)
        window.clock.set_playing(False)
        window.pipeline.wait_idle()
    finally:
        del model.frame
    assert len(during) >= 8
    assert all(t is not threading.main_thread() for t in during), [t.name for t in during]
    assert window.canvas.frame.day > first  # what the worker made was painted: the picture moved on


def test_a_frame_made_ahead_is_painted_without_tracing_on_the_gui_thread_and_as_made_in_step(qapp, monkeypatch):
    from osteoviz.qt import outlines

    day = 140.3
    c = SceneCanvas()
    c.frame = frame_for("endochondral", 139.0)
    c.render_image(960, 540)
    frame = frame_for("endochondral", day)
    worker = threading.Thread(target=c.trace_job(), args=(frame,))
    worker.start()
    worker.join()
    traced = []
    real = outlines._paths
    monkeypatch.setattr(outlines, "_paths", lambda labels, *a, **k: traced.append(labels.shape) or real(labels, *a, **k))
    c.frame = frame
    made_ahead = _pixels(c.render_image(960, 540))
    assert traced == []  # the GUI thread only painted
    monkeypatch.setattr(outlines, "_PATHS", type(outlines._PATHS)())  # nothing traced ahead: all in step
    fresh = SceneCanvas()
    fresh.frame = frame_for("endochondral", day)
    in_step = _pixels(fresh.render_image(960, 540))
    assert traced  # (this time the GUI thread traced)
    assert np.array_equal(made_ahead, in_step)


def test_a_stale_pipelined_frame_is_dropped_and_frames_never_queue(qapp):
    pipe = FramePipeline(max_lag=0.01)
    gate = threading.Event()
    made = []

    def job(name):
        def run():
            gate.wait(10)
            made.append(name)
            return name
        return run

    try:
        assert pipe.request(0.50, "normal", job("a"))
        assert not pipe.request(0.51, "normal", job("b"))  # one in the making: no queue
        gate.set()
        pipe.wait_idle()
        assert made == ["a"]
        assert pipe.take(0.49, "normal") is None  # the clock went back: dropped
        assert pipe.dropped == 1 and pipe.take(0.52, "normal") is None  # and gone

        assert pipe.request(0.52, "normal", job("c"))
        pipe.wait_idle()
        assert pipe.take(0.53, "pthrp_loss") is None  # another scenario is shown now
        assert pipe.request(0.53, "normal", job("d"))
        pipe.wait_idle()
        assert pipe.take(0.60, "normal") is None  # the clock jumped far ahead
        assert not pipe.request(0.53, "normal", job("d2"))  # the same time again: nothing new to make
        assert pipe.request(0.60, "normal", job("e"))
        pipe.wait_idle()
        assert pipe.take(0.601, "normal") == "e"  # one tick behind the clock: painted
        assert pipe.dropped == 3 and made == ["a", "c", "d", "e"]
    finally:
        gate.set()
        pipe.shutdown()


def test_when_the_worker_fails_the_frame_is_drawn_in_step(window, qtbot):
    """A state the worker could not make is not silently skipped: that tick draws on the GUI thread."""
    view = window.views.view
    model = view.model
    real = model.frame
    calls, in_step = [], []

    @functools.wraps(real)
    def failing(*a, **k):
        calls.append(threading.current_thread())
        in_step.append(threading.current_thread() is threading.main_thread() and window.clock.playing)
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("worker fails")
        return real(*a, **k)

    window.clock.set_day(window.clock.phases[4].representative_day)
    qtbot.wait(50)
    model.frame = failing
    try:
        window.clock.set_playing(True)
        qtbot.waitUntil(lambda: any(in_step), timeout=4000)  # while still playing
        window.clock.set_playing(False)
        window.pipeline.wait_idle()
    finally:
        del model.frame
    assert any(t is not threading.main_thread() for t in calls)  # the worker was asked first


def test_the_underlay_of_a_frame_made_ahead_is_made_on_the_worker(qapp, monkeypatch):
    """Besides the outlines, the worker makes the tissue underlay image (and counts the sites): showing the frame
    the GUI thread only draws; the picture equals one made in step."""
    from osteoviz.qt import outlines

    made, counted = [], []
    real_init, real_counts = outlines.Underlay.__init__, outlines.site_counts
    monkeypatch.setattr(outlines.Underlay, "__init__",
                        lambda self, *a: made.append(threading.current_thread()) or real_init(self, *a))
    monkeypatch.setattr(outlines, "site_counts", lambda *a: counted.append(threading.current_thread()) or real_counts(*a))
    c = SceneCanvas()
    c.frame = frame_for("endochondral", 139.0)
    c.render_image(960, 540)
    frame = frame_for("endochondral", 141.3)
    made.clear()
    counted.clear()
    worker = threading.Thread(target=c.trace_job(), args=(frame,))
    worker.start()
    worker.join()
    assert made and counted and threading.main_thread() not in made + counted  # (the worker's)
    made.clear()
    counted.clear()
    c.frame = frame
    ahead = _pixels(c.render_image(960, 540))
    assert made == [] and counted == []  # the GUI thread only drew
    fresh = SceneCanvas()
    fresh.frame = frame_for("endochondral", 141.3)
    assert np.array_equal(ahead, _pixels(fresh.render_image(960, 540)))
