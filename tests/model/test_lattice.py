"""Grid helpers: the exact distance transform agrees with brute force."""

import numpy as np
import pytest

from osteoviz.model.lattice import distance_to


def brute_force(mask, within=None):
    ty, tx = np.nonzero(mask)
    yy, xx = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
    d = np.sqrt(((yy[..., None] - ty) ** 2 + (xx[..., None] - tx) ** 2).min(axis=-1)).astype(np.float32)
    if within is not None:
        d[~within] = 0.0
    return d


@pytest.mark.parametrize("seed, shape, density", [(0, (40, 70), 0.01), (1, (33, 20), 0.3), (2, (64, 9), 0.002)])
def test_distance_matches_brute_force(seed, shape, density):
    rng = np.random.default_rng(seed)
    mask = rng.random(shape) < density
    mask[rng.integers(shape[0]), rng.integers(shape[1])] = True
    within = rng.random(shape) < 0.6
    assert np.array_equal(distance_to(mask), brute_force(mask))
    assert np.array_equal(distance_to(mask, within), brute_force(mask, within))


def test_a_disc_gives_the_distance_to_its_rim():
    yy, xx = np.mgrid[0:61, 0:61]
    outside = (yy - 30) ** 2 + (xx - 30) ** 2 > 20 ** 2
    d = distance_to(outside, within=~outside)
    assert d[30, 30] == pytest.approx(20.0, abs=1.0)
    assert d[outside].max() == 0.0


def test_no_target_is_infinitely_far():
    assert np.isinf(distance_to(np.zeros((4, 5), bool))).all()


def _dilate_by_steps(mask, radius):
    """The definition: grow by one ring of 8-neighbours, radius times."""
    from osteoviz.model.lattice import any_neighbour

    out = mask.copy()
    for _ in range(radius):
        out = out | any_neighbour(out)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_dilate_is_the_square_of_its_radius_also_at_the_edges(seed):
    from osteoviz.model.lattice import dilate

    rng = np.random.default_rng(seed)
    for _ in range(20):
        h, w = (int(v) for v in rng.integers(1, 30, 2))
        mask = rng.random((h, w)) < rng.random() * 0.15
        radius = int(rng.integers(0, 8))
        got = dilate(mask, radius)
        assert got.dtype == bool and got.shape == mask.shape
        assert np.array_equal(got, _dilate_by_steps(mask, radius)), (h, w, radius)


def test_roll_rows_is_np_roll_along_rows():
    from osteoviz.model.lattice import roll_rows

    a = np.random.default_rng(3).random((7, 5)) < 0.4
    for k in (1, -1, 2):
        assert np.array_equal(roll_rows(a, k), np.roll(a, k, axis=0))
