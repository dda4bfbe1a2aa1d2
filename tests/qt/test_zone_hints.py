"""While playing, zone names keep their arrangement as long as it stays clean (no search at every frame); a still
picture is laid out afresh, exactly as an export lays it out."""

import numpy as np

from osteoviz.qt import zonebrackets
from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.headless import frame_for
from osteoviz.qt.labels import _crossings_of, _tangles_of
from tests.qt.test_canvas import pixels

W, H = 1600, 900  # the window's canvas: in childhood the names under the plate have no clean arrangement there


def _ticks(day: float, n: int):
    scale = ClockState._scale_for("endochondral")
    start = scale.to_pos(day)
    return [frame_for("endochondral", float(scale.to_day(start + i / (25 * scale.seconds_at_1x)))) for i in range(n)]


def _clean(zones) -> bool:
    boxes = [(z.box.x(), z.box.y(), z.box.width(), z.box.height()) for z in zones]
    ax = [(z.bracket.x1() + z.bracket.x2()) / 2 for z in zones]
    ay = [z.bracket.y1() for z in zones]
    overlap = any(a.box.intersects(b.box) for i, a in enumerate(zones) for b in zones[i + 1:])
    return not overlap and _crossings_of(ax, ay, boxes, [], (), []) == 0 and _tangles_of(ax, ay, boxes) == 0


def test_playing_keeps_a_clean_arrangement_without_searching_at_every_frame(qapp, monkeypatch):
    searches = []
    real = zonebrackets.stack_rows
    monkeypatch.setattr(zonebrackets, "stack_rows", lambda *a, **k: searches.append(1) or real(*a, **k))
    frames = _ticks(2457.0, 8)
    still, playing = SceneCanvas(), SceneCanvas()
    playing.set_playing(True)
    counts = {}
    for name, c in (("still", still), ("playing", playing)):
        searches.clear()
        for f in frames:
            c.frame = f
            c.render_image(W, H)
            zones = c.overlay().zones
            assert len(zones) == 5 and _clean(zones), name  # every frame: names clear of each other and of leaders
            assert {z.key for z in zones} == {k for k, *_ in f.inset_zones}
        counts[name] = len(searches)
    assert counts["playing"] * 4 <= counts["still"], counts  # the search ran at the first frame, not at every one


def test_a_picture_paused_after_playing_is_the_one_an_export_draws(qapp, monkeypatch):
    from osteoviz.qt import overlay

    frames = _ticks(2457.0, 6)
    c = SceneCanvas()
    c.set_playing(True)
    for f in frames:
        c.frame = f
        c.render_image(W, H)
    laid = []
    real = overlay.layout_zones
    monkeypatch.setattr(overlay, "layout_zones", lambda *a: laid.append(a[-1]) or real(*a))
    c.set_playing(False)  # paused: laid out afresh, with no arrangement kept from playing
    still = pixels(c.render_image(W, H))
    assert laid and all(hints is None for hints in laid)
    fresh = SceneCanvas()
    fresh.frame = frames[-1]
    assert np.array_equal(still, pixels(fresh.render_image(W, H)))


def _drag(window, qtbot, day: float) -> None:
    """Press on the timeline at `day` and drag it 8 px, a picture every few milliseconds."""
    from PySide6 import QtCore
    from PySide6.QtTest import QTest

    tl = window.timeline
    x0, y = int(tl.x_of(day)), int(tl._bar().center().y())
    QTest.mousePress(tl, QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier, QtCore.QPoint(x0, y))
    for k in range(1, 9):
        QTest.mouseMove(tl, QtCore.QPoint(x0 + k, y))
        window.render_now()
        qtbot.wait(10)
    QTest.mouseRelease(tl, QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier, QtCore.QPoint(x0 + 8, y))


def test_dragging_the_timeline_keeps_the_arrangement_and_settles_afresh(window, qtbot, monkeypatch):
    """Dragged over childhood, the window does not search the names' arrangement at every picture; when the drag
    stops, the picture is laid out afresh: it equals a fresh canvas's at that time."""
    from osteoviz.qt import window as window_module

    searches = []
    real = zonebrackets.stack_rows
    monkeypatch.setattr(zonebrackets, "stack_rows", lambda *a, **k: searches.append(1) or real(*a, **k))
    counts = []
    assert window_module.MOVING_S <= 0.5  # (a lecturer's pause settles the picture within half a second)
    for moving_s in (0.0, 2.0):  # never taken for a drag; taken for one (however slow a loaded machine draws)
        monkeypatch.setattr(window_module, "MOVING_S", moving_s)
        window.clock.set_day(2457.0)
        window.render_now()
        qtbot.wait(400)  # (still: no drag yet)
        searches.clear()
        _drag(window, qtbot, 2457.0)
        counts.append(len(searches))
    assert window.canvas.moving and counts[1] * 3 <= counts[0], counts
    qtbot.waitUntil(lambda: not window.canvas.moving, timeout=6000)  # the drag ended: settled
    c = window.canvas
    fresh = SceneCanvas()
    fresh.frame = c.frame
    assert np.array_equal(pixels(c.render_image(c.width(), c.height())), pixels(fresh.render_image(c.width(), c.height())))


def test_a_movie_keeps_the_arrangement_and_a_picture_after_it_is_laid_out_afresh(qapp, tmp_path, monkeypatch):
    """A movie through childhood searches the names' arrangement far less often than its frames exported one by
    one; the picture exported after it equals one exported alone."""
    from osteoviz.qt.export_movie import MovieSpec, write_movie
    from osteoviz.qt.export_picture import PictureOptions, configured_canvas

    searches = []
    real = zonebrackets.stack_rows
    monkeypatch.setattr(zonebrackets, "stack_rows", lambda *a, **k: searches.append(1) or real(*a, **k))
    opts = PictureOptions(W, H)
    spec = MovieSpec("endochondral", 2457.0, 2500.0, fps=8, duration_s=1.0, options=opts)
    days = spec.frame_days()
    for day in days:  # the frames as still pictures
        configured_canvas("endochondral", float(day), opts).render_image(W, H)
    still = len(searches)
    searches.clear()
    write_movie(spec, tmp_path / "m.mp4")
    assert len(searches) * 3 <= still, (len(searches), still)
    after = pixels(configured_canvas("endochondral", float(days[-1]), opts).render_image(W, H))
    fresh = SceneCanvas()
    fresh.frame = frame_for("endochondral", float(days[-1]))
    assert np.array_equal(after, pixels(fresh.render_image(W, H)))
