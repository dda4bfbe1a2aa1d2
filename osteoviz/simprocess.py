"""The simulation's own process: loads or simulates one model's history and sends progress and the result back.

Run as `python -m osteoviz.simprocess`: reads one pickled (model type, parameters) from stdin and writes
length-prefixed pickled messages to stdout: ("model", the model as built), ("p", fraction) every 1 % of the steps, then
("done", arrays) or ("err", text).
"""

from __future__ import annotations

import pickle
import struct
import sys

HEADER = struct.Struct("<Q")
NICENESS = 5  # the simulation yields the CPU to the window that waits for it (its event loop must never stall)


def lower_priority() -> None:
    """Run this process below the window's priority, where the system allows it (POSIX nice)."""
    import os

    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:
            pass


def write_message(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def read_message(stream):
    """The next message, or None at the end of the stream."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (n,) = HEADER.unpack(head)
    data = stream.read(n)
    if len(data) < n:
        return None
    return pickle.loads(data)


def main() -> int:
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the channel
    lower_priority()
    try:
        from .simcache import load_history

        model_type, params = pickle.load(sys.stdin.buffer)
        model = model_type(params)
        # the model is built here, not in the window's process (building a femur is a few hundred ms of Python that
        # would contend with the window's event loop for the interpreter); the window gets this copy, as built
        try:
            write_message(channel, ("model", model))
        except (pickle.PicklingError, TypeError, AttributeError):  # not picklable: the window builds its own
            pass
        last = [-1.0]

        def progress(fraction: float) -> bool:
            if fraction - last[0] >= 0.01 or fraction >= 1.0:  # a hundred messages are enough for a progress bar
                last[0] = fraction
                write_message(channel, ("p", float(fraction)))
            return True

        history = load_history(model, progress)
        write_message(channel, ("done", history.arrays))
    except BrokenPipeError:  # the window cancelled: nobody is listening
        return 1
    except Exception as exc:  # told to the window as one line
        write_message(channel, ("err", str(exc) or type(exc).__name__))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
