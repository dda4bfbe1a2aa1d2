"""Skeleton map pixels, hover and click: bones light up in onset order, in their origin or mechanism colour."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui
from PySide6.QtTest import QTest

from osteoviz.colours import hex_rgb
from osteoviz.model.clock import parse_time
from osteoviz.model.skeleton import load_bones
from osteoviz.qt.skeletonshapes import load_skeleton_palette
from osteoviz.qt.skeletonview import SkeletonView, main

W, H = 1600, 900


def colour_at(img: QtGui.QImage, p: QtCore.QPointF) -> np.ndarray:
    """Mean RGB of the 3 x 3 pixels around p."""
    x, y = round(p.x()), round(p.y())
    px = [img.pixelColor(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    return np.mean([(c.red(), c.green(), c.blue()) for c in px], axis=0)


def pixel(img: QtGui.QImage, p: QtCore.QPointF) -> tuple[int, int, int]:
    c = img.pixelColor(p.toPoint())
    return c.red(), c.green(), c.blue()


def near(rgb, hex_colour, tol=30) -> bool:
    return float(np.abs(np.asarray(rgb) - np.array(hex_rgb(hex_colour))).sum()) < tol


def share(img: QtGui.QImage, view, bone: str, hex_colour: str, where: str = "front") -> float:
    """Fraction of a bone's drawn area (sampled on a grid, outlines included) in a colour."""
    points = view.bone_samples(bone, W, H, where)
    assert len(points) > 10, bone
    return float(np.mean([near(pixel(img, p), hex_colour, 40) for p in points]))


@pytest.fixture
def view(qtbot):
    v = SkeletonView(lang="en", profile="screen", colour_by="mechanism")
    qtbot.addWidget(v)
    return v


def test_at_week_6_5_only_the_clavicle_and_mandible_are_lit(view):
    view.set_day(parse_time("6.5w"))
    img = view.render_image(W, H)
    pal, data = load_skeleton_palette("screen"), load_bones()
    for bone in ("clavicle", "mandible"):
        assert share(img, view, bone, pal.mechanism[data.bone(bone).mechanism]) > 0.02, bone  # lit from its centre
    for bone in ("frontal", "maxilla", "humerus", "femur", "tibia", "ribs", "scapula", "ilium", "vertebrae_thoracic"):
        assert share(img, view, bone, pal.mechanism[data.bone(bone).mechanism]) == 0, bone
        assert share(img, view, bone, pal.unossified_fill) > 0.3, bone


def test_at_birth_most_bones_are_lit_but_not_the_carpals(view):
    view.set_day(parse_time("birth"))
    img = view.render_image(W, H)
    pal, data = load_skeleton_palette("screen"), load_bones()
    lit = ("frontal", "parietal", "mandible", "maxilla", "clavicle", "scapula", "humerus", "radius", "ulna", "ribs",
           "sternum", "vertebrae_lumbar", "ilium", "ischium", "pubis", "femur", "tibia", "fibula", "metacarpals",
           "calcaneus", "talus", "cuboid")
    for bone in lit:
        colour = pal.mechanism[data.bone(bone).mechanism]
        assert share(img, view, bone, colour) > max(0.1, share(img, view, bone, pal.unossified_fill)), bone
    for bone in ("capitate", "hamate", "scaphoid", "lunate", "trapezium", "patella", "navicular"):
        assert share(img, view, bone, pal.mechanism[data.bone(bone).mechanism]) < 0.02, bone  # edge pixels only
        assert share(img, view, bone, pal.unossified_fill) > 0.3, bone
    front = [b for b in data.ids if b in view.views["front"].bone_paths]
    state = data.state_at(parse_time("birth"))
    unlit = {b for b in front if state.status[data.index(b)] == 0}
    assert len(unlit) < len(front) / 3
    late = {"capitate", "hamate", "triquetrum", "lunate", "scaphoid", "trapezium", "trapezoid", "pisiform", "patella",
            "navicular", "cuneiform_medial", "cuneiform_intermediate", "cuneiform_lateral", "coccyx", "xiphoid"}
    assert unlit <= late and {"capitate", "pisiform", "patella"} <= unlit


def test_colour_by_origin_femur_lateral_plate_and_frontal_neural_crest(view):
    view.set_day(parse_time("20w"))
    view.set_colour_by("origin")
    img = view.render_image(W, H)
    pal = load_skeleton_palette("screen")
    assert near(colour_at(img, view.bone_point("femur", W, H)), pal.origin["lateral_plate_mesoderm"])
    assert near(colour_at(img, view.bone_point("frontal", W, H)), pal.origin["neural_crest"])
    assert near(colour_at(img, view.bone_point("parietal", W, H, view="skull_side")), pal.origin["paraxial_mesoderm"])
    view.set_colour_by("mechanism")
    img = view.render_image(W, H)
    assert near(colour_at(img, view.bone_point("femur", W, H)), pal.mechanism["endochondral"])
    assert near(colour_at(img, view.bone_point("frontal", W, H)), pal.mechanism["intramembranous"])


def test_colourblind_profile_uses_okabe_ito(view):
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"}
    pal = load_skeleton_palette("colourblind")
    assert set(pal.origin.values()) <= okabe_ito and set(pal.mechanism.values()) <= okabe_ito
    assert len(set(pal.origin.values())) == 4 and len(set(pal.mechanism.values())) == 3
    view.set_profile("colourblind")
    view.set_colour_by("origin")
    view.set_day(parse_time("20w"))
    img = view.render_image(W, H)
    assert near(colour_at(img, view.bone_point("femur", W, H)), pal.origin["lateral_plate_mesoderm"])


def test_a_secondary_centre_dot_appears_in_the_distal_femur_before_birth(view):
    view.set_colour_by("mechanism")
    pal = load_skeleton_palette("screen")
    knee = view.view_transform("front", W, H).map(
        next(m for m in view.views["front"].centres if m.bone == "femur" and m.centre == "distal").points[0])
    view.set_day(parse_time("26w"))
    before = colour_at(view.render_image(W, H), knee)
    view.set_day(parse_time("36w"))
    after = pixel(view.render_image(W, H), knee)
    assert near(before, pal.unossified_fill) and near(after, pal.mechanism["endochondral"])


def test_hover_names_the_bone_with_its_origin(view, qtbot):
    view.resize(W, H)
    view.show()
    qtbot.waitExposed(view)
    view.set_day(parse_time("20w"))
    p = view.bone_point("femur", W, H).toPoint()
    with qtbot.waitSignal(view.boneHovered, timeout=2000) as sig:
        QTest.mouseMove(view, p)
    bone_id, text = sig.args
    assert bone_id == "femur"
    assert text.startswith("Femur") and "Lateral plate mesoderm" in text and "Endochondral" in text
    assert "Mall 1906" in text and "weeks 7–8" in text
    view.set_language("nl")
    assert "Laterale plaatmesoderm" in view.hover_text("femur")
    in_zoom = view.bone_point("capitate", W, H, view="hand")
    assert view.bone_at(in_zoom) == "capitate" and in_zoom.x() > view.bone_point("capitate", W, H).x() + 100
    assert "Os capitatum" in view.hover_text("capitate")


def test_clicking_the_femur_or_a_vault_bone_opens_its_process_at_the_onset(view, qtbot):
    view.resize(W, H)
    view.show()
    qtbot.waitExposed(view)
    data = load_bones()
    with qtbot.waitSignal(view.openProcess, timeout=2000) as sig:
        QTest.mouseClick(view, QtCore.Qt.MouseButton.LeftButton, pos=view.bone_point("femur", W, H).toPoint())
    assert sig.args == ["endochondral", data.bone("femur").onset_day]
    with qtbot.waitSignal(view.openProcess, timeout=2000) as sig:
        QTest.mouseClick(view, QtCore.Qt.MouseButton.LeftButton,
                         pos=view.bone_point("parietal", W, H, view="skull_side").toPoint())
    assert sig.args == ["intramembranous", data.bone("parietal").onset_day]
    with qtbot.assertNotEmitted(view.openProcess):
        with qtbot.waitSignal(view.boneClicked, timeout=2000) as sig:
            QTest.mouseClick(view, QtCore.Qt.MouseButton.LeftButton, pos=view.bone_point("tibia", W, H).toPoint())
    assert sig.args == ["tibia"]


def test_demo_writes_a_png_and_rejects_bad_input(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["--day", "20w", "-o", str(out), "--size", "800x450"]) == 0
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (800, 450)
    assert img.text("osteoviz:colour_by") == "origin" and img.text("osteoviz:time_days") == "140.00"
    assert "clavicle" in img.text("osteoviz:ossifying").split(",") and "--day 20w" in img.text("osteoviz:command")
    assert main(["--day", "20w", "-o", str(out)]) == 1  # exists, no --force
    assert main(["--day", "twenty weeks", "-o", str(tmp_path / "bad.png")]) == 2
    err = capsys.readouterr().err
    assert "twenty weeks" in err and "Traceback" not in err
    assert not (tmp_path / "bad.png").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("size", [(1600, 900), (1280, 720), (1024, 768), (900, 1200)])
def test_labels_are_readable_and_overlap_nothing(view, lang, size):
    w, h = size
    view.set_language(lang)
    labels = [lab for name in ("skull_side", "hand", "foot") for lab in view.label_layout(w, h, name)]
    assert len(view.label_layout(w, h, "skull_side")) >= 10
    if size[0] >= 1280:  # the wrist and ankle zooms have room for their names on a slide
        assert {"capitate", "pisiform", "cuboid", "navicular"} <= {lab.bone for lab in labels}
    picture = QtCore.QRectF(0, 0, w, h)
    lay = view._layout(w, h)
    drawings = [view.view_transform(n, w, h).mapRect(view.views[n].viewbox) for n in ("front", "hand", "foot")]
    for i, lab in enumerate(labels):
        assert lab.px >= 0.6 * view._font_px(w, h)  # not shrunk to an unreadable size
        assert picture.contains(lab.rect) and not lab.rect.intersects(lay["legend"])
        assert not any(lab.rect.intersects(d) for d in drawings), lab.bone
        for other in labels[i + 1:]:
            assert not lab.rect.intersects(other.rect), (lab.bone, other.bone)
        assert view.bone_at(lab.anchor, w, h) == lab.bone  # every leader line ends on its bone


def test_no_labels_rather_than_unreadable_ones(view):
    assert view.label_layout(600, 2400) == []  # far too narrow beside the skull
    assert view.label_layout(480, 320) == []  # names would touch
    assert view.render_image(600, 2400).width() == 600


@pytest.mark.parametrize("size", [(1600, 900), (1280, 720), (1024, 768), (800, 600), (900, 1200), (3840, 2160)])
def test_the_legend_fits_its_box_and_stays_clear_of_the_drawings(view, size):
    w, h = size
    view.set_language("nl")  # the longer language
    img = view.render_image(w, h)
    painter = QtGui.QPainter(img)
    lay = view._layout(w, h)
    try:
        px = view.legend_px(painter, lay["legend"], view._font_px(w, h))
        assert view._paint_legend(painter, lay["legend"], px, draw=False) <= lay["legend"].bottom()
    finally:
        painter.end()
    assert px >= 0.6 * view._font_px(w, h)  # still readable
    assert QtCore.QRectF(0, 0, w, h).contains(lay["legend"])
    for name in ("front", "skull_side", "hand", "foot"):
        drawn = view.view_transform(name, w, h).mapRect(view.views[name].viewbox)
        assert not drawn.intersects(lay["legend"]), name
