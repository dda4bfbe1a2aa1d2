"""Cell types differ by shape, not only colour: every symbol's silhouette is its own."""

import itertools

import numpy as np
from PySide6 import QtCore, QtGui

from osteoviz.model.kinds import Cell, cell_key
from osteoviz.qt.symbols import SHAPES, symbol_path


def silhouette(symbol, n: int = 48, scale: float = 1.0) -> np.ndarray:
    """The symbol filled in an n x n mask (its unit path scaled to the mask, times `scale`)."""
    img = QtGui.QImage(n, n, QtGui.QImage.Format.Format_Grayscale8)
    img.fill(0)
    p = QtGui.QPainter(img)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
    p.translate(n / 2, n / 2)
    p.scale(n * 0.9 * scale, n * 0.9 * scale)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(QtGui.QColor(255, 255, 255))
    p.drawPath(symbol_path(symbol))
    p.end()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(n, img.bytesPerLine())[:, :n]
    return buf.copy() > 127


def test_every_cell_type_has_a_shape_of_its_own(qapp):
    assert set(SHAPES) == {c for c in Cell if c != Cell.NONE}
    masks = {c: silhouette(sym) for c, (sym, _) in SHAPES.items()}
    for c, m in masks.items():
        assert m.sum() > 40, cell_key(c)
    for a, b in itertools.combinations(masks, 2):
        ra, rb = SHAPES[a][1], SHAPES[b][1]
        if max(ra, rb) / min(ra, rb) >= 1.5:
            continue  # told apart by size (a resting chondrocyte beside a swollen hypertrophic one)
        overlap = (masks[a] & masks[b]).sum() / (masks[a] | masks[b]).sum()
        assert overlap < 0.8, f"{cell_key(a)} and {cell_key(b)} look alike ({overlap:.2f})"
