"""Close-up insets of the young vault: oriented (scalp side / dura side), named for what they show, cells spaced."""

import json
from pathlib import Path

import numpy as np
import pytest

from osteoviz.model.kinds import Cell as C
from osteoviz.simcache import load

STRINGS = Path(__file__).resolve().parents[2] / "assets" / "strings"


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _frame(run, phase_id):
    model, h = run
    spec = next(p for p in model.phases if p.id == phase_id)
    return model.frame(h, spec.representative_day, labels=True)


def test_week_8_layer_is_surface_ectoderm_not_scalp(run):
    zones = [z[0] for z in _frame(run, "condensation").inset_zones]
    assert "surface_ectoderm" in zones and "scalp" not in zones
    assert "scalp" in [z[0] for z in _frame(run, "trabeculae").inset_zones]


@pytest.mark.parametrize("phase_id", ["ossification_centre", "osteoid", "osteocytes"])
def test_close_ups_show_which_side_is_the_scalp(run, phase_id):
    zones = [z[0] for z in _frame(run, phase_id).inset_zones]
    assert "membrane_scalp_side" in zones  # the scalp itself is out of the crop
    assert zones.index("membrane_scalp_side") < zones.index(next(z for z in zones if "centre" in z or z == "bone_plate"))


def test_single_nodule_is_named_ossification_centre_osteoid(run):
    zones = [z[0] for z in _frame(run, "ossification_centre").inset_zones]
    assert "ossification_centre_osteoid" in zones and "bone_plate" not in zones
    assert "membrane_dura_side" in zones


def test_zone_keys_have_words_in_both_languages(run):
    model, h = run
    keys = {z[0] for p in model.phases for z in model.frame(h, p.representative_day).inset_zones}
    for lang in ("en", "nl"):
        data = json.loads((STRINGS / f"{lang}.json").read_text(encoding="utf-8"))
        assert all(f"label.{k}" in data or f"zone.{k}" in data for k in keys), lang


def test_osteocyte_phase_points_at_one_osteocyte(run):
    f = _frame(run, "osteocytes")
    pts = [(x, y) for k, x, y in f.inset_labels if k == "osteocyte"]
    assert len(pts) == 1
    cytes = f.inset.cells[int(C.OSTEOCYTE)]
    d = np.hypot(cytes[:, 0] - pts[0][0], cytes[:, 1] - pts[0][1])
    assert d.min() < 0.5  # the label's anchor is on an osteocyte


def test_week_8_mesenchymal_cells_are_spaced_and_larger(run):
    f = _frame(run, "condensation")
    pos = f.inset.cells[int(C.MESENCHYMAL)]
    h, w = f.inset.tissue.shape
    assert 100 < len(pos) < 0.15 * h * w  # a cell per ~12 µm, not one per 7 µm site
    assert f.inset.cell_sizes[int(C.MESENCHYMAL)] * f.inset.site_um >= 10.0  # drawn about 10-12 µm across
