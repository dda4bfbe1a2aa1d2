"""Endochondral ossification of a femur (longitudinal section) as a rule-driven site/cell simulation."""

from __future__ import annotations

import numpy as np

from .clock import TimelineScale
from .growth import organ_length_mm
from .history import History, HistoryRecorder
from .kinds import Cell, Tissue
from .lattice import any_neighbour, chance, diffuse, distance_to, NEIGHBOURS_4
from .params import ENDOCHONDRAL_PHASES, EndochondralParams, FEMUR_LENGTH
from .scene import CellPlacer, Frame, Layer, crop_rect, phase_at
from .clock import BIRTH_DAY
from .growthplate import HEIGHT_SITES as PLATE_H, SITE_UM as PLATE_SITE_UM, WIDTH_SITES as PLATE_W, plate_window
from .structures import endochondral_structures

T, C = Tissue, Cell
CARTILAGES = (T.CARTILAGE, T.PROLIFERATIVE)
INSET_W, INSET_H = 64, 36  # sites shown at cellular scale (16:9)
PLATE_FROM_DAY = 84.0  # from week 12 the growth-plate inset is drawn at true cellular scale
DISTAL_SHARE = 0.7  # the distal femoral plate makes most of the femur's length
# glyph sizes (in 10 µm sites) for the growth-plate histology
PLATE_CELL_SIZES = {C.CHONDROCYTE: 1.1, C.PROLIFERATIVE: 2.3, C.HYPERTROPHIC: 2.2, C.OSTEOBLAST: 1.2,
                    C.OSTEOCYTE: 1.1, C.OSTEOCLAST: 3.4, C.ENDOTHELIAL: 1.5, C.HAEMATOPOIETIC: 0.8}


class FemurGeometry:
    """Static geometry of the cartilage model: outline, ends, distances (in sites)."""

    def __init__(self, p: EndochondralParams):
        h, w = p.grid_h, p.grid_w
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        u = xx / (w - 1)
        v = (yy - (h - 1) / 2) / ((h - 1) / 2)
        self.u, self.v = u, v
        prox = np.exp(-((u - 0.075) / 0.085) ** 2)
        dist = np.exp(-((u - 0.93) / 0.075) ** 2)
        half = 0.36 + 0.42 * prox + 0.56 * dist  # bulbous ends: head (proximal), condyles (distal)
        ends = (u > 0.025) & (u < 0.975)
        cap = np.clip(np.minimum((u - 0.025) / 0.05, (0.975 - u) / 0.05), 0, 1)
        half = half * np.sqrt(np.clip(1 - (1 - cap) ** 2, 0, 1))
        self.inside = ends & (np.abs(v) < half)
        # perichondrium: a 3-site sleeve round the model, not on the joint surfaces
        ring = np.zeros_like(self.inside)
        grown = self.inside.copy()
        for _ in range(3):
            grown = grown | any_neighbour(grown)
        ring = grown & ~self.inside & (u > 0.05) & (u < 0.95)
        self.sleeve = ring
        self.sleeve_inner = ring & any_neighbour(self.inside)
        # epiphyses: the cartilage ends that make PTHrP; growth plates form at their border
        self.epiphysis = self.inside & ((u < 0.13) | (u > 0.855))
        self.distal = u > 0.5
        self.joint = self.inside & ((u < 0.075) | (u > 0.925))  # the joint ends carry articular cartilage
        border = self.epiphysis & any_neighbour(self.inside & ~self.epiphysis)
        self.d_src = distance_to(border, within=self.inside)  # sites from the epiphyseal border
        self.d_src[self.epiphysis] = 0.0
        self.d_surface = distance_to(~self.inside, within=self.inside)
        self.d_border = distance_to(border, within=self.epiphysis)  # inside the epiphysis
        self.bone_sites = (0.94 * w)
        # secondary-centre seeds: deepest point of each epiphysis
        self.centres = []
        for side in (u < 0.5, u > 0.5):
            m = self.epiphysis & side
            score = np.where(m, np.minimum(self.d_surface, self.d_border + 4), -1)
            iy, ix = np.unravel_index(int(np.argmax(score)), score.shape)
            self.centres.append((iy, ix))
        self.septa = (np.mgrid[0:h, 0:w][0] % 3) == 0  # longitudinal septa of calcified cartilage


class EndochondralModel:
    """Runs the simulation once per parameter set; the result is a compact History."""

    kind = "endochondral"

    def __init__(self, params: EndochondralParams | None = None):
        self.p = params or EndochondralParams()
        self.scale = TimelineScale(self.p.start_day, self.p.end_day)
        self.geo = FemurGeometry(self.p)

    phases = ENDOCHONDRAL_PHASES

    def frame(self, history: History, day: float, labels: bool = False) -> Frame:
        """The picture at `day`: the whole section as tissue, and a cellular inset on the focus."""
        g = history.grids(history.step_at(day))
        tis, cel = g["tissue"], g["cells"]
        phase = phase_at(self.phases, day)
        um = self.site_um(day)
        aspect = float(np.interp(day, (56.0, 266.0, 266.0 + 18 * 365.25), (1.0, 0.8, 0.55)))
        cx, cy = self._focus(phase.focus, tis)
        x0, y0, w, h = crop_rect(tis.shape, cx, cy, INSET_W, INSET_H)
        if phase.focus == "plate" and day >= PLATE_FROM_DAY:
            inset = self._plate_histology(day)
            w = max(2, int(round(PLATE_W * PLATE_SITE_UM / um)))
            h = max(2, int(round(PLATE_H * PLATE_SITE_UM / um / aspect)))
            x0, y0, w, h = crop_rect(tis.shape, cx, cy, w, h)
        else:
            if not hasattr(self, "_placer"):
                self._placer = CellPlacer(tis.shape)
            inset = Layer(tis[y0:y0 + h, x0:x0 + w], self._placer.place(cel[y0:y0 + h, x0:x0 + w], x0, y0),
                          um, aspect, (x0, y0))
        main = Layer(tis, {}, um, aspect)
        labels = endochondral_structures(tis, self.geo.distal, self.geo.epiphysis, phase.id) if labels else ()
        return Frame("endochondral", float(day), phase, main, inset, (x0, y0, w, h),
                     organ_mm=organ_length_mm(FEMUR_LENGTH, day), labels=tuple(labels))

    def _plate_histology(self, day: float) -> Layer:
        """The distal growth plate at true cellular scale, flowing as the femur lengthens."""
        p = self.p
        grown_um = DISTAL_SHARE * 1000.0 * (organ_length_mm(FEMUR_LENGTH, day) - organ_length_mm(FEMUR_LENGTH, PLATE_FROM_DAY))
        closing = min(max((day - p.closure_start_day) / (p.closure_end_day - p.closure_start_day), 0.0), 1.0)
        tissue, cells = plate_window(day, grown_um, day >= p.secondary_distal_day + 30, closing, BIRTH_DAY, p.seed)
        return Layer(tissue, cells, PLATE_SITE_UM, 1.0, (0, 0), PLATE_CELL_SIZES)

    def _focus(self, key: str, tis: np.ndarray) -> tuple[float, float]:
        """Centre (x, y in sites) of the part that matters now."""
        h, w = tis.shape
        g = self.geo
        top = int(np.flatnonzero(g.inside[:, w // 2])[0])
        if key == "shaft":
            return w / 2, top + INSET_H / 2 - 2
        row = tis[h // 2 - 8]
        right = np.arange(w) > w // 2
        if key == "epiphysis":
            cy, cx = g.centres[1]
            return cx - 6, cy - 6
        if key == "plate":
            band = np.flatnonzero(right & np.isin(row, (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED, T.EPIPHYSEAL_LINE)))
            x = band.mean() if band.size else 0.86 * w
            return x, h / 2 - 10
        cart = np.flatnonzero(right & np.isin(row, (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)))
        x = cart[0] if cart.size else 0.8 * w
        return x, h / 2 - 10

    def site_um(self, day: float) -> float:
        """True size of one site (micrometres) at a given day."""
        return organ_length_mm(FEMUR_LENGTH, day) * 1000.0 / self.geo.bone_sites

    def simulate(self) -> History:
        p, g = self.p, self.geo
        rng = np.random.default_rng(p.seed)
        h, w = p.grid_h, p.grid_w
        noise = rng.random((h, w), dtype=np.float32)
        tis = np.full((h, w), T.BACKGROUND, np.uint8)
        cel = np.zeros((h, w), np.uint8)
        tis[g.inside] = T.CARTILAGE
        tis[g.sleeve] = T.PERICHONDRIUM
        cel[g.inside & (noise < 0.55)] = C.CHONDROCYTE
        cel[g.sleeve & (noise < 0.45)] = C.FIBROBLAST
        age = np.zeros((h, w), np.float32)  # days since the site's tissue last changed
        rec = HistoryRecorder(("tissue", "cells"))
        days = self.scale.to_day(np.linspace(0.0, 1.0, p.steps))
        rec.record(days[0], {"tissue": tis, "cells": cel})
        bud_open = [False]
        canal_open = [False, False]
        for i in range(1, p.steps):
            t, dt = float(days[i]), float(days[i] - days[i - 1])
            before = tis.copy()
            self._step(t, dt, tis, cel, age, noise, rng, bud_open, canal_open)
            age += dt
            age[tis != before] = 0.0
            rec.record(t, {"tissue": tis, "cells": cel})
        return rec.finish()

    # -- one step of local rules -------------------------------------------------------
    def _step(self, t, dt, tis, cel, age, noise, rng, bud_open, canal_open):
        p, g = self.p, self.geo
        shape = tis.shape
        um = self.site_um(t)
        pthrp = np.exp(-g.d_src * um / p.pthrp_length_um)  # PTHrP from the resting ends
        cart = np.isin(tis, CARTILAGES)
        closing = min(max((t - p.closure_start_day) / (p.closure_end_day - p.closure_start_day), 0.0), 1.0)

        # 1. Ihh-PTHrP: low PTHrP lets chondrocytes stop dividing and hypertrophy (shaft first)
        if t >= p.hypertrophy_day:
            low = cart & ~g.epiphysis & (pthrp < p.pthrp_hypertrophy_threshold)
            drive = (p.pthrp_hypertrophy_threshold - pthrp) / p.pthrp_hypertrophy_threshold
            go = low & chance(rng, p.hypertrophy_rate * (0.2 + drive), dt, shape)
            tis[go] = T.HYPERTROPHIC
            cel[go & (cel != C.NONE)] = C.HYPERTROPHIC
            cel[go & (cel == C.NONE) & (noise < 0.75)] = C.HYPERTROPHIC  # cells swell into matrix
        # proliferative columns between the resting ends and the hypertrophic zone
        prolif = (tis == T.CARTILAGE) & ~g.epiphysis & (pthrp < 0.8)
        prolif |= (tis == T.CARTILAGE) & g.epiphysis & (g.d_border * um < p.plate_um * 0.55) & self._plate_phase(t)
        if closing == 0.0:
            tis[prolif] = T.PROLIFERATIVE
            cel[prolif & (np.arange(shape[0])[:, None] % 2 == 1)] = C.NONE
            cel[prolif & (np.arange(shape[0])[:, None] % 2 == 0)] = C.PROLIFERATIVE
            # division fills the column: a cell copies into the empty site beside it along the axis
            pr = tis == T.PROLIFERATIVE
            for dx in (-1, 1):
                src = np.roll(cel == C.PROLIFERATIVE, dx, axis=1)
                fill = pr & (cel == C.NONE) & src & (np.arange(shape[0])[:, None] % 2 == 0)
                cel[fill & chance(rng, 2.0, dt, shape)] = C.PROLIFERATIVE

        # 2. hypertrophic matrix mineralises (calcium phosphate, hydroxyapatite); cells die
        calc = (tis == T.HYPERTROPHIC) & (age > p.calcify_after_days)
        tis[calc] = T.CALCIFIED
        dying = (tis == T.CALCIFIED) & (cel == C.HYPERTROPHIC) & (age > 0.8 * p.calcify_after_days)
        dying &= chance(rng, 1.5, dt, shape)
        cel[dying & (noise < 0.9)] = C.NONE  # most die by apoptosis; the rest survive in their lacunae

        # 3. Ihh from hypertrophic cells turns the perichondrium beside them into periosteum,
        #    whose osteoblasts lay the bone collar (before the vessels enter)
        if t >= p.collar_day:
            ihh = diffuse(np.zeros(shape, np.float32), np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)), 8, 0.08)
            collar = (tis == T.PERICHONDRIUM) & g.sleeve_inner & (ihh > 0.15) & ~g.epiphysis
            collar &= chance(rng, 4.0, dt, shape)
            tis[collar] = T.COMPACT
            cel[collar] = np.where(noise[collar] < 0.3, C.OSTEOCYTE, C.NONE)
            peri = (tis == T.PERICHONDRIUM) & any_neighbour(np.isin(tis, (T.COMPACT, T.PERIOSTEUM)))
            peri &= chance(rng, 6.0, dt, shape)
            tis[peri] = T.PERIOSTEUM
            on_bone = peri & any_neighbour(tis == T.COMPACT, NEIGHBOURS_4)
            cel[on_bone & (noise < 0.7)] = C.OSTEOBLAST
            cel[peri & ~on_bone] = np.where(noise[peri & ~on_bone] < 0.45, C.FIBROBLAST, C.NONE)

        # 4. periosteal bud: VEGF from hypertrophic cartilage draws vessels through the collar
        if t >= p.invasion_day and not bud_open[0]:
            bud_open[0] = self._open_bud(tis, cel)
        space = np.isin(tis, (T.MARROW, T.VESSEL))
        vegf = diffuse(np.zeros(shape, np.float32), np.isin(tis, (T.HYPERTROPHIC, T.CALCIFIED)), 10, 0.06)
        if bud_open[0] or any(canal_open):
            tip = (tis == T.CALCIFIED) & any_neighbour(tis == T.VESSEL, NEIGHBOURS_4)
            grow = tip & chance(rng, p.invasion_rate * (vegf + 0.2), dt, shape) & (noise < 0.35)
            tis[grow] = T.VESSEL
            cel[grow] = C.ENDOTHELIAL
            # 5. osteoclasts (chondroclasts) open calcified cartilage; osteoblasts lay bone on
            #    the longitudinal septa that remain (mixed spicules, primary spongiosa)
            front = (tis == T.CALCIFIED) & any_neighbour(space | (tis == T.BONE))
            # surviving hypertrophic cells freed by the front become osteoblasts (lineage tracing)
            cel[front & (cel == C.HYPERTROPHIC)] = C.OSTEOBLAST
            build = front & g.septa & chance(rng, p.deposit_rate, dt, shape)
            tis[build] = T.BONE
            cel[build] = C.OSTEOBLAST
            eat = front & ~g.septa & chance(rng, p.resorb_rate * 3, dt, shape)
            cel[front & ~eat & (rng.random(shape) < min(1.0, 0.25 * dt + 0.05)) & ~g.septa] = C.OSTEOCLAST
            tis[eat] = T.MARROW
            cel[eat] = C.NONE

        # 6. marrow cavity: osteoclasts resorb spongiosa far from the growth plates
        cavity_zone = ~g.epiphysis & (g.d_src * um > 2.2 * p.pthrp_length_um + 0.05 * g.d_src.max() * um)
        cavity_zone &= (g.d_surface > 2)
        old_bone = (tis == T.BONE) & cavity_zone & (age > 1.0)
        resorb = old_bone & any_neighbour(tis == T.MARROW) & chance(rng, p.resorb_rate, dt, shape)
        tis[resorb] = T.MARROW
        cel[resorb] = C.NONE
        clast = old_bone & ~resorb & any_neighbour(tis == T.MARROW, NEIGHBOURS_4) & (noise < 0.22)
        cel[clast] = C.OSTEOCLAST

        # 7. cortex thickens under the periosteum (appositional growth)
        cortex_sites = 1.0 + 5.0 * min(1.0, max(0.0, (t - 70.0) / 3000.0)) ** 0.5
        thick = np.isin(tis, (T.MARROW, T.BONE, T.CALCIFIED)) & (g.d_surface <= cortex_sites) & ~g.epiphysis
        thick &= any_neighbour(tis == T.COMPACT, NEIGHBOURS_4) & (g.d_src * um > p.plate_um) & chance(rng, 0.5, dt, shape)
        tis[thick] = T.COMPACT
        cel[thick] = np.where(noise[thick] < 0.3, C.OSTEOCYTE, C.NONE)

        # 8. secondary ossification centres: cartilage canals bring vessels into each epiphysis
        for k, start in ((1, p.secondary_distal_day), (0, p.secondary_proximal_day)):
            if t >= start:
                if not canal_open[k]:
                    canal_open[k] = self._open_canal(k, tis, cel)
                side = g.distal if k == 1 else ~g.distal
                epi_cart = np.isin(tis, (T.CARTILAGE, T.PROLIFERATIVE)) & g.epiphysis & side
                deep = (g.d_surface * um > p.articular_um) & (g.d_border * um > p.plate_um)
                # the centre grows as a round front: cartilage hypertrophies just ahead of bone
                centre_tissue = np.isin(tis, (T.MARROW, T.BONE)) & g.epiphysis & side
                near = any_neighbour(centre_tissue, NEIGHBOURS_4) | (any_neighbour(centre_tissue) & (noise < 0.4))
                hyp = epi_cart & deep & near & chance(rng, 0.15, dt, shape)
                tis[hyp] = T.HYPERTROPHIC
                cel[hyp & (noise < 0.75)] = C.HYPERTROPHIC
                art = np.isin(tis, (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC)) & g.joint & side
                art &= g.d_surface * um <= p.articular_um
                art &= t > start + 10
                tis[art] = T.ARTICULAR
                cel[art & (cel != C.NONE)] = C.CHONDROCYTE

        # 9. haematopoiesis moves into the marrow (months 4-5)
        mar = tis == T.MARROW
        if t >= p.haematopoiesis_day:
            cel[mar & np.isin(cel, (C.NONE, C.MESENCHYMAL)) & (noise < 0.45)] = C.HAEMATOPOIETIC
        else:
            cel[mar & (cel == C.NONE) & (noise < 0.12)] = C.MESENCHYMAL
        # bone surfaces facing marrow carry osteoblasts; buried osteoblasts become osteocytes
        bone = tis == T.BONE
        surface = bone & any_neighbour(mar | (tis == T.VESSEL), NEIGHBOURS_4)
        cel[surface & (cel == C.NONE) & (noise < 0.6)] = C.OSTEOBLAST
        buried = bone & ~surface & (cel == C.OSTEOBLAST)
        cel[buried] = np.where(noise[buried] < 0.5, C.OSTEOCYTE, C.NONE)

        # 10. closure: growth-plate cartilage stops dividing and is replaced by bone
        if closing > 0.0:
            plate = np.isin(tis, (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)) & ~(tis == T.ARTICULAR)
            plate &= ~((g.d_surface * um <= p.articular_um) & g.joint)
            swap = plate & (rng.random(shape) < closing)
            line = swap & (g.d_border <= 1.0) & g.epiphysis
            tis[swap] = T.BONE
            tis[line] = T.EPIPHYSEAL_LINE
            cel[swap] = np.where(noise[swap] < 0.35, C.OSTEOCYTE, C.NONE)

    def _plate_phase(self, t: float) -> bool:
        return t >= self.p.secondary_distal_day

    def _open_bud(self, tis, cel) -> bool:
        """A periosteal bud crosses the collar at mid-shaft, top and bottom."""
        g = self.geo
        h, w = tis.shape
        x = w // 2
        col = g.inside[:, x] | g.sleeve[:, x]
        ys = np.flatnonzero(col)
        if ys.size == 0:
            return False
        for y0, step in ((ys[0], 1), (ys[-1], -1)):
            y = y0
            while 0 <= y < h and tis[y, x] in (T.PERIOSTEUM, T.COMPACT, T.PERICHONDRIUM, T.HYPERTROPHIC,
                                               T.CALCIFIED, T.CARTILAGE):
                tis[y, x] = T.VESSEL
                cel[y, x] = C.ENDOTHELIAL
                if g.inside[y, x] and tis[y + step, x] in (T.CALCIFIED, T.HYPERTROPHIC) and abs(y - h // 2) < 6:
                    break
                y += step
                if abs(y - h // 2) < 4:
                    break
        return True

    def _open_canal(self, k: int, tis, cel) -> bool:
        """A cartilage canal: a vessel from the joint margin to the centre of the epiphysis."""
        g = self.geo
        cy, cx = g.centres[k]
        h, w = tis.shape
        y0 = int(np.flatnonzero(g.inside[:, cx])[0]) if g.inside[:, cx].any() else 0
        for y in range(y0, cy + 1):
            tis[y, cx] = T.VESSEL
            cel[y, cx] = C.ENDOTHELIAL
        for dy in range(-2, 3):
            for dx in range(-2, 3):
                edge = max(abs(dy), abs(dx)) == 2
                tis[cy + dy, cx + dx] = T.CALCIFIED if edge else T.MARROW
                cel[cy + dy, cx + dx] = C.NONE if edge else C.ENDOTHELIAL
        return True
