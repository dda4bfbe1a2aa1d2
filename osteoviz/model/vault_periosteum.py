"""The parietal section's periosteum on both faces: outer (pericranium) and endocranial (fused with the dura), thick and cellular in the child."""

from __future__ import annotations

import numpy as np

from .clock import BIRTH_DAY, DAYS_PER_YEAR
from .kinds import Cell as C, Tissue as T

ADULT = BIRTH_DAY + 20 * DAYS_PER_YEAR
CHILD = BIRTH_DAY + 6 * DAYS_PER_YEAR
# Outer periosteum thickness (µm): a thin fetal sheet, thick and cellular through childhood (a thick cambium of
# osteoprogenitors: why children's bones heal and grow fast), thin and fibrous in the adult (estimates).
OUTER_UM = ((168.0, BIRTH_DAY, CHILD, ADULT), (150.0, 400.0, 750.0, 140.0))
# The endocranial periosteum is the dura's outer (periosteal) layer, fused with it; thinner than the outer one.
INNER_SHARE = 0.7
# Share of the periosteum that is cambium (inner osteogenic layer), and how crowded its osteoprogenitors are.
CAMBIUM_SHARE = ((168.0, BIRTH_DAY, CHILD, ADULT), (0.5, 0.6, 0.6, 0.25))
CAMBIUM_DENSITY = ((168.0, BIRTH_DAY, CHILD, ADULT), (0.7, 0.85, 0.85, 0.3))


def _at(day: float, table) -> float:
    return float(np.interp(day, *table))


def outer_rows(day: float, site_um: float) -> int:
    """Rows of outer periosteum (pericranium) at `day` (at least two: fibrous over cambium)."""
    return max(2, int(round(_at(day, OUTER_UM) / site_um)))


def inner_rows(day: float, site_um: float) -> int:
    """Rows of endocranial periosteum, the dura's periosteal layer next to the bone (at least two)."""
    return max(2, int(round(INNER_SHARE * _at(day, OUTER_UM) / site_um)))


def cambium_rows(day: float, n_rows: int) -> int:
    """Of a periosteum n_rows thick, the rows next to the bone that are cambium (at least the row on the bone,
    where the osteoblasts sit); the rest is the fibrous layer."""
    return max(1, int(round(_at(day, CAMBIUM_SHARE) * n_rows)))


def periosteum_cells(day: float, tis: np.ndarray, cel: np.ndarray, hash_: np.ndarray,
                     outer: tuple[int, int], inner: tuple[int, int], below=None) -> None:
    """Fibroblasts in the fibrous layers and osteoprogenitors crowded in the cambium next to the bone, on both faces
    (outer: rows [top, bottom) above the plate; inner: rows [top, bottom) below it). Writes into `cel`. `below(v)`
    (optional) gives hash_ < v from a cache of the static hash; the cambium is worked out on its own rows only."""
    below = below or (lambda level: hash_ < level)  # noqa: E731
    perio = tis == T.PERIOSTEUM
    low = below(0.6)
    cel[perio & low] = C.FIBROBLAST
    dens = _at(day, CAMBIUM_DENSITY)
    (o0, o1), (i0, i1) = outer, inner
    n_out, n_in = cambium_rows(day, o1 - o0), cambium_rows(day, i1 - i0)
    h = tis.shape[0]
    # the row touching the bone holds the osteoblasts (set later on seams); the rest of the cambium lies beyond it
    for a, b in ((o1 - n_out, o1 - 1), (i0 + 1, i0 + n_in)):
        a, b = min(max(a, 0), h), min(max(b, 0), h)
        if b > a:
            cam_sites = perio[a:b]
            cel[a:b][cam_sites & ~low[a:b]] = C.NONE
            cel[a:b][cam_sites & (hash_[a:b] < dens)] = C.OSTEOPROGENITOR
    # the bone-side row: osteoprogenitors where no osteoblast will sit
    for r in sorted({o1 - 1, i0}):
        if 0 <= r < h:
            cel[r][perio[r] & (hash_[r] < 0.5 * dens)] = C.OSTEOPROGENITOR
