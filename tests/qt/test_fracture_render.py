"""Fracture repair on screen: the clot, then cartilage, then bone are drawn; the CLI renders it by the registry alone."""

import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtGui

from osteoviz.colours import hex_rgb
from osteoviz.content import strings
from osteoviz.model.kinds import Tissue
from osteoviz.qt.headless import render_picture


def share(canvas, img, tissues, rect) -> float:
    """Share of the pixels in `rect` drawn in the colour of one of `tissues`."""
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    px = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(h, img.bytesPerLine())[:, :3 * w]
    r = rect.toRect()
    region = px.reshape(h, w, 3)[r.top():r.bottom(), r.left():r.right()].reshape(-1, 3).astype(int)
    hit = np.zeros(len(region), bool)
    for t in tissues:
        hit |= np.abs(region - np.array(hex_rgb(canvas.profile.tissue[Tissue(t).name.lower()]))).sum(axis=1) < 24
    return float(hit.mean())


def test_the_gap_fills_with_clot_then_cartilage_then_bone_in_the_pictures(qapp):
    drawn = {}
    for day in (1.0, 13.0, 40.0):
        canvas, img = render_picture("fracture", day, 1280, 720)
        drawn[day] = {name: share(canvas, img, tissues, canvas._main_rect) for name, tissues in (
            ("clot", (Tissue.HAEMATOMA,)), ("cartilage", (Tissue.CARTILAGE, Tissue.HYPERTROPHIC, Tissue.CALCIFIED)),
            ("woven", (Tissue.BONE,)))}
        assert share(canvas, img, (Tissue.MUSCLE, Tissue.COMPACT), canvas._inset_rect) > 0.02  # the inset is drawn
    assert drawn[1.0]["clot"] > 0.03 and drawn[1.0]["woven"] < 0.001
    assert drawn[13.0]["cartilage"] > 0.01 and drawn[13.0]["clot"] < drawn[1.0]["clot"] / 3
    assert drawn[40.0]["woven"] > drawn[13.0]["woven"] and drawn[40.0]["cartilage"] < drawn[13.0]["cartilage"]


def test_cli_renders_the_fracture_in_dutch(tmp_path):
    out = tmp_path / "fractuur.png"
    result = subprocess.run([sys.executable, "-m", "osteoviz", "render", "--process", "fracture", "--time", "20d",
                             "--lang", "nl", "--size", "960x540", "-o", str(out)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    img = QtGui.QImage(str(out))
    assert img.text("osteoviz:process") == "fracture"
    assert img.text("osteoviz:phase") == "hard_callus"
    assert float(img.text("osteoviz:time_days")) == pytest.approx(20.0)


def test_compare_with_development_shows_the_fetal_femur_at_the_stage_the_callus_repeats(window, qtbot):
    from osteoviz.model.fracture_params import FEMUR_DAY_FOR_PHASE

    window.clock.set_process("fracture")
    views = window.views
    qtbot.waitUntil(lambda: views.view.is_ready and views.view.shown.process == "fracture", timeout=120_000)
    window.clock.set_day(20.0)  # hard callus
    assert "development" in [k for k, a in views.actions.items() if a in window.menus["view"].actions()]
    views.actions["development"].trigger()  # as the D key or the View menu would
    other = views.stage.other
    qtbot.waitUntil(lambda: other.is_ready and other.shown.process == "endochondral", timeout=120_000)
    views.render()
    assert other.isVisible() and not views.stage.panel.isVisible()
    assert other.canvas.frame.process == "endochondral"
    assert other.canvas.frame.day == pytest.approx(FEMUR_DAY_FOR_PHASE["hard_callus"], abs=0.5)
    assert window.canvas.frame.process == "fracture" and window.canvas.frame.day == pytest.approx(20.0, abs=0.5)
    assert "organ_scale" not in other.canvas.frame.extras  # each drawn at its own magnification
    note = strings("en")("analogy.no_haematoma")
    assert note not in other.title.text()  # the callus repeats this stage: no note
    window.clock.set_day(1.0)  # haematoma: development has no such step, and the band over the femur says so
    views.render()
    assert note in other.title.text() and other.title.isVisible()
    views.actions["development"].trigger()
    assert not other.isVisible()
    window.clock.set_process("endochondral")  # no counterpart: the action refuses
    qtbot.waitUntil(lambda: views.view.is_ready and views.view.shown.process == "endochondral", timeout=120_000)
    views.actions["development"].trigger()
    assert not views.actions["development"].isChecked() and not other.isVisible()


def test_the_organ_scale_bar_box_covers_no_tissue(qapp):
    """The dark scale-bar box sat over the bottom-left of the section in every fracture picture; a shorter bar in the
    empty corner now leaves the section's corners in their own colours."""
    from PySide6 import QtCore

    for day in (1.0, 20.0, 72.0):
        canvas, img = render_picture("fracture", day, 1920, 1080)
        main = canvas.frame.main
        rows, cols = main.tissue.shape
        for col, dx in ((0.0, 4), (float(cols), -28)):  # 24 px inside each bottom corner
            a = canvas.main_vb.mapViewToScene(QtCore.QPointF(col, rows * main.aspect))
            rect = QtCore.QRectF(a.x() + dx, a.y() - 16, 24, 10)
            assert share(canvas, img, (Tissue.MUSCLE,), rect) > 0.9, (day, col)
