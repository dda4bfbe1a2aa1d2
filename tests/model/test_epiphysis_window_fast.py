"""The fast secondary-centre close-up draws exactly what the straightforward algorithms drew (kept here as
references), on real crops from the femur, and its caches give the same results from several threads at once."""


import numpy as np
import pytest

from osteoviz.model import epiphysis_window as ew
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load
from tests.threaded import from_threads


# -- the references: the algorithms as they were before the fast path ------------------------------------------
def _box(a, width, axis):
    r = width // 2
    p = np.pad(a, [(r + 1, r) if i == axis else (0, 0) for i in range(2)], mode="edge")
    c = np.cumsum(p, axis=axis, dtype=np.float32)
    hi = np.take(c, np.arange(width, width + a.shape[axis]), axis=axis)
    lo = np.take(c, np.arange(0, a.shape[axis]), axis=axis)
    return (hi - lo) / width


def _blur(a, width):
    for axis in (0, 1):
        for _ in range(3):
            a = _box(a, width, axis)
    return a


def reference_smooth_zoom(labels, zoom=ew.ZOOM, sigma=ew.BLUR):
    """Each tissue's indicator blown up, blurred by running means, the largest wins (strict >, in code order);
    then forbidden new contacts given back to the blown-up tissue, pass after pass over the whole map."""
    out = reference_dominant(labels, zoom, sigma)
    reference_give_back(out, labels, zoom)
    return out


def reference_dominant(labels, zoom, sigma):
    h, w = labels.shape
    width = 2 * int(round(sigma * zoom)) + 1
    best = np.full((h * zoom, w * zoom), -1.0, np.float32)
    out = np.zeros((h * zoom, w * zoom), labels.dtype)
    for c in np.unique(labels):
        v = _blur(ew.nearest((labels == c).astype(np.float32), zoom), width)
        win = v > best
        best[win] = v[win]
        out[win] = c
    return out


def reference_give_back(out, labels, zoom):
    ok = ew._pairs(labels)
    plain = ew.nearest(labels, zoom)
    for _ in range(3 * zoom):
        bad = np.zeros(out.shape, bool)
        for a, b, sa, sb in ((out[:, :-1], out[:, 1:], np.s_[:, :-1], np.s_[:, 1:]),
                             (out[:-1, :], out[1:, :], np.s_[:-1, :], np.s_[1:, :])):
            new = ~ok[a, b]
            bad[sa] |= new
            bad[sb] |= new
        bad &= out != plain
        if not bad.any():
            break
        out[bad] = plain[bad]


def reference_spongiosa_tissue(fine, fine_um, aspect, origin, seed):
    """The primary spongiosa's tissue worked out on every fine site of the map (not only the region's)."""
    h, w = fine.shape
    front = ew._front(fine)
    cols = np.arange(w)[None, :]
    region = (cols < front[:, None]) & np.isin(fine, ew.META)
    rng = np.random.default_rng(seed)
    n = int(h * fine_um * aspect / ew.PITCH_UM) + 3
    ph = rng.random((n, 5)) * 6.283
    length = 2300.0 + 1500.0 * rng.random(n)
    bridged = rng.random(n) < 0.5
    depth = (front[:, None] - cols - 0.5) * fine_um
    y = np.broadcast_to((np.arange(h)[:, None] + 0.5 + origin[1] * ew.ZOOM) * fine_um * aspect, (h, w))
    k = np.floor(y / ew.PITCH_UM + 0.5).astype(int)
    i = k % n
    wob = 45.0 * np.sin(depth / 520.0 + ph[i, 0]) + 22.0 * np.sin(depth / 230.0 + ph[i, 1])
    dy = y - k * ew.PITCH_UM - wob
    L = length[i]
    row_um = fine_um * aspect
    half = (90.0 + 50.0 * np.clip(depth / 700.0, 0.0, 1.0)) * np.clip((L - depth) / 600.0, 0.3, 1.0) \
        + 15.0 * np.sin(depth / 310.0 + ph[i, 2])
    bone = (np.abs(dy) < half) & (depth > 0.8 * fine_um) & (depth < L)
    core = (np.abs(dy) < np.maximum(1.2 * row_um, 0.45 * half)) & (depth < 0.6 * L)
    below = np.floor(y / ew.PITCH_UM).astype(int)
    up = y - below * ew.PITCH_UM
    j = below % n
    strut = (np.abs(depth - (500.0 + 900.0 * ph[j, 3] / 6.283) - 0.7 * up) < 70.0) & bridged[j] & (depth < 1500.0)
    mid = below * ew.PITCH_UM + ew.PITCH_UM / 2 + 60.0 * np.sin(depth / 400.0 + ph[j, 4])
    vessel = (np.abs(y - mid) < 1.0 * row_um) & (depth > 0.0)
    out = fine.copy()
    out[region] = T.MARROW
    out[region & vessel] = T.VESSEL
    out[region & (bone | strut)] = T.BONE
    out[region & core] = T.CALCIFIED
    return out, region


def reference_metaphysis_cells(tissue, region, blood):
    """The spongiosa's cells looked for on the whole map."""
    h, w = tissue.shape
    rr, cc = np.mgrid[0:h, 0:w]
    bone = (tissue == T.BONE) & region
    marrow = (tissue == T.MARROW) & region
    out = {}
    ys, xs = np.nonzero(marrow & ew._touching(bone) & ((cc + 5 * rr) % ew.SPACING == 0))
    out[C.OSTEOBLAST] = ew._centres(ys, xs)
    ys, xs = np.nonzero(bone & ~ew._touching(~np.isin(tissue, ew.BONY)) & ((cc * 7 + rr * 3) % 29 == 0))
    out[C.OSTEOCYTE] = ew._centres(ys, xs)
    ys, xs = np.nonzero((tissue == T.VESSEL) & region & (cc % 10 == 0))
    out[C.ENDOTHELIAL] = ew._centres(ys, xs)
    if blood:
        ys, xs = np.nonzero(marrow & ~ew._touching(~marrow) & ((cc * 5 + rr * 3) % 67 == 0))
        out[C.HAEMATOPOIETIC] = ew._centres(ys, xs)
    return {k: v for k, v in out.items() if len(v)}


# -- real crops: what the femur's frames hand to the close-up through the secondary-centre phase ---------------
@pytest.fixture(scope="module")
def crops():
    model, history = load("endochondral")
    ids = [p.id for p in ENDOCHONDRAL_PHASES]
    start = ENDOCHONDRAL_PHASES[ids.index("secondary_centres")].start_day
    end = ENDOCHONDRAL_PHASES[ids.index("secondary_centres") + 1].start_day
    seen, out = set(), []
    real = ew.closeup

    def spy(crop, cells, um, aspect, origin, seed=3, spongiosa=True):
        key = (np.asarray(crop).tobytes(), origin, round(um, 3))
        if key not in seen:
            seen.add(key)
            out.append((np.array(crop), {k: np.array(v) for k, v in cells.items()}, um, aspect, tuple(origin), seed))
        return real(crop, cells, um, aspect, origin, seed, spongiosa)

    ew.closeup = spy
    try:
        for day in np.linspace(start, end - 0.01, 14):
            model.frame(history, float(day))
    finally:
        ew.closeup = real
    assert len(out) >= 8
    return out


def test_fast_smooth_zoom_equals_the_reference_on_real_crops(crops):
    for crop, *_ in crops:
        want = reference_smooth_zoom(crop)
        got = ew._smooth_zoom(crop, ew.ZOOM, ew.BLUR)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got, want), f"{int((got != want).sum())} fine sites differ"


def test_a_crop_worked_out_after_the_previous_one_equals_it_worked_out_afresh(crops):
    """Consecutive crops (a few sites changed, as the organ grows a step) and crops with random sites changed:
    reusing the previous crop's blocks away from the changes gives the fresh result and the reference."""
    rng = np.random.default_rng(11)
    pairs = [(a[0], b[0]) for a, b in zip(crops, crops[1:]) if a[0].shape == b[0].shape]
    for crop, *_ in crops[::3]:
        edit = crop.copy()
        sites = rng.integers(0, crop.size, int(rng.integers(1, 30)))
        edit.flat[sites] = rng.choice(np.unique(crop), sites.size)
        pairs.append((crop, edit))
    assert len(pairs) >= 10
    for prev, cur in pairs:
        ew._LAST.clear()
        fresh = ew._smooth_zoom(cur, ew.ZOOM, ew.BLUR)
        ew._smooth_zoom(prev, ew.ZOOM, ew.BLUR)
        after = ew._smooth_zoom(cur, ew.ZOOM, ew.BLUR)
        assert np.array_equal(after, fresh)
        assert np.array_equal(after, reference_smooth_zoom(cur))


def _exact_gap(labels, zoom, sigma):
    """Per fine site, the margin of the winning tissue's blurred indicator over the runner-up's (float64, dense)."""
    h, w = labels.shape
    width = 2 * int(round(sigma * zoom)) + 1
    r = width // 2

    def matrix(n):
        m = n * zoom
        k, idx = np.repeat(np.eye(n), zoom, axis=0), np.arange(m)
        for _ in range(3):
            k = sum(k[np.clip(idx + d, 0, m - 1)] for d in range(-r, r + 1)) / width
        return k

    ky, kx = matrix(h), matrix(w)
    v = np.sort(np.stack([ky @ (labels == c).astype(float) @ kx.T for c in np.unique(labels)]), axis=0)
    return v[-1] - v[-2]


def test_fast_smooth_zoom_differs_from_the_reference_only_at_exact_ties_on_random_maps():
    """Random maps (far busier than any crop) at several zooms: a fine site may differ only where two tissues
    dominate it exactly equally (the old float32 running sums broke such ties by rounding noise)."""
    rng = np.random.default_rng(7)
    differing = total = 0
    for t in range(24):
        h, w = (int(v) for v in rng.integers(3, 24, 2))
        labels = rng.integers(0, int(rng.integers(2, 8)), (h, w)).astype(np.uint8)
        if t % 2:  # blobs two sites wide, like the organ's tissue layers
            labels = np.repeat(np.repeat(labels, 2, 0), 2, 1)[:h, :w]
        for zoom in (8, 4, 2):
            want, got = reference_smooth_zoom(labels, zoom), ew._smooth_zoom(labels, zoom, ew.BLUR)
            diff = got != want
            total += diff.size
            differing += int(diff.sum())
            if diff.any():
                gap = _exact_gap(labels, zoom, ew.BLUR)
                # a tie at a site can also flip what a give-back finds next to it: allow the 4-neighbours
                tie = gap < 1e-12
                near = tie | ew._touching(tie)
                assert near[diff].all(), f"a fine site differs away from a tie (gap {gap[diff & ~near].min():.3g})"
    assert differing < 1e-4 * total


def test_give_back_equals_the_reference_where_it_has_work():
    """One-site layers along a diagonal, blurred a little wider than the close-up does: the smoothing lets the
    tissues either side of the layer touch, and the give-back (only on the sites that differ from the blown-up
    map) undoes exactly what the whole-map passes undid."""
    i, j = np.mgrid[0:12, 0:14]
    worked = 0
    for line in (j == i, j == (4 * i) // 3, j == i // 2 + 3):
        labels = np.where(line, 1, np.where(j < np.argmax(line, axis=1)[:, None], 0, 2)).astype(np.uint8)
        for zoom, sigma in ((3, 0.6), (5, 0.6), (8, 0.6), (8, 0.5)):
            dominant = reference_dominant(labels, zoom, sigma)
            want, got = dominant.copy(), dominant.copy()
            reference_give_back(want, labels, zoom)
            ew._give_back(got, labels, zoom)
            assert np.array_equal(got, want)
            worked += int((want != dominant).sum())
    assert worked > 20


def test_spongiosa_and_its_cells_equal_the_whole_map_reference(crops):
    for crop, cells, um, aspect, origin, seed in crops:
        fine = ew.smooth_zoom(crop)
        fine_um = um / ew.ZOOM
        got, region, _ = ew._spongiosa(fine, fine_um, aspect, origin, seed)
        want, want_region = reference_spongiosa_tissue(fine, fine_um, aspect, origin, seed)
        assert np.array_equal(region, want_region) and region.any()
        assert np.array_equal(got, want), f"{int((got != want).sum())} fine sites differ"
        for blood in (False, True):
            a, b = ew._metaphysis_cells(got, region, blood), reference_metaphysis_cells(got, region, blood)
            assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def test_closeup_from_several_threads_gives_the_serial_results(crops):
    """The play worker and the GUI thread ask for close-ups at once: the shared caches (more crops than they hold,
    so they evict while others read) never fail and every thread gets what a lone caller got."""
    def run(args):
        crop, cells, um, aspect, origin, seed = args
        fine, fine_cells, fine_um = ew.closeup(crop, cells, um, aspect, origin, seed)
        return fine, fine_cells, fine_um

    serial = [run(a) for a in crops]
    for i, (fine, fine_cells, fine_um) in from_threads(crops, run, rounds=3):
        want = serial[i]
        assert np.array_equal(fine, want[0]) and fine_um == want[2]
        assert fine_cells.keys() == want[1].keys()
        assert all(np.array_equal(fine_cells[k], want[1][k]) for k in fine_cells)
    assert len(ew._SMOOTHED) <= 8 and len(ew._CLOSEUPS) <= 8
