"""Scale2x upscaling of label maps: categories only, and curved outlines closer to the true shape."""

import numpy as np
import pytest

from osteoviz.upscale import scale2x, smooth_labels


def _disc(n: int) -> np.ndarray:
    y, x = np.mgrid[0:n, 0:n] + 0.5
    return (((x - n / 2) ** 2 + (y - n / 2) ** 2) < (0.4 * n) ** 2).astype(np.uint8) * 7


def test_every_output_pixel_is_its_source_or_a_neighbour():
    rng = np.random.default_rng(3)
    src = rng.integers(0, 4, (30, 40)).astype(np.uint8)
    out = scale2x(src)
    assert out.shape == (60, 80)
    pad = np.pad(src, 1, mode="edge")
    for dy in (0, 1):
        for dx in (0, 1):
            q = out[dy::2, dx::2]
            allowed = [src, pad[:-2, 1:-1], pad[1:-1, 2:], pad[1:-1, :-2], pad[2:, 1:-1]]
            assert np.any([q == a for a in allowed], axis=0).all()


def test_flat_regions_and_straight_edges_are_unchanged():
    src = np.zeros((8, 8), np.uint8)
    src[:, 4:] = 5
    assert np.array_equal(scale2x(src), np.kron(src, np.ones((2, 2), np.uint8)))


def test_a_disc_upscaled_is_closer_to_the_true_disc_than_nearest_neighbour():
    low, truth = _disc(24), _disc(96)
    nearest = np.kron(low, np.ones((4, 4), np.uint8))
    smooth = smooth_labels(low, 2)
    assert smooth.shape == truth.shape
    assert (smooth != truth).sum() < 0.8 * (nearest != truth).sum()


def test_rejects_non_2d():
    with pytest.raises(ValueError):
        scale2x(np.zeros((2, 2, 2)))
