"""Skull-vault measures read from the model's frames: fontanelle areas, cephalic index, suture width, bone share."""

from __future__ import annotations

import numpy as np

from .history import History
from .kinds import Tissue as T
from .vault_section import EMINENCE_COL, MID_ROW

MEASURES: dict[str, str] = {
    "anterior_fontanelle_mm2": "mm²",
    "fontanelle_area_mm2": "mm²",
    "cephalic_index": "",
    "asymmetry_pct": "%",
    "suture_width_mm": "mm",
    "bone_fraction": "",
    "plate_mm": "mm",  # parietal plate (tables and diploe) at the eminence
    "wormian_count": "",  # intrasutural (Wormian) bones seen in the vault
}

_BONE = (T.BONE, T.BONE_SPICULE, T.COMPACT, T.OSTEOID)
_SOFT_SECTION = (T.SKIN, T.DURA, T.BRAIN, T.PERIOSTEUM, T.BACKGROUND)


def cephalic_index(vault: np.ndarray) -> float:
    """Greatest breadth / greatest length x 100 of the head outline seen from above (square sites)."""
    head = vault != T.BACKGROUND
    breadth = int(head.sum(axis=1).max()) if head.any() else 0
    length = int(head.sum(axis=0).max()) if head.any() else 0
    return 100.0 * breadth / length if length else 0.0


def asymmetry_pct(vault: np.ndarray) -> float:
    """Largest difference in head length between mirror-image columns left and right of the midline, as % of
    the head's greatest length (0 = symmetric)."""
    cols = (vault != T.BACKGROUND).sum(axis=0).astype(float)
    return 100.0 * float(np.abs(cols - cols[::-1]).max()) / max(float(cols.max()), 1.0)


def sagittal_suture_mm(section: np.ndarray, site_um: float) -> float:
    """Width of the sagittal suture in the parietal section: fibrous columns across the plate's middle row."""
    return float((section[MID_ROW] == T.SUTURE).sum()) * site_um / 1000.0


def bone_fraction(section: np.ndarray) -> float:
    """Share of the section between periosteum and dura that is bone (osteoid, woven or compact)."""
    inner = ~np.isin(section, _SOFT_SECTION)
    n = int(inner.sum())
    return float(np.isin(section, _BONE).sum()) / n if n else 0.0


def measure(model, history: History, day: float) -> dict[str, float]:
    """Every measure of MEASURES at `day`, from the recorded grids and the model's geometry at that day."""
    g = history.grids(history.step_at(day))
    vault, section = g["vault"], g["section"]
    site_mm2 = model.vault_site_mm(day) ** 2
    fon = vault == T.FONTANELLE
    anterior = fon & (model.vault.fontanelle_map(day) == 1)
    return {
        "anterior_fontanelle_mm2": float(anterior.sum()) * site_mm2,
        "fontanelle_area_mm2": float(fon.sum()) * site_mm2,
        "cephalic_index": cephalic_index(vault),
        "asymmetry_pct": asymmetry_pct(vault),
        "suture_width_mm": sagittal_suture_mm(section, model.section_site_um(day)),
        "bone_fraction": bone_fraction(section),
        "plate_mm": plate_mm(section, model.section_site_um(day)),
        "wormian_count": float(wormian_count(model, vault, day)),
    }


def plate_mm(section: np.ndarray, site_um: float) -> float:
    """Thickness of the bone plate (bone, osteoid and the diploe's spaces) in the eminence column."""
    col = section[:, EMINENCE_COL]
    inner = np.flatnonzero(np.isin(col, _BONE))
    return float(inner.max() - inner.min() + 1) * site_um / 1000.0 if inner.size else 0.0


def wormian_count(model, vault: np.ndarray, day: float) -> int:
    """Wormian centres whose own site is bone in the vault picture."""
    top = model.vault
    n = 0
    for wx, wy, _ in top.wormian:
        gx, gy = top.grid_point(wx, wy, day)
        ix, iy = int(round(gx)), int(round(gy))
        if 0 <= iy < vault.shape[0] and 0 <= ix < vault.shape[1] and vault[iy, ix] in (T.BONE, T.COMPACT):
            n += 1
    return n
