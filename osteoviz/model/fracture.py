"""Fracture repair: a femoral shaft fracture in longitudinal section (organ) and its gap at cellular scale (inset)."""

from __future__ import annotations

import numpy as np

from .clock import TimelineScale
from .fracture_inset import INSET_H, INSET_W, UP, InsetMaker, fibrin_stretch, hypertrophic_stretch, zones_along_x
from .fracture_labels import inset_labels, organ_labels, organ_names, signal_fields
from .fracture_params import FEMUR_DAY_FOR_PHASE, FRACTURE_PHASES, FractureParams, phases_at_pace
from .fracture_rules import FractureRules
from .fracture_shape import FractureShape
from .history import History, HistoryRecorder
from .kinds import Cell as C, Tissue as T
from .scene import CellPlacer, Frame, Layer, crop_rect, phase_at

__all__ = ["FractureModel"]

# glyph sizes in fine sites (25 µm in a child): swollen hypertrophic cells, large multinucleated osteoclasts
CELL_SIZES = {int(C.HYPERTROPHIC): 2.6, int(C.CHONDROCYTE): 0.9, int(C.OSTEOCLAST): 2.4, int(C.MACROPHAGE): 1.1,
              int(C.NEUTROPHIL): 0.75, int(C.OSTEOCYTE): 1.5, int(C.OSTEOBLAST): 1.5, int(C.OSTEOPROGENITOR): 1.6, int(C.EMPTY_LACUNA): 1.0}


class FractureModel:
    """Runs the repair rules once per parameter set; frames show the section and a window on the gap."""

    kind = "fracture"
    phases = FRACTURE_PHASES  # the child's; an instance's phases follow its pace

    @staticmethod
    def phases_for(params: FractureParams) -> tuple:
        """The phases of a repair with these parameters (days scaled by the pace of healing)."""
        return phases_at_pace(params.pace)

    def __init__(self, params: FractureParams | None = None):
        self.p = params or FractureParams()
        self.phases = self.phases_for(self.p)
        self.scale = TimelineScale(self.p.start_day, self.p.end_day)
        self.shape = FractureShape(self.p, np.random.default_rng(self.p.seed))
        self._inset = InsetMaker(self.p.seed + 3)
        self._placer = CellPlacer((INSET_H * UP, INSET_W * UP))

    def simulate(self) -> History:
        p = self.p
        days = self.scale.to_day(np.linspace(0.0, 1.0, p.steps))
        rules = FractureRules(p, FractureShape(p, np.random.default_rng(p.seed)), np.random.default_rng(p.seed + 1))
        rec = HistoryRecorder(("section",))
        prev = float(days[0])
        for t in days:
            t = float(t)
            rules.step(t, t - prev)
            prev = t
            rec.record(t, {"section": rules.tissue})
        return rec.finish()

    def development_view(self, day: float) -> tuple[str, float]:
        """The analogy: the process and day of development that this day of repair replays (the callus repeats
        the fetal femur's primary ossification centre; conditions-repair-origins.md §3.3)."""
        return "endochondral", FEMUR_DAY_FOR_PHASE[phase_at(self.phases, day).id]

    def development_note(self, day: float) -> str:
        """A string key saying what the development beside this day does not have ("" when it matches): the
        haematoma and inflammation have no counterpart in development (conditions-repair-origins.md §3.3)."""
        return "analogy.no_haematoma" if phase_at(self.phases, day).id == "haematoma" else ""

    def focus(self, tis: np.ndarray, phase) -> tuple[float, float]:
        """Where the inset looks: the gap at the near cortex, or the ossification front in the near callus."""
        g, p = self.shape, self.p
        near_cortex = g.cy - (p.shaft_half - p.cortex / 2.0)
        if phase.focus == "front":
            callus = (g.r > p.shaft_half) & (np.arange(tis.shape[0])[:, None] < g.cy) & (g.dx < 0)
            cart = callus & np.isin(tis, (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED))
            bone = callus & (tis == T.BONE)
            if cart.any() and bone.any():
                ys, xs = np.nonzero(cart)
                x = float(np.quantile(xs, 0.05))  # where the cartilage meets the bone
                y = float(np.median(ys))
                return x + INSET_W * 0.1, min(y, near_cortex - INSET_H * 0.3)
            return g.cx - INSET_W * 0.25, near_cortex - INSET_H * 0.25
        return g.cx, near_cortex - INSET_H * 0.3  # the cortex ends and the periosteum over the gap

    def frame(self, history: History, day: float, labels: bool = False, signals: bool = False) -> Frame:
        tis = history.grids(history.step_at(day))["section"]
        phase = phase_at(self.phases, day)
        cx, cy = self.focus(tis, phase)
        x0, y0, cw, ch = crop_rect(tis.shape, cx, cy, INSET_W, INSET_H)
        raw, fine = self._inset.prepared(tis[y0:y0 + ch, x0:x0 + cw])
        fine = fine.copy()  # (remodelling's cutting cones lay seams in it)
        remodelling = day >= self.p.day(self.p.remodel_day)
        cells = self._inset.cells(fine, day, self.p.pace, remodelling)
        key2 = self._inset.key2[:fine.shape[0], :fine.shape[1]]
        inset = Layer(fine, self._placer.place(cells), self.p.site_um / UP, 1.0, (x0 * UP, y0 * UP),
                      cell_sizes=CELL_SIZES, cell_scale={int(C.HYPERTROPHIC): hypertrophic_stretch(fine, cells),
                                                         int(C.FIBRIN): fibrin_stretch(cells, key2)})
        main = Layer(tis, {}, self.p.site_um, 1.0)
        fh = fine.shape[0]
        zones = zones_along_x(raw, slice(int(fh * 0.15), int(fh * 0.6))) if phase.focus == "front" else []
        return Frame("fracture", float(day), phase, main, inset, (float(x0), float(y0), float(cw), float(ch)),
                     organ_mm=self.p.grid_w * self.p.site_um / 1000.0,
                     labels=tuple(organ_labels(tis, self.shape)) if labels else (),
                     names=tuple(organ_names(self.shape)),
                     inset_labels=tuple(inset_labels(fine, cells)) if labels else (),
                     inset_zones=tuple(zones),
                     signals=signal_fields(tis, day, self.p.pace) if signals else {})
