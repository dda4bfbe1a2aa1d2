"""The vault seen from above at a time: bones spreading from their centres, sutures, fontanelles, fusion."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY
from .kinds import Tissue as T
from .params import IntramembranousParams
from .vault_section import smooth as blur
from .vault import (BONES, BREGMA, FRONT_AMP_TOP, FRONTAL, LAMBDOID, OCCIPITAL, VaultTimeline, bone_of,
                    border_distance, head_rho, ossified, suture_family, unit_mm)
from .vault_shape import HeadShape
from .lattice import any_neighbour

SPAN = 1.02  # the grid covers x, y in [-SPAN, SPAN]
RIM_SITES = 2  # the outermost sites of the head, where a suture's end is drawn over by the bones beside it
RIM_BONE = (T.BONE, T.COMPACT)
# A bone name's box at 1080p is about NAME_HALF_W x NAME_HALF_H vault units from its anchor (about 2.6 px a site);
# names keep NAME_GAP clear of the bone until they sit NAME_MAX_OFFSET from its centre, on the grown bone.
NAME_HALF_W, NAME_HALF_H, NAME_GAP, NAME_MAX_OFFSET = 0.15, 0.05, 0.03, 0.27
TEMPORAL_HALF_W = 0.13
OCCIPITAL_HALF_W = 0.21  # 'os occipitale' is the longest bone name
MIN_NAMED_SITES = 12  # a bone is named once it can be seen
RAY_SPACE = 0.45  # wave above this: a vascular space between radiating trabeculae (about a third of the bone)
RAY_CORE = 0.15  # the eminence stays dense (the spaces would be thinner than a site nearer the centre)
NIDUS = 0.07  # a young centre's dense nidus (vault units, about 0.6 mm at week 8.5); trabeculae radiate from it
NIDUS_DAYS = 35.0  # ... and the dense eminence widens to RAY_CORE over about five weeks


def bits_near(owner_bits: np.ndarray, radius: int) -> np.ndarray:
    """OR of the bone bits within `radius` sites (square neighbourhood): along rows, then along columns."""
    out = owner_bits
    width = 2 * radius + 1
    for axis in (1, 0):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (radius, radius)
        acc = np.pad(out, pad)  # acc[i] will hold the OR of the window of `span` padded sites starting at i
        n = acc.shape[axis]
        span = 1
        while span < width:  # widen the window by doubling
            step = min(span, width - span)
            head, tail = [slice(None), slice(None)], [slice(None), slice(None)]
            head[axis], tail[axis] = slice(0, n - step), slice(step, n)
            acc[tuple(head)] |= acc[tuple(tail)]  # overlapping views: numpy reads the tail before writing
            span += step
        keep = [slice(None), slice(None)]
        keep[axis] = slice(0, out.shape[axis])
        out = acc[tuple(keep)]  # padded i = original i - radius .. i + radius
    return out


_POPCOUNT16 = np.zeros(1 << 16, np.uint8)
for _b in range(16):
    _POPCOUNT16 += ((np.arange(1 << 16) >> _b) & 1).astype(np.uint8)


def popcount(bits: np.ndarray) -> np.ndarray:
    if bits.dtype == np.uint16 and len(BONES) <= 16:  # one table look-up instead of a pass per bone
        return _POPCOUNT16[bits]
    n = np.zeros(bits.shape, np.uint8)
    for b in range(len(BONES)):
        n += ((bits >> b) & 1).astype(np.uint8)
    return n


def _rim_over_sutures(tissue: np.ndarray, rim: np.ndarray) -> np.ndarray:
    """Where a suture, a lateral fontanelle or a space between radiating trabeculae meets the rim of the vault seen
    from above, the bone beside it is drawn round the rim (the plate curves down there, seen edge-on): the outline
    runs on without a notch at each end."""
    seam = rim & _SEAM_LUT[tissue]
    if not seam.any():
        return tissue
    out = tissue.copy()
    n0, n1 = out.shape
    r, c = np.nonzero(seam)  # the few seam sites only (same result as shifting the whole grid, seam by seam)
    for _ in range(RIM_SITES + 1):  # fill from the bone beside, a site at a time
        for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            src = out[(r - dy) % n0, (c - dx) % n1]
            take = _RIM_BONE_LUT[src]
            out[r[take], c[take]] = src[take]
            keep = ~take
            r, c = r[keep], c[keep]
    return out


def _lut(kinds) -> np.ndarray:
    """Membership table for uint8 tissue codes: _lut(k)[tissue] is np.isin(tissue, k)."""
    t = np.zeros(256, bool)
    t[[int(k) for k in kinds]] = True
    return t


_SEAM_LUT = _lut((T.SUTURE, T.FONTANELLE, T.MARROW))
_RIM_BONE_LUT = _lut(RIM_BONE)


class VaultTop:
    """Static geometry of the vault grid, and its tissue grid at any day (no hidden state)."""

    def __init__(self, p: IntramembranousParams, rng: np.random.Generator):
        n = p.vault_n
        self.p, self.n, self.tl = p, n, VaultTimeline(p)
        yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
        self.x = (xx - (n - 1) / 2) / ((n - 1) / 2) * SPAN
        self.y = (yy - (n - 1) / 2) / ((n - 1) / 2) * SPAN
        self.site_units = 2 * SPAN / (n - 1)
        self.head = head_rho(self.x, self.y) < 1.0
        self.own = bone_of(self.x, self.y)
        self.d_border = border_distance(self.x, self.y)
        self.family = suture_family(self.x, self.y)
        cx = np.array([c[1] for c in BONES])[self.own]
        cy = np.array([c[2] for c in BONES])[self.own]
        self.d_centre = np.hypot(self.x - cx, self.y - cy)
        angle = np.arctan2(self.y - cy, self.x - cx)
        jitter = (rng.random(len(BONES)) * 6.0)[self.own]
        self.wave = np.cos(angle * 22 + jitter + 4.0 * self.d_centre)
        smooth = blur(rng.random((n, n)), 9, 9, 3)
        rank = np.argsort(np.argsort(smooth.ravel())).reshape(n, n) / float(n * n)
        self.patches = rank  # uniform 0..1 in patches: where a suture fuses first
        self.shape = HeadShape(p)
        self.wormian = self._wormian_sites(np.random.default_rng(p.seed + 7))
        # distance to the nearest Wormian centre in units of its own radius (each grows to that radius)
        self.wormian_rel = self._wormian_rel()

    def _wormian_rel(self) -> np.ndarray | None:
        """Distance to the nearest Wormian centre, in units of that bone's full radius."""
        if not self.wormian:
            return None
        return np.min([np.hypot(self.x - wx, self.y - wy) / (0.5 * dmm) for wx, wy, dmm in self.wormian], axis=0)

    def _wormian_sites(self, rng: np.random.Generator) -> list[tuple[float, float, float]]:
        """Extra small centres (x, y, diameter mm) along the lambdoid sutures and the back of the sagittal."""
        pts = []
        for _ in range(self.p.wormian_count):
            if rng.random() < 0.75:  # most along the lambdoid sutures, either side
                t = rng.uniform(0.08, 0.7)  # on the vault seen from above (the lateral end runs down the side)
                xs, ys = zip(*LAMBDOID)
                x = float(np.interp(t, np.linspace(0, 1, len(xs)), xs)) * (1 if rng.random() < 0.5 else -1)
                y = float(np.interp(abs(x), xs, ys))
            else:  # the back of the sagittal suture
                x, y = 0.0, float(rng.uniform(0.25, 0.55))
            pts.append((x, y, float(rng.uniform(3.0, 8.0))))
        return pts

    def to_site(self, v: float) -> float:
        return (v / SPAN + 1) * (self.n - 1) / 2 + 0.5

    def owner_bits(self, day: float, fid=None) -> np.ndarray:
        """Bit per bone at each site covered by bone (sutures fused in adulthood not included)."""
        if fid is None:
            fid = self.tl.fontanelles(self.x, self.y, day)
        bone = ossified(self.x, self.y, self.own, self.d_border, self.d_centre, self.wave, day, self.tl,
                        self.site_units, fid, self.head, top=True, front_factor=self._front_factor())
        # a centre smaller than a site is drawn as the few sites round it, so a new centre can be seen
        started = np.array([day >= self.tl.centre_day(b) for b in range(len(BONES))])[self.own]
        bone |= started & (self.d_centre < 1.6 * self.site_units)
        return np.where(bone, self._own_bit(), 0).astype(np.uint16)

    def _front_factor(self) -> np.ndarray:
        """1 + amp * wave of the spreading front seen from above (static, made once)."""
        if getattr(self, "_front_factor_cache", None) is None:
            self._front_factor_cache = 1.0 + FRONT_AMP_TOP * self.wave
        return self._front_factor_cache

    def _own_bit(self) -> np.ndarray:
        """Each site's bone as a bit (static, made once)."""
        if getattr(self, "_own_bit_cache", None) is None:
            self._own_bit_cache = (1 << self.own).astype(np.uint16)
        return self._own_bit_cache

    def _blank(self) -> np.ndarray:
        """Membrane inside the head, background outside (static, made once; copy before writing)."""
        if getattr(self, "_blank_cache", None) is None:
            self._blank_cache = np.where(self.head, T.MESENCHYME, T.BACKGROUND).astype(np.uint8)
        return self._blank_cache

    def _fontanelles(self, day: float) -> np.ndarray:
        """tl.fontanelles on this grid, remade only when a fontanelle's size changes (not before birth, nor once
        all have closed)."""
        tl = self.tl
        sizes = tuple(tl.fontanelle_scale(k, day) for k in ("anterior", "posterior", "sphenoid", "mastoid"))
        key = (sizes, unit_mm(max(day, BIRTH_DAY))) if any(sizes) else "closed"
        cached = getattr(self, "_fid_cache", None)
        if cached is None or cached[0] != key:
            self._fid_cache = cached = (key, tl.fontanelles(self.x, self.y, day))
        return cached[1]

    def fused(self, day: float) -> np.ndarray:
        """Suture sites fused to bone: the metopic from the nasion back in infancy, the others in adulthood."""
        p, tl = self.p, self.tl
        fam = self._family_masks()
        out = fam["metopic"] & (self.y < tl.metopic_fused_to(day))
        for key, window in (("sagittal", p.sagittal_fusion), ("lambdoid", p.lambdoid_fusion),
                            ("coronal_left", p.coronal_left_fusion or p.coronal_fusion),
                            ("coronal_right", p.coronal_right_fusion or p.coronal_fusion)):
            f = (day - window[0]) / (window[1] - window[0])
            if f > 0:
                out |= fam[key] & (self.patches < f)
        return out & self.head

    def closed_at(self, x: float, y: float, day: float, family: str = "sagittal") -> bool:
        """Whether a suture shows fused from above where it passes nearest (x, y) (vault units): most of its sites
        within one and a half sites of there."""
        near = self._family_masks()[family] & (np.hypot(self.x - x, self.y - y) <= 1.5 * self.site_units)
        if not near.any():
            return False
        return bool(self.fused(day)[near].mean() >= 0.5)

    def _family_masks(self) -> dict[str, np.ndarray]:
        """Each suture family's sites, the coronal per side, the metopic in front of bregma (static, made once)."""
        if getattr(self, "_family_cache", None) is None:
            left = self.x < 0
            self._family_cache = {"metopic": (self.family == 0) & (self.y < BREGMA[1]),
                                  "sagittal": self.family == 1, "lambdoid": self.family == 3,
                                  "coronal_left": (self.family == 2) & left,
                                  "coronal_right": (self.family == 2) & ~left}
        return self._family_cache

    def zoom(self, day: float) -> float:
        """True size of a site relative to the normal vault's (above 1 when a reshaped head needs more room)."""
        return self.shape.zoom(day)

    def grid_point(self, x: float, y: float, day: float) -> tuple[float, float]:
        """Grid sites of a point of the normal-shaped vault, after the head has been reshaped."""
        gx, gy = self.shape.to_grid(x, y, day)
        return self.to_site(gx), self.to_site(gy)

    def fontanelle_map(self, day: float) -> np.ndarray:
        """Fontanelle id at each site of the (reshaped) grid."""
        return self.shape.warp(self.tl.fontanelles(self.x, self.y, day), self.x, self.y, day)

    def sample_coords(self, day: float) -> tuple[np.ndarray, np.ndarray]:
        """The normal-vault coordinates each site of the (reshaped) grid shows."""
        if self.shape.identity(day):
            return self.x, self.y
        return self.shape.sample_coords(self.x, self.y, day)

    def tissue(self, day: float) -> np.ndarray:
        """The tissue grid at `day`, in the head's outline at that age (reshaped where sutures fused early)."""
        return self.shape.warp(self._tissue_normal_shape(day), self.x, self.y, day, T.BACKGROUND)

    def _tissue_normal_shape(self, day: float) -> np.ndarray:
        p, tl = self.p, self.tl
        fid = self._fontanelles(day)
        bits = self.owner_bits(day, fid)
        bone = bits > 0
        fused = self.fused(day) & ~bone & (fid == 0)
        tissue = self._blank().copy()
        gap = self.head & ~bone & ~fused
        if day >= p.bones_meet_day - 50:  # the fronts have met: fibrous sutures (before: open membrane)
            half_sites = max(tl.suture_half_mm(day) / unit_mm(day) / self.site_units, 0.9)
            near = popcount(bits_near(bits, int(np.ceil(1.35 * half_sites)) + 2))  # spiky fetal edges included
            tissue[gap & (near >= 2)] = T.SUTURE
        if day >= p.bones_meet_day - 40:  # late fetal: the membrane left where several bones meet
            tissue[gap & (fid > 0)] = T.FONTANELLE
            # membrane left at the rim where a suture meets a fontanelle: fibrous like the suture, not a grey patch
            tissue[gap & (tissue == T.MESENCHYME)] = T.SUTURE
        solid = bone | fused
        tissue[solid] = T.BONE
        # a centre's first day: unmineralised osteoid, as its section shows (mineral follows within about a day)
        young = np.array([0.0 <= day - tl.centre_day(b) < 1.5 * p.mineralise_after_days for b in range(len(BONES))])
        if young.any():
            tissue[solid & young[self.own]] = T.OSTEOID
        # the radiating pattern: vascular spaces (vascular mesenchyme, later marrow) between the radiating trabeculae, running across a
        # fused metopic suture too; in infancy the spaces fill and the pattern fades, centres first, and only
        # where it has gone is the bone seen as compact (outer table)
        f = (day - p.outer_table[0]) / (p.outer_table[1] - p.outer_table[0])
        fade = np.clip(2.2 * f - 0.6 * np.clip(self.d_centre / 0.6, 0, 1), 0.0, 1.0) if f > 0 else 0.0
        # a young centre: a small dense nidus with trabeculae radiating from it in all directions; the spaces
        # near the centre fill first as it thickens (the eminence: RAY_CORE), so bone once laid stays bone
        core = np.interp([day - tl.centre_day(b) for b in range(len(BONES))], (0.0, NIDUS_DAYS), (NIDUS, RAY_CORE))
        space = solid & (self.wave > RAY_SPACE + (1.0 - RAY_SPACE) * fade + 0.01 * (f > 0)) & (self.d_centre > core[self.own])
        tissue[space] = T.MARROW if day >= p.haematopoiesis_day else T.MESENCHYME  # as in the section
        if f > 0:
            tissue[solid & (fade >= 1.0)] = T.COMPACT
        if self.wormian and day >= BIRTH_DAY - 60:  # intrasutural bones, mostly formed before birth
            grow = min(1.0, (day - BIRTH_DAY + 60) / 120.0)
            r = grow / unit_mm(day)
            # each ossicle is its own bone: a seam of suture round it, also where it borders a neighbour
            seam = (self.wormian_rel >= r) & (self.wormian_rel < r + max(0.3 / unit_mm(day), 0.5 * self.site_units))
            tissue[seam & np.isin(tissue, (T.BONE, T.COMPACT, T.MARROW, T.MESENCHYME))] = T.SUTURE
            tissue[(self.wormian_rel < r) & self.head] = T.COMPACT if day > p.outer_table[0] + 365 else T.BONE
        return _rim_over_sutures(tissue, self._rim())

    def _rim(self) -> np.ndarray:
        """The head's outermost RIM_SITES sites (static, made once)."""
        if getattr(self, "_rim_cache", None) is None:
            inner = self.head
            for _ in range(RIM_SITES):
                inner = inner & ~any_neighbour(~inner)
            self._rim_cache = self.head & ~inner
        return self._rim_cache

    def front_signal(self, tissue: np.ndarray, day: float) -> np.ndarray:
        """Osteogenic-front signal (0..1) at each site: made at the edges of bone that still grows (osteoblasts
        at the fronts), falling off over the distance the front advances in about a month, into the membrane
        and the open sutures; none along a fused suture or in the head's background. Its strength follows the
        front's speed (front_rate: the RUNX2 dose), as the rule that spreads the bone does."""
        bone = np.isin(tissue, (T.BONE, T.BONE_SPICULE, T.COMPACT)).astype(np.float32)
        soft = np.isin(tissue, (T.MESENCHYME, T.SUTURE, T.FONTANELLE))
        if not bone.any() or not soft.any():
            return np.zeros(tissue.shape, np.float32)
        site_mm = unit_mm(day) * self.site_units * self.zoom(day)
        reach_mm = max(0.6, 30.0 * self._front_speed_mm_per_day(day))  # a month's advance, at least a seam
        k = int(np.clip(round(reach_mm / site_mm), 1, 9)) * 2 + 1
        near_bone = blur(bone, k, k, 2)  # share of bone within reach: high at an edge
        near_soft = blur(soft.astype(np.float32), k, k, 2)
        edge = np.where(soft, near_bone, near_soft * (bone > 0))  # both sides of the edge, falling away from it
        sig = np.clip(2.2 * edge, 0.0, 1.0) * min(1.0, self.p.front_rate)
        sig[tissue == T.BACKGROUND] = 0.0
        return sig.astype(np.float32)

    def _front_speed_mm_per_day(self, day: float) -> float:
        """How fast the parietal front advances (mm/day) by the vault's own spreading rule."""
        b = BONES.index(next(b for b in BONES if b[0] == "parietal_left"))
        r0, r1 = self.tl.radius(b, day), self.tl.radius(b, day + 7.0)
        return max(r1 - r0, 0.0) * unit_mm(day) / 7.0

    def names(self, tissue: np.ndarray, day: float) -> tuple[tuple[str, float, float], ...]:
        """Bone names beside each bone's centre (off the bone while it is small, so the centre shows; the
        temporal name outside the rim beside its strip) and the orientation."""
        out = []
        bone = np.isin(tissue, (T.BONE, T.COMPACT, T.OSTEOID))
        metopic_closed = self.tl.metopic_fused_to(day) >= BREGMA[1] - 0.01
        for b, (name, cx, cy) in enumerate(BONES):
            mine = bone & (self.own == b)
            key = name.split("_")[0]
            # the small temporal squama centre at the side of the vault is named as soon as it shows
            if np.count_nonzero(mine) < (1 if key == "temporal" else MIN_NAMED_SITES):
                continue
            r = float(self.d_centre[mine].max())  # how far the bone reaches from its centre
            if key == "temporal":  # outside the head, level with the squama (the strip is narrower than the word)
                ys, xs = self.y[mine], self.x[mine]
                ny = float(np.median(ys))
                rim = float(np.abs(xs).max())
                out.append(("temporal", self.to_site(np.sign(cx) * (rim + NAME_GAP + TEMPORAL_HALF_W)), self.to_site(ny)))
                continue
            if b in FRONTAL and metopic_closed:
                if b == FRONTAL[1]:
                    continue
                cx = 0.0
            off = min(r + NAME_GAP + NAME_HALF_H, NAME_MAX_OFFSET)
            if b in FRONTAL:  # in front of the centre
                cy = cy - off
            elif b in OCCIPITAL:  # beside it: on the left while it is young (the right is where the parietal
                if day < self.p.bones_meet_day - 40:  # centre's leader runs down; room for the longer Dutch name)
                    cx = cx - min(r + NAME_GAP + OCCIPITAL_HALF_W, NAME_MAX_OFFSET + 0.15)
                else:
                    cx = cx + min(r + NAME_GAP + NAME_HALF_W, NAME_MAX_OFFSET + 0.1)
            else:  # parietal: behind the centre
                cy = cy + off
            out.append((key, *self.grid_point(cx, cy, day)))
        out.append(("anterior", self.to_site(0.0), self.to_site(-0.995)))
        out.append(("posterior", self.to_site(0.0), self.to_site(0.995)))

        return tuple(out)
