"""The fracture inset's cheaper steps give what the straightforward ones gave (kept here as references): spacing
by a separable window maximum, zones counted per column at once, pieces labelled from deduplicated run pairs,
the crop's resampled histology remembered per crop (also with the play worker and GUI thread asking at once)."""


import numpy as np
import pytest

from osteoviz.model import fracture_inset as fi
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.lattice import any_of
from osteoviz.simcache import load
from tests.threaded import from_threads


def reference_window_max(a, r):
    best = a.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            best = np.maximum(best, np.roll(np.roll(a, dy, 0), dx, 1))
    return best


def reference_zone_columns(band):
    names = {T.CARTILAGE: "callus_cartilage", T.HYPERTROPHIC: "hypertrophic", T.CALCIFIED: "calcified",
             T.BONE: "ossification"}
    cols = []
    for x in range(band.shape[1]):
        col = band[:, x]
        counts = {k: int(np.count_nonzero(col == k)) for k in names}
        best = max(counts, key=counts.get)
        for thin in (T.CALCIFIED, T.HYPERTROPHIC):
            if counts[thin] >= 0.15 * col.size:
                best = thin
                break
        cols.append(names[best] if counts[best] >= 0.15 * col.size else None)
    out = []
    for x, z in enumerate(cols):
        if z is None:
            continue
        if out and out[-1][0] == z:
            out[-1][2] = x + 1
        else:
            out.append([z, x, x + 1])
    w = band.shape[1]
    kept = []
    for z, a, b in (r for r in out if r[2] - r[1] >= 0.035 * w):
        if kept and (kept[-1][0] == z or not fi._in_order(kept[-1][0], z, kept[0][0])):
            kept[-1][2] = b
        else:
            kept.append([z, a, b])
    return [(z, float(a), float(b), "x") for z, a, b in kept]


def reference_components(group):
    """Each site's label: the smallest flat index reachable through 4-neighbours of equal value (min propagation)."""
    h, w = group.shape
    lab = np.arange(h * w).reshape(h, w)
    while True:
        new = lab.copy()
        for a, b, la, lb in ((group[:, 1:], group[:, :-1], np.s_[:, 1:], np.s_[:, :-1]),
                             (group[1:], group[:-1], np.s_[1:], np.s_[:-1])):
            same = a == b
            new[la] = np.where(same, np.minimum(new[la], lab[lb]), new[la])
            new[lb] = np.where(same, np.minimum(new[lb], lab[la]), new[lb])
        if np.array_equal(new, lab):
            return lab
        lab = new


def test_window_max_equals_rolls():
    rng = np.random.default_rng(1)
    for t in range(150):
        h, w = (int(v) for v in rng.integers(1, 40, 2))
        a = rng.random((h, w))
        if t % 2:
            a = np.where(rng.random((h, w)) < 0.6, -1.0, a)
        r = int(rng.integers(0, 7))
        assert np.array_equal(fi._window_max(a, r), reference_window_max(a, r))


@pytest.fixture(scope="module")
def insets():
    """The fracture's inset tissue (fine grid) through the whole repair."""
    model, history = load("fracture")
    days = np.linspace(model.p.start_day, model.p.end_day, 40)
    return [model.frame(history, float(d)).inset.tissue for d in days]


def test_zones_equal_the_column_by_column_reference(insets):
    rng = np.random.default_rng(3)
    codes = np.array([T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED, T.BONE, T.MARROW, T.VESSEL], np.uint8)
    grids = list(insets)
    for _ in range(120):  # and column-striped random fronts (ties, thin zones, gaps)
        h, w = int(rng.integers(5, 40)), int(rng.integers(5, 90))
        cols = codes[np.searchsorted(np.sort(rng.integers(0, w, 4)), np.arange(w)) % 6]
        noise = codes[rng.integers(0, 6, (h, w))]
        grids.append(np.where(rng.random((h, w)) < rng.uniform(0.2, 0.9), cols[None, :], noise))
    named = 0
    for g in grids:
        rows = slice(int(g.shape[0] * 0.15), int(g.shape[0] * 0.6))
        want = reference_zone_columns(g[rows])
        assert fi.zones_along_x(g, rows) == want
        named += len(want)
    assert named > 100


def test_components_equal_min_propagation(insets):
    rng = np.random.default_rng(4)
    grids = [fi.families(g) for g in insets[::4]] + [rng.integers(0, 3, (30, 41)).astype(np.uint8) for _ in range(10)]
    for g in grids:
        assert np.array_equal(fi.components(g), reference_components(g))


def test_any_of_equals_isin(insets):
    for g in insets[::5]:
        for codes in ((T.BONE,), (T.BONE, T.COMPACT, T.OSTEOID), (T.HAEMATOMA, T.GRANULATION, T.VESSEL, T.MARROW)):
            assert np.array_equal(any_of(g, codes), np.isin(g, codes))


def test_prepared_crops_from_several_threads_give_the_serial_frames():
    """Frames asked for from four threads at once (more crops than the cache holds) equal the frames asked for
    one by one: tissue, cells and zones."""
    model, history = load("fracture")
    days = [float(d) for d in np.linspace(model.p.start_day, model.p.end_day, 24)]
    serial = {d: model.frame(history, d) for d in days}
    for i, f in from_threads(days, lambda d: model.frame(history, d)):
        want = serial[days[i]]
        assert np.array_equal(f.inset.tissue, want.inset.tissue)
        assert f.inset.cells.keys() == want.inset.cells.keys()
        assert all(np.array_equal(f.inset.cells[k], want.inset.cells[k]) for k in f.inset.cells)
        assert f.inset_zones == want.inset_zones
    assert len(fi._PREPARED) <= 4
