"""Endochondral ossification of a femur (coronal longitudinal section) as a front-driven site/cell simulation.

The cartilage model has the femur's outline (femur_shape). Two ossification fronts leave the primary
centre at mid-shaft and travel towards the ends at the pace of the measured femur length (the ossified
shaft follows Hadlock's FL from GA 14 to 40); every site's tissue follows from local rules relative to
the front: resting cartilage, then flattened proliferating columns, swollen hypertrophic cells, calcified
matrix, and only then vessels and bone. Secondary centres, cortex, marrow and closure follow their own
published timings (params.py).
"""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_YEAR, TimelineScale
from .femur_shape import CENTRE_X, DISTAL_PLATE, GT_PLATE, HEAD, HEAD_PLATE, LT, femur_shape
from .growth import femur_cartilage_share
from .growthplate import (HEIGHT_SITES as PLATE_H, SITE_UM as PLATE_SITE_UM, WIDTH_SITES as PLATE_W, PlateLook,
                          plate_labels, plate_window, plate_zones)
from .clipping import clip
from .history import History, HistoryRecorder
from .nearest_site import nearest_site
from .kinds import Cell, Tissue
from .lattice import NEIGHBOURS_4, any_neighbour, dilate, shifted
from .params import ENDOCHONDRAL_PHASES, EndochondralParams
from .femur_signals import signal_fields
from . import oi_rules, primary_window
from .plate_rules import PlateRules
from . import epiphysis_window
from .scene import CellPlacer, Frame, Layer, crop_rect, phase_at
from .structures import endochondral_names, endochondral_structures

T, C = Tissue, Cell
INSET_W, INSET_H = 64, 36  # sites shown at organ scale (16:9)
EPI_INSET_W = 34  # the secondary-centre inset: metaphysis edge, plate, centre and joint only
DISTAL_SHARE = 0.7  # the distal femoral plate makes most of the femur's length
# glyph sizes (in 10 µm sites) for the growth-plate histology: hypertrophic cells swollen (5-10x the
# volume of a flattened proliferating cell), proliferating cells flat discs stacked in columns
PLATE_CELL_SIZES = {C.CHONDROCYTE: 1.2, C.PROLIFERATIVE: 2.0, C.HYPERTROPHIC: 3.6, C.OSTEOBLAST: 1.3,
                    C.OSTEOCYTE: 1.1, C.OSTEOCLAST: 3.6, C.ENDOTHELIAL: 1.6, C.HAEMATOPOIETIC: 0.8,
                    C.OSTEOPROGENITOR: 1.2}
# the same at organ-scale crops of the early cartilage model (a site is about 10 µm there)
EARLY_CELL_SIZES = {C.CHONDROCYTE: 0.9, C.PROLIFERATIVE: 1.5, C.HYPERTROPHIC: 2.6, C.OSTEOBLAST: 1.0,
                    C.OSTEOCYTE: 0.9, C.OSTEOCLAST: 2.6, C.ENDOTHELIAL: 1.3, C.OSTEOPROGENITOR: 1.0,
                    C.FIBROBLAST: 1.2, C.MESENCHYMAL: 0.9, C.HAEMATOPOIETIC: 0.7}
STRETCH = ((42.0, 56.0, 126.0, BIRTH_DAY, BIRTH_DAY + DAYS_PER_YEAR, BIRTH_DAY + 6 * DAYS_PER_YEAR,
            BIRTH_DAY + 18 * DAYS_PER_YEAR), (1.45, 1.35, 1.25, 1.15, 1.1, 1.05, 1.0))  # stubbier fetal femur (estimate)
# share of its final radius a secondary centre has reached, by years since it appeared (model estimate:
# distal femoral nucleus about 5 mm across at birth, about 1 cm at 6 months, filling the epiphysis by 10 y)
CENTRE_GROWTH = ((0.0, 0.02, 0.1, 0.6, 1.1, 3.0, 10.0), (0.05, 0.1, 0.19, 0.31, 0.39, 0.6, 1.0))
SECONDARY_SEEDS = {"distal": (435.0, 0.0), "head": (HEAD[0], HEAD[1]), "gt": (36.5, -19.5), "lt": (LT[0], LT[1])}
DISTAL_OVOID = 2.2  # the distal nucleus is an ovoid, wider across the knee than along the bone (radiographs)
YOUNG_CENTRE_DAYS = 2 * DAYS_PER_YEAR  # a young centre lies in the middle of its cartilage, resting cartilage all round
SOLID = (T.BONE, T.TRABECULAR, T.COMPACT, T.EPIPHYSEAL_LINE, T.COLLAR)
DYING_SITES = 5  # calcified cartilage this close to the hypertrophic zone still holds (dying) cells


_LUTS: dict[tuple[int, ...], np.ndarray] = {}


def _is(grid: np.ndarray, codes) -> np.ndarray:
    """np.isin for uint8 tissue/cell codes, by a cached lookup table (fast on the frame path)."""
    key = tuple(int(c) for c in codes)
    if len(key) <= 8:  # up to 8 comparisons beat a table lookup (np.take) on a 40k-site grid (measured: 4 codes 3x faster)
        out = grid == key[0]
        for c in key[1:]:
            out |= grid == c
        return out
    lut = _LUTS.get(key)
    if lut is None:
        lut = _LUTS[key] = np.zeros(256, bool)
        lut[list(key)] = True
    return np.take(lut, grid)


def _clip01(v):
    return min(max(v, 0.0), 1.0)


class EndochondralModel:
    """Runs the simulation once per parameter set; the result is a compact History."""

    kind = "endochondral"
    phases = ENDOCHONDRAL_PHASES

    def __init__(self, params: EndochondralParams | None = None):
        self.p = params or EndochondralParams()
        self.scale = TimelineScale(self.p.start_day, self.p.end_day)
        self.geo = g = femur_shape(self.p.grid_w, self.p.grid_h)  # (shared: built once a run)
        self.rules = PlateRules(self.p)  # experiment-aware growth, timings and zone widths
        unit = g.col_mm
        # fixed vessels: the periosteal bud / nutrient artery at mid-shaft, and the cartilage canals
        along = np.clip((15.5 - g.y) / 15.5, 0.0, 1.0)
        bud = (np.abs(g.x - (CENTRE_X + 10.0 - 14.0 * along)) < 0.8 * unit) & (g.y > -1.0) & (g.y < 18.5)
        self._bud = bud & (g.inside | g.sleeve)
        # the first bud (before the cavity) enters through the collar straight to the nearest marrow space, and
        # its capillaries run along the spaces between the spicules, never across them
        run = g.inside & g.spongiosa.gap_mid  # the middle row of each marrow space between two spicules
        self._bud_band = (np.abs(g.x - (CENTRE_X + 10.0)) < 0.8 * unit) & (g.inside | g.sleeve) & (g.y < 18.5)
        self._bud_run = run
        self._bud_odd = run & (np.cumsum(run, axis=0) % 2 == 1)  # every second space, counted from the top
        canals = np.zeros(g.inside.shape, bool)
        for (sx, sy), (ex, ey) in (((445.0, 36.0), (432.0, 22.0)), ((445.0, -38.0), (432.0, -24.0)),
                                   ((8.0, 56.0), (20.0, 44.0)), ((31.0, -28.0), (40.0, -20.0))):
            canals |= _seg_dist(g.x, g.y, sx, sy, ex, ey) < 0.7 * unit
        self._canals = canals & g.inside & (g.joint_mm > 0.5)
        # a smooth blob field (0..1) for the fading edge of the fatty marrow: islands, not a hard line
        f = np.sin(g.x / 3.3 + 0.4) * np.sin(g.y / 2.1 + 1.1) + 0.6 * np.sin((g.x + 2.0 * g.y) / 4.7)
        self._fade = ((f - f.min()) / (f.max() - f.min())).astype(np.float32)
        self._seed_dist = {k: np.hypot((g.x - sx) * (DISTAL_OVOID if k == "distal" else 1.0), g.y - sy)
                           for k, (sx, sy) in SECONDARY_SEEDS.items()}

    # -- sizes ---------------------------------------------------------------------------
    def k(self, day: float) -> float:
        """True mm per adult mm of the drawing at a day."""
        return self.rules.femur_mm(day) / self.geo.axis_len_mm

    def site_um(self, day: float) -> float:
        """True width of one site (micrometres) at a given day."""
        return self.k(day) * self.geo.col_mm * 1000.0

    def aspect(self, day: float) -> float:
        """True height / width of one site: adult proportions, stubbier before birth."""
        return self.geo.row_mm / self.geo.col_mm * float(np.interp(day, *STRETCH))

    def ossified_half(self, day: float) -> float:
        """How far (adult mm along the bone) each front has moved from the primary centre."""
        if day < self.rules.t_inv:
            return 0.0
        day -= self.rules.t_inv - self.p.invasion_day  # a late bud: the fronts follow later
        return 0.5 * self.geo.axis_len_mm * (1.0 - femur_cartilage_share(min(day, BIRTH_DAY)))

    def fronts(self, day: float) -> dict[str, float]:
        """Reach (adult mm from the centre) of the bone front at each end, capped at the growth plates."""
        p = self.p
        a = self.ossified_half(day)
        d_cap, h_cap, gt_cap = DISTAL_PLATE - CENTRE_X, CENTRE_X - HEAD_PLATE, CENTRE_X - GT_PLATE
        # the neck ossifies in late fetal life (metaphysis by birth): the front turns up the neck to the head plate
        ramp0 = min(p.neck_ossified_day, BIRTH_DAY) - 42.0
        a0 = self.ossified_half(ramp0)
        prox = a if day <= ramp0 else max(a, float(np.interp(day, (ramp0, p.neck_ossified_day), (a0, h_cap))))
        # the shaft below the trochanters keeps Hadlock's ossified length until birth, then reaches the trochanter
        shaft = a if day <= BIRTH_DAY else max(a, float(np.interp(day, (BIRTH_DAY, BIRTH_DAY + 60.0),
                                                                  (self.ossified_half(BIRTH_DAY), h_cap))))
        return {"distal": min(a, d_cap), "proximal": min(prox, h_cap), "gt": min(shaft, gt_cap),
                "shaft_proximal": min(shaft, h_cap),
                "d_cap": d_cap, "h_cap": h_cap, "gt_cap": gt_cap}

    def closing(self, day: float) -> tuple[float, float]:
        """Closure progress (0..1) of the proximal (head, trochanter) and the distal plate."""
        return self.rules.closing(day)  # oestrogen times closure (plate_rules)

    # -- the rule knobs (1.0 at the defaults) -------------------------------------------
    def _zone_factors(self) -> tuple[float, float, float]:
        """Scale of the proliferative, hypertrophic and calcified zones from the local rules:
        PTHrP's reach and threshold set the column length (Ihh-PTHrP loop, Kronenberg 2003);
        faster hypertrophy and a later calcification give a longer hypertrophic zone."""
        r = self.rules
        return r.kp, r.kh, r.kc

    def _invasion_lag(self) -> float:
        """Share of the normal front the bone reaches: less when vessels enter calcified cartilage slowly."""
        return 1.0  # slow invasion now piles up as a backlog of calcified cartilage (plate_rules)

    def _cavity_reach(self, t: float, front: float) -> float:
        """How far the trabecula-free cavity reaches (clear from about week 12; osteoclasts' pace)."""
        p = self.p
        ratio = float(np.interp(t, (self.rules.t_cavity, 84.0, 126.0), (0.0, 0.55, 0.7)))
        ratio *= float(self.rules.bone_made or p.deposit_rate <= 0)  # vessels regress without Ihh: no cavity
        return min(ratio * min(1.0, p.resorb_rate / EndochondralParams().resorb_rate) * front, 150.0)

    # -- the rules -----------------------------------------------------------------------
    def tissue_at(self, t: float, noise: np.ndarray) -> np.ndarray:
        """Every site's tissue at day t, from the local rules relative to the fronts."""
        p, g = self.p, self.geo
        k = self.k(t)
        unit = g.col_mm  # one column in adult mm: the smallest zone drawn on the organ
        inside = g.inside
        tis = np.full(inside.shape, T.BACKGROUND, np.uint8)
        tis[inside] = T.CARTILAGE
        reach = g.reach
        f = self.fronts(t)
        ch, cd = self.closing(t)
        close = np.where(g.distal, cd, ch).astype(np.float32)
        gt = g.gt_lobe
        w_neck, taper = self._static_fields()  # the neck (medial) ossifies first: a slanted front
        prox_r = f["shaft_proximal"] + w_neck * (f["proximal"] - f["shaft_proximal"])
        bone_reach = np.where(g.distal, f["distal"], np.where(gt, f["gt"], prox_r)).astype(np.float32)
        cap = np.where(g.distal, f["d_cap"], np.where(gt, f["gt_cap"], f["h_cap"])).astype(np.float32)
        rules = self.rules
        widths = rules.widths(t, 0.0)  # µm, from the local rules (PTHrP, Ihh, FGFR3, invasion backlog)
        zp, zh, zc = (max(w / 1000.0 / k, 1.3 * unit if w > 0 else 0.0) for w in widths)
        backlog = rules.backlog_mm(t) / k  # uninvaded cartilage (adult mm) when vessels enter slowly
        keep = 1.0 - close  # zones thin away at closure
        # before the bud: hypertrophy, then calcification, spread from the mid-shaft (Ihh-PTHrP)
        t_hyp, t_calc, t_inv = rules.t_hyp, rules.t_calc, rules.t_inv
        hh = float(np.interp(t, (t_hyp, t_calc, max(t_inv, t_calc + 1)), (0.0, 45.0, 80.0))) * rules.kh
        hc = float(np.interp(t, (t_calc, max(t_inv, t_calc + 1)), (0.0, min(50.0 + 10.0 * (t_inv - t_calc) * (1 - rules.invasion), 80.0))))
        hc = hc if t >= t_calc else 0.0
        started = t >= t_inv
        lag = self._invasion_lag()  # slower invasion: bone falls behind, hypertrophic cartilage piles up
        br = np.where(started, np.maximum(bone_reach * lag - backlog * keep, 0.0), -1.0)
        calc_r = np.maximum(np.where(started, br + zc * keep, -1.0), hc if t >= t_calc else -1.0)
        hyp_r = np.maximum(np.where(started, np.maximum(calc_r, bone_reach + zc * keep) + zh * keep, -1.0),
                           hh if t >= t_hyp else -1.0)
        pro_r = np.where(t >= t_hyp, hyp_r + zp * keep, -1.0)
        plate_end = cap + (zc + zh + zp) * keep + 1.2 * unit  # resting zone beyond the plate
        plate = inside & (reach >= br) & ~g.lt_lobe
        tis[plate & (reach < pro_r)] = T.PROLIFERATIVE
        tis[plate & (reach < hyp_r)] = T.HYPERTROPHIC
        tis[plate & (reach < calc_r)] = T.CALCIFIED
        # ossified shaft: cortex under the periosteum, marrow cavity in the middle, spongiosa at the ends
        bone = inside & (reach < br) & ~g.lt_lobe
        cavity_r = self._cavity_reach(t, f["distal"] * lag)
        spongy = bone & ~(reach < cavity_r)
        tis[bone] = T.MARROW
        # wavy longitudinal trabeculae, thick at the front, thinning and ending (resorbed) towards the cavity
        span = np.maximum(br - cavity_r if cavity_r > 0 else 2.0 * br, unit)
        depth = np.clip((br - reach) / span, 0.0, 1.0)
        trab_at, cores_at = g.spongiosa.layers(depth)
        young = cavity_r <= 0 and t >= t_inv + 1.5  # the young primary centre: wavy, broken spicules, not rows across it
        if young:
            trab_at, cores_at = self._young(trab_at), self._young(cores_at)
        trab = spongy & trab_at
        tis[trab] = T.BONE
        tis[trab & (reach >= br - unit) & (close < 1.0)] = T.CALCIFIED  # tips: calcified septa not yet coated
        # primary spongiosa next to the front: mixed spicules, bone on calcified-cartilage cores
        zs = max(0.4 / k, 2.5 * unit)
        primary = spongy & ((reach >= br - zs) | (depth < 0.35)) & (close < 1.0)  # cores fade with depth
        tis[primary & cores_at] = T.CALCIFIED
        if t >= p.lamellar_day:  # woven trabeculae away from the plates remodelled into lamellar bone
            fresh = np.where(close >= 1.0, 0.0, max(1.5 / k, 2 * unit))
            old = spongy & (reach < br - fresh)  # remodelled: a network, no longer longitudinal struts
            tis[old] = T.MARROW
            tis[old & g.network] = T.TRABECULAR
        _no_lone_sites(tis, spongy)  # no specks where a thinning trabecula ends
        if p.resorb_rate <= 0:  # no osteoclasts: nothing resorbed, spongiosa on calcified cores fills the shaft
            tis[bone] = T.BONE
            tis[bone & g.core] = T.CALCIFIED
        cortex_true = float(np.interp(t, *p.cortex_mm))
        cortex = max(oi_rules.cortex_mm(self, t, cortex_true / k * (p.deposit_rate / 2.0) ** 0.5), 0.9 * g.row_mm) * taper
        t_col = rules.t_collar  # Ihh from prehypertrophic cells makes the perichondrium lay the collar
        collar_r = float(np.interp(t, (t_col, max(t_inv, t_col + 1)), (0.0, 60.0))) if t >= t_col else -1.0
        collar_r = np.maximum(collar_r, np.where(started & (t >= t_col), np.minimum(br + zc + 0.5 * zh, cap), -1.0))
        cortex = cortex + oi_rules.cortex_dither(self, t)  # 0 unless OI: a thin cortex between two row counts
        collar = inside & (g.surface_mm < cortex) & (reach < collar_r) & ~g.epiphysis & ~g.lt_lobe
        tis[collar] = T.COLLAR if t < BIRTH_DAY else T.COMPACT  # woven periosteal collar, cortical after birth
        # marrow turns yellow (fat) in the adult shaft, from the middle outwards
        y0, y1 = p.yellow_marrow
        s_yellow = _clip01((t - y0) / (y1 - y0))
        if s_yellow > 0 and cavity_r > 0:  # fat islands from the middle out, merging; red islands remain towards the ends
            # (square root: the diaphysis starts to turn fatty in early childhood, then more slowly)
            level = 1.7 * s_yellow ** 0.5 - (reach / cavity_r) ** 2 - 0.3 * (g.y / 14.0) ** 2
            tis[(tis == T.MARROW) & (self._fade < level) & (reach < 0.95 * cavity_r)] = T.YELLOW_MARROW
        # periosteal bud (week 8) and the nutrient artery that stays; a central vessel in the cavity
        if started:
            if cavity_r > 10:  # the nutrient artery, obliquely through the cortex into the cavity
                tis[self._bud] = T.VESSEL
            else:  # through the collar to the first marrow space; capillaries in every second space
                spaces = (self._young(self._bud_run) if young else self._bud_run) & (tis == T.MARROW)
                lane = spaces & self._bud_band
                first = np.where(lane.any(axis=0), np.argmax(lane, axis=0), -1)
                rows = np.arange(tis.shape[0])[:, None]
                entry = self._bud_band & (rows <= first[None, :])
                channel = entry | shifted(entry, 0, 1) | shifted(entry, 0, -1)  # it widens through the bone
                odd = self._young(self._bud_odd) if young else self._bud_odd
                runs = spaces & (odd | np.isin(rows, first[first >= 0]))  # incl. the space it opens into
                runs &= shifted(runs, 0, 1) | shifted(runs, 0, -1)  # capillaries, not lone sites
                tis[channel & _is(tis, (T.BONE, T.CALCIFIED))] = T.VESSEL
                tis[entry] = T.VESSEL
                tis[runs] = T.VESSEL
            if cavity_r > 10:
                central = (np.abs(g.y) < 0.6 * g.row_mm) & (reach < 0.85 * cavity_r)
                tis[central & inside] = T.VESSEL
        # cartilage canals carry vessels into both ends from about week 10
        if t >= p.canals_day and rules.runx2:
            tis[self._canals & (tis == T.CARTILAGE)] = T.VESSEL
        # secondary ossification centres: each grows from its seed inside its epiphysis
        # articular cartilage 2-3 mm in the adult (facts.md), a thin layer over the growth cartilage of a young epiphysis
        art = max(p.articular_mm * min(1.0, k) / k, 1.6 * unit)
        for name, start, region, dur, rmax in (
                ("distal", p.secondary_distal_day, g.distal_epi, 12 * DAYS_PER_YEAR, 60.0),
                ("head", p.secondary_head_day, g.head_epi, 10 * DAYS_PER_YEAR, 40.0),
                ("gt", p.secondary_gt_day, g.gt_epi, 8 * DAYS_PER_YEAR, 40.0),
                ("lt", p.secondary_lt_day, g.lt_lobe, 4 * DAYS_PER_YEAR, 20.0)):
            if t < start or not rules.runx2:
                continue
            sx, sy = SECONDARY_SEEDS[name]
            grow = float(np.interp((t - start) / DAYS_PER_YEAR * 10 * DAYS_PER_YEAR / dur, *CENTRE_GROWTH))
            closed = (cd if name == "distal" else ch) >= 1.0
            r = max(rmax * grow, 1.5 * unit)
            dist = self._seed_dist[name]
            allowed = region & (g.joint_mm >= art - 0.5 * g.row_mm) & ~((tis == T.VESSEL) & (dist > r))
            young = t < max(start, BIRTH_DAY) + YOUNG_CENTRE_DAYS
            if name != "lt":  # the plate and its resting zone stay cartilage (a thick one round a young centre)
                allowed &= reach > plate_end + (2.5 * unit if young and name in ("distal", "head") else 0.0)
            if closed or grow >= 1.0:  # the centre has filled its epiphysis up to the joint cartilage
                centre = allowed
                ring = np.zeros_like(allowed)
            else:  # a growing centre stays enclosed in its cartilage, with its own front on every side
                # the centre's own front thins once it has grown out to its epiphysis (childhood): a thin
                # spherical plate under the joint cartilage, not a heavy shell
                rim = max(zh, unit) + unit if young else unit
                if name in ("distal", "head"):
                    wall, shell = art + rim + 2 * unit, art + unit
                    away = (g.joint_mm >= wall) & (g.surface_mm >= 1.6 * unit)  # the notch is no joint surface
                else:  # an apophysis (no joint surface): a thin cartilage shell under the perichondrium
                    wall, shell = 1.6 * unit, 0.7 * unit
                    away = g.surface_mm >= wall
                # the centre stays a rim's width inside its cartilage on every side (the plate side too), so
                # its own hypertrophic and calcified front encloses it: bone only ever meets calcified cartilage
                centre = allowed & (dist < r) & away
                # a calcified and a swollen row towards the plate too, once the first focus has grown (a month)
                if young and name in ("distal", "head") and t >= start + 30:
                    centre &= ~dilate(reach <= plate_end + 2.5 * unit, 2)
                ring = allowed & ~centre & (dist < r + rim) & (g.surface_mm >= shell)
                ring |= allowed & any_neighbour(centre, NEIGHBOURS_4) & ~centre  # ... and towards the notch
                if not young:  # a thin front hugging the bone: one row of calcified, one of swollen cells
                    ring &= dilate(centre, 2)
            # the centre's own front: calcified cartilage next to the bone, swollen cells beyond it
            tis[ring & (tis == T.CARTILAGE)] = T.HYPERTROPHIC
            front = any_neighbour(centre, NEIGHBOURS_4)  # calcified cartilage always between bone and swollen cells
            if young:
                front |= (dist >= r) & (dist < r + unit)
            tis[ring & front & (tis == T.HYPERTROPHIC)] = T.CALCIFIED
            if young:  # swollen cells beyond the calcified front on every side (the ovoid's flanks too)
                calc_ring = ring & (tis == T.CALCIFIED)
                tis[allowed & ~centre & any_neighbour(calc_ring, NEIGHBOURS_4) & (tis == T.CARTILAGE)] = T.HYPERTROPHIC
            fatty = t >= max(start, BIRTH_DAY) + 2 * DAYS_PER_YEAR  # epiphyseal marrow turns fatty early
            tis[centre] = T.YELLOW_MARROW if fatty else T.MARROW
            lattice = g.network
            woven = t < start + 1.5 * DAYS_PER_YEAR
            tis[centre & lattice] = T.BONE if woven else T.TRABECULAR
            if not closed:
                tis[centre & (dist > r - unit) & lattice] = T.BONE  # fresh bone at its front
            space = centre & _is(tis, (T.MARROW, T.YELLOW_MARROW))
            tis[space & ~any_neighbour(space, NEIGHBOURS_4)] = T.BONE if woven else T.TRABECULAR  # no one-site holes
            for code in (T.BONE, T.TRABECULAR):  # ... and no lone specks of bone
                own = centre & (tis == code)
                tis[own & ~any_neighbour(own, NEIGHBOURS_4)] = T.YELLOW_MARROW if fatty else T.MARROW
            # articular cartilage on the joint surface once the epiphysis ossifies
            joint = region & (g.joint_mm < art - 0.5 * g.row_mm) & _is(tis, (T.CARTILAGE, T.HYPERTROPHIC, T.VESSEL))
            if name != "lt":
                joint &= reach > plate_end + unit  # a resting zone stays between plate and joint
            tis[joint] = T.ARTICULAR
            # no lone sites at the ovoid's ends (speckle): a lone calcified site takes in its swollen neighbours,
            # other lone sites take their neighbours' tissue
            calc = tis == T.CALCIFIED
            lone_c = region & calc & ~any_neighbour(calc, NEIGHBOURS_4)
            tis[region & any_neighbour(lone_c, NEIGHBOURS_4) & (tis == T.HYPERTROPHIC)] = T.CALCIFIED
            _no_lone_sites(tis, region & ~centre & _is(tis, (T.CARTILAGE, T.VESSEL, T.HYPERTROPHIC)))
        # closure: the plate is replaced by bone; a bony epiphyseal line marks where it was
        for c, side in ((ch, ~g.distal), (cd, g.distal)):
            if c <= 0.0:
                continue
            zone = inside & side & (reach >= cap - unit) & (reach < plate_end) & ~g.lt_lobe
            zone &= ~_is(tis, (T.ARTICULAR, T.VESSEL))
            if c >= 1.0:
                tis[zone] = T.TRABECULAR
                tis[inside & side & (tis == T.CARTILAGE)] = T.TRABECULAR  # nothing of the plate is left
                line = zone & (reach >= cap - 0.5 * unit) & (reach < cap + 1.5 * unit)  # a dense bony plate
                tis[line] = T.EPIPHYSEAL_LINE
            else:
                bridges = zone & _is(tis, (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED, T.CARTILAGE))
                # bony bridges across the thinning plate (rows crossing it, more as it closes), cartilage between
                bridges &= (np.arange(g.h)[:, None] % 8 < 1 + 3 * c)
                tis[bridges] = T.EPIPHYSEAL_LINE  # dense bone of the forming epiphyseal line, not woven spongiosa
        if not rules.bone_made:  # no osteoblasts (RUNX2, SP7 or Ihh lost): nothing becomes bone
            solid = _is(tis, SOLID)
            if not rules.runx2:  # nothing invades: the cartilage model stays cartilage, without a plate to close
                tis[(solid | _is(tis, (T.MARROW, T.YELLOW_MARROW))) & inside] = T.CARTILAGE
            elif p.ihh_level <= 0:  # vessels enter but neither persist nor expand: calcified cartilage stays
                tis[solid | _is(tis, (T.MARROW, T.YELLOW_MARROW))] = T.CALCIFIED
            else:  # SP7: vessels and osteoclasts hollow a marrow space; unresorbed calcified cartilage remains
                tis[solid] = T.MARROW
                tis[bone & g.septa & (reach >= br - 3 * zs)] = T.CALCIFIED  # the uncoated calcified spicules
        if p.resorb_rate <= 0:  # osteopetrosis: no marrow spaces anywhere, the epiphyses fill with bone too
            tis[_is(tis, (T.MARROW, T.YELLOW_MARROW)) & inside] = T.BONE
        # perichondrium over cartilage, periosteum over bone
        sleeve = g.sleeve
        tis[sleeve] = T.PERICHONDRIUM
        bone_near = any_neighbour(any_neighbour(_is(tis, SOLID + (T.MARROW, T.YELLOW_MARROW)) & inside))
        over_bone = sleeve & bone_near
        # the collar (and so the periosteum) leads the front over the hypertrophic zone (Ihh)
        swollen = any_neighbour(any_neighbour(_is(tis, (T.HYPERTROPHIC, T.CALCIFIED)) & inside))
        far_epi = getattr(self, "_far_epi", None)  # static: made once
        if far_epi is None:
            far_epi = self._far_epi = ~any_neighbour(any_neighbour(g.epiphysis))
        over_bone |= sleeve & (reach < collar_r) & swollen & far_epi
        over_bone = over_bone | (sleeve & any_neighbour(over_bone))
        tis[over_bone & (tis == T.PERICHONDRIUM)] = T.PERIOSTEUM
        return oi_rules.femur_tissue(self, t, tis)  # OI, bisphosphonates, fractures

    def _young(self, mask: np.ndarray) -> np.ndarray:
        """A static mask seen through the young centre's warp: each column's rows shifted by a few sites."""
        idx = getattr(self, "_warp_idx", None)
        if idx is None:
            h, w = mask.shape
            c = np.arange(w)
            off = np.round(2.0 * np.sin(c / 2.6 + 0.7) + 1.2 * np.sin(c / 1.45 + 2.0)).astype(int)
            idx = self._warp_idx = np.clip(np.arange(h)[:, None] + off[None, :], 0, h - 1)
        return np.take_along_axis(mask, idx, axis=0)

    def cells_at(self, t: float, tis: np.ndarray, noise: np.ndarray) -> np.ndarray:
        """Which cell sits on each site: chondrocytes only in cartilage, bone cells only on bone."""
        p, g = self.p, self.geo
        cel = np.zeros(tis.shape, np.uint8)
        lacuna, stacked, hyp_slot = self._slots(noise)
        below, above = self._thresholds(noise)  # noise < x, noise > x: static masks, made once each
        cel[(tis == T.CARTILAGE) & lacuna] = C.CHONDROCYTE
        cel[(tis == T.ARTICULAR) & lacuna] = C.CHONDROCYTE
        cel[(tis == T.PROLIFERATIVE) & stacked] = C.PROLIFERATIVE  # stacked columns
        cel[(tis == T.HYPERTROPHIC) & hyp_slot & below(0.95)] = C.HYPERTROPHIC
        in_cartilage = (tis == T.CALCIFIED) & ~any_neighbour(_is(tis, (T.BONE, T.MARROW)))
        # the freshly calcified rows still hold dying cells in their lacunae, in order (no speckle); deeper in the
        # calcified matrix the cells have died and left empty lacunae (drawn by frame())
        dying = in_cartilage & dilate(tis == T.HYPERTROPHIC, DYING_SITES)
        cel[dying & hyp_slot & below(0.95)] = C.HYPERTROPHIC
        # chondrocytes keep clear of the sheath and the collar (their glyphs would overlap them)
        sheath = any_neighbour(_is(tis, (T.PERICHONDRIUM, T.PERIOSTEUM, T.COLLAR, T.COMPACT)))
        cel[sheath & _is(cel, (C.CHONDROCYTE, C.PROLIFERATIVE)) & ~_is(tis, (T.ARTICULAR,))] = C.NONE
        cel[any_neighbour(sheath) & (cel == C.HYPERTROPHIC)] = C.NONE
        fib = _is(tis, (T.PERICHONDRIUM, T.PERIOSTEUM)) & below(0.4)
        cel[fib] = C.FIBROBLAST
        solid = _is(tis, SOLID)
        marrow = _is(tis, (T.MARROW,))
        cel[solid & below(0.22)] = C.OSTEOCYTE
        # osteoblasts line bone facing marrow and the periosteum's inner (cambium) layer
        bony = _is(tis, (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR))
        lined = (bony & any_neighbour(marrow | (tis == T.VESSEL), NEIGHBOURS_4))
        # on the marrow side of the surface, one every few sites: the thin bone stays visible under them
        surface = marrow & any_neighbour(bony, NEIGHBOURS_4)
        cel[surface & below(0.45)] = C.OSTEOBLAST
        # also on the faces a capillary runs along (between the bone and the vessel's endothelium)
        lined_v = (tis == T.VESSEL) & any_neighbour(_is(tis, (T.BONE, T.TRABECULAR)), NEIGHBOURS_4)
        cel[lined_v & above(0.72)] = C.OSTEOBLAST
        cambium = (tis == T.PERIOSTEUM) & any_neighbour(_is(tis, (T.COMPACT, T.COLLAR)), NEIGHBOURS_4)
        cel[cambium & below(0.7)] = C.OSTEOBLAST
        # chondroclasts at the calcified front, osteoclasts where the cavity widens
        front = (tis == T.CALCIFIED) & any_neighbour(marrow, NEIGHBOURS_4)
        clasts = p.resorb_rate > 0  # osteopetrosis: no (working) osteoclasts
        cel[front & above(0.86) & clasts] = C.OSTEOCLAST
        f = self.fronts(t)
        cavity_r = self._cavity_reach(t, f["distal"] * self._invasion_lag())
        eroding = lined & (np.abs(g.reach - cavity_r) < 4.0 * g.col_mm)
        cel[eroding & above(0.9) & clasts] = C.OSTEOCLAST
        # marrow: primitive (mesenchymal) first, blood-forming from months 4-5
        free = marrow & (cel == C.NONE)
        if t >= p.haematopoiesis_day:
            cel[free & below(0.45)] = C.HAEMATOPOIETIC
        else:
            cel[free & below(0.18)] = C.MESENCHYMAL
        # osteoprogenitors arrive with the periosteal bud and spread along the young spicules
        vessel = tis == T.VESSEL
        cel[vessel & below(0.7)] = C.ENDOTHELIAL
        if t < p.cavity_day + 14:
            near_bud = marrow & any_neighbour(any_neighbour(vessel)) & (cel != C.OSTEOBLAST)
            cel[near_bud & below(0.5)] = C.OSTEOPROGENITOR
        return oi_rules.femur_cells(self, tis, cel, noise)

    def _static_fields(self):
        """Fields of the geometry alone, made once: the neck's weight in the slanted proximal front, and the
        cortex's taper (thinner at the metaphyses)."""
        cached = getattr(self, "_static_cache", None)
        if cached is None:
            g = self.geo
            cached = self._static_cache = (np.clip((g.y + 6.0) / 14.0, 0.0, 1.0), np.clip((185.0 - g.reach) / 60.0, 0.25, 1.0))
        return cached

    def _thresholds(self, noise: np.ndarray):
        """(below, above): below(x) == (noise < x), above(x) == (noise > x); the noise is static, so each mask
        is made once (do not modify them)."""
        cached = getattr(self, "_threshold_cache", None)
        if cached is None or cached[0] is not noise:
            masks: dict = {}

            def below(x):
                m = masks.get(("<", x))
                if m is None:
                    m = masks[("<", x)] = noise < x
                return m

            def above(x):
                m = masks.get((">", x))
                if m is None:
                    m = masks[(">", x)] = noise > x
                return m

            self._threshold_cache = cached = (noise, (below, above))
        return cached[1]

    def _slots(self, noise: np.ndarray):
        """Where chondrocytes may sit (static for a noise grid, so made once): apart in their lacunae, stacked in
        columns, and the swollen cells' slots."""
        cached = getattr(self, "_slot_cache", None)
        if cached is None or cached[0] is not noise:
            rows = np.arange(noise.shape[0])[:, None]
            colsi = np.arange(noise.shape[1])[None, :]
            lacuna = (rows % 2 == 0) & ((colsi + rows // 2) % 2 == 0) & (noise < 0.8)  # cells apart in their lacunae
            stacked = (rows % 2 == 0) & (noise < 0.9)
            hyp_slot = (rows % 3 == 1) & (colsi % 3 == 0)
            self._slot_cache = cached = (noise, (lacuna, stacked, hyp_slot))
        return cached[1]

    def simulate(self) -> History:
        p = self.p
        rng = np.random.default_rng(p.seed)
        noise = rng.random((p.grid_h, p.grid_w), dtype=np.float32)
        rec = HistoryRecorder(("tissue", "cells"))
        days = self.scale.to_day(np.linspace(0.0, 1.0, p.steps))
        for t in days:
            tis = self.tissue_at(float(t), noise)
            rec.record(float(t), {"tissue": tis, "cells": self.cells_at(float(t), tis, noise)})
        return rec.finish()

    # -- pictures ------------------------------------------------------------------------
    def frame(self, history: History, day: float, labels: bool = False, signals: bool = False) -> Frame:
        """The picture at `day`: the whole section as tissue, and a cellular inset on the focus."""
        g = history.grids(history.step_at(day))
        tis, cel = g["tissue"], g["cells"]
        phase = phase_at(self.phases, day)
        um = self.site_um(day)
        aspect = self.aspect(day)
        focus = phase.focus
        inset_labels: tuple = ()
        inset_zones: tuple = ()
        if focus in ("front", "plate", "line") and day >= self.rules.t_inv + 10:
            inset, inset_labels, inset_zones = self._plate_histology(day)
            cx, cy = self._focus(focus, tis)
            w = max(2, int(round(PLATE_W * PLATE_SITE_UM / um)))
            h = max(2, int(round(PLATE_H * PLATE_SITE_UM / um / aspect)))
            x0, y0, w, h = crop_rect(tis.shape, cx, cy, w, h)
        else:
            cx, cy = self._focus(focus, tis)
            crop_w = EPI_INSET_W if focus == "epiphysis" else INSET_W  # the epiphysis closer: its plate's zones readable
            crop_h = int(round(crop_w * 9 / 16 / aspect))  # fills the 16:9 inset
            if focus == "shaft":  # the whole thickness of the shaft, sleeve to sleeve: no empty bands
                rows = np.flatnonzero(self.geo.inside[:, int(cx)] | self.geo.sleeve[:, int(cx)])
                crop_h = int(rows.size) - 2
                crop_w = int(round(crop_h * aspect * 16 / 9))
                cy = rows.mean() + 0.5
            x0, y0, w, h = crop_rect(tis.shape, cx, cy, crop_w, crop_h)
            if not hasattr(self, "_placer"):
                self._placer = CellPlacer(tis.shape, amount=0.12)
            crop_t, crop_c = _empty_lacunae(tis[y0:y0 + h, x0:x0 + w], cel[y0:y0 + h, x0:x0 + w], x0, y0), cel[y0:y0 + h, x0:x0 + w]
            speck = _is(crop_t, SOLID)  # no lone bone specks in the close-up (inner sites: edges have no outside)
            speck[[0, -1], :] = False
            speck[:, [0, -1]] = False
            if speck.any():
                crop_t = crop_t.copy()
                _no_lone_sites(crop_t, speck)
            sizes = EARLY_CELL_SIZES if um < 30 else None
            placed = self._placer.place(crop_c, x0, y0)
            if C.OSTEOBLAST in placed:  # against the bone they line, not in the middle of their site
                placed[C.OSTEOBLAST] = _on_surface(placed[C.OSTEOBLAST], crop_t)
            inset = Layer(crop_t, placed, um, aspect, (x0, y0), sizes)
            if focus == "epiphysis":  # the same crop finer: smooth tissue edges, a primary spongiosa (epiphysis_window)
                inset, inset_zones, inset_labels = self._epiphysis_closeup(crop_t, inset.cells, um, aspect, (x0, y0),
                                                                           phase.id, day)
            else:
                inset_zones = self._crop_zones(crop_t)
                inset_labels = self._crop_labels(crop_t, inset.cells, phase.id, day,
                                                 self.geo.epiphysis[y0:y0 + h, x0:x0 + w])
        if focus == "shaft" and primary_window.shows(self, day):  # the young primary centre at cellular scale
            inset, inset_labels = primary_window.inset(self, day, tis, (x0, y0, w, h))
        elif focus == "front" and primary_window.carries_on(self, day, self.rules.t_inv + 10):  # ... to the plate
            x0, y0, w, h = primary_window.front_rect(self, day, tis)
            inset, inset_labels = primary_window.inset(self, day, tis, (x0, y0, w, h))
            inset_zones = ()
        main = Layer(tis, {}, um, aspect)
        lab = endochondral_structures(tis, self.geo, phase.id, day) if labels else ()
        # the ossified shaft (what ultrasound FL measures, Hadlock) beside the whole femur, before birth
        shaft = {"shaft_mm": self.rules.femur_mm(day) * (1.0 - femur_cartilage_share(day))} \
            if self.p.invasion_day <= day <= BIRTH_DAY else {}
        return Frame("endochondral", float(day), phase, main, inset, (x0, y0, w, h),
                     organ_mm=self.rules.femur_mm(day), labels=tuple(lab), extras={**shaft, **oi_rules.frame_extras(self.p)},
                     names=tuple(endochondral_names(tis, self.geo)),
                     inset_labels=tuple(inset_labels), inset_zones=tuple(inset_zones),
                     signals=signal_fields(self, tis, day) if signals else {})

    def _epiphysis_closeup(self, crop, cells, um, aspect, origin, phase_id, day):
        """The secondary-centre close-up ZOOM times finer than the organ: (layer, zones, labels) in fine sites."""
        look = self.plate_look(day, self.closing(day)[1])  # the spongiosa is redrawn only where it forms normally
        spongiosa = look.bone and look.resorb and look.cavity
        fine, fine_cells, fine_um = epiphysis_window.closeup(crop, cells, um, aspect, origin, self.p.seed, spongiosa)
        (x0, y0), (h, w) = origin, crop.shape
        epi = epiphysis_window.nearest(self.geo.epiphysis[y0:y0 + h, x0:x0 + w])
        z = epiphysis_window.ZOOM
        zones = tuple((k, a * z, b * z, ax) for k, a, b, ax in self._crop_zones(crop))
        labels = self._crop_labels(fine, fine_cells, phase_id, day, epi)
        centre = epiphysis_window.inner_point(_is(fine, (T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW)) & epi)
        if centre is not None:  # the centre's leader ends in its middle, not on the edge nearest the inset's middle
            labels = [(k, *centre) if k in ("secondary_centre", "epiphysis") else (k, x, y) for k, x, y in labels]
        return Layer(fine, fine_cells, fine_um, aspect, origin, epiphysis_window.CELL_SIZES), zones, labels

    def _plate_histology(self, day: float):
        """The distal growth plate (or, before the plate, the first front) at true cellular scale."""
        p = self.p
        start = self.rules.t_inv + 10
        grown_um = DISTAL_SHARE * 1000.0 * (self.rules.femur_mm(day) - self.rules.femur_mm(start))
        closing = self.closing(day)[1]
        secondary = day >= p.secondary_distal_day + 30
        look = self.plate_look(day, closing)
        scales: dict = {}  # hypertrophic cells swell towards the front (3.6 sites = the largest, at the front)
        tissue, cells = plate_window(day, grown_um, secondary, closing, BIRTH_DAY, p.seed, look, scales)
        layer = Layer(tissue, cells, PLATE_SITE_UM, 1.0, (0, 0), PLATE_CELL_SIZES, cell_scale=scales)
        zones = plate_zones(day, BIRTH_DAY, closing, secondary, look)
        return layer, plate_labels(tissue, cells, zones, closing), zones

    def plate_look(self, day: float, closing: float) -> PlateLook:
        """The experiment's rules as the growth-plate window draws them (zone widths, bone, osteoclasts)."""
        r = self.rules
        return PlateLook(r.widths(day, closing), r.bone_made, self.p.resorb_rate > 0,
                         self.p.ihh_level > 0 or not r.runx2)

    @staticmethod
    def _crop_zones(crop: np.ndarray) -> tuple:
        """Bracketed zone names along x for an organ-scale crop, where it shows a plate or front:
        the contiguous runs of the middle row, bone on the left, the end's resting cartilage on the right."""
        row = crop[crop.shape[0] // 2]
        cuts = np.flatnonzero(np.diff(row.astype(int))) + 1
        starts = np.concatenate([[0], cuts])
        ends = np.concatenate([cuts, [row.size]])
        runs = [(int(row[a]), int(a), int(b)) for a, b in zip(starts, ends)]
        want = ((T.MARROW, T.BONE, T.TRABECULAR), (T.CALCIFIED,), (T.HYPERTROPHIC,), (T.PROLIFERATIVE,), (T.CARTILAGE,))
        keys = ("ossification", "calcified", "hypertrophic", "proliferative", "resting")
        for i in range(len(runs) - 4):
            if all(runs[i + j][0] in want[j] for j in range(5)):
                out = []
                for j, key in enumerate(keys):
                    _, a, b = runs[i + j]
                    if key == "ossification":  # the bone next to the front: trabeculae and marrow
                        a = max(0, b - 8)
                    out.append((key, float(a), float(b), "x"))
                return tuple(out)
        return ()

    @staticmethod
    def _crop_labels(crop: np.ndarray, cells: dict, phase_id: str, day: float, epi=None) -> list:
        """Labels inside an organ-scale crop: the structures and cells the phase is about; each anchor
        lies in the tissue it names (cells in their own zone, the secondary centre inside the epiphysis)."""
        out = []
        rows, cols = crop.shape

        def at_mask(key, mask):
            site = nearest_site(mask, cols * 0.5, None, least=2)
            if site is not None:
                out.append((key, *site))

        def at_cell(key, code, prefer_x):
            pts = cells.get(int(code))
            if pts is not None and len(pts):
                ix = np.clip(pts[:, 0].astype(int), 0, cols - 1)
                iy = np.clip(pts[:, 1].astype(int), 0, rows - 1)
                own = {C.HYPERTROPHIC: T.HYPERTROPHIC}.get(code)
                if own is not None:  # a cell in its own zone, not one left in the calcified matrix
                    pts = pts[crop[iy, ix] == own]
                    if not len(pts):
                        return
                i = int(np.argmin(np.abs(pts[:, 0] - prefer_x * cols) + 0.3 * np.abs(pts[:, 1] - rows / 2)))
                out.append((key, float(pts[i, 0]), float(pts[i, 1])))

        at_mask("perichondrium", crop == T.PERICHONDRIUM)
        at_mask("periosteum", crop == T.PERIOSTEUM)
        at_mask("periosteal_collar" if day < BIRTH_DAY else "cortical_bone", _is(crop, (T.COMPACT, T.COLLAR)))
        if phase_id in ("hypertrophy", "bone_collar", "primary_centre"):
            at_cell("hypertrophic", C.HYPERTROPHIC, 0.15)
        if phase_id in ("bone_collar", "primary_centre"):
            # the calcified zone itself, not the calcified core of a mixed spicule among the bone
            near_bone = any_neighbour(any_neighbour(_is(crop, (T.BONE, T.MARROW, T.VESSEL))))
            at_mask("calcified", (crop == T.CALCIFIED) & ~near_bone)
        if phase_id == "primary_centre":
            at_mask("periosteal_bud", crop == T.VESSEL)
            at_cell("osteoprogenitor", C.OSTEOPROGENITOR, 0.45)
            at_cell("osteoclast", C.OSTEOCLAST, 0.3)
            at_mask("mixed_spicule", crop == T.BONE)
        if phase_id == "secondary_centres":
            epi_mask = epi if epi is not None else (np.arange(cols)[None, :] > cols * 0.55)
            at_mask("secondary_centre" if day < BIRTH_DAY + 4 * DAYS_PER_YEAR else "epiphysis",
                    _is(crop, (T.BONE, T.TRABECULAR)) & epi_mask)
            at_mask("articular", crop == T.ARTICULAR)
        return out

    def _focus(self, key: str, tis: np.ndarray) -> tuple[float, float]:
        """Centre (x, y in sites) of the part that matters now."""
        g = self.geo
        axis = g.axis_row()
        if key == "shaft":
            col = int(round(g.site(CENTRE_X, 0)[0]))
            calc = np.flatnonzero(tis[axis] == T.CALCIFIED)
            hyp = np.flatnonzero(tis[axis] == T.HYPERTROPHIC)
            if calc.size and not (tis == T.VESSEL).any():  # before the bud: the collar edge, calcified beside hypertrophic
                col = int(calc.min())
            elif hyp.size and not calc.size:  # hypertrophy: across the proliferative-hypertrophic border
                col = int(hyp.min())
            top = int(np.flatnonzero(g.inside[:, col])[0])
            return col, top + INSET_H / 2 - 3
        if key == "epiphysis":
            sx, sy = g.site(429.0, 0.0)  # the plate, the centre and the joint, ending at the condyle
            return sx, sy - 15  # clear of the intercondylar notch: no background in the inset
        row = tis[axis - 4]
        right = np.arange(g.w) > g.w // 2
        if key in ("plate", "line"):
            codes = (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED, T.EPIPHYSEAL_LINE)
            if not self.rules.bone_made:  # a shaft of calcified cartilage (Ihh lost): look at the plate itself
                codes = (T.PROLIFERATIVE, T.HYPERTROPHIC)
            band = np.flatnonzero(right & _is(row, codes))
            x = band.mean() if band.size else g.site(DISTAL_PLATE, 0)[0]
            return x, axis - 12
        cart = np.flatnonzero(right & _is(row, (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)))
        x = cart.mean() if cart.size else 0.8 * g.w
        return x, axis - 6


def _no_lone_sites(tis: np.ndarray, where: np.ndarray) -> None:
    """In place: a site in `where` unlike all four neighbours takes the tissue most of its neighbours have."""
    lone = where.copy()
    for dy, dx in NEIGHBOURS_4:
        lone &= shifted(tis, dy, dx) != tis
    if not lone.any():
        return
    h, w = tis.shape
    ys, xs = np.nonzero(lone)  # the few lone sites: gather their neighbours only (0 outside the grid, as shifted)
    cand = np.zeros((len(NEIGHBOURS_4), ys.size), tis.dtype)  # (4, n) neighbour tissues of each lone site
    for i, (dy, dx) in enumerate(NEIGHBOURS_4):
        y, x = ys + dy, xs + dx
        ok = (y >= 0) & (y < h) & (x >= 0) & (x < w)
        cand[i, ok] = tis[y[ok], x[ok]]
    votes = (cand[:, None, :] == cand[None, :, :]).sum(axis=1)  # how many neighbours share each one's tissue
    tis[lone] = cand[np.argmax(votes, axis=0), np.arange(cand.shape[1])]


def _seg_dist(x, y, sx, sy, ex, ey):
    dx, dy = ex - sx, ey - sy
    t = np.clip(((x - sx) * dx + (y - sy) * dy) / (dx * dx + dy * dy), 0, 1)
    return np.hypot(x - (sx + t * dx), y - (sy + t * dy))


def _empty_lacunae(crop: np.ndarray, cel: np.ndarray, x0: int, y0: int) -> np.ndarray:
    """The crop's tissue with the empty lacunae of dead chondrocytes (pale, 2 x 2 sites) drawn
    into calcified cartilage away from the hypertrophic zone (the lacunae of the cells' own slots)."""
    calc = crop == T.CALCIFIED
    if not calc.any():
        return crop
    rows = (np.arange(y0, y0 + crop.shape[0]) % 3 == 1)[:, None]
    slot = rows & (np.arange(x0, x0 + crop.shape[1]) % 3 == 0)[None, :]
    matrix = calc & ~any_neighbour(_is(crop, (T.BONE, T.MARROW, T.VESSEL, T.COLLAR, T.COMPACT, T.PERIOSTEUM)))
    empty = matrix & slot & (cel == C.NONE) & ~dilate(crop == T.HYPERTROPHIC, DYING_SITES)
    empty |= shifted(empty, 0, -1)  # a lacuna about as large as the cell it held (2 x 2 sites), septa between
    empty |= shifted(empty, -1, 0)
    empty &= matrix
    out = crop.copy()
    out[empty] = T.HYPERTROPHIC
    return out


def _hug_bone(pts: np.ndarray, crop: np.ndarray, by: float = 0.35) -> np.ndarray:
    """Osteoblast positions moved towards the bone beside their site (4-neighbours), so they line its surface."""
    bone = _is(crop, (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR))
    h, w = crop.shape
    ix = clip(pts[:, 0].astype(int), 0, w - 1)
    iy = clip(pts[:, 1].astype(int), 0, h - 1)
    out = pts.copy()
    for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        ny, nx = clip(iy + dy, 0, h - 1), clip(ix + dx, 0, w - 1)
        hit = bone[ny, nx] & ~bone[iy, ix]
        out[hit, 0] += dx * by
        out[hit, 1] += dy * by
    return out


def _on_surface(pts: np.ndarray, crop: np.ndarray) -> np.ndarray:
    """Osteoblasts hugging the bone they line, none drawn inside bone (a moved one that would land in bone
    stays where it was; one whose own site is bone is left out)."""
    bone = _is(crop, (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR))
    h, w = crop.shape

    def in_bone(q):
        return bone[clip(q[:, 1].astype(int), 0, h - 1), clip(q[:, 0].astype(int), 0, w - 1)]

    moved = _hug_bone(pts, crop)
    out = np.where(in_bone(moved)[:, None], pts, moved).astype(pts.dtype)
    return out[~in_bone(out)]
