"""Compact time-indexed history of uint8 site grids: keyframes plus per-step changes, random access."""

from __future__ import annotations

import threading

import numpy as np

_HOOK = threading.local()  # per thread: a callable(step) told of every recorded step (progress and cancel)


def set_step_hook(fn) -> None:
    """Call `fn(step)` on each step this thread records (None: stop); it may raise to abandon the simulation."""
    _HOOK.fn = fn


class HistoryRecorder:
    """Collects the grids of a simulation step by step and packs them into a History."""

    def __init__(self, names: tuple[str, ...], keyframe_every: int = 24):
        self.names = names
        self.every = keyframe_every
        self.days: list[float] = []
        self._keys: dict[str, list[np.ndarray]] = {n: [] for n in names}
        self._idx: dict[str, list[np.ndarray]] = {n: [] for n in names}
        self._val: dict[str, list[np.ndarray]] = {n: [] for n in names}
        self._prev: dict[str, np.ndarray] = {}

    def record(self, day: float, grids: dict[str, np.ndarray]) -> None:
        step = len(self.days)
        if getattr(_HOOK, "fn", None) is not None:
            _HOOK.fn(step)
        self.days.append(float(day))
        for n in self.names:
            g = np.ascontiguousarray(grids[n], dtype=np.uint8)
            if step % self.every == 0:
                self._keys[n].append(g.copy())
            if step == 0:
                changed = np.zeros(0, dtype=np.int32)
            else:
                changed = np.flatnonzero(g.ravel() != self._prev[n].ravel()).astype(np.int32)
            self._idx[n].append(changed)
            self._val[n].append(g.ravel()[changed])
            self._prev[n] = g.copy()

    def finish(self) -> "History":
        arrays = {"days": np.asarray(self.days, dtype=np.float64), "every": np.asarray(self.every)}
        for n in self.names:
            arrays[f"{n}.keys"] = np.stack(self._keys[n])
            arrays[f"{n}.idx"] = np.concatenate(self._idx[n])
            arrays[f"{n}.val"] = np.concatenate(self._val[n])
            arrays[f"{n}.off"] = np.concatenate([[0], np.cumsum([a.size for a in self._idx[n]])]).astype(np.int64)
        return History(arrays)


class History:
    """Random access to the grids at any recorded step; cost is the same forwards and backwards."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.arrays = arrays
        self.days = arrays["days"]
        self.every = int(arrays["every"])
        self.names = tuple(sorted({k.split(".")[0] for k in arrays if k.endswith(".keys")}))
        self._cache: tuple[int, dict[str, np.ndarray]] | None = None

    @property
    def n_steps(self) -> int:
        return int(self.days.size)

    def step_at(self, day: float) -> int:
        """Index of the last recorded step at or before `day` (clamped to the recorded range)."""
        s = int(np.searchsorted(self.days, day, side="right")) - 1
        return min(max(s, 0), self.n_steps - 1)

    def grids(self, step: int) -> dict[str, np.ndarray]:
        """The grids at a step (read-only arrays; do not modify)."""
        if self._cache is not None and self._cache[0] == step:
            return self._cache[1]
        out = {}
        k = step // self.every
        first = k * self.every + 1
        for n in self.names:
            g = self.arrays[f"{n}.keys"][k].copy()
            off = self.arrays[f"{n}.off"]
            lo, hi = off[first] if first <= step else off[step + 1], off[step + 1]
            if hi > lo:
                idx = self.arrays[f"{n}.idx"][lo:hi][::-1]
                val = self.arrays[f"{n}.val"][lo:hi][::-1]
                uniq, first_pos = np.unique(idx, return_index=True)  # last write wins
                g.ravel()[uniq] = val[first_pos]
            g.flags.writeable = False
            out[n] = g
        self._cache = (step, out)
        return out

    def nbytes(self) -> int:
        return int(sum(a.nbytes for a in self.arrays.values()))
