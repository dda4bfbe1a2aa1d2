"""Section bone identity and osteocyte spacing: lamellar diploe from about 4 years, spaced osteocytes in young bone."""

import numpy as np
import pytest

from osteoviz.model.clock import parse_time
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour
from osteoviz.simcache import load


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _grids(run, t):
    _, h = run
    g = h.grids(h.step_at(parse_time(t)))
    return g["section"], g["section_cells"]


def test_diploe_is_woven_in_the_infant_and_lamellar_spongy_bone_from_four_years(run):
    for t in ("birth", "6m"):
        tis, _ = _grids(run, t)
        assert not (tis == T.TRABECULAR).any() and (tis == T.BONE).sum() > 500, t
    for t in ("4y", "7y", "28y"):
        tis, _ = _grids(run, t)
        assert (tis == T.TRABECULAR).sum() > 300, t
        assert (tis == T.BONE).sum() < 0.05 * (tis == T.TRABECULAR).sum(), t  # no woven yellow left in the diploe


def test_table_osteocytes_lie_in_rows(run):
    tis, cel = _grids(run, "7y")
    cytes = (cel == C.OSTEOCYTE) & (tis == T.COMPACT)
    per_row = cytes.sum(axis=1)[(tis == T.COMPACT).sum(axis=1) > 50]
    assert (per_row == 0).sum() >= len(per_row) // 4  # cell-free lamellae between rows of osteocytes
    assert (per_row > 0).sum() >= len(per_row) // 2


def test_young_osteocytes_are_spaced_in_the_matrix_not_a_speckle(run):
    model, h = run
    spec = next(p for p in model.phases if p.id == "osteocytes")
    day = spec.representative_day
    g = h.grids(h.step_at(day))
    tis, cel = g["section"], g["section_cells"]
    cytes = cel == C.OSTEOCYTE
    matrix = np.isin(tis, (T.BONE, T.OSTEOID))
    assert cytes.sum() >= 20
    assert cytes.sum() <= 0.5 * matrix.sum()  # about 15 µm apart in 10 µm sites
    assert not (cytes & any_neighbour(cytes, NEIGHBOURS_4)).any()  # never two side by side
