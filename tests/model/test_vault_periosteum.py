"""Periosteum on both faces of the parietal section from when it forms, named; thick and cellular in the child."""

import numpy as np
import pytest

from osteoviz.model.clock import parse_time
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.simcache import load

BONY = (T.BONE, T.OSTEOID, T.COMPACT, T.TRABECULAR)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _grids(run, day):
    _, h = run
    g = h.grids(h.step_at(day))
    return g["section"], g["section_cells"]


def _plate_columns(tis):
    """Columns where the plate has its full thickness (bone in the middle of the plate's rows)."""
    bony = np.isin(tis, BONY)
    rows = np.flatnonzero(bony.mean(axis=1) > 0.5)
    return rows, bony[rows[0]] & bony[rows[-1]]


def _runs(tis, cols, kind, above: bool):
    """Per full-plate column: how many rows of `kind` lie next to the plate (above or below it)."""
    rows, _ = _plate_columns(tis)
    out = []
    for c in np.flatnonzero(cols):
        col = tis[:, c]
        r = rows[0] - 1 if above else rows[-1] + 1
        step = -1 if above else 1
        while 0 <= r < len(col) and col[r] in BONY:
            r += step
        n = 0
        while 0 <= r < len(col) and col[r] == kind:
            n, r = n + 1, r + step
        out.append(n)
    return np.array(out)


def _day(run, phase_id):
    model, _ = run
    return next(p for p in model.phases if p.id == phase_id).representative_day


@pytest.mark.parametrize("when", ["periosteum", "sutures_fontanelles", "7y", "28y"])
def test_endocranial_periosteum_lies_between_bone_and_dura_and_is_named(run, when):
    model, h = run
    day = _day(run, when) if not when[0].isdigit() else parse_time(when)
    tis, cel = _grids(run, day)
    _, cols = _plate_columns(tis)
    assert cols.sum() > 20
    below = _runs(tis, cols, T.PERIOSTEUM, above=False)
    assert np.median(below) >= 2, below  # the old picture: the dura right on the bone (0 rows)
    # dura below it, then brain
    r = np.flatnonzero((tis == T.PERIOSTEUM).mean(axis=1) > 0.5)
    assert (tis[r[-1] + 1] == T.DURA).mean() > 0.5
    # cambium osteoprogenitors in it, next to the bone
    assert ((cel == C.OSTEOPROGENITOR) & (np.arange(tis.shape[0])[:, None] > r[0] - 1)).sum() > 5
    zones = [z[0] for z in model.frame(h, day, labels=True).inset_zones]
    assert "endocranial_periosteum" in zones, zones
    assert zones.index("endocranial_periosteum") > zones.index("periosteum")
    assert zones.index("endocranial_periosteum") < zones.index("dura")


def test_no_endocranial_periosteum_before_the_periosteum_forms(run):
    model, h = run
    day = _day(run, "trabeculae")
    assert "endocranial_periosteum" not in [z[0] for z in model.frame(h, day).inset_zones]


def test_child_periosteum_is_thicker_and_more_cellular_than_the_adults(run):
    thick, cambium = {}, {}
    for t in ("7y", "28y"):
        tis, cel = _grids(run, parse_time(t))
        _, cols = _plate_columns(tis)
        n = _runs(tis, cols, T.PERIOSTEUM, above=True)
        thick[t] = float(np.median(n))
        perio = tis == T.PERIOSTEUM
        top = np.flatnonzero(perio.mean(axis=1) > 0.5)
        top = top[top < np.flatnonzero(np.isin(tis, BONY).mean(axis=1) > 0.5)[0]]
        # osteoprogenitors per column of the outer periosteum (cambium), off the osteoblast row
        cambium[t] = float(((cel[top] == C.OSTEOPROGENITOR) & perio[top]).sum() / tis.shape[1])
    assert thick["7y"] >= 2 * thick["28y"], thick  # old picture: 2 rows at both ages
    assert thick["7y"] >= 4
    assert cambium["7y"] >= 3 * max(cambium["28y"], 0.05), cambium


def test_young_plate_is_uneven_not_a_ruled_bar(run):
    """Week 9.4 (osteocytes): the young plate's thickness varies along it (old picture: one thickness, ruler-straight)."""
    model, h = run
    tis, _ = _grids(run, _day(run, "osteocytes"))
    bony = np.isin(tis, BONY)
    cols = np.flatnonzero(bony.any(axis=0))
    mid = cols[len(cols) // 4: 3 * len(cols) // 4]  # away from the tapering tips
    rows = np.array([np.flatnonzero(bony[:, c])[[0, -1]] for c in mid])
    assert len(np.unique(rows[:, 0])) >= 2 and len(np.unique(rows[:, 1])) >= 2, rows  # both faces undulate
    thick = bony[:, mid].sum(axis=0)
    assert thick.max() - thick.min() >= 2, thick
