"""A stop request is never lost: even when the exception it raised was swallowed by a C callback (the encoder writing
through a Python file object), the next check stops the export before anything is published."""

import signal

import pytest

from osteoviz import cancel


def test_a_swallowed_stop_is_raised_again_at_the_next_check():
    old = {s: signal.getsignal(s) for s in cancel.SIGNALS}
    try:
        cancel.install()
        try:
            cancel._on_signal(signal.SIGTERM, None)  # what the handler does when SIGTERM lands mid-write
        except cancel.Terminated:
            pass  # ... and what a C callback that calls our write() does with the exception: drop it
        with pytest.raises(cancel.Terminated) as got:
            cancel.check()
        assert got.value.signum == signal.SIGTERM
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        cancel._requested.clear()


def test_a_stop_while_qt_draws_waits_for_the_drawing_to_end():
    cancel._requested.clear()
    try:
        with pytest.raises(cancel.Terminated):
            with cancel.deferred():
                cancel._on_signal(signal.SIGHUP, None)  # held: not raised inside the drawing
                held = list(cancel._requested)
        assert held == [signal.SIGHUP]
    finally:
        cancel._requested.clear()
