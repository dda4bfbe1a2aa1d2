"""Scale2x (EPX) upscaling of tissue label maps, so organ outlines are drawn as smooth diagonals, not staircases."""

from __future__ import annotations

import numpy as np


def scale2x(labels: np.ndarray) -> np.ndarray:
    """Double a 2-D label map with the Scale2x rules: corners follow a matching diagonal, nothing is blended.

    Labels are categories, so no value is ever invented: every output pixel is its source pixel or one of
    that pixel's four neighbours.
    """
    p = np.asarray(labels)
    if p.ndim != 2:
        raise ValueError("scale2x needs a 2-D label map")
    pad = np.pad(p, 1, mode="edge")
    a = pad[:-2, 1:-1]  # above
    b = pad[1:-1, 2:]   # right
    c = pad[1:-1, :-2]  # left
    d = pad[2:, 1:-1]   # below
    ab, ac, bd, cd = a == b, a == c, b == d, c == d
    out = np.empty((p.shape[0] * 2, p.shape[1] * 2), dtype=p.dtype)
    out[0::2, 0::2] = np.where(ac & ~cd & ~ab, a, p)
    out[0::2, 1::2] = np.where(ab & ~ac & ~bd, b, p)
    out[1::2, 0::2] = np.where(cd & ~bd & ~ac, c, p)
    out[1::2, 1::2] = np.where(bd & ~ab & ~cd, d, p)
    return out


def smooth_labels(labels: np.ndarray, passes: int = 2) -> np.ndarray:
    """Apply Scale2x `passes` times (2 passes: 4× each way)."""
    out = np.asarray(labels)
    for _ in range(passes):
        out = scale2x(out)
    return out
