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
