"""Osteocyte-phase inset: canaliculi meet neighbours and the osteoblasts, osteoblasts sit on the seam, no black notches."""

import numpy as np
import pytest
from PySide6 import QtCore

from osteoviz.model import registry
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.scenario import Scenario
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from osteoviz.qt.symbols import SHAPES

W, H = 1920, 1080
BONY = (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR)


@pytest.fixture(scope="module")
def rendered(qapp):
    spec = next(p for p in registry.get("intramembranous").phases if p.id == "osteocytes")
    canvas = configured_canvas(Scenario("intramembranous"), spec.representative_day, PictureOptions(W, H))
    canvas.text_scale, canvas.compact, canvas._key = 1.0, False, None  # a full picture, not a strip panel's settings
    img = canvas.render_image(W, H)
    img = img.convertToFormat(img.Format.Format_RGB888)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(H, img.bytesPerLine())
    return canvas, rows[:, :W * 3].reshape(H, W, 3).astype(int)


def test_canaliculi_reach_neighbouring_osteocytes_and_the_osteoblasts(rendered):
    canvas, _ = rendered
    inset = canvas.frame.inset
    cytes = inset.cells[int(C.OSTEOCYTE)]
    blasts = inset.cells[int(C.OSTEOBLAST)]
    glyph = SHAPES[int(C.OSTEOCYTE)][1] * inset.cell_sizes[int(C.OSTEOCYTE)]  # sites across
    reach = 0.42 * glyph  # the shorter canaliculi's tips (glyph units 0.42 of its size)
    d = np.hypot(*(cytes[:, None, :] - cytes[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    linked = (d.min(axis=1) < 2 * reach).mean()
    assert linked >= 0.5, (linked, reach)  # old picture: processes stopped short of every neighbour
    to_blast = np.hypot(*(cytes[:, None, :] - blasts[None, :, :]).transpose(2, 0, 1)).min(axis=1)
    assert (to_blast < reach + 0.31).sum() >= 3, (np.sort(to_blast)[:5], reach)


def test_osteoblasts_sit_on_the_osteoid_seam(rendered):
    canvas, _ = rendered
    inset = canvas.frame.inset
    tis = inset.tissue
    pos = inset.cells[int(C.OSTEOBLAST)]
    col, row = pos[:, 0].astype(int), pos[:, 1].astype(int)
    below = (row + 1 < tis.shape[0]) & np.isin(tis[np.clip(row + 1, 0, tis.shape[0] - 1), col], BONY)
    above = (row >= 1) & np.isin(tis[np.clip(row - 1, 0, tis.shape[0] - 1), col], BONY)
    assert below.sum() >= 10 and above.sum() >= 5
    half = 0.31  # half the osteoblast glyph (0.62 of a site)
    gap_below = (row[below] + 1) - (pos[below, 1] + half)  # membrane showing between cell and seam
    gap_above = (pos[above, 1] - half) - row[above]
    assert np.abs(gap_below).max() < 0.03 and np.abs(gap_above).max() < 0.03, (gap_below.max(), gap_above.max())


def test_no_black_notches_at_the_inset_edges(rendered):
    canvas, px = rendered
    vb = canvas.inset_vb
    inset = canvas.frame.inset
    a = vb.mapViewToScene(QtCore.QPointF(0, 0))
    b = vb.mapViewToScene(QtCore.QPointF(inset.tissue.shape[1], inset.tissue.shape[0] * inset.aspect))
    x0, x1, y0, y1 = int(a.x()) + 2, int(b.x()) - 3, int(a.y()) + 6, int(b.y()) - 6
    background = px[5, 5]
    for x in (x0, x1):
        strip = px[y0:y1, x]
        dark = (np.abs(strip - background).sum(axis=1) < 30)
        assert dark.sum() == 0, (x, np.flatnonzero(dark)[:10] + y0)  # old picture: notches between the layers
