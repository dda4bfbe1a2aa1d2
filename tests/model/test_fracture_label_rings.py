"""The cell a fracture label rings is the only cell in its ring where the tissue allows it (round 7: the 'empty
lacuna' ring at day 5 held a macrophage): lacunae and bone cells named stand alone."""

import numpy as np
import pytest

from osteoviz.model import registry
from osteoviz.model.kinds import Cell
from osteoviz.simcache import load

ALONE = ("empty_lacuna", "osteoblast", "osteoclast")  # (the clot's cells lie among red cells and fibrin)
RING_SITES = 2.0  # the ring's radius in fine sites (9 px at 1080p)


@pytest.mark.parametrize("scenario", ["fracture", "fracture+adult"])
def test_named_cells_stand_alone_in_their_rings(scenario):
    model, history = load(scenario)
    checked = 0
    for phase in registry.get("fracture").phases:
        f = model.frame(history, phase.representative_day, labels=True)
        kinds = np.concatenate([np.full(len(p), k) for k, p in f.inset.cells.items()])
        pts = np.concatenate(list(f.inset.cells.values()))
        for key, x, y in f.inset_labels:
            if key not in ALONE:
                continue
            near = np.hypot(pts[:, 0] - x, pts[:, 1] - y) < RING_SITES
            others = near & (kinds != int(Cell[key.upper()]))
            assert not others.any(), (phase.id, key, sorted(Cell(int(k)).name for k in kinds[others]))
            assert (near & ~others).any(), (phase.id, key)  # and the cell named is there
            checked += 1
    assert checked >= 6
