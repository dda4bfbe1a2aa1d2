"""Growth-plate inset histology (issue 8 review): hypertrophic cells swell 5-10x towards the front in clear
columns, the calcified zone holds lacunae (the deepest empty), capillaries run between the spicules and end
in the last opened lacunae."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.model.endochondral import PLATE_CELL_SIZES
from osteoviz.model.growthplate import COLUMN_UM, SEPTUM0_UM, SITE_UM
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.simcache import load

DAYS = (84.0, 140.0, BIRTH_DAY + 6 * DAYS_PER_YEAR, BIRTH_DAY + 12 * DAYS_PER_YEAR)  # plate-window phases


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def _zone(f, key):
    return next((a, b) for k, a, b, _ in f.inset_zones if k == key)


@pytest.mark.parametrize("day", DAYS)
def test_hypertrophic_cells_swell_towards_the_front(run, day):
    model, h = run
    f = model.frame(h, day)
    pts, sxy = f.inset.cells[C.HYPERTROPHIC], f.inset.cell_scale[C.HYPERTROPHIC]
    assert len(sxy) == len(pts) > 50
    # front (bone) on the left: cells nearer the front are longer along the axis and wider
    assert np.corrcoef(pts[:, 0], sxy[:, 0])[0, 1] < -0.8
    assert np.corrcoef(pts[:, 0], sxy[:, 1])[0, 1] < -0.8
    size = PLATE_CELL_SIZES[C.HYPERTROPHIC]
    biggest = np.max(sxy[:, 0] * sxy[:, 1] ** 2) * size ** 3
    prolif = PLATE_CELL_SIZES[C.PROLIFERATIVE]
    flat = (0.42 * prolif) * prolif ** 2  # the proliferating glyph: 0.42 x 1.0 of its size, a disc
    assert 5.0 <= biggest / flat <= 10.0
    smallest = np.min(sxy[:, 0] * sxy[:, 1] ** 2) * size ** 3
    assert smallest / flat < 2.5  # they start about as small as the proliferating cells: a gradient


@pytest.mark.parametrize("day", DAYS)
def test_hypertrophic_cells_stand_in_columns(run, day):
    model, h = run
    f = model.frame(h, day)
    y_um = f.inset.cells[C.HYPERTROPHIC][:, 1] * SITE_UM
    off = (y_um - SEPTUM0_UM) % COLUMN_UM - COLUMN_UM / 2  # distance from the column's axis
    assert np.percentile(np.abs(off), 95) < 4.0  # on the column axes ...
    assert not (np.abs(off) > 0.4 * COLUMN_UM).any()  # ... never on the septa between columns (no honeycomb)


@pytest.mark.parametrize("day", DAYS)
def test_calcified_zone_lacunae_and_capillary_loops(run, day):
    model, h = run
    f = model.frame(h, day)
    t = f.inset.tissue
    a, b = _zone(f, "calcified")
    zone = t[:, int(a):int(np.ceil(b))]
    assert (zone == T.CALCIFIED).mean() > 0.3 and (zone == T.HYPERTROPHIC).mean() > 0.1  # lacunae in matrix
    # the deepest lacunae are empty: lacuna sites at the front without a cell
    cells = f.inset.cells[C.HYPERTROPHIC]
    held = np.zeros(t.shape, bool)
    held[np.clip(cells[:, 1].astype(int), 0, t.shape[0] - 1), np.clip(cells[:, 0].astype(int), 0, t.shape[1] - 1)] = True
    front = slice(int(a), int(a) + 2)
    assert ((t[:, front] == T.HYPERTROPHIC) & ~held[:, front]).sum() >= 5
    # capillary loops end inside the calcified zone (in opened lacunae), from vessels in the metaphysis
    assert (zone == T.VESSEL).sum() >= 5
    oa, ob = _zone(f, "ossification")
    meta = t[:, int(oa):int(ob)]
    vessel_rows = set(np.flatnonzero((meta == T.VESSEL).any(axis=1)))
    core_rows = set(np.flatnonzero((meta == T.CALCIFIED).sum(axis=1) > 5))
    assert vessel_rows and core_rows and not (vessel_rows & core_rows)  # between spicules, never across them
    # osteoblasts line the bone of the spicules, next to it (not floating in the middle of the marrow)
    ob_pts = f.inset.cells[C.OSTEOBLAST]
    ix, iy = ob_pts[:, 0].astype(int), ob_pts[:, 1].astype(int)
    ok = (iy > 0) & (iy < t.shape[0] - 1) & (ix >= 0) & (ix < t.shape[1])
    near = np.zeros(ok.sum(), bool)
    for d in (-1, 0, 1):
        near |= np.isin(t[np.clip(iy[ok] + d, 0, t.shape[0] - 1), ix[ok]], (T.BONE,))
    assert near.mean() > 0.9


@pytest.mark.parametrize("day", DAYS)
def test_calcified_zone_shows_rows_of_lacunae_with_dying_cells(run, day):
    """The calcified zone is the last two or three lacunae of each column in purple matrix, the upper ones still
    holding a dying cell, not a cell-free band."""
    model, h = run
    f = model.frame(h, day)
    a, b = _zone(f, "calcified")
    assert (b - a) * SITE_UM >= 60.0
    pts = f.inset.cells[C.HYPERTROPHIC]
    inside = (pts[:, 0] >= a) & (pts[:, 0] < b)
    assert inside.sum() >= 10  # dying cells in their calcified lacunae


def test_week_20_plate_is_not_the_week_12_plate(run):
    model, h = run
    f12, f20 = model.frame(h, 84.0), model.frame(h, 140.0)
    w12 = {k: b - a for k, a, b, _ in f12.inset_zones}
    w20 = {k: b - a for k, a, b, _ in f20.inset_zones}
    assert w20["proliferative"] >= 1.15 * w12["proliferative"] and w20["hypertrophic"] >= 1.15 * w12["hypertrophic"]
    r12, r20 = f12.inset.cells[C.CHONDROCYTE], f20.inset.cells[C.CHONDROCYTE]
    d = np.hypot(r20[:, None, 0] - r12[None, :, 0], r20[:, None, 1] - r12[None, :, 1]).min(axis=1)
    assert (d < 1.0).mean() < 0.5  # the resting zone's cells are not the same picture
