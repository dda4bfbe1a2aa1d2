"""One graphics item per cell type: positions kept as numpy arrays, drawn from one cached glyph in one call.

pyqtgraph's ScatterPlotItem builds a symbol-atlas key per point in Python on every setData; cells
of one type share one glyph, so this item renders that glyph once (per size and colour) and draws
all points with a single drawPixmapFragments call. Vector outputs (SVG) get real paths instead.
"""

from __future__ import annotations

import numpy as np
from pyqtgraph.Qt import internals
from pyqtgraph.Qt.compat import wrapinstance
from PySide6 import QtCore, QtGui, QtWidgets

from .symbols import paint_symbol, symbol_path

STRETCH_STEP = 0.04  # stretched cells are drawn from glyphs made at stretches this far apart


class CellLayer(QtWidgets.QGraphicsObject):
    """All cells of one type, in the coordinates of the view box that holds the item."""

    def __init__(self, symbol, parent=None):
        super().__init__(parent)
        self.path = symbol_path(symbol)
        self.pos = np.zeros((0, 2), np.float64)
        self.size_px = 6.0
        self.scale = None  # optional (n, 2) per-cell stretch along x and y
        self.fill = QtGui.QColor("white")
        self.edge = QtGui.QColor("black")
        self.edge_width = 1.0
        self._colours = ("white", "black")  # the names fill and edge were made from
        self._stretch_cache: dict[tuple, QtGui.QPixmap] = {}
        self._frags = internals.PrimitiveArray(QtGui.QPainter.PixmapFragment, 10)
        self._bounds = QtCore.QRectF()
        self.suppressed = False  # left out of a paint (a cached picture of the scene without its cells)

    def set_cells(self, pos: np.ndarray, size_px: float, fill: str, edge: str, edge_width: float,
                  scale: np.ndarray | None = None) -> None:
        self.prepareGeometryChange()
        self.pos = np.asarray(pos, np.float64).reshape(-1, 2)
        self.size_px = float(size_px)
        self.scale = None if scale is None or len(scale) != len(self.pos) else np.asarray(scale, np.float64).reshape(-1, 2)
        if (fill, edge) != self._colours:  # (the same two colours frame after frame: not parsed again)
            self._colours = (fill, edge)
            self.fill, self.edge = QtGui.QColor(fill), QtGui.QColor(edge)
        self.edge_width = float(edge_width)
        if len(self.pos):
            lo, hi = self.pos.min(axis=0), self.pos.max(axis=0)
            self._bounds = QtCore.QRectF(lo[0] - 1, lo[1] - 1, hi[0] - lo[0] + 2, hi[1] - lo[1] + 2)
        else:
            self._bounds = QtCore.QRectF()
        self.update()

    def boundingRect(self) -> QtCore.QRectF:
        return self._bounds

    def _pixmap(self, dpr: float) -> QtGui.QPixmap:
        """The glyph at the layer's size (cells without a stretch of their own)."""
        return self._stretched(1.0, 1.0, dpr)

    def _stretched(self, sx: float, sy: float, dpr: float) -> QtGui.QPixmap:
        """The glyph drawn at one stretch (cached): stretched cells are blitted unscaled, since a scaled fragment
        takes Qt's slow transformed path (20+ ms for a few hundred large cells at 4K)."""
        px = round(self.size_px, 2)  # the glyph is drawn at the size its key names: the same key, the same pixels
        key = (px, self.fill.rgba(), self.edge.rgba(), self.edge_width, dpr, sx, sy)
        pix = self._stretch_cache.get(key)
        if pix is None:
            if len(self._stretch_cache) > 256:
                self._stretch_cache.clear()
            size = px * max(sx, sy)
            side = int(np.ceil((size + 2 * self.edge_width + 2) * dpr))
            pix = QtGui.QPixmap(side, side)
            pix.fill(QtCore.Qt.GlobalColor.transparent)
            p = QtGui.QPainter(pix)
            p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            p.translate(side / 2, side / 2)
            p.scale(px * sx * dpr, px * sy * dpr)
            self._paint_glyph(p, dpr, px * min(sx, sy))
            p.end()
            self._stretch_cache[key] = pix
        return pix

    def _draw_stretched(self, painter: QtGui.QPainter, x: np.ndarray, y: np.ndarray, dpr: float) -> None:
        """Cells grouped by their stretch, rounded to STRETCH_STEP: one unscaled fragment call per group, groups
        in order of (x stretch, y stretch), cells of a group in their own order. The fragments of all groups are
        filled in one array (sorted by group) and each call is handed its slice, not a list built per group."""
        q = np.round(self.scale / STRETCH_STEP).astype(np.int64)
        lo = q.min(axis=0)
        span = int(q[:, 1].max() - lo[1]) + 1
        flat = (q[:, 0] - lo[0]) * span + (q[:, 1] - lo[1])  # ordered as the (qx, qy) pairs are
        groups, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
        order = np.argsort(inverse.reshape(-1), kind="stable")
        n = len(order)
        self._frags.resize(n)
        frags = self._frags.ndarray()
        frags[:, 0] = x[order]
        frags[:, 1] = y[order]
        frags[:, 2:4] = 0.0
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        pixmaps = [self._stretched(float(g // span + lo[0]) * STRETCH_STEP, float(g % span + lo[1]) * STRETCH_STEP, dpr)
                   for g in groups.tolist()]
        ends = np.cumsum(counts)
        starts = ends - counts
        for pix, a, b in zip(pixmaps, starts.tolist(), ends.tolist()):
            frags[a:b, 4] = pix.width()
            frags[a:b, 5] = pix.height()
        base = frags.ctypes.data
        row = frags.strides[0]
        kind = QtGui.QPainter.PixmapFragment
        for pix, a, b in zip(pixmaps, starts.tolist(), ends.tolist()):
            painter.drawPixmapFragments(wrapinstance(base + a * row, kind), b - a, pix)

    def _paint_glyph(self, p: QtGui.QPainter, dpr: float = 1.0, size: float | None = None) -> None:
        px = dpr / max((size or self.size_px) * dpr, 1e-6)  # one pixel in glyph units
        paint_symbol(p, self.path, self.fill, self.edge, self.edge_width * px, px)

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        n = len(self.pos)
        if n == 0 or self.suppressed:
            return
        t = painter.transform()
        x = t.m11() * self.pos[:, 0] + t.m21() * self.pos[:, 1] + t.dx()
        y = t.m12() * self.pos[:, 0] + t.m22() * self.pos[:, 1] + t.dy()
        painter.save()
        painter.resetTransform()
        engine = painter.paintEngine()
        if engine is not None and engine.type() == QtGui.QPaintEngine.Type.SVG:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            sxy = self.scale if self.scale is not None else np.ones((n, 2))
            for px, py, (sx, sy) in zip(x, y, sxy):  # vector output: one path per cell
                painter.save()
                painter.translate(px, py)
                painter.scale(self.size_px * sx, self.size_px * sy)
                self._paint_glyph(painter)
                painter.restore()
        else:
            dpr = widget.devicePixelRatioF() if widget is not None else 1.0
            if self.scale is not None:
                self._draw_stretched(painter, x, y, dpr)
                painter.restore()
                return
            pix = self._pixmap(dpr)
            self._frags.resize(n)
            frags = self._frags.ndarray()
            frags[:, 0] = x
            frags[:, 1] = y
            frags[:, 2:4] = 0.0
            frags[:, 4] = pix.width()
            frags[:, 5] = pix.height()
            frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
            painter.drawPixmapFragments(*self._frags.drawargs(), pix)
        painter.restore()
