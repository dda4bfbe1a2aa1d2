"""A clock per process: how its days are parsed, written, shown, scaled and ticked (developmental, injury)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR, TimelineScale, TimeParseError, age_of, parse_time

# A clock writes through `s`, a lookup of UI strings: s(key, **placeholders) -> str (osteoviz.content.strings(lang)
# is one); so the prose stays in assets/strings/<lang>.json and the model stays free of files and Qt.
Strings = Callable[..., str]

EMBRYONIC_WEEKS = 8  # before this, ages are shown as a range of whole weeks (facts.md: timings vary by a week or two)


def _number(value: float, s: Strings, decimals: int = 0) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    return text.replace(".", s("number.decimal"))


@dataclass(frozen=True)
class Clock:
    """What the app asks of a process's clock. Days are floats on this clock's own origin.

    id         "developmental" (days after fertilisation) or "injury" (days after the injury)
    parse      text -> day; a TimeParseError with one line naming the accepted forms
    text       day -> the command-line form that parses back to the same day (for re-create commands)
    format     (day, s) -> (main, secondary): "week 12", "GA 14 wk" / "day 3 after injury", ""
    scale      (start, end) -> object with to_pos/to_day, start_day, end_day (the natural, log-like scale)
    ticks      (start, end, s) -> [(day, label)] for the timeline, inside [start, end]
    landmarks  (start, end, s) -> [(day, label)] drawn as a line across the timeline (birth)
    footnote   (day, s) -> the line under the age saying how the clock counts
    axis_label (s) -> the name of the clock under a plot against it
    default_from  () -> where a movie starts when no --from is given (command-line form)
    developmental_day  (day) -> the same moment in days after fertilisation (for the skeleton map), or None
    """

    id: str

    def parse(self, text: str) -> float:
        raise NotImplementedError

    def text(self, day: float) -> str:
        return f"{day:.6g}d"  # 'd' counts from this clock's origin on every clock

    def format(self, day: float, s: Strings) -> tuple[str, str]:
        raise NotImplementedError

    def scale(self, start_day: float, end_day: float):
        raise NotImplementedError

    def tick_times(self) -> tuple[str, ...]:
        return ()

    def tick_label(self, text: str, day: float, s: Strings) -> str:
        return self.format(day, s)[0]

    def ticks(self, start_day: float, end_day: float, s: Strings) -> list[tuple[float, str]]:
        out = []
        for t in self.tick_times():
            day = self.parse(t)
            if start_day <= day <= end_day:
                out.append((day, self.tick_label(t, day, s)))
        return out

    def landmarks(self, start_day: float, end_day: float, s: Strings) -> list[tuple[float, str]]:
        return []

    def footnote(self, day: float, s: Strings) -> str:
        raise NotImplementedError

    def axis_label(self, s: Strings) -> str:
        return s(f"compare.clock_{self.id}")

    def default_from(self) -> str:
        return self.text(0.0)  # the clock's origin (the injury)

    def developmental_day(self, day: float) -> float | None:
        return None  # an injury can happen at any age: no day after fertilisation follows from it


@dataclass(frozen=True)
class DevelopmentalClock(Clock):
    """Days after fertilisation: weeks before birth (with gestational age), months and years after."""

    id: str = "developmental"

    def parse(self, text: str) -> float:
        return parse_time(text)

    def format(self, day: float, s: Strings) -> tuple[str, str]:
        a = age_of(day)
        if a.unit == "week" and a.value < EMBRYONIC_WEEKS:
            # before week 8 the embryo is staged, not dated to a tenth of a week: say which weeks
            w = int(a.value)
            return s("age.weeks_range", a=w, b=w + 1), s("age.ga", n=f"{a.ga_weeks:.0f}")
        if a.unit == "week":
            n = _number(a.value, s, 1) if a.value < 10 else _number(a.value, s)
            return s("age.week", n=n), s("age.ga", n=f"{a.ga_weeks:.0f}")
        if a.unit == "birth":
            return s("age.birth"), s("age.ga", n=f"{a.ga_weeks:.0f}")
        if a.unit == "month":
            n = round(a.value)
            return (s("age.month_one") if n == 1 else s("age.month", n=n)), ""
        n = round(a.value) if a.value >= 3 else round(a.value * 2) / 2
        n_text = f"{n:g}".replace(".", s("number.decimal"))
        return (s("age.year_one") if n == 1 else s("age.year", n=n_text)), ""

    def scale(self, start_day: float, end_day: float) -> TimelineScale:
        return TimelineScale(start_day, end_day)

    def tick_times(self) -> tuple[str, ...]:
        return ("8w", "9w", "10w", "12w", "16w", "20w", "28w", "birth", "6m", "1y", "2y", "5y", "10y", "18y", "30y")

    def tick_label(self, text: str, day: float, s: Strings) -> str:
        return s("timeline.birth") if text == "birth" else self.format(day, s)[0]

    def landmarks(self, start_day: float, end_day: float, s: Strings) -> list[tuple[float, str]]:
        return [(BIRTH_DAY, s("timeline.birth"))] if start_day < BIRTH_DAY < end_day else []

    def footnote(self, day: float, s: Strings) -> str:
        return s("caption.weeks_note") if day < BIRTH_DAY + 1 else s("caption.age_note")

    def axis_label(self, s: Strings) -> str:
        return s("compare.clock")

    def default_from(self) -> str:
        return "8w"  # the end of the embryonic period: the cartilage model and the first bone

    def developmental_day(self, day: float) -> float | None:
        return day


class InjuryScale:
    """Maps days after injury to 0..1 and back, logarithmic in (day + OFFSET) so the first days get room."""

    OFFSET = 1.0

    def __init__(self, start_day: float, end_day: float):
        if not start_day >= 0 or not end_day > start_day:
            raise ValueError("an injury timeline needs 0 <= start_day < end_day")
        self.start_day, self.end_day = float(start_day), float(end_day)
        self._a = math.log(self.start_day + self.OFFSET)
        self._b = math.log(self.end_day + self.OFFSET)

    def to_pos(self, day):
        d = np.clip(np.asarray(day, dtype=float), self.start_day, self.end_day)
        pos = (np.log(d + self.OFFSET) - self._a) / (self._b - self._a)
        return float(pos) if pos.ndim == 0 else pos

    def to_day(self, pos):
        p = np.clip(np.asarray(pos, dtype=float), 0.0, 1.0)
        day = np.exp(self._a + p * (self._b - self._a)) - self.OFFSET
        return float(day) if day.ndim == 0 else day


@dataclass(frozen=True)
class InjuryClock(Clock):
    """Days after an injury (a fracture): hours, then days, weeks, months and a year after it."""

    id: str = "injury"

    def parse(self, text: str) -> float:
        s = text.strip().lower()
        if s == "injury":
            return 0.0
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([hdwmy])", s)
        if not m:
            raise TimeParseError(f"time {text!r} is not understood: use e.g. 6h, 3d, 2w, 6m or 1y "
                                 "(after the injury), or 'injury'")
        n, unit = float(m.group(1)), m.group(2)
        return n * {"h": 1 / 24, "d": 1.0, "w": DAYS_PER_WEEK, "m": DAYS_PER_MONTH, "y": DAYS_PER_YEAR}[unit]

    def format(self, day: float, s: Strings) -> tuple[str, str]:
        day = max(float(day), 0.0)
        hours = round(day * 24)
        if hours == 0:
            return s("age.injury.at"), ""
        if hours < 24:
            return (s("age.injury.hour_one") if hours == 1 else s("age.injury.hours", n=hours)), ""
        if day < 14:
            return s("age.injury.day", n=max(1, round(day))), ""
        if day < 12 * DAYS_PER_WEEK:
            return s("age.injury.week", n=round(day / DAYS_PER_WEEK)), ""
        if day < DAYS_PER_YEAR - DAYS_PER_MONTH / 2:
            return s("age.injury.month", n=round(day / DAYS_PER_MONTH)), ""
        n = round(day / DAYS_PER_YEAR * 2) / 2
        return (s("age.injury.year_one") if n == 1 else s("age.injury.year", n=_number(n, s, 1))), ""

    def scale(self, start_day: float, end_day: float) -> InjuryScale:
        return InjuryScale(start_day, end_day)

    def tick_times(self) -> tuple[str, ...]:
        return ("injury", "1d", "3d", "1w", "2w", "4w", "8w", "12w", "6m", "1y")

    def tick_label(self, text: str, day: float, s: Strings) -> str:
        if text == "injury":
            return s("tick.injury.at")
        n, unit = int(text[:-1]), text[-1]
        if unit == "m":
            return s("tick.injury.month", n=n)
        if unit == "y":
            return s("tick.injury.year", n=n)
        return s(f"tick.injury.{ {'d': 'day', 'w': 'week'}[unit]}", n=n)

    def footnote(self, day: float, s: Strings) -> str:
        return s("caption.injury_note")


DEVELOPMENTAL = DevelopmentalClock()
INJURY = InjuryClock()
CLOCKS: dict[str, Clock] = {c.id: c for c in (DEVELOPMENTAL, INJURY)}


def get(clock_id: str) -> Clock:
    """A clock by id; an unknown id is a one-line error naming the choices."""
    try:
        return CLOCKS[clock_id]
    except KeyError:
        raise ValueError(f"unknown clock {clock_id!r}: choose {', '.join(CLOCKS)}") from None
