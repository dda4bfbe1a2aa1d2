"""Fracture-repair measures read from the model's grid: callus bone and cartilage, bridging, callus width, marrow."""

from __future__ import annotations

import numpy as np

from .history import History
from .kinds import Tissue as T
from .lattice import NEIGHBOURS_4, any_neighbour, count_neighbours

MEASURES: dict[str, str] = {
    "callus_bone_fraction": "",
    "cartilage_fraction": "",
    "bridged_share": "",
    "cortex_gap_bone": "",
    "callus_width_mm": "mm",
    "marrow_reopened": "",
}

_BONE = (T.BONE, T.COMPACT)
_CART = (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED)


def _connected(mask: np.ndarray, start: np.ndarray, goal: np.ndarray) -> bool:
    """Whether `start` reaches `goal` through `mask` (flood fill by repeated dilation)."""
    reached = start & mask
    while True:
        if (reached & goal).any():
            return True
        grown = any_neighbour(reached) & mask | reached
        if (grown == reached).all():
            return False
        reached = grown


def bridged(shape, tis: np.ndarray) -> float:
    """Share of the two cortices (near and far) joined across the fracture line by living bone, through the
    cortex or the callus over it (radiographic bridging)."""
    g, p = shape, shape.p
    half = np.arange(tis.shape[0])[:, None] < g.cy
    bone = np.isin(tis, _BONE)
    side = g.r > p.shaft_half - p.cortex - 1  # cortex and what lies outside it
    reach = p.gap + 6
    out = []
    for h in (half, ~half):
        m = bone & side & h
        out.append(_connected(m, m & (g.dx < -reach), g.dx > reach))
    return float(np.mean(out))


def measure(model, history: History, day: float) -> dict[str, float]:
    g, p = model.shape, model.p
    tis = history.grids(history.step_at(day))["section"]
    callus = tis[g.callus]
    # what the callus is made of now (bone, cartilage, fibrous tissue), without the marrow and vascular spaces that
    # the woven trabeculae surround (callus tissue composition, as in histomorphometry)
    active = ~np.isin(callus, (T.MUSCLE, T.PERIOSTEUM, T.MARROW, T.VESSEL))
    n = max(int(active.sum()), 1)
    hw = int(np.ceil(max(p.gap, 1) / 2)) + 1
    rows = np.flatnonzero(g.cortex[:, 0])
    # bone, or the Haversian canal of an osteon inside it (a vessel walled by compact bone)
    solid = np.isin(tis, _BONE) | ((tis == T.VESSEL) & (count_neighbours(tis == T.COMPACT, NEIGHBOURS_4) >= 3))
    crossed = [solid[y, np.abs(g.dx[y]) < hw].all() for y in rows]
    outer = np.isin(tis, _BONE + _CART + (T.MESENCHYME, T.VESSEL)) & (g.r > p.shaft_half)
    width = 2 * (p.shaft_half + (float(g.r[outer].max() - p.shaft_half) if outer.any() else 0.0))
    inner = g.marrow & (g.adx < p.gap + 4)
    return {
        "callus_bone_fraction": float(np.isin(callus, _BONE).sum() / n) if active.any() else 0.0,
        "cartilage_fraction": float(np.isin(callus, _CART).sum() / n) if active.any() else 0.0,
        "bridged_share": bridged(g, tis),
        "cortex_gap_bone": float(np.mean(crossed)),
        "callus_width_mm": width * p.site_um / 1000.0,
        "marrow_reopened": float(np.mean(tis[inner] == T.MARROW)),
    }
