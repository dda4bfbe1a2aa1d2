"""Developmental clock: days after fertilisation, the timeline's non-linear scale, parsing and age labels."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

BIRTH_DAY = 266.0  # 38 weeks after fertilisation (facts.md: birth ~ week 38, GA 40)
DAYS_PER_WEEK = 7.0
DAYS_PER_MONTH = 365.25 / 12.0
DAYS_PER_YEAR = 365.25
GA_OFFSET_WEEKS = 2  # gestational age = weeks after fertilisation + 2

# The timeline scale is logarithmic in (day - ORIGIN), so week 8-9 gets as much room as
# years 10-20.  ORIGIN and SPREAD are chosen so the fetal period fills about half the bar;
# a clock that starts earlier (the femur's cartilage model, week 6) moves ORIGIN with it.
_SCALE_ORIGIN = 49.0
_SCALE_SPREAD = 7.0


class TimeParseError(ValueError):
    """A time string that is not of the form 8w, 38w, 6m, 10y, 60d or 'birth'."""


@dataclass(frozen=True)
class Age:
    """An age split into the unit a person would say it in."""

    unit: str  # "week", "birth", "month", "year"
    value: float
    ga_weeks: float | None  # gestational age in weeks, before birth only


def parse_time(text: str) -> float:
    """Return the day after fertilisation for '8w', '38w', '6m', '10y', '60d' or 'birth'.

    Weeks count from fertilisation; months and years count from birth.
    """
    s = text.strip().lower()
    if s == "birth":
        return BIRTH_DAY
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([dwmy])", s)
    if not m:
        raise TimeParseError(
            f"time {text!r} is not understood: use e.g. 8w (weeks after fertilisation), "
            "6m or 10y (after birth), 60d, or 'birth'"
        )
    n, unit = float(m.group(1)), m.group(2)
    if unit == "d":
        return n
    if unit == "w":
        return n * DAYS_PER_WEEK
    if unit == "m":
        return BIRTH_DAY + n * DAYS_PER_MONTH
    return BIRTH_DAY + n * DAYS_PER_YEAR


def age_of(day: float) -> Age:
    """Split a day after fertilisation into the unit a lecturer would use."""
    if day < BIRTH_DAY - 0.5 * DAYS_PER_WEEK:
        weeks = day / DAYS_PER_WEEK
        return Age("week", weeks, weeks + GA_OFFSET_WEEKS)
    if day < BIRTH_DAY + 0.5 * DAYS_PER_MONTH:
        return Age("birth", BIRTH_DAY / DAYS_PER_WEEK, BIRTH_DAY / DAYS_PER_WEEK + GA_OFFSET_WEEKS)
    months = (day - BIRTH_DAY) / DAYS_PER_MONTH
    if months < 24:
        return Age("month", months, None)
    return Age("year", (day - BIRTH_DAY) / DAYS_PER_YEAR, None)


class TimelineScale:
    """Maps days to a position 0..1 on the timeline and back (logarithmic, fetal weeks get room)."""

    def __init__(self, start_day: float, end_day: float):
        self.origin = min(_SCALE_ORIGIN, float(start_day) - _SCALE_SPREAD)
        if not start_day > 0 or not end_day > start_day:
            raise ValueError("timeline needs start_day > 0 and end_day > start_day")
        self.start_day = float(start_day)
        self.end_day = float(end_day)
        self._a = math.log((self.start_day - self.origin) / _SCALE_SPREAD)
        self._b = math.log((self.end_day - self.origin) / _SCALE_SPREAD)

    def to_pos(self, day):
        """Day(s) → position(s) in [0, 1]; accepts floats or numpy arrays."""
        d = np.clip(np.asarray(day, dtype=float), self.start_day, self.end_day)
        pos = (np.log((d - self.origin) / _SCALE_SPREAD) - self._a) / (self._b - self._a)
        return float(pos) if pos.ndim == 0 else pos

    def to_day(self, pos):
        """Position(s) in [0, 1] → day(s)."""
        p = np.clip(np.asarray(pos, dtype=float), 0.0, 1.0)
        day = self.origin + _SCALE_SPREAD * np.exp(self._a + p * (self._b - self._a))
        return float(day) if day.ndim == 0 else day
