"""The young primary centre's close-up works each spicule and strut out only on the rows it can reach, and finds
clashing osteoblasts among neighbouring squares only: both give exactly what the whole-raster work gave."""

import numpy as np
import pytest

from calls_of import calls_of
from osteoviz.model import primary_window as pw
from osteoviz.model.kinds import Cell as C
from osteoviz.simcache import load


@pytest.fixture(scope="module")
def geometries():
    """The windows' geometries while the young centre grows (every quarter day)."""
    model, history = load("endochondral")
    seen = calls_of(pw, "primary_window", lambda: [model.frame(history, float(d)) for d in np.arange(53.0, 85.0, 0.25)])
    assert len(seen) >= 20
    return seen


def test_band_limited_window_equals_the_whole_raster_work(geometries, monkeypatch):
    fast = [pw.primary_window(g, s) for g, s in geometries]
    monkeypatch.setattr(pw, "_band", lambda lo, hi, pitch, n: slice(0, n))  # every spicule and strut: all rows
    for (g, s), (tissue, cells, su, aspect) in zip(geometries, fast):
        t2, c2, su2, aspect2 = pw.primary_window(g, s)
        assert (su, aspect) == (su2, aspect2)
        assert np.array_equal(tissue, t2), f"{int((tissue != t2).sum())} sites differ"
        assert cells.keys() == c2.keys() and all(np.array_equal(cells[k], c2[k]) for k in cells)
    assert sum(len(c.get(int(C.OSTEOBLAST), ())) for _, c, _, _ in fast) > 100


def test_band_holds_every_row_whose_middle_is_in_the_span():
    rng = np.random.default_rng(2)
    for _ in range(500):
        n, pitch = int(rng.integers(5, 200)), float(rng.uniform(1.0, 9.0))
        lo = float(rng.uniform(-50, n * pitch + 50))
        hi = lo + float(rng.uniform(0, 300))
        mids = (np.arange(n) + 0.5) * pitch
        want = np.flatnonzero((mids >= lo) & (mids <= hi))
        got = np.arange(n)[pw._band(lo, hi, pitch, n)]
        assert set(want) <= set(got)


def test_clashes_equal_all_pairs():
    """Osteoblast clashes (an earlier one closer than the reach) looked up among the 8 squares round each point
    equal the check of every pair, on point sets spread like the window's (at most one a square)."""
    rng = np.random.default_rng(5)
    for _ in range(60):
        r_ob = float(rng.uniform(0.8, 2.0))
        pts = (rng.random((int(rng.integers(2, 400)), 2)) * rng.uniform(10, 80, 2) - 3.0).astype(np.float32)
        cell = np.floor(pts / (0.9 * 2 * r_ob)).astype(np.int64)
        _, first = np.unique(cell[:, 0] * 100003 + cell[:, 1], return_index=True)
        first = np.sort(first)
        pts, cell = pts[first], cell[first]
        dist = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
        want = np.triu(dist < 1.6 * r_ob, 1).any(axis=0)
        got = pw._clashes(pts, cell, 1.6 * r_ob)
        assert np.array_equal(got, want)
