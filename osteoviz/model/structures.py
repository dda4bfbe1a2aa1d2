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


def endochondral_structures(tis: np.ndarray, geo, phase_id: str, day: float) -> list[tuple[str, float, float]]:
    """Labels for the femur section: only structures that exist at this time."""
    h, w = tis.shape
    out = []
    axis = geo.axis_row()
    upper = np.arange(h)[:, None] < axis
    x = geo.x
    shaft = (x > 110) & (x < 390)

    def add(key, mask, prefer="centroid"):
        a = _anchor(mask, prefer)
        if a is not None:
            out.append((key, *a))

    early = phase_id in ("cartilage_model", "hypertrophy", "bone_collar")
    if early:
        add("cartilage_model", (tis == T.CARTILAGE) & geo.distal & ~upper & (x < 400))
    peri = (tis == T.PERICHONDRIUM) & upper & (x > 100)
    add("perichondrium", peri & (x < 200) if (peri & (x < 200)).sum() >= 3 else peri, "top")
    if phase_id in ("hypertrophy", "bone_collar"):
        add("hypertrophic_zone", np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)) & ~upper)
    fetal = day < 266.0
    add("periosteal_collar" if fetal else "cortical_bone", (tis == T.COMPACT) & upper & (x > 250) & (x < 330), "top")
    add("periosteum", (tis == T.PERIOSTEUM) & ~upper & (x > 160) & (x < 240))
    marrow = np.isin(tis, (T.MARROW, T.VESSEL)) & shaft
    if phase_id == "primary_centre":
        add("primary_centre", marrow)
    elif (np.isin(tis, (T.MARROW,)) & shaft & (np.abs(geo.y) < 6)).sum() > 30:
        add("marrow_cavity", (tis == T.MARROW) & shaft & ~upper & (x < 250))
    add("yellow_marrow", (tis == T.YELLOW_MARROW) & ~upper & (x > 250))
    plate = (tis == T.PROLIFERATIVE) & geo.distal & (x > 330)
    if plate.sum() > 3 and phase_id not in ("cartilage_model", "hypertrophy", "bone_collar", "primary_centre"):
        add("growth_plate", plate & ~upper)
    sec = np.isin(tis, (T.BONE, T.TRABECULAR, T.MARROW)) & geo.distal_epi
    if sec.sum() > 3:
        add("secondary_centre", sec & upper)
    head = np.isin(tis, (T.BONE, T.TRABECULAR, T.MARROW)) & geo.head_epi
    if head.sum() > 3:
        add("secondary_centre", head)
    add("articular", (tis == T.ARTICULAR) & geo.distal & ~upper)
    add("epiphyseal_line", (tis == T.EPIPHYSEAL_LINE) & geo.distal & upper)
    return out


def endochondral_names(tis: np.ndarray, geo) -> list[tuple[str, float, float]]:
    """Always-drawn names on the femur: its ends and parts (all present from the cartilage model on)."""
    from .femur_shape import GT, HEAD, LT

    # just outside the outline, beside the part they name (the part itself stays visible)
    points = (("proximal", -1.0, 8.0), ("distal", 463.0, 8.0), ("head", HEAD[0] + 27.0, HEAD[1] + 11.0),
              ("neck", 63.0, 34.0), ("greater_trochanter", GT[0] - 4.0, GT[1] - GT[3] - 7.0),
              ("lesser_trochanter", LT[0], LT[1] + 9.0), ("condyles", 432.0, -46.0))
    out = []
    for key, xm, ym in points:
        sx, sy = geo.site(xm, ym)
        out.append((key, float(sx), float(sy)))
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
