"""Drawn positions of the parietal inset's cells: osteoblasts seated on the bone surface they line."""

from __future__ import annotations

import numpy as np

from .kinds import Cell as C, Tissue as T

BONY = (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR)
OSTEOBLAST_HALF = 0.31  # half an osteoblast glyph (symbols: 0.62 of a site)


def seat_osteoblasts(placed: dict[int, np.ndarray], tissue: np.ndarray) -> dict[int, np.ndarray]:
    """Move each drawn osteoblast against the bony site next to it (below, above, left or right), so it sits on its
    osteoid seam with no strip of membrane between (the jitter alone leaves up to half a site)."""
    pos = placed.get(int(C.OSTEOBLAST))
    if pos is None or not len(pos):
        return placed
    h, w = tissue.shape
    bony = np.isin(tissue, BONY)
    col = np.clip(pos[:, 0].astype(int), 0, w - 1)
    row = np.clip(pos[:, 1].astype(int), 0, h - 1)
    out = pos.copy()
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        r, c = row + dy, col + dx
        ok = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        hit = ok & bony[np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]
        todo = hit & (out[:, 0] == pos[:, 0]) & (out[:, 1] == pos[:, 1])  # the first bony neighbour wins
        if dy:
            out[todo, 1] = row[todo] + (1.0 - OSTEOBLAST_HALF if dy > 0 else OSTEOBLAST_HALF)
        else:
            out[todo, 0] = col[todo] + (1.0 - OSTEOBLAST_HALF if dx > 0 else OSTEOBLAST_HALF)
    return {**placed, int(C.OSTEOBLAST): out.astype(np.float32)}
