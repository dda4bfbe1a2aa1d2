"""Drawing only what changed: a frame showing the very same picture is not drawn again; any change is."""

import numpy as np

from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.headless import frame_for
from tests.qt.test_canvas import pixels


def fresh_pixels(frame, **flags):
    c = SceneCanvas()
    for k, v in flags.items():
        setattr(c, k, v)
    c.frame = frame
    return pixels(c.render_image(960, 540))


def skipped(canvas, frame) -> bool:
    before = canvas.repaints_skipped
    canvas.set_frame(frame)
    return canvas.repaints_skipped == before + 1


def test_the_same_picture_is_not_drawn_again_and_a_changed_one_is(qapp):
    c = SceneCanvas()
    c.resize(960, 540)
    day = 48.0  # the cartilage model: the model shows one state for several ticks
    assert not skipped(c, frame_for("endochondral", day))
    assert skipped(c, frame_for("endochondral", day))  # new arrays, same contents
    assert np.array_equal(pixels(c.render_image(960, 540)), fresh_pixels(frame_for("endochondral", day)))
    c.show_legend = False  # a setting that changes the picture (set as the window and exports do): drawn
    c._key = None
    assert not skipped(c, frame_for("endochondral", day))
    assert np.array_equal(pixels(c.render_image(960, 540)), fresh_pixels(frame_for("endochondral", day), show_legend=False))
    later = frame_for("endochondral", 140.0)  # another state: drawn, and the pixels follow it
    assert not skipped(c, later)
    assert np.array_equal(pixels(c.render_image(960, 540)), fresh_pixels(later, show_legend=False))
    c._key = None  # code that changed what is drawn asks for a new layout: drawn even with equal frames
    assert not skipped(c, frame_for("endochondral", 140.0))
    c.presentation, c.progress = True, 0.5  # the progress line in presentation moves with the clock
    assert not skipped(c, later)
    assert skipped(c, later)
    c.progress = 0.6
    assert not skipped(c, later)


def test_playing_repaints_the_picture_and_timeline_not_the_window_behind_them(window, qtbot):
    """At every tick only the canvas and the timeline are painted: the window, splitter and panels behind them
    (each with a style-sheet background) are not painted again under them."""
    from PySide6 import QtCore, QtWidgets

    paints: dict = {}

    class Count(QtCore.QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QtCore.QEvent.Type.Paint:
                paints[obj] = paints.get(obj, 0) + 1
            return False

    counter = Count()
    app = QtWidgets.QApplication.instance()
    window.clock.set_day(window.clock.phases[4].representative_day)
    qtbot.wait(50)
    app.installEventFilter(counter)
    try:
        start = window.frames_drawn
        window.clock.set_playing(True)
        qtbot.waitUntil(lambda: window.frames_drawn - start >= 12, timeout=20000)
        window.clock.set_playing(False)
    finally:
        app.removeEventFilter(counter)
    drawn = paints.get(window.canvas.viewport(), 0)
    assert drawn >= 10
    assert paints.get(window.timeline, 0) >= 10  # the cursor moves
    assert paints.get(window, 0) <= drawn // 3, (paints.get(window, 0), drawn)
    assert paints.get(window.centralWidget(), 0) <= drawn // 3


def test_playing_within_one_history_step_does_not_trace_the_organ_again(qapp, monkeypatch):
    """At 1x the organ's proportions change at every frame but its tissue only at each step of the history:
    a frame between two steps stretches the outlines already traced (and draws what a fresh canvas draws)."""
    from osteoviz.qt import outlines
    from osteoviz.simcache import load

    model, history = load("endochondral")
    day, later = 140.0, 140.05
    assert history.step_at(later) == history.step_at(day) and model.aspect(later) != model.aspect(day)
    c = SceneCanvas()
    c.frame = frame_for("endochondral", day)
    c.render_image(960, 540)
    traced = []
    real = outlines.label_paths
    monkeypatch.setattr(outlines, "label_paths", lambda labels, *a, **k: traced.append(labels.shape) or real(labels, *a, **k))
    frame = frame_for("endochondral", later)
    c.frame = frame
    img = pixels(c.render_image(960, 540))
    assert frame.main.tissue.shape not in traced  # the organ: not traced again
    assert frame.inset.tissue.shape in traced  # the close-up follows the day: traced (the test sees tracing)
    assert np.array_equal(img, fresh_pixels(frame))


def _on_screen(window, widget) -> np.ndarray:
    """The pixels the window shows where the widget is (its backing store: what painting left there), RGB."""
    from PySide6 import QtCore, QtGui

    shot = window.screen().grabWindow(window.winId()).toImage()
    part = shot.copy(QtCore.QRect(widget.mapTo(window, QtCore.QPoint(0, 0)), widget.size()))
    return _rgb(part.convertToFormat(QtGui.QImage.Format.Format_RGB32))


def _rgb(img) -> np.ndarray:
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, :img.width(), :3].copy()


def test_what_is_left_on_screen_while_playing_equals_a_whole_repaint(window, qtbot):
    """The timeline repaints only the cursor's old and new places, the canvas all but an unchanged legend: what the
    window shows after a few ticks equals the timeline and the canvas painted whole at that moment."""
    from PySide6 import QtCore, QtGui

    window.clock.set_day(140.0)
    qtbot.wait(50)
    regions = []

    class Spy(QtCore.QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QtCore.QEvent.Type.Paint:
                regions.append(QtGui.QRegion(ev.region()))
            return False

    spy = Spy()
    window.timeline.installEventFilter(spy)
    for day in (141.0, 143.0, 150.0, 151.0, 170.0):
        window.clock.set_day(day)
        window.render_now()
        qtbot.wait(20)
    window.timeline.removeEventFilter(spy)
    full = window.timeline.rect()
    small = [r.boundingRect().width() < full.width() // 10 for r in regions]
    assert len(regions) >= 4 and all(small[1:]), [r.boundingRect() for r in regions]  # the cursor only, after the first
    assert np.array_equal(_on_screen(window, window.timeline), _rgb(window.timeline.grab().toImage().convertToFormat(
        QtGui.QImage.Format.Format_RGB32)))
    canvas = window.canvas
    assert canvas._legend_on_screen is not None  # the legend was left in place ...
    assert np.array_equal(_on_screen(window, canvas.viewport()), _rgb(canvas.viewport().grab().toImage().convertToFormat(
        QtGui.QImage.Format.Format_RGB32)))  # ... and what is on screen is the whole picture of this frame


def test_the_screen_shows_no_trace_of_the_frame_before_where_the_underlay_skips_the_background(qtbot):
    """On screen the background is filled only outside the tissue underlays (they paint every pixel there): a
    canvas that showed another picture first ends up showing exactly what a canvas showing only this one does."""
    from PySide6 import QtGui, QtWidgets

    from osteoviz.qt.canvas import SceneCanvas
    from osteoviz.simcache import load

    vault, vh = load("intramembranous")
    femur, fh = load("endochondral")
    before, after = vault.frame(vh, vh.days[-1]), femur.frame(fh, 140.0)
    shown = []
    for frames in ((before, after), (after,)):
        win = QtWidgets.QMainWindow()
        canvas = SceneCanvas()
        win.setCentralWidget(canvas)
        win.resize(1280, 720)
        win.show()
        qtbot.waitExposed(win)
        for frame in frames:
            canvas.set_frame(frame)
            canvas.viewport().repaint()
            qtbot.wait(20)
        assert not canvas.main_img.covered().isEmpty()  # the background was left out under the organ's underlay
        shown.append(_on_screen(win, canvas.viewport()))
        win.hide()
    assert np.array_equal(shown[0], shown[1])
