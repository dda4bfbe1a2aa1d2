"""What is under the pointer: the cell or tissue at a point of the organ map or the cellular inset."""

from __future__ import annotations

import numpy as np

from ..model.kinds import Tissue, cell_key, tissue_key
from ..model.scene import Layer


def item_at(layer: Layer, x: float, y: float, radius_of) -> tuple[str, str] | None:
    """('cell', key) or ('tissue', key) at view point (x, y) of a layer, or None on the background.

    View coordinates are those the canvas draws in: x in sites, y in sites × aspect. A cell counts when
    the point lies within `radius_of(code)` sites of its centre; the nearest such cell wins over tissue.
    """
    rows, cols = layer.tissue.shape
    sx, sy = x, y / layer.aspect
    if not (0.0 <= sx < cols and 0.0 <= sy < rows):
        return None
    best: tuple[float, int] | None = None
    for code, pos in layer.cells.items():
        if pos is None or len(pos) == 0:
            continue
        d2 = (pos[:, 0] - sx) ** 2 + ((pos[:, 1] - sy) * layer.aspect) ** 2
        i = int(np.argmin(d2))
        r = radius_of(code)
        if d2[i] <= r * r and (best is None or d2[i] < best[0]):
            best = (float(d2[i]), code)
    if best is not None:
        return "cell", cell_key(best[1])
    t = int(layer.tissue[int(sy), int(sx)])
    if t == int(Tissue.BACKGROUND):
        return None
    return "tissue", tissue_key(t)
