"""Simulate each process once per parameter set: in-process memo plus an atomic on-disk .npz cache."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

import numpy as np

from . import __version__
from .atomic import atomic_path
from .model.history import History, set_step_hook
from .model.scenario import Scenario

_MEMO: dict[Scenario, tuple[object, History]] = {}


class SimulationCancelled(Exception):
    """The progress callback asked to stop: nothing was cached."""


def as_scenario(target: "str | Scenario") -> Scenario:
    """A scenario from a process id, a scenario key ('endochondral+pthrp_loss') or a Scenario."""
    return target if isinstance(target, Scenario) else Scenario.parse(target)


def loaded(target: "str | Scenario") -> bool:
    """Whether load() would return at once (the scenario is held in memory)."""
    return as_scenario(target) in _MEMO


def cache_dir() -> Path | None:
    """Where histories are kept between runs (None when caching is switched off): $OSTEOVIZ_CACHE_DIR, else the
    platform's cache folder (Linux $XDG_CACHE_HOME or ~/.cache, macOS ~/Library/Caches, Windows %LOCALAPPDATA%)."""
    if os.environ.get("OSTEOVIZ_NO_CACHE"):
        return None
    if os.environ.get("OSTEOVIZ_CACHE_DIR"):
        return Path(os.environ["OSTEOVIZ_CACHE_DIR"]) / "osteoviz"
    return platform_cache_base() / "osteoviz"


def platform_cache_base() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"


def consistent(history: History) -> bool:
    """Whether a loaded history is whole: the arrays agree with each other (a cache can load yet be wrong)."""
    a = history.arrays
    days = a.get("days")
    if days is None or days.ndim != 1 or days.size < 2 or not np.all(np.isfinite(days)) or np.any(np.diff(days) < 0):
        return False
    every = int(a["every"]) if "every" in a and a["every"].size == 1 else 0
    if every < 1 or not history.names:
        return False
    n = days.size
    for name in history.names:
        keys, idx, val, off = (a.get(f"{name}.{part}") for part in ("keys", "idx", "val", "off"))
        if keys is None or idx is None or val is None or off is None:
            return False
        if keys.dtype != np.uint8 or keys.ndim != 3 or keys.shape[0] != (n + every - 1) // every:
            return False
        if off.ndim != 1 or off.size != n + 1 or off[0] != 0 or np.any(np.diff(off) < 0):
            return False
        if not (idx.size == val.size == off[-1]) or val.dtype != np.uint8:
            return False
        if idx.size and (idx.min() < 0 or idx.max() >= keys.shape[1] * keys.shape[2]):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _model_source_digest() -> str:
    """A hash of the model's source: any change to the rules invalidates cached histories (read once a run)."""
    folder = Path(__file__).resolve().parent / "model"
    h = hashlib.sha1()
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _key(model) -> str:
    return _key_of(model.kind, model.p)


def _key_of(kind: str, params) -> str:
    """The cache file's name for a model kind and its parameters (no model needs building to know it)."""
    digest = hashlib.sha1(f"{__version__}|{kind}|{params!r}|{_model_source_digest()}".encode()).hexdigest()[:16]
    return f"{kind}-{digest}.npz"


def is_cached(target: str | Scenario) -> bool:
    """Whether load(target) will be quick: in memory already, or a cache file of the current model exists."""
    scenario = as_scenario(target)
    if scenario in _MEMO:
        return True
    folder = cache_dir()
    kind = getattr(scenario.spec.model_type, "kind", None)  # (building a model to name its file costs a femur's geometry)
    name = _key_of(kind, scenario.params()) if isinstance(kind, str) else _key(scenario.model())
    return folder is not None and (folder / name).is_file()


def load(target: str | Scenario, progress=None):
    """Return (model, history) for a process id or a scenario, simulating only if no cached history exists.

    `progress(fraction) -> bool`, if given, is called after each simulated step (fraction 0..1); returning False abandons the simulation with SimulationCancelled and nothing is kept."""
    scenario = as_scenario(target)  # unknown ids: one-line ValueError
    if scenario in _MEMO:
        return _MEMO[scenario]
    model = scenario.model()
    return remember(scenario, model, load_history(model, progress))


def remember(scenario: Scenario, model, history: History):
    """Keep a loaded scenario in memory (a worker process simulated it); returns (model, history)."""
    _MEMO[scenario] = (model, history)
    return _MEMO[scenario]


def load_history(model, progress=None) -> History:
    """The model's history from the disk cache, or simulated (and cached); `progress` as for load()."""
    history = None
    folder = cache_dir()
    path = folder / _key(model) if folder else None
    if path is not None and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as data:
                history = History({k: data[k] for k in data.files})
            if not consistent(history):
                history = None
            else:
                model.frame(history, float(history.days[-1]))  # the last frame can be drawn from it
        except Exception:  # a damaged or inconsistent cache is simply rebuilt
            history = None
    if history is None:
        history = _simulate(model, progress)
        if path is not None:
            _save_atomic(path, history)
    return history


def _simulate(model, progress) -> History:
    """model.simulate(), telling `progress` of each recorded step (and stopping when it returns False)."""
    if progress is None:
        return model.simulate()
    steps = max(int(getattr(model.p, "steps", 0) or 0), 1)

    def hook(step: int) -> None:
        if progress(min(step / steps, 1.0)) is False:
            raise SimulationCancelled()

    set_step_hook(hook)
    try:
        history = model.simulate()
    finally:
        set_step_hook(None)
    progress(1.0)
    return history


def _save_atomic(path: Path, history: History) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path, force=True) as tmp:
            with open(tmp, "wb") as fh:
                np.savez(fh, **history.arrays)
    except OSError:
        pass  # caching is an optimisation; a read-only home must not stop the app
