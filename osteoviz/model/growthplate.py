"""Growth-plate histology at true cellular scale: chondrocyte columns flowing through the zones as the bone lengthens.

The organ model decides where the plate is and how fast the femur grows; this module turns that
into a 1.3 x 0.7 mm window of the distal plate. Each column is a stack of chondrocytes: a cell is
born in the proliferative zone, is pushed towards the shaft by the divisions behind it, enlarges
in the hypertrophic zone, dies at the calcified front, and its longitudinal septa are used by
osteoblasts as scaffolding for trabeculae. Positions follow from how much the plate has grown
(the integral of the growth speed), so any time is computed directly and the cells move smoothly.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .kinds import Cell as C, Tissue as T

SITE_UM = 10.0  # one raster site
WIDTH_SITES, HEIGHT_SITES = 128, 72  # 1.28 mm along the axis, 0.72 mm across
COLUMN_UM = 24.0  # spacing of chondrocyte columns across the plate
PROLIF_PITCH_UM = 9.0  # flattened proliferating cells, stacked like coins
HYPER_PITCH_UM = 30.0  # a hypertrophic cell's length along the axis
RESTING_UM = 140.0


def zone_widths(day: float, birth: float, closing: float) -> tuple[float, float, float]:
    """(proliferative, hypertrophic, calcified) zone widths in µm: thinner with age, gone at closure."""
    years = max(0.0, (day - birth) / 365.25)
    prolif = float(np.interp(years, (0, 2, 8, 14), (360.0, 300.0, 230.0, 170.0)))
    hyper = float(np.interp(years, (0, 2, 8, 14), (240.0, 210.0, 170.0, 130.0)))
    keep = 1.0 - closing
    return prolif * keep, hyper * keep, 40.0 * keep


@lru_cache(maxsize=8)
def _layout(seed: int):
    """The seeded, time-independent part of the window: column phases, jitter, resting cells."""
    rng = np.random.default_rng(seed)
    h_um = HEIGHT_SITES * SITE_UM
    n_cols = int(h_um // COLUMN_UM)
    col_y = (np.arange(n_cols) + 0.5) * COLUMN_UM
    k = np.arange(-2, 80, dtype=np.float64)
    return {
        "n_cols": n_cols,
        "col_y": col_y,
        "phase": rng.random(n_cols),
        "length": 1.0 + 0.15 * rng.standard_normal(n_cols),
        "k": k,
        "jitter": rng.normal(0, 1.2, (n_cols, k.size)),
        "rest_x": rng.random((n_cols, 4)) * (RESTING_UM + 100.0),
        "rest_y": col_y[:, None] + rng.normal(0, 5, (n_cols, 4)),
        "rest_n": 2 + rng.integers(0, 3, n_cols),
        "offsets": rng.random((n_cols + 1, 2)) * 400.0,
        "closure_draw": rng.random((HEIGHT_SITES, WIDTH_SITES)),
    }


def plate_window(day: float, grown_um: float, secondary: bool, closing: float, birth: float, seed: int = 3):
    """Tissue raster (rows, cols) and cell positions (in sites) of the distal growth plate at `day`.

    The epiphysis is on the right, the shaft (metaphysis) on the left; everything left of the
    resting zone flows leftwards by `grown_um` as the plate adds length. Vectorised over columns.
    """
    lay = _layout(seed)
    w_um = WIDTH_SITES * SITE_UM
    prolif, hyper, calc = zone_widths(day, birth, closing)
    x_rest = w_um - 260.0  # left edge of the resting zone (µm from the left of the window)
    x_prolif = x_rest - prolif
    x_hyper = x_prolif - hyper
    x_front = x_hyper - calc
    xs = (np.arange(WIDTH_SITES) + 0.5) * SITE_UM
    ys = (np.arange(HEIGHT_SITES) + 0.5) * SITE_UM
    X, Y = np.meshgrid(xs, ys)
    frac = (Y / COLUMN_UM) % 1.0
    septum = (frac < 0.2) | (frac > 0.8)

    tissue = np.full((HEIGHT_SITES, WIDTH_SITES), T.CARTILAGE, np.uint8)
    tissue[(X >= x_prolif) & (X < x_rest)] = T.PROLIFERATIVE
    tissue[(X < x_prolif) & (X >= x_hyper)] = T.HYPERTROPHIC
    tissue[(X < x_hyper) & (X >= x_front)] = T.CALCIFIED
    # metaphysis: septa carry bone (primary spongiosa), lacunae open into marrow with vessels;
    # further from the front osteoclasts thin the trabeculae out
    meta = X < x_front
    flow = (X + grown_um) % 180.0  # trabecular pattern moving with the bone
    keep_septum = septum & ((x_front - X) < 420.0 + 200.0 * (flow / 180.0))
    tissue[meta] = T.MARROW
    tissue[meta & keep_septum] = T.BONE
    tissue[meta & ~septum & (np.abs(frac - 0.5) < 0.12) & ((flow % 90.0) < 30.0)] = T.VESSEL
    # epiphysis side: resting cartilage, then the bony plate of the secondary centre
    if secondary:
        tissue[X > w_um - 120.0] = T.BONE
        tissue[(X > w_um - 120.0) & ~septum & ((Y + 37.0) % 110.0 < 55.0)] = T.MARROW
    if closing > 0:
        band = (X > x_front - 30.0) & (X < x_rest + 20.0)
        tissue[band & (lay["closure_draw"] < closing)] = T.BONE
        if closing >= 0.999:
            tissue[(X > x_rest - 30.0) & (X < x_rest + 10.0)] = T.EPIPHYSEAL_LINE

    cells: dict[int, list[np.ndarray]] = {}

    def add(code, x_um, y_um):
        if x_um.size:
            cells.setdefault(int(code), []).append(np.stack([x_um / SITE_UM, y_um / SITE_UM], axis=1).astype(np.float32))

    # chondrocyte columns (rows: columns, axis 1: material index k counted from the resting zone);
    # every HYPER_PITCH_UM of growth advances each column by one cell
    shift = (grown_um / HYPER_PITCH_UM + lay["phase"]) % 1.0
    k = lay["k"][None, :] + shift[:, None]
    n_prolif = (prolif / PROLIF_PITCH_UM * lay["length"])[:, None]
    n_hyper = (hyper / HYPER_PITCH_UM * lay["length"])[:, None]
    x = x_prolif + (prolif - k * prolif / np.maximum(n_prolif, 1e-6))
    kh = k - n_prolif
    in_hyper = (kh >= 0) & (kh < n_hyper)
    x = np.where(in_hyper, x_prolif - kh / np.maximum(n_hyper, 1e-6) * hyper, x)
    y = lay["col_y"][:, None] + lay["jitter"]
    p = (k < n_prolif) & (x >= x_prolif) & (x < x_rest)
    add(C.PROLIFERATIVE, x[p], y[p])
    add(C.HYPERTROPHIC, x[in_hyper], y[in_hyper])
    rest = np.arange(4)[None, :] < lay["rest_n"][:, None]
    add(C.CHONDROCYTE, x_rest + lay["rest_x"][rest], lay["rest_y"][rest])
    # metaphysis cells move with the bone: osteoblasts line the septa, a few osteoclasts resorb
    m = np.arange(0, 40)[None, :]
    off = lay["offsets"]
    y0 = (np.arange(off.shape[0]) * COLUMN_UM)[:, None] + np.zeros_like(m)
    span = x_front + 1e-6
    xb = x_front - ((m * 40.0 + grown_um + off[:, :1]) % span)
    near = (x_front - xb) < 420.0 + 200.0 * (((xb + grown_um) % 180.0) / 180.0)
    blast = near & (m % 2 == 0)
    add(C.OSTEOBLAST, xb[blast], y0[blast] + 5.0)
    cyte = near & (m % 5 == 1)
    add(C.OSTEOCYTE, xb[cyte], y0[cyte])
    every_third = (np.arange(off.shape[0]) % 3 == 0)[:, None]
    clast = near & every_third & (m % 31 == (off[:, 1:].astype(int) % 31)) & ((x_front - xb) > 40.0)
    add(C.OSTEOCLAST, xb[clast], y0[clast] + 4.0)
    marrow_x = x_front - ((m * 23.0 + grown_um + off[:, 1:]) % span)
    blood = (m % 3 == 0) & ((x_front - marrow_x) > 120)
    add(C.HAEMATOPOIETIC, marrow_x[blood], y0[blood] + 12.0)
    vy, vx = np.nonzero(tissue == T.VESSEL)
    add(C.ENDOTHELIAL, (vx + 0.5) * SITE_UM, (vy + 0.5) * SITE_UM)
    out = {}
    for code, parts in cells.items():
        pts = np.concatenate(parts)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] <= WIDTH_SITES) & (pts[:, 1] >= 0) & (pts[:, 1] <= HEIGHT_SITES)
        if closing > 0 and code in (C.PROLIFERATIVE, C.HYPERTROPHIC):
            inside &= (np.arange(len(pts)) * 0.6180339887) % 1.0 >= closing
        out[code] = pts[inside]
    return tissue, out
