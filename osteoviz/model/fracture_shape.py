"""Fracture geometry: the shaft section on the first day (muscle, periosteum, cortex, marrow, gap, clot) and the
fixed fields the repair rules read (distance to the fracture line, the callus envelope, low-oxygen zone)."""

from __future__ import annotations

import numpy as np

from .kinds import Tissue as T
from .fracture_params import FractureParams


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], iterations: int = 8) -> np.ndarray:
    """Spatially smooth noise, about -1..1 (a few Jacobi smoothing passes of white noise)."""
    f = rng.standard_normal(shape).astype(np.float32)
    for _ in range(iterations):  # wrap-around averaging of the four neighbours and the site
        f = (f + np.roll(f, 1, 0) + np.roll(f, -1, 0) + np.roll(f, 1, 1) + np.roll(f, -1, 1)) / 5.0
    return f / max(float(np.abs(f).max()), 1e-6)


class FractureShape:
    """Rows run across the shaft (axis in the middle), columns along it; the fracture line crosses mid-way."""

    def __init__(self, p: FractureParams, rng: np.random.Generator):
        self.p = p
        h, w = p.grid_h, p.grid_w
        self.cy = (h - 1) / 2.0
        self.cx = (w - 1) / 2.0
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        self.r = np.abs(yy - self.cy)  # distance from the shaft axis, in sites
        noise = smooth_noise(rng, (h, w))
        self.noise = noise
        # a jagged transverse line: a few sites of offset that change with the row
        line = self.cx + 1.6 * np.sin(yy[:, :1] * 0.21) + 1.2 * noise[:, :1] * 2
        self.dx = xx - line  # signed distance along the shaft from the fracture line
        self.adx = np.abs(self.dx)
        self.key = rng.random((h, w), dtype=np.float32)  # a fixed random number per site (who gets a cell)
        s, c, per = p.shaft_half, p.cortex, p.periosteum
        self.cortex = (self.r <= s) & (self.r > s - c)
        self.marrow = self.r <= s - c
        self.periosteum = (self.r > s) & (self.r <= s + per)
        half_gap = max(p.gap, 1) / 2.0
        self.gap = (self.adx < half_gap) & (self.r <= s)
        # external callus envelope: a spindle round the gap, thickest over it, tapering along the shaft
        u = np.clip(self.adx / max(p.callus_reach, 1), 0, 1)
        thick = p.callus_thick * (1 - u ** 2) * (1 + 0.15 * noise)
        self.envelope = (self.r > s) & (self.r <= s + thick) & (u < 1)
        if p.rigid_fixation:
            self.envelope = np.zeros_like(self.envelope)
        # endosteal callus: a band inside the cortex near the gap (bone made from the marrow side)
        self.endosteal = self.marrow & (self.r > s - c - 6 - 2 * noise) & (self.adx < 0.35 * p.callus_reach)
        if p.rigid_fixation:
            self.endosteal = np.zeros_like(self.endosteal)
        # low oxygen (far from vessels, some motion): cartilage forms here; elsewhere bone forms directly
        height = np.maximum(self.r - s, 0)
        self.hypoxic = (self.gap | ((self.adx < 0.3 * p.callus_reach + 1.3 * height + 3 * noise) & self.envelope)
                        | (self.endosteal & (self.adx < 0.12 * p.callus_reach + 2 * noise)))
        self.callus = self.envelope | self.endosteal | self.gap
        self.line_key = noise  # dead-bone border jitter

    def first_day(self) -> np.ndarray:
        """The tissue grid a few hours after the break: the gap and its surroundings full of clot."""
        p, s = self.p, self.p.shaft_half
        t = np.full((p.grid_h, p.grid_w), T.MUSCLE, np.uint8)
        t[self.periosteum] = T.PERIOSTEUM
        t[self.cortex] = T.COMPACT
        t[self.marrow] = T.MARROW
        spread = 0.35 if p.rigid_fixation else 1.0  # a reduced, plated fracture bleeds little
        inside = ((self.dx / (22 * spread)) ** 2 + ((self.r) / (s * 1.1)) ** 2 + 0.25 * self.noise) < 1
        t[self.marrow & inside] = T.HAEMATOMA
        if not p.rigid_fixation:  # the clot lifts the torn periosteum and spreads into the muscle
            outside = ((self.dx / 11) ** 2 + ((self.r - s) / 9.5) ** 2 + 0.3 * self.noise) < 1  # torn ends in view
            t[(self.r > s) & outside] = T.HAEMATOMA
        t[self.gap] = T.HAEMATOMA
        return t
