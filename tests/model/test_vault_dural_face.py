"""The young parietal plate (week 9.4, the osteocytes phase) grows on its dural face as on its outer one: an osteoid
seam or an osteoblast under most of its lower surface (round-5 review: bare from about a third of the section on)."""

import numpy as np

from osteoviz.model import registry
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.simcache import load

MATRIX = (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR)


def _lined_share(tis, cel) -> float:
    """Share of the plate's columns whose lowest bone site is osteoid or has an osteoblast just below it."""
    mat = np.isin(tis, MATRIX)
    lined = total = 0
    for col in range(tis.shape[1]):
        rows = np.flatnonzero(mat[:, col])
        if not len(rows):
            continue
        r = rows[-1]
        total += 1
        below = cel[r + 1:r + 3, col] if r + 1 < tis.shape[0] else np.array([])
        lined += bool(tis[r, col] == T.OSTEOID or (below == C.OSTEOBLAST).any())
    return lined / max(total, 1)


def test_the_young_plates_dural_face_is_lined_where_it_grows():
    model, h = load("intramembranous")
    day = next(p for p in registry.get("intramembranous").phases if p.id == "osteocytes").representative_day
    g = h.grids(h.step_at(day))
    assert _lined_share(g["section"], g["section_cells"]) >= 0.75


def test_the_later_fetal_dural_face_still_has_resorbed_and_quiet_stretches():
    model, h = load("intramembranous")
    g = h.grids(h.step_at(26 * 7))
    assert _lined_share(g["section"], g["section_cells"]) <= 0.9  # osteoclast bays and quiet stretches remain
