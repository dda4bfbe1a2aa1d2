"""Outline paths built for all tissues in one go are the paths pg.arrayToQPath made, tissue by tissue."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtCore

import contours_reference as reference
from osteoviz import simcache
from osteoviz.model import registry
from osteoviz.qt.outlines import _paths, site_counts, stair_paths


def reference_path(x, y, starts, aspect):
    """The path as it was built before: each loop closed on its first point, a move between loops."""
    n, k = len(x), len(starts)
    closers = np.arange(1, k + 1)
    closers[:-1] += starts[1:] - 1
    closers[-1] += n - 1
    connect = np.ones(n + k, np.int32)
    connect[closers] = 0
    keep = connect.astype(bool)
    xs, ys = np.empty(n + k), np.empty(n + k)
    xs[keep], ys[keep] = x, y
    xs[closers], ys[closers] = x[starts], y[starts]
    path = pg.arrayToQPath(xs, ys * aspect, connect=connect, finiteCheck=False)
    path.setFillRule(QtCore.Qt.FillRule.WindingFill)
    return path


def serialised(path) -> bytes:
    """Every element (type and coordinates), the current subpath's start and the fill rule, as Qt stores them."""
    data = QtCore.QByteArray()
    QtCore.QDataStream(data, QtCore.QIODevice.OpenModeFlag.WriteOnly) << path
    return bytes(data)


def assert_same_paths(labels, aspect=1.0, only=None):
    smooth, stairs = reference.outlines_and_staircases(labels, only=only)
    got = _paths(labels, aspect, only=only)
    assert sorted(got) == sorted(smooth)
    for v, loops in smooth.items():
        want = reference_path(*loops, aspect)
        assert got[v].elementCount() == want.elementCount() > 0
        assert serialised(got[v]) == serialised(want), v
    if only is None:
        got = stair_paths(labels, aspect)
        assert sorted(got) == sorted(stairs)
        for v, loops in stairs.items():
            assert serialised(got[v]) == serialised(reference_path(*loops, aspect)), v


@pytest.mark.parametrize("pid", ["endochondral", "intramembranous", "fracture"])
def test_paths_of_real_tissue_maps_are_as_before(qapp, pid):
    model, history = simcache.load(pid)
    for spec in registry.get(pid).phases[::2]:
        frame = model.frame(history, spec.representative_day)
        assert_same_paths(frame.main.tissue)
        values = np.unique(frame.main.tissue).tolist()
        assert_same_paths(frame.main.tissue, only=values[1::2])
        if frame.inset is not None:
            assert_same_paths(frame.inset.tissue, aspect=frame.inset.aspect)


def test_paths_of_random_maps_are_as_before(qapp):
    rng = np.random.default_rng(7)
    labels = rng.integers(0, 5, (30, 41)).astype(np.uint8)  # one-site regions and diagonal touches
    labels[5:25, 5:35] = 2
    labels[10:20, 10:20] = 4  # a hole with an island
    assert_same_paths(labels, aspect=1.7)
    assert_same_paths(labels, only=[2, 3])
    assert _paths(labels, 1.0, only=[9]) == {}


def test_site_counts_follow_the_changes_step_by_step():
    """Counted from the step before (what changed), each tissue's area is the one a full count gives."""
    model, history = simcache.load("endochondral")
    rng = np.random.default_rng(3)
    previous = None
    for day in (83.0, 83.5, 84.0, 84.5, 140.0):
        labels = model.frame(history, day).main.tissue.copy()
        if day == 84.5:  # a tissue never seen before, and one gone
            labels[rng.random(labels.shape) < 0.01] = 250
            labels[labels == labels[0, 0]] = 1
        counts = site_counts(labels, previous)
        full = np.bincount(labels.ravel().astype(np.int64))
        assert np.array_equal(counts[:len(full)], full) and not counts[len(full):].any()
        previous = (labels, counts)
