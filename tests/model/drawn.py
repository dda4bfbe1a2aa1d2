"""Test helpers: a mask's outline as the renderer draws it (smoothed loops), and points inside it."""

import numpy as np

from osteoviz.contours import label_outlines


def loops(mask):
    """The outline the renderer fills for a mask: closed (x, y) loops in sites."""
    got = label_outlines(mask.astype(np.uint8), only=[1]).get(1)
    if got is None:
        return []
    x, y, starts = got
    ends = list(starts[1:]) + [len(x)]
    return [(x[a:b], y[a:b]) for a, b in zip(starts, ends)]


def inside_drawn(px, py, outline):
    """Even-odd point-in-polygon of points (px, py) against closed loops."""
    inside = np.zeros(len(px), bool)
    for x, y in outline:
        x2, y2 = np.roll(x, -1), np.roll(y, -1)
        cross = ((y[None] > py[:, None]) != (y2[None] > py[:, None])) & \
            (px[:, None] < (x2 - x)[None] * (py[:, None] - y[None]) / np.where(y2 == y, 1e-12, y2 - y)[None] + x[None])
        inside ^= (cross.sum(axis=1) % 2).astype(bool)
    return inside
