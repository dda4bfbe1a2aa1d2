"""Paint a strip and look at each panel as it is laid out (a test helper shared by the strip tests)."""

from PySide6 import QtGui


def paint_watching(strip, look, size=(1920, 1080)) -> QtGui.QImage:
    """Paint `strip` into an image of `size`; after each panel is fitted call look(frame, w, h, fitted_result)
    with the strip's canvas still holding that panel. Returns the painted image."""
    fitted = strip._fitted

    def spy(frame, w, h):
        out = fitted(frame, w, h)
        look(frame, w, h, out)
        return out

    strip._fitted = spy
    img = QtGui.QImage(size[0], size[1], QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    p = QtGui.QPainter(img)
    try:
        strip.paint(p)
    finally:
        p.end()
        del strip._fitted
    return img
