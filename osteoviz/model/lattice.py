"""Vectorised neighbourhood operations on 2-D site grids (numpy only), used by the local rules."""

from __future__ import annotations

import numpy as np

# 8-neighbourhood offsets (dy, dx)
NEIGHBOURS_8 = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
NEIGHBOURS_4 = ((-1, 0), (1, 0), (0, -1), (0, 1))


def shifted(a: np.ndarray, dy: int, dx: int, fill=0) -> np.ndarray:
    """Return b with b[y, x] = a[y + dy, x + dx], `fill` outside the grid."""
    out = np.full_like(a, fill)
    h, w = a.shape
    ys, yd = (slice(dy, h), slice(0, h - dy)) if dy >= 0 else (slice(0, h + dy), slice(-dy, h))
    xs, xd = (slice(dx, w), slice(0, w - dx)) if dx >= 0 else (slice(0, w + dx), slice(-dx, w))
    out[yd, xd] = a[ys, xs]
    return out


def roll_rows(a: np.ndarray, k: int) -> np.ndarray:
    """np.roll(a, k, axis=0) for k = +-1 (rows wrap round), by two slice copies."""
    out = np.empty_like(a)
    if k == 1:
        out[1:], out[:1] = a[:-1], a[-1:]
    elif k == -1:
        out[:-1], out[-1:] = a[1:], a[:1]
    else:
        return np.roll(a, k, axis=0)
    return out


def count_neighbours(mask: np.ndarray, offsets=NEIGHBOURS_8) -> np.ndarray:
    """Number of neighbours (of the given offsets) where mask is True."""
    m = mask.astype(np.uint8)
    total = np.zeros(mask.shape, dtype=np.uint8)
    for dy, dx in offsets:
        total += shifted(m, dy, dx)
    return total


def any_neighbour(mask: np.ndarray, offsets=NEIGHBOURS_8) -> np.ndarray:
    """True where at least one neighbour is True."""
    if offsets == NEIGHBOURS_8 and mask.ndim == 2 and mask.dtype == bool:
        # separably: left/right neighbours first, then the rows above and below (self or side): 4 ORs, not 8
        out = np.zeros(mask.shape, dtype=bool)
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
        rows = out | mask
        out[1:] |= rows[:-1]
        out[:-1] |= rows[1:]
        return out
    out = np.zeros(mask.shape, dtype=bool)
    h, w = mask.shape
    for dy, dx in offsets:  # OR each shifted view in place (no temporary grid per offset)
        ys, yd = (slice(dy, h), slice(0, h - dy)) if dy >= 0 else (slice(0, h + dy), slice(-dy, h))
        xs, xd = (slice(dx, w), slice(0, w - dx)) if dx >= 0 else (slice(0, w + dx), slice(-dx, w))
        out[yd, xd] |= mask[ys, xs]
    return out


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """Binary dilation with a square of the given radius."""
    if radius > 1 and mask.ndim == 2 and mask.dtype == bool:  # separably: along rows, then along columns
        return _window_any(_window_any(mask, radius, 1), radius, 0)
    out = mask.copy()
    for _ in range(max(0, radius)):
        out = out | any_neighbour(out)
    return out


def _window_any(mask: np.ndarray, radius: int, axis: int) -> np.ndarray:
    """True where any site within `radius` along `axis` (0 or 1) is True (outside the grid counts as False)."""
    h, w = mask.shape
    pad = (2 * radius, 0) if axis == 0 else (0, 2 * radius)
    acc = np.zeros((h + pad[0], w + pad[1]), bool)
    if axis == 0:
        acc[radius:radius + h] = mask
    else:
        acc[:, radius:radius + w] = mask
    width, span = 2 * radius + 1, 1
    while span < width:  # acc[i] becomes the OR of the `span` padded sites from i on; the window doubles
        step = min(span, width - span)
        if axis == 0:
            acc[:-step] |= acc[step:]  # overlapping views: numpy reads before it writes
        else:
            acc[:, :-step] |= acc[:, step:]
        span += step
    return acc[:h, :w]


def diffuse(field: np.ndarray, source: np.ndarray, iterations: int = 6, decay: float = 0.15) -> np.ndarray:
    """A few Jacobi steps of diffusion with decay: a short-range signal around its sources."""
    f = field.astype(np.float32, copy=True)
    src = source.astype(np.float32)
    for _ in range(iterations):
        avg = (shifted(f, 1, 0) + shifted(f, -1, 0) + shifted(f, 0, 1) + shifted(f, 0, -1)) * 0.25
        f = np.maximum(src, (1.0 - decay) * avg)
    return f


def distance_to(mask: np.ndarray, within: np.ndarray | None = None, rows_per_chunk: int = 32) -> np.ndarray:
    """Exact Euclidean distance (in sites) from every site to the nearest True site of `mask`.

    Separable, as in Meijster et al. (2000): first the distance to the nearest target in the same column,
    then for each site the minimum over columns of dx² + that column distance², all vectorised.
    Sites outside `within` (when given) get 0.
    """
    h, w = mask.shape
    if not mask.any():
        return np.full(mask.shape, np.inf, dtype=np.float32)
    far = h + w + 1
    rows = np.arange(h)[:, None]
    above = np.maximum.accumulate(np.where(mask, rows, -far), axis=0)  # nearest target row at or above
    below = np.minimum.accumulate(np.where(mask, rows, 2 * far)[::-1], axis=0)[::-1]  # at or below
    column2 = np.minimum(rows - above, below - rows).astype(np.float64) ** 2
    dx2 = (np.arange(w)[:, None] - np.arange(w)[None, :]).astype(np.float64) ** 2
    out = np.empty((h, w), np.float32)
    for y0 in range(0, h, rows_per_chunk):
        block = column2[y0:y0 + rows_per_chunk]
        out[y0:y0 + rows_per_chunk] = np.sqrt((block[:, None, :] + dx2[None, :, :]).min(axis=2))
    out[mask] = 0.0
    if within is not None:
        out[~within] = 0.0
    return out


def chance(rng: np.random.Generator, rate_per_day, dt: float, shape) -> np.ndarray:
    """Bernoulli draws for events with the given rate per day over dt days."""
    p = 1.0 - np.exp(-np.maximum(np.asarray(rate_per_day, dtype=np.float32), 0.0) * dt)
    return rng.random(shape, dtype=np.float32) < p


def any_of(grid: np.ndarray, codes) -> np.ndarray:
    """np.isin(grid, codes) for a few integer codes, by comparisons (far less overhead per call on the frame path)."""
    codes = [int(c) for c in codes]
    out = grid == codes[0]
    for c in codes[1:]:
        out |= grid == c
    return out
