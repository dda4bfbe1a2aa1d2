"""Scenarios: hashable, parsed back from their key, overrides reach the parameters, bad names fail in one line."""

import pytest

from osteoviz.model import scenario as sc
from osteoviz.model.params import EndochondralParams


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(sc, "EXPERIMENTS", {})
    sc.define(sc.Experiment("slow_invasion", "endochondral", (("invasion_rate", 0.5),)))
    sc.define(sc.Experiment("fast_hypertrophy", "endochondral", (("hypertrophy_rate", 9.0),)))


def test_equal_scenarios_hash_equal_and_round_trip_through_their_key(toy):
    a = sc.Scenario("endochondral", ("slow_invasion", "fast_hypertrophy"))
    b = sc.Scenario("endochondral", ("fast_hypertrophy", "slow_invasion", "slow_invasion"))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a.key == "endochondral+fast_hypertrophy+slow_invasion"
    assert sc.Scenario.parse(a.key) == a
    assert sc.Scenario("endochondral").is_normal and sc.Scenario.parse("endochondral").key == "endochondral"


def test_overrides_reach_the_parameters(toy):
    p = sc.Scenario("endochondral", ("slow_invasion",)).params()
    assert p.invasion_rate == 0.5 and p.hypertrophy_rate == EndochondralParams().hypertrophy_rate
    assert sc.Scenario("endochondral").params() == EndochondralParams()


def test_unknown_names_fail_in_one_line(toy):
    with pytest.raises(sc.UnknownExperiment, match="choose .*slow_invasion"):
        sc.Scenario("endochondral", ("nope",))
    with pytest.raises(sc.UnknownExperiment):
        sc.Scenario("intramembranous", ("slow_invasion",))  # defined for the femur only
    with pytest.raises(ValueError, match="not a parameter"):
        sc.define(sc.Experiment("bad", "endochondral", (("no_such_rate", 1.0),)))
