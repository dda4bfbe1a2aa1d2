"""The secondary-centre close-up: the organ crop drawn finer, with smooth tissue edges and a primary spongiosa.

The organ grid is coarse (a site is about 0.35 mm at 6 months), so a crop of it shows every tissue edge as a
staircase. Here the crop is resampled ZOOM times finer: each tissue's indicator is blown up and blurred, and
every fine site takes the tissue that dominates it (no tissue is invented; where that would let two tissues
touch that never touch in the crop, e.g. the centre's bone and resting cartilage, the site keeps its own crop
tissue, so the centre -> calcified -> hypertrophic -> resting order holds). The metaphysis next to the plate is
redrawn as primary spongiosa: mixed spicules along the axis (calcified-cartilage core, bone on both faces)
that continue the plate's calcified septa, thin and end towards the cavity, with capillaries between,
as in the growth-plate close-ups. Cells keep their crop positions (scaled); osteoblasts sit on bone surfaces.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .kinds import Cell as C, Tissue as T

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


def _box(a: np.ndarray, width: int, axis: int) -> np.ndarray:
    """Running mean over `width` (odd) sites along an axis, edges extended (a cumulative sum: any width, same cost)."""
    r = width // 2
    p = np.pad(a, [(r + 1, r) if i == axis else (0, 0) for i in range(2)], mode="edge")
    c = np.cumsum(p, axis=axis, dtype=np.float32)
    hi = np.take(c, np.arange(width, width + a.shape[axis]), axis=axis)
    lo = np.take(c, np.arange(0, a.shape[axis]), axis=axis)
    return (hi - lo) / width


def _blur(a: np.ndarray, width: int) -> np.ndarray:
    """Three running means each way: a smooth, nearly Gaussian blur (sigma about width / 2)."""
    for axis in (0, 1):
        for _ in range(3):
            a = _box(a, width, axis)
    return a


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


def smooth_zoom(labels: np.ndarray, zoom: int = ZOOM, sigma: float = BLUR) -> np.ndarray:
    """A label map zoom times finer with smooth boundaries: each label's indicator blown up and blurred (by `sigma`
    organ sites), the largest wins; where two labels would meet that never meet in `labels`, the plain
    blown-up label stays. (A read-only array, remembered for the last few maps.)"""
    labels = np.asarray(labels)
    key = (labels.tobytes(), labels.shape, labels.dtype.str, zoom, sigma)
    if key in _SMOOTHED:
        _SMOOTHED.move_to_end(key)
        return _SMOOTHED[key]
    out = _smooth_zoom(labels, zoom, sigma)
    out.flags.writeable = False
    _SMOOTHED[key] = out
    while len(_SMOOTHED) > 8:
        _SMOOTHED.popitem(last=False)
    return out


def _smooth_zoom(labels: np.ndarray, zoom: int, sigma: float) -> np.ndarray:
    h, w = labels.shape
    width = 2 * int(round(sigma * zoom)) + 1
    best = np.full((h * zoom, w * zoom), -1.0, np.float32)
    out = np.zeros((h * zoom, w * zoom), labels.dtype)
    for c in np.unique(labels):  # one pass per tissue in the crop (a dozen), vectorised over the sites
        v = _blur(nearest((labels == c).astype(np.float32), zoom), width)
        win = v > best
        best[win] = v[win]
        out[win] = c
    ok = _pairs(labels)
    plain = nearest(labels, zoom)
    for _ in range(3 * zoom):  # give the crop's own tissue back where the smoothing made a new contact
        bad = np.zeros(out.shape, bool)
        for a, b, sa, sb in ((out[:, :-1], out[:, 1:], np.s_[:, :-1], np.s_[:, 1:]),
                             (out[:-1, :], out[1:, :], np.s_[:-1, :], np.s_[1:, :])):
            new = ~ok[a, b]
            bad[sa] |= new
            bad[sb] |= new
        bad &= out != plain
        if not bad.any():
            break
        out[bad] = plain[bad]
    return out


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
    region = (cols < front[:, None]) & np.isin(fine, META)
    if not region.any():
        return fine.copy(), region, np.zeros((0, 2), np.float32)
    rng = np.random.default_rng(seed)
    n = int(h * fine_um * aspect / PITCH_UM) + 3
    ph = rng.random((n, 5)) * 6.283
    length = 2300.0 + 1500.0 * rng.random(n)  # each spicule is resorbed at its own depth
    bridged = rng.random(n) < 0.5
    depth = (front[:, None] - cols - 0.5) * fine_um  # µm from the calcified front towards the cavity
    y = np.broadcast_to((np.arange(h)[:, None] + 0.5 + origin[1] * ZOOM) * fine_um * aspect, (h, w))  # µm, fixed to the organ
    k = np.floor(y / PITCH_UM + 0.5).astype(int)
    i = k % n
    wob = 45.0 * np.sin(depth / 520.0 + ph[i, 0]) + 22.0 * np.sin(depth / 230.0 + ph[i, 1])
    dy = y - k * PITCH_UM - wob
    L = length[i]
    row_um = fine_um * aspect
    # bone thickens away from the front as osteoblasts add to it, and thins towards the tip where it is resorbed
    half = (90.0 + 50.0 * np.clip(depth / 700.0, 0.0, 1.0)) * np.clip((L - depth) / 600.0, 0.3, 1.0) \
        + 15.0 * np.sin(depth / 310.0 + ph[i, 2])
    bone = (np.abs(dy) < half) & (depth > 0.8 * fine_um) & (depth < L)
    # the core continues the plate's calcified septum, over two rows thick (so never broken into steps), and is
    # gone well before the spicule ends
    core = (np.abs(dy) < np.maximum(1.2 * row_um, 0.45 * half)) & (depth < 0.6 * L)
    # here and there an oblique strut to the next spicule
    below = np.floor(y / PITCH_UM).astype(int)
    up = y - below * PITCH_UM
    j = below % n
    strut = (np.abs(depth - (500.0 + 900.0 * ph[j, 3] / 6.283) - 0.7 * up) < 70.0) & bridged[j] & (depth < 1500.0)
    # a capillary winds down the middle of each marrow space and loops at the front
    mid = below * PITCH_UM + PITCH_UM / 2 + 60.0 * np.sin(depth / 400.0 + ph[j, 4])
    vessel = (np.abs(y - mid) < 1.0 * row_um) & (depth > 0.0)
    out = fine.copy()
    out[region] = T.MARROW
    out[region & vessel] = T.VESSEL
    out[region & (bone | strut)] = T.BONE
    out[region & core] = T.CALCIFIED
    # an osteoclast at the resorbed tip of every other spicule
    ks = np.arange(int(y.min() // PITCH_UM), int(y.max() // PITCH_UM) + 2)
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
    ys, xs = np.nonzero(inner)
    my, mx = np.nonzero(mask)
    i = int(np.argmin((xs - mx.mean()) ** 2 + (ys - my.mean()) ** 2))
    return float(xs[i]) + 0.5, float(ys[i]) + 0.5


def surface_sites(tissue: np.ndarray) -> np.ndarray:
    """Marrow-side sites on a bone surface (soft tissue with bone as a 4-neighbour)."""
    return np.isin(tissue, SOFT) & _touching(np.isin(tissue, BONY))


def _centres(ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """(n, 2) positions (x, y) of sites' centres (a surface site's centre: the glyph touches the bone beside it)."""
    return np.stack([xs + 0.5, ys + 0.5], axis=1).astype(np.float32)


def _snap(pts: np.ndarray, tissue: np.ndarray, reach: float) -> np.ndarray:
    """Each point moved to the nearest bone-surface site within `reach` fine sites (one per site; the rest left out)."""
    ys, xs = np.nonzero(surface_sites(tissue))
    if not len(pts) or not ys.size:
        return np.zeros((0, 2), np.float32)
    d = np.hypot(xs[None, :] + 0.5 - pts[:, :1], ys[None, :] + 0.5 - pts[:, 1:])
    near = np.argmin(d, axis=1)
    ok = d[np.arange(len(pts)), near] <= reach
    pick = np.unique(near[ok])
    return _centres(ys[pick], xs[pick])


def _metaphysis_cells(tissue: np.ndarray, region: np.ndarray, blood: bool) -> dict[int, np.ndarray]:
    """Cells of the redrawn spongiosa: osteoblasts lining the spicules, osteocytes in their bone, endothelium
    along the capillaries and (once blood forms) blood-forming cells."""
    h, w = tissue.shape
    rr, cc = np.mgrid[0:h, 0:w]
    bone = (tissue == T.BONE) & region
    marrow = (tissue == T.MARROW) & region
    out = {}
    face = marrow & _touching(bone)
    ys, xs = np.nonzero(face & ((cc + 5 * rr) % SPACING == 0))  # staggered: no columns of cells
    out[C.OSTEOBLAST] = _centres(ys, xs)
    inner = bone & ~_touching(~np.isin(tissue, BONY))
    ys, xs = np.nonzero(inner & ((cc * 7 + rr * 3) % 29 == 0))
    out[C.OSTEOCYTE] = np.stack([xs + 0.5, ys + 0.5], axis=1).astype(np.float32)
    vy, vx = np.nonzero((tissue == T.VESSEL) & region & (cc % 10 == 0))
    out[C.ENDOTHELIAL] = np.stack([vx + 0.5, vy + 0.5], axis=1).astype(np.float32)
    if blood:
        free = marrow & ~_touching(~marrow) & ((cc * 5 + rr * 3) % 67 == 0)
        ys, xs = np.nonzero(free)
        out[C.HAEMATOPOIETIC] = np.stack([xs + 0.5, ys + 0.5], axis=1).astype(np.float32)
    return {k: v for k, v in out.items() if len(v)}


def closeup(crop: np.ndarray, cells: dict[int, np.ndarray], um: float, aspect: float, origin: tuple[int, int],
            seed: int = 3, spongiosa: bool = True) -> tuple[np.ndarray, dict[int, np.ndarray], float]:
    """(fine tissue, cells in fine sites, fine site µm) of an organ crop with its placed cells (organ sites); without
    `spongiosa` (an experiment where no normal spongiosa forms) the metaphysis stays as the organ has it.
    Remembered for the last few crops (the texture's µm taken to 1 µm of organ site; the scale is exact)."""
    key = (np.asarray(crop).tobytes(), tuple((k, np.asarray(v).tobytes()) for k, v in sorted(cells.items())),
           round(um), round(aspect, 3), tuple(origin), seed, spongiosa)
    if key not in _CLOSEUPS:
        _CLOSEUPS[key] = _closeup(np.asarray(crop), cells, um, aspect, origin, seed, spongiosa)
        while len(_CLOSEUPS) > 8:
            _CLOSEUPS.popitem(last=False)
    _CLOSEUPS.move_to_end(key)
    fine, fine_cells = _CLOSEUPS[key]
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
        ix = np.clip(f[:, 0].astype(int), 0, w - 1)
        iy = np.clip(f[:, 1].astype(int), 0, h - 1)
        keep = ~region[iy, ix]  # the spongiosa brings its own cells
        if code == C.OSTEOBLAST:  # on the bone surface they line, never inside the bone
            f = _snap(f[keep], np.where(region, T.CARTILAGE, fine), 1.5 * ZOOM)
        else:  # each cell in the tissue its organ site holds (not pushed into a neighbour by the smoothing)
            own = coarse[np.clip(pts[:, 1].astype(int), 0, coarse.shape[0] - 1),
                         np.clip(pts[:, 0].astype(int), 0, coarse.shape[1] - 1)]
            f = f[keep & (fine[iy, ix] == own)]
        out.setdefault(int(code), []).append(f)
    blood = C.HAEMATOPOIETIC in cells and len(cells[C.HAEMATOPOIETIC]) > 0
    for code, pts in (*_metaphysis_cells(fine, region, blood).items(), (C.OSTEOCLAST, clasts)):
        out.setdefault(int(code), []).append(pts)
    merged = {k: np.concatenate(v).astype(np.float32) for k, v in out.items()}
    return fine, {k: v for k, v in merged.items() if len(v)}
