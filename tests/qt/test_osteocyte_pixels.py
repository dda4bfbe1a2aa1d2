"""Osteocytes read as osteocytes in the rendered section (dark body, pale lacuna, canaliculi), and bone keeps its colour."""

import numpy as np
import pytest
from PySide6 import QtCore

from osteoviz.colourdiff import delta_e2000, srgb_to_lab
from osteoviz.colours import load_profile
from osteoviz.model import registry
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.scenario import Scenario
from osteoviz.qt.export_picture import PictureOptions, configured_canvas

W, H = 1920, 1080


def _render(phase_id):
    spec = next(p for p in registry.get("intramembranous").phases if p.id == phase_id)
    canvas = configured_canvas(Scenario("intramembranous"), spec.representative_day, PictureOptions(W, H))
    img = canvas.render_image(W, H)
    img = img.convertToFormat(img.Format.Format_RGB888)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(H, img.bytesPerLine())
    px = rows[:, :W * 3].reshape(H, W, 3).astype(float) / 255.0
    return canvas, px


def _lab(rgb):
    return srgb_to_lab(np.asarray(rgb, float).reshape(-1, 3))


def _to_pixels(canvas, x, y):
    """Inset view coordinates to image pixels (an affine map, from two points)."""
    vb = canvas.inset_vb
    a, b = vb.mapViewToScene(QtCore.QPointF(0, 0)), vb.mapViewToScene(QtCore.QPointF(1, 1))
    return a.x() + (b.x() - a.x()) * np.asarray(x), a.y() + (b.y() - a.y()) * np.asarray(y)


@pytest.mark.parametrize("phase_id", ["osteocytes", "trabeculae", "tables_diploe"])
def test_an_osteocyte_is_a_dark_body_in_a_pale_lacuna_with_canaliculi(qapp, phase_id):
    canvas, px = _render(phase_id)
    inset = canvas.frame.inset
    pos = inset.cells.get(int(C.OSTEOCYTE), np.zeros((0, 2)))
    assert len(pos) >= 8
    size = canvas.scatters[int(C.OSTEOCYTE)].size_px
    assert size >= 14  # big enough at 1080 p to show a lacuna and its canaliculi
    xs, ys = _to_pixels(canvas, pos[:, 0], pos[:, 1] * inset.aspect)
    good = 0
    for x, y in zip(xs, ys):
        cx, cy = int(round(x)), int(round(y))
        body = _lab(px[cy, cx])[0]
        halo = _lab(np.stack([px[cy, int(round(x + s * 0.19 * size))] for s in (-1, 1)]))
        ring = np.array([[np.cos(a), np.sin(a)] for a in np.linspace(0, 2 * np.pi, 72, endpoint=False)]) * 0.36 * size
        lines = _lab(px[np.round(y + ring[:, 1]).astype(int), np.round(x + ring[:, 0]).astype(int)])
        dark_body = body[0] < 45
        pale_halo = (halo[:, 0] > body[0] + 35).all()
        canaliculi = (lines[:, 0] < np.median(lines[:, 0]) - 12).sum() >= 3  # thin dark lines cross the ring
        good += dark_body and pale_halo and canaliculi
    assert good >= 0.7 * len(pos), (good, len(pos))


@pytest.mark.parametrize("phase_id,tissue", [("trabeculae", T.BONE), ("periosteum", T.BONE),
                                             ("tables_diploe", T.TRABECULAR), ("tables_diploe", T.COMPACT),
                                             ("suture_fusion", T.COMPACT)])
def test_bone_areas_keep_their_legend_colour(qapp, phase_id, tissue):
    canvas, px = _render(phase_id)
    inset = canvas.frame.inset
    tis = inset.tissue
    same = tis == tissue
    for dy in (-1, 0, 1):  # sites well inside the tissue (not its anti-aliased edge)
        for dx in (-1, 0, 1):
            same &= np.roll(np.roll(tis, dy, 0), dx, 1) == tissue
    ys, xs = np.nonzero(same)
    assert len(ys) > 100
    pxs, pys = _to_pixels(canvas, xs + 0.5, (ys + 0.5) * inset.aspect)
    mean = px[np.round(pys).astype(int), np.round(pxs).astype(int)].mean(axis=0)
    legend = np.array(load_profile("screen").tissue_lut()[int(tissue)][:3], float) / 255.0
    de = float(delta_e2000(_lab(mean), _lab(legend))[0])
    assert de < 6.0, (phase_id, tissue, de)


@pytest.mark.parametrize("profile", ["screen", "projector", "colourblind"])
def test_osteoclasts_stand_out_from_blood_forming_cells(qapp, profile):
    canvas, px = _render("trabeculae")
    clasts, blood = canvas.scatters[int(C.OSTEOCLAST)], canvas.scatters[int(C.HAEMATOPOIETIC)]
    assert len(clasts.pos) >= 2 and len(blood.pos) > 10
    assert clasts.size_px >= 1.8 * blood.size_px  # large cells among small ones
    cells = load_profile(profile).cells
    fills = [np.array([int(cells[k]["fill"][i:i + 2], 16) for i in (1, 3, 5)]) / 255.0 for k in ("osteoclast", "haematopoietic")]
    assert float(delta_e2000(_lab(fills[0]), _lab(fills[1]))[0]) > 25, profile
    # several dark nuclei inside the drawn cell
    xs, ys = clasts.pos[:, 0], clasts.pos[:, 1]
    nx, ny = _to_pixels(canvas, xs, ys)
    # (the right-hand nucleus of the glyph, symbols._osteoclast: centred 0.2 right of and 0.08 below the cell's centre)
    centre_l = _lab(px[np.round(ny + 0.08 * clasts.size_px).astype(int), np.round(nx + 0.2 * clasts.size_px).astype(int)])[:, 0]
    assert np.median(centre_l) < 35  # a nucleus where the glyph puts one
