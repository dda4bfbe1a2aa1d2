"""The young primary centre's close-up, made faster, draws exactly what it drew before (kept as
primary_window_reference): the same tissue map, cells (order, dtype, bytes), site size and labels, for the windows
the femur shows while its young centre grows, and for the same windows without a collar, with less bone (OI) or
none laid (SP7 loss)."""

import numpy as np
import pytest

import primary_window_reference as ref
from calls_of import calls_of
from osteoviz.model import primary_window as pw
from osteoviz.simcache import load


@pytest.fixture(scope="module")
def geometries():
    model, history = load("endochondral")
    seen = calls_of(pw, "primary_window", lambda: [model.frame(history, float(d)) for d in np.arange(53.0, 85.0, 0.37)])
    assert len(seen) >= 20
    return seen


def same(geo, seed):
    want = ref.primary_window(ref.Geometry(*geo), seed)
    got = pw.primary_window(geo, seed)
    assert got[0].dtype == want[0].dtype and np.array_equal(got[0], want[0]), geo
    assert list(got[1]) == list(want[1])
    for code in want[1]:
        assert got[1][code].dtype == want[1][code].dtype and got[1][code].tobytes() == want[1][code].tobytes(), code
    assert got[2:] == want[2:]
    assert pw.window_labels(got[0], got[1], geo, got[2]) == ref.window_labels(want[0], want[1], ref.Geometry(*geo),
                                                                             want[2])


def test_the_femurs_windows(geometries):
    for geo, seed in geometries:
        same(geo, seed)


@pytest.mark.parametrize("change", [dict(bone_share=0.0), dict(bone_share=0.55), dict(top_um=(20.0, 0.0)),
                                    dict(bottom_um=(15.0, 0.0), top_um=(15.0, 0.0), bone_share=0.0)])
def test_the_windows_of_the_experiments(geometries, change):
    for geo, seed in geometries[::4]:
        same(geo._replace(**change), seed)
    same(geometries[-1][0], 7)  # another seed
