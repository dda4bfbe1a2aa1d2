"""The primary-centre pictures (issue 8 review, phases 03-04): the bud's capillaries run in the spaces between the
spicules (never across them), osteoblasts line the thin bone without covering it, and the chondrocytes in
the calcified cartilage stand in order (no speckle of scattered lacunae)."""

import numpy as np
import pytest

from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.endochondral import DYING_SITES
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour, dilate, shifted
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
    # entering through the collar: in the collar's rows, with collar on both sides (the bud's gap in it)
    rows = [r for r in range(t.shape[0] // 3) if vessel[r].any() and (t[r] == T.COLLAR).any()]
    assert any((t[r, :np.flatnonzero(vessel[r]).min()] == T.COLLAR).any()
               and (t[r, np.flatnonzero(vessel[r]).max() + 1:] == T.COLLAR).any() for r in rows)


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
    # the freshly calcified rows (next to the hypertrophic zone) hold a dying cell in every lacuna of the lattice
    # (not a random scatter); deeper in, the cells have died: no intact cells there
    fresh = slots & dilate(tis == T.HYPERTROPHIC, DYING_SITES)
    assert fresh.sum() >= 10 and (cel[fresh] == C.HYPERTROPHIC).mean() > 0.85
    deep = slots & ~dilate(tis == T.HYPERTROPHIC, DYING_SITES + 1)
    assert deep.sum() >= 10 and not (cel[deep] == C.HYPERTROPHIC).any()


@pytest.mark.parametrize("phase", ("bone_collar", "primary_centre"))
def test_inset_shows_empty_lacunae_in_calcified_cartilage(run, phase):
    """Dying chondrocytes leave empty lacunae: pale holes without a cell in the purple calcified matrix."""
    model, h = run
    f = model.frame(h, REP[phase])
    t = f.inset.tissue
    held = np.zeros(t.shape, bool)
    for code in (C.HYPERTROPHIC, C.CHONDROCYTE):
        pts = f.inset.cells.get(int(code))
        if pts is not None and len(pts):
            held[np.clip(pts[:, 1].astype(int), 0, t.shape[0] - 1), np.clip(pts[:, 0].astype(int), 0, t.shape[1] - 1)] = True
    hole = (t == T.HYPERTROPHIC) & ~dilate(held, 1) & shifted(t == T.CALCIFIED, 0, 2) & shifted(t == T.CALCIFIED, 0, -2)
    assert hole.sum() >= 12


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


BONE_T = (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR)


def test_osteoblasts_on_a_bone_surface_in_organ_frames(run):
    """>= 90 % of the osteoblasts of the whole section sit beside bone (issue 8 tests), at many times."""
    model, h = run
    checked = 0
    for day in np.linspace(REP["primary_centre"], h.days[-1], 14):
        g = h.grids(h.step_at(day))
        tis, cel = g["tissue"], g["cells"]
        ob = cel == C.OSTEOBLAST
        if ob.sum() < 20:
            continue
        beside = any_neighbour(np.isin(tis, BONE_T), NEIGHBOURS_4)
        assert (beside[ob]).mean() >= 0.9, day
        checked += 1
    assert checked >= 8


@pytest.mark.parametrize("phase", ("bone_collar", "primary_centre"))
def test_osteoblast_glyphs_touch_bone_in_the_inset(run, phase):
    """In the organ-scale inset each osteoblast glyph lies against the bone it lines (>= 90 %), not mid-marrow or
    mid-periosteum."""
    model, h = run
    f = model.frame(h, REP[phase])
    t = f.inset.tissue
    pts = f.inset.cells[C.OSTEOBLAST]
    assert len(pts) >= 10
    bone = np.isin(t, BONE_T)
    touch = np.zeros(len(pts), bool)
    size = (f.inset.cell_sizes or {}).get(C.OSTEOBLAST, 1.0)
    reach = max(0.6, 0.5 * size + 3.0 / f.inset.site_um)  # the glyph's edge (and 3 µm) reaches the bone
    for dx, dy in ((reach, 0), (-reach, 0), (0, reach), (0, -reach)):
        ix = np.clip((pts[:, 0] + dx).astype(int), 0, t.shape[1] - 1)
        iy = np.clip((pts[:, 1] + dy).astype(int), 0, t.shape[0] - 1)
        touch |= bone[iy, ix]
    assert touch.mean() >= 0.9
