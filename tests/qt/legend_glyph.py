"""Test helper: a rendered picture's RGB pixels, a cell's glyph in the legend (beside its name), where texts are drawn."""

import numpy as np
from PySide6 import QtCore, QtGui

from osteoviz.content import glossary
from osteoviz.qt.export_picture import PictureOptions, configured_canvas


class Where:
    """A painter stand-in that keeps where each text is drawn (and draws it)."""

    def __init__(self, painter):
        self._p, self.at = painter, {}

    def drawText(self, *args):
        text = next(a for a in args if isinstance(a, str))
        pos = args[0]
        self.at[text] = pos.y() if isinstance(pos, QtCore.QPointF) else pos.center().y()
        self._p.drawText(*args)

    def __getattr__(self, name):
        return getattr(self._p, name)


def glyph_swatch(process: str, day: float, cell: str, profile: str = "screen"):
    """(canvas, (n, 3) int RGB) of the 36 x 18 px legend swatch beside the English name of `cell`."""
    canvas = configured_canvas(process, day, PictureOptions(width=1920, height=1080, profile=profile))
    img = canvas.render_image(1920, 1080)
    painter = QtGui.QPainter(img)
    try:
        rec = Where(painter)
        canvas._paint_legend(rec, canvas._ui(), canvas.legend_parts())
    finally:
        painter.end()
    name = glossary("en").cells[cell]["name"]
    y = next(v for k, v in rec.at.items() if name in k.replace("\n", " "))
    left = canvas._legend_rect.left()
    px = rgb_pixels(img).astype(int)
    return canvas, px[int(y) - 14:int(y) + 4, int(left):int(left) + 36].reshape(-1, 3)


def rgb_pixels(img) -> np.ndarray:
    """(h, w, 3) uint8 RGB copy of a QImage."""
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    px = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    return px[:, :3 * img.width()].reshape(img.height(), img.width(), 3).copy()
