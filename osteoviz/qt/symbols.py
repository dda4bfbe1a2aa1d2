"""Cell shapes: each cell type has its own symbol (so types differ by shape as well as colour)."""

from __future__ import annotations

import math

from PySide6 import QtGui

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


# symbol and size relative to one site's width in pixels
SHAPES: dict[int, tuple[object, float]] = {
    Cell.MESENCHYMAL: (_star(4, 0.45), 0.85),
    Cell.CHONDROCYTE: ("o", 0.55),
    Cell.PROLIFERATIVE: (_ellipse(0.42, 1.0), 1.05),
    Cell.HYPERTROPHIC: ("h", 1.0),
    Cell.OSTEOPROGENITOR: ("t", 0.7),
    Cell.OSTEOBLAST: ("s", 0.62),
    Cell.OSTEOCYTE: (_star(5, 0.5), 0.8),
    Cell.OSTEOCLAST: (_osteoclast(), 1.9),
    Cell.ENDOTHELIAL: (_bar(), 1.0),
    Cell.HAEMATOPOIETIC: ("d", 0.55),
    Cell.FIBROBLAST: (_spindle(), 0.95),
}


def symbol_path(symbol) -> QtGui.QPainterPath:
    """A QPainterPath for a symbol (pyqtgraph's built-ins by name, or a path as is)."""
    if isinstance(symbol, QtGui.QPainterPath):
        return symbol
    import pyqtgraph.graphicsItems.ScatterPlotItem as spi

    return spi.Symbols[symbol]
