"""The process registry: specs build their models, unknown ids fail in one line, a new entry is listed."""

import pytest

from osteoviz.model import registry
from osteoviz.model.params import EndochondralParams


def test_builtin_processes_build_their_models_with_their_phases():
    assert registry.process_ids()[:2] == ("endochondral", "intramembranous")
    for pid in registry.process_ids():
        spec = registry.get(pid)
        model = spec.model_type(spec.params())
        assert model.phases == spec.phases
        assert model.scale.start_day == spec.start_day and model.scale.end_day == spec.end_day


def test_params_overrides_change_only_what_is_named():
    spec = registry.get("endochondral")
    p = spec.params(invasion_rate=1.0)
    assert p.invasion_rate == 1.0 and p.hypertrophy_rate == EndochondralParams().hypertrophy_rate
    with pytest.raises(TypeError):
        spec.params(no_such_field=1)


def test_unknown_process_names_the_choices():
    with pytest.raises(registry.UnknownProcess, match="endochondral, intramembranous"):
        registry.get("fracture_repairx")


def test_a_registered_process_is_listed(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    spec = registry.get("endochondral")
    registry.register(registry.ProcessSpec("toy", spec.params_type, spec.model_type, spec.phases))
    assert "toy" in registry.process_ids() and registry.get("toy").phases == spec.phases
