"""The femur's experiment-aware local rules: plate growth speed, femur length, uninvaded cartilage, timings.

Every number here follows from the parameters the experiments override (params.EndochondralParams);
with the defaults every rule returns the normal model exactly (normal pictures do not change).
Sources: conditions-repair-origins.md section 1 (Kronenberg 2003; Karaplis 1994; Schipani 1997;
St-Jacques 1999; Komori 1997; Nakashima 2002; Gerber 1999; Vu 1998; Weise 2001; Smith 1994).
"""

from __future__ import annotations

import math

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_YEAR
from .growth import femur_total_mm
from .growthplate import zone_widths
from .params import EndochondralParams

NEVER = 1e9
MAX_BACKLOG = 7.0  # times the normal hypertrophic + calcified zones
RECOVERY_DAYS = 5.0  # vessels clear a backlog of calcified cartilage in about this time (model estimate)
PUBERTY_DAY = BIRTH_DAY + 12.0 * DAYS_PER_YEAR  # normal onset of the pubertal oestrogen rise (boys, estimate)
SPURT_DAYS = 2.0 * DAYS_PER_YEAR  # an advanced puberty runs through its spurt in about 2 years (estimate)
SPURT_SHARE = 0.5  # share of the skipped years' growth an early spurt makes up (model estimate)
OPEN_DECAY_DAYS = 6.0 * DAYS_PER_YEAR  # plates that never close keep growing, slowly slower (Smith 1994)


class PlateRules:
    """The rule outcomes of one parameter set, precomputed once (a few ms)."""

    def __init__(self, p: EndochondralParams):
        d = EndochondralParams()
        self.p = p
        self.runx2 = p.runx2_level > 0.0
        # Rule 1: PTHrP reach and threshold set how long cells keep dividing; Ihh drives PTHrP at the ends
        self.pthrp = (p.pthrp_length_um / d.pthrp_length_um) * (d.pthrp_hypertrophy_threshold / p.pthrp_hypertrophy_threshold)
        self.pthrp *= 0.4 + 0.6 * min(p.ihh_level, 1.0)
        hyp = p.hypertrophy_rate / d.hypertrophy_rate
        self.kp = max(self.pthrp * p.proliferation, 0.05)
        self.kh = max(hyp ** 0.5 * (p.calcify_after_days / d.calcify_after_days) ** 0.5, 0.05) \
            / max(self.pthrp, 0.05) ** 0.5 * p.proliferation ** 0.5
        self.kc = d.calcify_after_days / max(p.calcify_after_days, 1e-3)
        # growth speed: cells made per column per day (division rate x dividing cells) and how fast they swell
        g = p.proliferation * min(1.0, self.pthrp) * min(1.0, hyp)
        self.growth = math.sqrt(max(g, 0.0)) if self.runx2 else 0.7 * math.sqrt(p.proliferation)
        # timings: less PTHrP -> earlier hypertrophy, later calcification and invasion when slowed
        self.invasion = min(1.0, p.invasion_rate / d.invasion_rate)
        if not self.runx2:
            self.t_hyp = self.t_calc = self.t_collar = self.t_inv = self.t_cavity = NEVER
        else:
            self.t_hyp = p.hypertrophy_day + 3.0 * (min(self.pthrp, 2.0) - 1.0)
            self.t_calc = self.t_hyp + (p.calcify_day - p.hypertrophy_day) * p.calcify_after_days / d.calcify_after_days
            self.t_collar = p.collar_day + (self.t_calc - p.calcify_day) if p.ihh_level > 0 else NEVER
            self.t_inv = self.t_calc + (p.invasion_day - p.calcify_day) / max(self.invasion, 0.05)
            self.t_cavity = p.cavity_day + (self.t_inv - p.invasion_day)
        self.bone_made = self.runx2 and p.ihh_level > 0 and p.deposit_rate > 0
        self.normal_length = (self.growth == 1.0 and p.puberty_shift_days == 0 and p.oestrogen_action >= 1.0)
        self._tables()

    # -- closure (rule 10): oestrogen times it -------------------------------------------
    def closing(self, day: float) -> tuple[float, float]:
        """Closure progress (0..1) of the proximal and the distal plate."""
        p = self.p
        if p.oestrogen_action <= 0:
            return 0.0, 0.0
        s = p.puberty_shift_days
        ch = (day - p.closure_head[0] - s) / (p.closure_head[1] - p.closure_head[0])
        cd = (day - p.closure_distal[0] - s) / (p.closure_distal[1] - p.closure_distal[0])
        return min(max(ch, 0.0), 1.0), min(max(cd, 0.0), 1.0)

    # -- lengths and the backlog of uninvaded cartilage ----------------------------------
    def _tables(self) -> None:
        p = self.p
        days = np.linspace(p.start_day, p.end_day, 12001)
        dt = days[1] - days[0]
        normal = np.array([femur_total_mm(float(t)) for t in days[::10]])
        ln = np.interp(days, days[::10], normal)
        vn = np.gradient(ln, dt)
        v = vn.copy()
        slowed = days >= p.slow_growth_from_day
        v[slowed] *= self.growth
        shift = -p.puberty_shift_days
        if shift > 0:  # early oestrogen: bone age runs ahead through a spurt, the plates close early
            a = PUBERTY_DAY - shift
            ramp = np.clip((days - a) / SPURT_DAYS, 0.0, 1.0)
            tau = days + shift * ramp
            dtau = 1.0 + np.where((days >= a) & (days < a + SPURT_DAYS), shift / SPURT_DAYS, 0.0)
            v = np.interp(tau, days, vn) * (1.0 + SPURT_SHARE * (dtau - 1.0)) * np.where(slowed, self.growth, 1.0)
        if p.oestrogen_action <= 0:  # no oestrogen: no closure, growth goes on, slowly falling
            c0 = p.closure_head[0]
            ref = float(np.mean(vn[(days > PUBERTY_DAY - DAYS_PER_YEAR) & (days < PUBERTY_DAY)]))
            late = days >= c0
            v[late] = np.maximum(v[late], ref * self.growth * np.exp(-(days[late] - c0) / OPEN_DECAY_DAYS))
        length = ln[0] + np.concatenate([[0.0], np.cumsum(0.5 * (v[1:] + v[:-1]) * dt)])
        # backlog (true mm) of hypertrophic and calcified cartilage that vessels have not yet replaced
        plate_v = np.where(days < BIRTH_DAY, 0.5, 0.7) * np.maximum(v, 0.0)
        eff = np.full(days.shape, self.invasion)
        eff[days >= p.invasion_normal_from_day] = 1.0
        b0, b1 = p.vegf_block
        eff[(days >= b0) & (days < b1)] = 0.0
        eff *= 0.6 + 0.4 * min(1.0, p.resorb_rate / EndochondralParams().resorb_rate)  # chondroclasts help
        eff[days < self.t_inv] = 1.0
        keep = np.exp(-eff * dt / RECOVERY_DAYS)
        gain = plate_v * (1.0 - eff) * dt
        gap = np.zeros(days.shape)
        acc = 0.0
        start = int(np.argmax(gain > 0)) if (gain > 0).any() else days.size
        for i in range(start, days.size):  # a scalar recurrence (once per parameter set, only when invasion lags)
            acc = acc * keep[i] + gain[i]
            gap[i] = acc
        self._days, self._length, self._gap = days, length, gap

    def femur_mm(self, day: float) -> float:
        """Whole femur length (mm) in this scenario."""
        if self.normal_length:
            return femur_total_mm(day)
        return float(np.interp(day, self._days, self._length))

    def backlog_mm(self, day: float) -> float:
        """True mm of hypertrophic + calcified cartilage piled up because vessels enter too slowly, at most
        7 times the normal zones (the plate of MMP9-null mice grows to about 8 times normal, Vu 1998)."""
        _, hyper, calc = zone_widths(day, BIRTH_DAY, 0.0)
        return min(float(np.interp(day, self._days, self._gap)), MAX_BACKLOG * (hyper + calc) / 1000.0)

    def widths(self, day: float, closing: float) -> tuple[float, float, float]:
        """(proliferative, hypertrophic, calcified) zone widths in µm at the distal plate."""
        prolif, hyper, calc = zone_widths(day, BIRTH_DAY, closing)
        if not self.runx2:
            return prolif * self.kp, 0.0, 0.0
        gap = 1000.0 * self.backlog_mm(day) * (1.0 - closing)
        return prolif * self.kp, hyper * self.kh + 0.4 * gap, calc * self.kc + 0.6 * gap
