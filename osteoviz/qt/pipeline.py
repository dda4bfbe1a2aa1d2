"""While playing, the next frame's state and traced outlines are made on a worker thread; the GUI thread only paints."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6 import QtCore


class FramePipeline(QtCore.QObject):
    """At most one frame in the making, never a queue (as napari's play loop: frames drop).

    `request(pos, context, job)` starts `job()` (the model state at the clock's time, its outlines traced) on the
    worker unless one is already running; `take(pos, context)` hands back the finished frame, or None when none is
    ready or the one that is is stale: made for another scenario, labels or heat map (`context`), or for a time the
    clock has since left (sought backwards, or more than `max_lag` of the clock ahead). `ready` fires on the GUI
    thread when a job finishes. numpy releases the GIL, so the worker runs beside the GUI thread's painting."""

    ready = QtCore.Signal()

    def __init__(self, max_lag: float = 0.01, parent=None):
        super().__init__(parent)
        self.max_lag = max_lag  # in clock positions (0..1 of the whole play-through): 0.6 s at 1x of a 60 s one
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="osteoviz-frame")
        self._lock = threading.Lock()
        self._busy = False
        self._done: tuple | None = None  # (pos, context, frame) of the last finished job
        self._asked = None  # (pos, context) of the last job started
        self.made = 0  # frames the worker made
        self.dropped = 0  # finished frames never painted (stale)
        self.failed: BaseException | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, pos: float, context, job) -> bool:
        """Start making the frame at clock position `pos` unless a frame is already in the making or the last
        one was made for the same position and context (the clock moves only at the player's ticks)."""
        with self._lock:
            if self._busy or self._asked == (pos, context):
                return False
            self._busy = True
            self._asked = (pos, context)
        self._pool.submit(self._run, pos, context, job)
        return True

    def _run(self, pos, context, job) -> None:
        try:
            frame = job()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which falls back to drawing in step
            frame, self.failed = None, exc
        with self._lock:
            if self._done is not None:
                self.dropped += 1
            self._done = (pos, context, frame) if frame is not None else None
            self._busy = False
            self.made += 1
        try:
            self.ready.emit()  # queued to the GUI thread (this object lives there)
        except RuntimeError:  # the window closed meanwhile
            pass

    def take(self, pos: float, context):
        """The finished frame if it is still wanted at clock position `pos` in `context`, else None (dropped)."""
        with self._lock:
            done, self._done = self._done, None
        if done is None:
            return None
        made_pos, made_context, frame = done
        if made_context != context or pos < made_pos - 1e-9 or pos - made_pos > self.max_lag:
            self.dropped += 1
            return None
        return frame

    def clear(self) -> None:
        """Forget a finished frame (the picture was drawn in step, or playing stopped)."""
        with self._lock:
            if self._done is not None:
                self.dropped += 1
            self._done = None
            self._asked = None

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until the worker is free (tests, shutdown)."""
        import time

        end = time.monotonic() + timeout
        while self._busy and time.monotonic() < end:
            time.sleep(0.001)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
