"""Femur experiments move their documented measures against normal, at documented ages, by a clear margin."""

import numpy as np
import pytest

from osteoviz import simcache
from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.model.experiments_endochondral import VEGF_BLOCK
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.measures_endochondral import MEASURES, measure
from osteoviz.model.scenario import Scenario, experiments_for

Y = DAYS_PER_YEAR


def years(n):
    return BIRTH_DAY + n * Y


@pytest.fixture(scope="module")
def sim():
    """Each scenario simulated once per test session (memo + disk cache)."""
    def get(eid=None):
        return simcache.load(Scenario("endochondral", (eid,) if eid else ()))
    return get


def m(sim, eid, day):
    model, history = sim(eid)
    return measure(model, history, day)


def tissue(sim, eid, day):
    model, history = sim(eid)
    return history.grids(history.step_at(day))["tissue"], model


def test_every_experiment_is_defined_and_measures_are_complete():
    ids = {e.id for e in experiments_for("endochondral")}
    assert ids == {"pthrp_loss", "jansen", "ihh_loss", "runx2_loss", "sp7_loss", "vegf_blocked", "mmp9_loss",
                   "osteopetrosis", "fgfr3_gain", "no_oestrogen", "early_puberty",
                   "oi_type1", "oi_type3", "oi_type4", "bisphosphonate"}
    assert set(MEASURES) == {"femur_length_mm", "proliferative_um", "hypertrophic_um", "marrow_area_mm2",
                             "cortical_mm", "bone_fraction", "bv_tv", "zebra_lines", "fractures"}


def test_pthrp_loss_hypertrophy_earlier_columns_shorter_femur_shorter(sim):
    assert m(sim, None, 49.5)["hypertrophic_um"] == 0 < m(sim, "pthrp_loss", 49.5)["hypertrophic_um"]
    for day in (140.0, years(6)):
        assert m(sim, "pthrp_loss", day)["proliferative_um"] <= 0.6 * m(sim, None, day)["proliferative_um"]
    assert m(sim, "pthrp_loss", BIRTH_DAY)["femur_length_mm"] <= 0.8 * m(sim, None, BIRTH_DAY)["femur_length_mm"]


def test_jansen_calcification_later_and_hypertrophic_cartilage_persists(sim):
    assert m(sim, "jansen", 55.0)["hypertrophic_um"] <= 0.6 * m(sim, None, 55.0)["hypertrophic_um"]
    # (at 6 y the normal calcified zone, which a later calcification shortens, is part of the measure: 1.15)
    for day, factor in ((70.0, 1.4), (140.0, 1.4), (years(6), 1.15)):
        assert m(sim, "jansen", day)["hypertrophic_um"] >= factor * m(sim, None, day)["hypertrophic_um"]
    assert m(sim, "jansen", 58.0)["bone_fraction"] == 0 < m(sim, None, 58.0)["bone_fraction"]


def test_ihh_loss_no_collar_and_no_marrow_cavity(sim):
    for day in (60.0, 140.0, BIRTH_DAY):
        loss, normal = m(sim, "ihh_loss", day), m(sim, None, day)
        assert loss["cortical_mm"] == 0 < normal["cortical_mm"]
        assert loss["marrow_area_mm2"] == 0 < normal["marrow_area_mm2"]
    tis, _ = tissue(sim, "ihh_loss", 140.0)
    assert not np.isin(tis, (T.COMPACT, T.COLLAR, T.BONE, T.TRABECULAR)).any()


def test_runx2_loss_no_bone_at_all(sim):
    for day in (60.0, 140.0, years(3), years(20)):
        tis, _ = tissue(sim, "runx2_loss", day)
        assert m(sim, "runx2_loss", day)["bone_fraction"] == 0
        assert not np.isin(tis, (T.BONE, T.COMPACT, T.COLLAR, T.TRABECULAR, T.MARROW, T.VESSEL)).any()  # and no invasion
    assert m(sim, None, 140.0)["bone_fraction"] > 0.1


def test_sp7_loss_vessels_and_marrow_space_but_no_bone(sim):
    for day in (140.0, years(3)):
        tis, model = tissue(sim, "sp7_loss", day)
        assert (tis == T.VESSEL).any() and m(sim, "sp7_loss", day)["marrow_area_mm2"] > 0
        assert m(sim, "sp7_loss", day)["bone_fraction"] == 0 < m(sim, None, day)["bone_fraction"]
        # calcified-cartilage cores stay unresorbed in the shaft and metaphyses (the epiphyses have their own plates)
        shaft = ~model.geo.epiphysis
        normal = tissue(sim, None, day)[0]
        assert ((tis == T.CALCIFIED) & shaft).sum() > 1.3 * ((normal == T.CALCIFIED) & shaft).sum()


def test_vegf_blocked_hypertrophic_zone_doubles_then_recovers(sim):
    before, end = VEGF_BLOCK[0] - 1.0, VEGF_BLOCK[1] - 0.5
    assert m(sim, "vegf_blocked", before)["hypertrophic_um"] == pytest.approx(m(sim, None, before)["hypertrophic_um"], rel=0.1)
    assert m(sim, "vegf_blocked", end)["hypertrophic_um"] >= 2.0 * m(sim, None, end)["hypertrophic_um"]
    after = VEGF_BLOCK[1] + 40.0
    assert m(sim, "vegf_blocked", after)["hypertrophic_um"] <= 1.15 * m(sim, None, after)["hypertrophic_um"]


def test_mmp9_loss_hypertrophic_zone_long_then_compensated(sim):
    assert m(sim, "mmp9_loss", 140.0)["hypertrophic_um"] >= 2.0 * m(sim, None, 140.0)["hypertrophic_um"]
    assert m(sim, "mmp9_loss", years(3))["hypertrophic_um"] <= 1.1 * m(sim, None, years(3))["hypertrophic_um"]


def test_osteopetrosis_no_marrow_cavity_calcified_cores_persist(sim):
    for day in (140.0, years(3), years(10)):
        pet, normal = m(sim, "osteopetrosis", day), m(sim, None, day)
        assert pet["marrow_area_mm2"] == 0 < normal["marrow_area_mm2"]
        assert pet["bone_fraction"] >= 1.3 * normal["bone_fraction"]
        tis, model = tissue(sim, "osteopetrosis", day)
        shaft = model.geo.inside & (model.geo.reach < 60.0)  # mid-shaft, far from the plates
        normal_tis = tissue(sim, None, day)[0]
        assert (tis[shaft] == T.CALCIFIED).sum() > 10 and (normal_tis[shaft] == T.CALCIFIED).sum() == 0


def test_fgfr3_gain_femur_at_ten_years_at_most_three_quarters(sim):
    assert m(sim, "fgfr3_gain", years(10))["femur_length_mm"] <= 0.75 * m(sim, None, years(10))["femur_length_mm"]
    assert m(sim, "fgfr3_gain", 126.0)["femur_length_mm"] == pytest.approx(m(sim, None, 126.0)["femur_length_mm"], rel=0.05)
    assert m(sim, "fgfr3_gain", years(6))["proliferative_um"] <= 0.6 * m(sim, None, years(6))["proliferative_um"]


def test_no_oestrogen_plates_open_at_twenty(sim):
    assert m(sim, None, years(20))["proliferative_um"] == 0
    assert m(sim, "no_oestrogen", years(20))["proliferative_um"] > 100
    tis, _ = tissue(sim, "no_oestrogen", years(20))
    assert (tis == T.PROLIFERATIVE).any() and not (tis == T.EPIPHYSEAL_LINE).any()
    assert m(sim, "no_oestrogen", years(20))["femur_length_mm"] >= 1.05 * m(sim, None, years(20))["femur_length_mm"]


def test_early_puberty_closes_earlier_after_an_earlier_spurt(sim):
    assert m(sim, "early_puberty", years(15))["proliferative_um"] == 0 < m(sim, None, years(15))["proliferative_um"]
    def gain(eid, a, b):
        return m(sim, eid, years(b))["femur_length_mm"] - m(sim, eid, years(a))["femur_length_mm"]
    assert gain("early_puberty", 8, 10) >= 1.3 * gain(None, 8, 10)  # the spurt comes years earlier
    assert m(sim, "early_puberty", years(20))["femur_length_mm"] <= 0.95 * m(sim, None, years(20))["femur_length_mm"]


def test_signal_fields_have_their_documented_gradients(sim):
    model, history = sim(None)
    f = model.frame(history, 140.0, signals=True)
    assert set(f.signals) == {"pthrp", "ihh", "vegf"}
    tis = f.main.tissue
    for name, arr in f.signals.items():
        assert arr.shape == tis.shape and arr.dtype == np.float32 and 0 <= arr.min() and arr.max() <= 1
    s = f.signals
    g = model.geo
    rest = (tis == T.CARTILAGE) & g.epiphysis
    end = rest & g.distal & (g.reach > np.percentile(g.reach[rest & g.distal], 75))  # near the knee joint
    inner = rest & g.distal & (g.reach < np.percentile(g.reach[rest & g.distal], 25))  # near the plate
    assert s["pthrp"][end].mean() > 0.7 > 0.45 > s["pthrp"][inner].mean() > s["pthrp"][tis == T.PROLIFERATIVE].mean()
    assert s["pthrp"][tis == T.HYPERTROPHIC].mean() < model.p.pthrp_hypertrophy_threshold
    assert s["ihh"][tis == T.HYPERTROPHIC].mean() > 0.9 and s["ihh"][rest].max() < 0.2
    assert s["vegf"][tis == T.CALCIFIED].mean() > 0.9 and s["vegf"][rest].max() < 0.1
    assert model.frame(history, 140.0).signals == {}
    loss, lh = sim("ihh_loss")
    assert loss.frame(lh, 140.0, signals=True).signals["ihh"].max() == 0


def test_plate_window_shows_the_narrow_plate(sim):
    normal, hn = sim(None)
    loss, hl = sim("pthrp_loss")
    day = years(6)
    a, b = normal.frame(hn, day).inset, loss.frame(hl, day).inset
    assert (b.tissue == T.PROLIFERATIVE).sum() <= 0.6 * (a.tissue == T.PROLIFERATIVE).sum()
    assert len(b.cells[3]) < 0.7 * len(a.cells[3])  # fewer flattened proliferating cells in columns
