"""Rendered pixels: bone replaces cartilage in the femur; the vault's bone spreads from its centres."""

import numpy as np
import pytest
from PySide6 import QtGui

from osteoviz.colours import hex_rgb
from osteoviz.model.clock import parse_time
from osteoviz.model.kinds import Tissue
from osteoviz.qt.headless import render_picture


def pixels(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(h, img.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).copy()


def share(canvas, img, tissues, rect) -> float:
    px = pixels(img)
    r = rect.toRect()
    region = px[r.top():r.bottom(), r.left():r.right()].reshape(-1, 3).astype(int)
    hit = np.zeros(len(region), bool)
    for t in tissues:
        hit |= (np.abs(region - np.array(hex_rgb(canvas.profile.tissue[Tissue(t).name.lower()]))).sum(axis=1) < 24)
    return hit.mean()


def test_endochondral_bone_area_grows_and_cartilage_share_falls(qapp):
    bone, cart = [], []
    for t in ("7w", "9w", "12w", "20w", "38w"):  # the bone collar forms in weeks 7-8
        canvas, img = render_picture("endochondral", parse_time(t), 1280, 720)
        bone.append(share(canvas, img, (Tissue.BONE, Tissue.COMPACT, Tissue.COLLAR, Tissue.MARROW), canvas._main_rect))
        cart.append(share(canvas, img, (Tissue.CARTILAGE, Tissue.PROLIFERATIVE, Tissue.HYPERTROPHIC), canvas._main_rect))
    assert bone[0] < 0.005 < bone[1] and all(b2 > b1 for b1, b2 in zip(bone, bone[1:]))
    assert cart[0] > 0.15 and cart[-1] < cart[0] / 2  # (the femur outline with neck and trochanters fills less of the frame)


def test_intramembranous_bone_grows_outward(qapp):
    areas = []
    for t in ("8.5w", "10w", "14w", "24w"):
        canvas, img = render_picture("intramembranous", parse_time(t), 1280, 720)
        areas.append(share(canvas, img, (Tissue.BONE, Tissue.BONE_SPICULE), canvas._main_rect))
    assert all(a2 > a1 * 1.2 for a1, a2 in zip(areas, areas[1:]))


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_render_is_at_the_requested_size_with_legend_and_caption(qapp, size):
    canvas, img = render_picture("endochondral", parse_time("20w"), *size)
    assert (img.width(), img.height()) == size
    px = pixels(img)
    text = np.array(hex_rgb(canvas.profile.text))
    cap = canvas._caption_rect.toRect()
    # caption text is drawn: text-coloured pixels in the caption band
    band = px[cap.top():cap.bottom(), cap.left():cap.right()].reshape(-1, 3).astype(int)
    assert (np.abs(band - text).sum(axis=1) < 60).sum() > 200 * (size[0] / 1280)
    tissues, cells = canvas.legend_entries()
    assert Tissue.MARROW in tissues and len(cells) >= 3


def test_profiles_change_the_background(qapp):
    _, dark = render_picture("endochondral", parse_time("12w"), 640, 360, "screen")
    _, light = render_picture("endochondral", parse_time("12w"), 640, 360, "projector")
    assert pixels(dark)[5, 5].sum() < 150 and pixels(light)[5, 5].sum() > 700


def test_a_transparent_picture_stays_transparent_when_the_profile_changes(qapp):
    """A colour profile chosen after a transparent background keeps the background transparent (set_profile took
    the opaque colour table before; exports set the profile first, so only a canvas set the other way round showed
    it: the organ's box in the profile's opaque background)."""
    from osteoviz.qt.canvas import SceneCanvas
    from osteoviz.qt.headless import frame_for

    frame = frame_for("endochondral", parse_time("40w"))
    late = SceneCanvas()
    late.set_transparent(True)
    late.set_profile("projector")
    early = SceneCanvas("projector")
    early.set_transparent(True)
    images = []
    for c in (late, early):
        c.frame = frame
        img = c.render_image(640, 360)
        images.append(np.frombuffer(img.constBits(), np.uint8).reshape(360, img.bytesPerLine()).copy())
    organ = late.main_img.mapRectToScene(late.main_img.boundingRect()).toAlignedRect()
    alpha = images[0].reshape(360, -1, 4)[organ.top() + 1, organ.left() + 1:organ.right() - 1, 3]
    assert (alpha == 0).any()  # the background within the organ's box is see-through
    assert np.array_equal(images[0], images[1])
