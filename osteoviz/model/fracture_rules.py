"""The local rules of fracture repair, one vectorised step at a time (clot -> granulation -> callus -> bone)."""

from __future__ import annotations

import numpy as np

from .kinds import Tissue as T
from .lattice import NEIGHBOURS_4, any_neighbour, chance, count_neighbours, dilate
from .fracture_params import FractureParams
from .fracture_shape import FractureShape

CALLUS_SOFT = (T.MESENCHYME, T.GRANULATION, T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED)
CALLUS_ANY = CALLUS_SOFT + (T.BONE, T.VESSEL)
LIVING_BONE = (T.COMPACT, T.BONE)
SPACE_GAIN, SPACE_MIN, SPACE_MAX = 1.0, 0.15, 0.65  # how new woven sites follow their neighbours (see _lay_woven)
GAP_SPACE = 0.4  # woven bone laid on the dead bone ends keeps fewer spaces
HYPERTROPHIC_DEPTH = 2  # sites ahead of the bone front that hypertrophy
CONE_SHARE = 0.6  # rate of osteon formation along the callus channels, as a share of the lamellar rate


def _is(t: np.ndarray, *codes) -> np.ndarray:
    return np.isin(t, codes)


class FractureRules:
    """Holds the tissue grid and applies every rule for a step of dt days at day t."""

    def __init__(self, p: FractureParams, shape: FractureShape, rng: np.random.Generator):
        self.p, self.g, self.rng = p, shape, rng
        self.tissue = shape.first_day()
        self.cone_tip = self._cones() if p.rigid_fixation else None

    def _cones(self) -> list[tuple[int, float, int, float]]:
        """Cutting cones (rigid fixation): (row, start column, direction, start day) from both living ends."""
        p, g, rng = self.p, self.g, self.rng
        rows = np.flatnonzero(g.cortex[:, 0])
        cones = []
        for y in rows[rng.random(rows.size) < 0.55]:
            d = 1 if rng.random() < 0.5 else -1
            x0 = g.cx - d * (p.dead_sites + 1 + rng.random() * 3)
            cones.append((int(y), float(x0), d, p.day(8.0 + 14.0 * rng.random())))
        return cones

    def rate(self, r: float) -> float:
        return r / self.p.pace

    def step(self, t: float, dt: float) -> None:
        if dt <= 0:
            return
        p, g, tis = self.p, self.g, self.tissue
        shape = tis.shape
        go = lambda r: chance(self.rng, self.rate(r), dt, shape)  # noqa: E731

        # 1. bone ends die back: osteocytes next to the line lose their blood supply within a day or two
        reach = p.dead_sites * (1 - np.exp(-t / p.day(0.8))) + 1.2 * g.line_key
        tis[(tis == T.COMPACT) & g.cortex & (g.adx < reach) & (t < p.day(3.0))] = T.DEAD_BONE

        # 2. the clot is organised from its living edges into granulation tissue (capillaries, fibroblasts)
        if t >= p.day(p.granulation_day):
            edge = any_neighbour(_is(tis, T.GRANULATION, T.MUSCLE, T.MARROW, T.PERIOSTEUM, T.MESENCHYME, T.COMPACT,
                                     T.CARTILAGE, T.BONE, T.VESSEL))  # a pocket walled in by callus is organised too
            tis[(tis == T.HAEMATOMA) & edge & go(p.granulation_rate)] = T.GRANULATION

        if t >= p.day(10.0):  # clot outside the callus heals into the muscle (scar, not drawn apart)
            stray = (tis == T.GRANULATION) & ~g.callus & (g.r > p.shaft_half)
            tis[stray & any_neighbour(tis == T.MUSCLE, NEIGHBOURS_4) & go(0.15)] = T.MUSCLE

            # the clot in the marrow away from the callus is cleared and the marrow returns
            stray = (tis == T.GRANULATION) & ~g.callus & (g.r <= p.shaft_half - p.cortex)
            tis[stray & any_neighbour(tis == T.MARROW, NEIGHBOURS_4) & go(0.8)] = T.MARROW

        if p.rigid_fixation:
            self._cutting_cones(t, go)
        else:
            self._callus(t, go)

        # remodelling: coupled osteoclasts and osteoblasts return the callus to a tube
        if t >= p.day(p.remodel_day):
            self._remodel(go, t)
        self._periosteum()

    def _callus(self, t: float, go) -> None:
        p, g, tis = self.p, self.g, self.tissue
        bmp, vegf = p.bmp2_level, p.vegf_level
        if bmp <= 0:
            return  # no BMP2: the progenitors never start (Tsuji 2006); the clot only organises
        # 3. periosteal (and endosteal) progenitors multiply and fill the callus envelope from the bone surface
        if p.day(0.6 * p.periosteal_day) <= t < p.day(p.remodel_day):  # until the fracture is stable
            src = any_neighbour(_is(tis, T.MESENCHYME, T.PERIOSTEUM, T.COMPACT, T.DEAD_BONE), NEIGHBOURS_4)
            take = (g.envelope | g.endosteal) & _is(tis, T.MUSCLE, T.PERIOSTEUM, T.HAEMATOMA, T.GRANULATION, T.MARROW)
            tis[take & src & go(p.periosteal_rate * 1.6 * bmp)] = T.MESENCHYME
        # 4. where oxygen is good, bone forms directly on living bone (intramembranous, under the periosteum)
        if t >= p.day(p.periosteal_day) and vegf > 0:
            # the first periosteal new bone: a thin continuous layer of woven bone on the cortex under the
            # progenitor cuff (Prosser 2012: subperiosteal new bone from day 5), not scattered specks
            under = (tis == T.MESENCHYME) & ~g.hypoxic & any_neighbour(tis == T.COMPACT, NEIGHBOURS_4) & g.envelope
            tis[under] = T.BONE
            near = any_neighbour(_is(tis, *LIVING_BONE))
            ok = (tis == T.MESENCHYME) & ~g.hypoxic & near & go(p.periosteal_rate * bmp * vegf)
            self._lay_woven(ok)  # periosteal trabeculae with vascular spaces between them
        # 5. where oxygen is low (the gap, and the callus over it) progenitors make cartilage (soft callus)
        if t >= p.day(p.cartilage_day):
            near = any_neighbour(_is(tis, T.CARTILAGE, T.MESENCHYME, T.BONE))
            soft = _is(tis, T.MESENCHYME, T.GRANULATION) & g.hypoxic & g.callus
            tis[soft & near & go(p.cartilage_rate * bmp)] = T.CARTILAGE
            # progenitors walled in by cartilage on all sides turn into chondrocytes too (no stray islands)
            walled = (tis == T.MESENCHYME) & (count_neighbours(_is(tis, T.CARTILAGE, T.HYPERTROPHIC)) >= 7)
            tis[walled & go(p.cartilage_rate * bmp)] = T.CARTILAGE
        # 6-8. hard callus as in a growth plate: hypertrophy at the bone front, calcification, vascular invasion
        if t >= p.day(p.hypertrophy_day):
            # an ordered front as in a growth plate: bone | calcified | hypertrophic | resting callus cartilage
            # (Ihh from the front reaches a few cells: a hypertrophic zone several cells deep, as in a growth plate)
            # in the medullary canal the marrow's own vessels reach the cartilage too (§3.3: vessels from the
            # periosteum and the marrow invade the callus), so the medullary bridge ossifies from its sides as well
            # and is bone by bridging, not a cartilage plug walled in by marrow
            front = dilate(_is(tis, T.BONE, T.VESSEL, T.CALCIFIED, T.MARROW), HYPERTROPHIC_DEPTH)
            tis[(tis == T.CARTILAGE) & front & go(p.hypertrophy_rate)] = T.HYPERTROPHIC
            mineral = any_neighbour(_is(tis, T.BONE, T.VESSEL, T.MARROW), NEIGHBOURS_4)
            tis[(tis == T.HYPERTROPHIC) & mineral & go(p.calcify_rate)] = T.CALCIFIED
            if vegf > 0:
                reached = any_neighbour(_is(tis, T.BONE, T.VESSEL))
                inv = (tis == T.CALCIFIED) & (reached | any_neighbour(tis == T.MARROW)) & go(p.invasion_rate * vegf)
                # bone bridges the last progenitors in the gap too (they are reached by vessels)
                inv |= _is(tis, T.MESENCHYME, T.GRANULATION) & g.gap & reached & go(p.invasion_rate * vegf)
                self._lay_woven(inv)  # capillary loops open spaces; osteoblasts lay bone on the remnants between
            # dead ends are slowly replaced (creeping substitution) where new bone and vessels touch them
            touch = any_neighbour(_is(tis, T.BONE, T.VESSEL), NEIGHBOURS_4)
            tis[(tis == T.DEAD_BONE) & touch & go(p.creeping_rate)] = T.COMPACT

    def _lay_woven(self, new: np.ndarray) -> None:
        """Sites that ossify now become woven bone or a vascular space, by what is next to them: a capillary sprout
        carries on into the site ahead of it (one vessel beside it, not a vessel sheet), a new sprout enters where
        no vessel is near, and osteoblasts lay bone everywhere else. Channels branch and join, so the woven bone
        grows as an interconnected meshwork of trabeculae round vascular spaces (not a solid slab)."""
        tis = self.tissue
        key = self.rng.random(tis.shape, dtype=np.float32)
        ves = tis == T.VESSEL
        laid = count_neighbours(_is(tis, T.BONE, T.VESSEL, T.COMPACT, T.DEAD_BONE))
        fv = count_neighbours(ves) / np.maximum(laid, 1)  # share of the formed neighbours that are vessel
        # a site mostly copies what formed beside and behind it (vessels run on toward the front, trabeculae
        # grow on beside them); now and then a new sprout or a closing strut changes the pattern
        p_space = np.clip(SPACE_GAIN * fv, SPACE_MIN, SPACE_MAX)
        dense = any_neighbour(tis == T.DEAD_BONE, NEIGHBOURS_4)
        p_space = np.where(dense, GAP_SPACE * p_space, p_space)  # the bone laid on the dead ends
        # (the woven bone bridging the cortical gap keeps its vascular spaces, like the callus round it: it is
        # compacted into the new cortex only by remodelling, osteon by osteon)
        # the first layer on the old cortex is laid as a continuous sheet the trabeculae rise from
        on_cortex = any_neighbour(tis == T.COMPACT, NEIGHBOURS_4)
        space = new & (key < p_space) & ~on_cortex
        tis[space] = T.VESSEL
        tis[new & ~space] = T.BONE

    def _cutting_cones(self, t: float, go) -> None:
        """Primary healing: osteoclast-led tunnels cross the line and osteons fill them (no callus)."""
        p, g, tis = self.p, self.g, self.tissue
        speed = p.cone_um_per_day / p.site_um
        h, w = tis.shape
        for y, x0, d, start in self.cone_tip:
            if t < start:
                continue
            tip = x0 + d * speed * (t - start)
            a, b = sorted((int(round(x0)), int(round(tip))))
            a, b = max(a, 0), min(b, w - 1)
            if b - a < 1:
                continue
            span = slice(a, b + 1)
            tis[y, span] = np.where(_is(tis[y, span], T.DEAD_BONE, T.COMPACT, T.GRANULATION, T.HAEMATOMA, T.VESSEL),
                                    T.COMPACT, tis[y, span])  # the osteon behind the cone: living bone
            tip_x = int(np.clip(round(tip), 0, w - 1))
            if g.cortex[y, tip_x] or g.gap[y, tip_x]:
                tis[y, tip_x] = T.VESSEL  # the cone's head: osteoclasts and a capillary loop
        if t >= p.day(p.granulation_day):
            # the reduced gap: cleared to marrow inside the tube; in the cortex (gap healing) lamellar bone is
            # laid across from the living ends (Marsell & Einhorn 2011)
            gran = (tis == T.GRANULATION) & g.gap
            tis[gran & g.marrow & go(0.3)] = T.MARROW
            living = any_neighbour(tis == T.COMPACT, NEIGHBOURS_4)
            tis[gran & g.cortex & living & go(0.02)] = T.COMPACT
        if t >= p.day(p.remodel_day):
            touch = any_neighbour(tis == T.COMPACT, NEIGHBOURS_4)
            tis[(tis == T.DEAD_BONE) & touch & go(p.creeping_rate)] = T.COMPACT

    def _remodel(self, go, t: float) -> None:
        p, g, tis = self.p, self.g, self.tissue
        if p.vegf_level <= 0:
            return  # no vessels, no osteoclasts: an unossified cartilage callus stays (non-union)
        s, c = p.shaft_half, p.cortex
        keep = np.exp(-self.rate(p.resorb_rate) * (t - p.day(p.remodel_day)))  # share of the callus still allowed
        rim = 1.5 * g.noise  # osteoclasts do not cut a perfectly smooth surface
        # the external callus is resorbed from its surface inwards (osteoclasts), back to the shaft outline
        outside = g.r > s
        height = g.r - s
        tis[outside & _is(tis, *CALLUS_ANY, T.COMPACT) & (height > p.callus_thick * keep + rim) & go(2.0)] = T.MUSCLE
        # the marrow cavity is reopened from the middle outwards: callus inside the tube is resorbed
        inner = g.r <= s - c
        depth = (s - c) - g.r  # distance from the endosteal surface into the cavity
        tis[inner & _is(tis, *CALLUS_ANY) & (depth > (s - c) * keep + rim) & go(2.0)] = T.MARROW
        tis[inner & (tis == T.GRANULATION) & go(p.resorb_rate)] = T.MARROW
        # woven bone in the line of the cortex becomes compact (lamellar) bone, osteon by osteon
        # the space of each canal is filled lamella by lamella from its walls until one central canal is left: an
        # osteon (a vessel site with no vessel beside it stays open as its Haversian canal)
        near_compact = any_neighbour(tis == T.COMPACT, NEIGHBOURS_4)
        ves = tis == T.VESSEL
        fill = (ves & any_neighbour(ves, NEIGHBOURS_4)) | (tis == T.BONE)
        tis[~inner & fill & near_compact & go(p.lamellar_rate)] = T.COMPACT
        # cutting cones run along the vascular channels of the woven callus: the woven bone of a channel's wall is
        # cut out and replaced by lamellar bone round the vessel (new osteons throughout the callus, not only at
        # its border with the old cortex)
        cone = (tis == T.BONE) & any_neighbour(ves, NEIGHBOURS_4)
        tis[~inner & cone & go(p.lamellar_rate * CONE_SHARE)] = T.COMPACT
        tis[(tis == T.DEAD_BONE) & near_compact & go(p.creeping_rate)] = T.COMPACT
        # the periosteum is laid down again on the shaft as the callus goes
        tis[g.periosteum & (tis == T.MUSCLE)] = T.PERIOSTEUM

    def _periosteum(self) -> None:
        """The periosteum covers whatever is outermost: the shaft, or the callus standing out from it."""
        g, tis = self.g, self.tissue
        covered = _is(tis, T.BONE, T.COMPACT, T.DEAD_BONE, T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED, T.MESENCHYME)
        touching = any_neighbour(covered, NEIGHBOURS_4)
        tis[(tis == T.MUSCLE) & (g.r > self.p.shaft_half) & touching] = T.PERIOSTEUM
        tis[(tis == T.PERIOSTEUM) & ~g.periosteum & ~touching] = T.MUSCLE  # left behind by a shrinking callus
