"""Fracture repair: phases in order, the callus ossifies, child bridges before adult, rigid fixation has no callus."""

import numpy as np
import pytest

from osteoviz.model import measures_fracture as mf
from osteoviz.model.fracture import FractureModel
from osteoviz.model.fracture_params import FRACTURE_PHASES, FractureParams
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.scenario import Scenario
from osteoviz.simcache import load

DAYS = (1, 3, 5, 7, 10, 13, 16, 19, 22, 25, 28, 32, 36, 42, 50, 60, 70, 84, 100, 130, 160, 200, 250, 300, 365)


def run(key="fracture"):
    return load(Scenario.parse(key))


def series(key, name):
    model, history = run(key)
    return np.array([mf.measure(model, history, d)[name] for d in DAYS])


def bridging_day(key):
    b = series(key, "bridged_share")
    hit = np.flatnonzero(b >= 1.0)
    return DAYS[hit[0]] if hit.size else None


def test_phases_come_in_order_and_show_at_their_own_day():
    starts = [p.start_day for p in FRACTURE_PHASES]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for p, nxt in zip(FRACTURE_PHASES, FRACTURE_PHASES[1:] + (None,)):
        assert p.start_day <= p.representative_day < (nxt.start_day if nxt else FractureParams().end_day)
    assert [p.id for p in FRACTURE_PHASES] == ["haematoma", "granulation", "soft_callus", "hard_callus", "bridging",
                                                "remodelling"]


def tissue_at(day, key="fracture"):
    model, history = run(key)
    return model.frame(history, day).main.tissue


def test_each_phase_shows_its_structure_at_its_representative_day():
    model, history = run()
    g = model.shape
    rep = {p.id: p.representative_day for p in FRACTURE_PHASES}
    t = tissue_at(rep["haematoma"])
    assert (t[g.gap] == T.HAEMATOMA).mean() > 0.9 and (t == T.DEAD_BONE).any()
    t = tissue_at(rep["granulation"])
    assert (t == T.GRANULATION).sum() > 100 and ((t == T.BONE) & (g.r > model.p.shaft_half)).any()
    t = tissue_at(rep["soft_callus"])
    assert np.isin(t[g.gap], (T.CARTILAGE, T.HYPERTROPHIC)).mean() > 0.4
    t = tissue_at(rep["hard_callus"])
    assert (t == T.HYPERTROPHIC).any() and (t == T.CALCIFIED).any() and (t[g.callus] == T.BONE).mean() > 0.3
    assert mf.measure(model, history, rep["bridging"])["bridged_share"] == 1.0
    early, late = (mf.measure(model, history, d) for d in (rep["bridging"], rep["remodelling"]))
    assert late["callus_width_mm"] < early["callus_width_mm"] and late["marrow_reopened"] > early["marrow_reopened"]


def test_callus_bone_fraction_rises_while_cartilage_comes_and_goes():
    bone = series("fracture", "callus_bone_fraction")
    cart = series("fracture", "cartilage_fraction")
    upto = DAYS.index(42)
    assert np.all(np.diff(bone[:upto + 1]) >= -0.02) and bone[upto] > 0.8 > 0.1 > bone[1]
    peak = int(np.argmax(cart))
    assert 7 <= DAYS[peak] <= 22 and cart[peak] > 0.4 and cart[DAYS.index(50)] < 0.05


def test_gap_bridges_within_the_documented_time_child_before_adult():
    child, adult = bridging_day("fracture"), bridging_day("fracture+adult")
    assert child is not None and 19 <= child <= 36  # Prosser 2012: bridging from day 19, ~60 % by day 36
    assert adult is not None and 56 <= adult <= 90  # adult: hard callus to 8-12 weeks
    assert child < adult


def test_rigid_fixation_heals_without_cartilage_or_periosteal_callus():
    model, history = run("fracture+rigid_fixation")
    shaft = 2 * model.p.shaft_half * model.p.site_um / 1000
    for d in DAYS:
        t = model.frame(history, d).main.tissue
        assert not np.isin(t, (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED)).any(), d
        assert not (np.isin(t, (T.BONE, T.MESENCHYME)) & (model.shape.r > model.p.shaft_half)).any(), d
        assert mf.measure(model, history, d)["callus_width_mm"] == pytest.approx(shaft)
    assert bridging_day("fracture+rigid_fixation") is not None  # cutting cones cross the line


def test_without_bmp2_repair_never_starts_and_without_vegf_the_callus_stays_cartilage():
    assert series("fracture+bmp2_loss", "callus_bone_fraction").max() == 0.0
    assert series("fracture+bmp2_loss", "cartilage_fraction").max() == 0.0
    assert bridging_day("fracture+bmp2_loss") is None
    assert bridging_day("fracture+callus_vegf_blocked") is None
    assert series("fracture+callus_vegf_blocked", "cartilage_fraction")[DAYS.index(60):].min() > 0.5
    assert series("fracture+callus_vegf_blocked", "callus_width_mm")[-1] > series("fracture", "callus_width_mm")[-1]


def test_inflammatory_cells_come_in_order_and_dead_ends_have_empty_lacunae():
    model, history = run()

    def count(day, cell):
        return len(model.frame(history, day).inset.cells.get(int(cell), ()))

    assert count(1, C.NEUTROPHIL) > 3 * max(count(7, C.NEUTROPHIL), 1)
    assert count(4, C.MACROPHAGE) > count(1, C.MACROPHAGE)
    assert count(1, C.EMPTY_LACUNA) > 20


def test_callus_inset_is_named_like_a_growth_plate():
    model, history = run()
    day = next(p.representative_day for p in FRACTURE_PHASES if p.id == "hard_callus")
    zones = [z[0] for z in model.frame(history, day).inset_zones]
    assert "ossification" in zones and "callus_cartilage" in zones
    assert zones.index("ossification") < zones.index("callus_cartilage")  # bone on the far side, cartilage at the gap


def test_simulation_is_deterministic():
    p = FractureParams(steps=60)
    a, b = FractureModel(p).simulate(), FractureModel(p).simulate()
    assert all(np.array_equal(a.arrays[k], b.arrays[k]) for k in a.arrays)


def test_remodelling_shows_osteoclasts_at_the_resorption_canals_in_bone():
    """The remodelling phase's caption names osteoclasts first: they sit on the walls of the vessel-led canals in the
    callus bone (cutting cones), few of them (large cells), with osteoblasts on the rest of the walls."""
    from osteoviz.model.lattice import any_neighbour

    model, history = run()
    spec = next(p for p in FRACTURE_PHASES if p.id == "remodelling")
    inset = model.frame(history, spec.representative_day).inset
    fine = inset.tissue
    bone = np.isin(fine, (T.BONE, T.COMPACT, T.DEAD_BONE))
    canal_wall = bone & any_neighbour(fine == T.VESSEL)
    at_wall = canal_wall | ((fine == T.VESSEL) & any_neighbour(bone))  # on the wall or against it in the canal
    ocl = inset.cells.get(int(C.OSTEOCLAST), np.zeros((0, 2)))  # (x, y) in sites of the crop, jittered in the site
    assert len(ocl) >= 5
    rows = np.clip(ocl[:, 1].astype(int), 0, fine.shape[0] - 1)
    cols = np.clip(ocl[:, 0].astype(int), 0, fine.shape[1] - 1)
    on_canal = at_wall[rows, cols].mean()
    assert on_canal > 0.5, on_canal
    wall_sites = canal_wall.sum()
    assert len(ocl) < 0.2 * wall_sites, (len(ocl), wall_sites)  # a few, not a ring round every canal


def test_granulation_tissue_is_capillary_rich():
    """The granulation phase's caption and legend name its capillaries: they are drawn in the tissue, not only named."""
    from osteoviz.model.lattice import any_neighbour

    model, history = run()
    spec = next(p for p in FRACTURE_PHASES if p.id == "granulation")
    fine = model.frame(history, spec.representative_day).inset.tissue
    gran = fine == T.GRANULATION
    in_gran = (fine == T.VESSEL) & any_neighbour(gran)
    assert gran.sum() > 500
    assert in_gran.sum() > 0.05 * gran.sum(), (int(in_gran.sum()), int(gran.sum()))
