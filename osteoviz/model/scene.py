"""State at a time: what the renderer draws (tissue grids, cell positions per type, inset, true sizes)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

import numpy as np

from .kinds import Cell
from .params import PhaseSpec

_JITTER_SEED = 20240607


@dataclass(frozen=True)
class Layer:
    """One picture plane: a tissue grid, the cells on it, and its true size."""

    tissue: np.ndarray  # uint8 (rows, cols) of Tissue codes
    cells: dict[int, np.ndarray]  # Cell code -> (n, 2) float32 positions in site units (x, y)
    site_um: float  # true width of one site in micrometres
    aspect: float = 1.0  # true height / width of one site
    origin: tuple[int, int] = (0, 0)  # (x, y) of the crop's top-left site in the full grid
    cell_sizes: dict[int, float] | None = None  # glyph size per cell type, in sites (default: the shape's own)
    # per-cell stretch of the glyph (n, 2) float32 (along x, along y) for types whose cells differ in size
    # (hypertrophic chondrocytes swelling towards the front); missing types are drawn at 1.0
    cell_scale: dict[int, np.ndarray] | None = None


@dataclass(frozen=True)
class Frame:
    """Everything the renderer needs for one picture at one time."""

    process: str
    day: float
    phase: PhaseSpec
    main: Layer
    inset: Layer | None
    inset_rect: tuple[float, float, float, float] | None  # x, y, w, h on the main layer (sites)
    section_line: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1 on the main layer
    organ_mm: float = 0.0  # the organ's true length/breadth for the caption
    labels: tuple[tuple[str, float, float], ...] = ()  # (structure key, x, y) on the main layer
    # always drawn, small, without leader lines: bone names and orientation (proximal/distal,
    # anterior/posterior); (string key under "label.", x, y) on the main layer
    names: tuple[tuple[str, float, float], ...] = ()
    # labels on the inset layer (drawn with `labels` when L is on): (structure key, x, y) in inset sites
    inset_labels: tuple[tuple[str, float, float], ...] = ()
    # bracketed zone names beside the inset: (zone key, start, end, axis) in inset sites along axis "x" or "y"
    inset_zones: tuple[tuple[str, float, float, str], ...] = ()
    # signal fields for the heat-map overlay: name (e.g. "pthrp", "ihh", "vegf", "front") -> float32 array
    # of the main layer's shape, 0..1 (filled only when asked for, like labels)
    signals: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)


def phase_at(phases: tuple[PhaseSpec, ...], day: float) -> PhaseSpec:
    """The phase whose span holds `day` (the first phase before it starts)."""
    i = bisect_right([p.start_day for p in phases], day) - 1  # (no array for a dozen numbers: asked every frame)
    return phases[max(i, 0)]


class CellPlacer:
    """Turns a grid of cell codes into jittered positions per type (fixed jitter: cells don't dance)."""

    def __init__(self, shape: tuple[int, int], amount: float = 0.22):
        rng = np.random.default_rng(_JITTER_SEED)
        self.jx = ((rng.random(shape) - 0.5) * 2 * amount).astype(np.float32)
        self.jy = ((rng.random(shape) - 0.5) * 2 * amount).astype(np.float32)

    def place(self, cells: np.ndarray, x0: int = 0, y0: int = 0) -> dict[int, np.ndarray]:
        """Positions (relative to the crop) of every cell in a crop starting at (x0, y0)."""
        h, w = cells.shape
        jx = self.jx[y0:y0 + h, x0:x0 + w]
        jy = self.jy[y0:y0 + h, x0:x0 + w]
        flat = cells.ravel()
        order = np.argsort(flat, kind="stable")
        counts = np.bincount(flat, minlength=len(Cell))
        bounds = np.concatenate([[0], np.cumsum(counts)])
        ys, xs = np.divmod(order, w)
        px = xs.astype(np.float32) + 0.5 + jx.ravel()[order]
        py = ys.astype(np.float32) + 0.5 + jy.ravel()[order]
        out = {}
        for code in range(1, len(Cell)):
            lo, hi = bounds[code], bounds[code + 1]
            if hi > lo:
                out[code] = np.stack([px[lo:hi], py[lo:hi]], axis=1)
        return out


def crop_rect(shape: tuple[int, int], cx: float, cy: float, w: int, h: int) -> tuple[int, int, int, int]:
    """A w x h window centred on (cx, cy), moved inside a grid of `shape` (rows, cols)."""
    rows, cols = shape
    w, h = min(w, cols), min(h, rows)
    x0 = int(round(min(max(cx - w / 2, 0), cols - w)))
    y0 = int(round(min(max(cy - h / 2, 0), rows - h)))
    return x0, y0, w, h


def on_one_scale(frames: list[Frame]) -> list[Frame]:
    """Frames shown side by side drawn to one scale: each organ gets the share of its box that its true
    size has of the largest (extras["organ_scale"], 1 for the largest), so a shorter bone looks shorter."""
    sizes = [f.organ_mm for f in frames]
    largest = max(sizes, default=0.0)
    if largest <= 0 or any(v <= 0 for v in sizes):
        return list(frames)
    return [replace(f, extras={**f.extras, "organ_scale": v / largest}) for f, v in zip(frames, sizes)]
