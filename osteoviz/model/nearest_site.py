"""A label's anchor: the site of a mask nearest a point, from squared distances worked out per column and per row."""

from __future__ import annotations

import numpy as np


def mean_index(mask: np.ndarray, axis: int) -> float:
    """The mean column (axis 1) or row (axis 0) index of the mask's sites, as np.nonzero(mask)[...].mean() gives it
    (the sum of whole indices is exact, so counting per row or column gives the very same float)."""
    counts = np.count_nonzero(mask, axis=1 - axis)
    return float(int(counts @ np.arange(mask.shape[axis]))) / int(counts.sum())


def nearest_site(mask: np.ndarray, x: float, y: float | None = None, least: int = 1) -> tuple[float, float] | None:
    """(x, y) of the centre of the mask's site (column c, row r) with the least (c - x)**2 + (r - y)**2, the first
    in map order among equals: what np.argmin over np.nonzero(mask) gave, without listing the sites. y None: the
    mask's mean row. None when the mask has fewer than `least` sites."""
    rows, cols = mask.shape
    if np.count_nonzero(mask) < least or not mask.size:
        return None
    if y is None:
        y = mean_index(mask, 0)
    fx = (np.arange(cols) - x) ** 2
    fy = (np.arange(rows) - y) ** 2
    r, c = divmod(int(np.argmin(np.where(mask, fx[None, :] + fy[:, None], np.inf))), cols)
    return float(c) + 0.5, float(r) + 0.5
