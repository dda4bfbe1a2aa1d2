"""Osteogenesis imperfecta and bisphosphonate rules for both processes (conditions-repair-origins.md §2.6).

Less bone is laid per remodelling event (`bone_output`), so the cortex and the tables are thinner and the
trabeculae fewer and thinner; turnover is high (more osteoclasts); fractures of the femoral shaft heal with
a callus; cyclic bisphosphonate infusions thicken the cortex and leave one dense metaphyseal band (zebra
line) per cycle. The factors are model settings chosen to give the measured ratios of §2.2/§2.5, not rates.
"""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_YEAR
from .femur_shape import CENTRE_X
from .kinds import Cell as C, Tissue as T
from .lattice import NEIGHBOURS_4, any_neighbour, roll_rows

RAUCH_YEARS = 2.4  # Rauch 2002: after 2.4 y of pamidronate cortical width +88 %, cancellous BV/TV +46 %
BP_CORTEX, BP_BVTV = 0.88, 0.46
FRACTURE_AGES = (1.0, 14.0)  # years: fractures of the loaded femur, most in early childhood (§2.2)
# a child's femoral shaft fracture (Prosser 2012, radiographic dating; conditions-repair-origins.md §3.1):
# periosteal new bone from day 5, soft callus from day 12, bridging hard callus from day 19, remodelling from
# day 45; the callus is remodelled away over about a year (Kleinman)
NEW_BONE, SOFT, HARD, REMODEL, GONE = 5.0, 12.0, 19.0, 45.0, 365.0
CALLUS_TRUE_MM = (4.0, 22.0)  # peak thickness of the callus cuff, half its length along the shaft (estimate)
DISTAL_SHARE = 0.7  # the distal femoral plate makes most of the femur's length (as endochondral.py)
METAPHYSIS_MM = (50.0, 30.0)  # distal, proximal: where zebra lines stay before the shaft remodels them (estimate)
SLANT = 0.35  # an oblique fracture line (x shift per mm across the shaft)
_SOLID_SPONGY = (T.BONE, T.TRABECULAR)


def cortex_factor(p, day: float) -> float:
    """Net cortical (or table) thickness against normal: x0.59 at half the bone per event (Rauch 2000, type I
    Ct.Wi ~0.6 of normal), thicker with bisphosphonate (+88 % after 2.4 years)."""
    return float(p.bone_output) ** 0.75 * bisphosphonate_gain(p, day)[0]


def cortex_mm(model, day: float, normal_mm: float) -> float:
    """The cortex (adult drawing mm) at mid-shaft: the normal one as drawn (whole rows) times cortex_factor."""
    f = cortex_factor(model.p, day)
    if abs(f - 1.0) < 1e-9:
        return normal_mm
    row = model.geo.row_mm
    return f * float(np.ceil(normal_mm / row - 1e-6)) * row


def cortex_dither(model, day: float):
    """0 for a normal cortex; otherwise a per-column offset of up to one row (golden-ratio sequence), so that
    the cortex, drawn in whole rows, has its true (not rounded-up) thickness on average along the shaft."""
    if abs(cortex_factor(model.p, day) - 1.0) < 1e-9:
        return 0.0
    cols = np.arange(model.geo.w, dtype=np.float32)
    return (((cols * 0.618034) % 1.0) - 1.0)[None, :] * model.geo.row_mm


def bisphosphonate_gain(p, day: float) -> tuple[float, float]:
    """(cortex, trabecular bone) multipliers: rise over the first 2.4 years of cyclic infusions, then held."""
    start = getattr(p, "bisphosphonate_from_day", 1e9)
    if day <= start:
        return 1.0, 1.0
    s = min(1.0, (day - start) / (RAUCH_YEARS * DAYS_PER_YEAR))
    return 1.0 + BP_CORTEX * s, 1.0 + BP_BVTV * s


def trabecular_share(p, day: float) -> float:
    """Share of the normal trabecular bone that is there (BV/TV against normal): ~0.5 in type I."""
    return min(1.0, float(p.bone_output) * bisphosphonate_gain(p, day)[1])


def pulse_days(p) -> np.ndarray:
    """Days of the bisphosphonate infusions (one cycle every few months while the plates grow)."""
    start = p.bisphosphonate_from_day
    stop = min(p.end_day, p.closure_distal[0])
    if start >= stop:
        return np.zeros(0)
    return np.arange(start, stop, p.bisphosphonate_every_days)


def fracture_plan(p) -> tuple[tuple[float, float], ...]:
    """(day, position along the shaft in adult mm) of each femoral shaft fracture, fixed by the seed."""
    n = int(p.femur_fractures)
    if n <= 0:
        return ()
    rng = np.random.default_rng(p.seed + 11)
    lo, hi = FRACTURE_AGES
    ages = np.sort(lo + (hi - lo) * rng.random(n) ** 1.8)  # highest rate in early childhood
    for i in range(1, n):  # a new break only after the last one has bridged
        ages[i] = max(ages[i], ages[i - 1] + 0.35)
    xs = CENTRE_X + rng.uniform(-80.0, 100.0, n)
    return tuple((BIRTH_DAY + float(a) * DAYS_PER_YEAR, float(x)) for a, x in zip(ages, xs))


def _fields(model):
    """Smooth random fields for dropping whole trabeculae and thinning others (made once per model)."""
    f = getattr(model, "_oi_fields", None)
    if f is None:
        g, rng = model.geo, np.random.default_rng(model.p.seed + 5)
        a = rng.random(g.inside.shape)
        for _ in range(2):  # a few sites across: whole pieces of trabeculae go, not single specks
            a = (a + np.roll(a, 1, 0) + np.roll(a, -1, 0) + np.roll(a, 1, 1) + np.roll(a, -1, 1)
                 + np.roll(a, 2, 1) + np.roll(a, -2, 1)) / 7.0
        coarse = (np.argsort(np.argsort(a.ravel())).reshape(a.shape) / a.size).astype(np.float32)
        f = model._oi_fields = (coarse, rng.random(g.inside.shape).astype(np.float32))
    return f


def _sparser(model, t: float, tis: np.ndarray) -> None:
    """Fewer and thinner trabeculae (Rauch 2000: Tb.N and Tb.Th both lower): drop whole pieces, thin the rest."""
    share = trabecular_share(model.p, t)
    if share >= 0.999:
        return
    coarse, fine = _fields(model)
    fewer = share ** 0.45
    thinner = share / fewer
    spongy = (tis == T.BONE) | (tis == T.TRABECULAR)
    spongy &= model.geo.inside
    gone = spongy & (coarse > fewer)
    edge = spongy & ~roll_rows(spongy, 1)  # the upper face of every strut
    gone |= edge & (fine < min(1.0, 2.0 * (1.0 - thinner)))
    fat = any_neighbour(tis == T.YELLOW_MARROW)
    tis[gone] = np.where(fat[gone], T.YELLOW_MARROW, T.MARROW)


def _zebra(model, t: float, tis: np.ndarray) -> None:
    """One dense band of retained calcified cartilage and bone per infusion, left where the plate was, moving
    away from the plate as the bone grows (Al Muderis 2007)."""
    days = pulse_days(model.p)
    days = days[days <= t]
    if not days.size:
        return
    g = model.geo
    k_now = model.k(t)
    medullary = g.inside & ~g.epiphysis & ~g.lt_lobe & ~g.gt_lobe & np.isin(
        tis, (T.MARROW, T.YELLOW_MARROW, T.BONE, T.TRABECULAR, T.CALCIFIED, T.VESSEL))
    half = max(0.35 / k_now, 0.75 * g.col_mm)  # about 0.7 mm thick (true), at least one column
    for distal, pos_of in _band_sides(model, t):
        side = g.distal if distal else ~g.distal & ~g.gt_lobe
        for d in days:
            pos = pos_of(float(d))  # bone does not grow between the bands: each stays where it was laid
            if not _in_metaphysis(model, t, distal, pos):
                continue  # reached the shaft: remodelled away
            off = np.abs(g.reach - pos)
            band = medullary & side & (off < half)
            tis[band] = T.BONE  # bone laid on ...
            tis[band & (off < 0.5 * half)] = T.CALCIFIED  # ... a core of calcified cartilage that was not resorbed


def _band_sides(model, t: float):
    """(distal?, day laid -> reach in adult mm at day t) for each end drawn: its plate has since added its
    share of the growth (the distal plate about 70 %) between the band and the plate."""
    f, k_now, axis = model.fronts(t), model.k(t), model.geo.axis_len_mm
    out = []
    # the distal metaphysis only: the proximal plate adds less than a third of the length, so its bands lie
    # too close together to be drawn apart on the organ grid
    for distal, cap, share in ((True, f["d_cap"], DISTAL_SHARE),):
        out.append((distal, lambda d, cap=cap, share=share: cap - share * axis * (1.0 - model.k(d) / k_now)))
    return out


def _in_metaphysis(model, t: float, distal: bool, pos: float) -> bool:
    """A band is kept while it lies in the metaphysis (the last METAPHYSIS_MM true mm before the plate)."""
    f = model.fronts(t)
    cap = f["d_cap"] if distal else f["h_cap"]
    return cap - pos < METAPHYSIS_MM[0 if distal else 1] / model.k(t)


def zebra_positions(model, t: float) -> list[tuple[bool, float]]:
    """(distal side?, reach in adult mm) of every zebra line seen at day t (for the measures)."""
    days = pulse_days(model.p)
    out = [(distal, pos_of(float(d))) for d in days[days <= t] for distal, pos_of in _band_sides(model, t)]
    return [(distal, pos) for distal, pos in out if _in_metaphysis(model, t, distal, pos)]


def _fracture(model, t: float, tis: np.ndarray, day0: float, x0: float) -> None:
    """A break through the cortex and marrow, a blood clot in the gap, then a cuff of callus round the shaft:
    periosteal woven bone, cartilage over the gap, bridging woven bone, remodelled away over a year."""
    a = t - day0
    if a < 0 or a > GONE:
        return
    g, k = model.geo, model.k(t)
    line_x = x0 - SLANT * g.y  # the oblique fracture line
    along = np.abs(g.x - line_x)
    shaft = ~g.epiphysis & ~g.lt_lobe & ~g.gt_lobe
    gap = g.inside & shaft & (along < 0.6 * g.col_mm)
    if a < SOFT:
        tis[gap] = T.VESSEL  # haematoma
    elif a < HARD:
        tis[gap & np.isin(tis, (T.COMPACT, T.COLLAR))] = T.CARTILAGE
        tis[gap & ~np.isin(tis, (T.COMPACT, T.COLLAR, T.CARTILAGE))] = T.MARROW
    elif a < REMODEL:
        tis[gap & np.isin(tis, (T.COMPACT, T.COLLAR))] = T.BONE  # bridged by woven bone
    if a < NEW_BONE:
        return
    thick_mm, half_len = CALLUS_TRUE_MM[0] / k, CALLUS_TRUE_MM[1] / k
    grow = min(1.0, (a - NEW_BONE) / (HARD - NEW_BONE))
    shrink = 1.0 if a < REMODEL else max(0.0, 1.0 - (a - REMODEL) / (GONE - REMODEL))
    u = along / half_len
    thick = thick_mm * grow * shrink * np.clip(1.0 - u * u, 0.0, 1.0)
    near_shaft = (np.abs(g.x - CENTRE_X) < 175.0)
    cuff = ~g.inside & near_shaft & (g.surface_mm < thick) & (u < 1.0)
    if not cuff.any():
        return
    tis[cuff] = T.BONE  # periosteal (intramembranous) woven bone
    if SOFT <= a < REMODEL:  # cartilage over the gap; calcified, then replaced by bone (endochondral)
        centre = cuff & (u < 0.45 * min(1.0, (a - SOFT) / (HARD - SOFT) + 0.4))
        tis[centre] = T.CARTILAGE if a < HARD else T.CALCIFIED
        if a >= HARD:
            tis[centre & (u < 0.45 * (a - HARD) / (REMODEL - HARD))] = T.BONE
    skin = ~g.inside & ~cuff & any_neighbour(cuff) & near_shaft
    tis[skin] = T.PERIOSTEUM


def frame_extras(p) -> dict:
    """What the renderer needs beyond the grids: the extra mineral of an OI matrix (bone drawn brighter)."""
    excess = float(getattr(p, "mineral_excess", 0.0))
    return {"mineral_excess": excess} if excess > 0 else {}


def femur_tissue(model, t: float, tis: np.ndarray) -> np.ndarray:
    """The OI and bisphosphonate changes to the femur's tissue at day t (nothing changes in a normal femur)."""
    p = model.p
    if p.bone_output < 1.0 or p.bisphosphonate_from_day < 1e9:
        _sparser(model, t, tis)
        _zebra(model, t, tis)
    plan = getattr(model, "_fracture_plan", None)
    if plan is None:  # fixed by the parameters: drawn once per model, not once a step
        plan = model._fracture_plan = fracture_plan(p)
    for day0, x0 in plan:
        _fracture(model, t, tis, day0, x0)
    return tis


def femur_cells(model, tis: np.ndarray, cel: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """High turnover: more osteoclasts on the trabecular and endosteal surfaces."""
    extra = 0.05 * (float(model.p.turnover) - 1.0)
    if extra <= 0 or model.p.resorb_rate <= 0:
        return cel
    marrow = (tis == T.MARROW) | (tis == T.YELLOW_MARROW)
    lined = (tis == T.BONE) | (tis == T.TRABECULAR) | (tis == T.COMPACT)
    lined &= any_neighbour(marrow, NEIGHBOURS_4)
    cel[lined & (noise > 1.0 - extra)] = C.OSTEOCLAST
    return cel


def vault_section(p, day: float) -> tuple[float, float, float]:
    """(plate thickness, table thickness, bone share of the diploe) factors for the parietal section."""
    share = float(p.bone_output) ** 0.5
    return float(p.bone_output) ** 0.25, cortex_factor(p, day), share
