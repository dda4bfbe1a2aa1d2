"""The primary spongiosa in the organ frames: wavy longitudinal trabeculae of varying thickness that thin towards the
cavity, not a barcode of identical bone rows; at week 8.6 the primary centre's spicules carry calcified cores."""

import numpy as np
import pytest

from osteoviz.model.femur_shape import CENTRE_X
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

REP = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}
WEEK = 7.0


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def _metaphysis(model, tis):
    """Bone mask of the distal spongiosa (the band of rows well inside the cortex), front first."""
    g = model.geo
    band = np.flatnonzero(np.abs(g.y[:, 0]) < 8.0)
    cols = np.flatnonzero(g.x[0] > CENTRE_X)
    bone = np.isin(tis[np.ix_(band, cols)], (T.BONE, T.CALCIFIED))
    has = np.flatnonzero(bone.mean(axis=0) > 0.05)
    assert has.size >= 8
    last = has[-1]  # the front: the spongiosa's last column before the growth plate
    start = last
    while start - 1 in set(has.tolist()) or start - 2 in set(has.tolist()):
        start -= 1
    return bone[:, start:last + 1][:, ::-1]


@pytest.mark.parametrize("day", (12 * WEEK, 20 * WEEK))
def test_organ_spongiosa_is_not_a_barcode(run, day):
    model, h = run
    bone = _metaphysis(model, model.frame(h, day).main.tissue)
    assert bone.shape[1] >= 8
    # a barcode has the same bone rows in every column; wavy trabeculae move from row to row along the axis
    distinct = len({col.tobytes() for col in bone.T})  # a barcode repeats one or two column patterns
    assert distinct >= 0.3 * bone.shape[1], (distinct, bone.shape[1])
    # trabeculae of varying thickness: vertical bone runs of several lengths
    runs = []
    for col in bone.T:
        edges = np.flatnonzero(np.diff(np.concatenate(([0], col.astype(int), [0]))))
        runs += list(edges[1::2] - edges[0::2])
    assert len(set(runs)) >= 3 and np.std(runs) > 0.5, sorted(set(runs))
    # thick at the front, thinning (resorbed) towards the cavity
    half = bone.shape[1] // 2
    assert bone[:, :half].mean() > 1.2 * bone[:, half:].mean()


def test_primary_centre_spicules_wavy_with_calcified_cores(run):
    model, h = run
    t = model.frame(h, REP["primary_centre"]).inset.tissue
    rows = np.flatnonzero((t == T.MARROW).any(axis=1))
    cols = np.flatnonzero((t == T.MARROW).any(axis=0))
    core = t[rows.min():rows.max() + 1, cols.min() + 2:cols.max() - 1]  # the centre, clear of the calcified zones
    bone = core == T.BONE
    calc = core == T.CALCIFIED
    inside = calc[1:-1] & bone[:-2] & bone[2:]  # calcified cartilage with bone on both faces: mixed spicules
    assert inside.sum() >= 4
    same = [(bone[:, i] == bone[:, i + 1]).all() for i in range(bone.shape[1] - 1)]
    assert np.mean(same) < 0.6, np.mean(same)
