"""Young ossification centres seen from above radiate trabeculae in all directions from a dense nidus (no half-suns)."""

import numpy as np
import pytest

from osteoviz.model.kinds import Tissue as T
from osteoviz.model.vault import BONES, FRONTAL, OCCIPITAL
from osteoviz.simcache import load

BONY = (T.BONE, T.OSTEOID, T.COMPACT)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _quadrants(model, tissue, b):
    """For bone b: per quadrant round its centre (lateral/medial, front/back as 4 angular sectors), the share of
    bone in the nidus (inner third of the bone's reach) and in the outer annulus (the rays' zone)."""
    v = model.vault
    _, cx, cy = BONES[b]
    bone = np.isin(tissue, BONY) & (v.own == b)
    d = np.hypot(v.x - cx, v.y - cy)
    reach = float(d[bone].max())
    ang = np.arctan2(v.y - cy, v.x - cx)
    out = []
    for k in range(4):  # sectors centred on right, down (back), left, up (front)
        a = np.abs(np.angle(np.exp(1j * (ang - k * np.pi / 2)))) < np.pi / 4
        core = a & (d < reach / 3)
        ring = a & (d > 0.55 * reach) & (d < 0.85 * reach) & (v.own == b)
        out.append((bone[core].mean(), bone[ring].mean(), ring.sum()))
    return reach, out


@pytest.mark.parametrize("phase_id", ["ossification_centre", "osteoid", "osteocytes"])
def test_young_centres_radiate_in_all_directions(run, phase_id):
    model, h = run
    day = next(p for p in model.phases if p.id == phase_id).representative_day
    tissue = h.grids(h.step_at(day))["vault"]
    bones = FRONTAL + (OCCIPITAL if day >= model.vault.tl.centre_day(OCCIPITAL[0]) + 2 else ())
    for b in bones:
        reach, quads = _quadrants(model, tissue, b)
        cores = [q[0] for q in quads]
        rings = [q[1] for q in quads]
        assert min(cores) > 0.9, (BONES[b][0], cores)  # a dense nidus
        # in every direction the outer zone is rays with spaces between them, not solid and not empty
        for k, (_, ring, n) in enumerate(quads):
            assert n > 10
            assert 0.3 < ring < 0.85, (BONES[b][0], phase_id, k, rings)  # old half-sun: 1.0 laterally, ~0.2 medially
        assert max(rings) - min(rings) < 0.3, (BONES[b][0], phase_id, rings)
