"""Content hashes of a frame's tissue maps, each map hashed once: on the play worker, or when the frame is shown."""

from __future__ import annotations

import threading

import numpy as np

from .outlines import digest


class Digests:
    """The play pipeline's worker hashes the maps of the frame it makes (`made`); showing that frame takes those
    hashes (`of`) instead of hashing again, and the legend reuses the shown frame's. Entries are matched by the
    array object itself (held, so its id cannot be reused), and a worker's entry is used once."""

    AHEAD = 8  # frames made ahead and not yet shown (the pipeline keeps at most one; a few for safety)

    def __init__(self):
        self._lock = threading.Lock()
        self._ahead: dict[int, tuple[np.ndarray, bytes]] = {}
        self._shown: dict[int, tuple[np.ndarray, bytes]] = {}

    def made(self, *maps: np.ndarray | None) -> tuple[bytes | None, ...]:
        """Hash the maps of a frame made on the worker, for the frame's showing; returns the hashes."""
        found = {id(m): (m, digest(m)) for m in maps if m is not None}
        with self._lock:
            self._ahead.update(found)
            while len(self._ahead) > self.AHEAD:
                self._ahead.pop(next(iter(self._ahead)))
        return tuple(found[id(m)][1] if m is not None else None for m in maps)

    def of(self, *maps: np.ndarray | None, shown: bool = False) -> tuple[bytes | None, ...]:
        """The maps' hashes (None for a missing map): the worker's, the shown frame's (a read-only map, or any
        with `shown`: the frame being drawn now), or hashed now. The maps asked for become the shown ones."""
        out, now = [], {}
        for m in maps:
            if m is None:
                out.append(None)
                continue
            hit = self._shown.get(id(m)) if shown or not m.flags.writeable else None
            if hit is None or hit[0] is not m:
                with self._lock:
                    hit = self._ahead.pop(id(m), None)
                if hit is None or hit[0] is not m:
                    hit = (m, digest(m))
            now[id(m)] = hit
            out.append(hit[1])
        self._shown = now
        return tuple(out)
