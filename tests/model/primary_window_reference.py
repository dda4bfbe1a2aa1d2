"""Tests-only copy of primary_window.py as it was before the fast path (the reference the fast one must match byte for byte).

Between invasion and the marrow-cavity phase the mid-shaft close-up is drawn on its own fine raster (5 µm
sites) of the same true size as the box on the organ: periosteum and periosteal bone collar above and below,
the periosteal bud (vessel, osteoprogenitors, mesenchymal cells) entering through a gap in the collar, and
between the collars an irregular network of mixed spicules (calcified-cartilage septa, wavy, branching and of
varying thickness, with a rim of woven bone lined by a single layer of osteoblasts) with primitive marrow and
capillaries between them. On both sides the centre ends at the calcified hypertrophic cartilage (lacunae in
columns, empty near the front, chondroclasts where the capillary loops invade). The centre's half-length
follows the organ's front, so the network grows with the day. Pure seeded numpy, no per-cell loops.
Sources: Ross & Pawlina (mixed spicules, periosteal bud); Kronenberg 2003.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour, any_of, dilate, shifted

SITE_UM = 5.0  # fine raster: smooth spicule edges, a cell a few sites across
COLUMN_UM = 30.0  # chondrocyte columns (and the calcified septa between them) across the shaft
LACUNA_PITCH_UM = 34.0  # swollen cells along a column
LACUNA_UM = (24.0, 19.0)  # a hypertrophic lacuna's length (along the axis) and width
EMPTY_UM = 70.0  # lacunae this close to the front are empty (their cells died), further out a dying cell remains
BARE_UM = 15.0  # the newest septa at the front are not yet coated with bone
# glyph sizes in µm (divided by the site size for the Layer)
CELL_UM = {C.OSTEOBLAST: 13.0, C.OSTEOCYTE: 11.0, C.OSTEOCLAST: 30.0, C.ENDOTHELIAL: 15.0, C.OSTEOPROGENITOR: 12.0,
           C.MESENCHYMAL: 9.0, C.FIBROBLAST: 12.0, C.HYPERTROPHIC: 21.0}
BONE_T = (T.BONE, T.COLLAR)


class Geometry(NamedTuple):
    """The window's true size and where the organ puts things in it (µm from the window's top-left)."""

    width_um: float
    height_um: float
    centre_x_um: float  # the primary centre's middle along the axis
    half_um: float  # how far the centre (marrow and spicules) reaches each way from its middle
    hyper_um: float  # from the centre's middle to the end of the calcified cartilage (hypertrophic beyond)
    bud_x_um: float  # where the periosteal bud pierces the top collar
    top_um: tuple[float, float]  # (periosteum, collar) thickness on the top
    bottom_um: tuple[float, float]  # ... and on the bottom
    bone_share: float = 1.0  # bone laid per spicule against normal (less in osteogenesis imperfecta, oi_rules)


def _waves(X, Y, rng, amp, lengths):
    """A smooth irregular field (sum of sinusoids in random directions), about +-amp, on a meshgrid X, Y."""
    out = np.zeros(X.shape, np.float32)
    x, y = X[:1], Y[:, :1]  # a meshgrid's X varies along a row only, Y down a column only
    for lam in lengths:
        a = rng.uniform(0, np.pi)
        out += np.sin((x * np.cos(a) + y * np.sin(a)) * 2 * np.pi / lam + rng.uniform(0, 2 * np.pi))
    return (amp / np.sqrt(len(lengths)) * out).astype(np.float32)


def _seg(X, Y, ax, ay, bx, by):
    """Distance of every site to the segment (ax, ay)-(bx, by), and the position along it (0..1)."""
    dx, dy = bx - ax, by - ay
    s = np.clip(((X - ax) * dx + (Y - ay) * dy) / max(dx * dx + dy * dy, 1e-6), 0.0, 1.0)
    return np.hypot(X - ax - s * dx, Y - ay - s * dy), s


def _band(lo_um: float, hi_um: float, pitch_um: float, n: int) -> slice:
    """The rows (or columns) of `n`, `pitch_um` apart, whose middles lie between lo_um and hi_um, and one more
    each side: all that a spicule or strut within that span can reach."""
    return slice(max(int(lo_um / pitch_um - 0.5) - 1, 0), min(int(hi_um / pitch_um - 0.5) + 2, n))


def primary_window(geo: Geometry, seed: int = 3):  # noqa: C901 (one raster, built in order)
    """(tissue, cells, site_um, aspect) of the young primary centre; cells in sites (x, y) of the raster."""
    rng = np.random.default_rng(seed)
    nw = max(int(round(geo.width_um / SITE_UM)), 8)
    nh = max(int(round(geo.height_um / SITE_UM)), 8)
    su = geo.width_um / nw
    aspect = geo.height_um / nh / su
    xs = (np.arange(nw) + 0.5) * su
    ys = (np.arange(nh) + 0.5) * su * aspect
    X, Y = np.meshgrid(xs.astype(np.float32), ys.astype(np.float32))
    H = geo.height_um
    (p_top, c_top), (p_bot, c_bot) = geo.top_um, geo.bottom_um
    rough = _waves(X, Y, rng, 2.2, (23.0, 31.0, 47.0))  # woven bone: irregular, wavy edges
    # sheaths: periosteum outside, the woven collar inside it (its inner face uneven)
    in_top = p_top + (c_top + 0.8 * rough if c_top > 0 else 0.0)  # no collar (no bone made): no sliver of one
    in_bot = H - p_bot - (c_bot - 0.8 * rough if c_bot > 0 else 0.0)
    tissue = np.full((nh, nw), T.CALCIFIED, np.uint8)
    tissue[(Y < in_top) | (Y > in_bot)] = T.COLLAR
    tissue[(Y < p_top) | (Y > H - p_bot)] = T.PERIOSTEUM
    inner = (Y >= in_top) & (Y <= in_bot)
    # the centre: reaches half_um each way, its front uneven where the capillary loops have opened lacunae
    dx = X[:1] - geo.centre_x_um  # what depends on the column only: once a column (broadcast)
    d = np.abs(dx)
    lo, hi = p_top + c_top, H - p_bot - c_bot
    n_col = max(int((hi - lo) // COLUMN_UM), 2)
    pitch = (hi - lo) / n_col  # septa (column borders) across the shaft, evenly between the collars
    septa = lo + pitch * np.arange(n_col + 1)
    y1 = Y[:, :1]  # what depends on the row only is worked out once a row (and broadcast)
    col_i = np.clip(((y1 - lo) // pitch).astype(int), 0, n_col - 1)
    opened = rng.random((2, n_col)) < 0.5  # per side: a column whose last lacuna the capillary has opened
    front = geo.half_um + 6.0 * np.sin(y1 / 17.0 + 1.3) + np.where(opened[(dx > 0).astype(int), col_i], 0.6 * LACUNA_PITCH_UM, 0.0)
    front = np.where(np.abs(y1 - septa[np.clip(np.round((y1 - lo) / pitch).astype(int), 0, n_col)]) < 4.0,
                     geo.half_um + 3.0, front)  # the septa themselves end at the front (bare calcified tips)
    centre = inner & (d < front)
    age = np.clip(geo.half_um - d, 0.0, None)  # µm behind the front: older spicules, thicker bone
    young = geo.half_um < 60.0
    # mixed spicules: about every second septum survives as a spicule (the others are resorbed), wavy, its
    # calcified core thickest where it left the front; bone laid on it thickens with age, thins where resorbed
    m_sp = max(2, (n_col + 1) // 3)  # about every third septum survives as a spicule: a few, far apart
    keep = np.unique(np.clip(np.round(np.linspace(1.6, n_col - 1.6, m_sp) + rng.uniform(-0.4, 0.4, m_sp)), 2 if n_col >= 6 else 1, n_col - (2 if n_col >= 6 else 1))).astype(int)
    n = keep.size
    k = rng.random((n, 8)).astype(np.float32)
    lay = np.random.default_rng(seed + 1)  # fixed draws for breaks and struts: the network keeps its shape as it grows
    brk = lay.random((n, 3, 2))
    stu = lay.random((n + 1, 11, 5))
    spread = max(900.0, 2.0 * geo.half_um)  # breaks and struts over the whole centre, also once it outgrows the window
    # bone margin (> 0 inside a spicule's bone), core margin; only their signs are used, so each spicule and
    # strut is worked out only on the rows (box) it can reach, and float64 holds every term exactly
    mb = np.full(X.shape, -99.0, np.float64)
    mc = np.full(X.shape, -99.0, np.float64)
    reach = float(np.abs(rough).max()) + 1.0  # rough's largest size, and a µm to spare

    def rows_within(lo_um, hi_um):
        return _band(lo_um, hi_um, su * aspect, nh)

    def cols_within(lo_um, hi_um):
        return _band(lo_um, hi_um, su, nw)

    def axis(i, x):  # spicule i's (wavy) axis: straight where it leaves the front, bending in the older bone
        bend = np.clip((geo.half_um - np.abs(x - geo.centre_x_um)) / 50.0, 0.0, 1.0)
        return septa[keep[i]] + bend * (17.0 * np.sin(x / (35.0 + 25.0 * k[i, 0]) + 6.3 * k[i, 1])
                                        + 5.0 * np.sin(x / 17.0 + 6.3 * k[i, 2]))

    for i in range(n):  # a few spicules (2-4): a loop over spicules, each vectorised over its band of rows
        # the axis bends at most 22 µm off its septum; the bone reaches core + rim + rough from the axis
        wide = 22.0 + 7.5 + max(geo.bone_share, 0.0) * 11.0 * 1.35 + reach
        r = rows_within(septa[keep[i]] - wide, septa[keep[i]] + wide)
        Xb, Yb, ageb, roughb = X[r], Y[r], age, rough[r]
        core = 3.5 + 2.5 * k[i, 3] + 1.5 * np.sin(Xb / 27.0 + 6.3 * k[i, 4])
        core *= np.clip(1.0 - ageb / (4.0 * geo.half_um + 200.0), 0.4, 1.0)
        rim = geo.bone_share * (4.0 + 7.0 * k[i, 5]) * np.clip((ageb - BARE_UM) / 70.0, 0.0, 1.0) * (1.0 + 0.35 * np.sin(Xb / 23.0 + 6.3 * k[i, 6]))
        # resorbed stretches in the older part (osteoclasts begin to open the future cavity): the spicule ends there
        gap = np.zeros(Xb.shape, bool)
        for b_ in range(brk.shape[1]):
            bx = geo.centre_x_um + (brk[i, b_, 0] - 0.5) * spread
            gap |= (np.abs(Xb - bx) < 10.0 + 20.0 * brk[i, b_, 1]) & (ageb > 90.0)
        dist = np.abs(Yb - axis(i, Xb))
        mb[r] = np.maximum(mb[r], np.where(gap, -99.0, core + rim - dist + roughb))
        mc[r] = np.maximum(mc[r], np.where(gap, -99.0, core - dist + 0.4 * roughb))
    # oblique struts between neighbouring spicules (and from the outer ones to the collar), and spurs into the
    # spaces: a network, not parallel bars; each at a fixed place, there once the bone around it is old enough
    for j in range(n + 1):
        for m in range(stu.shape[1]):
            u = stu[j, m]
            xa = geo.centre_x_um + (u[0] - 0.5) * spread
            xb = xa + (1.0 if u[1] < 0.5 else -1.0) * (35.0 + 50.0 * u[2])
            if j == 0 or j == n:  # to the collar: only now and then, and beside the bud's way in
                if not (m == 0 and j == 0) and u[3] > 0.25:
                    continue
                if j == 0 and m == 0:
                    xa = geo.bud_x_um - 45.0 - 30.0 * u[0]
                    xb = xa - 40.0
                ya = septa[0] - 3.0 if j == 0 else septa[-1] + 3.0
                yb = axis(0 if j == 0 else n - 1, xb)
            else:
                ya, yb = axis(j - 1, xa), axis(j, xb)
                if u[3] < 0.25:  # a spur: it ends in the marrow space
                    yb = ya + 0.55 * (yb - ya)
                elif u[4] < 0.2:
                    continue
            if geo.half_um - max(abs(xa - geo.centre_x_um), abs(xb - geo.centre_x_um)) < 40.0:
                continue
            half = (4.5 + 4.0 * u[2]) * geo.bone_share ** 0.5
            wide = max(half, 3.0) + reach  # no bone or core further than this from the strut's segment
            box = (rows_within(min(ya, yb) - wide, max(ya, yb) + wide), cols_within(min(xa, xb) - wide, max(xa, xb) + wide))
            dist, _ = _seg(X[box], Y[box], xa, ya, xb, yb)
            mb[box] = np.maximum(mb[box], half - dist + rough[box])
            mc[box] = np.maximum(mc[box], max(0.5 * half, 3.0) - dist)
    bone = centre & (mb > 0.0)
    core = centre & (mc > 0.0)
    n_core = sum(shifted(core, dy, dx).astype(np.uint8) for dy, dx in NEIGHBOURS_4)
    core &= n_core >= 2  # no stair-step specks where a thin core runs obliquely
    bone |= core
    # a core is covered by bone wherever the spicule is older than a few days (only the fresh tips are bare)
    bare = centre & (age < BARE_UM + 25.0)
    if geo.bone_share > 0:  # (no bone made: the bare septa stay as they are)
        core &= ~(any_neighbour(~bone, NEIGHBOURS_4) & ~bare)  # a rim of bone at least one site round the core
    for _ in range(2):  # ... and no staircase of single core sites where a thin core runs obliquely
        core &= sum(shifted(core, dy, dx).astype(np.uint8) for dy, dx in NEIGHBOURS_4) >= 2
    tissue[centre] = T.MARROW
    tissue[bone] = T.BONE
    tissue[core | (centre & (mb > 0.0) & (age < BARE_UM))] = T.CALCIFIED
    # where a strut reaches the collar it fuses with it (woven bone onto woven bone)
    # the calcified zone beyond the front: lacunae in columns (the cells near the front have died and left
    # their lacunae empty); the hypertrophic cartilage beyond it
    calc = inner & ~centre
    hyper = calc & (d >= geo.hyper_um)
    tissue[hyper] = T.HYPERTROPHIC
    col_y = lo + (col_i + 0.5) * pitch
    along = d - geo.half_um
    lac_k = np.floor(along / LACUNA_PITCH_UM)
    lac_x = geo.half_um + (lac_k + 0.5) * LACUNA_PITCH_UM
    ell = ((d - lac_x) / (LACUNA_UM[0] / 2)) ** 2 + ((y1 - col_y) / (LACUNA_UM[1] / 2)) ** 2 < 1.0
    lacuna = calc & ~hyper & ell & (along > 4.0)
    tissue[lacuna] = T.HYPERTROPHIC
    # the periosteal bud: through a gap in the top periosteum and collar into the first marrow space
    bud_half = 7.0
    gap_half = 24.0 + 0.3 * rough
    edges = [septa[0]] + [septa[c] for c in keep] + [septa[-1]]

    def capillary(j, x):  # the middle of marrow space j (between spicules), winding
        return (edges[j] + edges[j + 1]) / 2 + 0.22 * (edges[j + 1] - edges[j]) * np.sin(x / 29.0 + 1.7 * j)

    first_sp = float(capillary(0, geo.bud_x_um)) + 3.0  # the bud runs into the first space's capillary
    bud_col = np.abs(X[:1] - geo.bud_x_um)
    gap = (bud_col < gap_half) & (Y < first_sp) & (tissue != T.CALCIFIED) & (tissue != T.HYPERTROPHIC)
    gap &= geo.bud_x_um > geo.centre_x_um - geo.half_um  # the bud is in the centre
    tissue[gap & (Y < in_top)] = T.MARROW  # the bud's loose connective tissue in the gap
    vessel = gap & (bud_col < bud_half) & (tissue == T.MARROW)
    # capillaries wind down the middle of each marrow space to the front, where they end in an opened lacuna
    for j in range(len(edges) - 1):
        mid = capillary(j, X[:1])  # (by column)
        vessel |= (np.abs(y1 - mid) < 3.5 + 1.5 * (age > 100.0)) & centre & (tissue == T.MARROW)
    vessel |= shifted(vessel, 0, 1) & shifted(vessel, 0, -1) & (tissue == T.MARROW)
    tissue[vessel & (tissue == T.MARROW)] = T.VESSEL
    if young or geo.bone_share <= 0:  # just invaded, or nobody lays bone (SP7 loss): bare calcified septa
        tissue[tissue == T.BONE] = T.MARROW
    lone = np.ones(tissue.shape, bool)  # no lone sites (speckle): one unlike all four neighbours takes its left one's
    for dy, dx in NEIGHBOURS_4:
        lone &= shifted(tissue, dy, dx, fill=255) != tissue
    lone[:, 0] = False
    tissue[lone] = shifted(tissue, 0, -1)[lone]
    cells = _cells(tissue, geo, X, Y, su, aspect, d, col_y, first_sp, in_top)
    return tissue, cells, su, aspect


def _pick(mask, every, ox=0, oy=0):
    """Sites of mask scattered about one per `every` x `every` sites (a seeded hash, no lattice rows)."""
    rr, cc = np.nonzero(mask)
    h = ((rr + 31 * oy) * 73856093) ^ ((cc + 17 * ox) * 19349663)
    keep = (h % 9973) < 9973 / (every * every)
    return rr[keep], cc[keep]


def _cells(t, geo, X, Y, su, aspect, d, col_y, first_sp, in_top):
    nh, nw = t.shape
    out: dict[int, list] = {}

    def add(code, x_site, y_site):
        if np.size(x_site):
            out.setdefault(int(code), []).append(np.stack([np.ravel(x_site), np.ravel(y_site)], 1).astype(np.float32))

    rows, cols = np.arange(nh)[:, None], np.arange(nw)[None, :]  # (broadcast: a column and a row)
    bone = any_of(t, BONE_T)
    marrow = t == T.MARROW
    r_ob = CELL_UM[C.OSTEOBLAST] / 2 / su  # glyph half-size in sites: its edge on the bone surface
    # osteoblasts: one layer on every bone surface facing marrow, one every ~15 µm, never on or in the bone
    collar = t == T.COLLAR
    lining = marrow & ~any_neighbour(t == T.VESSEL, NEIGHBOURS_4) & (Y > in_top)
    fewer = cols % 8 == 0
    along_x, along_y = cols % 4 == 0, rows % 4 == 0
    for dy, dx in NEIGHBOURS_4:
        face = lining & shifted(bone, dy, dx)
        face &= ~shifted(collar, dy, dx) | fewer  # the collar's inner face: fewer
        face &= along_x if dy else along_y  # bone above or below: cells spaced along x
        rr, cc = np.nonzero(face)
        add(C.OSTEOBLAST, cc + 0.5 - dx * (r_ob - 0.5), rr + 0.5 - dy * (r_ob - 0.5))
    # the periosteum's inner (cambium) layer: osteoblasts on the collar's outer face
    by_collar = any_neighbour(collar, NEIGHBOURS_4)
    camb = (t == T.PERIOSTEUM) & by_collar & (cols % 3 == 0)
    for dy in (-1, 1):
        rr, cc = np.nonzero(camb & shifted(collar, dy, 0))
        add(C.OSTEOBLAST, cc + 0.5, rr + 0.5 - dy * (r_ob - 0.5))
    # fibroblasts in the outer periosteum
    outer = (t == T.PERIOSTEUM) & ~by_collar
    rr, cc = _pick(outer, 6)
    add(C.FIBROBLAST, cc + 0.5, rr + 0.5)
    # osteocytes in the thicker bone (inner sites only) and in the collar
    deep = bone & ~any_neighbour(~any_of(t, BONE_T + (T.CALCIFIED,)), NEIGHBOURS_4)
    deep &= ~dilate(~any_of(t, BONE_T + (T.CALCIFIED,)), 1) | (t == T.COLLAR)
    rr, cc = _pick(deep & (t == T.BONE), 4)
    add(C.OSTEOCYTE, cc + 0.5, rr + 0.5)
    rr, cc = _pick(deep & (t == T.COLLAR) & ~dilate(t != T.COLLAR, 2), 7, 3, 1)
    add(C.OSTEOCYTE, cc + 0.5, rr + 0.5)
    # endothelial cells along every vessel, one every ~25 µm on its wall
    vessel = t == T.VESSEL
    wall = vessel & ~(shifted(vessel, -1, 0) & shifted(vessel, 1, 0) & shifted(vessel, 0, -1) & shifted(vessel, 0, 1))
    rr, cc = np.nonzero(wall & (((cols * 3 + rows * 5) % 10) == 0))
    add(C.ENDOTHELIAL, cc + 0.5, rr + 0.5)
    # chondroclasts at the calcified front: in the marrow against the calcified cartilage, beside the loops
    r_cl = CELL_UM[C.OSTEOCLAST] / 2 / su
    front = marrow & any_neighbour(any_of(t, (T.CALCIFIED, T.HYPERTROPHIC)) & (d >= geo.half_um - 8.0), NEIGHBOURS_4)
    front &= ~any_neighbour(any_neighbour(vessel)) & (d > geo.half_um - 20.0)
    for side in (-1, 1):
        rr, cc = np.nonzero(front & (np.sign(X[:1] - geo.centre_x_um) == side))
        if rr.size:
            # at most one per ~80 µm of the front; just after invasion (a small cavity, no bone yet) a few only
            band = (rr * su * aspect // float(np.interp(geo.half_um, (60.0, 160.0), (180.0, 80.0)))).astype(int)
            _, first = np.unique(band, return_index=True)
            add(C.OSTEOCLAST, cc[first] + 0.5 - side * (r_cl - 0.5), rr[first] + 0.5)
    # osteoclasts on the resorbed ends of spicules in the oldest part
    tips = marrow & any_neighbour(t == T.BONE, NEIGHBOURS_4) & (d < 0.55 * geo.half_um)  # spicules, not the collar & (((cols * 7 + rows * 3) % 97) == 0)
    rr, cc = np.nonzero(tips)
    two = np.unique(np.array([0, rr.size // 2], int)[:min(rr.size, 2)])  # two apart, not side by side
    two = two[:0] if geo.half_um < 120.0 else two  # only once the oldest spicules are old enough to be resorbed
    add(C.OSTEOCLAST, cc[two] + 0.5, rr[two] + 0.5)
    # osteoprogenitors come in with the bud: near its vessel and in the gap; mesenchymal cells of primitive marrow
    bud = vessel & (Y < first_sp) & (np.abs(X - geo.bud_x_um) < 12.0)
    near_bud = marrow & dilate(bud, 7) & ~any_neighbour(bone | vessel)
    rr, cc = _pick(near_bud, 3, 1, 2)
    add(C.OSTEOPROGENITOR, cc + 0.5, rr + 0.5)
    free = marrow & ~dilate(bone | vessel, 1) & ~dilate(bud, 5) & ~any_of(t, (T.CALCIFIED,))
    rr, cc = _pick(free, 6, 2, 3)
    spread = (rr + cc) % 2 == 0
    add(C.OSTEOPROGENITOR, cc[spread] + 0.5, rr[spread] + 0.5)
    add(C.MESENCHYMAL, cc[~spread] + 0.5, rr[~spread] + 0.5)
    # swollen chondrocytes in the columns' lacunae: dying ones away from the front, the nearest lacunae empty
    lac_y = np.unique(np.round(col_y[:, 0], 2))
    ks = np.arange(0, int((geo.width_um) // LACUNA_PITCH_UM) + 2)
    cx = geo.half_um + (ks + 0.5) * LACUNA_PITCH_UM
    for side in (-1, 1):
        px = geo.centre_x_um + side * cx[None, :] + 0 * lac_y[:, None]
        py = lac_y[:, None] + 0 * cx[None, :]
        ok = (cx[None, :] - geo.half_um > EMPTY_UM) & (px > 0) & (px < geo.width_um)
        add(C.HYPERTROPHIC, px[ok] / su, py[ok] / (su * aspect))
    res = {}
    for code, parts in out.items():
        pts = np.concatenate(parts)
        if code == C.OSTEOBLAST:  # one layer: no two glyphs on one spot (where two faces meet at a corner)
            cell = np.floor(pts / (0.9 * 2 * r_ob)).astype(np.int64)
            _, first = np.unique(cell[:, 0] * 100003 + cell[:, 1], return_index=True)
            first = np.sort(first)
            pts = pts[first]
            clash = _clashes(pts, cell[first], 1.6 * r_ob)  # overlaps an earlier one
            pts = _off_bone(pts[~clash], bone, r_ob - 0.6)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] <= nw) & (pts[:, 1] >= 0) & (pts[:, 1] <= nh)
        res[code] = pts[inside]
    if C.HYPERTROPHIC in res:  # only in their own lacunae and the hypertrophic zone (not in the centre)
        p = res[C.HYPERTROPHIC]
        on = t[np.clip(p[:, 1].astype(int), 0, nh - 1), np.clip(p[:, 0].astype(int), 0, nw - 1)]
        res[C.HYPERTROPHIC] = p[on == T.HYPERTROPHIC]
    return res


def _clashes(pts: np.ndarray, cell: np.ndarray, reach: float) -> np.ndarray:
    """Per point, whether an earlier point lies closer than `reach`; `cell` holds each point's square (at most one
    point a square, squares wider than `reach`), so only the 8 squares round each point can hold one."""
    clash = np.zeros(len(pts), bool)
    if len(pts) < 2:
        return clash
    gx, gy = cell[:, 0] - cell[:, 0].min() + 1, cell[:, 1] - cell[:, 1].min() + 1
    grid = np.full((int(gy.max()) + 2, int(gx.max()) + 2), -1, np.int64)
    me = np.arange(len(pts))
    grid[gy, gx] = me
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            other = grid[gy + dy, gx + dx]
            ok = (other >= 0) & (other < me)
            q, p = other[ok], me[ok]
            dist = np.hypot(pts[q, 0] - pts[p, 0], pts[q, 1] - pts[p, 1])
            clash[p[dist < reach]] = True
    return clash


def _off_bone(pts: np.ndarray, bone: np.ndarray, r: float) -> np.ndarray:
    """Osteoblast centres nudged away from a bump of bone that their glyph (radius r, sites) would cover."""
    ang = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ca, sa = np.cos(ang)[None, :], np.sin(ang)[None, :]
    h, w = bone.shape
    for _ in range(2):
        ix = np.clip((pts[:, :1] + r * ca).astype(int), 0, w - 1)
        iy = np.clip((pts[:, 1:] + r * sa).astype(int), 0, h - 1)
        hit = bone[iy, ix]
        push = -np.stack([(hit * ca).sum(1), (hit * sa).sum(1)], 1)
        norm = np.hypot(push[:, 0], push[:, 1])[:, None]
        pts = pts + np.where(norm > 0, 0.5 * push / np.maximum(norm, 1e-6), 0.0).astype(np.float32)
    return pts


def cell_sizes(site_um: float) -> dict[int, float]:
    """Glyph sizes in sites for the raster."""
    return {int(c): um / site_um for c, um in CELL_UM.items()}


def window_labels(t: np.ndarray, cells: dict, geo: Geometry, site_um: float) -> list[tuple[str, float, float]]:
    """Labels inside the window (in sites), each anchored in what it names."""
    nh, nw = t.shape
    out = []
    bud_c = geo.bud_x_um / site_um

    def at(key, mask, px, py):
        ys, xs = np.nonzero(mask)
        if xs.size:
            i = int(np.argmin(np.hypot(xs - px, ys - py)))
            out.append((key, float(xs[i]) + 0.5, float(ys[i]) + 0.5))

    def cell(key, code, px, py):
        pts = cells.get(int(code))
        if pts is not None and len(pts):
            i = int(np.argmin(np.hypot(pts[:, 0] - px, pts[:, 1] - py)))
            out.append((key, float(pts[i, 0]), float(pts[i, 1])))

    cx = geo.centre_x_um / site_um
    at("periosteum", t == T.PERIOSTEUM, 0.12 * nw, 0)
    at("periosteal_collar", t == T.COLLAR, 0.1 * nw, nh)
    if 0.0 <= bud_c < nw:  # the bud, when the window holds it (not a capillary near the front)
        at("periosteal_bud", (t == T.VESSEL) & (np.arange(nh)[:, None] < nh * 0.25), bud_c, 0)
    near_bone = dilate(any_of(t, (T.BONE, T.MARROW, T.VESSEL)), 3)
    at("calcified", (t == T.CALCIFIED) & ~near_bone, 0.08 * nw, 0.35 * nh)
    if (t == T.HYPERTROPHIC).any() and geo.hyper_um < max(geo.centre_x_um, geo.width_um - geo.centre_x_um):
        # the hypertrophic zone itself (beyond the calcified cartilage), when the window reaches it
        at("hypertrophic", (t == T.HYPERTROPHIC) & (np.abs(np.arange(nw)[None, :] + 0.5 - cx) * site_um > geo.hyper_um + 10.0),
           0.95 * nw, 0.6 * nh)
    mixed = (t == T.CALCIFIED) & shifted(t == T.BONE, -2, 0) & shifted(t == T.BONE, 2, 0)
    at("mixed_spicule", mixed, cx - 0.15 * nw, 0.5 * nh)
    cell("osteoclast", C.OSTEOCLAST, cx + geo.half_um / site_um, 0.75 * nh)  # a chondroclast at the front
    cell("osteoprogenitor", C.OSTEOPROGENITOR, bud_c + 4, 0.08 * nh)  # one coming in with the bud
    cell("osteoblast", C.OSTEOBLAST, cx - 0.3 * geo.half_um / site_um, 0.7 * nh)
    return out


def shows(model, day: float) -> bool:
    """Whether the mid-shaft close-up at `day` is the young primary centre: invaded, osteoclasts working, Ihh and
    RUNX2 there (with or without bone laid: SP7 loss shows the same centre of bare calcified septa, no collar)."""
    r = model.rules
    return r.t_inv < day and r.runx2 and model.p.ihh_level > 0 and model.p.resorb_rate > 0


def carries_on(model, day: float, plate_start: float) -> bool:
    """Whether an ossification-front close-up at `day` is the young centre's distal end at cellular scale
    (the cavity phase before the growth-plate close-up takes over at `plate_start`): no coarse crop between."""
    return shows(model, day) and day < plate_start


def front_rect(model, day: float, tis: np.ndarray) -> tuple[int, int, int, int]:
    """The box on the organ for the young centre's distal front: as tall as the shaft (sleeve to sleeve), 16:9,
    the front about a third of the box from its right edge, which goes no further than the distal collar's end (the
    periosteum's where no collar is made; calcified and hypertrophic cartilage beyond the front) nor left of the
    mid-shaft (a late, small centre)."""
    from osteoviz.model.femur_shape import CENTRE_X
    from osteoviz.model.scene import crop_rect
    g = model.geo
    mid = g.site(CENTRE_X, 0.0)[0]
    sheath = T.COLLAR if (tis == T.COLLAR).any() else T.PERIOSTEUM  # the periosteum where no collar is made (SP7)
    cols = np.flatnonzero((tis == sheath).any(axis=0))
    cols = cols[cols > mid]
    end = int(cols.max()) + 1 if cols.size else int(mid) + 1
    rows = np.flatnonzero(g.inside[:, max(end - 2, 0)] | g.sleeve[:, max(end - 2, 0)])
    h = max(int(rows.size) - 2, 8)
    w = int(round(h * model.aspect(day) * 16 / 9))
    front = mid + max(model.fronts(day)["distal"] * model.k(day) - model.rules.backlog_mm(day), 0.0) * 1000.0 \
        / model.site_um(day)  # as geometry() has it
    cx = min(max(front + 0.35 * w - w / 2, mid), end - w / 2)
    return crop_rect(tis.shape, cx, rows.mean() + 0.5, w, h)


def geometry(model, day: float, tis: np.ndarray, rect: tuple[int, int, int, int]) -> Geometry:
    """The window's true size and contents from the organ (the box drawn on it, its front and sheaths)."""
    from osteoviz.model.femur_shape import CENTRE_X  # the primary centre's position on the organ grid
    x0, y0, w, h = rect
    um, aspect = model.site_um(day), model.aspect(day)
    row_um = um * aspect
    g = model.geo
    cx = (g.site(CENTRE_X, 0.0)[0] - x0) * um
    half = max((model.fronts(day)["distal"] * model.k(day) - model.rules.backlog_mm(day)) * 1000.0, 0.0)
    axis = tis[g.axis_row(), x0:x0 + w]
    hyp = np.flatnonzero(axis == T.HYPERTROPHIC)
    dist = np.abs((hyp + 0.5) * um - cx)
    hyper = float(dist.min()) if hyp.size else 1e9
    for c in (max(w // 5, 1), w // 2, 4 * w // 5, w - 2):  # a column the bud does not cross: the sheaths' thickness
        col = tis[y0:y0 + h, x0 + c]
        if not (col == T.VESSEL).any():
            break

    collar = bool((tis[y0:y0 + h, x0:x0 + w] == T.COLLAR).any())  # none where no bone is made (SP7 loss)

    def sheath(c):
        n_p = int(np.argmax(~any_of(c, (T.PERIOSTEUM, T.PERICHONDRIUM))))
        n_c = int(np.argmax(c[n_p:] != T.COLLAR))
        return max(n_p, 1) * row_um, (max(n_c, 2) if collar else 0) * row_um

    bud = g.site(CENTRE_X + 10.0, 0.0)[0]
    from osteoviz.model.oi_rules import trabecular_share  # OI: less bone on each spicule, as the organ draws its spongiosa
    return Geometry(w * um, h * row_um, cx, half, max(hyper, half + 20.0), (bud - x0 + 0.5) * um,
                    sheath(col), sheath(col[::-1]), trabecular_share(model.p, day) if model.rules.bone_made else 0.0)


def inset(model, day: float, tis: np.ndarray, rect: tuple[int, int, int, int]):
    """(Layer, labels) of the close-up for the box `rect` on the organ."""
    from osteoviz.model.scene import Layer
    geo = geometry(model, day, tis, rect)
    tissue, cells, su, aspect = primary_window(geo, model.p.seed)
    layer = Layer(tissue, cells, su, aspect, (0, 0), cell_sizes(su))
    return layer, tuple(window_labels(tissue, cells, geo, su))
