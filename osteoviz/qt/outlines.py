"""The tissue of a layer drawn as smooth filled outlines (vector paths), crisp at any size and real paths in SVG."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from ..contours import label_outlines

_PATHS: OrderedDict = OrderedDict()  # (digest, shape, aspect) -> [(label, area, QPainterPath)], a few steps back


def digest(labels: np.ndarray) -> bytes:
    """A short content hash of a label map (the history hands out new arrays for the same step)."""
    a = np.ascontiguousarray(labels)
    return hashlib.blake2b(a.view(np.uint8).reshape(-1), digest_size=12).digest() + repr((a.shape, a.dtype.str)).encode()


def _paths(labels: np.ndarray, aspect: float, only=None) -> dict[int, QtGui.QPainterPath]:
    """Closed, smoothed outline paths per label (all labels, or only those in `only`)."""
    out = {}
    for value, (x, y, starts) in label_outlines(labels, only=only).items():
        ends = np.r_[starts[1:], len(x)]
        # close every loop on its first point so a stroke has no gap; break the line between loops
        idx = np.insert(np.arange(len(x)), ends, starts)
        connect = np.ones(len(idx), np.int32)
        connect[ends + np.arange(len(ends))] = 0
        path = pg.arrayToQPath(x[idx], y[idx] * aspect, connect=connect)
        path.setFillRule(QtCore.Qt.FillRule.WindingFill)
        out[value] = path
    return out


def label_paths(labels: np.ndarray, aspect: float, key: bytes | None = None,
                previous: tuple[np.ndarray, dict] | None = None) -> list[tuple[int, int, QtGui.QPainterPath]]:
    """(label, area in sites, closed path in layer units: x in sites, y in sites x aspect), largest area first.

    Cached by content; given the `previous` map of the same layer and its paths by label, only the labels
    whose region changed are traced again (between two simulation steps most tissues stay as they were)."""
    labels = np.asarray(labels)
    key = (key if key is not None else digest(labels), float(aspect))
    found = _PATHS.get(key)
    if found is not None:
        _PATHS.move_to_end(key)
        return found
    counts = np.bincount(labels.ravel().astype(np.int64))
    if previous is not None and previous[0].shape == labels.shape:
        old, old_paths = previous
        diff = old != labels
        changed = set(np.unique(old[diff]).tolist()) | set(np.unique(labels[diff]).tolist())
        present = set(np.flatnonzero(counts).tolist())
        paths = {v: p for v, p in old_paths.items() if v in present and v not in changed}
        paths.update(_paths(labels, aspect, only=sorted(changed & present)) if changed & present else {})
    else:
        paths = _paths(labels, aspect)
    out = sorted(((v, int(counts[v]), p) for v, p in paths.items()), key=lambda t: (-t[1], t[0]))
    _PATHS[key] = out
    while len(_PATHS) > 24:
        _PATHS.popitem(last=False)
    return out


class TissueItem(QtWidgets.QGraphicsObject):
    """A layer's tissue map as one filled, smoothed outline per tissue, in the coordinates of its view box."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rect = QtCore.QRectF()
        self._paths: list = []
        self._brushes: dict[int, tuple[QtGui.QBrush, QtGui.QPen]] = {}
        self.key = None
        self._previous = None  # (labels, paths by label, aspect) of the map shown last

    def set_labels(self, labels: np.ndarray, aspect: float, lut: np.ndarray, key: bytes | None = None,
                   skip: int | None = None) -> None:
        """Show a label map with colours from an RGBA LUT, leaving out label `skip` (the background, when the
        canvas is already that colour); nothing is redone when map, LUT and skip are unchanged."""
        key = key if key is not None else digest(labels)
        full = (key, float(aspect), id(lut), skip)
        if full == self.key:
            return
        self.key = full
        rows, cols = labels.shape
        self.prepareGeometryChange()
        self._rect = QtCore.QRectF(0, 0, cols, rows * aspect)
        self._paths = []
        prev = self._previous if self._previous is not None and self._previous[2] == float(aspect) else None
        found = label_paths(labels, aspect, key, prev[:2] if prev is not None else None)
        self._previous = (np.array(labels, copy=True), {v: p for v, _a, p in found}, float(aspect))
        for value, _area, path in found:
            r, g, b, a = (int(v) for v in lut[value])
            if value == skip or a == 0:
                continue
            colour = QtGui.QColor(r, g, b, a)
            pen = QtGui.QPen(colour, 1.0)
            pen.setCosmetic(True)
            self._paths.append((path, QtGui.QBrush(colour), pen if a == 255 else QtGui.QPen(QtCore.Qt.PenStyle.NoPen)))
        self.update()

    def boundingRect(self) -> QtCore.QRectF:
        return self._rect

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        """Fills, then a one-pixel antialiased outline of each tissue in its own colour: the outline makes every
        boundary smooth and closes the seam two antialiased fills would leave between them."""
        painter.save()
        engine = painter.paintEngine()
        vector = engine is not None and engine.type() != QtGui.QPaintEngine.Type.Raster
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, vector)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        for path, brush, _pen in self._paths:
            painter.setBrush(brush)
            painter.drawPath(path)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for path, _brush, pen in self._paths:
            if pen.style() != QtCore.Qt.PenStyle.NoPen:
                painter.setPen(pen)
                painter.drawPath(path)
        painter.restore()
