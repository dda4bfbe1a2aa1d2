"""Static layout of the primary spongiosa on the femur grid: wavy longitudinal trabeculae of varying thickness.

Computed once (seeded numpy, no per-site loops). Trabeculae run roughly along the long axis (the grid's
columns) but wave, vary in thickness along and between themselves, and are joined here and there by thin
oblique cross-struts; each ends (is resorbed) at its own depth towards the marrow cavity. The model reads
`margin` (how far inside a trabecula a site lies, in rows; > 0 inside) against a threshold that rises with
depth from the front, so trabeculae thin and end towards the cavity, thick near the front.
"""

from __future__ import annotations

import numpy as np

PITCH = 5.0  # rows from one trabecula to the next (about 1 mm in the adult drawing)


class Spongiosa:
    """margin, end (depth fraction where each trabecula is resorbed), core and gap-middle masks on a (h, w) grid."""

    def __init__(self, h: int, w: int, seed: int = 3):
        rng = np.random.default_rng(seed)
        rr, cc = np.mgrid[0:h, 0:w].astype(np.float32)
        # a smooth warp of the row coordinate: trabeculae wave along the axis (monotonic in the row: dv/dr > 0)
        v = rr + 0.65 * np.sin(cc / 7.5 + 0.3 * rr + 0.4) + 0.3 * np.sin(cc / 3.4 + rr / 1.9 + 2.1)
        k = np.floor(v / PITCH).astype(int)
        u = v - k * PITCH  # 0 .. PITCH across one trabecula and the marrow space after it
        idx = k - k.min()
        n = int(idx.max()) + 1
        half = rng.uniform(0.65, 1.4, n).astype(np.float32)[idx]  # each trabecula its own thickness ...
        half = half * (1.0 + 0.3 * np.sin(cc / 9.1 + 1.7 * k + 0.5))  # ... swelling and narrowing along it
        margin = half - np.abs(u - 2.5)  # the marrow space's middle falls where u wraps
        # thin oblique cross-struts between neighbours, here and there
        diag = np.abs(((cc + 2.4 * v) % 19.0) - 9.5)
        gate = np.sin(cc / 7.7 + 0.9) * np.sin(v / 6.3 + 0.2 * cc / 9.0 + 1.3) > 0.2
        bridge = np.where(gate & (np.abs(u - 2.5) > 0.8), 0.9 - 0.7 * diag, -9.0)
        self.margin = np.maximum(margin, bridge).astype(np.float32)
        # each trabecula ends at its own depth (fraction of the way from the front to the cavity)
        end = rng.uniform(0.55, 1.0, n).astype(np.float32)[idx] + 0.12 * np.sin(cc / 3.7 + k)
        self.end = np.where(margin >= bridge, end, end - 0.35).astype(np.float32)  # cross-struts go first
        self.bone = self.margin > 0.0  # every trabecula at full (front) thickness
        # calcified-cartilage core down the middle of the thicker spicules, bone on both its faces
        inner = (margin >= 0.4) & (half >= 0.85)
        self.core = inner & np.vstack([inner[:1] & False, self.bone[:-1]]) & np.vstack([self.bone[1:], inner[-1:] & False])
        # the middle row of each marrow space, one per space and column (for capillaries)
        up = np.vstack([self.margin[:1], self.margin[:-1]])
        down = np.vstack([self.margin[1:], self.margin[-1:]])
        self.gap_mid = (self.margin < -0.5) & (self.margin <= up) & (self.margin < down)

    def layers(self, depth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """trabeculae(depth) and cores(depth) at once (the depth power and the ends worked out once)."""
        thr = 1.0 * depth ** 1.3
        alive = depth < self.end
        return (self.margin > thr) & alive, self.core & (self.margin > thr + 0.3) & alive

    def trabeculae(self, depth: np.ndarray) -> np.ndarray:
        """Bone mask at a depth fraction (0 at the front, 1 at the cavity): thinning, then ending."""
        return self.layers(depth)[0]

    def cores(self, depth: np.ndarray) -> np.ndarray:
        """Calcified-cartilage cores still inside their (thinning) trabeculae at a depth fraction."""
        return self.layers(depth)[1]
