"""Skull vault seen from above: which bone owns each point, its sutures and fontanelles, and how far it has ossified."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_MONTH
from .growth import organ_length_mm
from .params import IntramembranousParams, VAULT_BREADTH

# Coordinates: x, y in [-1, 1], face at the top (y < 0 anterior), left of the picture = left of the head.
# Landmarks (a newborn vault from above, Moore; Gray's 1918): bregma, lambda, pterion, asterion.
BREGMA = (0.0, -0.22)
LAMBDA = (0.0, 0.60)
PTERION_X, PTERION_Y = 0.71, -0.10  # sphenoid (anterolateral) fontanelle, one each side
ASTERION_X, ASTERION_Y = 0.63, 0.47  # mastoid (posterolateral) fontanelle, one each side
SQUAMOSAL_RHO = 0.90  # the temporal squama shows as a strip at the lateral rim between pterion and asterion
CORONAL = ((0.0, -0.22), (0.40, -0.19), (PTERION_X, PTERION_Y), (0.82, -0.07))
LAMBDOID = ((0.0, 0.60), (0.35, 0.56), (ASTERION_X, ASTERION_Y), (0.85, 0.45))

# Bones: name, centre (the eminence where ossification starts), its own name key
BONES = (
    ("frontal_left", -0.30, -0.60),
    ("frontal_right", 0.30, -0.60),
    ("parietal_left", -0.42, 0.16),
    ("parietal_right", 0.42, 0.16),
    ("occipital", 0.0, 0.80),
    ("temporal_left", -0.74, 0.18),
    ("temporal_right", 0.74, 0.18),
)
FRONTAL, PARIETAL, OCCIPITAL, TEMPORAL = (0, 1), (2, 3), (4,), (5, 6)
# Sutures by the pair of bones they separate.
SUTURES = {
    "metopic": (0, 1), "sagittal": (2, 3),
    "coronal_left": (0, 2), "coronal_right": (1, 3),
    "lambdoid_left": (2, 4), "lambdoid_right": (3, 4),
    "squamosal_left": (2, 5), "squamosal_right": (3, 6),
}
CENTRE_MM, CENTRE_GROW_DAYS = 3.0, 4.0  # a young centre seen from above: about 3 mm across within 4 days
FONTANELLE_KEYS = ("anterior", "posterior", "sphenoid", "mastoid")
FRONT_AMP_TOP, FRONT_AMP = 0.2, 0.10  # depth of the front's radiating spicules: seen from above, in the section
SEAM_DAY = 140.0  # the seams between bones have their width from about week 20, when the fronts near them


def head_rho(x, y):
    """Normalised radius of the egg-shaped head outline (1 = the rim), broader behind."""
    return np.sqrt((x / (0.80 + 0.06 * y)) ** 2 + (y / 0.98) ** 2)


def unit_mm(day: float) -> float:
    """True length of one vault unit (half the head breadth is about 0.8 units)."""
    return organ_length_mm(VAULT_BREADTH, day) / 1.6


def _seg_dist(x, y, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = np.clip(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(x - ax - t * dx, y - ay - t * dy)


def _polyline_y(ax, pts):
    """y of a polyline through pts (x ascending) at |x|."""
    xs, ys = zip(*pts)
    return np.interp(np.abs(ax), xs, ys)


def bone_of(x, y) -> np.ndarray:
    """Which bone owns each point (index into BONES)."""
    rho = head_rho(x, y)
    left = x < 0
    out = np.where(left, 2, 3)  # parietal
    front = y < _polyline_y(x, CORONAL)
    back = y > _polyline_y(x, LAMBDOID)
    out = np.where(front, np.where(left, 0, 1), out)
    out = np.where(back, 4, out)
    side = (rho > SQUAMOSAL_RHO) & ~front & ~back
    out = np.where(side, np.where(left, 5, 6), out)
    return out.astype(np.intp)


def _family_distances(x, y) -> np.ndarray:
    """Distance (vault units) from each point to each suture family: metopic, sagittal, coronal, lambdoid, squamosal."""
    ax = np.abs(x)
    out = np.full((5,) + np.shape(x), 9.0)
    out[0] = _seg_dist(x, y, (0.0, -1.0), BREGMA)
    out[1] = _seg_dist(x, y, BREGMA, LAMBDA)
    for k, line in ((2, CORONAL), (3, LAMBDOID)):
        for a, b in zip(line, line[1:]):
            out[k] = np.minimum(out[k], _seg_dist(ax, y, a, b))
    # squamosal: the arc rho = SQUAMOSAL_RHO between pterion and asterion
    on_arc = (y > PTERION_Y) & (y < ASTERION_Y)
    out[4] = np.where(on_arc, np.abs(head_rho(x, y) - SQUAMOSAL_RHO) * 0.8, 9.0)
    return out


def border_distance(x, y) -> np.ndarray:
    """Distance (vault units) from each point to the nearest suture line."""
    return _family_distances(x, y).min(axis=0)


def suture_family(x, y) -> np.ndarray:
    """The nearest suture at each point: 0 metopic, 1 sagittal, 2 coronal, 3 lambdoid, 4 squamosal."""
    return _family_distances(x, y).argmin(axis=0)


def _diamond(x, y, cx, cy, half_x, half_y_front, half_y_back):
    hy = np.where(y < cy, half_y_front, half_y_back)
    return np.abs(x - cx) / max(half_x, 1e-6) + np.abs(y - cy) / np.maximum(hy, 1e-6) < 1.0


class VaultTimeline:
    """Sizes and times of the vault's ossification, sutures and fontanelles (days after fertilisation)."""

    def __init__(self, p: IntramembranousParams):
        self.p = p

    def centre_day(self, b: int) -> float:
        p = self.p
        if b in FRONTAL:
            return p.frontal_centre_day
        if b in PARIETAL:
            return p.parietal_centre_day
        if b in TEMPORAL:
            return p.temporal_centre_day
        return p.occipital_centre_day

    def radius(self, b: int, day: float) -> float:
        """How far (vault units) a bone's front has spread from its centre: each bone reaches its
        edges in the late fetal period, the corners (fontanelles) last."""
        t0 = self.centre_day(b)
        if day < t0:
            return -1.0
        f = self.p.front_rate * (day - t0) / (self.p.bones_meet_day - t0)  # slower with less RUNX2
        reach = 0.55 if b in TEMPORAL else 0.95
        start = min(1.0, (day - t0) / 6.0)  # a small cluster for the first days
        return reach * min(f, 1.6) ** 0.75 * start

    def top_radius(self, b: int, day: float) -> float:
        """The spread seen from above: a young centre is drawn as the patch of condensed, ossifying membrane
        round it (about CENTRE_MM across after a few days), frontal before and so larger than parietal."""
        r = self.radius(b, day)
        age = day - self.centre_day(b)
        if age < 0:
            return r
        grown = min(age / CENTRE_GROW_DAYS, 1.0)  # in vault units as the head was then, so bone stays bone
        early = CENTRE_MM / 2 * float(np.sqrt(grown)) / unit_mm(self.centre_day(b) + grown * CENTRE_GROW_DAYS)
        return max(r, early)

    def suture_half_mm(self, day: float) -> float:
        """Half the width of an open suture (a seam of about 2-3 mm at birth, narrower later)."""
        p = self.p
        return float(np.interp(day, (BIRTH_DAY - 60, BIRTH_DAY, BIRTH_DAY + 12 * DAYS_PER_MONTH),
                               (p.suture_half_birth_mm * 1.6, p.suture_half_birth_mm, p.suture_half_child_mm)))

    def fontanelle_scale(self, key: str, day: float) -> float:
        """Linear size of a fontanelle relative to birth (its area falls linearly to zero at closure)."""
        close = {"anterior": self.p.anterior_fontanelle_close_day, "posterior": self.p.posterior_fontanelle_close_day,
                 "sphenoid": self.p.sphenoid_fontanelle_close_day, "mastoid": self.p.mastoid_fontanelle_close_day}[key]
        if day <= BIRTH_DAY:
            return 1.0
        area = 1.0 - (day - BIRTH_DAY) / (close - BIRTH_DAY)
        return float(np.sqrt(max(area, 0.0)))

    def fontanelles(self, x, y, day: float) -> np.ndarray:
        """Fontanelle id at each point (0 none, 1 anterior, 2 posterior, 3 sphenoid, 4 mastoid)."""
        p, u = self.p, unit_mm(max(day, BIRTH_DAY))  # before birth: the shape they have at birth
        out = np.zeros(np.shape(x), np.uint8)
        s = self.fontanelle_scale("anterior", day) * p.anterior_fontanelle_mm / 2 / u
        if s > 0:  # a diamond: anterior angle longer, between the two frontals
            out[_diamond(x, y, BREGMA[0], BREGMA[1], s, 1.3 * s, 1.0 * s)] = 1
        s = self.fontanelle_scale("posterior", day) * p.posterior_fontanelle_mm / u
        if s > 0:  # a small triangle at lambda: apex forward along the sagittal suture, base on the occipital
            ly = LAMBDA[1]
            tri = (y > ly - 0.8 * s) & (y < ly + 0.35 * s) & (np.abs(x) < 0.75 * (y - (ly - 0.8 * s)))
            out[tri] = 2
        for k, key, (fx, fy), size in ((3, "sphenoid", (PTERION_X, PTERION_Y), p.sphenoid_fontanelle_mm),
                                       (4, "mastoid", (ASTERION_X, ASTERION_Y), p.mastoid_fontanelle_mm)):
            s = self.fontanelle_scale(key, day) * size / 2 / u
            if s > 0:
                out[_diamond(np.abs(x), y, fx, fy, s, 0.8 * s, 0.8 * s) & (head_rho(x, y) < 1.0)] = k
        return out

    def metopic_fused_to(self, day: float) -> float:
        """The metopic suture fuses from the nasion back to bregma: y up to which it is bone."""
        a, b = self.p.metopic_close
        f = float(np.clip((day - a) / (b - a), 0.0, 1.0))
        return -1.0 + f * (BREGMA[1] + 1.0) if f > 0 else -9.0


def ossified(x, y, own, d_border, d_centre, wave, day: float, tl: VaultTimeline, site_units: float,
             fid=None, head=None, top: bool = False, front_factor=None) -> np.ndarray:
    """Points covered by bone at `day`: inside the bone's spreading front, outside sutures and fontanelles
    (`top`: as seen from above, young centres drawn at their visible size; `front_factor`: 1 + amp * wave made
    once by a caller with static geometry)."""
    radius = tl.top_radius if top else tl.radius
    r = np.array([radius(b, day) for b in range(len(BONES))])[own]
    # the front: spicules radiating all round a centre (seen from above, deeper while the centre is young)
    amp = FRONT_AMP_TOP if top else FRONT_AMP
    front = d_centre < r * ((1.0 + amp * wave) if front_factor is None else front_factor)
    # the seam's share of the vault as at SEAM_DAY, as the fronts approach each other; earlier, in the tiny head,
    # a seam 2-4 mm wide would cut the medial half off a young centre (a half-sun). Never wider later (bone stays).
    half = max(tl.suture_half_mm(day) / unit_mm(max(day, SEAM_DAY)), 0.9 * site_units)
    # before birth the spicules at the front reach into the membrane towards the sutures too
    spiky = float(np.interp(day, (150.0, BIRTH_DAY - 20), (0.35, 0.0)))
    # (once the spikes are gone, half * (1 - 0 * wave) is half in the wave's precision: no arithmetic per site)
    seam = half * (1.0 - spiky * wave) if spiky != 0.0 else np.asarray(wave.dtype.type(half))
    bone = front & (d_border > seam) & (r > 0)
    bone &= (tl.fontanelles(x, y, day) if fid is None else fid) == 0
    bone &= (head_rho(x, y) < 1.0) if head is None else head
    return bone
