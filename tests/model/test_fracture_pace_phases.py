"""An adult's repair is slower: its phases (stops, titles) come later, and each stop shows its own structure."""

import numpy as np

from osteoviz.model import measures_fracture as mf
from osteoviz.model import registry
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.scenario import Scenario, experiments_for
from osteoviz.simcache import load


def test_adult_stops_are_later_than_the_child_and_developmental_processes_keep_the_registry_phases():
    child, adult = Scenario.parse("fracture").phases(), Scenario.parse("fracture+adult").phases()
    assert [p.id for p in child] == [p.id for p in adult]
    assert child == registry.get("fracture").phases
    for c, a in zip(child[1:], adult[1:]):
        assert a.representative_day > c.representative_day and a.start_day > c.start_day, a.id
    model, _ = load(Scenario.parse("fracture+adult"))
    assert model.phases == adult  # the model and its scenario agree
    for pid in ("endochondral", "intramembranous"):
        for e in ((), *((x.id,) for x in experiments_for(pid))):
            assert Scenario(pid, e).phases() == registry.get(pid).phases


def test_each_adult_stop_shows_the_phase_whose_structure_is_in_the_frame():
    sc = Scenario.parse("fracture+adult")
    model, history = load(sc)
    g = model.shape
    days = np.arange(1.0, 120.0)
    bridged = np.array([mf.measure(model, history, d)["bridged_share"] for d in days])
    bridging_day = days[np.argmax(bridged >= 1.0)]
    rep = {}
    for ph in sc.phases():
        frame = model.frame(history, ph.representative_day)
        assert frame.phase.id == ph.id  # the title at the stop is the stop's phase
        rep[ph.id] = ph.representative_day
    t = model.frame(history, rep["haematoma"]).main.tissue
    assert (t[g.gap] == T.HAEMATOMA).mean() > 0.9
    t = model.frame(history, rep["granulation"]).main.tissue
    assert (t == T.GRANULATION).sum() > 100
    t = model.frame(history, rep["soft_callus"]).main.tissue
    assert np.isin(t[g.gap], (T.CARTILAGE, T.HYPERTROPHIC)).mean() > 0.4
    t = model.frame(history, rep["hard_callus"]).main.tissue
    assert (t == T.HYPERTROPHIC).any() and (t == T.CALCIFIED).any()
    assert mf.measure(model, history, rep["hard_callus"])["bridged_share"] < 1.0  # not yet bridged
    assert rep["hard_callus"] < bridging_day <= rep["bridging"]  # bridged at the bridging stop, not before
    assert model.frame(history, 42.0).phase.id != "bridging"  # 6 weeks: an adult is not bridged
    early, late = (mf.measure(model, history, rep[k]) for k in ("bridging", "remodelling"))
    assert late["callus_width_mm"] < early["callus_width_mm"]


def test_inset_tissue_labels_point_well_inside_a_real_region_not_at_a_speck():
    from osteoviz.model.fracture_params import FRACTURE_PHASES

    tissue_of = {"fracture_haematoma": T.HAEMATOMA, "granulation_tissue": T.GRANULATION,
                 "callus_cartilage": T.CARTILAGE, "hypertrophic": T.HYPERTROPHIC, "woven_bone": T.BONE,
                 "cortical_bone": T.COMPACT}
    model, history = load(Scenario.parse("fracture"))
    seen = set()
    for ph in FRACTURE_PHASES:
        frame = model.frame(history, ph.representative_day, labels=True)
        fine = frame.inset.tissue
        for key, x, y in frame.inset_labels:
            if key in tissue_of:
                seen.add(key)
                yy, xx = int(y), int(x)
                assert (fine[yy - 2:yy + 3, xx - 2:xx + 3] == tissue_of[key]).all(), (ph.id, key)
                assert (fine == tissue_of[key]).mean() >= 0.01, (ph.id, key)
    assert {"woven_bone", "callus_cartilage", "cortical_bone"} <= seen
    bridging = next(p for p in FRACTURE_PHASES if p.id == "bridging")
    frame = model.frame(history, bridging.representative_day, labels=True)
    few = (frame.inset.tissue == T.HYPERTROPHIC).mean() < 0.01  # none, or a few cells at the edge of the window ...
    assert few and "hypertrophic" not in [k for k, *_ in frame.inset_labels]  # ... are not called a zone


def test_soft_callus_is_named_while_it_is_a_callus_not_for_the_remnant_at_bridging():
    for key in ("fracture", "fracture+adult"):
        sc = Scenario.parse(key)
        model, history = load(sc)
        at = {ph.id: model.frame(history, ph.representative_day, labels=True) for ph in sc.phases()}
        assert "soft_callus" in [k for k, *_ in at["soft_callus"].labels], key
        bridging = at["bridging"]
        cart = np.isin(bridging.main.tissue, (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED))
        assert cart.any()  # a little cartilage is left ...
        assert "soft_callus" not in [k for k, *_ in bridging.labels], key  # ... but it is no longer a soft callus
