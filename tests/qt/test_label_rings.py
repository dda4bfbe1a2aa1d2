"""A label that names a cell rings it, so the cell stays visible; the clot's red cells and fibrin lie under the cells
a lecturer points at (the round-6 review: filled dots hid the neutrophil, macrophage, lacuna and osteoblast named)."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from osteoviz.colours import hex_rgb
from osteoviz.model.kinds import Cell as C
from osteoviz.qt.canvas import CELL_LABELS, RING_PX
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from legend_glyph import rgb_pixels  # tests/qt/legend_glyph.py (this folder is on the path)

CASES = [("fracture", 1.0), ("endochondral", 17 * 365.25 + 266), ("intramembranous", 140.0)]


class Marks:
    """A painter stand-in that keeps every circle drawn with the brush it was filled with (and draws it)."""

    def __init__(self, painter):
        self._p, self.circles = painter, []

    def drawEllipse(self, centre, rx, ry):
        self.circles.append((QtCore.QPointF(centre), rx, self._p.brush().style()))
        self._p.drawEllipse(centre, rx, ry)

    def __getattr__(self, name):
        return getattr(self._p, name)


@pytest.mark.parametrize("process, day", CASES)
def test_a_named_cell_is_ringed_not_covered(qapp, process, day):
    canvas = configured_canvas(process, day, PictureOptions(width=1920, height=1080, labels=True))
    img = canvas.render_image(1920, 1080)
    lay = canvas.overlay()
    named = [a for k, a, _r in lay.inset_labels if k in CELL_LABELS]
    assert named, "no cell is named in this picture"
    painter = QtGui.QPainter(img)
    try:
        rec = Marks(painter)
        canvas._labels(rec, canvas._ui(), lay.labels + lay.inset_labels, lay.label_texts)
    finally:
        painter.end()
    for a in named:
        at = [(r, style) for c, r, style in rec.circles if (c - a).manhattanLength() < 0.5]
        assert at and all(style == QtCore.Qt.BrushStyle.NoBrush for _r, style in at), at  # nothing filled over it
    rgb = rgb_pixels(img).astype(int)
    accent = np.array(hex_rgb(canvas.profile.accent))
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    for a in named:  # and the ring is there to see, in the accent colour
        ring = rgb[np.round(a.y() + RING_PX * np.sin(t)).astype(int), np.round(a.x() + RING_PX * np.cos(t)).astype(int)]
        assert (np.abs(ring - accent).sum(axis=1) < 60).mean() > 0.6


def test_red_cells_and_fibrin_lie_under_the_clot_cells_named(qapp):
    canvas = configured_canvas("fracture", 1.0, PictureOptions(width=1920, height=1080))
    under = {canvas.scatters[int(C.ERYTHROCYTE)].zValue(), canvas.scatters[int(C.FIBRIN)].zValue()}
    for code in (C.NEUTROPHIL, C.MACROPHAGE, C.EMPTY_LACUNA):
        assert canvas.scatters[int(code)].zValue() > max(under), code
