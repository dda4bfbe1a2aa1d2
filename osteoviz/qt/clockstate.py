"""The clock's state (process, day on its own clock, playing, speed, loop): controls write it, views observe it."""

from __future__ import annotations

from dataclasses import replace

from PySide6 import QtCore

from ..model import registry
from ..model.pacing import PacedScale
from ..model.scene import phase_at

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
SMALL_STEP = 0.005  # arrow keys move 0.5 % of the timeline


class ClockState(QtCore.QObject):
    """Single source of truth for where the animation is."""

    dayChanged = QtCore.Signal(float)
    processChanged = QtCore.Signal(str)
    playingChanged = QtCore.Signal(bool)
    speedChanged = QtCore.Signal(float)
    loopChanged = QtCore.Signal(bool)

    def __init__(self, process: str = "endochondral"):
        super().__init__()
        self._process = process
        self._phases = registry.get(process).phases  # the shown scenario's (set_phases), else the registry's
        self.scale = self._scale_for(process)
        self._day = self.scale.start_day
        self._playing = False
        self._speed = 1.0
        self._loop = False
        self._stop_day: float | None = None  # playback pauses here (a phase stop)

    @staticmethod
    def _scale_for(process: str, phases=None) -> PacedScale:
        """Playback and the timeline share one paced scale whose knots are the phase stops: from the start to
        the first stop and from each stop to the next, PageDown plays the same time (6 s at 1x). `phases`: the
        shown scenario's (Scenario.phases()), by default the registry's."""
        spec = registry.get(process)
        stops = tuple(replace(p, start_day=p.representative_day) for p in (phases or spec.phases))
        return PacedScale(stops, spec.start_day, spec.end_day)

    # properties --------------------------------------------------------------------
    @property
    def process(self) -> str:
        return self._process

    @property
    def day(self) -> float:
        return self._day

    @property
    def pos(self) -> float:
        """The clock's position (0..1) on its paced scale; worked out once per day and scale (asked several times
        a frame while playing)."""
        memo = self.__dict__.get("_pos_memo")
        if memo is None or memo[0] is not self.scale or memo[1] != self._day:
            memo = self._pos_memo = (self.scale, self._day, self.scale.to_pos(self._day))
        return memo[2]

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def phases(self):
        return self._phases

    def phase(self):
        return phase_at(self.phases, self._day)

    def phase_index(self) -> int:
        return self.phases.index(self.phase())

    # writers -------------------------------------------------------------------------
    def set_process(self, process: str) -> None:
        if process == self._process:
            return
        self._process = process
        self._phases = registry.get(process).phases
        self.scale = self._scale_for(process)
        self._day = self.scale.start_day
        self.processChanged.emit(process)
        self.dayChanged.emit(self._day)

    def set_phases(self, phases) -> None:
        """The shown scenario's phases (Scenario.phases(): an adult's repair has later stops); the day stays."""
        phases = tuple(phases)
        if phases == self._phases:
            return
        self._phases = phases
        self.scale = self._scale_for(self._process, phases)
        self.dayChanged.emit(self._day)

    def set_day(self, day: float) -> None:
        day = min(max(float(day), self.scale.start_day), self.scale.end_day)
        if day != self._day:
            self._day = day
            self.dayChanged.emit(day)

    def set_pos(self, pos: float) -> None:
        self.set_day(self.scale.to_day(pos))

    def step(self, direction: int) -> None:
        self.set_pos(self.pos + direction * SMALL_STEP)

    def stops(self) -> list[float]:
        """Phase stops: the day each phase's structure is visibly formed (its representative day)."""
        return [min(max(p.representative_day, self.scale.start_day), self.scale.end_day) for p in self.phases]

    def goto_phase(self, direction: int) -> None:
        """Next (+1) or previous (-1) phase stop; past the last stop the end, before the first the start."""
        self.set_day(self.next_stop_day() if direction > 0 else self.previous_stop_day())

    def home(self) -> None:
        self.set_day(self.scale.start_day)

    def end(self) -> None:
        self.set_day(self.scale.end_day)

    def toggle_playing(self) -> None:
        self.set_playing(not self._playing)

    def set_speed(self, speed: float) -> None:
        speed = min(max(float(speed), SPEEDS[0]), SPEEDS[-1])
        if speed != self._speed:
            self._speed = speed
            self.speedChanged.emit(speed)

    def set_loop(self, on: bool) -> None:
        if bool(on) != self._loop:
            self._loop = bool(on)
            self.loopChanged.emit(self._loop)

    # phase stops (presentation mode) -------------------------------------------------
    def next_stop_day(self) -> float:
        """The next phase stop after now, or the end of the clock."""
        later = [d for d in self.stops() if d > self._day + 1e-6]
        return later[0] if later else self.scale.end_day

    def previous_stop_day(self) -> float:
        """The last phase stop before now, or the start of the clock."""
        earlier = [d for d in self.stops() if d < self._day - 1e-6]
        return earlier[-1] if earlier else self.scale.start_day

    def play_to_next_stop(self) -> None:
        """Play from here and pause at the next phase stop; pressed again while playing there, jump to it."""
        if self._playing and self._stop_day is not None:
            self.set_day(self._stop_day)
            self.set_playing(False)
            return
        if self.pos >= 1.0:
            return
        self._stop_day = self.next_stop_day()
        if not self._playing:
            self._playing = True
            self.playingChanged.emit(True)

    def set_playing(self, on: bool) -> None:
        on = bool(on)
        if not on:
            self._stop_day = None
        if on and self.pos >= 1.0:
            self.home()
        if on != self._playing:
            self._playing = on
            self.playingChanged.emit(on)

    def advance(self, seconds: float) -> None:
        """Move the clock by wall-clock seconds of playback (used by the player)."""
        pos = self.pos + seconds * self._speed / self.scale.seconds_at_1x
        if self._stop_day is not None and pos >= self.scale.to_pos(self._stop_day):
            self.set_day(self._stop_day)
            self.set_playing(False)
            return
        if pos >= 1.0:
            if self._loop:
                pos = 0.0
            else:
                pos = 1.0
                self.set_pos(pos)
                self.set_playing(False)
                return
        self.set_pos(pos)
