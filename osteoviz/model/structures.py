"""Where the named structures are at a given time (label anchors on the main layer, in site units)."""

from __future__ import annotations

import numpy as np

from .kinds import Tissue as T


def _anchor(mask: np.ndarray, prefer: str = "centroid") -> tuple[float, float] | None:
    """A point inside a region: its centroid if that lies inside, else the member site nearest to it."""
    ys, xs = np.nonzero(mask)
    if ys.size < 3:
        return None
    cy, cx = ys.mean(), xs.mean()
    if prefer == "top":
        i = int(np.argmin(ys + 0.01 * np.abs(xs - cx)))
    else:
        i = int(np.argmin((ys - cy) ** 2 + (xs - cx) ** 2))
    return float(xs[i]) + 0.5, float(ys[i]) + 0.5


def endochondral_structures(tis: np.ndarray, distal: np.ndarray, epiphysis: np.ndarray, phase_id: str) -> list[tuple[str, float, float]]:
    """Labels for the femur section: only structures that exist at this time."""
    h, w = tis.shape
    out = []
    upper = np.arange(h)[:, None] < h / 2
    left_half = np.arange(w)[None, :] < w * 0.45

    def add(key, mask, prefer="centroid"):
        a = _anchor(mask, prefer)
        if a is not None:
            out.append((key, *a))

    early = phase_id in ("cartilage_model", "hypertrophy", "bone_collar")
    if early:
        add("cartilage_model", (tis == T.CARTILAGE) & distal & ~upper)
    add("perichondrium", (tis == T.PERICHONDRIUM) & left_half & upper & ~epiphysis, "top")
    if phase_id in ("hypertrophy", "bone_collar"):
        add("hypertrophic_zone", np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)) & ~upper)
    add("bone_collar", (tis == T.COMPACT) & upper & ~left_half & ~epiphysis, "top")
    marrow = (tis == T.MARROW) & ~epiphysis
    if phase_id in ("primary_centre",):
        add("primary_centre", marrow | ((tis == T.VESSEL) & ~epiphysis))
    elif marrow.sum() > 50:
        add("marrow_cavity", marrow & ~upper & left_half)
    plate = np.isin(tis, (T.PROLIFERATIVE,)) & distal & (np.arange(w)[None, :] > w * 0.7)
    if plate.sum() > 5 and phase_id not in ("cartilage_model", "hypertrophy", "bone_collar", "primary_centre"):
        add("growth_plate", plate & ~upper)
    sec = np.isin(tis, (T.BONE, T.MARROW)) & epiphysis & distal
    if sec.sum() > 3:
        add("secondary_centre", sec & upper)
    add("articular", (tis == T.ARTICULAR) & distal & ~upper)
    add("epiphyseal_line", (tis == T.EPIPHYSEAL_LINE) & distal & upper)
    return out


def vault_structures(vault: np.ndarray, x: np.ndarray, y: np.ndarray, centres) -> list[tuple[str, float, float]]:
    """Labels for the vault seen from above."""
    out = []
    bone = np.isin(vault, (T.BONE, T.BONE_SPICULE))
    n = vault.shape[0]
    to_site = lambda v: (v / 1.02 + 1) * (n - 1) / 2 + 0.5  # noqa: E731
    for (name, cx, cy) in centres:
        if name == "parietal_right":
            iy, ix = int(round(to_site(cy) - 0.5)), int(round(to_site(cx) - 0.5))
            if bone[iy, ix]:
                out.append(("ossification_centre", to_site(cx), to_site(cy)))
        if name == "frontal_left":
            spokes = (vault == T.BONE_SPICULE) & (np.hypot(x - cx, y - cy) > 0.12) & (np.hypot(x - cx, y - cy) < 0.3)
            a = _anchor(spokes & (x < cx))
            if a is not None:
                out.append(("trabeculae", *a))
    fon = vault == T.FONTANELLE
    a = _anchor(fon & (y < 0.3))
    if a is not None:
        out.append(("anterior_fontanelle", *a))
    a = _anchor(fon & (y > 0.3))
    if a is not None:
        out.append(("posterior_fontanelle", *a))
    suture = vault == T.SUTURE
    a = _anchor(suture & (np.abs(x) < 0.06) & (y > 0.15) & (y < 0.5))
    if a is not None:
        out.append(("sagittal_suture", *a))
    a = _anchor(suture & (x > 0.3) & (y < -0.05) & (y > -0.4))
    if a is not None:
        out.append(("coronal_suture", *a))
    a = _anchor(suture & (np.abs(x) < 0.06) & (y < -0.45))
    if a is not None:
        out.append(("metopic_suture", *a))
    if not bone.any():
        a = _anchor(vault == T.MESENCHYME)
        if a is not None:
            out.append(("membrane", *a))
    return out
