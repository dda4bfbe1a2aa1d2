"""Tissue outlines: each label's region of a label map traced into closed, smoothed polygons (pure numpy)."""

from __future__ import annotations

import threading

import numpy as np

# directions of a boundary edge on the pixel-corner lattice (x right, y down): +x, +y, -x, -y; an edge is named
# by the site on its right (its interior) and its direction: the top, right, bottom or left side of that site
_STEP_X = np.array([1.0, 0.0, -1.0, 0.0])  # one edge along each direction
_STEP_Y = np.array([0.0, 1.0, 0.0, -1.0])


def _edges(labels: np.ndarray, only=None):
    """Boundary edges of every label's region (or only of the labels in `only`), interior on the right-hand side
    (screen, y down), direction by direction: tops and bottoms row by row, right and left sides column by column,
    so that a straight run of edges is a run of neighbours here. Returns the label map padded with -1 (the map's
    border counts as a boundary), each edge's site in that map (flat) and how many edges each direction has."""
    height, width = labels.shape
    small = labels.dtype.kind in "ui" and labels.dtype.itemsize == 1  # fits beside the -1 border in 16 bits
    shift = int(height + 1).bit_length()
    pw = width + 2
    m, grid, grid_t = _buffers(labels.shape, small)
    m[1:-1, 1:-1] = labels
    pick = None
    if only is not None:
        wanted = sorted({int(v) for v in only})
        if len(wanted) <= 6:
            pick = np.zeros(labels.shape, bool)
            for v in wanted:
                pick |= labels == v
        else:
            table = np.zeros(int(labels.max()) + 1, bool)
            table[[v for v in wanted if 0 <= v < len(table)]] = True
            pick = np.take(table, labels)
    across = m[1:, 1:-1] != m[:-1, 1:-1]  # between each row and the next: tops [:-1], bottoms [1:]
    m_t = np.ascontiguousarray(m.T)
    along = m_t[1:, 1:-1] != m_t[:-1, 1:-1]  # between each column and the next: right sides [1:], left [:-1]
    pick_t = np.ascontiguousarray(pick.T) if pick is not None else None
    sites = []
    for d, open_ in enumerate((across[:-1], along[1:], across[1:], along[:-1])):
        inner = grid[1:-1, 1:-1] if d % 2 == 0 else grid_t[1:-1, 1:height + 1]
        if pick is None:
            np.copyto(inner, open_)
        else:
            np.logical_and(open_, pick if d % 2 == 0 else pick_t, out=inner)
        if d % 2 == 0:  # tops and bottoms: row by row
            sites.append(np.flatnonzero(grid))
        else:  # sides: column by column
            k = np.flatnonzero(grid_t)
            sites.append((k & ((1 << shift) - 1)) * pw + (k >> shift))
    return m, np.concatenate(sites), np.array([len(v) for v in sites])


_LOCAL = threading.local()  # per thread (the player traces on a worker thread): buffers reused between maps


def _buffers(shape: tuple[int, int], small: bool):
    """The padded map and its grids of open sides (row by row; column by column, a column padded to a power of
    two) for maps of this size, reused: their borders never change, their insides are overwritten each time."""
    cache = _LOCAL.__dict__.setdefault("buffers", {})
    found = cache.get((shape, small))
    if found is None:
        if len(cache) >= 4:
            cache.clear()
        height, width = shape
        found = cache[shape, small] = (np.full((height + 2, width + 2), -1, np.int16 if small else np.int64),
                                       np.zeros((height + 2, width + 2), bool),
                                       np.zeros((width + 2, 1 << int(height + 1).bit_length()), bool))
    return found


def _runs(m: np.ndarray, site: np.ndarray, counts: np.ndarray):
    """The edges joined into straight runs, and for each run the run that continues its loop. Ahead of an
    edge lie two sites, B on its right and A beyond it on its left: the loop turns right (along its own site)
    where B is another label, goes straight on (along B) where A is, and turns left (along A) otherwise; so at
    a corner shared by two diagonal pixels the loop turns towards its own interior, and diagonal neighbours stay
    separate regions. A straight step goes to the edge's neighbour in `_edges`' order (the next one for tops and
    right sides, the one before for bottoms and left sides). Returns per run: its first and last edge in that
    order, its direction, and the next run."""
    n = len(site)
    pw = m.shape[1]
    flat = m.ravel()
    ahead = site + np.repeat(np.array([1, pw, -1, -pw]), counts)  # B: one site forward
    beyond = ahead + np.repeat(np.array([-pw, 1, pw, -1]), counts)  # A: one to the left of that
    own = flat[site]
    right = flat[ahead] != own
    straight = flat[beyond] != own
    straight &= ~right
    forward = int(counts[0] + counts[1])
    link = straight[: n - 1].copy()  # edge i and i + 1 in one run
    link[forward:] = straight[forward + 1:]
    begins = np.empty(n, bool)
    begins[0] = True
    np.logical_not(link, out=begins[1:])
    s = np.flatnonzero(begins)
    e = np.empty_like(s)
    e[:-1] = s[1:] - 1
    e[-1] = n - 1
    d = np.searchsorted(np.cumsum(counts), s, side="right")
    fwd = d < 2
    leave = np.where(fwd, e, s)
    # the next run's first edge, by (direction, site): (d + 1, site) turning right, (d + 3, A) turning left
    size = m.size
    turn_right = right[leave]
    nk = ((d + np.where(turn_right, 1, 3)) % 4) * size + np.where(turn_right, site[leave], beyond[leave])
    table = getattr(_LOCAL, "table", None)
    if table is None or len(table) < 4 * size:
        table = _LOCAL.table = np.empty(4 * size, np.int32)  # only runs' first edges are looked up: no clearing
    table[d * size + site[np.where(fwd, s, e)]] = np.arange(len(s), dtype=np.int32)
    return s, e, d, table[nk].astype(np.intp)


def _order_loops(m: np.ndarray, site: np.ndarray, counts: np.ndarray):
    """Each loop's points (the start corners of its edges, as rows x and y) in loop order, each loop's start
    offset and label: loops by label, then by their first edge (their first top side, row by row), each
    starting there. The runs are put in loop order by pointer jumping (no loop over edges or runs)."""
    n = len(site)
    s, e, d, jump = _runs(m, site, counts)
    nruns = len(s)
    length = e - s + 1
    # per run: (first run in the window of runs starting here) << 32 | edges ahead to that run
    key = np.arange(nruns) << 32
    dist = length.copy()  # edges from a run's start to the start of the run `jump` points at
    while True:
        new = key[jump]
        new += dist
        np.minimum(new, key, out=new)
        if not (new != key).any():  # a window twice as long adds nothing: every window holds its whole loop
            break
        key = new
        dist += dist[jump]
        jump = jump[jump]
    head = key >> 32  # each run's loop, by its first run
    loop_len = np.bincount(head, weights=length, minlength=nruns).astype(np.intp)
    heads = np.flatnonzero(loop_len)
    lab = m.ravel()[site[s[heads]]]
    by_label = np.argsort(lab, kind="stable")  # loops by label, then by first edge
    heads = heads[by_label]
    sizes = loop_len[heads]
    starts = np.cumsum(sizes) - sizes
    first = np.empty(nruns, np.intp)
    first[heads] = starts
    size = loop_len[head]
    at = first[head] + (size - (key & 0xFFFFFFFF)) % size  # where each run begins in the output
    who = np.empty(n, np.intp)
    who[at] = np.arange(nruns)
    taken = np.zeros(n, bool)
    taken[at] = True
    runs = who[taken]  # the runs in output order
    # the points: each loop's first point (the start corner of its first top side), then one step along each edge
    row, col = np.divmod(site[s[heads]], m.shape[1])
    d = d[runs]
    length = length[runs]
    p = np.empty((2, n))
    for axis, start, step in ((0, col - 1.0, _STEP_X[d]), (1, row - 1.0, _STEP_Y[d])):
        steps = np.repeat(step, length)
        inc = p[axis]
        inc[1:] = steps[:-1]
        # at a loop's start: from the last point of the loop before (its start less its last step)
        inc[starts[1:]] = start[1:] - (start[:-1] - steps[starts[1:] - 1])
        inc[0] = start[0]
        np.cumsum(inc, out=inc)
    return p, starts, lab[by_label]


def _ends(starts: np.ndarray, n: int):
    """For points as rows x and y of a (2, n) array, flat indices (x's then y's) of each loop's first and last
    point: a loop's first point follows its last."""
    last = np.empty_like(starts)
    last[:-1] = starts[1:] - 1
    last[-1:] = n - 1
    return np.concatenate((starts, starts + n)), np.concatenate((last, last + n))


def _smooth(p: np.ndarray, first: np.ndarray, last: np.ndarray, passes: int) -> np.ndarray:
    """Midpoints of the unit edges (staircases become diagonals), then `passes` rounds of [1, 2, 1] / 4 averaging,
    each loop closed on itself (points as rows x and y)."""
    q = np.empty_like(p)
    np.add(p[:, :-1], p[:, 1:], out=q[:, :-1])
    pf, qf = p.ravel(), q.ravel()
    qf[last] = pf[last] + pf[first]
    q /= 2.0
    spare = np.empty_like(q)  # two buffers taking turns
    for _ in range(passes):
        r, spare = spare, q
        inner = r[:, 1:-1]
        np.multiply(q[:, 1:-1], 2.0, out=inner)  # 2 q + the one before + the one after: the sum q + 2 q + q had
        inner += q[:, :-2]
        inner += q[:, 2:]
        qf, rf = q.ravel(), r.ravel()
        rf[first] = qf[last] + 2 * qf[first] + qf[first + 1]
        rf[last] = qf[last - 1] + 2 * qf[last] + qf[first]
        r /= 4.0
        q = r
    return q


def _drop_collinear(p: np.ndarray, starts: np.ndarray, first: np.ndarray,
                    last: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loops without points that lie on the straight line between their neighbours (same shape, fewer points)."""
    b = np.empty_like(p)  # from each point to the next
    np.subtract(p[:, 1:], p[:, :-1], out=b[:, :-1])
    pf, bf = p.ravel(), b.ravel()
    bf[last] = pf[first] - pf[last]
    a = np.empty_like(p)  # from the one before
    a[:, 1:] = b[:, :-1]
    a.ravel()[first] = bf[last]
    # kept: a turn (|a x b| > 1e-9) or a step back (a . b <= 0), computed in place
    t, u = np.multiply(a[0], b[1]), np.multiply(a[1], b[0])
    np.subtract(t, u, out=t)
    np.abs(t, out=t)
    keep = t > 1e-9
    np.multiply(a[0], b[0], out=t)
    np.multiply(a[1], b[1], out=u)
    t += u
    keep |= t <= 0
    kept = np.add.reduceat(keep, starts, dtype=np.intp)
    few = kept < 3  # never fewer than three points in a loop
    if few.any():
        keep |= np.repeat(few, np.diff(starts, append=len(keep)))
        kept = np.add.reduceat(keep, starts, dtype=np.intp)
    out = np.zeros(len(kept), np.int64)  # where each loop starts now
    np.cumsum(kept[:-1], out=out[1:])
    return p[0][keep], p[1][keep], out


def _split(sx, sy, starts, loop_lab) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Loops (ordered by label) split into one (x, y, starts) per label."""
    if len(starts) == 0:
        return {}
    bounds = np.flatnonzero(np.r_[True, loop_lab[1:] != loop_lab[:-1], True])
    out = {}
    for a, b in zip(bounds[:-1], bounds[1:]):
        lo, hi = starts[a], (starts[b] if b < len(starts) else len(sx))
        out[int(loop_lab[a])] = (sx[lo:hi], sy[lo:hi], starts[a:b] - lo)
    return out


def outline_loops(labels: np.ndarray, passes: int = 2, only=None, stairs: bool = True):
    """The loops of every label (or of those in `only`) in one go: (x, y, starts, label of each loop), loops
    ordered by label; smoothed, and (with `stairs`, else None) unsmoothed: the pixel edges, straight runs as
    single segments."""
    labels = np.asarray(labels)
    if labels.ndim != 2:
        raise ValueError("label_outlines needs a 2-D label map")
    none = (np.zeros(0), np.zeros(0), np.zeros(0, np.int64), np.zeros(0, np.int64))
    if labels.size == 0:
        return none, (none if stairs else None)
    m, site, counts = _edges(labels, only)
    n = len(site)
    if n == 0:
        return none, (none if stairs else None)
    p, starts, loop_lab = _order_loops(m, site, counts)
    loop_lab = loop_lab.astype(np.int64)
    first, last = _ends(starts, n)
    smooth = (*_drop_collinear(_smooth(p, first, last, passes), starts, first, last), loop_lab)
    return smooth, ((*_drop_collinear(p, starts, first, last), loop_lab) if stairs else None)


def outlines_and_staircases(labels: np.ndarray, passes: int = 2, only=None, stairs: bool = True) -> tuple[dict, dict]:
    """label_outlines and the same loops unsmoothed (the pixel edges, straight runs as single segments), from
    one tracing ({} for the second without `stairs`)."""
    smooth, steps = outline_loops(labels, passes, only, stairs)
    return _split(*smooth), (_split(*steps) if stairs else {})


def label_outlines(labels: np.ndarray, passes: int = 2, only=None) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each label value in the map: (x, y, starts) — the smoothed closed loops around its region in pixel units
    (a pixel (r, c) spans x in [c, c+1], y in [r, r+1]); loop k is x[starts[k]:starts[k+1]]. Outer loops run
    clockwise on screen, holes the other way, so a winding or even-odd fill gives the region. With `only`, just
    those labels (the others are left out of the answer)."""
    return outlines_and_staircases(labels, passes, only, stairs=False)[0]
