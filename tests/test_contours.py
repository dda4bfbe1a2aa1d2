"""Tissue outlines traced from label maps: closed loops that enclose each region, staircases made straight."""

import numpy as np
import pytest

from osteoviz.contours import label_outlines


def loop_areas(x, y, starts):
    ends = np.r_[starts[1:], len(x)]
    out = []
    for a, b in zip(starts, ends):
        xx, yy = x[a:b], y[a:b]
        out.append(0.5 * float(np.sum(xx * np.roll(yy, -1) - np.roll(xx, -1) * yy)))
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_outlines_enclose_each_region_with_its_area(seed):
    rng = np.random.default_rng(seed)
    labels = np.zeros((40, 60), np.uint8)
    for k in range(1, 6):  # overlapping blobs: regions with holes, touching corners, thin bits
        cy, cx, r = rng.uniform(5, 35), rng.uniform(5, 55), rng.uniform(3, 12)
        yy, xx = np.mgrid[:40, :60]
        labels[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = k
    out = label_outlines(labels, passes=0)
    assert set(out) == set(np.unique(labels).tolist())
    for value, (x, y, starts) in out.items():
        # clockwise on screen (y down) is a positive shoelace sum here; holes count negative. Joining edge
        # midpoints cuts (or fills) at most 1/8 of a pixel at each corner
        assert abs(sum(loop_areas(x, y, starts)) - np.count_nonzero(labels == value)) <= 0.125 * len(x)
        assert all(np.all(np.isfinite(a)) for a in (x, y)) and starts[0] == 0 and np.all(np.diff(starts) >= 4)
    smooth = label_outlines(labels, passes=2)
    for value, (x, y, starts) in smooth.items():  # smoothing only rounds corners: the area barely moves
        n = np.count_nonzero(labels == value)
        assert abs(sum(loop_areas(x, y, starts)) - n) < 0.08 * n + 4


def test_a_staircase_becomes_a_straight_edge():
    rows, cols = 30, 60
    yy, xx = np.mgrid[:rows, :cols]
    labels = (xx >= 2 * yy + 3).astype(np.uint8)  # a boundary rising one row per two columns
    x, y, starts = label_outlines(labels)[1]
    inner = (y > 3) & (y < rows - 3) & (x > 8) & (x < cols - 8)
    # the true edge runs along x = 2y + 3 (pixel corners); the staircase strays up to a whole pixel from it
    off = (x[inner] - 2 * y[inner] - 3) / np.hypot(1, 2)
    assert inner.sum() > 30
    assert np.ptp(off) < 0.15, np.ptp(off)
    raw_x, raw_y, _ = label_outlines(labels, passes=0)[1]
    keep = (raw_y > 3) & (raw_y < rows - 3) & (raw_x > 8) & (raw_x < cols - 8)
    assert np.ptp((raw_x[keep] - 2 * raw_y[keep] - 3) / np.hypot(1, 2)) > 0.3  # the test can tell the difference


@pytest.mark.parametrize("seed", [3, 4])
def test_every_loop_runs_edge_to_edge_in_order(seed):
    """Loops put together by pointer jumping: each joins neighbouring edge midpoints in turn (straight runs
    and 45-degree corners only), and all of a label's loops together enclose exactly its sites."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, (50, 70)).astype(np.uint8)
    labels[10:40, 10:60] = 3  # one long loop beside many short ones
    labels[20:30, 20:30] = 0  # with a hole
    for value, (x, y, starts) in label_outlines(labels, passes=0).items():
        ends = np.r_[starts[1:], len(x)]
        for a, b in zip(starts, ends):
            dx, dy = np.diff(np.r_[x[a:b], x[a]]), np.diff(np.r_[y[a:b], y[a]])
            assert np.all((dx == 0) | (dy == 0) | (np.abs(dx) == np.abs(dy))), value
            assert np.all(np.abs(dx) + np.abs(dy) > 0)
        assert abs(sum(loop_areas(x, y, starts)) - np.count_nonzero(labels == value)) <= 0.125 * len(x)
