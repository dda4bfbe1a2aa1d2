"""The vault seen from above at a time: bones spreading from their centres, sutures, fontanelles, fusion."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY
from .kinds import Tissue as T
from .lattice import NEIGHBOURS_8, shifted
from .params import IntramembranousParams
from .vault_section import smooth as blur
from .vault import (BONES, BREGMA, FRONTAL, OCCIPITAL, VaultTimeline, bone_of, border_distance, head_rho, ossified, suture_family,
                    unit_mm)

SPAN = 1.02  # the grid covers x, y in [-SPAN, SPAN]
# A bone name's box at 1080p is about NAME_HALF_W x NAME_HALF_H vault units from its anchor (about 2.6 px a site);
# names keep NAME_GAP clear of the bone until they sit NAME_MAX_OFFSET from its centre, on the grown bone.
NAME_HALF_W, NAME_HALF_H, NAME_GAP, NAME_MAX_OFFSET = 0.15, 0.05, 0.03, 0.27
TEMPORAL_HALF_W = 0.13
MIN_NAMED_SITES = 12  # a bone is named once it can be seen
RAY_SPACE = 0.45  # wave above this: a vascular space between radiating trabeculae (about a third of the bone)
RAY_CORE = 0.15  # the eminence stays dense (the spaces would be thinner than a site nearer the centre)


def bits_near(owner_bits: np.ndarray, radius: int) -> np.ndarray:
    """OR of the bone bits within `radius` sites (square neighbourhood)."""
    out = owner_bits.copy()
    for _ in range(radius):
        grown = out.copy()
        for dy, dx in NEIGHBOURS_8:
            grown |= shifted(out, dy, dx)
        out = grown
    return out


def popcount(bits: np.ndarray) -> np.ndarray:
    n = np.zeros(bits.shape, np.uint8)
    for b in range(len(BONES)):
        n += ((bits >> b) & 1).astype(np.uint8)
    return n


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

    def to_site(self, v: float) -> float:
        return (v / SPAN + 1) * (self.n - 1) / 2 + 0.5

    def owner_bits(self, day: float, fid=None) -> np.ndarray:
        """Bit per bone at each site covered by bone (sutures fused in adulthood not included)."""
        if fid is None:
            fid = self.tl.fontanelles(self.x, self.y, day)
        bone = ossified(self.x, self.y, self.own, self.d_border, self.d_centre, self.wave, day, self.tl,
                        self.site_units, fid, self.head, top=True)
        # a centre smaller than a site is drawn as the few sites round it, so a new centre can be seen
        started = np.array([day >= self.tl.centre_day(b) for b in range(len(BONES))])[self.own]
        bone |= started & (self.d_centre < 1.6 * self.site_units)
        return np.where(bone, (1 << self.own).astype(np.uint16), 0).astype(np.uint16)

    def fused(self, day: float) -> np.ndarray:
        """Suture sites fused to bone: the metopic from the nasion back in infancy, the others in adulthood."""
        p, tl = self.p, self.tl
        out = (self.family == 0) & (self.y < tl.metopic_fused_to(day)) & (self.y < BREGMA[1])
        for fam, window in ((1, p.sagittal_fusion), (2, p.coronal_fusion), (3, p.lambdoid_fusion)):
            f = (day - window[0]) / (window[1] - window[0])
            if f > 0:
                out |= (self.family == fam) & (self.patches < f)
        return out & self.head

    def tissue(self, day: float) -> np.ndarray:
        p, tl = self.p, self.tl
        fid = tl.fontanelles(self.x, self.y, day)
        bits = self.owner_bits(day, fid)
        bone = bits > 0
        fused = self.fused(day) & ~bone & (fid == 0)
        tissue = np.where(self.head, T.MESENCHYME, T.BACKGROUND).astype(np.uint8)
        gap = self.head & ~bone & ~fused
        if day >= p.bones_meet_day - 50:  # the fronts have met: fibrous sutures (before: open membrane)
            half_sites = max(tl.suture_half_mm(day) / unit_mm(day) / self.site_units, 0.9)
            near = popcount(bits_near(bits, int(np.ceil(1.35 * half_sites)) + 2))  # spiky fetal edges included
            tissue[gap & (near >= 2)] = T.SUTURE
        if day >= p.bones_meet_day - 40:  # late fetal: the membrane left where several bones meet
            tissue[gap & (fid > 0)] = T.FONTANELLE
        solid = bone | fused
        tissue[solid] = T.BONE
        # the radiating pattern: vascular spaces (vascular mesenchyme, later marrow) between the radiating trabeculae, running across a
        # fused metopic suture too; in infancy the spaces fill and the pattern fades, centres first, and only
        # where it has gone is the bone seen as compact (outer table)
        f = (day - p.outer_table[0]) / (p.outer_table[1] - p.outer_table[0])
        fade = np.clip(2.2 * f - 0.6 * np.clip(self.d_centre / 0.6, 0, 1), 0.0, 1.0) if f > 0 else 0.0
        space = solid & (self.wave > RAY_SPACE + (1.0 - RAY_SPACE) * fade + 0.01 * (f > 0)) & (self.d_centre > RAY_CORE)
        tissue[space] = T.MARROW if day >= p.haematopoiesis_day else T.MESENCHYME  # as in the section
        if f > 0:
            tissue[solid & (fade >= 1.0)] = T.COMPACT
        return tissue

    def names(self, tissue: np.ndarray, day: float) -> tuple[tuple[str, float, float], ...]:
        """Bone names beside each bone's centre (off the bone while it is small, so the centre shows; the
        temporal name outside the rim beside its strip) and the orientation."""
        out = []
        bone = np.isin(tissue, (T.BONE, T.COMPACT))
        metopic_closed = self.tl.metopic_fused_to(day) >= BREGMA[1] - 0.01
        for b, (name, cx, cy) in enumerate(BONES):
            mine = bone & (self.own == b)
            if np.count_nonzero(mine) < MIN_NAMED_SITES:
                continue
            r = float(self.d_centre[mine].max())  # how far the bone reaches from its centre
            key = name.split("_")[0]
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
            elif b in OCCIPITAL:  # beside it
                cx = cx + min(r + NAME_GAP + NAME_HALF_W, NAME_MAX_OFFSET + 0.1)
            else:  # parietal: behind the centre
                cy = cy + off
            out.append((key, self.to_site(cx), self.to_site(cy)))
        out.append(("anterior", self.to_site(0.0), self.to_site(-0.995)))
        out.append(("posterior", self.to_site(0.0), self.to_site(0.995)))
        return tuple(out)
