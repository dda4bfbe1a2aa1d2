"""np.clip without its Python overhead, for the frame path's many small clips of finite (NaN-free) arrays."""

from __future__ import annotations

import numpy as np


def clip(a, lo, hi):
    """np.clip(a, lo, hi) for finite a (no NaN), lo <= hi (hi None: no upper bound): the same values and dtype."""
    a = np.maximum(a, lo)
    return a if hi is None else np.minimum(a, hi)
