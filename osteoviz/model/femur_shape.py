"""The femur's outline in a coronal section (head, neck, trochanters, shaft, condyles) and its axial coordinates.

Drawn in adult millimetres (x from the top of the head to the condyles, y medial-positive) and sampled
onto the site grid; the grid is static and only its true size per site changes with age. Anatomy:
Gray's 1918 (femur); neck-shaft angle about 125-130 degrees, head about 45 mm across, condyles about
80 mm across, shaft about 27 mm across in the adult (facts.md, long-bone anatomy).
"""

from __future__ import annotations

import functools

import numpy as np

from .lattice import NEIGHBOURS_4, any_neighbour, dilate
from .spongiosa import Spongiosa

LENGTH_MM = 460.0  # adult femur length, head to condyles (facts.md: 45-48 cm)
SPAN_X = (-6.0, 466.0)  # adult mm covered by the grid columns
SPAN_Y = (70.0, -48.0)  # adult mm (medial up) covered by the grid rows, top to bottom
CENTRE_X = 250.0  # primary ossification centre (mid-shaft)
HEAD = (26.0, 43.0, 24.5)  # centre x, y and radius of the femoral head (about 45-50 mm across with its cartilage)
NECK_BASE = (62.0, -4.0)
GT = (46.0, -19.0, 18.0, 6.0)  # greater trochanter: about its centre and half-extents (for its name)
GT_TIP = (28.0, -25.0, 17.0)  # its proximal tip (x), lateral border (y, the shaft's line continued), breadth
LT = (92.0, 17.0, 10.0, 9.0)  # lesser trochanter (posteromedial, seen in projection)
CONDYLES = ((432.0, 19.0, 23.0), (432.0, -19.0, 23.0))  # medial and lateral condyle
# growth-plate positions in the axial coordinates below (adult mm)
HEAD_PLATE = 27.0  # capital physis at the head-neck junction (in s_p)
GT_PLATE = 50.0  # greater-trochanter apophysis (in x, inside the GT lobe)
DISTAL_PLATE = 422.0  # distal physis about 3 cm above the joint (in s_d)


def _smoothstep(x, a, b):
    t = np.clip((x - a) / (b - a), 0.0, 1.0)
    return t * t * (3 - 2 * t)


class FemurShape:
    """Masks and coordinate fields of the femur outline on a (h, w) grid."""

    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.col_mm = (SPAN_X[1] - SPAN_X[0]) / w  # adult mm per column
        self.row_mm = (SPAN_Y[0] - SPAN_Y[1]) / h  # adult mm per row
        cols = (np.arange(w) + 0.5) * self.col_mm + SPAN_X[0]
        rows = SPAN_Y[0] - (np.arange(h) + 0.5) * self.row_mm
        x, y = np.meshgrid(cols.astype(np.float32), rows.astype(np.float32))
        self.x, self.y = x, y
        # the distal metaphysis widens in a concave trumpet close to the plate (not a straight cone from mid-shaft)
        hw = np.interp(x, (48, 70, 100, 150, 330, 370, 395, 410, 418, 425),
                       (22, 19, 16, 13.5, 13.5, 14.8, 18, 23, 28.5, 37))
        shaft = (x >= 48) & (x <= 428) & (np.abs(y) < hw)
        hx, hy, hr = HEAD
        head = np.hypot(x - hx, y - hy) < hr
        bx, by = NECK_BASE
        seg = np.array([hx - bx, hy - by], np.float32)
        L = float(np.hypot(*seg))
        n = seg / L
        proj = (x - bx) * n[0] + (y - by) * n[1]
        t = np.clip(proj / L, 0, 1)
        perp = np.hypot(x - (bx + t * seg[0]), y - (by + t * seg[1]))
        neck = perp < (19.0 - 5.0 * t)
        # greater trochanter: a lateral prominence rising from the shaft's lateral border, pointing proximally
        tx, ty, tb = GT_TIP
        lat = np.interp(x, (tx, 48.0, 76.0), (ty, ty + 0.5, -18.5))  # its lateral face runs on into the shaft's
        self.gt_lobe = (y >= lat) & (y <= lat + tb * np.sqrt(np.clip((x - tx) / 30.0, 0.0, 1.0))) & (x >= tx) & (x <= 76)
        lx, ly, lrx, lry = LT
        lt = ((x - lx) / lrx) ** 2 + ((y - ly) / lry) ** 2 < 1.0
        cond = np.zeros_like(shaft)
        for cx, cy, r in CONDYLES:
            cond |= np.hypot(x - cx, y - cy) < r
        self.inside = shaft | head | neck | self.gt_lobe | lt | cond
        self.gt_lobe &= self.inside & (y < -6) & (x < 75)
        self.lt_lobe = lt & ~shaft
        self.head = head
        self.neck = neck & ~head
        self.condyles = cond
        # axial coordinates: s_p runs along the shaft and turns up the neck into the head
        wgt = _smoothstep(proj, 0.0, 20.0)
        a0 = (bx + 20.0 * n[0]) + 20.0
        self.s_p = (x * (1 - wgt) + (a0 - proj) * wgt).astype(np.float32)
        self.s_d = (x - 2.5 * np.cos(np.pi * y / 25.0)).astype(np.float32)  # gently curved distal plate
        # distance from the primary centre along the bone (adult mm)
        self.reach = np.maximum(np.where(x < CENTRE_X, CENTRE_X - self.s_p, self.s_d - CENTRE_X), 0.0).astype(np.float32)
        self.proximal = x < CENTRE_X
        # joint surfaces (articular cartilage): the head's outline and the ends of the condyles
        edge = self.inside & any_neighbour(~self.inside, NEIGHBOURS_4)
        self.joint_edge = edge & ((head & (proj > 30)) | (cond & (x > 418) & ((np.abs(y) > 6) | (x > 452))))
        self.surface_mm = self._distance_mm(edge)
        self.joint_mm = self._distance_mm(self.joint_edge)
        # sleeve round the bone: perichondrium / periosteum (not on the joint surfaces)
        grown = dilate(self.inside, 2)
        near_joint = dilate(self.joint_edge, 3)
        notch = (x > 438) & (np.abs(y) < 12)  # the intercondylar notch holds ligaments, not a sleeve
        self.sleeve = grown & ~self.inside & ~near_joint & ~notch
        # primary spongiosa: wavy longitudinal trabeculae of varying thickness with oblique cross-struts
        self.spongiosa = sp = Spongiosa(h, w)
        self.septa = sp.bone  # every trabecula at its full (front) thickness
        self.core = sp.core  # calcified-cartilage core of a mixed spicule
        # spongy bone of the epiphyses: an irregular network of trabeculae (smooth, not speckled)
        cy_, cx_ = np.mgrid[0:h, 0:w].astype(np.float32)
        f = (np.sin(cx_ / 2.1 + 0.7) * np.sin(cy_ / 1.8 + 1.9) + 0.7 * np.sin((cx_ + 1.3 * cy_) / 1.6 + 0.4)
             + 0.5 * np.sin((2.0 * cx_ - cy_) / 2.9 + 2.3))
        net = np.abs(f) < 0.55
        net &= any_neighbour(net, NEIGHBOURS_4)  # no lone specks of bone ...
        net |= ~any_neighbour(~net, NEIGHBOURS_4)  # ... and no one-site holes
        self.network = net
        # secondary-centre seeds (adult mm) and where each epiphysis lies
        self.distal_epi = self.inside & (self.s_d > DISTAL_PLATE)
        self.head_epi = self.inside & (self.s_p < HEAD_PLATE) & ~self.gt_lobe
        self.gt_epi = self.gt_lobe & (self.reach > CENTRE_X - GT_PLATE)
        self.distal = x >= CENTRE_X
        self.epiphysis = self.distal_epi | self.head_epi | self.gt_epi
        self.axis_len_mm = float(x[:, self.inside.any(axis=0)].max() - x[:, self.inside.any(axis=0)].min()) + self.col_mm

    def _distance_mm(self, target: np.ndarray) -> np.ndarray:
        """True (adult mm) distance from every site to the nearest target site: an exact separable distance
        transform on the regular grid (the nearest target row in each column, then the nearest column), the very
        float32 numbers a brute-force search over every target gives (see distance_brute_force)."""
        out = np.full(self.x.shape, np.inf, np.float32)
        if not target.any():
            return out
        h, w = target.shape
        rows = np.arange(h)[:, None]
        yc = self.y[:, 0]
        above = np.maximum.accumulate(np.where(target, rows, -1), axis=0)  # the last target row at or above
        below = np.minimum.accumulate(np.where(target, rows, h)[::-1], axis=0)[::-1]  # the first at or below

        def dy2(near):
            ok = (near >= 0) & (near < h)
            dy = yc[:, None] - yc[np.clip(near, 0, h - 1)]
            return np.where(ok, dy * dy, np.float32(np.inf))

        g = np.minimum(dy2(above), dy2(below))  # (h, w): squared distance to the column's nearest target
        cols = np.flatnonzero(target.any(axis=0))
        xc = self.x[0]
        dx = xc[:, None] - xc[cols][None, :]
        dx2 = dx * dx  # (w, k)
        gk = g[:, cols]
        for r0 in range(0, h, 8):
            out[r0:r0 + 8] = np.sqrt((dx2[None, :, :] + gk[r0:r0 + 8, None, :]).min(axis=2))
        return out

    def distance_brute_force(self, target: np.ndarray) -> np.ndarray:
        """_distance_mm by comparing every site with every target site (the reference its tests use)."""
        ty, tx = np.nonzero(target)
        px, py = self.x[ty, tx], self.y[ty, tx]
        out = np.full(self.x.shape, np.inf, np.float32)
        if px.size == 0:
            return out
        flat_x, flat_y = self.x.ravel(), self.y.ravel()
        res = out.ravel()
        for i in range(0, flat_x.size, 4096):
            dx = flat_x[i:i + 4096, None] - px[None, :]
            dy = flat_y[i:i + 4096, None] - py[None, :]
            res[i:i + 4096] = np.sqrt((dx * dx + dy * dy).min(axis=1))
        return res.reshape(self.x.shape)

    def site(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """Grid position (x, y in sites) of a point in adult mm."""
        return (x_mm - SPAN_X[0]) / self.col_mm, (SPAN_Y[0] - y_mm) / self.row_mm

    def axis_row(self) -> int:
        return int(round(SPAN_Y[0] / self.row_mm - 0.5))


@functools.lru_cache(maxsize=4)
def femur_shape(w: int, h: int) -> FemurShape:
    """The femur's geometry on a (h, w) grid, built once a run and shared by every model on that grid (its arrays
    are read-only: a model that drew on them would change every other)."""
    shape = FemurShape(w, h)
    for obj in (shape, shape.spongiosa):
        for value in vars(obj).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
    return shape
