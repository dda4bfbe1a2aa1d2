"""Rounded boxes behind words: drawn once into a small image and copied at whole pixels on a raster target."""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6 import QtCore, QtGui

_KEPT: OrderedDict = OrderedDict()  # (w, h, radius, fill, pen colour, pen width) -> QImage
_MOST = 64
_LOCK = threading.Lock()  # exports draw on worker threads too
_RASTER = QtGui.QPaintEngine.Type.Raster
_SHIFT = QtGui.QTransform.TransformationType.TxTranslate.value


def draw_box(p: QtGui.QPainter, rect: QtCore.QRectF, radius: float, fill: QtGui.QColor,
             pen: QtGui.QPen | None = None) -> None:
    """A rounded rectangle filled with `fill` (and outlined with `pen`), as drawRoundedRect draws it.

    Filling an antialiased curved outline is the raster engine's slowest primitive (several times the cost of
    copying the same pixels); the boxes behind names and scale bars keep their size from frame to frame, so on a
    raster target with no scale or rotation the box is drawn once into an image of its whole-pixel size and
    copied to the nearest whole pixel. Vector targets (SVG, print) get the real rounded rectangle."""
    engine = p.paintEngine()
    t = p.transform()
    if engine is None or engine.type() != _RASTER or t.type().value > _SHIFT or rect.isEmpty():
        p.save()
        _rounded(p, rect, radius, fill, pen)
        p.restore()
        return
    w, h = max(1, round(rect.width())), max(1, round(rect.height()))
    pw = pen.widthF() if pen is not None else 0.0
    margin = int(pw) + 1 if pen is not None else 0  # room for the outline's outer half
    key = (w, h, round(radius, 2), fill.rgba(), pen.color().rgba() if pen is not None else None, round(pw, 2))
    with _LOCK:
        img = _KEPT.get(key)
        if img is not None:
            _KEPT.move_to_end(key)
    if img is None:
        img = QtGui.QImage(w + 2 * margin, h + 2 * margin, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        q = QtGui.QPainter(img)
        q.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        _rounded(q, QtCore.QRectF(margin, margin, w, h), radius, fill, pen)
        q.end()
        with _LOCK:
            _KEPT[key] = img
            while len(_KEPT) > _MOST:
                _KEPT.popitem(last=False)
    x = round(rect.left() + t.dx()) - margin
    y = round(rect.top() + t.dy()) - margin
    p.save()
    p.resetTransform()
    p.drawImage(QtCore.QPoint(x, y), img)
    p.restore()


def _rounded(p: QtGui.QPainter, rect: QtCore.QRectF, radius: float, fill: QtGui.QColor,
             pen: QtGui.QPen | None) -> None:
    p.setPen(pen if pen is not None else QtGui.QPen(QtCore.Qt.PenStyle.NoPen))
    p.setBrush(fill)
    p.drawRoundedRect(rect, radius, radius)
