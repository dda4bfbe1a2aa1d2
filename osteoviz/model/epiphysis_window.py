"""The secondary-centre close-up: the organ crop drawn finer, with smooth tissue edges and a primary spongiosa.

The organ grid is coarse (a site is about 0.35 mm at 6 months), so a crop of it shows every tissue edge as a
staircase. Here the crop is resampled ZOOM times finer: each tissue's indicator is blown up and blurred (worked
out as small banded weights over each organ site's 5 x 5 neighbours, only where tissues meet), and
every fine site takes the tissue that dominates it (no tissue is invented; where that would let two tissues
touch that never touch in the crop, e.g. the centre's bone and resting cartilage, the site keeps its own crop
tissue, so the centre -> calcified -> hypertrophic -> resting order holds). The metaphysis next to the plate is
redrawn as primary spongiosa: mixed spicules along the axis (calcified-cartilage core, bone on both faces)
that continue the plate's calcified septa, thin and end towards the cavity, with capillaries between,
as in the growth-plate close-ups. Cells keep their crop positions (scaled); osteoblasts sit on bone surfaces.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from .clipping import clip as _clip
from .kinds import Cell as C, Tissue as T
from .lattice import any_of
from .nearest_site import mean_index, nearest_site

ZOOM = 8  # fine sites per organ site, each way
BLUR = 0.5  # blur of each tissue's indicator (about its sigma), in organ sites: rounds the steps, keeps one-site layers
BONY = (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR)
SOFT = (T.MARROW, T.YELLOW_MARROW, T.VESSEL)
META = (T.BONE, T.MARROW, T.VESSEL, T.CALCIFIED)  # what the primary spongiosa redraws on the shaft side
# glyph sizes in fine sites (the organ-scale glyphs times ZOOM; bone cells a little smaller than a whole site was)
CELL_SIZES = {C.CHONDROCYTE: 4.4, C.PROLIFERATIVE: 8.4, C.HYPERTROPHIC: 8.0, C.OSTEOBLAST: 3.6, C.OSTEOCYTE: 5.0,
              C.OSTEOCLAST: 11.0, C.ENDOTHELIAL: 5.0, C.HAEMATOPOIETIC: 3.0, C.FIBROBLAST: 7.0,
              C.OSTEOPROGENITOR: 4.0, C.MESENCHYMAL: 5.0}
PITCH_UM = 560.0  # spicule to spicule across the metaphysis (schematic: about 2-3 calcified septa apart)
SPACING = 12  # osteoblasts: one every SPACING fine sites along a spicule face


def nearest(labels: np.ndarray, zoom: int = ZOOM) -> np.ndarray:
    """Each site repeated zoom x zoom times."""
    return np.repeat(np.repeat(labels, zoom, axis=0), zoom, axis=1)


def _pairs(labels: np.ndarray) -> np.ndarray:
    """(n, n) table: which tissues touch (4-neighbours) somewhere in the map (and each itself)."""
    n = int(labels.max()) + 1
    ok = np.eye(n, dtype=bool)
    for a, b in ((labels[:, :-1], labels[:, 1:]), (labels[:-1, :], labels[1:, :])):
        ok[a.ravel(), b.ravel()] = True
        ok[b.ravel(), a.ravel()] = True
    return ok


_SMOOTHED: OrderedDict = OrderedDict()  # recent crops -> their fine maps (the organ changes once per simulation step)
_LOCK = threading.Lock()  # the caches here are used by the play worker and the GUI thread at once


def smooth_zoom(labels: np.ndarray, zoom: int = ZOOM, sigma: float = BLUR) -> np.ndarray:
    """A label map zoom times finer with smooth boundaries: each label's indicator blown up and blurred (by `sigma`
    organ sites), the largest wins; where two labels would meet that never meet in `labels`, the plain
    blown-up label stays. (A read-only array, remembered for the last few maps.)"""
    labels = np.asarray(labels)
    key = (labels.tobytes(), labels.shape, labels.dtype.str, zoom, sigma)
    with _LOCK:
        out = _SMOOTHED.get(key)
        if out is not None:
            _SMOOTHED.move_to_end(key)
            return out
    out = _smooth_zoom(labels, zoom, sigma)
    out.flags.writeable = False
    with _LOCK:
        _SMOOTHED[key] = out
        while len(_SMOOTHED) > 8:
            _SMOOTHED.popitem(last=False)
    return out


_KERNELS: dict = {}  # (coarse sites, zoom, width) -> banded blur weights (few: one per crop size)


def _kernel(n: int, zoom: int, width: int) -> np.ndarray:
    """(n, zoom, 5) weights: fine site zoom*i+p of a nearest-blown-up line of n organ sites, blurred by three
    running means of `width` fine sites (each with the line's ends extended, about a Gaussian of sigma width / 2),
    as a sum over organ sites i-2..i+2 (outside the line: weight 0). The blur is linear and separable, so a
    tissue's blurred indicator at a fine site is ky[i] @ patch @ kx[j].T over its organ site's 5 x 5 patch."""
    key = (n, zoom, width)
    with _LOCK:
        k = _KERNELS.get(key)
    if k is not None:
        return k
    m, r = n * zoom, width // 2
    ky = np.repeat(np.eye(n), zoom, axis=0)  # nearest: (fine, organ)
    idx = np.arange(m)
    for _ in range(3):  # the same running means as _box, as a matrix (float64)
        ky = sum(ky[np.clip(idx + d, 0, m - 1)] for d in range(-r, r + 1)) / width
    reach = 2
    if 3 * r > reach * zoom:
        raise ValueError("blur wider than two organ sites")
    pad = np.pad(ky, ((0, 0), (reach, reach)))
    rows = idx.reshape(n, zoom)
    k = np.stack([pad[rows[i]][:, i:i + 2 * reach + 1] for i in range(n)])
    with _LOCK:
        _KERNELS[key] = k
        while len(_KERNELS) > 16:
            _KERNELS.pop(next(iter(_KERNELS)))
    return k


def _smooth_zoom(labels: np.ndarray, zoom: int, sigma: float) -> np.ndarray:
    h, w = labels.shape
    width = 2 * int(round(sigma * zoom)) + 1
    ky, kx = _kernel(h, zoom, width), _kernel(w, zoom, width)
    # only organ sites with another tissue within two sites can change: per such site, its 5 x 5 patch's tissues
    # (sorted: ties go to the lower code, as a strict > over the sorted tissues did) compete on its zoom x zoom
    lab = labels.astype(np.int32)
    pad = np.pad(lab, 2, mode="edge")  # edge copies carry weight 0 (their tissues are in the patch anyway)
    patches = np.lib.stride_tricks.sliding_window_view(pad, (5, 5))  # (h, w, 5, 5)
    mixed = (patches != lab[:, :, None, None]).any(axis=(2, 3))
    last_key = (labels.shape, labels.dtype.str, zoom, width)
    with _LOCK:
        last = _LAST.get(last_key)
    if last is not None:  # the previous crop of this size (the organ changes a few sites a step): a site's block
        changed = np.pad(last[0] != labels, 2)  # depends only on its 5 x 5 patch, so only those near a change differ
        near = np.lib.stride_tricks.sliding_window_view(changed, (5, 5)).any(axis=(2, 3))
        out = last[1].copy()
        blocks = out.reshape(h, zoom, w, zoom).transpose(0, 2, 1, 3)
        blocks[near] = labels[near][:, None, None]
        iy, ix = np.nonzero(mixed & near)
    else:
        out = nearest(labels, zoom)
        iy, ix = np.nonzero(mixed)
    if iy.size:
        p = patches[iy, ix].reshape(iy.size, 25)
        s = np.sort(p, axis=1)
        first = np.ones(s.shape, bool)
        first[:, 1:] = s[:, 1:] != s[:, :-1]
        slot = np.cumsum(first, axis=1) - 1
        cand = np.full((iy.size, int(slot[:, -1].max()) + 1), -1, np.int32)  # -1: no tissue (weight 0, never wins)
        rr = np.broadcast_to(np.arange(iy.size)[:, None], s.shape)
        cand[rr[first], slot[first]] = s[first]
        ind = (patches[iy, ix][:, None] == cand[:, :, None, None]).astype(np.float64)  # (m, K, 5, 5)
        v = ky[iy][:, None] @ (ind @ kx[ix].transpose(0, 2, 1)[:, None])  # (m, K, zoom, zoom)
        best, pick = v[:, 0].copy(), np.zeros(v[:, 0].shape, np.intp)
        for k in range(1, cand.shape[1]):  # a strict > over the slots: the first (lowest code) keeps a tie
            more = v[:, k] > best
            best[more] = v[:, k][more]
            pick[more] = k
        win = np.take_along_axis(cand, pick.reshape(iy.size, -1), axis=1)
        out.reshape(h, zoom, w, zoom).transpose(0, 2, 1, 3)[iy, ix] = win.reshape(-1, zoom, zoom).astype(out.dtype)
    with _LOCK:
        _LAST[last_key] = (labels.copy(), out.copy())  # before the give-back, which looks at the whole map
        while len(_LAST) > 4:
            _LAST.pop(next(iter(_LAST)))
    _give_back(out, labels, zoom)
    return out


_LAST: dict = {}  # (crop shape, dtype, zoom, blur) -> the last such crop and its fine map before the give-back


def _give_back(out: np.ndarray, labels: np.ndarray, zoom: int) -> None:
    """Where the smoothing made two tissues touch that never touch in `labels`, the blown-up tissue comes back
    (in place; repeated, as a give-back can make a new contact). Only sites that differ from it can change."""
    ok = _pairs(labels)
    plain = nearest(labels, zoom)
    hh, ww = out.shape
    flat, pflat = out.reshape(-1), plain.reshape(-1)
    idx = np.flatnonzero(flat != pflat)
    for _ in range(3 * zoom):
        if not idx.size:
            break
        y, x = np.divmod(idx, ww)
        me = flat[idx]
        bad = np.zeros(idx.size, bool)
        for inside, step in ((x > 0, -1), (x < ww - 1, 1), (y > 0, -ww), (y < hh - 1, ww)):
            j = idx[inside]
            bad[inside] |= ~ok[me[inside], flat[j + step]]
        if not bad.any():
            break
        flat[idx[bad]] = pflat[idx[bad]]
        idx = idx[~bad]


def _front(fine: np.ndarray) -> np.ndarray:
    """Per fine row, the column where the plate's zone of calcified cartilage begins on the shaft side (the
    calcified run ending at the row's first hypertrophic site); rows without one take the nearest row's."""
    h, w = fine.shape
    cols = np.arange(w)[None, :]
    hyp = fine == T.HYPERTROPHIC
    has = hyp.any(axis=1)
    hx = np.where(has, np.argmax(hyp, axis=1), 0)
    before = (fine != T.CALCIFIED) & (cols < hx[:, None])
    front = np.where(before, cols, -1).max(axis=1) + 1
    rows = np.arange(h)
    if not has.any():
        return np.zeros(h)
    return np.interp(rows, rows[has], front[has]).astype(np.float32)


def _spongiosa(fine: np.ndarray, fine_um: float, aspect: float, origin: tuple[int, int], seed: int):
    """The metaphysis as primary spongiosa: (tissue, the region it redrew, (n, 2) osteoclasts at spicule tips)."""
    h, w = fine.shape
    front = _front(fine)
    cols = np.arange(w)[None, :]
    region = (cols < front[:, None]) & any_of(fine, META)
    if not region.any():
        return fine.copy(), region, np.zeros((0, 2), np.float32)
    rng = np.random.default_rng(seed)
    n = int(h * fine_um * aspect / PITCH_UM) + 3
    ph = rng.random((n, 5)) * 6.283
    length = 2300.0 + 1500.0 * rng.random(n)  # each spicule is resorbed at its own depth
    bridged = rng.random(n) < 0.5
    row_um = fine_um * aspect
    # worked out on the region's sites only (the rest keeps its tissue): rs, cs their rows and columns
    rs, cs = np.nonzero(region)
    y_row = (np.arange(h) + 0.5 + origin[1] * ZOOM) * fine_um * aspect  # µm, fixed to the organ
    y = y_row[rs]
    depth = (front[rs] - cs - 0.5) * fine_um  # µm from the calcified front towards the cavity
    k_row = np.floor(y_row / PITCH_UM + 0.5).astype(int)
    below_row = np.floor(y_row / PITCH_UM).astype(int)
    # a spicule's bone (half <= 155 µm) and core lie within 155 µm (or 1.2 rows) of its axis, which bends at most
    # 67 µm off its row; a capillary within a row of the space's middle, bending at most 60 µm: rows further off
    # hold neither, so those terms are worked out only on the rows that can (each site's value as on every site)
    near_axis = (np.abs(y_row - k_row * PITCH_UM) < max(155.0, 1.2 * row_um) + 67.0 + 1.0)[rs]
    near_mid = (np.abs(y_row - below_row * PITCH_UM - PITCH_UM / 2) < row_um + 60.0 + 1.0)[rs]
    bone = np.zeros(rs.size, bool)
    core = np.zeros(rs.size, bool)
    a = np.flatnonzero(near_axis)
    y_a, depth_a, k = y[a], depth[a], k_row[rs[a]]
    i = k % n
    wob = 45.0 * np.sin(depth_a / 520.0 + ph[i, 0]) + 22.0 * np.sin(depth_a / 230.0 + ph[i, 1])
    dy = y_a - k * PITCH_UM - wob
    L = length[i]
    # bone thickens away from the front as osteoblasts add to it, and thins towards the tip where it is resorbed
    half = (90.0 + 50.0 * np.clip(depth_a / 700.0, 0.0, 1.0)) * np.clip((L - depth_a) / 600.0, 0.3, 1.0) \
        + 15.0 * np.sin(depth_a / 310.0 + ph[i, 2])
    bone[a] = (np.abs(dy) < half) & (depth_a > 0.8 * fine_um) & (depth_a < L)
    # the core continues the plate's calcified septum, over two rows thick (so never broken into steps), and is
    # gone well before the spicule ends
    core[a] = (np.abs(dy) < np.maximum(1.2 * row_um, 0.45 * half)) & (depth_a < 0.6 * L)
    # here and there an oblique strut to the next spicule
    below = below_row[rs]
    up = y - below * PITCH_UM
    j = below % n
    strut = (np.abs(depth - (500.0 + 900.0 * ph[j, 3] / 6.283) - 0.7 * up) < 70.0) & bridged[j] & (depth < 1500.0)
    # a capillary winds down the middle of each marrow space and loops at the front
    vessel = np.zeros(rs.size, bool)
    v = np.flatnonzero(near_mid)
    mid = below[v] * PITCH_UM + PITCH_UM / 2 + 60.0 * np.sin(depth[v] / 400.0 + ph[j[v], 4])
    vessel[v] = (np.abs(y[v] - mid) < 1.0 * row_um) & (depth[v] > 0.0)
    new = np.full(rs.size, T.MARROW, fine.dtype)
    new[vessel] = T.VESSEL
    new[bone | strut] = T.BONE
    new[core] = T.CALCIFIED
    out = fine.copy()
    out[rs, cs] = new
    # an osteoclast at the resorbed tip of every other spicule
    ks = np.arange(int(y_row.min() // PITCH_UM), int(y_row.max() // PITCH_UM) + 2)
    ks = ks[ks % 2 == 0]
    d_tip = length[ks % n] + 60.0
    y_tip = ks * PITCH_UM + 45.0 * np.sin(d_tip / 520.0 + ph[ks % n, 0]) + 22.0 * np.sin(d_tip / 230.0 + ph[ks % n, 1])
    r_tip = y_tip / row_um - origin[1] * ZOOM
    c_tip = front[np.clip(r_tip.astype(int), 0, h - 1)] - d_tip / fine_um
    ok = (r_tip >= 0) & (r_tip < h) & (c_tip >= 0) & (c_tip < w)
    ok[ok] = region[r_tip[ok].astype(int), c_tip[ok].astype(int)]
    return out, region, np.stack([c_tip[ok], r_tip[ok]], axis=1).astype(np.float32)


def _touching(mask: np.ndarray) -> np.ndarray:
    """Sites with a 4-neighbour in mask."""
    out = np.zeros_like(mask)
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out


def inner_point(mask: np.ndarray, depth: int = 4) -> tuple[float, float] | None:
    """(x, y) of a site well inside a mask (at least `depth` sites from its edge, else as deep as it goes), the
    nearest such to the mask's centroid: where a label's leader should end."""
    if not mask.any():
        return None
    inner = mask
    for _ in range(depth):
        deeper = inner & ~_touching(~inner)
        if not deeper.any():
            break
        inner = deeper
    return nearest_site(inner, mean_index(mask, 1), mean_index(mask, 0))  # nearest the mask's centroid


def surface_sites(tissue: np.ndarray) -> np.ndarray:
    """Marrow-side sites on a bone surface (soft tissue with bone as a 4-neighbour)."""
    return any_of(tissue, SOFT) & _touching(any_of(tissue, BONY))


def _centres(ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """(n, 2) positions (x, y) of sites' centres (a surface site's centre: the glyph touches the bone beside it)."""
    return np.stack([xs + 0.5, ys + 0.5], axis=1).astype(np.float32)


def _snap(pts: np.ndarray, tissue: np.ndarray, reach: float) -> np.ndarray:
    """Each point moved to the nearest bone-surface site within `reach` fine sites (one per site; the rest left out)."""
    ys, xs = np.nonzero(surface_sites(tissue))
    if not len(pts) or not ys.size:
        return np.zeros((0, 2), np.float32)
    # only the sites in a square (of more than `reach`) beside some point's square can be within reach of it: the
    # others are left out before the distances (in order, so the nearest and its ties are found as among all)
    side = int(np.ceil(reach)) + 2
    h, w = tissue.shape
    grid = np.zeros((h // side + 3, w // side + 3), bool)  # squares, one more all round
    # (a point off the map is taken to the squares at its edge: more sites kept, never fewer)
    gx = _clip(np.floor(pts[:, 0] / side).astype(np.int64) + 1, 1, grid.shape[1] - 2)
    gy = _clip(np.floor(pts[:, 1] / side).astype(np.int64) + 1, 1, grid.shape[0] - 2)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            grid[gy + dy, gx + dx] = True
    near_any = grid[ys // side + 1, xs // side + 1]
    ys, xs = ys[near_any], xs[near_any]
    if not ys.size:
        return np.zeros((0, 2), np.float32)
    d = np.hypot(xs[None, :] + 0.5 - pts[:, :1], ys[None, :] + 0.5 - pts[:, 1:])
    near = np.argmin(d, axis=1)
    ok = d[np.arange(len(pts)), near] <= reach
    pick = np.unique(near[ok])
    return _centres(ys[pick], xs[pick])


def _metaphysis_cells(tissue: np.ndarray, region: np.ndarray, blood: bool) -> dict[int, np.ndarray]:
    """Cells of the redrawn spongiosa: osteoblasts lining the spicules, osteocytes in their bone, endothelium
    along the capillaries and (once blood forms) blood-forming cells."""
    cols = np.flatnonzero(region.any(axis=0))
    if not cols.size:
        return {}
    cw = min(tissue.shape[1], int(cols[-1]) + 2)  # the region lies left of the front: look only there (+ 1 column)
    tissue, region = tissue[:, :cw], region[:, :cw]
    bone = (tissue == T.BONE) & region
    marrow = (tissue == T.MARROW) & region
    out = {}
    # each kind's sites, then those of its spacing pattern among them (map order kept; no pattern over the map)
    face = marrow & _touching(bone)
    ys, xs = np.nonzero(face)
    on = (xs + 5 * ys) % SPACING == 0  # staggered: no columns of cells
    out[C.OSTEOBLAST] = _centres(ys[on], xs[on])
    inner = bone & ~_touching(~any_of(tissue, BONY))
    ys, xs = np.nonzero(inner)
    on = (xs * 7 + ys * 3) % 29 == 0
    out[C.OSTEOCYTE] = np.stack([xs[on] + 0.5, ys[on] + 0.5], axis=1).astype(np.float32)
    vy, vx = np.nonzero((tissue == T.VESSEL) & region)
    on = vx % 10 == 0
    out[C.ENDOTHELIAL] = np.stack([vx[on] + 0.5, vy[on] + 0.5], axis=1).astype(np.float32)
    if blood:
        ys, xs = np.nonzero(marrow & ~_touching(~marrow))
        on = (xs * 5 + ys * 3) % 67 == 0
        out[C.HAEMATOPOIETIC] = np.stack([xs[on] + 0.5, ys[on] + 0.5], axis=1).astype(np.float32)
    return {k: v for k, v in out.items() if len(v)}


def closeup(crop: np.ndarray, cells: dict[int, np.ndarray], um: float, aspect: float, origin: tuple[int, int],
            seed: int = 3, spongiosa: bool = True) -> tuple[np.ndarray, dict[int, np.ndarray], float]:
    """(fine tissue, cells in fine sites, fine site µm) of an organ crop with its placed cells (organ sites); without
    `spongiosa` (an experiment where no normal spongiosa forms) the metaphysis stays as the organ has it.
    Remembered for the last few crops (the texture's µm taken to 1 µm of organ site; the scale is exact)."""
    key = (np.asarray(crop).tobytes(), tuple((k, np.asarray(v).tobytes()) for k, v in sorted(cells.items())),
           round(um), round(aspect, 3), tuple(origin), seed, spongiosa)
    with _LOCK:
        got = _CLOSEUPS.get(key)
        if got is not None:
            _CLOSEUPS.move_to_end(key)
    if got is None:  # worked out outside the lock (two threads may both work it out: the same result)
        got = _closeup(np.asarray(crop), cells, um, aspect, origin, seed, spongiosa)
        with _LOCK:
            _CLOSEUPS[key] = got
            while len(_CLOSEUPS) > 8:
                _CLOSEUPS.popitem(last=False)
    fine, fine_cells = got
    return fine.copy(), {k: v.copy() for k, v in fine_cells.items()}, um / ZOOM


_CLOSEUPS: OrderedDict = OrderedDict()


def _closeup(coarse: np.ndarray, cells: dict, um: float, aspect: float, origin: tuple[int, int], seed: int,
             spongiosa: bool):
    """closeup's (fine tissue, fine cells), worked out."""
    fine = smooth_zoom(coarse)
    fine_um = um / ZOOM
    if spongiosa:
        fine, region, clasts = _spongiosa(fine, fine_um, aspect, origin, seed)
    else:
        fine, region, clasts = fine.copy(), np.zeros(fine.shape, bool), np.zeros((0, 2), np.float32)
    h, w = fine.shape
    out: dict[int, list[np.ndarray]] = {}
    for code, pts in cells.items():
        if not len(pts):
            continue
        f = np.asarray(pts, np.float32) * ZOOM
        ix = _clip(f[:, 0].astype(int), 0, w - 1)
        iy = _clip(f[:, 1].astype(int), 0, h - 1)
        keep = ~region[iy, ix]  # the spongiosa brings its own cells
        if code == C.OSTEOBLAST:  # on the bone surface they line, never inside the bone
            f = _snap(f[keep], np.where(region, T.CARTILAGE, fine), 1.5 * ZOOM)
        else:  # each cell in the tissue its organ site holds (not pushed into a neighbour by the smoothing)
            own = coarse[_clip(pts[:, 1].astype(int), 0, coarse.shape[0] - 1),
                         _clip(pts[:, 0].astype(int), 0, coarse.shape[1] - 1)]
            f = f[keep & (fine[iy, ix] == own)]
        out.setdefault(int(code), []).append(f)
    blood = C.HAEMATOPOIETIC in cells and len(cells[C.HAEMATOPOIETIC]) > 0
    for code, pts in (*_metaphysis_cells(fine, region, blood).items(), (C.OSTEOCLAST, clasts)):
        out.setdefault(int(code), []).append(pts)
    merged = {k: np.concatenate(v).astype(np.float32) for k, v in out.items()}
    return fine, {k: v for k, v in merged.items() if len(v)}
