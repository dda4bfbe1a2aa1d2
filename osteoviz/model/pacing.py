"""Playback pacing: every phase gets an equal share of the timeline, however many days it spans."""

from __future__ import annotations

import numpy as np

from .params import PhaseSpec

SECONDS_PER_PHASE = 6.0  # playing time of one phase at 1x (a lecture needs 4-8 s per phase)


class PacedScale:
    """Maps days to a position 0..1 and back, piecewise linear with one equal segment per phase.

    The fetal histology steps last days and childhood growth lasts years; on a scale of days
    (or even its logarithm) the first flash by and the last drag on. Here each phase, from its
    start to the next phase's start, takes the same width on the timeline and so the same
    playing time. Same interface as `clock.TimelineScale`.
    """

    def __init__(self, phases: tuple[PhaseSpec, ...], start_day: float, end_day: float):
        if not end_day > start_day:
            raise ValueError("a paced scale needs end_day > start_day")
        self.start_day = float(start_day)
        self.end_day = float(end_day)
        inner = sorted({float(p.start_day) for p in phases if start_day < p.start_day < end_day})
        self.knots = np.array([self.start_day, *inner, self.end_day])
        self.positions = np.linspace(0.0, 1.0, len(self.knots))
        self.segments = len(self.knots) - 1

    @property
    def seconds_at_1x(self) -> float:
        """Playing time of the whole clock at 1x."""
        return SECONDS_PER_PHASE * self.segments

    def to_pos(self, day):
        """Day(s) -> position(s) in [0, 1]; accepts floats or numpy arrays."""
        pos = np.interp(np.asarray(day, dtype=float), self.knots, self.positions)
        return float(pos) if np.ndim(pos) == 0 else pos

    def to_day(self, pos):
        """Position(s) in [0, 1] -> day(s)."""
        day = np.interp(np.clip(np.asarray(pos, dtype=float), 0.0, 1.0), self.positions, self.knots)
        return float(day) if np.ndim(day) == 0 else day
