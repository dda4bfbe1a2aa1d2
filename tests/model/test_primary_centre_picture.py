"""The primary-centre pictures (issue 8 review, phases 03-04): the bud's capillaries run in the spaces between the
spicules (never across them), osteoblasts line the thin bone without covering it, and the chondrocytes in
the calcified cartilage stand in order (no speckle of scattered lacunae)."""

import numpy as np
import pytest

from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour, shifted
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

REP = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def _on(t, pts):
    ix = np.clip(np.round(pts[:, 0] - 0.5).astype(int), 0, t.shape[1] - 1)
    iy = np.clip(np.round(pts[:, 1] - 0.5).astype(int), 0, t.shape[0] - 1)
    return t[iy, ix]


@pytest.mark.parametrize("day", (REP["primary_centre"], REP["primary_centre"] + 1.5))
def test_bud_capillaries_between_spicules(run, day):
    model, h = run
    t = model.frame(h, day).inset.tissue
    vessel = t == T.VESSEL
    spicule = np.isin(t, (T.BONE, T.CALCIFIED))
    through = vessel & shifted(vessel, -1, 0) & shifted(vessel, 1, 0)  # a vessel running across the section
    assert not (through & any_neighbour(spicule, NEIGHBOURS_4)).any()  # ... never beside spicule bone
    assert (vessel & any_neighbour(t == T.MARROW, NEIGHBOURS_4)).sum() >= 10  # capillaries in the marrow spaces
    assert (vessel & any_neighbour(t == T.COLLAR, NEIGHBOURS_4)).any()  # entering through the collar


def test_osteoblasts_line_bone_without_covering_it(run):
    model, h = run
    f = model.frame(h, REP["primary_centre"])
    t = f.inset.tissue
    on = _on(t, f.inset.cells[C.OSTEOBLAST])
    inner = on != T.PERIOSTEUM  # the cambium layer of the periosteum apart
    assert inner.sum() >= 10
    assert np.isin(on[inner], (T.BONE, T.CALCIFIED)).mean() < 0.1  # not drawn over the thin bone
    bone = np.isin(t, (T.BONE,)) & any_neighbour(t == T.MARROW, NEIGHBOURS_4)
    assert bone.sum() >= 20  # the spicule bone facing the marrow stays visible


@pytest.mark.parametrize("phase", ("bone_collar", "primary_centre"))
def test_calcified_cartilage_cells_in_order_not_speckle(run, phase):
    model, h = run
    g = h.grids(h.step_at(REP[phase]))
    tis, cel = g["tissue"], g["cells"]
    calc = (tis == T.CALCIFIED) & ~any_neighbour(np.isin(tis, (T.BONE, T.MARROW)))
    sheath = any_neighbour(any_neighbour(np.isin(tis, (T.PERICHONDRIUM, T.PERIOSTEUM, T.COLLAR, T.COMPACT))))
    slots = calc & ~sheath & (np.arange(tis.shape[0])[:, None] % 3 == 1) & (np.arange(tis.shape[1])[None, :] % 3 == 0)
    assert slots.sum() >= 20
    assert (cel[slots] == C.HYPERTROPHIC).mean() > 0.85  # every lacuna of the lattice, not a random scatter


def test_yellow_marrow_label_in_the_diaphysis_at_6_years(run):
    model, h = run
    day = REP["childhood_growth"]
    f = model.frame(h, day, labels=True)
    t, g = f.main.tissue, model.geo
    fat_shaft = (t == T.YELLOW_MARROW) & ~g.epiphysis & (g.x > 110) & (g.x < 390)
    assert fat_shaft.sum() >= 30  # the diaphysis has begun to turn fatty, from its middle
    (x, y), = [(x, y) for k, x, y in f.labels if k == "yellow_marrow"]
    iy, ix = int(y), int(x)
    assert t[iy, ix] == T.YELLOW_MARROW and not g.epiphysis[iy, ix] and 110 < g.x[iy, ix] < 390
