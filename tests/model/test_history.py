"""Compact history: random access equals what was recorded, in any order."""

import numpy as np

from osteoviz.model.history import HistoryRecorder


def test_random_access_matches_recording():
    rng = np.random.default_rng(3)
    rec = HistoryRecorder(("a", "b"), keyframe_every=5)
    grid_a = np.zeros((7, 9), np.uint8)
    grid_b = np.zeros((7, 9), np.uint8)
    truth = []
    for step in range(23):
        idx = rng.integers(0, 63, 6)
        grid_a.ravel()[idx] = rng.integers(0, 20, 6)
        grid_b.ravel()[idx[:2]] = step
        rec.record(step * 1.5, {"a": grid_a, "b": grid_b})
        truth.append((grid_a.copy(), grid_b.copy()))
    hist = rec.finish()
    for step in rng.permutation(23):
        g = hist.grids(int(step))
        assert np.array_equal(g["a"], truth[step][0])
        assert np.array_equal(g["b"], truth[step][1])
    assert hist.step_at(3.0) == 2 and hist.step_at(3.1) == 2 and hist.step_at(-5) == 0 and hist.step_at(1e9) == 22
    # smaller than storing every grid
    assert hist.nbytes() < 23 * 2 * 63
