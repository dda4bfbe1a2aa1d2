"""A frame drawn over the one before repaints only the parts that changed (and what overlaps them): playing, the
words that stay are neither cleared nor drawn again, and every frame still equals a fresh picture."""

import numpy as np
import pytest
from PySide6 import QtCore

from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.headless import frame_for
from osteoviz.qt.inkparts import _line_rects, repaint_plan
from tests.qt.test_canvas import pixels

W, H = 1280, 720


def fresh(frame, labels=False):
    c = SceneCanvas()
    c.show_labels = labels
    c.frame = frame
    return pixels(c.render_image(W, H))


@pytest.mark.parametrize("process, day", [("endochondral", 140.0), ("intramembranous", 150.0), ("fracture", 13.0)])
def test_playing_keeps_unchanged_words_and_matches_fresh_pictures(qapp, process, day):
    reused = SceneCanvas()
    reused.set_playing(True)
    scale = ClockState._scale_for(process)
    start = scale.to_pos(day)
    drawn = []
    real = reused.paint_overlay

    def watch(p):  # which parts each frame drew again
        drawn.append(set(reused.overlay_kept))
        real(p)

    reused.paint_overlay = watch
    for i in range(6):
        f = frame_for(process, float(scale.to_day(start + i / (60 * scale.seconds_at_1x))))
        reused.frame = f
        assert np.array_equal(pixels(reused.render_image(W, H)), fresh(f)), (process, i)
    kept = set().union(*drawn)
    if process == "endochondral":  # a new tissue at every frame (the others keep theirs: drawn from the cached base)
        assert reused.frame_cache.stats["direct"] >= 5
    if reused.frame_cache.stats["direct"] >= 3:  # the words that stayed, stayed
        assert ("legend",) in kept and any(pid[0] == "caption" for pid in kept), kept


def test_a_kept_part_that_overlaps_a_changed_one_is_repainted_whole():
    old = [(None, None, ((0, 0, 10, 10),)), (("a",), ("same",), ((20, 0, 10, 10),)), (("b",), ("x",), ((25, 5, 20, 5),)),
           (("c",), ("far",), ((100, 100, 5, 5),))]
    new = [(None, None, ((0, 0, 10, 10),)), (("a",), ("same",), ((20, 0, 10, 10),)), (("b",), ("y",), ((25, 5, 20, 5),)),
           (("c",), ("far",), ((100, 100, 5, 5),))]
    rects, kept = repaint_plan(old, new)
    region = set()
    for r in rects:  # (the pixels of the region)
        region |= {(x, y) for x in range(r.x(), r.x() + r.width()) for y in range(r.y(), r.y() + r.height())}
    assert kept == {("c",)}  # "a" is unchanged but "b", which changed, overlaps it
    assert {(20, 0), (29, 9), (44, 9), (0, 0)} <= region and (100, 100) not in region


def test_a_slanted_line_is_held_by_small_pieces_not_its_whole_box():
    line = QtCore.QLineF(0, 0, 1000, 400)
    pieces = _line_rects(line)
    assert sum(w * h for _x, _y, w, h in pieces) < 0.1 * 1000 * 400
    for t in np.linspace(0, 1, 97):  # every point of the line lies in a piece
        p = line.pointAt(float(t))
        assert any(QtCore.QRectF(*r).adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(p) for r in pieces)
