"""Hypermineralised bone (osteogenesis imperfecta) drawn slightly brighter: brighter = more mineral, as in
backscattered-electron images of bone (Roschger 2008)."""

from __future__ import annotations

import numpy as np

from ..model.kinds import Tissue as T

BONE_CODES = (T.BONE, T.COMPACT, T.TRABECULAR, T.COLLAR, T.BONE_SPICULE, T.EPIPHYSEAL_LINE)
GAIN = 2.0  # +7 % mineral -> mixed 14 % towards white: visible side by side, still the same hue


def mineral_lut(lut: np.ndarray, excess: float) -> np.ndarray:
    """A copy of the RGBA tissue LUT with the bone colours mixed towards white by GAIN x excess."""
    out = np.array(lut, dtype=np.uint8, copy=True)
    w = min(max(GAIN * float(excess), 0.0), 0.5)
    rows = [int(c) for c in BONE_CODES if int(c) < out.shape[0]]
    rgb = out[rows, :3].astype(np.float32)
    out[rows, :3] = np.round(rgb + (255.0 - rgb) * w).astype(np.uint8)
    return out
