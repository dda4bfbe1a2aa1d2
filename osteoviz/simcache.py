"""Simulate each process once per parameter set: in-process memo plus an atomic on-disk .npz cache."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from . import __version__
from .atomic import atomic_path
from .model.endochondral import EndochondralModel
from .model.history import History
from .model.intramembranous import IntramembranousModel

PROCESSES = ("endochondral", "intramembranous")
_MODELS = {"endochondral": EndochondralModel, "intramembranous": IntramembranousModel}
_MEMO: dict[str, tuple[object, History]] = {}


def cache_dir() -> Path | None:
    """Where histories are kept between runs (None when caching is switched off)."""
    if os.environ.get("OSTEOVIZ_NO_CACHE"):
        return None
    base = os.environ.get("OSTEOVIZ_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "osteoviz"


def _model_source_digest() -> str:
    """A hash of the model's source: any change to the rules invalidates cached histories."""
    folder = Path(__file__).resolve().parent / "model"
    h = hashlib.sha1()
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _key(model) -> str:
    digest = hashlib.sha1(f"{__version__}|{model.kind}|{model.p!r}|{_model_source_digest()}".encode()).hexdigest()[:16]
    return f"{model.kind}-{digest}.npz"


def load(process: str):
    """Return (model, history) for a process, simulating only if no cached history exists."""
    if process not in _MODELS:
        raise ValueError(f"unknown process {process!r}: choose {' or '.join(PROCESSES)}")
    if process in _MEMO:
        return _MEMO[process]
    model = _MODELS[process]()
    history = None
    folder = cache_dir()
    path = folder / _key(model) if folder else None
    if path is not None and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as data:
                history = History({k: data[k] for k in data.files})
        except Exception:  # a damaged cache is simply rebuilt
            history = None
    if history is None:
        history = model.simulate()
        if path is not None:
            _save_atomic(path, history)
    _MEMO[process] = (model, history)
    return _MEMO[process]


def _save_atomic(path: Path, history: History) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path, force=True) as tmp:
            with open(tmp, "wb") as fh:
                np.savez(fh, **history.arrays)
    except OSError:
        pass  # caching is an optimisation; a read-only home must not stop the app
