"""The underlay's padding (its edge sites copied one site out) is np.pad's edge mode, site for site, so the
underlay image leaves out the same sites beside the background as before."""

import numpy as np

from osteoviz.qt.outlines import Underlay, _pad_edge


def test_pad_edge_is_numpys_edge_mode():
    rng = np.random.default_rng(4)
    for shape in ((1, 1), (1, 5), (4, 1), (2, 2), (72, 128), (31, 17)):
        mask = rng.random(shape) < 0.4
        assert np.array_equal(_pad_edge(mask), np.pad(mask, 1, mode="edge")), shape


def test_underlay_leaves_out_the_sites_beside_the_background(qapp):
    rng = np.random.default_rng(5)
    labels = rng.integers(0, 4, (40, 60)).astype(np.uint8)
    lut = np.full((8, 4), 255, np.uint8)
    under = Underlay(labels, lut, 0, 0)
    out = np.pad(labels == 0, 1, mode="edge")
    near = np.zeros(labels.shape, bool)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            near |= out[dy:dy + 40, dx:dx + 60]
    assert np.array_equal(under.labels, np.where(near, 0, labels))
