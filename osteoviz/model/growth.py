"""True organ size over time, interpolated from published growth tables (for scale bars and fronts)."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY
from .params import FEMUR_CARTILAGE_SHARE, FEMUR_LENGTH, FEMUR_TOTAL_EARLY, FEMUR_TOTAL_LATE, GrowthTable


def organ_length_mm(table: GrowthTable, day: float) -> float:
    """Organ size in mm at a day after fertilisation (linear between table points, clamped)."""
    return float(np.interp(day, table.days, table.values_mm))


def femur_cartilage_share(day: float) -> float:
    """Share of the femur's axial length that is cartilage (both ends together), 0..1."""
    return organ_length_mm(FEMUR_CARTILAGE_SHARE, day)


def femur_total_mm(day: float) -> float:
    """Whole femur length (head to condyles, cartilage included), in mm.

    From GA 14 to birth the ossified diaphysis follows Hadlock (ultrasound FL) and the cartilage
    ends are added on top; before that and after birth the tables of whole length apply.
    """
    first, last = FEMUR_LENGTH.days[0], FEMUR_LENGTH.days[-1]
    if day < first:
        return organ_length_mm(FEMUR_TOTAL_EARLY, day)
    if day <= BIRTH_DAY:
        fl = organ_length_mm(FEMUR_LENGTH, min(day, last))
        return fl / (1.0 - femur_cartilage_share(day))
    return organ_length_mm(FEMUR_TOTAL_LATE, day)
