"""Measures of the femur compared side by side (normal vs experiment), read from the model's own grids."""

from __future__ import annotations

import numpy as np

from .femur_shape import CENTRE_X
from .growthplate import SITE_UM as PLATE_SITE_UM
from .kinds import Tissue as T
from .oi_rules import fracture_plan, zebra_positions

MEASURES = {
    "femur_length_mm": "mm",  # the ossified shaft (what ultrasound FL measures), growth plate to growth plate
    "proliferative_um": "µm",  # proliferative zone of the distal growth plate
    "hypertrophic_um": "µm",  # hypertrophic + calcified zones of the distal growth plate
    "marrow_area_mm2": "mm²",  # marrow in the section (red and yellow)
    "cortical_mm": "mm",  # cortex at mid-shaft (one side)
    "bone_fraction": "",  # share of the section that is bone
    "bv_tv": "",  # trabecular bone volume fraction of the distal metaphysis (bone / (bone + marrow))
    "zebra_lines": "",  # dense metaphyseal bands left by bisphosphonate cycles, seen in the section
    "fractures": "",  # femoral shaft fractures so far
}

_SOLID = (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR, T.EPIPHYSEAL_LINE)
_CORTEX = (T.COMPACT, T.COLLAR)  # the fetal periosteal collar, then cortical bone


def _lut(codes) -> np.ndarray:
    lut = np.zeros(256, bool)
    lut[[int(c) for c in codes]] = True
    return lut


_IS_SOLID, _IS_MARROW, _IS_SWOLLEN = _lut(_SOLID), _lut((T.MARROW, T.YELLOW_MARROW)), _lut((T.HYPERTROPHIC, T.CALCIFIED))


def _plate_row(tissue: np.ndarray) -> tuple[int, int]:
    """(proliferative, hypertrophic + calcified) site counts along the middle row of a plate picture,
    the swollen run taken next to the proliferative zone (not the calcified cores of the metaphysis)."""
    row = tissue[tissue.shape[0] // 2]
    pro = np.flatnonzero(row == T.PROLIFERATIVE)
    if not pro.size:
        return 0, int(_IS_SWOLLEN[row].sum())
    left = row[:pro.min()][::-1]
    swollen = _IS_SWOLLEN[left]
    run = int(np.argmin(swollen)) if not swollen.all() else int(swollen.size)
    return int(pro.size), run


def measure(model, history, day: float) -> dict[str, float]:
    """Each of MEASURES at `day` (vectorised over the grid)."""
    g = model.geo
    tis = history.grids(history.step_at(day))["tissue"]
    k = model.k(day)
    col_mm, row_mm = g.col_mm * k, g.row_mm * k
    solid = _IS_SOLID[tis] & g.inside
    shaft = solid & ~g.epiphysis & ~g.lt_lobe & ~g.gt_lobe
    length = float(np.count_nonzero(shaft.any(axis=0))) * col_mm
    marrow = float(np.count_nonzero(_IS_MARROW[tis] & g.inside)) * col_mm * row_mm
    mid = int(round(g.site(CENTRE_X, 0)[0]))
    # mean over 41 mid-shaft columns, trimmed by a fifth at each end (the nutrient vessel, a fracture gap)
    per_col = np.sort(np.count_nonzero(np.isin(tis[:, mid - 20:mid + 21], _CORTEX), axis=0))
    cortex = float(per_col[per_col.size // 5:-(per_col.size // 5)].mean()) / 2.0 * row_mm
    bone = float(np.count_nonzero(solid)) / max(1, int(np.count_nonzero(g.inside)))
    closing = model.closing(day)[1]
    if closing >= 1.0:
        prolif = hyper = 0.0
    elif day >= model.rules.t_inv + 10:  # the growth-plate histology window, 10 µm sites
        pro_n, hyp_n = _plate_row(model._plate_histology(day)[0].tissue)
        prolif, hyper = pro_n * PLATE_SITE_UM, hyp_n * PLATE_SITE_UM
    else:  # before the plate: the distal half of the organ grid along its axis
        row = tis[g.axis_row(), g.w // 2:]
        um = col_mm * 1000.0
        prolif = float(np.count_nonzero(row == T.PROLIFERATIVE)) * um
        hyper = float(np.count_nonzero(_IS_SWOLLEN[row])) * um
    return {"femur_length_mm": length, "proliferative_um": prolif, "hypertrophic_um": hyper,
            "marrow_area_mm2": marrow, "cortical_mm": cortex, "bone_fraction": bone,
            "bv_tv": bv_tv(model, tis, day),
            "zebra_lines": float(zebra_lines(model, tis, float(history.days[history.step_at(day)]))),  # the drawn step
            "fractures": float(sum(d <= day for d, _ in fracture_plan(model.p)))}


_SPONGY, _SPACE = _lut((T.BONE, T.TRABECULAR, T.CALCIFIED)), _lut((T.MARROW, T.YELLOW_MARROW))


def _metaphysis(model, day: float) -> np.ndarray:
    """The distal metaphysis: the shaft's last 15-45 adult mm below the growth plate, inside the cortex."""
    g = model.geo
    cap = model.fronts(day)["d_cap"]
    return g.inside & g.distal & ~g.epiphysis & (g.reach > cap - 45.0) & (g.reach < cap - 15.0)


def bv_tv(model, tis: np.ndarray, day: float) -> float:
    """Bone (woven, lamellar, calcified cores) over bone + marrow in the distal metaphysis."""
    region = _metaphysis(model, day)
    bone = int(np.count_nonzero(_SPONGY[tis] & region))
    space = int(np.count_nonzero(_IS_MARROW[tis] & region))
    return bone / (bone + space) if bone + space else 0.0


def zebra_lines(model, tis: np.ndarray, day: float) -> int:
    """Bands whose place across the marrow space is nearly all bone in the grid (what the picture shows)."""
    g = model.geo
    open_ = g.inside & ~g.epiphysis & ~g.lt_lobe & ~g.gt_lobe & ~np.isin(tis, _CORTEX)
    n = 0
    for distal, pos in zebra_positions(model, day):
        band = open_ & (g.distal if distal else ~g.distal) & (np.abs(g.reach - pos) < 0.4 * g.col_mm)
        if band.sum() >= 5 and _SPONGY[tis[band]].mean() > 0.9:
            n += 1
    return n
