"""Growth-plate histology: zones in order from epiphysis to shaft, cells flow towards the shaft, closure ends it."""

import numpy as np

from osteoviz.model.clock import BIRTH_DAY
from osteoviz.model.growthplate import plate_window, zone_widths
from osteoviz.model.kinds import Cell as C, Tissue as T


def test_zones_ordered_from_epiphysis_to_shaft():
    tissue, cells = plate_window(BIRTH_DAY + 2000, 50_000.0, True, 0.0, BIRTH_DAY)
    row = tissue[tissue.shape[0] // 2 + 1]
    first = {t: np.flatnonzero(row == t).mean() for t in (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)}
    assert first[T.CALCIFIED] < first[T.HYPERTROPHIC] < first[T.PROLIFERATIVE]  # shaft on the left
    x = {c: cells[c][:, 0].mean() for c in (C.OSTEOBLAST, C.HYPERTROPHIC, C.PROLIFERATIVE, C.CHONDROCYTE)}
    assert x[C.OSTEOBLAST] < x[C.HYPERTROPHIC] < x[C.PROLIFERATIVE] < x[C.CHONDROCYTE]
    assert np.isin(tissue[:, -5:], (T.BONE, T.TRABECULAR)).any()  # the secondary centre's (by now lamellar) bone


def test_cells_flow_towards_the_shaft_as_the_plate_grows():
    before = plate_window(200.0, 10_000.0, False, 0.0, BIRTH_DAY)[1][C.HYPERTROPHIC]
    after = plate_window(200.0, 10_004.0, False, 0.0, BIRTH_DAY)[1][C.HYPERTROPHIC]
    # match every cell to its nearest neighbour in the next picture (cells keep their column)
    d = np.hypot(after[:, None, 0] - before[None, :, 0], after[:, None, 1] - before[None, :, 1])
    nearest = before[d.argmin(axis=1)]
    moved = after[:, 0] - nearest[:, 0]
    assert np.median(moved) < -0.1  # 4 µm of growth moves the cells shaft-wards (x in 10 µm sites)...
    assert np.percentile(np.abs(moved), 90) < 0.8  # ... smoothly, without jumps


def test_closure_removes_the_dividing_cells_and_leaves_a_line():
    assert zone_widths(BIRTH_DAY + 20 * 365, BIRTH_DAY, 1.0) == (0.0, 0.0, 0.0)
    tissue, cells = plate_window(BIRTH_DAY + 19 * 365, 300_000.0, True, 1.0, BIRTH_DAY)
    assert C.PROLIFERATIVE not in cells and C.HYPERTROPHIC not in cells
    assert (tissue == T.EPIPHYSEAL_LINE).any() and not (tissue == T.PROLIFERATIVE).any()


def test_consecutive_close_ups_share_the_time_independent_grids(monkeypatch):
    """The window's trabeculae, columns and spicule rows do not change with the day: worked out once, and a later
    frame is what a fresh computation gives."""
    from osteoviz.model import growthplate as gp

    calls = []
    real = gp._spongy
    monkeypatch.setattr(gp, "_spongy", lambda *a: calls.append(1) or real(*a))
    gp._grid.cache_clear()
    first = gp.plate_window(140.0, 400.0, False, 0.0, BIRTH_DAY, seed=5)
    second = gp.plate_window(140.08, 403.0, False, 0.0, BIRTH_DAY, seed=5)
    assert len(calls) == 1  # once for both ticks, not once a tick
    assert not np.array_equal(first[0], second[0]) or any(
        not np.array_equal(first[1][c], second[1][c]) for c in first[1])  # the tick did move something
    gp._grid.cache_clear()
    again = gp.plate_window(140.08, 403.0, False, 0.0, BIRTH_DAY, seed=5)
    assert len(calls) == 2
    assert np.array_equal(again[0], second[0])
    assert all(np.array_equal(again[1][c], second[1][c]) for c in again[1])
