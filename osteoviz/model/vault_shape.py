"""Head shape from the sutures (Virchow's law): growth across a fused suture is lost, growth along it makes up."""

from __future__ import annotations

import numpy as np

from .params import IntramembranousParams, VAULT_BREADTH

SPAN = 1.02  # the vault grid covers x, y in [-SPAN, SPAN] (as vault_top)
HALF_BREADTH, HALF_LENGTH = 0.84, 0.98  # the normal outline's half breadth and half length (vault units)
FIT = 1.0  # the warped outline is kept within this half-extent; beyond it the picture zooms out
SIDE_WIDTH = 0.22  # how sharply (vault units) a one-sided change passes the midline


def fused_fraction(window, day) -> np.ndarray:
    """Share of a suture fused at each day of `day` (0 before its window, 1 after it)."""
    a, b = window
    return np.clip((np.asarray(day, float) - a) / max(b - a, 1e-6), 0.0, 1.0)


class HeadShape:
    """Breadth and length of the vault relative to normal at any day, integrated from which sutures are fused.

    While the vault grows (until growth_end_day), each step of growth d ln(size) across a fused suture is
    reduced by `virchow_restriction`; `virchow_compensation` of that loss is added along the suture:
      ln sx      = -r * I_sag + c * r * (I_cor_left + I_cor_right) / 2
      ln sy_side = -r * I_cor_side + c * r * I_sag
    where I_s = integral of (fused share of suture s) d ln(vault breadth). A fused sagittal suture (running front
    to back) takes breadth: a long narrow head; fused coronal sutures (across) take length: a short wide one;
    one coronal suture takes the length of the forehead on its side only: an asymmetric head.
    """

    def __init__(self, p: IntramembranousParams):
        self.p = p
        days = np.linspace(p.start_day, p.end_day, 4000)
        grow = np.diff(np.log(np.interp(days, VAULT_BREADTH.days, VAULT_BREADTH.values_mm)))
        grow[days[1:] > p.growth_end_day] = 0.0  # the vault has stopped growing: fusion no longer reshapes it
        mid = 0.5 * (days[1:] + days[:-1])
        cor = p.coronal_fusion
        lam = fused_fraction(p.lambdoid_fusion, mid)
        shares = {
            "sag": fused_fraction(p.sagittal_fusion, mid),
            "left": np.maximum(fused_fraction(p.coronal_left_fusion or cor, mid), lam),
            "right": np.maximum(fused_fraction(p.coronal_right_fusion or cor, mid), lam),
        }
        self.days = days
        self.integral = {k: np.concatenate([[0.0], np.cumsum(v * grow)]) for k, v in shares.items()}
        self.normal = all(float(v[-1]) == 0.0 for v in self.integral.values())

    def scales(self, day: float) -> tuple[float, float, float]:
        """(breadth, length on the left, length on the right) relative to the normal vault at `day`."""
        if self.normal:
            return 1.0, 1.0, 1.0
        r, c = self.p.virchow_restriction, self.p.virchow_compensation
        i = {k: float(np.interp(day, self.days, v)) for k, v in self.integral.items()}
        sx = np.exp(-r * i["sag"] + c * r * (i["left"] + i["right"]) / 2)
        syl = np.exp(-r * i["left"] + c * r * i["sag"])
        syr = np.exp(-r * i["right"] + c * r * i["sag"])
        return float(sx), float(syl), float(syr)

    def zoom(self, day: float) -> float:
        """How much further each site reaches than normal, so the whole head stays in the grid (1 = normal)."""
        sx, syl, syr = self.scales(day)
        return max(1.0, HALF_BREADTH * sx / FIT, HALF_LENGTH * max(syl, syr) / FIT)

    def identity(self, day: float) -> bool:
        return self.scales(day) == (1.0, 1.0, 1.0)

    def _sy(self, x, y, day):
        """Length scale at each point: both sides' mean everywhere; a one-sided difference on the forehead only."""
        sx, syl, syr = self.scales(day)
        mid = 0.5 * (np.log(syl) + np.log(syr))
        half_diff = 0.5 * (np.log(syl) - np.log(syr))
        side = -np.tanh(np.asarray(x) / SIDE_WIDTH)  # +1 on the left, -1 on the right
        front = np.asarray(y) < 0
        return np.exp(mid + np.where(front, half_diff * side, 0.0))

    def sample_coords(self, xg: np.ndarray, yg: np.ndarray, day: float) -> tuple[np.ndarray, np.ndarray]:
        """For grid points (xg, yg), the point of the normal vault they show (x / breadth, y / length)."""
        sx, _, _ = self.scales(day)
        z = self.zoom(day)
        x = xg * z / sx
        y = yg * z / self._sy(x, yg, day)
        return x, y

    def to_grid(self, x: float, y: float, day: float) -> tuple[float, float]:
        """Where a point of the normal vault (x, y) lies on the reshaped grid (vault units)."""
        sx, _, _ = self.scales(day)
        z = self.zoom(day)
        return float(x * sx / z), float(y * self._sy(x, y, day) / z)

    def warp(self, grid: np.ndarray, xg: np.ndarray, yg: np.ndarray, day: float, outside=0) -> np.ndarray:
        """The normal-shaped grid redrawn in the reshaped outline (nearest site; `outside` beyond the grid).
        xg, yg are the grid's coordinates (x varies along rows, y down columns), so the sampling is worked out
        on one row and one column and broadcast: the same points as sample_coords, at a fraction of the cost."""
        if self.identity(day):
            return grid
        n = grid.shape[0]
        x, y = self.sample_coords(xg[:1, :], yg[:, :1], day)  # (1, n) and (n, n) by broadcasting
        ix = np.rint((x / SPAN + 1) * (n - 1) / 2).astype(np.intp)
        iy = np.rint((y / SPAN + 1) * (n - 1) / 2).astype(np.intp)
        inside = (ix >= 0) & (ix < n) & (iy >= 0) & (iy < n)
        out = grid[np.clip(iy, 0, n - 1), np.clip(ix, 0, n - 1)]
        return np.where(inside, out, np.asarray(outside, grid.dtype))
