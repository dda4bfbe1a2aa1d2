"""The primary spongiosa of the growth-plate close-ups (weeks 12 and 20, 6 and 17 years) has smooth, wavy edges:
the calcified cores and the spicules they sit in never break into bars offset by a row that touch only at a
corner (the "tile seams" of the round-5 review); their osteoblasts sit outside the bone as it is drawn."""

import numpy as np
import pytest

from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

from drawn import inside_drawn, loops

PHASES = ("marrow_cavity", "growth_plates", "childhood_growth", "closure")


@pytest.fixture(scope="module")
def frames():
    model, h = load("endochondral")
    day = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}
    return {k: model.frame(h, day[k]) for k in PHASES}


def corner_only_joins(mask: np.ndarray) -> int:
    """2 x 2 blocks where the mask's sites touch only diagonally: a band stepping to the next row with no overlap."""
    a, b, c, d = mask[:-1, :-1], mask[:-1, 1:], mask[1:, :-1], mask[1:, 1:]
    return int(((a & d & ~b & ~c) | (b & c & ~a & ~d)).sum())


def metaphysis(fr) -> np.ndarray:
    """Sites on the shaft side of the zone of calcified cartilage (the primary spongiosa)."""
    t = fr.inset.tissue
    calc = [z for z in fr.inset_zones if z[0] == "calcified"]
    front = int(calc[0][1]) if calc else t.shape[1]
    out = np.zeros(t.shape, bool)
    out[:, :front] = True
    return out


@pytest.mark.parametrize("pid", PHASES)
def test_cores_and_spicules_step_smoothly(frames, pid):
    fr = frames[pid]
    t = fr.inset.tissue
    meta = metaphysis(fr)
    core = (t == T.CALCIFIED) & meta
    spicule = np.isin(t, (T.BONE, T.CALCIFIED)) & meta
    assert core.sum() > 100, core.sum()  # the mixed spicules' cores are there
    assert corner_only_joins(core) == 0
    assert corner_only_joins(spicule) == 0


def pieces(mask: np.ndarray) -> int:
    """Number of 4-connected pieces of a mask (label propagation until nothing changes)."""
    big = mask.size + 1
    lab = np.where(mask, np.arange(mask.size).reshape(mask.shape), big)
    while True:
        p = np.pad(lab, 1, constant_values=big)
        new = np.minimum.reduce([lab, p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]])
        new = np.where(mask, new, big)
        if (new == lab).all():
            return len(np.unique(lab[mask]))
        lab = new


@pytest.mark.parametrize("pid", PHASES[:3])
def test_each_core_is_one_piece_not_broken_into_bars(frames, pid):
    """Each spicule's calcified core runs unbroken from the front: about one piece per spicule (90 µm apart across
    the 0.72 mm window, so about 8), not a string of offset bars."""
    fr = frames[pid]
    core = (fr.inset.tissue == T.CALCIFIED) & metaphysis(fr)
    assert pieces(core) <= 12, pieces(core)


@pytest.mark.parametrize("pid", PHASES)
def test_osteoblasts_outside_the_drawn_bone(frames, pid):
    """Not even where a strut meets a spicule, where the drawn (rounded) bone fills the notch between them."""
    lay = frames[pid].inset
    pts = lay.cells[C.OSTEOBLAST]
    assert len(pts) > 50
    bone = np.isin(lay.tissue, (T.BONE, T.TRABECULAR, T.EPIPHYSEAL_LINE))
    inside = inside_drawn(pts[:, 0], pts[:, 1], loops(bone))
    assert inside.sum() == 0, pts[inside]
