"""Cell shapes: each cell type has its own symbol (so types differ by shape as well as colour)."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui

from ..model.kinds import Cell


def _ellipse(w: float, h: float) -> QtGui.QPainterPath:
    p = QtGui.QPainterPath()
    p.addEllipse(-w / 2, -h / 2, w, h)
    return p


def _star(points: int, inner: float) -> QtGui.QPainterPath:
    p = QtGui.QPainterPath()
    for i in range(points * 2):
        r = 0.5 if i % 2 == 0 else 0.5 * inner
        a = math.pi * i / points - math.pi / 2
        (p.moveTo if i == 0 else p.lineTo)(r * math.cos(a), r * math.sin(a))
    p.closeSubpath()
    return p


def _osteoclast() -> QtGui.QPainterPath:
    """A large lobed cell with several nuclei (drawn as a ruffled blob)."""
    p = QtGui.QPainterPath()
    for dx, dy, r in ((-0.2, 0.05, 0.3), (0.18, 0.05, 0.3), (0.0, -0.12, 0.3), (0.0, 0.16, 0.26)):
        p.addEllipse(dx - r, dy - r, 2 * r, 2 * r)
    return p.simplified()


def _bar() -> QtGui.QPainterPath:
    """An endothelial cell: a flat bar lining the vessel with its nucleus bulging on one side."""
    p = QtGui.QPainterPath()
    p.addRoundedRect(-0.5, -0.02, 1.0, 0.18, 0.08, 0.08)
    p.addEllipse(-0.2, -0.2, 0.4, 0.3)
    return p.simplified()


def _spindle() -> QtGui.QPainterPath:
    """A fibroblast: spindle-shaped, tapering to points at both ends."""
    p = QtGui.QPainterPath()
    p.moveTo(-0.5, 0.0)
    p.quadTo(0.0, -0.34, 0.5, 0.0)
    p.quadTo(0.0, 0.34, -0.5, 0.0)
    p.closeSubpath()
    return p


def _hypertrophic() -> QtGui.QPainterPath:
    """A hypertrophic chondrocyte: a large pale rounded cell with its nucleus, in a swollen lacuna (thin rim)."""
    p = QtGui.QPainterPath()
    p.setFillRule(QtCore.Qt.FillRule.OddEvenFill)
    for side, radius in ((1.0, 0.34), (0.86, 0.28), (0.74, 0.24)):  # lacuna rim, the clear space, the cell
        p.addRoundedRect(-side / 2, -side / 2, side, side, radius, radius)
    p.addEllipse(QtCore.QPointF(0.06, -0.04), 0.12, 0.12)  # the nucleus, dark (a hole in the pale cell)
    return p


def _empty_lacuna() -> QtGui.QPainterPath:
    """A lens-shaped lacuna with nothing in it: the dead osteocyte's space, a rim around a hole."""
    p = QtGui.QPainterPath()
    p.addEllipse(-0.5, -0.28, 1.0, 0.56)
    p.addEllipse(-0.36, -0.16, 0.72, 0.32)
    return p  # odd-even fill: the inner ellipse stays empty


def _osteocyte() -> QtGui.QPainterPath:
    """An osteocyte: a lens-shaped cell body in its lacuna with thin canaliculi radiating to its neighbours."""
    p = QtGui.QPainterPath()
    p.addEllipse(-0.2, -0.12, 0.4, 0.24)
    for i in range(10):
        a = math.pi * i / 5 + 0.2
        w = 0.022
        c, s = math.cos(a), math.sin(a)
        poly = QtGui.QPolygonF([QtCore.QPointF(-s * w, c * w), QtCore.QPointF(0.5 * c - s * w * 0.5, 0.5 * s + c * w * 0.5),
                                QtCore.QPointF(0.5 * c + s * w * 0.5, 0.5 * s - c * w * 0.5), QtCore.QPointF(s * w, -c * w)])
        p.addPolygon(poly)
        p.closeSubpath()
    return p.simplified()


# symbol and size relative to one site's width in pixels
SHAPES: dict[int, tuple[object, float]] = {
    Cell.MESENCHYMAL: (_star(4, 0.45), 0.85),
    Cell.CHONDROCYTE: ("o", 0.55),
    Cell.PROLIFERATIVE: (_ellipse(0.42, 1.0), 1.05),
    Cell.HYPERTROPHIC: (_hypertrophic(), 1.0),
    Cell.OSTEOPROGENITOR: ("t", 0.7),
    Cell.OSTEOBLAST: ("s", 0.62),
    Cell.OSTEOCYTE: (_osteocyte(), 1.2),  # canaliculi reach the neighbours' (lacunae linked)
    Cell.OSTEOCLAST: (_osteoclast(), 1.9),
    Cell.ENDOTHELIAL: (_bar(), 1.0),
    Cell.HAEMATOPOIETIC: ("d", 0.55),
    Cell.FIBROBLAST: (_spindle(), 0.95),
    Cell.NEUTROPHIL: (_star(3, 0.55), 0.6),  # small, with a lobed nucleus
    Cell.MACROPHAGE: ("h", 0.9),  # large, ruffled
    Cell.EMPTY_LACUNA: (_empty_lacuna(), 0.9),  # the space a dead osteocyte left
}


# the least a glyph is drawn across, in pixels at 1080 p (scaled with the canvas): cells a lecture points at stay
# visible on a projector even where a site is a few pixels wide
MIN_PX: dict[int, float] = {Cell.OSTEOCYTE: 9.0, Cell.HAEMATOPOIETIC: 9.0, Cell.MESENCHYMAL: 9.0, Cell.NEUTROPHIL: 7.0,
                             Cell.MACROPHAGE: 10.0}


def symbol_path(symbol) -> QtGui.QPainterPath:
    """A QPainterPath for a symbol (pyqtgraph's built-ins by name, or a path as is)."""
    if isinstance(symbol, QtGui.QPainterPath):
        return symbol
    import pyqtgraph.graphicsItems.ScatterPlotItem as spi

    return spi.Symbols[symbol]
