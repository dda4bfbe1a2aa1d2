"""Hovering the canvas names what is under the pointer: a cell with its role, or a tissue."""

import numpy as np
from PySide6 import QtCore
from PySide6.QtTest import QTest

from osteoviz.content import glossary
from osteoviz.model.kinds import Tissue, cell_key, tissue_key


def _widget_point(canvas, vb, x, y) -> QtCore.QPoint:
    return canvas.mapFromScene(vb.mapViewToScene(QtCore.QPointF(x, y)))


def test_hovering_a_cell_in_the_inset_names_it_in_the_status_bar(window, qtbot):
    window.clock.set_day(140.0)  # growth plate, cells at cellular scale
    window.render_now()
    canvas, f = window.canvas, window.canvas.frame
    code, pos = max(f.inset.cells.items(), key=lambda kv: len(kv[1]))
    x, y = pos[len(pos) // 2]
    QTest.mouseMove(canvas.viewport(), _widget_point(canvas, canvas.inset_vb, x, y * f.inset.aspect))
    name = glossary("en").cells[cell_key(code)]["name"]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(name))
    assert "—" in window.statusBar().currentMessage()  # with its role


def test_hovering_the_organ_names_the_tissue_and_the_background_nothing(window, qtbot):
    window.clock.set_day(140.0)
    window.render_now()
    canvas, main = window.canvas, window.canvas.frame.main
    rows, cols = main.tissue.shape
    y, x = rows // 2, cols // 2
    expected = glossary("en").tissues[tissue_key(main.tissue[y, x])]
    assert main.tissue[y, x] != Tissue.BACKGROUND
    point = canvas.mapToScene(_widget_point(canvas, canvas.main_vb, x + 0.5, (y + 0.5) * main.aspect))
    assert canvas.describe_at(point) == expected
    QTest.mouseMove(canvas.viewport(), canvas.mapFromScene(point))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == expected)
    corner = canvas.mapToScene(_widget_point(canvas, canvas.main_vb, 0.2, 0.2))
    assert np.all(main.tissue[0, 0] == Tissue.BACKGROUND) and canvas.describe_at(corner) == ""
