"""True organ size over time, interpolated from published growth tables (for scale bars)."""

from __future__ import annotations

import numpy as np

from .params import GrowthTable


def organ_length_mm(table: GrowthTable, day: float) -> float:
    """Organ size in mm at a day after fertilisation (linear between table points, clamped)."""
    return float(np.interp(day, table.days, table.values_mm))
