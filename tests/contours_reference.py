"""The tissue outline tracer as it was before it was made faster (commit 1a64ec0): the reference the fast one must equal."""

from __future__ import annotations

import numpy as np

# directions of a boundary edge on the pixel-corner lattice (x right, y down): +x, +y, -x, -y
_DX = np.array([1, 0, -1, 0])
_DY = np.array([0, 1, 0, -1])
# where each direction's edge starts, from its pixel's top-left corner
_OX = np.array([0, 1, 1, 0])
_OY = np.array([0, 0, 1, 1])


def _edges(labels: np.ndarray, only=None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Boundary edges of every label's region (or only of the labels in `only`), interior on the right-hand
    side (screen, y down): (x, y, direction, label), sorted by label. The map's border counts as a boundary."""
    height, width = labels.shape
    small = labels.dtype.kind in "ui" and labels.dtype.itemsize == 1  # fits beside the -1 border in 16 bits
    m = np.pad(labels.astype(np.int16 if small else np.int64), 1, constant_values=-1)
    inner = m[1:-1, 1:-1]
    # top side open: edge (c, r) -> (c+1, r); right: (c+1, r) -> (c+1, r+1); bottom: (c+1, r+1) -> (c, r+1); left: (c, r+1) -> (c, r)
    open_ = np.empty((4, height, width), bool)
    for d, nb in enumerate((m[:-2, 1:-1], m[1:-1, 2:], m[2:, 1:-1], m[1:-1, :-2])):
        np.not_equal(inner, nb, out=open_[d])
    if only is not None:
        pick = np.zeros(int(labels.max()) + 1, bool)
        pick[[v for v in only if 0 <= v < len(pick)]] = True
        open_ &= pick[labels][None]
    k = np.flatnonzero(open_)  # direction by direction, each in row-major order
    d, site = np.divmod(k, height * width)
    r, c = np.divmod(site, width)
    lab = inner.ravel()[site] if small else labels.ravel()[site].astype(np.int64)
    order = np.argsort(lab, kind="stable")  # a radix sort on small label types
    d = d[order]
    return c[order] + _OX[d], r[order] + _OY[d], d, lab[order].astype(np.int64)


def _successors(x, y, d, lab, width: int, height: int) -> np.ndarray:
    """For each edge the edge of the same label that continues its loop; at a corner shared by two diagonal
    pixels the loop turns towards its own interior, so diagonal neighbours stay separate regions.
    An edge's start corner and direction fix the pixel on its right, so they index a dense table of edges."""
    n = len(x)
    table = np.full((width + 1) * (height + 1) * 4, -1, np.int32 if n < 2**31 else np.int64)
    table[(y * (width + 1) + x) * 4 + d] = np.arange(n)
    end4 = ((y + _DY[d]) * (width + 1) + (x + _DX[d])) * 4
    nxt = np.full(n, -1, np.int64)
    for turn in (1, 0, 3):
        open_ = np.flatnonzero(nxt < 0)
        cand = table[end4[open_] + (d[open_] + turn) % 4].astype(np.int64)
        hit = cand >= 0
        hit[hit] = lab[cand[hit]] == lab[open_[hit]]
        nxt[open_[hit]] = cand[hit]
    return nxt


def _order_loops(nxt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges in loop order and each loop's start offset, by pointer jumping (no loop over edges): loops ordered
    by their smallest edge id, each starting at that edge."""
    n = len(nxt)
    ids = np.arange(n)
    loop = ids.copy()  # smallest edge id in the window of `span` edges starting at each edge
    ahead = np.zeros(n, np.int64)  # how many steps ahead of the edge that smallest one lies (its first time)
    jump = nxt.copy()
    span = 1
    while True:
        right = loop[jump]
        later = right < loop
        if not later.any():  # a window twice as long adds nothing: every window holds its whole loop
            break
        loop = np.where(later, right, loop)
        ahead = np.where(later, ahead[jump] + span, ahead)
        jump = jump[jump]
        span *= 2
    length = np.bincount(loop, minlength=n)  # edges per loop, at the loop's smallest id
    rank = (length[loop] - ahead) % length[loop]  # steps from the loop's first edge
    first = np.cumsum(length) - length  # where each loop begins in the output (loops by smallest id)
    order = np.empty(n, np.int64)
    order[first[loop] + rank] = ids
    starts = first[length > 0]
    return order, starts


def _smooth(px: np.ndarray, py: np.ndarray, starts: np.ndarray, passes: int) -> tuple[np.ndarray, np.ndarray]:
    """Midpoints of the unit edges (staircases become diagonals), then `passes` rounds of [1, 2, 1] / 4 averaging,
    each loop closed on itself."""
    n = len(px)
    ends = np.r_[starts[1:], n]
    loop_of = np.repeat(np.arange(len(starts)), ends - starts)
    i = np.arange(n)
    nxt = np.where(i + 1 == ends[loop_of], starts[loop_of], i + 1)
    prv = np.where(i == starts[loop_of], ends[loop_of] - 1, i - 1)
    x, y = (px + px[nxt]) / 2.0, (py + py[nxt]) / 2.0
    for _ in range(passes):
        x, y = (x[prv] + 2 * x + x[nxt]) / 4.0, (y[prv] + 2 * y + y[nxt]) / 4.0
    return x, y


def _drop_collinear(x: np.ndarray, y: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loops without points that lie on the straight line between their neighbours (same shape, fewer points)."""
    n = len(x)
    ends = np.r_[starts[1:], n]
    loop_of = np.repeat(np.arange(len(starts)), ends - starts)
    i = np.arange(n)
    nxt = np.where(i + 1 == ends[loop_of], starts[loop_of], i + 1)
    prv = np.where(i == starts[loop_of], ends[loop_of] - 1, i - 1)
    ax, ay, bx, by = x - x[prv], y - y[prv], x[nxt] - x, y[nxt] - y
    keep = (np.abs(ax * by - ay * bx) > 1e-9) | (ax * bx + ay * by <= 0)
    kept = np.add.reduceat(keep.astype(np.int64), starts) if n else np.zeros(0, np.int64)
    keep |= (kept < 3)[loop_of]  # never fewer than three points in a loop
    kept = np.add.reduceat(keep.astype(np.int64), starts) if n else kept
    return x[keep], y[keep], np.r_[0, np.cumsum(kept)[:-1]].astype(np.int64)


def _split(sx, sy, starts, loop_lab) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Loops (ordered by label) split into one (x, y, starts) per label."""
    bounds = np.flatnonzero(np.r_[True, loop_lab[1:] != loop_lab[:-1], True])
    out = {}
    for a, b in zip(bounds[:-1], bounds[1:]):
        lo, hi = starts[a], (starts[b] if b < len(starts) else len(sx))
        out[int(loop_lab[a])] = (sx[lo:hi], sy[lo:hi], starts[a:b] - lo)
    return out


def outlines_and_staircases(labels: np.ndarray, passes: int = 2, only=None, stairs: bool = True) -> tuple[dict, dict]:
    """label_outlines and the same loops unsmoothed (the pixel edges, straight runs as single segments), from
    one tracing ({} for the second without `stairs`)."""
    labels = np.asarray(labels)
    if labels.ndim != 2:
        raise ValueError("label_outlines needs a 2-D label map")
    height, width = labels.shape
    if labels.size == 0:
        return {}, {}
    x, y, d, lab = _edges(labels, only)
    if len(x) == 0:
        return {}, {}
    nxt = _successors(x, y, d, lab, width, height)
    order, starts = _order_loops(nxt)
    loop_lab = lab[order][starts]  # loops of one label are contiguous (edges were sorted by label)
    ox, oy = x[order].astype(np.float64), y[order].astype(np.float64)
    sx, sy = _smooth(ox, oy, starts, passes)
    smooth = _split(*_drop_collinear(sx, sy, starts), loop_lab)
    return smooth, (_split(*_drop_collinear(ox, oy, starts), loop_lab) if stairs else {})


def label_outlines(labels: np.ndarray, passes: int = 2, only=None) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each label value in the map: (x, y, starts) — the smoothed closed loops around its region in pixel units
    (a pixel (r, c) spans x in [c, c+1], y in [r, r+1]); loop k is x[starts[k]:starts[k+1]]. Outer loops run
    clockwise on screen, holes the other way, so a winding or even-odd fill gives the region. With `only`, just
    those labels (the others are left out of the answer)."""
    return outlines_and_staircases(labels, passes, only, stairs=False)[0]
