"""The section marker on the vault has a dark edge: at week 31 it lies on yellow bone of its own colour (round-5
review: a faint yellow line on yellow bone, lost on a projector)."""

import numpy as np
from PySide6 import QtCore, QtGui

from osteoviz.model import registry
from osteoviz.qt.headless import frame_for, offscreen_canvas


def test_section_marker_shows_a_dark_edge_on_yellow_bone(qapp):
    spec = next(p for p in registry.get("intramembranous").phases if p.id == "periosteum")
    canvas = offscreen_canvas("screen", "en")
    canvas.frame = frame_for("intramembranous", spec.representative_day, False)
    img = canvas.render_image(1920, 1080).convertToFormat(QtGui.QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(1080, 1920, 4)[..., :3].astype(int)
    x0, y0, x1, y1 = canvas.frame.section_line
    asp = canvas.frame.main.aspect
    grp = canvas.main_vb.childGroup
    p0, p1 = grp.mapToScene(QtCore.QPointF(x0, y0 * asp)), grp.mapToScene(QtCore.QPointF(x1, y1 * asp))
    assert abs(p1.x() - p0.x()) > 40  # a horizontal marker across the parietal centre
    dark_cols = 0
    xs = np.linspace(min(p0.x(), p1.x()) + 6, max(p0.x(), p1.x()) - 6, 20).astype(int)
    for x in xs:
        y = int(round(p0.y() + (p1.y() - p0.y()) * (x - p0.x()) / (p1.x() - p0.x())))
        column = a[y - 6:y + 7, x]
        lum = column.mean(axis=1)
        dark_cols += int((lum < 70).sum() >= 2)  # an edge above and below the accent line
    assert dark_cols >= 16, dark_cols
