"""A frame drawn over the one before repaints only the parts that changed (and what overlaps them): playing, the
words that stay are neither cleared nor drawn again, and every frame still equals a fresh picture."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.headless import frame_for
from osteoviz.qt.inkparts import _line_rects, ink_parts, repaint_plan
from osteoviz.qt.passmemo import painting
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


@pytest.mark.parametrize("process, day, size, labels", [
    ("endochondral", 300.0, (5760, 3240), False),  # after birth: the zones on an enlarged scale, at 3x 1080p
    ("endochondral", 140.0, (1920, 1080), True), ("intramembranous", 150.0, (1920, 1080), True),
    ("fracture", 13.0, (1280, 720), True)])
def test_each_part_paints_only_within_its_rectangles(qapp, process, day, size, labels):
    """What a part paints alone lies in its rectangles (else a kept part's neighbours would leave stale pixels)."""
    w, h = size
    c = SceneCanvas()
    c.show_labels = labels
    c.frame = frame_for(process, day, labels)
    c.prepare(w, h)
    img = QtGui.QImage(w, h, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    with painting(c):
        parts = [(pid, rects) for pid, _key, rects in ink_parts(c, w, h) if pid is not None]
        ids = {pid for pid, _rects in parts}
        for pid, rects in parts:
            img.fill(0)
            c.overlay_kept = frozenset(ids - {pid})  # every part but this one left out
            p = QtGui.QPainter(img)
            p.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.SmoothPixmapTransform)
            c.paint_overlay(p)
            p.end()
            alpha = np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine() // 4, 4)[:, :w, 3]
            inside = np.zeros((h, w), bool)
            for x, y, rw, rh in rects:
                inside[y:y + rh, x:x + rw] = True
            assert alpha[inside].any(), pid  # (it did paint)
            assert not (alpha[~inside] > 0).any(), (pid, int((alpha[~inside] > 0).sum()))
    c.overlay_kept = frozenset()
    assert any(pid[0] == "zone" for pid, _r in parts) or process == "fracture"
