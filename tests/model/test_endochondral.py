"""Endochondral model: deterministic, and the phases happen in the order and places the science says."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, parse_time
from osteoviz.model.endochondral import EndochondralModel
from osteoviz.model.kinds import Cell, Tissue as T
from osteoviz.model.params import EndochondralParams
from osteoviz.simcache import load


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def first_day(history, predicate):
    for step in range(history.n_steps):
        if predicate(history.grids(step)):
            return history.days[step]
    return np.inf


def frac(grid, codes, mask):
    return np.isin(grid[mask], codes).mean()


def test_same_seed_same_history():
    p = EndochondralParams(grid_w=120, grid_h=40, steps=160)
    a, b = EndochondralModel(p).simulate(), EndochondralModel(p).simulate()
    for step in (0, 50, 159):
        for name in ("tissue", "cells"):
            assert np.array_equal(a.grids(step)[name], b.grids(step)[name])
    c = EndochondralModel(EndochondralParams(grid_w=120, grid_h=40, steps=160, seed=9)).simulate()
    assert not np.array_equal(a.grids(159)["cells"], c.grids(159)["cells"])


def test_order_of_events(run):
    model, h = run
    inside = model.geo.inside
    hyp = first_day(h, lambda g: (g["tissue"] == T.HYPERTROPHIC).any())
    calc = first_day(h, lambda g: (g["tissue"] == T.CALCIFIED).any())
    collar = first_day(h, lambda g: (g["tissue"] == T.COLLAR).any())
    vessel = first_day(h, lambda g: ((g["tissue"] == T.VESSEL) & inside).any())
    marrow = first_day(h, lambda g: (g["tissue"] == T.MARROW).any())
    blood = first_day(h, lambda g: (g["cells"] == Cell.HAEMATOPOIETIC).any())
    assert hyp < calc <= collar <= vessel <= marrow < blood
    assert 49 < hyp < 52 and 53 < collar < 56 and 56 < vessel < 58.5  # week 7, weeks 7-8, femur about week 8
    assert 4 * 30 < blood < 5 * 30 + 10  # haematopoiesis in the marrow from months 4-5


def test_hypertrophy_starts_mid_shaft(run):
    model, h = run
    step = next(s for s in range(h.n_steps) if (h.grids(s)["tissue"] == T.HYPERTROPHIC).sum() > 20)
    ys, xs = np.nonzero(h.grids(step)["tissue"] == T.HYPERTROPHIC)
    assert abs(xs.mean() / model.p.grid_w - 0.5) < 0.08


def test_bone_grows_cartilage_shrinks(run):
    model, h = run
    inside = model.geo.inside
    bone_codes = (T.BONE, T.COMPACT, T.COLLAR, T.MARROW, T.TRABECULAR, T.YELLOW_MARROW)
    cart_codes = (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC)
    days = [parse_time(t) for t in ("7w", "9w", "12w", "20w", "birth", "5y")]  # the collar forms before week 8
    bone = [frac(h.grids(h.step_at(d))["tissue"], bone_codes, inside) for d in days]
    cart = [frac(h.grids(h.step_at(d))["tissue"], cart_codes, inside) for d in days]
    assert bone[0] == 0.0 and all(b2 >= b1 for b1, b2 in zip(bone, bone[1:])) and bone[-1] > 0.6
    assert cart[0] > 0.95 and cart[-1] < cart[2] < cart[0]


def test_secondary_centres_distal_first_then_closure(run):
    model, h = run
    g = model.geo
    def ossified(side):
        return lambda grids: (np.isin(grids["tissue"], (T.BONE, T.MARROW)) & g.epiphysis & side).sum() > 10
    distal = first_day(h, ossified(g.distal))
    proximal = first_day(h, ossified(~g.distal))
    assert 215 < distal < 230 and BIRTH_DAY + 120 < proximal < BIRTH_DAY + 190  # weeks 31-32; head 4-6 months
    mature = h.grids(h.n_steps - 1)["tissue"]
    assert not np.isin(mature, (T.PROLIFERATIVE, T.HYPERTROPHIC)).any()
    assert (mature == T.EPIPHYSEAL_LINE).sum() > 20 and (mature == T.ARTICULAR).sum() > 20


def test_growth_plate_zones_before_closure(run):
    model, h = run
    t = h.grids(h.step_at(parse_time("20w")))["tissue"]
    row = t[model.p.grid_h // 2]
    for side in (slice(0, model.p.grid_w // 2), slice(model.p.grid_w // 2, None)):
        assert (row[side] == T.PROLIFERATIVE).any() and (row[side] == T.CARTILAGE).any()


def test_frame_same_forwards_and_backwards(run):
    model, h = run
    late, early = parse_time("30w"), parse_time("10w")
    a = model.frame(h, early)
    model.frame(h, late)
    b = model.frame(h, early)
    assert np.array_equal(a.inset.tissue, b.inset.tissue)
    for code, pos in a.inset.cells.items():
        assert np.array_equal(pos, b.inset.cells[code])
        rows, cols = a.inset.tissue.shape
        assert (pos[:, 0] >= 0).all() and (pos[:, 0] <= cols).all() and (pos[:, 1] <= rows).all()
