"""The fast tracer draws the very outlines the old one did: same loops, same points, same order, bit for bit."""

import numpy as np
import pytest

import contours_reference as reference
from osteoviz import simcache
from osteoviz.contours import outlines_and_staircases
from osteoviz.model import registry


def assert_same(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)
    for value in want:
        for a, b in zip(got[value], want[value]):
            assert a.dtype == b.dtype and a.shape == b.shape, value
            assert np.array_equal(a, b), value  # identical coordinates: no rounding either


def check(labels: np.ndarray, only=None, passes: int = 2) -> None:
    got = outlines_and_staircases(labels, passes, only)
    want = reference.outlines_and_staircases(labels, passes, only)
    assert_same(got[0], want[0])
    assert_same(got[1], want[1])


def real_maps(pid: str):
    """Tissue maps of a process's organ and inset: each phase's representative day and a day later, and the
    labels that changed between the two (what the player retraces)."""
    model, history = simcache.load(pid)
    for spec in registry.get(pid).phases:
        day = spec.representative_day
        a, b = model.frame(history, day), model.frame(history, day + 1.0)
        layers = [(a.main.tissue, b.main.tissue)]
        if a.inset is not None and b.inset is not None:
            layers.append((a.inset.tissue, b.inset.tissue))
        for old, new in layers:
            changed = None
            if old.shape == new.shape:
                diff = old != new
                changed = sorted(set(np.unique(old[diff]).tolist()) | set(np.unique(new[diff]).tolist()))
            yield new, changed


@pytest.mark.parametrize("pid", ["endochondral", "intramembranous", "fracture"])
def test_real_tissue_maps_trace_as_before(pid):
    maps = 0
    for labels, changed in real_maps(pid):
        check(labels)
        if changed:
            check(labels, only=changed)
            check(labels, only=changed[:1], passes=0)
        maps += 1
    assert maps >= 5


def blobs(rng, rows: int, cols: int, k: int) -> np.ndarray:
    labels = np.zeros((rows, cols), np.uint8)
    yy, xx = np.mgrid[:rows, :cols]
    for v in range(1, k + 1):  # overlapping discs and rings: regions with holes, islands in holes, thin bits
        cy, cx, r = rng.uniform(0, rows), rng.uniform(0, cols), rng.uniform(2, 0.4 * max(rows, cols))
        d2 = (yy - cy) ** 2 + (xx - cx) ** 2
        labels[d2 < r * r] = v
        labels[d2 < (0.4 * r) ** 2] = (v + 1) % (k + 1)
    return labels


@pytest.mark.parametrize("seed", range(6))
def test_random_maps_trace_as_before(seed):
    rng = np.random.default_rng(seed)
    noise = rng.integers(0, 4, (23, 31)).astype(np.uint8)  # one-site regions, diagonal touches everywhere
    check(noise)
    check(noise, only=[1, 3])
    check(noise.astype(np.int32) * 70, only=[0, 210, 999])  # wide labels, one absent
    check(blobs(rng, 40, 57, 6))
    check(blobs(rng, 40, 57, 6), only=[2])
    check(blobs(rng, 64, 9, 3).astype(np.int64), passes=0)  # regions cut by all four map borders


def test_small_and_odd_maps_trace_as_before():
    checker = (np.indices((12, 15)).sum(axis=0) % 2).astype(np.uint8)  # every region touches others at corners
    check(checker)
    check(checker, only=[1])
    check(np.zeros((1, 1), np.uint8))
    check(np.array([[3]], np.uint8))
    check(np.arange(7, dtype=np.uint8)[None])  # one row, every site its own region
    check(np.arange(7, dtype=np.uint8)[:, None])
    ring = np.ones((5, 5), np.uint8)
    ring[2, 2] = 0  # a one-site hole
    check(ring)
    check(ring, only=[0])
    check(ring, only=[5])  # nothing to trace
    diag = np.eye(6, dtype=np.uint8)  # a diagonal of one-site regions touching at corners
    check(diag)
    check(diag + 2 * np.fliplr(np.eye(6, dtype=np.uint8)))
