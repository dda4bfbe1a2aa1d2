"""Shared test set-up: headless Qt, and one simulation cache for the whole session (subprocesses too)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OSTEOVIZ_CACHE_DIR", tempfile.mkdtemp(prefix="osteoviz-test-cache-"))
os.environ.setdefault("OSTEOVIZ_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="osteoviz-test-settings-"), "settings.ini"))


# -- toy experiments and measures (osteoviz.qt views tests; nothing depends on the real experiments' ids) --------
import sys as _sys
import types as _types
from dataclasses import replace as _replace

import numpy as _np
import pytest as _pytest

TOY_EXPERIMENT = "toy_slow_vessels"  # endochondral: vessels invade calcified cartilage at a sixteenth of the rate


def _toy_measures_module():
    from osteoviz.model.kinds import Tissue

    mod = _types.ModuleType("osteoviz.model.toy_measures")
    mod.MEASURES = {"bone_share": "%", "cartilage_share": "%"}

    def measure(model, history, day):
        t = model.frame(history, day).main.tissue
        organ = max(int(_np.count_nonzero(t != Tissue.BACKGROUND)), 1)
        bone = _np.isin(t, (Tissue.BONE, Tissue.COMPACT, Tissue.TRABECULAR)).sum()
        cart = _np.isin(t, (Tissue.CARTILAGE, Tissue.PROLIFERATIVE, Tissue.HYPERTROPHIC, Tissue.CALCIFIED)).sum()
        return {"bone_share": 100.0 * bone / organ, "cartilage_share": 100.0 * cart / organ}

    mod.measure = measure
    return mod


@_pytest.fixture
def toy_experiment(monkeypatch):
    """A toy experiment on the femur, its explanation and a toy measures module, for the UI tests."""
    from osteoviz import content
    from osteoviz.model import registry, scenario
    from osteoviz.qt import experimentspanel

    scenario.experiments_for("endochondral")  # the real ones first (if any), then ours beside them
    monkeypatch.setattr(scenario, "EXPERIMENTS", dict(scenario.EXPERIMENTS))
    scenario.define(scenario.Experiment(TOY_EXPERIMENT, "endochondral", (("invasion_rate", 0.25),)))
    real_texts = content.experiment_texts

    def texts(process, lang="en"):
        if process != "endochondral":
            return real_texts(process, lang)
        out = {}
        for e in scenario.experiments_for(process):
            out[e.id] = content.ExperimentText(e.id, f"Toy {e.id}", "invasion_rate lowered", "no condition: a test",
                                               "the bone front lags", "Vessels enter slowly, so bone lags.", ())
        return out

    monkeypatch.setattr(content, "experiment_texts", texts)
    monkeypatch.setattr(experimentspanel, "experiment_texts", texts)
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    registry.register(_replace(registry.get("endochondral"), measures="toy_measures"))
    monkeypatch.setitem(_sys.modules, "osteoviz.model.toy_measures", _toy_measures_module())
    return TOY_EXPERIMENT


@_pytest.fixture
def toy_signals(monkeypatch):
    """The femur model's frames carry a toy signal field (high at the ends, low mid-shaft) when asked for."""
    from osteoviz.model.endochondral import EndochondralModel
    from osteoviz.qt import heatmap

    real = EndochondralModel.frame

    def frame(self, history, day, labels=False, signals=False):
        f = real(self, history, day, labels)
        if signals:
            rows, cols = f.main.tissue.shape
            x = _np.abs(_np.linspace(-1.0, 1.0, cols, dtype=_np.float32))
            f = _replace(f, signals={"pthrp": _np.broadcast_to(x ** 2, (rows, cols)).copy(),
                                     "ihh": _np.broadcast_to(1 - x, (rows, cols)).copy()})
        return f

    monkeypatch.setattr(EndochondralModel, "frame", frame)
    monkeypatch.setattr(heatmap, "_TAKES_SIGNALS", {})
    return frame
