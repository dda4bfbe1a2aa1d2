"""A section through the parietal bone, eminence to sagittal suture: scalp, periosteum, bone, dura and brain."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_YEAR
from .kinds import Cell as C, Tissue as T
from .lattice import NEIGHBOURS_4, any_neighbour, roll_rows
from .params import IntramembranousParams, PLATE_THICKNESS
from . import oi_rules, vault_periosteum as vp
from .vault import BONES, VaultTimeline, bone_of, border_distance, ossified, unit_mm

SECTION_BONE = 2  # the left parietal
SECTION_Y = BONES[SECTION_BONE][2]  # the section runs across the parietal eminence ...
OUTER_OPEN = 0.2  # the outer fifth of a fusing suture stays open until the vault from above shows it closed
EMINENCE_X = BONES[SECTION_BONE][1]  # ... from its centre to the sagittal suture (x = 0) and beyond
EMINENCE_COL = 72
MID_ROW = 34  # the middle of the bone plate
PLATE_ROWS_MAX = 38  # the adult plate fills at most this many rows (the site grows instead)
ADULT = BIRTH_DAY + 20 * DAYS_PER_YEAR
FETAL_VOID = 0.58  # mid-fetal parietal: a trabecular meshwork, more than half of it vascular spaces (estimate)
MESENCHYMAL_SPACING_UM = 12.0  # loose mesenchyme: stellate cells about 10 µm, a cell or so apart
OSTEOCYTE_SPACING_UM = 15.0  # woven bone is rich in osteocytes, about 15 µm apart (lacuna about 10 µm long)
BAND_MARGIN = 4  # rows kept round the plate's band: more than any neighbour rule of step() reaches


def plate_mm(day: float) -> float:
    return float(np.interp(day, *PLATE_THICKNESS))


def _interp(day, days, values) -> float:
    return float(np.interp(day, days, values))


def smooth(a: np.ndarray, wy: int, wx: int, passes: int = 2) -> np.ndarray:
    """Box blur with wrap-around, wy rows by wx columns."""
    for _ in range(passes):
        a = sum(np.roll(a, k, axis=1) for k in range(-(wx // 2), wx // 2 + 1)) / wx
        a = sum(np.roll(a, k, axis=0) for k in range(-(wy // 2), wy // 2 + 1)) / wy
    return a


def _distance_1d(mask: np.ndarray) -> np.ndarray:
    """Distance (columns) from each column to the nearest True column (a large number if none)."""
    n = mask.size
    idx = np.arange(n)
    last = np.maximum.accumulate(np.where(mask, idx, -4 * n))
    nxt = np.minimum.accumulate(np.where(mask, idx, 8 * n)[::-1])[::-1]
    return np.minimum(idx - last, nxt - idx)


def _clip(v: float, lo: float, hi: float) -> float:
    """float(np.clip(v, lo, hi)) for a number, without numpy's overhead."""
    return float(min(max(v, lo), hi))


def _rank(a: np.ndarray) -> np.ndarray:
    return (np.argsort(np.argsort(a.ravel())).reshape(a.shape) / float(a.size)).astype(np.float32)


class VaultSection:
    """The section's layers follow the tissue's true thickness at each age; the bone's extent follows the vault."""

    def __init__(self, p: IntramembranousParams, rng: np.random.Generator):
        self.p, self.tl = p, VaultTimeline(p)
        h, w = p.section_h, p.section_w
        self.h, self.w = h, w
        self.suture_span = max((w - 72) - EMINENCE_COL, w // 2)  # columns from the eminence to the sagittal suture
        self.yy, self.xx = np.mgrid[0:h, 0:w]
        self.hash = rng.random((h, w), dtype=np.float32)
        self.pores = _rank(smooth(rng.random((h, w)), 3, 9))  # spaces between trabeculae, elongated along the plate
        self.patch2 = _rank(smooth(rng.random((h, w)), 3, 5))
        self.patch1 = _rank(smooth(rng.random((1, w)), 1, 15, 3))[0]  # resorbing stretches of the dural surface
        self.vessels = np.zeros((h, w), bool)  # capillary lumens in the membrane
        n_lumens = int(0.006 * h * w)
        ys, xs = rng.integers(0, h - 1, n_lumens), rng.integers(0, w - 2, n_lumens)
        for dy in (0, 1):
            for dx in (0, 1, 2):
                self.vessels[ys + dy, xs + dx] = True
        # the fetal plate: a meshwork of woven trabeculae round wide vascular spaces (a coarser field)
        self.meshwork = _rank(smooth(rng.random((h, w)), 7, 13))
        self.meshwork2 = _rank(smooth(rng.random((h, w)), 9, 9))
        self.age = np.full((h, w), 1e6, np.float32)
        self.matrix = np.zeros((h, w), bool)
        self.tissue = np.full((h, w), T.MESENCHYME, np.uint8)
        self.cells = np.zeros((h, w), np.uint8)

    # ---- geometry -------------------------------------------------------------------------------------------
    def site_um(self, day: float) -> float:
        """True width of one site: the fetal plate fills a set number of rows (so its cells can be seen);
        from late fetal life the sagittal suture must fit in the grid, and the adult plate in the inset."""
        memo = getattr(self, "_site_um_memo", None)  # a step asks several times for the same day
        if memo is not None and memo[0] == day:
            return memo[1]
        um = self._site_um(day)
        self._site_um_memo = (day, um)
        return um

    def _site_um(self, day: float) -> float:
        rows = _interp(day, (59, 63, 84, 140, BIRTH_DAY, ADULT), (3, 4, 10, 28, 26, PLATE_ROWS_MAX))
        geometric = unit_mm(day) * 1000.0 * abs(EMINENCE_X) / self.suture_span
        geometric *= _interp(day, (200, BIRTH_DAY), (0.0, 1.0))
        return max(geometric, plate_mm(day) * 1000.0 / rows)

    def column_x(self, day: float) -> np.ndarray:
        """Vault x of each column's centre."""
        return EMINENCE_X + (np.arange(self.w) + 0.5 - EMINENCE_COL) * self.site_um(day) / 1000.0 / unit_mm(day)

    def suture_col(self, day: float) -> float:
        return EMINENCE_COL + (0.0 - EMINENCE_X) * unit_mm(day) * 1000.0 / self.site_um(day)

    def coverage(self, day: float) -> np.ndarray:
        """Columns covered by bone (the vault's own rule along the section line)."""
        x = self.column_x(day)
        y = np.full_like(x, SECTION_Y)
        own = bone_of(x, y)
        cx = np.array([c[1] for c in BONES])[own]
        cy = np.array([c[2] for c in BONES])[own]
        d_c = np.hypot(x - cx, y - cy)
        wave = np.cos(np.arctan2(y - cy, x - cx) * 22 + 4.0 * d_c)
        site_units = self.site_um(day) / 1000.0 / unit_mm(day)
        cov = ossified(x, y, own, border_distance(x, y), d_c, wave, day, self.tl, site_units)
        return cov, own

    # ---- one time -------------------------------------------------------------------------------------------
    def step(self, day: float, dt: float, closed_above: bool = False) -> None:
        """Advance to `day`. `closed_above`: the sagittal suture where the section crosses it is fused as the vault
        seen from above shows it there (its outer surface: the section then shows it bony through its thickness)."""
        p, h, w = self.p, self.h, self.w
        yy = self.yy[:, :1]  # the row index as a column: broadcasts, no grid of int-to-float work
        su = self.site_um(day)
        rows = lambda um: um / su  # noqa: E731
        cov, own = self.coverage(day)
        # distance (columns) to the bone's edge, for the thin growing tips of the fetal bone
        edge = _distance_1d(~cov).astype(np.float32)
        k_plate, k_table, k_diploe = oi_rules.vault_section(p, day)  # 1, 1, 1 unless OI
        half_max = max(rows(plate_mm(day) * k_plate * 1000.0) / 2, 0.55)
        taper_um = _interp(day, (59, 150, 200), (3.0, 1.0, 0.02)) * plate_mm(day) * 1000
        half = half_max * np.clip(np.sqrt(edge * su / max(taper_um, 1.0)), 0.35, 1.0)
        half = np.where(cov, np.maximum(half, 0.55), 0.0)
        uneven = _interp(day, (59, 100, 120), (1.1, 1.1, 0.0))  # a young plate is uneven, not a ruled bar
        top = MID_ROW - half * (1.0 + uneven * (self.meshwork[MID_ROW] - 0.5))
        bottom = MID_ROW + half * (1.0 + uneven * (self.meshwork2[MID_ROW] - 0.5))
        # every rule about the bone acts within the plate's rows (MID_ROW +- half_max, wider where a young plate is
        # uneven), so it is worked out on that band of rows only (a view), with a margin wider than any neighbour
        # rule reaches; the rest holds the layers
        r0 = int(np.floor(min(MID_ROW - half_max, float(np.min(top))))) - BAND_MARGIN
        r1 = int(np.ceil(max(MID_ROW + half_max, float(np.max(bottom))))) + BAND_MARGIN
        if r0 < 0 or r1 > h:
            r0, r1 = 0, h
        yb = yy[r0:r1]
        yc = yb + 0.5
        plate = (yc > top) & (yc < bottom)
        plate_top = int(np.floor(MID_ROW - half_max + 0.5))
        plate_bottom = int(np.ceil(MID_ROW + half_max - 0.5))  # first row below the plate
        # layers above and below
        fetal_perio = day >= p.periosteum_day
        perio_rows = vp.outer_rows(day, su) if fetal_perio else 0
        endo_rows = vp.inner_rows(day, su) if fetal_perio else 0  # the dura's periosteal layer
        gap_above = 0 if fetal_perio else max(1, int(round(rows(25.0))))
        mem_half = int(round(rows(_interp(day, (56, 59, 84, 140), (105.0, 120.0, 150.0, 0.0)))))
        dura_top = max(MID_ROW + mem_half, plate_bottom + (0 if fetal_perio else max(1, int(round(rows(25.0))))))
        dura_rows = max(3, int(round(rows(_interp(day, (56, BIRTH_DAY, ADULT), (30.0, 250.0, 600.0))))))
        brain_top = min(dura_top + endo_rows + dura_rows, h - 4)
        perio_top = plate_top - perio_rows
        scalp_um = _interp(day, (56, 84, 140, BIRTH_DAY, ADULT), (40.0, 100.0, 400.0, 2500.0, 5000.0))
        scalp_bottom = min(max(3, int(round(rows(scalp_um)))), perio_top - gap_above)
        if day >= BIRTH_DAY:
            scalp_bottom = perio_top  # the scalp lies on the pericranium
        scalp_bottom = max(3, min(scalp_bottom, MID_ROW - mem_half) if day < 140 else scalp_bottom)
        # tables, diploe, woven plate
        t_out_um = 1000 * _interp(day, (p.tables_start_day, p.tables_distinct_day, BIRTH_DAY + 10 * DAYS_PER_YEAR, ADULT),
                                  (0.0, 0.9, 1.3, 1.8)) * k_table
        n_out, n_in = rows(t_out_um), rows(0.65 * t_out_um)
        no_bone = np.zeros(plate.shape, bool)
        outer_table = plate & (yc < top + n_out) if n_out >= 0.5 else no_bone
        inner_table = plate & (yc > bottom - n_in) if n_in >= 0.5 else no_bone
        tables = outer_table | inner_table
        por = _interp(day, (59, 66, 120, 200, BIRTH_DAY - 20, BIRTH_DAY, p.tables_start_day, p.tables_distinct_day, ADULT),
                      (0.0, 0.30, FETAL_VOID, FETAL_VOID, 0.25, 0.18, 0.22, 0.45, 0.50))
        por = 1.0 - (1.0 - por) * k_diploe if por > 0 else por
        if half_max >= 2.5:
            interior = plate & (yb > top + 0.5) & (yb + 2.5 < bottom)  # the dural face keeps bone over its bays
            if day < BIRTH_DAY - 20:  # trabeculae along the level line of a smooth field: struts round wide spaces
                a = 0.5 * (1.0 - np.sqrt(por))  # two crossing families of struts leave `por` of the plate open
                mesh1, mesh2 = self._mesh_dev()
                open_ = (mesh1[r0:r1] > a) & (mesh2[r0:r1] > a)
            else:
                open_ = self.pores[r0:r1] > 1.0 - por
            spaces = interior & ~tables & open_
        else:
            spaces = no_bone
        # osteoclasts resorb stretches of the dural surface (fetal curvature change; later remodelling)
        res_frac = _interp(day, (70, 84, BIRTH_DAY, p.growth_end_day, ADULT), (0.0, 0.3, 0.3, 0.2, 0.08))  # the young plate first grows on both faces
        resorbing = (self.patch1 < res_frac)[None, :] & cov[None, :]
        plate_up, plate_down = roll_rows(plate, 1), roll_rows(plate, -1)
        bottom_row = plate & ~plate_down
        bay = bottom_row & resorbing & (half[None, :] >= 1.5)
        matrix = plate & ~spaces & ~bay
        # surfaces and their seams of osteoid (wherever bone grows)
        exposed = matrix & any_neighbour(~matrix, NEIGHBOURS_4)
        growing = day < p.growth_end_day
        top_surface = matrix & ~plate_up
        lower_surface = matrix & ~plate_down & ~resorbing
        space_surface = exposed & any_neighbour(spaces, NEIGHBOURS_4)
        edge_surface = exposed & any_neighbour(~(plate | plate_up | plate_down), NEIGHBOURS_4)
        # the fetal meshwork: forming seams on a share of its many space surfaces (the rest quiescent or resorbing)
        seam_space = _interp(day, (59, 100, 200, BIRTH_DAY, p.tables_distinct_day, p.growth_end_day, ADULT),
                             (0.35, 0.15, 0.15, 0.4, 0.3, 0.25, 0.12))
        patch2 = self.patch2[r0:r1]
        if day < BIRTH_DAY - 20:  # fetal meshwork: the dural face forms only in stretches (resorbed or quiet elsewhere),
            # the wide primary spaces were never ossified: few of their faces form; the young plate (weeks 9-10)
            # still thickens along most of its dural face, as on its outer one (round-5 review: bare dural surface)
            lower_surface &= patch2 < _interp(day, (70, 84), (0.9, 0.45))
        if growing:
            forming = self._stretches()[r0:r1] if day < BIRTH_DAY - 20 else patch2  # fetal: short stretches in every space
            seam = top_surface | lower_surface | edge_surface | (space_surface & (forming < seam_space))
        else:  # adult: only where a remodelling unit is refilling
            seam = (top_surface | lower_surface | space_surface) & (patch2 < 0.12)
        clast_space = space_surface & (patch2 > 1.0 - _interp(day, (66, BIRTH_DAY, ADULT), (0.04, 0.08, 0.06)))
        seam &= ~clast_space
        # the matrix's age, kept on the band: it is read only where there is matrix, and new matrix starts at 0
        age = self.age[r0:r1]
        age[matrix & ~self.matrix[r0:r1]] = 0.0
        age[~matrix] = 1e6
        # new osteoid mineralises within days; while the fetal front runs fast, the young rim shows (fetal)
        osteoid = matrix & (seam | (age < p.mineralise_after_days)) if day < 120 else matrix & seam
        self.matrix[:] = False
        self.matrix[r0:r1] = matrix
        age += dt
        # sagittal suture between the two parietals (fibrous), fusing in adulthood from the dural side
        tis = np.full((h, w), T.MESENCHYME, np.uint8)
        cel = np.zeros((h, w), np.uint8)
        reach = int(np.ceil(2 * self.tl.suture_half_mm(day) * 1000 / su)) + 3
        left_bone = _distance_1d(cov & (own == SECTION_BONE)) <= reach
        right_bone = _distance_1d(cov & (own != SECTION_BONE)) <= reach
        suture_cols = ~cov & left_bone & right_bone
        band = (yc > MID_ROW - half_max) & (yc < MID_ROW + half_max)
        suture = band & suture_cols[None, :]
        f = (day - p.sagittal_fusion[0]) / (p.sagittal_fusion[1] - p.sagittal_fusion[0])
        if closed_above:  # fused at the outer surface, as the vault from above shows it: so through the plate
            fused = suture
        elif f > 0:  # from the dural side; the outer surface stays open until the view from above shows it fused
            depth = (yb - (MID_ROW - half_max)) / (2 * half_max)
            fused = suture & (depth > 1.0 - 1.6 * f + 0.4 * patch2) & (depth > OUTER_OPEN)
        else:
            fused = no_bone
        osteoid = osteoid & ~any_neighbour(fused, NEIGHBOURS_4)  # bone across a fused suture: no seam on its faces
        # ---- tissues, top to bottom ----
        tis[:scalp_bottom] = T.SKIN
        if fetal_perio:
            tis[perio_top:plate_top] = T.PERIOSTEUM
        tis[dura_top:brain_top] = T.DURA
        tis[dura_top:min(dura_top + endo_rows, brain_top - 1)] = T.PERIOSTEUM  # endocranial, fused with the dura
        tis[brain_top:] = T.BRAIN
        membrane = tis == T.MESENCHYME
        tb = tis[r0:r1]  # the band's rows (a view)
        tb[suture] = T.SUTURE
        mineral = matrix & ~osteoid
        tb[mineral] = T.BONE  # woven bone; the tables below are compact, lamellar bone
        # the diploe's trabeculae are remodelled into lamellar spongy bone while the tables form (lamellar by ~4 y)
        lam_f = (day - p.tables_start_day) / (p.tables_distinct_day - p.tables_start_day)
        if lam_f > 0:
            tb[mineral & ~tables & (patch2 < lam_f)] = T.TRABECULAR
        tb[mineral & tables] = T.COMPACT
        # a fused suture is bone of the plates' own kind at its depth (so the bridge is continuous with both
        # parietals): woven, or remodelled in the diploe, and compact where the tables run
        tb[fused] = T.BONE
        if lam_f > 0:
            tb[fused & ~tables & (patch2 < lam_f)] = T.TRABECULAR
        tb[fused & tables] = T.COMPACT
        tb[osteoid] = T.OSTEOID
        marrow_day = day >= p.haematopoiesis_day
        tb[spaces | bay] = T.MARROW if marrow_day else T.MESENCHYME
        tb[bay] = T.PERIOSTEUM if fetal_perio else T.MESENCHYME
        core = spaces & (self.pores[r0:r1] > 1.0 - 0.25 * por)  # a capillary / sinusoid at the heart of each space
        vessel = self.vessels & membrane
        vessel &= tis == T.MESENCHYME
        vessel[r0:r1] |= core
        tis[vessel] = T.VESSEL
        # ---- cells ----
        h_ = self.hash
        below = self._hash_below  # below(0.7) == (h_ < 0.7), static, so made once per threshold
        band_below = lambda level: below(level)[r0:r1]  # noqa: E731
        cb = cel[r0:r1]  # the band's rows (a view)
        lining_ok = ~matrix & ~fused & ~vessel[r0:r1] & (tb != T.BRAIN) & (tb != T.SKIN)
        # mesenchymal cells about MESENCHYMAL_SPACING_UM apart (closer in the condensation), never side by side
        mes = tis == T.MESENCHYME
        mes[r0:r1] &= ~spaces
        m_rows = np.flatnonzero(mes.any(axis=1))
        if m_rows.size:  # the crowding is worked out on the rows that hold membrane only
            a, b = int(m_rows[0]), int(m_rows[-1]) + 1
            crowd = self._density(day, a, b) * _clip((su / MESENCHYMAL_SPACING_UM) ** 2, 0.0, 1.0)
            mes = mes[a:b] & (h_[a:b] < crowd)
            mes &= self._lone()[a:b] | (crowd > 0.5)
            cel[a:b][mes] = C.MESENCHYMAL
        cb[spaces & (tb == T.MESENCHYME) & band_below(0.45)] = C.MESENCHYMAL
        cb[(tb == T.MARROW) & band_below(0.7)] = C.HAEMATOPOIETIC
        cel[vessel] = C.ENDOTHELIAL
        cel[:scalp_bottom][(tis[:scalp_bottom] == T.SKIN) & below(0.35)[:scalp_bottom]] = C.FIBROBLAST
        cel[(tis == T.DURA) & below(0.5)] = C.FIBROBLAST
        cb[(tb == T.SUTURE) & band_below(0.6)] = C.FIBROBLAST
        vp.periosteum_cells(day, tis, cel, h_, (perio_top, plate_top), (dura_top, dura_top + endo_rows), below)
        # osteoprogenitors gather round the young bone in the membrane
        near_bone = (tb == T.MESENCHYME) & any_neighbour(any_neighbour(matrix)) & ~any_neighbour(matrix, NEIGHBOURS_4)
        cb[near_bone & band_below(0.6)] = C.OSTEOPROGENITOR
        # osteoblasts: a layer on every seam of osteoid
        # (on the seam's own side: above the outer surface, below the dural one, in the space beside the others)
        faces = seam & matrix & ~top_surface & ~lower_surface
        ob = lining_ok & (roll_rows(seam & top_surface, -1) | roll_rows(seam & lower_surface, 1)
                          | any_neighbour(faces, NEIGHBOURS_4))
        cb[ob] = C.OSTEOBLAST
        # osteoclasts in their resorption bays (one large cell per few sites)
        third, in_rows = (m[r0:r1] for m in self._columns_rows())
        cb[bay & third] = C.OSTEOCLAST
        cb[bay & ~third] = C.NONE
        oc = lining_ok & spaces & any_neighbour(clast_space, NEIGHBOURS_4) & third
        cb[oc] = C.OSTEOCLAST
        # osteocytes in lacunae: many and irregular in woven bone, in rows in lamellar tables
        settled = age > 1.3 * p.mineralise_after_days  # walled in by matrix that has mineralised
        woven = ((mineral & settled) | fused) & ~tables
        # one osteocyte per ~OSTEOCYTE_SPACING_UM of matrix: every site when sites are that large, else spaced
        dens = _clip((su / OSTEOCYTE_SPACING_UM) ** 2, 0.04, 0.92)
        hb = h_[r0:r1]
        spaced = hb < dens
        if dens < 0.5:  # small sites: no two side by side
            spaced &= self._lone()[r0:r1]
        cb[woven & spaced] = C.OSTEOCYTE
        lam = ((mineral & settled) | fused) & tables
        cb[lam & in_rows & band_below(0.9)] = C.OSTEOCYTE
        cb[osteoid & any_neighbour(mineral & settled, NEIGHBOURS_4) & spaced & (hb < 0.04 * dens)] = C.OSTEOCYTE  # walled in
        self.tissue, self.cells = tis, cel

    def _stretches(self) -> np.ndarray:
        """A fine smooth field (ranks 0..1, a few sites across; static, made once): which stretches of a face form."""
        if getattr(self, "_stretch_field", None) is None:
            self._stretch_field = _rank(smooth(self.hash, 3, 5))
        return self._stretch_field

    def _hash_below(self, level: float) -> np.ndarray:
        """hash < level (the hash is static, so each threshold's mask is made once)."""
        cache = self.__dict__.setdefault("_below_cache", {})
        if level not in cache:
            cache[level] = self.hash < level
        return cache[level]

    def _columns_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Every third column (one large osteoclast per few sites), and the rows between the lamellae (every third
        row a cell-free lamella); static, so made once."""
        if getattr(self, "_cr_masks", None) is None:
            self._cr_masks = (self.xx % 3 == 0, self.yy % 3 != 2)
        return self._cr_masks

    def _lone(self) -> np.ndarray:
        """Sites whose hash is below all four neighbours' (never two side by side); static, so made once."""
        if getattr(self, "_lone_mask", None) is None:
            h_, lone = self.hash, np.ones(self.hash.shape, bool)
            for dy, dx in NEIGHBOURS_4:
                lone &= h_ < np.roll(np.roll(h_, dy, axis=0), dx, axis=1)
            self._lone_mask = lone
        return self._lone_mask

    def _density(self, day: float, row0: int = 0, row1: int | None = None) -> np.ndarray:
        """Mesenchymal cells crowd most where the bone will start (condensation); rows row0:row1."""
        cx = np.abs(np.arange(self.w) - EMINENCE_COL) * self.site_um(day) / 1000.0 / unit_mm(day)
        cy = np.abs(np.arange(self.h)[row0:row1] - MID_ROW) / 14.0
        d = np.outer(np.exp(-cy ** 2), np.exp(-(cx / 0.05) ** 2))
        d *= 0.65
        d += 0.2
        return d

    def _mesh_dev(self) -> tuple[np.ndarray, np.ndarray]:
        """How far each site's two meshwork fields lie from their middle (static, so made once)."""
        if getattr(self, "_mesh_dev_cache", None) is None:
            self._mesh_dev_cache = (np.abs(self.meshwork - 0.5), np.abs(self.meshwork2 - 0.5))
        return self._mesh_dev_cache


def drawn_apart(cells: np.ndarray, hash_: np.ndarray, code: int, k: int, inside: np.ndarray | None = None) -> np.ndarray:
    """The cells grid with the `code` cells thinned for drawing: each one kept lies inside `inside` (where given) and
    has the lowest hash of those within k - 1 sites (Chebyshev), so the drawn cells lie at least k sites apart,
    evenly spread (the model keeps them all)."""
    if k <= 1:
        return cells
    is_ = cells == code
    if inside is not None:
        is_ &= inside
    key = np.where(is_, hash_, np.inf)
    pad = np.pad(key, k - 1, constant_values=np.inf)
    h, w = cells.shape
    low = key.copy()
    for dy in range(2 * k - 1):
        for dx in range(2 * k - 1):
            np.minimum(low, pad[dy:dy + h, dx:dx + w], out=low)
    out = cells.copy()
    out[(cells == code) & ~(is_ & (key <= low))] = C.NONE
    return out
