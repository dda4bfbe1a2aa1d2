"""Playback that follows the wall clock and drops frames rather than queueing them (as napari's play loop)."""

from __future__ import annotations

import time

from PySide6 import QtCore

from .clockstate import ClockState


# 25 ticks a second (PAL video's rate): at 1x the simulation's history holds about 12 states a second
# (720 steps in a 60 s play-through, at most about 29 in its densest phase), so faster ticks mostly redraw
# sub-pixel changes at a cost in CPU that a lecturer's laptop feels
TICK_MS = 40


class Player(QtCore.QObject):
    """Ticks 25 times a second; each tick moves the clock by the real time since the last one.

    A slow frame simply means fewer, larger steps: the clock never lags behind real time and
    no backlog of frames builds up (QTimer does not queue missed timeouts).
    """

    def __init__(self, clock: ClockState, interval_ms: int = TICK_MS):
        super().__init__()
        self.clock = clock
        self.timer = QtCore.QTimer(self)
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._last = 0.0
        self.ticks = 0
        clock.playingChanged.connect(self._on_playing)

    def _on_playing(self, on: bool) -> None:
        if on:
            self._last = time.monotonic()
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last = now - self._last, now
        self.ticks += 1
        self.clock.advance(min(elapsed, 0.5))
