"""What the play worker makes for a map is what it made before: the underlay's map and image as the reference makes
them, and outlines traced from what changed since the map before equal to the same map traced afresh."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

import underlay_reference as reference
from osteoviz import simcache
from osteoviz.model import registry
from osteoviz.qt.outlines import (LayerTrace, Underlay, _colour_table, changes, digest, label_paths, left_out,
                                  site_counts)


def clock_days(pid: str) -> list[float]:
    """Each phase's representative day, the day after it and a day halfway to the next phase."""
    days = [spec.representative_day for spec in registry.get(pid).phases]
    return sorted(set(days + [d + 1.0 for d in days] + [(a + b) / 2 for a, b in zip(days, days[1:])]))


def layers(pid: str):
    model, history = simcache.load(pid)
    for day in clock_days(pid):
        frame = model.frame(history, day)
        yield "main", frame.main.tissue
        if frame.inset is not None:
            yield "inset", frame.inset.tissue


def reference_image(labels, lut, skip, background) -> QtGui.QImage:
    ref = reference.underlay_labels(labels, background)
    rows, cols = ref.shape
    img = QtGui.QImage(ref.data, cols, rows, cols, QtGui.QImage.Format.Format_Indexed8)
    opaque = skip is not None and skip == background
    canvas = QtGui.qRgba(*(int(v) for v in np.asarray(lut)[background][:3]), 255) if opaque else None
    img.setColorTable(_colour_table(lut, background, canvas))
    fmt = QtGui.QImage.Format.Format_RGB32 if opaque else QtGui.QImage.Format.Format_ARGB32_Premultiplied
    return img.convertToFormat(fmt)


def assert_same_underlay(labels, lut, skip, background):
    got = Underlay(labels, lut, skip, background)
    want = reference.underlay_labels(labels, background)
    assert got.labels.dtype == want.dtype and np.array_equal(got.labels, want)
    assert got.image == reference_image(labels, lut, skip, background)


def lut_of(rng, size=256):
    lut = rng.integers(0, 256, (size, 4)).astype(np.uint8)
    lut[:, 3] = np.where(rng.random(size) < 0.8, 255, lut[:, 3])
    return lut


@pytest.mark.parametrize("pid", ["endochondral", "intramembranous", "fracture"])
def test_underlays_of_real_maps_over_the_clock_are_as_before(qapp, pid):
    rng = np.random.default_rng(5)
    lut = lut_of(rng)
    shown = 0
    for _layer, labels in layers(pid):
        background = int(labels[0, 0])
        assert_same_underlay(labels, lut, background, background)
        assert_same_underlay(labels, lut, None, 0)
        shown += int((reference.underlay_labels(labels, background) != np.asarray(labels, np.uint8)).any())
    assert shown > 5  # the background's neighbours were taken off some maps (what the test compares)


def test_underlays_of_random_maps_are_as_before(qapp):
    rng = np.random.default_rng(11)
    lut = lut_of(rng)
    for shape in ((1, 1), (1, 7), (6, 1), (2, 2), (17, 23), (64, 40)):
        for k in (2, 3, 6):
            labels = rng.integers(0, k, shape)  # int64: converted as Underlay converts it
            for background in (0, 1):
                assert_same_underlay(labels, lut, background, background)
                assert_same_underlay(labels.astype(np.uint8).T, lut, None, background)  # not contiguous


def serialised(path: QtGui.QPainterPath) -> bytes:
    data = QtCore.QByteArray()
    QtCore.QDataStream(data, QtCore.QIODevice.OpenModeFlag.WriteOnly) << path
    return bytes(data)


@pytest.mark.parametrize("pid", ["endochondral", "intramembranous", "fracture"])
def test_tracing_what_changed_gives_the_paths_of_a_fresh_trace(qapp, pid):
    """One layer's maps one after another (what changed since the map before retraced, areas counted from the
    changes) against each map traced and counted afresh: same labels, areas and paths, element by element."""
    lut = np.zeros((256, 4), np.uint8)
    lut[:, 3] = 255
    lut[3, 3] = 0  # a tissue never drawn
    traces = {"main": LayerTrace(), "inset": LayerTrace()}
    retraced = 0
    for layer, labels in layers(pid):
        trace = traces[layer]
        before = trace._previous
        got = trace(labels, lut, None, digest(labels))
        want = label_paths(labels, 1.0, b"afresh" + digest(labels), leave_out=left_out(lut, None))  # not cached
        assert [(v, a) for v, a, _p in got] == [(v, a) for v, a, _p in want]
        for (_v, _a, p), (_w, _b, q) in zip(got, want):
            assert serialised(p) == serialised(q)
        if before is not None and before[0].shape == labels.shape:
            gone, came = changes(before[0], labels)
            diff = before[0] != labels
            assert np.array_equal(gone, before[0][diff]) and np.array_equal(came, labels[diff])
            full = np.bincount(labels.ravel().astype(np.int64))
            counts = site_counts(labels, (before[0], np.bincount(before[0].ravel().astype(np.int64))), (gone, came))
            assert np.array_equal(counts[:len(full)], full) and not counts[len(full):].any()
            retraced += int(diff.any())
    assert retraced > 3  # maps traced from their changes were compared
