"""The frame path's clip gives np.clip's values and dtype, for index arrays and for finite floats."""

import numpy as np

from osteoviz.model.clipping import clip


def test_clip_is_numpys_clip():
    rng = np.random.default_rng(2)
    ints = rng.integers(-50, 300, 1000)
    floats = rng.normal(0.0, 3.0, (40, 25))
    small = rng.normal(0.0, 3.0, 64).astype(np.float32)
    for a, lo, hi in ((ints, 0, 127), (ints + 0, 0, None), (floats, 0.0, 1.0), (floats, 0.45, 1.0),
                      (floats, 0, None), (small, -1.0, 1.0), (np.zeros(0, int), 0, 5)):
        got, want = clip(a, lo, hi), np.clip(a, lo, hi)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes()
