"""Parietal section histology: osteoblast layer on osteoid seams, osteocyte majority, layers and plates by age."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, parse_time
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour
from osteoviz.model.vault_section import EMINENCE_COL
from osteoviz.simcache import load

MATRIX = (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR)
TIMES = ("9w", "10w", "12w", "16w", "20w", "26w", "32w", "birth", "6m", "2y", "5y", "8y", "12y", "18y", "25y")


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _grids(run, t):
    _, h = run
    g = h.grids(h.step_at(parse_time(t)))
    return g["section"], g["section_cells"]


def _column_layers(tis, col):
    """Top-to-bottom runs of tissue in one column, as (tissue, first row, rows)."""
    runs, start = [], 0
    for r in range(1, tis.shape[0] + 1):
        if r == tis.shape[0] or tis[r, col] != tis[start, col]:
            runs.append((int(tis[start, col]), start, r - start))
            start = r
    return runs


def test_osteocytes_are_most_bone_cells_after_week_20(run):
    for t in ("20w", "24w", "30w", "birth", "6m", "2y", "5y", "8y", "12y", "18y", "25y"):
        _, cel = _grids(run, t)
        cytes = np.count_nonzero(cel == C.OSTEOCYTE)
        others = np.count_nonzero(np.isin(cel, (C.OSTEOBLAST, C.OSTEOCLAST)))
        assert cytes / (cytes + others) >= 0.80, t


def test_osteocytes_sit_in_mineralised_bone(run):
    for t in TIMES:
        tis, cel = _grids(run, t)
        cytes = cel == C.OSTEOCYTE
        assert cytes.any(), t
        assert np.isin(tis[cytes], MATRIX).all(), t
        assert np.isin(tis[cytes], (T.BONE, T.COMPACT, T.TRABECULAR)).mean() > 0.85, t  # a few are being walled into osteoid


def test_osteoblasts_form_a_layer_on_bone_surfaces(run):
    for t in TIMES:
        tis, cel = _grids(run, t)
        ob = cel == C.OSTEOBLAST
        on_surface = ob & any_neighbour(np.isin(tis, MATRIX), NEIGHBOURS_4)
        assert ob.sum() > 10, t
        assert on_surface.sum() >= 0.9 * ob.sum(), t
        assert not np.isin(tis[ob], MATRIX).any(), t  # on the bone, not in it


def test_osteoid_seam_covers_the_growing_outer_surface(run):
    for t in ("9w", "12w", "20w", "32w", "birth", "1y", "4y", "10y", "15y"):
        tis, cel = _grids(run, t)
        cols = [c for c in range(EMINENCE_COL - 30, EMINENCE_COL + 30) if np.isin(tis[:, c], MATRIX).any()]
        assert len(cols) > 20, t
        seam = 0
        for c in cols:
            first = int(np.flatnonzero(np.isin(tis[:, c], MATRIX))[0])
            seam += tis[first, c] == T.OSTEOID and cel[first - 1, c] == C.OSTEOBLAST
        assert seam >= 0.9 * len(cols), t


def test_adult_surfaces_are_mostly_quiet(run):
    tis, cel = _grids(run, "28y")
    cols = range(EMINENCE_COL - 30, EMINENCE_COL + 30)
    tops = [int(np.flatnonzero(np.isin(tis[:, c], MATRIX))[0]) for c in cols]
    assert np.mean([tis[r, c] == T.OSTEOID for r, c in zip(tops, cols)]) < 0.4


def test_blood_formation_in_bone_not_before_months_4_to_5(run):
    _, h = run
    first = next(h.days[s] for s in range(h.n_steps) if (h.grids(s)["section_cells"] == C.HAEMATOPOIETIC).any())
    assert 4 * 30.4 <= first <= 5.5 * 30.4
    _, cel = _grids(run, "12w")
    assert not (cel == C.HAEMATOPOIETIC).any()


def test_osteoclasts_resorb_the_dural_side_of_the_fetal_vault(run):
    for t in ("16w", "26w", "34w"):
        tis, cel = _grids(run, t)
        mat = np.isin(tis, MATRIX)
        below_plate = ~np.flipud(np.logical_or.accumulate(np.flipud(mat), axis=0))  # no bone further down
        dural = np.argwhere((cel == C.OSTEOCLAST) & below_plate)
        assert len(dural) >= 5, t  # on the brain (dural) side of the plate
        assert all(mat[r - 1, c] for r, c in dural), t  # each in a resorption bay against the bone


def test_layers_from_scalp_to_brain(run):
    for t, above in (("12w", T.MESENCHYME), ("birth", T.PERIOSTEUM), ("8y", T.PERIOSTEUM), ("28y", T.PERIOSTEUM)):
        tis, _ = _grids(run, t)
        order = [k for k, _, _ in _column_layers(np.where(tis == T.VESSEL, T.MESENCHYME, tis), EMINENCE_COL + 5)]
        assert order[0] == T.SKIN and order[-1] == T.BRAIN, t
        first_bone = next(i for i, k in enumerate(order) if k in MATRIX)
        assert above in order[:first_bone], t
        last_bone = max(i for i, k in enumerate(order) if k in MATRIX or k == T.MARROW)
        after = order[last_bone + 1:last_bone + 3]
        if t == "12w":  # fetal, before the periosteum: the inner membrane, then the dura
            assert after == [T.MESENCHYME, T.DURA], t
        else:  # the endocranial periosteum (the dura's periosteal layer) on the bone, then the dura
            assert after[0] == T.PERIOSTEUM and T.DURA in order[last_bone + 1:], t


def _plate(run, t):
    """Plate thickness (mm), compact bone (mm) in its outer and inner thirds, and the column, at the eminence."""
    model, h = run
    tis, _ = _grids(run, t)
    site_mm = model.section_site_um(parse_time(t)) / 1000.0
    col = tis[:, EMINENCE_COL + 5]
    rows = np.flatnonzero(np.isin(col, MATRIX) | (col == T.MARROW))
    plate = col[rows[0]:rows[-1] + 1]
    third = len(plate) // 3
    outer = np.count_nonzero(plate[:third] == T.COMPACT) * site_mm
    inner = np.count_nonzero(plate[-third:] == T.COMPACT) * site_mm
    return len(plate) * site_mm, outer, inner, plate


def test_thin_single_plate_at_birth_tables_and_diploe_from_about_four_years(run):
    thick, outer, inner, plate = _plate(run, "birth")
    assert 1.0 <= thick <= 2.0 and outer < 0.1 and inner < 0.1  # a thin single plate of woven bone
    thick2, outer2, _, plate2 = _plate(run, "2y")
    assert thick2 > thick and outer2 < 0.6
    for t in ("5y", "8y", "28y"):
        thick_t, outer_t, inner_t, plate_t = _plate(run, t)
        assert outer_t >= 0.6 and inner_t >= 0.4, t  # distinct compact outer and inner tables
        middle = plate_t[len(plate_t) // 3: 2 * len(plate_t) // 3]
        assert (middle == T.MARROW).any(), t  # spongy diploe with marrow between them
    assert 5.0 <= _plate(run, "28y")[0] <= 7.0


def test_section_changes_visibly_between_birth_two_years_childhood_and_adulthood(run):
    fractions = []
    for t in ("birth", "2y", "8y", "28y"):
        tis, _ = _grids(run, t)
        window = tis[:, EMINENCE_COL - 40:EMINENCE_COL + 40]
        fractions.append(np.array([np.mean(window == k) for k in (T.BONE, T.COMPACT, T.MARROW, T.OSTEOID, T.SKIN)]))
    for a, b in zip(fractions, fractions[1:]):
        assert np.abs(a - b).sum() > 0.08  # a different picture, not the same one again
