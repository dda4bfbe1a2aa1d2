"""Test helper: the same calls made from several threads at once, each in its own order (shared caches under load)."""

from __future__ import annotations

import threading

import numpy as np


def from_threads(items: list, call, threads: int = 4, rounds: int = 1) -> list[tuple[int, object]]:
    """Each of `threads` threads calls call(items[i]) for every i, in its own random order, `rounds` times;
    returns every (i, result). An exception in any thread is raised here."""
    errors, got = [], []

    def worker(seed):
        try:
            order = np.random.default_rng(seed).permutation(len(items))
            for _ in range(rounds):
                for i in order:
                    got.append((int(i), call(items[int(i)])))
        except Exception as e:  # noqa: BLE001 - any failure in a thread fails the test
            errors.append(e)

    running = [threading.Thread(target=worker, args=(s,)) for s in range(threads)]
    for t in running:
        t.start()
    for t in running:
        t.join()
    if errors:
        raise errors[0]
    assert len(got) == threads * rounds * len(items)
    return got
