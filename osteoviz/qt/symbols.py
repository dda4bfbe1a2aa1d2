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


class LayeredPath(QtGui.QPainterPath):
    """A glyph painted in parts (the path itself is its silhouette): `parts` are (kind, path, colour role, pen px),
    kind "fill" (brush only) or "line" (pen only, `pen px` wide on screen); role "fill" or "edge" of the cell colours, or "nucleus" (the fill, much darker)."""

    parts: tuple = ()


def _osteoclast() -> QtGui.QPainterPath:
    """An osteoclast: a large lobed cell (outlined) with several dark nuclei, lying in its resorption bay."""
    p = QtGui.QPainterPath()
    for dx, dy, r in ((-0.2, 0.05, 0.3), (0.18, 0.05, 0.3), (0.0, -0.12, 0.3), (0.0, 0.16, 0.26)):
        p.addEllipse(dx - r, dy - r, 2 * r, 2 * r)
    p = p.simplified()
    nuclei = QtGui.QPainterPath()
    for dx, dy in ((-0.24, 0.06), (0.2, 0.08), (0.0, -0.17), (-0.02, 0.24)):
        nuclei.addEllipse(QtCore.QPointF(dx, dy), 0.1, 0.075)
    out = LayeredPath(p)
    out.parts = (("fill", p, "fill", 0.0), ("line", p, "edge", 1.0), ("fill", nuclei, "nucleus", 0.0))
    return out


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
    """An osteocyte as in a section: a dark flattened cell body in a pale lacuna (halo) in the matrix, with fine dark
    canaliculi radiating all round towards its neighbours."""
    body, halo, lines = QtGui.QPainterPath(), QtGui.QPainterPath(), QtGui.QPainterPath()
    body.addEllipse(QtCore.QPointF(0, 0), 0.15, 0.085)
    halo.addEllipse(QtCore.QPointF(0, 0), 0.23, 0.145)
    p = LayeredPath()
    p.addEllipse(QtCore.QPointF(0, 0), 0.15, 0.085)
    for i in range(9):
        a = 2 * math.pi * i / 9 + 0.35 + 0.18 * math.sin(3.1 * i)
        c, s = math.cos(a), math.sin(a)
        r0 = 0.9 / math.hypot(c / 0.23, s / 0.145)  # from just inside the lacuna's rim
        r1 = 0.5 if i % 2 == 0 else 0.42
        lines.moveTo(r0 * c, r0 * s)
        lines.lineTo(r1 * c, r1 * s)
        w = 0.02
        p.addPolygon(QtGui.QPolygonF([QtCore.QPointF(-s * w, c * w), QtCore.QPointF(r1 * c - s * w * 0.5, r1 * s + c * w * 0.5),
                                      QtCore.QPointF(r1 * c + s * w * 0.5, r1 * s - c * w * 0.5), QtCore.QPointF(s * w, -c * w)]))
        p.closeSubpath()
    p = p.simplified()
    out = LayeredPath(p)
    out.parts = (("line", lines, "fill", 0.9), ("fill", halo, "edge", 0.0), ("fill", body, "fill", 0.0))
    return out


def _erythrocyte() -> QtGui.QPainterPath:
    """A red blood cell seen face on: a small round disc, paler in its thin centre (biconcave, no nucleus), with a
    thin darker rim so packed cells stay apart."""
    disc, centre, ring = QtGui.QPainterPath(), QtGui.QPainterPath(), QtGui.QPainterPath()
    disc.addEllipse(QtCore.QPointF(0, 0), 0.5, 0.5)
    centre.addEllipse(QtCore.QPointF(0, 0), 0.26, 0.26)
    ring.setFillRule(QtCore.Qt.FillRule.OddEvenFill)  # its silhouette: the thick red rim round the thin centre
    ring.addEllipse(QtCore.QPointF(0, 0), 0.5, 0.5)
    ring.addEllipse(QtCore.QPointF(0, 0), 0.26, 0.26)
    out = LayeredPath(ring)
    out.parts = (("fill", disc, "fill", 0.0), ("fill", centre, "edge", 0.0), ("line", disc, "nucleus", 0.8))
    return out


def _fibrin() -> QtGui.QPainterPath:
    """A piece of the clot's fibrin mesh, not a cell: thin wavy strands branching from a node, with one strand
    running past it (the pieces overlap into a net of branching strands)."""
    lines = QtGui.QPainterPath()
    node = (0.04, -0.06)
    arms = (((-0.2, -0.05), (-0.5, -0.32)), ((0.3, -0.22), (0.5, 0.02)), ((-0.06, 0.22), (0.12, 0.5)))
    for (cx, cy), (x1, y1) in arms:
        lines.moveTo(*node)
        lines.quadTo(cx, cy, x1, y1)
    lines.moveTo(-0.48, 0.3)
    lines.quadTo(0.0, 0.18, 0.46, 0.42)
    out = LayeredPath(lines)
    out.parts = (("line", lines, "fill", 1.0),)
    return out


def paint_symbol(p: QtGui.QPainter, path: QtGui.QPainterPath, fill, edge, pen_w: float, px: float) -> None:
    """Draw a glyph with its cell colours; `pen_w` is the outline width and `px` one screen pixel, in glyph units."""
    parts = getattr(path, "parts", ())
    if not parts:
        p.setPen(QtGui.QPen(QtGui.QColor(edge), pen_w))
        p.setBrush(QtGui.QColor(fill))
        p.drawPath(path)
        return
    colours = {"fill": QtGui.QColor(fill), "edge": QtGui.QColor(edge), "nucleus": QtGui.QColor(fill).darker(320)}
    for kind, part, role, width in parts:
        if kind == "line":
            pen = QtGui.QPen(colours[role], width * px)
            pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        else:
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(colours[role])
        p.drawPath(part)


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
    Cell.ERYTHROCYTE: (_erythrocyte(), 0.55),  # small (7.5 µm), the bulk of a clot
    Cell.FIBRIN: (_fibrin(), 4.5),  # strands, each tuft over a few sites: the tufts overlap into a mesh
}


# the least a glyph is drawn across, in pixels at 1080 p (scaled with the canvas): cells a lecture points at stay
# visible on a projector even where a site is a few pixels wide
MIN_PX: dict[int, float] = {Cell.OSTEOCYTE: 9.0, Cell.HAEMATOPOIETIC: 9.0, Cell.MESENCHYMAL: 9.0, Cell.NEUTROPHIL: 7.0,
                             Cell.MACROPHAGE: 10.0, Cell.ERYTHROCYTE: 6.5, Cell.FIBRIN: 8.0,
                             Cell.OSTEOCLAST: 19.0}  # large, multinucleated: bigger than the marrow cells round it


def symbol_path(symbol) -> QtGui.QPainterPath:
    """A QPainterPath for a symbol (pyqtgraph's built-ins by name, or a path as is)."""
    if isinstance(symbol, QtGui.QPainterPath):
        return symbol
    import pyqtgraph.graphicsItems.ScatterPlotItem as spi

    return spi.Symbols[symbol]
