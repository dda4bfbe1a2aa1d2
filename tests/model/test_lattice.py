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
