"""Ctrl+C, SIGTERM and SIGHUP during an export: stop at once, or right after Qt finishes drawing the current frame."""

from __future__ import annotations

import contextlib
import signal

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_requested: list[int] = []
_deferring = [0]  # > 0 while Qt is drawing: an exception there would unwind through C++


class Terminated(KeyboardInterrupt):
    """The user or the system asked us to stop: handled exactly like Ctrl+C (cleaned up, nothing left)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, _frame):
    again = bool(_requested)
    _requested.append(signum)  # kept even when raised: an exception raised inside a C callback (the encoder writing
    # through a Python file object) can be swallowed there, and the next check() must still stop the export
    if not _deferring[0] or again:  # outside Qt's drawing, or asked twice: stop now
        raise Terminated(signum)


def install() -> None:
    """Catch Ctrl+C, SIGTERM and SIGHUP as Terminated. Never raised inside Qt's drawing (see deferred()),
    so the export in progress is unwound normally and its temporary files are removed."""
    _requested.clear()
    for sig in SIGNALS:
        try:
            signal.signal(sig, _on_signal)
        except (ValueError, OSError):  # not the main thread
            pass


def reset() -> None:
    """Forget stop requests once the command they stopped has ended (the next command in this process starts clean)."""
    _requested.clear()


def check() -> None:
    """Raise Terminated if a stop was asked for since install()."""
    if _requested:
        raise Terminated(_requested[0])


@contextlib.contextmanager
def deferred():
    """Hold a stop request while Qt draws (a Python exception inside a paint call can crash Qt); act on it after."""
    _deferring[0] += 1
    try:
        yield
    finally:
        _deferring[0] -= 1
    check()
