"""A label's anchor found per row and column is the very site the list of all the mask's sites gave (the first in
map order among equals), its centroid the same float: for crop labels and the secondary centre's inner point."""

import numpy as np
import pytest

import epiphysis_window_reference as ref
from osteoviz.model import epiphysis_window as ew
from osteoviz.model.nearest_site import mean_index, nearest_site


def listed(mask, x, y=None, least=1):
    """The straightforward way (as _crop_labels' at_mask had it)."""
    ys, xs = np.nonzero(mask)
    if ys.size < least:
        return None
    y = ys.mean() if y is None else y
    i = int(np.argmin((xs - x) ** 2 + (ys - y) ** 2))
    return float(xs[i]) + 0.5, float(ys[i]) + 0.5


def masks():
    rng = np.random.default_rng(11)
    for shape in ((1, 1), (1, 9), (7, 1), (22, 34), (176, 272), (97, 61)):
        for share in (0.0, 0.001, 0.05, 0.5, 1.0):
            yield rng.random(shape) < share
    ties = np.zeros((9, 9), bool)  # equal distances: the first in map order
    ties[[1, 1, 7, 7], [1, 7, 1, 7]] = True
    yield ties
    blob = np.zeros((176, 272), bool)
    blob[40:130, 150:260] = True
    blob[60:70, 10:30] = True
    yield blob


@pytest.mark.parametrize("least", [1, 2])
def test_nearest_site_is_the_listed_one(least):
    for mask in masks():
        rows, cols = mask.shape
        for x, y in ((cols * 0.5, None), (0.0, 0.0), (cols * 0.3, rows * 0.8), (cols + 5.0, -3.5)):
            assert nearest_site(mask, x, y, least) == listed(mask, x, y, least)


def test_mean_index_is_numpys_mean():
    for mask in masks():
        if mask.any():
            ys, xs = np.nonzero(mask)
            assert mean_index(mask, 1) == xs.mean() and mean_index(mask, 0) == ys.mean()


def test_inner_point_is_the_old_one():
    for mask in masks():
        for depth in (0, 1, 4):
            assert ew.inner_point(mask, depth) == ref.inner_point(mask, depth)
