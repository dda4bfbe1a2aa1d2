"""Labels and signal fields of the fracture frames: only structures that exist at the time shown."""

from __future__ import annotations

import numpy as np

from .kinds import Cell as C, Tissue as T
from .lattice import any_neighbour, count_neighbours, diffuse
from .structures import _anchor


def _upper(mask: np.ndarray, cy: float) -> np.ndarray:
    """The half of a mask above the shaft axis (labels go on the near cortex only)."""
    out = mask.copy()
    out[int(np.ceil(cy)):] = False
    return out


def _inner(mask: np.ndarray) -> np.ndarray:
    """The mask's sites most surrounded by the mask itself (a point off its border where the region is thin)."""
    if not mask.any():
        return mask
    n = count_neighbours(mask)
    n[~mask] = 0
    return mask & (n >= min(8, int(n.max())))


ASIDE = 6  # organ sites (about 20 px at 1080p) between the columns of two anchors whose leaders rise side by side


def organ_labels(tis: np.ndarray, shape) -> list[tuple[str, float, float]]:
    """Structure labels on the shaft section."""
    g, cy = shape, shape.cy
    out = []

    def add(key, mask, prefer="centroid", least=12, inner=False, aside=()):
        m = _inner(mask) if inner else mask
        for other in (x for k, x, _ in out if k in aside):  # off the column of a label whose leader runs beside it
            off = m & (np.abs(np.arange(m.shape[1])[None, :] + 0.5 - other) >= ASIDE)
            if off.sum() >= 3:
                m = off
        a = _anchor(m, prefer) if mask.sum() >= least else None  # not for specks
        if a is not None:
            out.append((key, *a))

    remnant = 0.002 * tis.size  # a callus tissue is named only while it is more than a remnant speck

    lower = ~_upper(np.ones_like(tis, bool), cy)
    outside = g.r > g.p.shaft_half
    cart = np.isin(tis, (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED))
    add("fracture_haematoma", tis == T.HAEMATOMA)
    # the proximal dead end and the proximal granulation tissue, pointed at inside themselves (the centroid of
    # both ends fell between them, in the callus or the cartilage column)
    add("dead_bone", _upper(tis == T.DEAD_BONE, cy) & (g.dx < 0), inner=True)
    add("granulation_tissue", _upper(tis == T.GRANULATION, cy) & (g.r < g.p.shaft_half) & (g.dx < 0), inner=True,
        aside=("dead_bone",))  # both leaders rise to the names above the shaft: not one beside the other
    add("soft_callus", cart & outside & lower, least=remnant)  # the callus is labelled on the far side, the ends on the near
    add("hard_callus", (tis == T.BONE) & outside & lower & (g.adx > 12))
    if not (cart | (tis == T.BONE)).any():  # before the callus: the parts of the shaft
        add("cortical_bone", _upper((tis == T.COMPACT) & (g.adx > g.p.callus_reach + 10), cy))
        add("muscle", lower & (tis == T.MUSCLE) & (g.adx > g.p.callus_reach) & (g.r > g.p.shaft_half + 8))
    add("marrow_cavity", (tis == T.MARROW) & (g.adx > g.p.callus_reach * 0.5) & (g.r < 8))
    return out


def organ_names(shape) -> list[tuple[str, float, float]]:
    """Always drawn: which end is which, and where the fracture line is."""
    g = shape
    # the fracture line is named on the far side, off the near callus and the inset's source rectangle
    return [("proximal", 2.0, 3.0), ("distal", g.p.grid_w - 2.0, 3.0), ("fracture_line", g.cx, g.p.grid_h - 1.0)]


APART = 16  # fine sites (400 µm, about 70 px at 1080p) between the points two inset labels point at


def _apart(mask: np.ndarray, taken: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A point inside the mask: its centre, or, where that is close to a point already labelled, the member site
    nearest the centre that keeps APART from every labelled point (two leaders never end at one spot)."""
    a = _anchor(mask)
    if a is None or not taken:
        return a
    pts = np.array(taken)
    if np.hypot(pts[:, 0] - a[0], pts[:, 1] - a[1]).min() >= APART:
        return a
    ys, xs = np.nonzero(mask)
    fx, fy = xs + 0.5, ys + 0.5
    far = np.hypot(fx[:, None] - pts[None, :, 0], fy[:, None] - pts[None, :, 1]).min(axis=1) >= APART
    if not far.any():
        return a
    cy, cx = ys.mean(), xs.mean()
    i = np.flatnonzero(far)[int(np.argmin(((fy - cy) ** 2 + (fx - cx) ** 2)[far]))]
    return float(fx[i]), float(fy[i])


def _near_others(cells: np.ndarray, mask: np.ndarray, reach: int = 2) -> np.ndarray:
    """Sites within `reach` fine sites (the ring round a named cell) of a cell that is not of the mask's kind."""
    near = (cells != C.NONE) & ~mask
    for _ in range(reach):
        near = near | any_neighbour(near)
    return near


STAND_ALONE = {"empty_lacuna", "osteoblast", "osteoclast"}  # (clot cells lie among red cells and fibrin)
CLOT_NAMED = 0.3  # share of the inset the clot fills for its red cells and fibrin to be pointed at


def inset_labels(fine: np.ndarray, cells: np.ndarray) -> list[tuple[str, float, float]]:
    """Labels inside the inset: the cells and matrix a histologist would point at, where present."""
    out = []

    def add(key, mask):
        if mask.sum() < 6:
            return
        if key in STAND_ALONE:  # a cell with no other kind's cell beside it: the ring holds it only
            alone = mask & ~_near_others(cells, mask)
            if alone.sum() >= 3:
                mask = alone
        a = _apart(mask, [(x, y) for _, x, y in out])
        if a is not None:
            out.append((key, *a))

    def add_tissue(key, mask):
        """A tissue is pointed at only where it is a region, not a speck at the edge (at least 1 % of the
        window), and at a point well inside it, not on its border with the next tissue."""
        if mask.sum() < 0.01 * mask.size:
            return
        inner = mask
        for _ in range(4):
            shrunk = inner & ~any_neighbour(~inner)
            if shrunk.sum() < 3:
                break
            inner = shrunk
        add(key, inner)

    if (fine == T.HAEMATOMA).mean() >= CLOT_NAMED:  # the clot's content is named while the clot is the subject
        add("erythrocyte", cells == C.ERYTHROCYTE)
        add("fibrin", cells == C.FIBRIN)
    add("neutrophil", cells == C.NEUTROPHIL)
    add("macrophage", cells == C.MACROPHAGE)
    add("empty_lacuna", cells == C.EMPTY_LACUNA)
    add_tissue("fracture_haematoma", fine == T.HAEMATOMA)
    add_tissue("granulation_tissue", fine == T.GRANULATION)
    add_tissue("callus_cartilage", fine == T.CARTILAGE)
    add_tissue("hypertrophic", fine == T.HYPERTROPHIC)
    add("osteoclast", cells == C.OSTEOCLAST)
    add("osteoblast", cells == C.OSTEOBLAST)
    add_tissue("woven_bone", fine == T.BONE)
    add_tissue("cortical_bone", fine == T.COMPACT)  # the living cortex, and the lamellar bone that remodelling lays
    return out


def signal_fields(tis: np.ndarray, day: float, pace: float) -> dict[str, np.ndarray]:
    """{"cytokines", "bmp2", "vegf"}, float32 0..1 of the grid's shape.

    Cytokines (IL-1, IL-6, TNF-α) come from the clot and peak at 24 h, back to baseline by 72 h, rising again
    while callus cartilage is resorbed; BMP2 from the activated periosteal progenitors that start repair;
    VEGF from hypertrophic callus chondrocytes (conditions-repair-origins.md §3.2)."""
    d = day / pace
    acute = float(np.exp(-((np.log(max(d, 0.05)) - 0.0) / 0.9) ** 2))
    clot = np.isin(tis, (T.HAEMATOMA, T.GRANULATION)).astype(np.float32)
    late = np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)).astype(np.float32) * 0.35
    cyto = diffuse(np.zeros(tis.shape, np.float32), np.maximum(clot * max(acute, 0.08), late), 6, 0.12)
    bmp = diffuse(np.zeros(tis.shape, np.float32), (tis == T.MESENCHYME).astype(np.float32), 4, 0.2)
    vegf = diffuse(np.zeros(tis.shape, np.float32),
                   np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)).astype(np.float32), 8, 0.1)
    return {"cytokines": np.clip(cyto, 0, 1), "bmp2": np.clip(bmp, 0, 1), "vegf": np.clip(vegf, 0, 1)}
