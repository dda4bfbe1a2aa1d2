"""The growth-plate close-up changes with age as a textbook draws it (issue 8 point 1, review round 3): a young
plate at week 12, long columns at week 20, a thinner plate under a bony epiphysis at 6 years; the primary
spongiosa as bent mixed spicules, not parallel stripes."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

PLATE = (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)
BONY = (T.BONE, T.TRABECULAR)


@pytest.fixture(scope="module")
def insets():
    model, h = load("endochondral")
    day = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}
    out = {k: model.frame(h, day[k]) for k in ("marrow_cavity", "growth_plates", "childhood_growth")}
    out["model"], out["history"] = model, h
    return out


def thickness(inset) -> int:
    """Sites of proliferative + hypertrophic + calcified cartilage along the window's middle row."""
    row = inset.tissue[inset.tissue.shape[0] // 2]
    return int(np.isin(row, PLATE).sum())


def test_plate_thins_through_childhood_and_is_young_at_week_12(insets):
    w12, w20, y6 = (thickness(insets[k].inset) for k in ("marrow_cavity", "growth_plates", "childhood_growth"))
    assert y6 <= 0.65 * w20, (w12, w20, y6)  # drawn at the same µm scale (10 µm sites): visibly thinner
    assert w12 <= 0.75 * w20, (w12, w20, y6)  # the first plate is still organising its columns
    n20 = len(insets["growth_plates"].inset.cells[int(C.PROLIFERATIVE)])
    n6 = len(insets["childhood_growth"].inset.cells[int(C.PROLIFERATIVE)])
    assert n6 <= 0.65 * n20  # shorter columns: fewer flattened cells per column


def test_bony_epiphysis_with_bone_plate_at_6_years_cartilage_canals_before(insets):
    tis = insets["childhood_growth"].inset.tissue
    w = tis.shape[1]
    right = tis[:, int(0.75 * w):]
    assert np.isin(right, BONY).mean() > 0.2 and (right == T.YELLOW_MARROW).mean() > 0.3
    # the epiphyseal bone plate: a whole column of solid bone just beyond the resting zone, in every row
    rest_end = max(int(np.flatnonzero(row == T.CARTILAGE).max()) for row in tis if (row == T.CARTILAGE).any())
    plate = tis[:, rest_end + 1:rest_end + 4]
    assert np.isin(plate, BONY).all(axis=1).mean() > 0.95
    for key in ("marrow_cavity", "growth_plates"):
        fetal = insets[key].inset.tissue[:, int(0.75 * w):]
        assert not np.isin(fetal, BONY + (T.MARROW, T.YELLOW_MARROW)).any(), key  # a cartilaginous end ...
        assert (fetal == T.VESSEL).sum() >= 10 and (fetal == T.PERICHONDRIUM).sum() >= 10, key  # ... with canals


def test_epiphysis_marrow_same_in_organ_and_close_up(insets):
    model = insets["model"]
    fr = insets["childhood_growth"]
    organ = fr.main.tissue[model.geo.distal_epi & np.isin(fr.main.tissue, (T.MARROW, T.YELLOW_MARROW))]
    organ_fatty = (organ == T.YELLOW_MARROW).mean() > 0.5
    right = fr.inset.tissue[:, int(0.8 * fr.inset.tissue.shape[1]):]
    marrow = right[np.isin(right, (T.MARROW, T.YELLOW_MARROW))]
    assert marrow.size and ((marrow == T.YELLOW_MARROW).mean() > 0.5) == organ_fatty
    assert organ_fatty  # at 6 y the epiphyseal marrow has turned fatty (facts.md)


@pytest.mark.parametrize("key", ["marrow_cavity", "growth_plates", "childhood_growth"])
def test_primary_spongiosa_bent_mixed_spicules_not_stripes(insets, key):
    tis = insets[key].inset.tissue
    row = tis[tis.shape[0] // 2 + 1]
    front = int(np.flatnonzero(row == T.CALCIFIED).max())  # the calcified zone's edge, metaphysis to its left
    cal = np.flatnonzero(np.isin(row[:front], (T.MARROW, T.VESSEL)))
    x1 = int(cal.max()) if cal.size else front
    meta = tis[:, max(0, x1 - 30):x1 - 3]  # the primary spongiosa next to the front
    # a barcode has every row one tissue along its length; bent spicules and winding capillaries do not
    purity = [np.bincount(r, minlength=32).max() / r.size for r in meta]
    assert np.mean(purity) < 0.85, np.mean(purity)
    bone = np.isin(meta, (T.BONE,))
    assert bone.mean() > 0.12
    # still longitudinal: bone runs further along the axis than across it
    along = (bone[:, 1:] & bone[:, :-1]).sum() / max(bone.sum(), 1)
    across = (bone[1:, :] & bone[:-1, :]).sum() / max(bone.sum(), 1)
    assert along > across
    # mixed spicules: the calcified-cartilage cores lie in bone
    core = meta == T.CALCIFIED
    assert core.sum() > 10
    beside = np.zeros_like(core)
    beside[1:] |= bone[:-1]
    beside[:-1] |= bone[1:]
    assert (beside[core]).mean() > 0.8
