"""Rounded boxes behind words: the copied image looks as the drawn rounded rectangle does; vector output stays vector."""

import numpy as np
from PySide6 import QtCore, QtGui, QtSvg

from osteoviz.qt.boxes import draw_box


def _image(draw) -> np.ndarray:
    img = QtGui.QImage(200, 120, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QtGui.QColor(20, 24, 30))
    p = QtGui.QPainter(img)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    draw(p)
    p.end()
    ptr = img.constBits()
    return np.frombuffer(ptr, np.uint8, img.sizeInBytes()).reshape(120, 200, 4).astype(int)


def _rounded(p, rect, radius, fill, pen=None):
    p.setPen(pen if pen is not None else QtGui.QPen(QtCore.Qt.PenStyle.NoPen))
    p.setBrush(fill)
    p.drawRoundedRect(rect, radius, radius)


def test_a_copied_box_matches_the_drawn_rounded_rectangle(qapp):
    fill = QtGui.QColor(240, 240, 240, 170)
    pen = QtGui.QPen(QtGui.QColor(200, 60, 60), 2.0)
    for outline in (None, pen):
        for rect in (QtCore.QRectF(30, 20, 120, 50), QtCore.QRectF(30.4, 20.3, 120.2, 49.6)):
            copied = _image(lambda p: draw_box(p, rect, 8.0, fill, outline))
            drawn = _image(lambda p: _rounded(p, rect, 8.0, fill, outline))
            # the box's own pixels: the same colour inside, the corners rounded (background there), nothing around
            assert np.array_equal(copied[60, 90], drawn[60, 90])
            assert np.array_equal(copied[20, 30], _image(lambda p: None)[20, 30])  # a rounded corner: background
            assert (copied[:, :, :3] != drawn[:, :, :3]).any(axis=2).mean() < 0.03  # only edges half a pixel off
            assert np.abs(copied - drawn).max(axis=2)[copied.any(axis=2)].mean() < 4


def test_a_box_under_a_translated_painter_lands_where_it_should(qapp):
    fill = QtGui.QColor(255, 255, 255)
    plain = _image(lambda p: draw_box(p, QtCore.QRectF(50, 40, 60, 30), 4.0, fill))

    def shifted(p):
        p.translate(30, 20)
        draw_box(p, QtCore.QRectF(20, 20, 60, 30), 4.0, fill)

    assert np.array_equal(plain, _image(shifted))


def test_a_box_in_svg_is_a_vector_shape_not_a_picture(qapp, tmp_path):
    path = tmp_path / "box.svg"
    gen = QtSvg.QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QtCore.QSize(200, 120))
    p = QtGui.QPainter(gen)
    draw_box(p, QtCore.QRectF(30, 20, 120, 50), 8.0, QtGui.QColor(240, 240, 240, 170))
    p.end()
    text = path.read_text()
    assert "<image" not in text and "<path" in text

