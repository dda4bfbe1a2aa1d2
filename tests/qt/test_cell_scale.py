"""Cells of one type drawn at their own sizes: a per-cell stretch widens each glyph on the picture."""

import numpy as np
from PySide6 import QtCore, QtGui

from osteoviz.model.kinds import Cell
from osteoviz.qt.celllayer import CellLayer
from osteoviz.qt.symbols import SHAPES


def _ink_widths(scale):
    layer = CellLayer(SHAPES[Cell.HYPERTROPHIC][0])
    layer.set_cells(np.array([[40.0, 50.0], [140.0, 50.0]]), 30.0, "#ffffff", "#ffffff", 1.0, scale)
    img = QtGui.QImage(200, 100, QtGui.QImage.Format.Format_ARGB32)
    img.fill(QtCore.Qt.GlobalColor.black)
    p = QtGui.QPainter(img)
    layer.paint(p, None)
    p.end()
    a = np.frombuffer(img.constBits(), np.uint8).reshape(100, 200, 4)[..., :3].max(axis=2)
    row = a[50] > 60
    return int(row[:90].sum()), int(row[90:].sum()), int((a[:, 140] > 60).sum())


def test_per_cell_stretch_changes_each_glyph(qapp):
    same = _ink_widths(None)
    assert abs(same[0] - same[1]) <= 1
    left, right, tall = _ink_widths(np.array([[0.5, 0.5], [1.0, 1.0]]))
    assert right >= 1.7 * left  # the second cell is drawn twice as long as the first
    assert tall >= 25


def test_stretch_groups_drawn_in_order_each_with_its_glyph(qapp):
    """Many overlapping cells in many stretch groups: the picture is every cell's own glyph drawn one by one,
    groups in order of (x stretch, y stretch) and cells in their own order within a group."""
    from osteoviz.qt.celllayer import STRETCH_STEP

    rng = np.random.default_rng(5)
    n = 300
    pos = rng.uniform(10, 190, (n, 2))
    scale = rng.uniform(0.6, 1.6, (n, 2))
    layer = CellLayer(SHAPES[Cell.HYPERTROPHIC][0])
    layer.set_cells(pos, 14.0, "#40a0ff", "#ffffff", 1.0, scale)

    def picture(draw):
        img = QtGui.QImage(200, 200, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.black)
        p = QtGui.QPainter(img)
        draw(p)
        p.end()
        return np.frombuffer(img.constBits(), np.uint8).reshape(200, 200, 4).copy()

    q = np.round(scale / STRETCH_STEP).astype(np.int64)
    order = sorted(range(n), key=lambda i: (q[i, 0], q[i, 1], i))

    def one_by_one(p):
        for i in order:
            pix = layer._stretched(float(q[i, 0]) * STRETCH_STEP, float(q[i, 1]) * STRETCH_STEP, 1.0)
            frag = QtGui.QPainter.PixmapFragment.create(QtCore.QPointF(*pos[i]), QtCore.QRectF(pix.rect()))
            p.drawPixmapFragments(frag, 1, pix)

    groups = len({(a, b) for a, b in q.tolist()})
    assert groups > 50  # the case has many groups, several cells in some
    got = picture(lambda p: layer.paint(p, None))
    want = picture(one_by_one)
    assert (got[..., :3].max(axis=2) > 0).sum() > 5000  # cells were drawn
    assert np.array_equal(got, want)
