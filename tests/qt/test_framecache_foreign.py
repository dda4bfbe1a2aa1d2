"""The frame cache draws without its kept pictures whenever the scene shows something the canvas did not make."""

from PySide6 import QtWidgets

from osteoviz.qt.heatmap import HeatMap
from osteoviz.qt.headless import offscreen_canvas


def test_items_the_canvas_did_not_make_count_as_foreign_only_while_shown():
    c = offscreen_canvas()
    cache = c.frame_cache
    assert not cache._foreign()  # the canvas's own layers, marks and pyqtgraph's items
    heat = HeatMap.of(c)  # made after the canvas: an image in the organ's view box and a colour bar on the scene
    assert not cache._foreign()
    heat.image.show()
    assert cache._foreign()
    heat.image.hide()
    heat.bar.show()
    assert cache._foreign()
    heat.bar.hide()
    assert not cache._foreign()
    extra = QtWidgets.QGraphicsRectItem(0, 0, 10, 10)
    c.scene().addItem(extra)
    assert cache._foreign()
    extra.hide()
    assert not cache._foreign()
    child = QtWidgets.QGraphicsRectItem(0, 0, 10, 10)
    c.inset_vb.addItem(child)
    assert cache._foreign()
    child.hide()
    assert not cache._foreign()
