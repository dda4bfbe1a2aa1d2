"""Intramembranous ossification: skull vault from above (organ) and a section through the parietal (cells)."""

from __future__ import annotations

import numpy as np

from .clock import TimelineScale
from .growth import organ_length_mm
from .history import History, HistoryRecorder
from .kinds import Cell as C, Tissue as T
from .lattice import NEIGHBOURS_4, count_neighbours
from .params import INTRAMEMBRANOUS_PHASES, IntramembranousParams, VAULT_BREADTH
from .scene import CellPlacer, Frame, Layer, crop_rect, phase_at
from .structures import section_structures, vault_structures
from .vault import BONES, VaultTimeline
from . import oi_rules
from .vault_section import EMINENCE_COL, MID_ROW, SECTION_BONE, SECTION_Y, VaultSection, drawn_apart, unit_mm
from .vault_top import VaultTop
from .vault_inset_cells import seat_osteoblasts

VAULT_BONES = BONES
INSET_W, INSET_H = 96, 54
ZOOM_MIN_W, ZOOM_MARGIN = 36, 2.4  # the inset shows at least 36 sites, and 2.4x the width of the young bone
CELLS_W = 48  # phases about single cells show at most 48 sites across
CELL_PHASES = ("osteoid", "osteocytes")
OSTEOCYTE_W = 32  # the osteocyte phase comes closer still: a lacuna and its canaliculi fill a few sites
OSTEOCYTE_PX = 16.0  # drawn osteocytes lie at least this far apart at 1080 p (inset 540 px or wider): single cells,
# not a speckle over the bone's colour; each drawn one stands for those round it (the model keeps them all)
MARK_MIN_HALF = 0.08  # the section's mark on the vault spans the part the inset shows, but at least 16 % of the
# vault's half-breadth (in the normal vault's coordinates), so that a close-up's mark still shows
OSTEOCYTE_LINKED = 1.7  # the osteocyte phase: canaliculi long enough to meet the neighbours' and the osteoblasts

__all__ = ["IntramembranousModel", "VAULT_BONES", "SECTION_BONE", "INSET_W", "INSET_H"]


def _scalp_bottom(sec) -> int:
    """The first row below the scalp (surface ectoderm) in a section grid."""
    rows = np.flatnonzero((sec == T.SKIN).mean(axis=1) > 0.5)
    return int(rows[-1] + 1) if rows.size else 0


def _brain_top(sec) -> int:
    """The first row of brain in a section grid."""
    rows = np.flatnonzero((sec == T.BRAIN).mean(axis=1) > 0.5)
    return int(rows[0]) if rows.size else sec.shape[0]


class IntramembranousModel:
    """Runs both grids once per parameter set; returns one History with three layers."""

    kind = "intramembranous"
    phases = INTRAMEMBRANOUS_PHASES

    def __init__(self, params: IntramembranousParams | None = None):
        self.p = params or IntramembranousParams()
        self.scale = TimelineScale(self.p.start_day, self.p.end_day)
        rng = np.random.default_rng(self.p.seed)
        self.vault = VaultTop(self.p, rng)
        self._section_geom = VaultSection(self.p, np.random.default_rng(self.p.seed + 1))
        self._normal_tl = VaultTimeline(IntramembranousParams())

    def frame(self, history: History, day: float, labels: bool = False, signals: bool = False) -> Frame:
        """The vault from above (organ) and a section through the parietal at cellular scale; with `signals`,
        the osteogenic-front signal on the vault ("front")."""
        g = history.grids(history.step_at(day))
        vault, sec, cel = g["vault"], g["section"], g["section_cells"]
        phase = phase_at(self.phases, day)
        geom = self._section_geom
        h, w = sec.shape
        cy, zw, zh = MID_ROW + 0.5, INSET_W, INSET_H
        if phase.focus == "edge":
            # a suture wider than normal (less RUNX2) is shown whole, with the bone edges on both sides
            wider = self.vault.tl.suture_half_mm(day) / self._normal_tl.suture_half_mm(day)
            if wider > 1.0:
                zw = int(min(w, round(INSET_W * wider)))
                zh = int(round(zw * INSET_H / INSET_W))
            cx = float(np.clip(geom.suture_col(day), zw / 2, w - zw / 2))
        else:  # zoom in on a young ossification centre so its cells fill the inset, out as it spreads
            cx = EMINENCE_COL + 0.5
            bony = np.isin(sec, (T.BONE, T.OSTEOID, T.COMPACT, T.TRABECULAR))
            cols = np.flatnonzero(bony.any(axis=0))
            extent = int(cols[-1] - cols[0] + 1) if cols.size else 0
            zw = int(np.clip(round(ZOOM_MARGIN * extent), ZOOM_MIN_W, INSET_W)) if extent else INSET_W
            if phase.id in CELL_PHASES:  # close enough to see single cells on and in the young bone
                zw = min(zw, CELLS_W if phase.id != "osteocytes" else OSTEOCYTE_W)
            zh = max(2, round(zw * INSET_H / INSET_W))
        x0, y0, cw, ch = crop_rect(sec.shape, cx, cy, zw, zh)
        if zh == INSET_H:  # at full size show the scalp above and the brain below
            # as much as fits of the scalp (or surface ectoderm) above and the brain below
            y0 = int(np.clip(round((_scalp_bottom(sec) - 2 + _brain_top(sec) + 2 - ch) / 2), 0, h - ch))
        if not hasattr(self, "_placer"):
            self._placer = CellPlacer(sec.shape)
        crop_t, crop_c = sec[y0:y0 + ch, x0:x0 + cw], cel[y0:y0 + ch, x0:x0 + cw]
        apart = max(2, int(np.ceil(OSTEOCYTE_PX * cw / 540.0)))  # sites between drawn osteocytes
        walled = np.isin(crop_t, (T.BONE, T.OSTEOID, T.COMPACT, T.TRABECULAR))
        walled &= count_neighbours(walled, NEIGHBOURS_4) == 4  # drawn inside the matrix, not over a space
        lamellae = ((np.arange(ch) + y0) % apart == 0)[:, None]  # lamellar bone: its osteocytes in rows
        walled &= (crop_t != T.COMPACT) | lamellae
        crop_c = drawn_apart(crop_c, geom.hash[y0:y0 + ch, x0:x0 + cw], int(C.OSTEOCYTE), apart, walled)
        su = self.section_site_um(day)  # stellate mesenchymal cells drawn about 12 µm across while sites are small
        sizes = {int(C.MESENCHYMAL): float(np.clip(12.0 / su, 0.85, 1.8)),
                 int(C.OSTEOCYTE): (OSTEOCYTE_LINKED if phase.id == "osteocytes" else 1.1) * apart}  # canaliculi reach
        placed = seat_osteoblasts(self._placer.place(crop_c, x0, y0), crop_t)
        inset = Layer(crop_t, placed, su, 1.0, (x0, y0), cell_sizes=sizes)
        main = Layer(vault, {}, 1000.0 * self.vault_site_mm(day), 1.0)
        top = self.vault
        xs = geom.column_x(day)
        # the mark: the columns the inset shows (not the whole modelled strip, which may reach over the midline)
        a, b = float(xs[x0]), float(xs[min(x0 + cw, len(xs)) - 1])
        mid, half = (a + b) / 2.0, max((b - a) / 2.0, MARK_MIN_HALF)
        line = (*top.grid_point(mid - half, SECTION_Y, day), *top.grid_point(mid + half, SECTION_Y, day))
        vault_labels = vault_structures(vault, *top.sample_coords(day), top.fontanelle_map(day), BONES) \
            if labels else ()
        sig = {"front": top.front_signal(vault, day)} if signals else {}
        inset_labels, zones = section_structures(crop_t, crop_c, phase.id, day)
        return Frame("intramembranous", float(day), phase, main, inset, None, section_line=line,
                     organ_mm=organ_length_mm(VAULT_BREADTH, day) * top.shape.scales(day)[0],  # reshaped breadth
                     labels=tuple(vault_labels),
                     names=top.names(vault, day), inset_labels=tuple(inset_labels) if labels else (),
                     inset_zones=tuple(zones), signals=sig, extras=oi_rules.frame_extras(self.p))

    def vault_site_mm(self, day: float) -> float:
        return unit_mm(day) * self.vault.site_units * self.vault.zoom(day)

    def section_site_um(self, day: float) -> float:
        """One section site: a few µm in the early fetus, about 0.1-0.16 mm in the adult."""
        return self._section_geom.site_um(day)

    def simulate(self) -> History:
        p = self.p
        days = self.scale.to_day(np.linspace(0.0, 1.0, p.steps))
        section = VaultSection(p, np.random.default_rng(p.seed + 1))
        rec = HistoryRecorder(("vault", "section", "section_cells"))
        prev = float(days[0])
        for t in days:
            t = float(t)
            # the section's sagittal suture closes at its outer surface as the vault from above shows it there
            section.step(t, t - prev, self.vault.closed_at(0.0, SECTION_Y, t))
            prev = t
            rec.record(t, {"vault": self.vault.tissue(t), "section": section.tissue, "section_cells": section.cells})
        return rec.finish()

