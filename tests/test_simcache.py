"""The simulation cache: a damaged or inconsistent file is detected and rebuilt; it lives in the platform cache folder."""

import numpy as np
import pytest

from osteoviz import simcache
from osteoviz.model import registry


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A good cached history for intramembranous, in a private cache folder; simulate() is counted."""
    model, history = simcache.load("intramembranous")
    monkeypatch.setenv("OSTEOVIZ_CACHE_DIR", str(tmp_path))
    path = tmp_path / "osteoviz" / simcache._key(model)
    simcache._save_atomic(path, history)
    calls = []
    cls = registry.get("intramembranous").model_type
    monkeypatch.setattr(cls, "simulate", lambda self: calls.append(1) or history)
    monkeypatch.setattr(simcache, "_MEMO", {})
    return path, history, calls


def damage(path, history, change):
    arrays = dict(history.arrays)
    change(arrays)
    path.unlink()
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def test_good_cache_is_used(cached):
    path, history, calls = cached
    simcache.load("intramembranous")
    assert calls == []


@pytest.mark.parametrize("what", ["short_offsets", "index_out_of_grid", "days_unsorted", "missing_array", "truncated"])
def test_inconsistent_cache_is_rebuilt(cached, what):
    path, history, calls = cached
    name = history.names[0]
    changes = {
        "short_offsets": lambda a: a.__setitem__(f"{name}.off", a[f"{name}.off"][:-5]),
        "index_out_of_grid": lambda a: a.__setitem__(f"{name}.idx", a[f"{name}.idx"] + 10**7),
        "days_unsorted": lambda a: a.__setitem__("days", a["days"][::-1].copy()),
        "missing_array": lambda a: a.pop(f"{name}.val"),
    }
    if what == "truncated":
        path.write_bytes(path.read_bytes()[:5000])
    else:
        damage(path, history, changes[what])
    model, loaded = simcache.load("intramembranous")
    assert calls == [1]  # detected and simulated again...
    assert loaded is history
    simcache._MEMO.clear()
    simcache.load("intramembranous")
    assert calls == [1]  # ...and the rebuilt cache is good again


def test_cache_lives_in_the_platform_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("OSTEOVIZ_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert simcache.cache_dir() == tmp_path / "xdg" / "osteoviz"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert simcache.cache_dir() == tmp_path / ".cache" / "osteoviz"


def test_is_cached_names_the_file_load_writes_without_building_a_model(tmp_path, monkeypatch):
    """is_cached knows the cache file's name from the scenario's parameters (a first launch asks it for every
    process: building each model's geometry for that cost a quarter of a second), and it is load's file."""
    from osteoviz.model.scenario import Scenario, experiments_for

    monkeypatch.setenv("OSTEOVIZ_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(simcache, "_MEMO", {})
    folder = simcache.cache_dir()
    scenarios = [Scenario(p) for p in ("endochondral", "intramembranous", "fracture")]
    scenarios += [Scenario(e.process, (e.id,)) for e in experiments_for("endochondral")[:2]]
    names = {sc: simcache._key(sc.model()) for sc in scenarios}  # the files load reads and writes
    built = []
    monkeypatch.setattr(Scenario, "model", lambda self: built.append(self))
    for sc in scenarios:
        assert not simcache.is_cached(sc)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / names[sc]).write_bytes(b"")
        assert simcache.is_cached(sc)
    assert built == []
