"""simcache.load tells a progress callback how far the simulation is, and stops (caching nothing) when told to."""

import numpy as np
import pytest

from osteoviz import simcache
from osteoviz.model.scenario import Scenario


@pytest.fixture
def empty_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("OSTEOVIZ_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(simcache, "_MEMO", {})
    return tmp_path / "osteoviz"


def test_progress_runs_from_zero_to_one_and_the_history_is_the_same(empty_cache):
    seen = []
    model, history = simcache.load(Scenario("intramembranous"), lambda f: seen.append(f) or True)
    steps = model.p.steps
    assert len(seen) == steps + 1 and seen[0] == 0.0 and seen[-1] == 1.0 and np.all(np.diff(seen) >= 0)
    plain = model.simulate()  # the hook changes nothing in what is simulated
    assert np.array_equal(plain.arrays["days"], history.arrays["days"])
    assert np.array_equal(plain.arrays["vault.keys"], history.arrays["vault.keys"])
    assert simcache.loaded("intramembranous") and list(empty_cache.glob("*.npz"))


def test_returning_false_cancels_and_nothing_is_kept(empty_cache):
    calls = []

    def progress(f):
        calls.append(f)
        return len(calls) < 20

    with pytest.raises(simcache.SimulationCancelled):
        simcache.load(Scenario("intramembranous"), progress)
    assert len(calls) == 20
    assert not simcache.loaded("intramembranous")
    assert not empty_cache.exists() or not list(empty_cache.glob("*.npz"))
    # the hook is gone: the next load simulates whole, without calling the old callback
    simcache.load("intramembranous")
    assert len(calls) == 20
