"""Frames drawn to an image from the cached tissue (repainting only the inset and caption) match full renders."""

from dataclasses import replace

from PySide6 import QtCore, QtGui

import numpy as np

from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.headless import frame_for
from tests.qt.test_canvas import pixels

W, H = 800, 450


def uncached() -> SceneCanvas:
    c = SceneCanvas()
    c.frame_cache.keys = lambda width, height: None  # every frame drawn whole, from scratch
    return c


def test_playback_frames_drawn_from_the_cache_match_full_renders(qapp):
    cached, full = SceneCanvas(), uncached()
    for process, day in (("endochondral", 48.0), ("intramembranous", 150.0), ("fracture", 13.0)):
        scale = ClockState._scale_for(process)
        start = scale.to_pos(day)
        for i in range(8):  # 1x at 60 frames/s: the tissue stays for a few frames, the age and cells move
            f = frame_for(process, float(scale.to_day(start + i / (60 * scale.seconds_at_1x))))
            if i == 5:  # the progress bar of the presentation mode moves at every frame too
                for c in (cached, full):
                    c.presentation, c.progress = True, 0.4
            cached.frame = full.frame = f
            assert np.array_equal(pixels(cached.render_image(W, H)), pixels(full.render_image(W, H))), (process, i)
        for c in (cached, full):
            c.presentation = False
    assert cached.frame_cache.stats["partial"] > 0  # the partial repaint was exercised


def test_moved_cells_and_a_changed_caption_repaint_where_they_are(qapp):
    cached, full = SceneCanvas(), uncached()
    base = frame_for("endochondral", 140.0)
    frames = [replace(base, inset=replace(base.inset, cells={c: p + np.float32(0.7 * k) for c, p in base.inset.cells.items()}))
              for k in range(3)]
    frames.append(replace(frames[0], day=frames[0].day + 30.0))  # another age in the caption, same tissue and cells
    for f in frames + frames[:1]:
        cached.frame = full.frame = f
        a, b = pixels(cached.render_image(W, H)), pixels(full.render_image(W, H))
        assert np.array_equal(a, b)
    assert cached.frame_cache.stats["partial"] >= 3
    assert not np.array_equal(pixels(full.render_image(W, H)), fresh(frames[1]))  # the cells' move is visible


def fresh(frame):
    c = uncached()
    c.frame = frame
    return pixels(c.render_image(W, H))


def test_a_legend_left_in_place_while_playing_matches_fresh_pictures(qapp):
    """Playing, the legend's pixels stay in the reused buffer (not cleared, not drawn again): every frame still
    equals the same frame drawn by a new canvas, and the legend was indeed left in place."""
    reused = uncached()
    scale = ClockState._scale_for("endochondral")
    start = scale.to_pos(140.0)
    for i in range(5):
        f = frame_for("endochondral", float(scale.to_day(start + i / (25 * scale.seconds_at_1x))))
        reused.frame = f
        assert np.array_equal(pixels(reused.render_image(W, H)), fresh(f)), i
    assert reused.frame_cache.stats["legend_kept"] >= 3
    other = frame_for("intramembranous", 150.0)  # another legend: drawn again, not kept
    reused.frame = other
    kept = reused.frame_cache.stats["legend_kept"]
    assert np.array_equal(pixels(reused.render_image(W, H)), fresh(other))
    assert reused.frame_cache.stats["legend_kept"] == kept


def test_the_window_repaints_all_but_an_unchanged_legend(qapp):
    c = SceneCanvas()
    c.resize(W, H)
    c.show()
    scale = ClockState._scale_for("endochondral")
    start = scale.to_pos(140.0)
    c.set_frame(frame_for("endochondral", float(scale.to_day(start))))
    qapp.processEvents()
    full = c.viewport().rect()
    hole = c._legend_hole()
    assert not hole.isEmpty() and c._legend_on_screen is not None  # painted once: the legend is on screen
    c.set_frame(frame_for("endochondral", float(scale.to_day(start + 1 / (25 * scale.seconds_at_1x)))))
    region = c.dirty_region()
    assert not region.intersects(hole) and region.contains(full.topLeft()) and region.contains(hole.topLeft() - QtCore.QPoint(2, 2))
    c.lang = "nl"  # another language: another legend, all repainted
    c.set_frame(c.frame)
    assert c.dirty_region().intersected(hole) == QtGui.QRegion(hole)
    c.hide()  # (closing a bare top-level canvas crashes pyqtgraph; the window never does)
