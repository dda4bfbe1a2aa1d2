"""Intramembranous ossification: skull vault from above (organ) and a section through the parietal (cells)."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, TimelineScale
from .growth import organ_length_mm
from .history import History, HistoryRecorder
from .kinds import Cell, Tissue
from .lattice import NEIGHBOURS_4, NEIGHBOURS_8, any_neighbour, chance, count_neighbours, diffuse, shifted
from .params import INTRAMEMBRANOUS_PHASES, IntramembranousParams, VAULT_BREADTH
from .scene import CellPlacer, Frame, Layer, crop_rect, phase_at
from .structures import vault_structures

T, C = Tissue, Cell

# Vault bones seen from above (face at the top): (name, centre x, centre y) in [-1, 1] units.
VAULT_BONES = (
    ("frontal_left", -0.24, -0.58),
    ("frontal_right", 0.24, -0.58),
    ("parietal_left", -0.52, 0.12),
    ("parietal_right", 0.52, 0.12),
    ("occipital", 0.0, 0.86),
)
# Sutures by the pair of bones they separate (bit masks of bone indices).
SUTURE_PAIRS = {
    "metopic": (0, 1),
    "sagittal": (2, 3),
    "coronal_left": (0, 2),
    "coronal_right": (1, 3),
    "lambdoid_left": (2, 4),
    "lambdoid_right": (3, 4),
}
FONTANELLES = {"anterior": (0.0, -0.16), "posterior": (0.0, 0.66)}
SECTION_BONE = 2  # the section runs through the left parietal's eminence
INSET_W, INSET_H = 96, 54
ZOOM_MIN_W, ZOOM_MARGIN = 36, 2.4  # the inset shows at least 36 sites, and 2.4x the width of the young bone


def _bits_near(owner_bits: np.ndarray, radius: int) -> np.ndarray:
    """OR of the bone bits within `radius` sites (square neighbourhood)."""
    out = owner_bits.copy()
    for _ in range(radius):
        grown = out.copy()
        for dy, dx in NEIGHBOURS_8:
            grown |= shifted(out, dy, dx)
        out = grown
    return out


def _popcount(bits: np.ndarray) -> np.ndarray:
    n = np.zeros(bits.shape, np.uint8)
    for b in range(len(VAULT_BONES)):
        n += (bits >> b) & 1
    return n


class VaultGeometry:
    """Static geometry of the vault seen from above."""

    def __init__(self, n: int):
        yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
        self.x = (xx - (n - 1) / 2) / ((n - 1) / 2) * 1.02
        self.y = (yy - (n - 1) / 2) / ((n - 1) / 2) * 1.02
        # head outline: an egg, broader behind (parietal eminences), length:breadth about 1.2
        bx = 0.80 + 0.06 * self.y
        self.head = (self.x / bx) ** 2 + (self.y / 0.98) ** 2 < 1.0
        self.angle = []
        self.dist = []
        for _, cx, cy in VAULT_BONES:
            self.angle.append(np.arctan2(self.y - cy, self.x - cx))
            self.dist.append(np.hypot(self.x - cx, self.y - cy))
        self.fontanelle_id = np.zeros((n, n), np.uint8)  # 1 anterior, 2 posterior
        for k, ((fx, fy), radius) in enumerate(zip(FONTANELLES.values(), (0.3, 0.17)), start=1):
            self.fontanelle_id[np.hypot(self.x - fx, self.y - fy) < radius] = k


class IntramembranousModel:
    """Runs both grids once per parameter set; returns one History with four layers."""

    kind = "intramembranous"

    def __init__(self, params: IntramembranousParams | None = None):
        self.p = params or IntramembranousParams()
        self.scale = TimelineScale(self.p.start_day, self.p.end_day)
        self.vault = VaultGeometry(self.p.vault_n)

    phases = INTRAMEMBRANOUS_PHASES

    def frame(self, history: History, day: float, labels: bool = False) -> Frame:
        """The vault from above (organ) and a section through the parietal at cellular scale."""
        g = history.grids(history.step_at(day))
        vault, sec, cel = g["vault"], g["section"], g["section_cells"]
        phase = phase_at(self.phases, day)
        h, w = sec.shape
        cx, cy, zw, zh = w / 2, h / 2, INSET_W, INSET_H
        if phase.focus == "edge":
            cols = np.flatnonzero((sec == T.SUTURE).any(axis=0) & (np.arange(w) < w / 2))
            cx = float(cols.mean()) if cols.size else INSET_W / 2
        else:  # zoom in on a young ossification centre so its cells fill the inset, out as it spreads
            bony = np.isin(sec, (T.BONE, T.OSTEOID, T.COMPACT))
            cols, rows = np.flatnonzero(bony.any(axis=0)), np.flatnonzero(bony.any(axis=1))
            extent = int(cols[-1] - cols[0] + 1) if cols.size else 0
            if cols.size:
                cx, cy = (cols[0] + cols[-1] + 1) / 2, (rows[0] + rows[-1] + 1) / 2
            zw = int(np.clip(round(ZOOM_MARGIN * extent), ZOOM_MIN_W, INSET_W))
            zh = max(2, round(zw * INSET_H / INSET_W))
        x0, y0, cw, ch = crop_rect(sec.shape, cx, cy, zw, zh)
        if not hasattr(self, "_placer"):
            self._placer = CellPlacer(sec.shape)
        inset = Layer(sec[y0:y0 + ch, x0:x0 + cw], self._placer.place(cel[y0:y0 + ch, x0:x0 + cw], x0, y0),
                      self.section_site_um(day), 1.0, (x0, y0))
        n = self.p.vault_n
        main = Layer(vault, {}, 1000.0 * self.vault_site_mm(day), 1.0)
        _, bx, by = VAULT_BONES[SECTION_BONE]
        to_site = lambda v: (v / 1.02 + 1) * (n - 1) / 2 + 0.5  # noqa: E731
        line = (to_site(bx - 0.3), to_site(by), to_site(bx + 0.3), to_site(by))
        labels = vault_structures(vault, self.vault.x, self.vault.y, VAULT_BONES) if labels else ()
        return Frame("intramembranous", float(day), phase, main, inset, None, section_line=line,
                     organ_mm=organ_length_mm(VAULT_BREADTH, day), labels=tuple(labels))

    def vault_site_mm(self, day: float) -> float:
        return organ_length_mm(VAULT_BREADTH, day) / (0.80 * self.p.vault_n)

    def section_site_um(self, day: float) -> float:
        """One section site: about 12 µm at week 8, growing with the vault."""
        return 12.0 * organ_length_mm(VAULT_BREADTH, day) / organ_length_mm(VAULT_BREADTH, self.p.start_day)

    def simulate(self) -> History:
        p = self.p
        rng = np.random.default_rng(p.seed)
        days = self.scale.to_day(np.linspace(0.0, 1.0, p.steps))
        vault = _VaultSim(self, rng)
        section = _SectionSim(self, rng)
        rec = HistoryRecorder(("vault", "section", "section_cells"))
        rec.record(days[0], {"vault": vault.tissue, "section": section.tissue, "section_cells": section.cells})
        for i in range(1, p.steps):
            t, dt = float(days[i]), float(days[i] - days[i - 1])
            vault.step(t, dt)
            section.step(t, dt)
            rec.record(t, {"vault": vault.tissue, "section": section.tissue, "section_cells": section.cells})
        return rec.finish()


class _VaultSim:
    """Bones spread radially from their centres; where two fronts meet a suture stays open."""

    GAP = 2  # sites of fibrous suture left between two bones

    def __init__(self, model: IntramembranousModel, rng):
        self.m, self.p, self.g, self.rng = model, model.p, model.vault, rng
        n = self.p.vault_n
        self.owner = np.zeros((n, n), np.uint8)  # bit per bone
        self.noise = rng.random((n, n), dtype=np.float32)
        self.tissue = np.where(self.g.head, T.MESENCHYME, T.BACKGROUND).astype(np.uint8)
        jitter = rng.random(len(VAULT_BONES)) * 6.0
        self.spoke = [
            (np.cos(ang * 22 + jitter[b] + 5.0 * dist) > 0.25) | (dist < 0.06)
            for b, (ang, dist) in enumerate(zip(self.g.angle, self.g.dist))
        ]
        self.suture_fused = np.zeros((n, n), bool)
        self.dist_stack = np.stack(self.g.dist)
        # when each site remodels (0..1 of the outer-table window): near its centre first, with scatter
        nearest = self.dist_stack.min(axis=0)
        patches = diffuse(rng.random((n, n), dtype=np.float32), np.zeros((n, n), bool), 6, 0.0)
        patches = np.argsort(np.argsort(patches.ravel())).reshape(n, n) / float(n * n)  # uniform 0..1, in patches
        self.remodel_order = 0.6 * np.clip(nearest / 0.45, 0, 1) + 0.4 * patches

    def _start_day(self, b: int) -> float:
        name = VAULT_BONES[b][0]
        if name.startswith("parietal"):
            return self.p.parietal_centre_day
        if name.startswith("frontal"):
            return self.p.frontal_centre_day
        return self.p.occipital_centre_day

    def step(self, t: float, dt: float) -> None:
        p, g = self.p, self.g
        owner = self.owner
        bone = owner > 0
        # an ossification centre appears at each bone's own time
        for b in range(len(VAULT_BONES)):
            if t >= self._start_day(b) and not (owner & (1 << b)).any():
                owner[(g.dist[b] < 0.025) & g.head] = 1 << b
        # fronts advance at a fixed true speed; as the head grows they slow in these units
        speed = p.fetal_spread_mm_per_day / self.m.vault_site_mm(t)  # sites per day
        near1 = _bits_near(owner, 1)
        near_gap = _bits_near(owner, self.GAP + 1)
        single = (_popcount(near1) == 1) & (_popcount(near_gap) == 1)
        # the osteogenic signal fades with distance from a bone's centre: corners ossify last
        which = np.log2(np.maximum(near1, 1)).astype(np.intp)
        d_centre = np.take_along_axis(self.dist_stack, which[None], axis=0)[0]
        # after birth the last membrane between the bones ossifies too; only sutures and fontanelles stay
        signal = np.clip(1.5 - d_centre / 0.42, 0.02 if t < BIRTH_DAY else 0.6, 1.0)
        grow = ~bone & g.head & single & chance(self.rng, speed * signal, dt, owner.shape)
        owner[grow] = near1[grow]
        # after birth the fontanelles close from their edges, each in its own window
        for k, window in ((1, p.anterior_fontanelle_close), (2, p.posterior_fontanelle_close)):
            f = (t - window[0]) / (window[1] - window[0])
            if f > 0:
                fill = ~(owner > 0) & (g.fontanelle_id == k) & (near1 > 0) & (_popcount(near_gap) >= 1)
                fill &= (_popcount(near1) == 1) & (self.noise < min(1.0, f * 1.2))
                fill &= (_popcount(_bits_near(owner, 1)) == 1)
                owner[fill] = near1[fill]
        bone = owner > 0
        pairs = _bits_near(owner, self.GAP + 1)  # every gap site the fronts stopped short of
        nb = _popcount(pairs)
        gap = g.head & ~bone
        # sutures: the metopic fuses in infancy, the others in adulthood
        for name, (a, b) in SUTURE_PAIRS.items():
            window = p.metopic_close if name == "metopic" else p.suture_fusion
            f = (t - window[0]) / (window[1] - window[0])
            if f > 0:
                mask = gap & (pairs == ((1 << a) | (1 << b))) & (self.noise < f)
                self.suture_fused |= mask
        tissue = np.where(g.head, T.MESENCHYME, T.BACKGROUND).astype(np.uint8)
        spoke = np.zeros(owner.shape, bool)
        for b in range(len(VAULT_BONES)):
            spoke |= ((owner >> b) & 1).astype(bool) & self.spoke[b]
        tissue[bone] = T.BONE
        tissue[bone & spoke] = T.BONE_SPICULE
        tissue[gap & (nb >= 2)] = T.SUTURE
        if t >= 200:  # late fetal: the membrane left where several bones meet is a fontanelle
            for k, window in ((1, p.anterior_fontanelle_close), (2, p.posterior_fontanelle_close)):
                if t < window[1]:
                    tissue[gap & (g.fontanelle_id == k)] = T.FONTANELLE
        tissue[self.suture_fused] = T.BONE
        # remodelling: the radiating woven bone becomes a compact outer table, centres first
        f = (t - p.outer_table[0]) / (p.outer_table[1] - p.outer_table[0])
        if f > 0:
            tissue[(bone | self.suture_fused) & (self.remodel_order < f)] = T.COMPACT
        self.tissue = tissue


class _SectionSim:
    """A section through the parietal bone: skin above, dura below, the membrane between."""

    def __init__(self, model: IntramembranousModel, rng):
        self.m, self.p, self.rng = model, model.p, rng
        h, w = self.p.section_h, self.p.section_w
        self.noise = rng.random((h, w), dtype=np.float32)
        yy, xx = np.mgrid[0:h, 0:w]
        self.yy, self.xx = yy, xx
        self.skin = yy < 5
        self.dura = yy >= h - 5
        self.mid = (h - 1) / 2
        tissue = np.full((h, w), T.MESENCHYME, np.uint8)
        tissue[self.skin] = T.SKIN
        tissue[self.dura] = T.DURA
        # capillaries: small lumens scattered through the vascular membrane
        vessel = np.zeros((h, w), bool)
        n_lumens = int(0.011 * h * w)
        ys = rng.integers(7, h - 8, n_lumens)
        xs = rng.integers(0, w - 1, n_lumens)
        for dy in (0, 1):
            for dx in (0, 1):
                vessel[ys + dy, xs + dx] = True
        tissue[vessel] = T.VESSEL
        self.tissue = tissue
        cells = np.zeros((h, w), np.uint8)
        membrane = tissue == T.MESENCHYME
        cx = np.abs(xx - w / 2) / (w / 2)
        density = 0.35 + 0.35 * np.exp(-(cx / 0.4) ** 2)  # condensed around the future centre
        cells[membrane & (self.noise < density)] = C.MESENCHYMAL
        cells[vessel] = C.ENDOTHELIAL
        cells[self.skin & (self.noise < 0.8)] = C.FIBROBLAST
        cells[self.dura & (self.noise < 0.5)] = C.FIBROBLAST
        self.cells = cells
        self.age = np.zeros((h, w), np.float32)
        ang = np.arctan2((yy - self.mid) * 2.5, xx - w / 2)
        self.spoke = np.cos(ang * 9 + 0.6 * np.sin(xx / 7.0)) > -0.2  # radiating spicules
        self.started = {"centre": False, "left": False, "right": False}
        self.owner = np.zeros((h, w), np.uint8)  # which bone a matrix site belongs to (bit)

    def step(self, t: float, dt: float) -> None:
        p, rng = self.p, self.rng
        tis, cel = self.tissue, self.cells
        h, w = tis.shape
        before = tis.copy()
        mat = np.isin(tis, (T.OSTEOID, T.BONE, T.COMPACT))
        # ossification centres: the parietal here; neighbouring bones enter from both edges
        for key, x0, day in (("centre", w // 2, p.parietal_centre_day), ("left", 0, p.parietal_centre_day + 20),
                             ("right", w - 1, p.parietal_centre_day + 30)):
            if t >= day and not self.started[key]:
                seed = (np.abs(self.xx - x0) <= 2) & (np.abs(self.yy - self.mid) <= 2) & (tis == T.MESENCHYME)
                tis[seed] = T.OSTEOID
                cel[seed] = C.OSTEOBLAST
                self.owner[seed] = {"centre": 1, "left": 2, "right": 4}[key]
                self.started[key] = True
        # osteoblasts at the front secrete osteoid into the membrane, mostly along spicules;
        # capillaries are never filled: they become the marrow spaces between trabeculae
        thick = 4 + 18 * min(1.0, max(0.0, (t - 60) / 200.0)) ** 0.6
        band = np.abs(self.yy - self.mid) < thick
        front = (tis == T.MESENCHYME) & any_neighbour(mat, NEIGHBOURS_4) & band
        # keep a fibrous suture between bones arriving from different sides
        suture_gap = self._suture_zone(tis)
        front &= ~suture_gap
        speed = 1000.0 * p.fetal_spread_mm_per_day / self.m.section_site_um(t)  # sites per day
        rate = speed * np.where(self.spoke, 1.0, 0.1)
        near_owner = _bits_near(self.owner, 1)
        grow = front & chance(rng, rate, dt, tis.shape) & (_popcount(near_owner) == 1)
        tis[grow] = T.OSTEOID
        self.owner[grow] = near_owner[grow]
        cel[grow & (cel != C.NONE)] = C.OSTEOBLAST
        # osteoid mineralises (hydroxyapatite) within days: new osteoid starts its own clock now
        self.age[tis != before] = 0.0
        mineral = (tis == T.OSTEOID) & (self.age > p.mineralise_after_days)
        tis[mineral] = T.BONE
        self.age[mineral] = 0.0
        mat = np.isin(tis, (T.OSTEOID, T.BONE, T.COMPACT))
        # mesenchymal cells next to the front become osteoprogenitors, then osteoblasts
        near = (tis == T.MESENCHYME) & any_neighbour(mat) & (cel == C.MESENCHYMAL)
        cel[near & chance(rng, 3.0, dt, tis.shape)] = C.OSTEOPROGENITOR
        lining = mat & any_neighbour(~mat & (tis != T.SKIN) & (tis != T.DURA), NEIGHBOURS_4)
        cel[lining & (cel == C.NONE) & (self.noise < 0.55) & chance(rng, 2.0, dt, tis.shape)] = C.OSTEOBLAST
        # osteoblasts walled in by their own matrix become osteocytes in lacunae
        walled = (tis == T.BONE) & ~lining & (cel == C.OSTEOBLAST) & (self.age > 0.5)
        cel[walled] = np.where(self.noise[walled] < 0.6, C.OSTEOCYTE, C.NONE)
        # vascular mesenchyme enclosed by trabeculae becomes red marrow
        enclosed = (tis == T.MESENCHYME) & (count_neighbours(mat) >= 4) & (self.age > 2)
        tis[enclosed] = T.MARROW
        cel[enclosed & (self.noise < 0.5)] = C.HAEMATOPOIETIC
        cel[enclosed & (self.noise >= 0.5)] = C.NONE
        # periosteum condenses on both faces of the bone (late fetal)
        if t >= p.periosteum_day:
            rows = self._bone_rows(mat)
            if rows is not None:
                top, bottom = rows
                face = (tis == T.MESENCHYME) & (((self.yy >= top - 3) & (self.yy < top)) |
                                                ((self.yy > bottom) & (self.yy <= bottom + 3)))
                face &= any_neighbour(mat, NEIGHBOURS_8) | any_neighbour(tis == T.PERIOSTEUM, NEIGHBOURS_4)
                face &= chance(rng, 2.0, dt, tis.shape)
                tis[face] = T.PERIOSTEUM
                cel[face] = np.where(self.noise[face] < 0.5, C.OSTEOBLAST, C.FIBROBLAST)
        # childhood: compact outer and inner tables, spongy diploe between; osteoclasts remodel
        if t >= p.plates_day:
            rows = self._bone_rows(mat)
            if rows is not None:
                top, bottom = rows
                table = np.isin(tis, (T.BONE, T.MARROW, T.MESENCHYME, T.VESSEL, T.OSTEOID))
                table &= ((self.yy >= top) & (self.yy < top + 5)) | ((self.yy <= bottom) & (self.yy > bottom - 5))
                table &= ~suture_gap & chance(rng, 0.01, dt, tis.shape)
                tis[table] = T.COMPACT
                cel[table] = np.where(self.noise[table] < 0.3, C.OSTEOCYTE, C.NONE)
                diploe = (tis == T.BONE) & any_neighbour(tis == T.MARROW, NEIGHBOURS_4)
                cel[diploe & (self.noise < 0.08)] = C.OSTEOCLAST
        # sutures fuse in adulthood
        f = (t - p.suture_fusion[0]) / (p.suture_fusion[1] - p.suture_fusion[0])
        if f > 0:
            fuse = (tis == T.SUTURE) & (self.noise < f)
            tis[fuse] = T.BONE
            self.owner[fuse] = 1
            cel[fuse] = np.where(self.noise[fuse] < 0.3, C.OSTEOCYTE, C.NONE)
        suture_now = suture_gap & (tis == T.MESENCHYME) & band
        tis[suture_now] = T.SUTURE
        cel[suture_now & (cel == C.MESENCHYMAL)] = C.FIBROBLAST
        self.age += dt
        self.age[tis != before] = 0.0

    def _suture_zone(self, tis) -> np.ndarray:
        """Membrane sites within reach of two different bones: a fibrous suture stays open there."""
        return (_popcount(_bits_near(self.owner, 3)) >= 2) & ~(self.owner > 0)

    def _bone_rows(self, mat) -> tuple[int, int] | None:
        rows = np.flatnonzero(mat[:, self.p.section_w // 2 - 20: self.p.section_w // 2 + 20].any(axis=1))
        if rows.size == 0:
            return None
        return int(rows[0]), int(rows[-1])
