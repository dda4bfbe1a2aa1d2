"""Growth-plate histology at true cellular scale: chondrocyte columns flowing through the zones as the bone lengthens.

The organ model decides where the plate is and how fast the femur grows; this module turns that
into a 1.28 x 0.72 mm window of the distal plate (or, before the plate, the first ossification front).
Each column is a stack of chondrocytes: a cell is born in the proliferative zone (flattened, stacked
like coins), is pushed towards the shaft by the divisions behind it, swells in the hypertrophic zone,
dies at the calcified front, and the calcified longitudinal septa it leaves are used by osteoblasts
as cores of mixed spicules (primary spongiosa). Positions follow from how much the plate has grown
(the integral of the growth speed), so any time is computed directly and the cells move smoothly.
Zone order and names: Ross & Pawlina; Kronenberg 2003.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .clipping import clip as _clip
from .kinds import Cell as C, Tissue as T
from .lattice import NEIGHBOURS_4, count_neighbours

SITE_UM = 10.0  # one raster site
WIDTH_SITES, HEIGHT_SITES = 128, 72  # 1.28 mm along the axis, 0.72 mm across
COLUMN_UM = 30.0  # spacing of chondrocyte columns across the plate (cells ~20-26 µm wide, septa between)
SEPTUM0_UM = 25.0  # y of the first longitudinal septum (on a site centre, so septa and spicules fall on sites;
# the middle row, where the measures count the zones, lies between spicules)
PROLIF_PITCH_UM = 9.0  # flattened proliferating cells, stacked like coins
HYPER_START_UM = 12.0  # a cell's length along the axis as it becomes hypertrophic ...
HYPER_PITCH_UM = 36.0  # ... and at the calcified front: it swells on its way down the column
HYPER_WIDTH_UM = (20.0, 26.0)  # its width across the column, entering and at the front
SPICULE_UM = 3 * COLUMN_UM  # about every third calcified septum becomes a mixed spicule; the others are resorbed
EPIPHYSIS_UM = 120.0  # bony plate of the secondary centre at the right edge of the window, as it first reaches it
BONE_PLATE_UM = 40.0  # the epiphyseal bone plate: the secondary centre's dense bony plate on the resting zone
BLOOD_DAY = 4.5 * 30.44  # blood formation in the marrow from months 4-5
CANALS_DAY = 70.0  # cartilage canals enter the cartilaginous ends from about week 10 (facts.md)
FATTY_YEARS = 2.0  # the epiphysis's marrow turns fatty early, about 2 years after birth (as the organ draws it)


def epiphysis_um(day: float, birth: float) -> float:
    """Width (µm) of the bony epiphysis (secondary centre) beyond the resting zone at the window's right edge:
    it grows towards the plate through childhood, the resting zone between them thinning (estimate)."""
    return float(np.interp((day - birth) / 365.25, (0.0, 1.0, 4.0, 10.0), (EPIPHYSIS_UM, 180.0, 270.0, 300.0)))


def resting_um(day: float, birth: float, secondary: bool) -> float:
    """Width (µm) of the window's resting zone: the whole cartilaginous end before the secondary centre,
    a thin reserve layer under the epiphyseal bone plate after it (thinner with age; estimate)."""
    if not secondary:
        return 260.0
    return float(np.interp((day - birth) / 365.25, (0.0, 1.0, 6.0, 14.0), (140.0, 130.0, 90.0, 70.0)))


def zone_widths(day: float, birth: float, closing: float) -> tuple[float, float, float]:
    """(proliferative, hypertrophic, calcified) zone widths in µm: thinner with age, gone at closure."""
    years = (day - birth) / 365.25  # negative before birth: the fetal plate lengthens its columns (estimate)
    # the first plate (week 12) is still organising its columns; by week 20 they are long (estimate)
    # through childhood the plate thins: shorter columns, fewer cells per column (estimate)
    prolif = float(np.interp(years, (-0.5, -0.34, 0, 2, 8, 14), (200.0, 340.0, 360.0, 260.0, 150.0, 110.0)))
    hyper = float(np.interp(years, (-0.5, -0.34, 0, 2, 8, 14), (150.0, 240.0, 240.0, 170.0, 110.0, 80.0)))
    calc = float(np.interp(years, (-0.5, -0.34, 0, 2, 8, 14), (80.0, 95.0, 95.0, 85.0, 70.0, 60.0)))
    keep = 1.0 - closing  # calcified zone: the last two or three lacunae of each column (Ross & Pawlina)
    return prolif * keep, hyper * keep, calc * keep


class PlateLook(NamedTuple):
    """How an experiment's rules change the window; the defaults are the normal plate."""

    widths: tuple[float, float, float] | None = None  # (proliferative, hypertrophic, calcified) µm from the rules
    bone: bool = True  # osteoblasts lay bone on the calcified septa (no: RUNX2, SP7 or Ihh lost)
    resorb: bool = True  # osteoclasts shorten the spicules and open marrow spaces (no: osteopetrosis)
    cavity: bool = True  # vessels persist and hollow marrow spaces (no: Ihh lost)


NORMAL = PlateLook()


def _bounds(day: float, birth: float, closing: float, look: PlateLook = NORMAL,
            secondary: bool = False) -> tuple[float, float, float, float]:
    """x (µm from the window's left) of the resting, proliferative, hypertrophic and calcified zones' left edges."""
    prolif, hyper, calc = look.widths or zone_widths(day, birth, closing)
    epi = epiphysis_um(day, birth) if secondary else 0.0
    x_rest = WIDTH_SITES * SITE_UM - epi - resting_um(day, birth, secondary)
    x_prolif = x_rest - prolif
    x_hyper = x_prolif - hyper
    return x_rest, x_prolif, x_hyper, x_hyper - calc


def plate_zones(day: float, birth: float, closing: float, secondary: bool,
                look: PlateLook = NORMAL) -> tuple[tuple[str, float, float, str], ...]:
    """Bracketed zone names for the window: (key, start, end, "x") in sites, epiphysis on the right."""
    if closing >= 1.0:
        return ()
    x_rest, x_prolif, x_hyper, x_front = (max(v, 0.0) for v in _bounds(day, birth, closing, look, secondary))
    end = WIDTH_SITES * SITE_UM - (epiphysis_um(day, birth) if secondary else 0.0)
    spans = (("ossification", max(0.0, x_front - 500.0), x_front), ("calcified", x_front, x_hyper),
             ("hypertrophic", x_hyper, x_prolif), ("proliferative", x_prolif, x_rest), ("resting", x_rest, end))
    return tuple((k, a / SITE_UM, b / SITE_UM, "x") for k, a, b in spans
                 if b - a >= SITE_UM and (look.bone or k != "ossification"))  # no bone laid: no such zone


def _spongy(X: np.ndarray, Y: np.ndarray, phases: np.ndarray) -> np.ndarray:
    """A smooth, irregular network of trabeculae (True = bone strut), about 25 µm thick."""
    a, b, c, d = phases
    f = (np.sin(X / 41.0 + a) * np.sin(Y / 33.0 + b) + 0.7 * np.sin((X + 1.3 * Y) / 29.0 + c)
         + 0.5 * np.sin((2.0 * X - Y) / 53.0 + d))
    struts = np.abs(f) < 0.32
    n = count_neighbours(struts, NEIGHBOURS_4)
    return (struts & (n >= 1)) | (~struts & (n >= 4))  # no lone sites (speckle) either way


@lru_cache(maxsize=8)
def _layout(seed: int):
    """The seeded, time-independent part of the window: column phases, jitter, resting cells."""
    rng = np.random.default_rng(seed)
    h_um = HEIGHT_SITES * SITE_UM
    n_cols = int(h_um // COLUMN_UM) + 1
    col_y = SEPTUM0_UM + (np.arange(n_cols) + 0.5) * COLUMN_UM  # column axes, midway between septa
    k = np.arange(-2, 200, dtype=np.float64)
    n_spic = int(h_um // SPICULE_UM) + 2
    return {
        "n_cols": n_cols,
        "col_y": col_y,
        "phase": rng.random(n_cols),
        "length": 1.0 + 0.12 * rng.standard_normal(n_cols),
        "k": k,
        "jitter": rng.normal(0, 1.0, (n_cols, k.size)),
        "rest_x": rng.random((n_cols, 4)),
        "rest_y": col_y[:, None] + rng.normal(0, 6, (n_cols, 4)),
        "rest_n": 2 + rng.integers(0, 3, n_cols),
        "spic_off": rng.random((n_spic, 3)) * 400.0,
        "bridge": rng.random(WIDTH_SITES),
        "bridge_rows": rng.random(HEIGHT_SITES),
        "spongy": rng.random(4) * 6.283,
        "wave": rng.random((n_spic, 4)) * 6.283,  # each spicule's own bends and its marrow space's capillary
        "bridge_at": 180.0 + 220.0 * rng.random(n_spic),  # depth of an oblique strut to the next spicule ...
        "bridged": rng.random(n_spic) < 0.6,  # ... in about half the marrow spaces
    }


@lru_cache(maxsize=8)
def _grid(seed: int):
    """The window's time-independent grids (site centres, columns, spicule rows, the epiphysis's trabeculae):
    worked out once, not at every frame; read-only."""
    lay = _layout(seed)
    xs = (np.arange(WIDTH_SITES) + 0.5) * SITE_UM
    ys = (np.arange(HEIGHT_SITES) + 0.5) * SITE_UM
    X, Y = np.meshgrid(xs, ys)
    col_i = np.clip(np.floor((Y - SEPTUM0_UM) / COLUMN_UM).astype(int), 0, lay["n_cols"] - 1)
    n_spic = lay["spic_off"].shape[0]
    near = np.floor((Y - SEPTUM0_UM + SPICULE_UM / 2) / SPICULE_UM).astype(int)
    spic_idx = near % n_spic
    below = np.floor((Y - SEPTUM0_UM) / SPICULE_UM).astype(int)
    bi = below % n_spic
    up = Y - (SEPTUM0_UM + below * SPICULE_UM)
    out = {
        "xs": xs, "ys": ys, "X": X, "Y": Y, "col_i": col_i, "col_r": col_i[:, 0].copy(),  # column of cells by row
        "on_axis": np.abs(Y - lay["col_y"][col_i]) < 0.35 * COLUMN_UM,
        "dy": ((Y - SEPTUM0_UM + SPICULE_UM / 2) % SPICULE_UM) - SPICULE_UM / 2,
        "length": 430.0 + 0.5 * lay["spic_off"][spic_idx, 0] + 0.0,
        "y_near": Y - (SEPTUM0_UM + near * SPICULE_UM),
        "bridge_at": lay["bridge_at"][bi],
        "up6": 0.6 * up,
        "bridged": lay["bridged"][bi] & (below >= 0),
        "strut_len": 380.0 + 0.5 * lay["spic_off"][bi, 0],
        "mid0": SEPTUM0_UM + (below + 0.5) * SPICULE_UM,
        "struts": _spongy(X, Y, lay["spongy"]),
        # one site in eleven, in a slanted pattern: where osteocytes sit in solid bone
        "every11": (np.arange(WIDTH_SITES)[None, :] * 7 + np.arange(HEIGHT_SITES)[:, None] * 3) % 11 == 0,
        # every row of sites lies across one spicule and one marrow space: what varies along the bone is worked
        # out once per distinct spicule (a few rows' worth), then spread over the rows that share it
        "spic_u": np.unique(spic_idx[:, 0], return_inverse=True),
        "bi_u": np.unique(bi[:, 0], return_inverse=True),
        "length_u": (430.0 + 0.5 * lay["spic_off"][np.unique(spic_idx[:, 0]), 0] + 0.0)[:, None],
    }
    for v in out.values():
        for a in (v if isinstance(v, tuple) else (v,)):
            a.setflags(write=False)
    return out


def _spicule(lay, i, depth, length):
    """(axis offset across the bone, half-thickness of its bone) in µm of spicule i at a depth below the front:
    gently bent, bone thickening away from the front as osteoblasts add to it, thinning towards the tip where
    osteoclasts resorb it."""
    ph = lay["wave"][i]
    wob = 7.0 * np.sin(depth / 67.0 + ph[..., 0]) + 4.0 * np.sin(depth / 29.0 + ph[..., 1])
    half = (6.0 + 10.0 * _clip((depth - 20.0) / 120.0, 0.0, 1.0)) * _clip((length - depth) / 110.0, 0.45, 1.0)
    return wob, half + 2.5 * np.sin(depth / 83.0 + ph[..., 2])  # slow swelling: no one-row tabs on the rims


def _capillary(lay, i, depth):
    """Offset (µm) of the capillary in the marrow space above spicule i from the space's middle: it winds."""
    return 12.0 * np.sin(depth / 53.0 + lay["wave"][i][..., 3])


def plate_window(day: float, grown_um: float, secondary: bool, closing: float, birth: float, seed: int = 3,
                 look: PlateLook = NORMAL, scales: dict | None = None):
    """Tissue raster (rows, cols) and cell positions (in sites) of the distal growth plate at `day`.

    When `scales` is a dict it receives each swelling cell's glyph stretch (n, 2) (hypertrophic chondrocytes:
    length along the axis and width across, relative to HYPER_PITCH_UM).

    The epiphysis is on the right, the shaft (metaphysis) on the left; everything left of the
    resting zone flows leftwards by `grown_um` as the plate adds length. Vectorised over columns.
    """
    lay = _layout(seed)
    w_um = WIDTH_SITES * SITE_UM
    prolif, hyper, calc = look.widths or zone_widths(day, birth, closing)
    x_rest, x_prolif, x_hyper, x_front = _bounds(day, birth, closing, look, secondary)
    epi_x = w_um - epiphysis_um(day, birth) if secondary else w_um + 1.0
    fatty = day >= birth + FATTY_YEARS * 365.25  # the epiphysis's marrow, as in the organ
    g = _grid(seed)
    xs, X, Y = g["xs"], g["X"], g["Y"]
    lamellar = day > birth + 1.5 * 365.25

    tissue = np.full((HEIGHT_SITES, WIDTH_SITES), T.CARTILAGE, np.uint8)
    tissue[:, (xs >= x_prolif) & (xs < x_rest)] = T.PROLIFERATIVE  # zones are bands across the window: by column
    tissue[:, (xs < x_prolif) & (xs >= x_hyper)] = T.HYPERTROPHIC
    tissue[:, (xs < x_hyper) & (xs >= x_front)] = T.CALCIFIED
    # chondrocyte columns (rows: columns, axis 1: material index k counted from the resting zone);
    # each cell that dies at the front adds HYPER_PITCH_UM of length, so that much growth advances a column by one
    shift = (grown_um / HYPER_PITCH_UM + lay["phase"]) % 1.0
    k = lay["k"][None, :] + shift[:, None]
    n_prolif = (prolif / PROLIF_PITCH_UM * lay["length"])[:, None]
    x = x_prolif + (prolif - k * prolif / np.maximum(n_prolif, 1e-6))
    kh = k - n_prolif  # index in the hypertrophic zone: the cell's length L grows linearly with depth d,
    l1 = HYPER_START_UM + (HYPER_PITCH_UM - HYPER_START_UM) * min(1.0, hyper / 120.0)  # so d(kh) is exponential
    rate = max((l1 - HYPER_START_UM) / max(hyper, 1.0), 1e-6)
    n_hyper = np.log(l1 / HYPER_START_UM) / rate if hyper > 1.0 else 0.0
    d = np.where(kh < n_hyper, HYPER_START_UM / rate * (np.exp(rate * _clip(kh, 0, None)) - 1.0),
                 hyper + (kh - n_hyper) * l1)
    length_um = np.minimum(HYPER_START_UM + rate * d, l1)
    x = np.where(kh >= 0, x_prolif - d, x)
    y = lay["col_y"][:, None] + lay["jitter"]
    in_hyper = (kh >= 0) & (x >= x_hyper)
    in_calc = (kh >= 0) & (x < x_hyper) & (x > x_front - l1 / 2)  # lacunae in the calcified matrix
    # calcified zone: matrix with the lacunae of the columns (the deepest empty: their cells have died)
    calc_zone = ((xs < x_hyper) & (xs >= x_front))[None, :]
    on_axis, dy = g["on_axis"], g["dy"]  # dy: distance to the nearest septum row
    # (rows, cols, k) centres of this column's calcified lacunae: worked out only over the columns of sites that can
    # hold one (the calcified zone and a lacuna's length beyond the front), not the whole window
    span = np.flatnonzero((xs < x_hyper) & (xs >= x_front - l1))
    lac = None  # the columns c0:c1 that can hold a lacuna, and which of their sites lie in one
    if span.size:
        c0, c1 = int(span[0]), int(span[-1]) + 1
        ks = np.flatnonzero(in_calc.any(axis=0))
        if ks.size:
            # a row of sites lies on one column of cells: worked out once per column of cells, then spread over
            # the rows on it
            lac_x = np.where(in_calc, x, np.inf)[:, None, ks]
            lac_len = np.where(in_calc, length_um, 0.0)[:, None, ks]
            in_col = (np.abs(xs[None, c0:c1, None] - lac_x) < lac_len / 2 - 5.5).any(axis=2)  # septa between
            lac = np.s_[:, c0:c1], in_col[g["col_r"]]
            tissue[lac[0]][calc_zone[lac[0]] & on_axis[lac[0]] & lac[1]] = T.HYPERTROPHIC
    # metaphysis: mixed spicules (a calcified longitudinal septum, bone laid on both faces a little below the
    # front) with marrow and vessels between; further from the front osteoclasts shorten them. Worked out only
    # over its columns (left of the front)
    cf = int(np.searchsorted(xs, x_front))  # columns with xs < x_front
    if cf:
        m_ = np.s_[:, :cf]
        meta = tissue[m_]  # (a view: written through)
        depth = (x_front - xs[:cf])[None, :]  # by column, broadcast over the rows
        length = g["length"][m_]
        su, rows = g["spic_u"]
        wob, half = (a[rows] for a in _spicule(lay, su[:, None], depth, g["length_u"]))
        dyw = g["y_near"][m_] - wob  # across the nearest spicule, from its (bent) axis
        # where the bent axis moves to the next row of sites, a site column also takes the rows its front-side
        # neighbour has: core and coat step with an overlap (the drawn edge slopes), never as bars offset by a row
        wob_next = _spicule(lay, su[:, None], depth - SITE_UM, g["length_u"])[0][rows]
        dyw_next = dyw + wob - wob_next
        coat = ((np.abs(dyw) < half) | (np.abs(dyw_next) < half)) & (depth < length) & (depth > 20.0)
        core = ((np.abs(dyw) < 5.0) | (np.abs(dyw_next) < 5.0)) & (depth < 0.7 * length)
        # here and there an oblique strut joins a spicule to the next: a young network, not parallel bars
        strut = (np.abs(depth - g["bridge_at"][m_] - g["up6"][m_]) < 9.0) & g["bridged"][m_] \
            & (depth < g["strut_len"][m_])
        meta[...] = T.MARROW
        meta[coat | strut] = T.BONE
        meta[core] = T.CALCIFIED
        # a capillary winds down the middle of each marrow space (the axis of a resorbed column), between the
        # spicules and never across them, and ends as a loop in that column's last opened lacuna at the front
        mid_y = g["mid0"][m_] + _capillary(lay, g["bi_u"][0][:, None], depth)[g["bi_u"][1]]
        trunk = (np.abs(Y[m_] - mid_y) < 6.0) & (depth > 0.0) & (meta == T.MARROW)
        meta[trunk] = T.VESSEL
        if not look.resorb:  # no osteoclasts: spicules never shortened, bone on calcified cores fills the spaces
            meta[~trunk] = T.BONE
            meta[core] = T.CALCIFIED
        if not look.bone:  # no osteoblasts: calcified cartilage stays (Ihh) or marrow spaces without bone (SP7)
            meta[meta == T.BONE] = T.MARROW if look.cavity else T.CALCIFIED
            if not look.cavity:
                meta[meta == T.MARROW] = T.CALCIFIED
    if lac is not None:  # the capillary's loop in the lacuna (calcified zone: never a metaphysis column)
        c = lac[0]
        loop_end = (np.abs(np.abs(dy[c]) - SPICULE_UM / 2) < 0.35 * COLUMN_UM) & calc_zone[c] & lac[1] \
            & (X[c] < x_front + l1)
        tissue[c][loop_end] = T.VESSEL
    # epiphysis side: the bony plate of the secondary centre (trabeculae with marrow)
    struts = g["struts"]
    if secondary:  # the epiphyseal bone plate on the resting zone, spongy bone with marrow behind it
        e0 = int(np.searchsorted(xs, epi_x, side="right"))  # the epiphysis's columns (xs > epi_x)
        epi = tissue[:, e0:]
        epi[...] = T.YELLOW_MARROW if fatty else T.MARROW
        epi[struts[:, e0:] | ((X[:, e0:] - epi_x) < BONE_PLATE_UM)] = T.TRABECULAR if lamellar else T.BONE
        if not look.resorb:  # no osteoclasts: no marrow spaces in the epiphysis either
            epi[...] = T.TRABECULAR if lamellar else T.BONE
    elif day >= CANALS_DAY:  # the cartilaginous end: cartilage canals (vessels in a connective-tissue sleeve)
        # enter from the epiphysis and end blind in the resting cartilage, reaching deeper as the fetus grows
        reach = (w_um - x_rest) * float(np.interp(day, (CANALS_DAY, 140.0), (0.3, 0.65)))
        along = _clip(w_um - xs, 0.0, reach)  # the canal's axis, from the edge to its blind end (by column)
        dx = xs - (w_um - along)
        near = np.flatnonzero(np.abs(dx) < 25.0)  # only the columns a sleeve can reach (r >= |dx|)
        if near.size:
            c0, c1 = int(near[0]), int(near[-1]) + 1
            for cy, ph in ((0.2 * HEIGHT_SITES * SITE_UM, 0.0), (0.8 * HEIGHT_SITES * SITE_UM, 2.0)):
                ax = cy + 10.0 * np.sin(along[c0:c1] / 60.0 + ph)
                r = np.hypot(dx[c0:c1], g["ys"][:, None] - ax)
                part = tissue[:, c0:c1]
                part[(r < 24.0) & (part == T.CARTILAGE)] = T.PERICHONDRIUM
                part[r < 8.0] = T.VESSEL
    if closing > 0:
        if closing >= 1.0:  # no cartilage left: lamellar spongy bone on both sides of a bony line
            tissue[:] = T.MARROW
            tissue[struts] = T.TRABECULAR
            tissue[:, (xs >= x_rest - 40.0) & (xs < x_rest)] = T.EPIPHYSEAL_LINE
        else:  # bony bridges cross the thinning plate, whole columns at a time
            band = ((xs >= x_front - 20.0) & (xs < epi_x))[None, :]
            bridges = band & (lay["bridge_rows"][:, None] < closing) & (np.abs(dy) < 20.0)
            tissue[bridges] = T.EPIPHYSEAL_LINE  # dense bone of the forming line, as the organ draws its bridges

    cells: dict[int, list[np.ndarray]] = {}
    stretch: dict[int, list[np.ndarray]] = {}

    def add(code, x_um, y_um, sxy=None):
        n = np.size(x_um)
        if n:
            pts = np.empty((n, 2), np.float32)  # (x, y) in sites, worked out in float64 and then rounded
            np.divide(np.ravel(x_um), SITE_UM, out=pts[:, 0], casting="same_kind")
            np.divide(np.ravel(y_um), SITE_UM, out=pts[:, 1], casting="same_kind")
            cells.setdefault(int(code), []).append(pts)
            if code == C.HYPERTROPHIC:  # only the swelling cells' glyph stretch is handed out
                stretch.setdefault(int(code), []).append(
                    np.ones((n, 2), np.float32) if sxy is None else np.asarray(sxy, np.float32).reshape(-1, 2))

    p = (k < n_prolif) & (x >= x_prolif) & (x < x_rest)
    add(C.PROLIFERATIVE, x[p], y[p])
    # hypertrophic cells swell down the column (longer along the axis, a little wider); in the calcified zone the
    # upper lacunae still hold a dying cell, the deepest ones are empty
    upper = in_calc & (x > 0.5 * (x_hyper + x_front))  # the site under each upper calcified lacuna's cell only
    at = tissue[_clip((y[upper] / SITE_UM).astype(int), 0, HEIGHT_SITES - 1),
                _clip((x[upper] / SITE_UM).astype(int), 0, WIDTH_SITES - 1)]
    alive = in_hyper.copy()
    alive[upper] |= at == T.HYPERTROPHIC  # not in an opened one
    grow = _clip((length_um - HYPER_START_UM) / max(HYPER_PITCH_UM - HYPER_START_UM, 1e-6), 0.0, 1.0)
    width_um = HYPER_WIDTH_UM[0] + (HYPER_WIDTH_UM[1] - HYPER_WIDTH_UM[0]) * grow
    add(C.HYPERTROPHIC, x[alive], y[alive],
        np.stack([length_um[alive], width_um[alive]], axis=1) / HYPER_PITCH_UM)
    # resting cells scattered singly or in pairs in the reserve zone only
    rest_w = min(epi_x, w_um) - x_rest
    if rest_w > 15.0 and closing < 1.0:
        rest = np.arange(4)[None, :] < lay["rest_n"][:, None]
        # the reserve cartilage grows slowly too: its cells drift apart (and the window shows new ones) as the plate grows
        drift = (lay["rest_x"][rest] + 0.01 * grown_um / rest_w) % 1.0
        rx, ry = x_rest + 6.0 + drift * (rest_w - 12.0), lay["rest_y"][rest]
        on_cart = tissue[_clip((ry / SITE_UM).astype(int), 0, HEIGHT_SITES - 1),
                         _clip((rx / SITE_UM).astype(int), 0, WIDTH_SITES - 1)] == T.CARTILAGE  # not in a canal
        add(C.CHONDROCYTE, rx[on_cart], ry[on_cart])
    # metaphysis cells move with the bone: osteoblasts line both faces of each spicule
    n_spic = lay["spic_off"].shape[0]
    yc = (SEPTUM0_UM + np.arange(n_spic) * SPICULE_UM)[:, None]
    m = np.arange(0, 60)[None, :]
    span = max(x_front, 1e-6)
    off = lay["spic_off"]
    spic_len = 430.0 + 0.5 * off[:, :1]
    xb = x_front - ((m * 15.0 + grown_um + off[:, 1:2]) % span)
    dep = x_front - xb
    on = (dep > 26.0) & (dep < spic_len) & (closing < 1.0) & look.bone  # bone starts ~20 µm below the front
    side = np.where(m % 2 == 0, 1.0, -1.0)
    ii = np.arange(n_spic)[:, None] + 0 * m
    bw, bh = _spicule(lay, ii, dep, spic_len)
    blast = on & (m % 4 < 2) & (bh > 6.0)  # one every 30 µm along each face, the spicule visible between them
    ob_x, ob_y = xb[blast], (yc + bw + side * (bh + 3.0))[blast]
    ob_i = _clip((ob_x / SITE_UM).astype(int), 0, WIDTH_SITES - 1)
    ob_j = (ob_y / SITE_UM).astype(int)
    is_bone = tissue == T.BONE

    def bone_at(j):
        return is_bone[_clip(j, 0, HEIGHT_SITES - 1), ob_i]

    out = np.broadcast_to(side, on.shape)[blast].astype(int)  # the face's outward direction
    for _ in range(2):  # a cell that landed on the bent bone steps out onto its surface
        into = bone_at(ob_j) & ~bone_at(ob_j + out)
        ob_y = np.where(into, ob_y + out * SITE_UM, ob_y)
        ob_j = np.where(into, ob_j + out, ob_j)
    # only where the bone really is beside it (its surface), never on the bone itself
    touch = ~bone_at(ob_j) & (bone_at(ob_j - 1) | bone_at(ob_j + 1))
    # not in a notch with bone on two sides (where a strut meets a spicule): the drawn, rounded bone fills it
    jj = _clip(ob_j, 0, HEIGHT_SITES - 1)
    sides = (bone_at(ob_j - 1).astype(int) + bone_at(ob_j + 1) + is_bone[jj, _clip(ob_i - 1, 0, WIDTH_SITES - 1)]
             + is_bone[jj, _clip(ob_i + 1, 0, WIDTH_SITES - 1)])
    touch &= sides < 2
    add(C.OSTEOBLAST, ob_x[touch], ob_y[touch])  # on the bone's surface
    cyte = on & (m % 9 == 3) & (dep > 80.0) & (bh > 9.0)
    add(C.OSTEOCYTE, xb[cyte], (yc + bw + side * 0.55 * bh)[cyte])
    # osteoclasts: at the spicule tips they shorten, and (as chondroclasts) at the calcified front
    tip = np.ones((n_spic, 1)) * (closing < 1.0) * look.resorb
    tip_x = x_front - spic_len - 6.0
    tip_w, _ = _spicule(lay, np.arange(n_spic)[:, None], spic_len + 6.0, spic_len)
    add(C.OSTEOCLAST, tip_x[(np.arange(n_spic) % 2 == 0)[:, None] & (tip > 0)],
        (yc + tip_w + 3.0)[(np.arange(n_spic) % 2 == 0)[:, None] & (tip > 0)])
    chondro = (np.arange(n_spic) % 3 == 1) & (closing < 1.0) & look.resorb
    other = np.where(np.arange(n_spic) % 2 == 0, -1.0, 1.0) * COLUMN_UM * 0.6  # beside the loop, not on it
    add(C.OSTEOCLAST, np.full(chondro.sum(), x_front - 12.0), (yc[:, 0] + SPICULE_UM / 2 + other)[chondro])
    # marrow between the spicules: osteoprogenitors near the front, blood-forming cells behind it
    mx = x_front - ((m * 17.0 + grown_um + off[:, 2:3]) % span)
    mdep = x_front - mx
    my = yc + SPICULE_UM / 2 + _capillary(lay, ii, mdep) + np.where(m % 3 == 0, 17.0, -17.0)  # beside the capillary
    prog = (mdep > 20.0) & (mdep < 160.0) & (m % 4 == 1) & (closing < 1.0)
    add(C.OSTEOPROGENITOR, mx[prog], my[prog])
    if day >= BLOOD_DAY and look.resorb and look.cavity:
        blood = (mdep > 170.0) & (m % 2 == 0)
        add(C.HAEMATOPOIETIC, mx[blood], my[blood])
    vy, vx = np.nonzero(tissue == T.VESSEL)
    keep_v = (vx % 3 == 0) & (vy % 2 == 0)  # an endothelial nucleus every ~30 µm along each vessel
    add(C.ENDOTHELIAL, (vx[keep_v] + 0.5) * SITE_UM, (vy[keep_v] + 0.5) * SITE_UM)
    if secondary and closing < 1.0:  # osteocytes in the epiphyseal bone plate and the centre's trabeculae
        e0 = int(np.searchsorted(xs, epi_x, side="right"))  # the epiphysis's columns (xs > epi_x)
        part = tissue[:, e0:]
        ey, ex = np.nonzero(((part == T.TRABECULAR) | (part == T.BONE)) & g["every11"][:, e0:])
        add(C.OSTEOCYTE, (ex + e0 + 0.5) * SITE_UM, (ey + 0.5) * SITE_UM)
    if closing >= 1.0:  # the closed plate: osteocytes in the line and the trabeculae
        ty, tx = np.nonzero(np.isin(tissue, (T.TRABECULAR, T.EPIPHYSEAL_LINE)) & ((np.arange(WIDTH_SITES)[None, :] * 7
                                                                                     + np.arange(HEIGHT_SITES)[:, None] * 3) % 11 == 0))
        add(C.OSTEOCYTE, (tx + 0.5) * SITE_UM, (ty + 0.5) * SITE_UM)
        my2 = (np.nonzero(tissue == T.MARROW))
        sel = (my2[0] * 5 + my2[1] * 3) % 7 == 0
        add(C.HAEMATOPOIETIC, (my2[1][sel] + 0.5) * SITE_UM, (my2[0][sel] + 0.5) * SITE_UM)
    out = {}
    for code, parts in cells.items():
        pts = np.concatenate(parts)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] <= WIDTH_SITES) & (pts[:, 1] >= 0) & (pts[:, 1] <= HEIGHT_SITES)
        if closing > 0 and code in (C.PROLIFERATIVE, C.HYPERTROPHIC):
            iy = _clip(pts[:, 1].astype(int), 0, HEIGHT_SITES - 1)
            inside &= lay["bridge_rows"][iy] >= closing  # no columns left where bone has bridged
        every = bool(inside.all())  # (mostly: then no copy)
        out[code] = pts if every else pts[inside]
        if scales is not None and code == C.HYPERTROPHIC:
            sxy = np.concatenate(stretch[code])
            scales[code] = sxy if every else sxy[inside]
    return tissue, out


def plate_labels(tissue: np.ndarray, cells: dict, zones, closing: float) -> list[tuple[str, float, float]]:
    """Labels inside the window (zones, mixed spicule, osteoclast, osteoblast, epiphyseal line), in sites."""
    out = []
    mid = HEIGHT_SITES / 2
    own = {"resting": T.CARTILAGE, "proliferative": T.PROLIFERATIVE, "hypertrophic": T.HYPERTROPHIC,
           "calcified": T.CALCIFIED}
    for key, a, b, _axis in zones:
        x, y = (a + b) / 2, mid * 0.5
        if key in own:  # on the zone's own tissue (not on a bony bridge or spicule crossing it)
            c0, c1 = min(max(int(a), 0), WIDTH_SITES), min(max(int(b), int(a) + 1), WIDTH_SITES)
            on = tissue[:, c0:max(c0, c1)] == own[key]  # the zone's columns only
            if on.any():  # the nearest of its sites (the first in map order among equals): squared distances
                # along and across, each worked out once per column and per row
                fx = (np.arange(c0, max(c0, c1)) + 0.5 - x) ** 2
                fy = (np.arange(HEIGHT_SITES) + 0.5 - y) ** 2
                r, c = divmod(int(np.argmin(np.where(on, fx[None, :] + fy[:, None], np.inf))), on.shape[1])
                x, y = float(c + c0) + 0.5, float(r) + 0.5
        out.append((key, x, y))
    bound = min((b for k, a, b, _ in zones if k == "ossification"), default=0) - 4
    meta_core = np.argwhere(tissue[:, :min(max(math.ceil(bound), 0), WIDTH_SITES)] == T.CALCIFIED)  # columns < bound
    if meta_core.size:  # a core in the shaft-side half of the spongiosa: its label goes left with the cell labels,
        # its leader never crossing the plate
        ys, xs = meta_core[:, 0], meta_core[:, 1]
        i = int(np.argmin(np.abs(xs - _quartile(xs)) + 0.5 * np.abs(ys - mid * 0.6)))
        out.append(("mixed_spicule", float(xs[i]) + 0.5, float(ys[i]) + 0.5))
    for code, key in ((C.OSTEOCLAST, "osteoclast"), (C.OSTEOBLAST, "osteoblast")):
        pts = cells.get(int(code))
        if pts is not None and len(pts):
            i = int(np.argmin(np.abs(pts[:, 1] - mid * 1.4) + 0.1 * np.abs(pts[:, 0] - WIDTH_SITES * 0.3)))
            out.append((key, float(pts[i, 0]), float(pts[i, 1])))
    line = np.argwhere(tissue == T.EPIPHYSEAL_LINE) if closing >= 1.0 else ()
    if len(line):
        y, x = line[len(line) // 2]
        out.append(("epiphyseal_line", float(x) + 0.5, float(y) + 0.5))
    return out


def _quartile(xs: np.ndarray) -> float:
    """np.percentile(xs, 25) of whole site indices, exactly (linear interpolation), without its overhead."""
    n = xs.size
    v = 0.25 * n - 0.25  # numpy's virtual index for the 25th percentile
    lo = int(math.floor(v))
    s = np.partition(xs, (lo, min(lo + 1, n - 1))) if n > 1 else xs
    a, b, t = float(s[lo]), float(s[min(lo + 1, n - 1)]), v - lo
    return a + (b - a) * t if t < 0.5 else b - (b - a) * (1.0 - t)  # numpy's lerp (exact here: t is 0, .25, .5, .75)
