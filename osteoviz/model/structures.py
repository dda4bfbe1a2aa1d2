"""Where the named structures are at a given time (label anchors on the main layer, in site units)."""

from __future__ import annotations

import numpy as np

from .kinds import Tissue as T

SCALP_DAY = 84.0  # before about week 12 the layer over the membrane is surface ectoderm, not yet a scalp


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
    from .femur_shape import LT
    off_lt = np.hypot((x - LT[0]) / (LT[2] + 12.0), (geo.y - LT[1]) / (LT[3] + 10.0)) > 1.0  # the shaft, not the bump
    peri = (tis == T.PERICHONDRIUM) & upper & (x > 100) & off_lt
    mid = peri & (x > 195) & (x < 240)  # well along the shaft, clear of the lesser trochanter and its name
    add("perichondrium", mid if mid.sum() >= 3 else peri, "top")
    if phase_id in ("hypertrophy", "bone_collar"):
        add("hypertrophic_zone", (tis == T.HYPERTROPHIC) & ~upper)  # swollen cells, not the calcified matrix
    fetal = day < 266.0
    add("periosteal_collar" if fetal else "cortical_bone", np.isin(tis, (T.COMPACT, T.COLLAR)) & upper & (x > 250) & (x < 330), "top")
    add("periosteum", (tis == T.PERIOSTEUM) & ~upper & (x > 160) & (x < 240))
    marrow = np.isin(tis, (T.MARROW, T.VESSEL)) & shaft
    if phase_id == "primary_centre":
        add("primary_centre", marrow)
    elif (np.isin(tis, (T.MARROW,)) & shaft & (np.abs(geo.y) < 6)).sum() > 30 and phase_id != "closure":
        add("marrow_cavity", (tis == T.MARROW) & shaft & ~upper & (x < 250))
    fat = tis == T.YELLOW_MARROW
    diaphysis = fat & shaft & ~geo.epiphysis & ~upper  # the shaft's fatty marrow (epiphyses turn fatty too)
    add("yellow_marrow", diaphysis if diaphysis.sum() >= 3 else fat & ~upper & (x > 250))
    plate = (tis == T.PROLIFERATIVE) & geo.distal & (x > 330)
    if plate.sum() > 3 and phase_id not in ("cartilage_model", "hypertrophy", "bone_collar", "primary_centre"):
        add("growth_plate", plate & ~upper)
    # a centre while it grows inside its cartilage; after early childhood the ossified epiphysis
    epi_key = "secondary_centre" if day < 266.0 + 4 * 365.25 else "epiphysis"
    ossified = (T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW)
    sec = np.isin(tis, ossified) & geo.distal_epi
    if sec.sum() > 3:
        add(epi_key, sec & upper)
    head = np.isin(tis, ossified) & geo.head_epi
    if head.sum() > 3:
        add(epi_key, head)
    add("articular", (tis == T.ARTICULAR) & geo.distal & ~upper)
    line = (tis == T.EPIPHYSEAL_LINE) & geo.distal & upper
    head_line = (tis == T.EPIPHYSEAL_LINE) & ~geo.distal & upper  # the head's plate closes first
    add("epiphyseal_line", head_line if head_line.sum() >= 3 else line)  # the closed line, not a closing plate's bridges
    return out


# names written rightwards from their point (the point is the name's left edge), beside the part they name so
# that a long name (Dutch "collum femoris", "caput femoris") never covers it; the others are centred on their point
NAMES_FROM_LEFT = frozenset({"head", "neck", "lesser_trochanter"})


def endochondral_names(tis: np.ndarray, geo) -> list[tuple[str, float, float]]:
    """Always-drawn names on the femur: its ends and parts (all present from the cartilage model on)."""
    from .femur_shape import GT, HEAD, LT

    # just outside the outline, beside the part they name (the part itself stays visible)
    points = (("proximal", -1.0, 8.0), ("distal", 463.0, 8.0),
              ("head", HEAD[0] + 0.72 * HEAD[2] + 5.0, HEAD[1] + 0.72 * HEAD[2] + 4.0),  # from its upper-right rim
              ("neck", 60.0, 38.0),  # above the neck, clear of the head and the lesser trochanter
              ("greater_trochanter", GT[0] - 4.0, GT[1] - GT[3] - 7.0),
              ("lesser_trochanter", LT[0] + LT[2] + 7.0, LT[1] + 9.0),  # right of the bump, above the shaft
              ("condyles", 432.0, -46.0))
    out = []
    for key, xm, ym in points:
        sx, sy = geo.site(xm, ym)
        out.append((key, float(sx), float(sy)))
    return out


def vault_structures(vault: np.ndarray, x: np.ndarray, y: np.ndarray, fontanelle_id: np.ndarray,
                     centres) -> list[tuple[str, float, float]]:
    """Labels for the vault seen from above: only what is there at this time."""
    out = []
    bone = np.isin(vault, (T.BONE, T.BONE_SPICULE, T.COMPACT))
    n = vault.shape[0]
    to_site = lambda v: (v / 1.02 + 1) * (n - 1) / 2 + 0.5  # noqa: E731

    def add(key, mask):
        a = _anchor(mask)
        if a is not None:
            out.append((key, *a))

    head = vault != T.BACKGROUND
    young = bone.sum() < 0.6 * head.sum()  # centres are named while the bones are still spreading
    for (name, cx, cy) in centres:
        if name == "parietal_right" and young:
            iy, ix = int(round(to_site(cy) - 0.5)), int(round(to_site(cx) - 0.5))
            if bone[iy, ix]:
                out.append(("ossification_centre", to_site(cx), to_site(cy)))
        if name == "frontal_left":  # radiating trabeculae: bone with vascular spaces between
            ring = (np.hypot(x - cx, y - cy) > 0.12) & (np.hypot(x - cx, y - cy) < 0.3) & (x < cx)
            if (ring & (vault == T.BONE)).sum() > 0.3 * ring.sum() and (ring & np.isin(vault, (T.MARROW, T.MESENCHYME))).sum() > 0.1 * ring.sum():
                add("trabeculae", ring & (vault == T.BONE))
    fon = vault == T.FONTANELLE
    for k, key in ((1, "anterior_fontanelle"), (2, "posterior_fontanelle"), (3, "sphenoid_fontanelle"),
                   (4, "mastoid_fontanelle")):
        add(key, fon & (fontanelle_id == k) & (x >= 0 if k > 2 else x > 0.55 * x[fon & (fontanelle_id == 1)].max(initial=0)
                                                if k == 1 else True))
    suture = vault == T.SUTURE
    add("sagittal_suture", suture & (np.abs(x) < 0.05) & (y > 0.15) & (y < 0.45))
    add("coronal_suture", suture & (x > 0.25) & (y < -0.05) & (y > -0.3))
    add("lambdoid_suture", suture & (x < -0.2) & (y > 0.45) & (y < 0.62))
    add("metopic_suture", suture & (np.abs(x) < 0.05) & (y < -0.5))
    if not bone.any():
        add("membrane", vault == T.MESENCHYME)
    return out


def _row_class(tis: np.ndarray) -> list[str]:
    """The layer each row of a section crop belongs to (judged over the columns that hold bone)."""
    mat = np.isin(tis, (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR))
    cols = mat.any(axis=0)
    sub = tis[:, cols] if cols.sum() >= 3 else tis
    frac = {k: (sub == k).mean(axis=1) for k in (T.SKIN, T.PERIOSTEUM, T.DURA, T.BRAIN, T.COMPACT)}
    spongy = np.isin(sub, (T.BONE, T.TRABECULAR, T.OSTEOID, T.MARROW, T.VESSEL, T.COMPACT)).mean(axis=1)
    rules = ((frac[T.SKIN], "scalp"), (frac[T.PERIOSTEUM], "periosteum"), (frac[T.DURA], "dura"),
             (frac[T.BRAIN], "brain"), (frac[T.COMPACT], "table"), (spongy, "spongy"))
    out = np.full(sub.shape[0], "membrane", dtype=object)
    for f, name in reversed(rules):  # the first rule that holds wins
        out[f > 0.5] = name
    return list(out)


def _orient(kinds: list[str], tis: np.ndarray, mat: np.ndarray, day: float) -> list[str]:
    """Names that orient a close-up: surface ectoderm before the scalp forms, the membrane's side (scalp or dura)
    when that layer is out of the crop, and a young centre named as such while it is a single nodule."""
    if day < SCALP_DAY:
        kinds = ["surface_ectoderm" if k == "scalp" else k for k in kinds]
    if "bone_plate" not in kinds:
        return kinds
    first = kinds.index("bone_plate")
    last = len(kinds) - 1 - kinds[::-1].index("bone_plate")
    above, below = set(kinds[:first]), set(kinds[last + 1:])
    out = list(kinds)
    for i, k in enumerate(kinds):
        if k == "membrane" and i < first and not above & {"scalp", "surface_ectoderm", "periosteum"}:
            out[i] = "membrane_scalp_side"
        elif k == "membrane" and i > last and not below & {"dura", "brain"}:
            out[i] = "membrane_dura_side"
    cols = np.flatnonzero(mat.any(axis=0))
    nodule = cols.size > 0 and cols[0] > 0 and cols[-1] < tis.shape[1] - 1  # the whole centre lies in the crop
    if nodule:
        key = "ossification_centre_osteoid" if not np.isin(tis, (T.BONE, T.COMPACT)).any() else "ossification_centre"
        out = [key if k == "bone_plate" else k for k in out]
    return out


def section_structures(tis: np.ndarray, cells: np.ndarray, phase_id: str, day: float):
    """Labels inside a parietal section crop and the bracketed layer names along its height."""
    from .kinds import Cell as C

    h, w = tis.shape
    out = []

    def add(key, mask):
        a = _anchor(mask)
        if a is not None:
            out.append((key, *a))

    def pick(key, mask, frac):
        """A member of the mask at about `frac` of its own width, so labels spread across the inset."""
        ys, xs_ = np.nonzero(mask)
        if ys.size == 0:
            return
        tx, ty = np.quantile(xs_, frac), np.median(ys)
        i = int(np.argmin(np.abs(xs_ - tx) + 0.3 * np.abs(ys - ty)))
        out.append((key, float(xs_[i]) + 0.5, float(ys[i]) + 0.5))

    mat = np.isin(tis, (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR))
    outer_face = ~np.roll(mat, 1, axis=0) & np.roll(mat, -1, axis=0)
    at_suture = phase_id == "sutures_fontanelles"  # cell labels spread over both bone edges, not all on one piece
    pick("osteoid_seam", (tis == T.OSTEOID) & np.roll(outer_face, 1, axis=0), 0.85 if at_suture else 0.2)
    pick("osteoblast_layer", (cells == C.OSTEOBLAST) & outer_face, 0.7)
    pick("osteocyte", (cells == C.OSTEOCYTE) & np.isin(tis, (T.BONE, T.COMPACT, T.TRABECULAR)), 0.97 if at_suture else 0.45)
    pick("osteoclast", cells == C.OSTEOCLAST, 0.85)
    add("suture", tis == T.SUTURE)
    pick("red_marrow", cells == C.HAEMATOPOIETIC, 0.03 if at_suture else 0.3)
    if phase_id in ("condensation",):
        pick("condensation", cells == C.MESENCHYMAL, 0.5)
        pick("capillary", tis == T.VESSEL, 0.15)
    # layers along the height
    classes = _row_class(tis)
    kinds = [c for c in classes]
    if "table" in kinds:
        first = kinds.index("table")
        last = len(kinds) - 1 - kinds[::-1].index("table")
        for i in range(len(kinds)):
            if kinds[i] == "table":
                kinds[i] = "outer_table" if i < (first + last) / 2 else "inner_table"
            elif kinds[i] == "spongy" and first < i < last:
                kinds[i] = "diploe"
    kinds = ["bone_plate" if k in ("spongy", "table") else k for k in kinds]
    kinds = _orient(kinds, tis, mat, day)
    bony = [i for i, k in enumerate(kinds) if k in ("bone_plate", "outer_table", "diploe", "inner_table")]
    if bony:  # below the bone: the dura's periosteal layer (endocranial periosteum)
        kinds = [("endocranial_periosteum" if k == "periosteum" and i > bony[-1] else k) for i, k in enumerate(kinds)]
    zones = []
    start = 0
    for i in range(1, h + 1):
        if i == h or kinds[i] != kinds[start]:
            if i - start >= 2 or kinds[start] in ("outer_table", "inner_table", "periosteum",
                                                       "endocranial_periosteum"):
                zones.append((kinds[start], float(start), float(i), "y"))
            start = i
    return out, zones
