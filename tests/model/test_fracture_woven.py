"""Callus woven bone is a meshwork: trabeculae round vascular spaces, osteoid seams with osteoblasts, few osteocytes."""

import numpy as np

from osteoviz.model.fracture_params import FRACTURE_PHASES
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour, dilate
from osteoviz.simcache import load


def components(mask: np.ndarray) -> list[int]:
    """Sizes of the 8-connected components of a mask (flood fill; small grids only)."""
    seen = np.zeros(mask.shape, bool)
    sizes = []
    for y, x in zip(*np.nonzero(mask)):
        if seen[y, x]:
            continue
        comp = np.zeros(mask.shape, bool)
        comp[y, x] = True
        while True:
            grown = (any_neighbour(comp) & mask) | comp
            if (grown == comp).all():
                break
            comp = grown
        seen |= comp
        sizes.append(int(comp.sum()))
    return sizes


def rep(pid):
    return next(p.representative_day for p in FRACTURE_PHASES if p.id == pid)


def test_callus_woven_bone_is_a_meshwork_of_trabeculae_round_vascular_spaces_not_a_slab():
    model, history = load("fracture")
    g = model.shape
    for pid in ("hard_callus", "bridging"):
        tis = history.grids(history.step_at(rep(pid)))["section"]
        woven = g.callus & np.isin(tis, (T.BONE, T.VESSEL))
        bone, space = woven & (tis == T.BONE), woven & (tis == T.VESSEL)
        share = space.sum() / woven.sum()
        assert 0.2 < share < 0.5, (pid, share)  # a slab with a few vessel patches had about 0.1
        far = bone & ~dilate(space | ~woven, 2)  # bone more than two sites (400 µm) from any space or edge
        assert far.sum() < 0.1 * bone.sum(), (pid, far.sum() / bone.sum())
        sizes = np.array(components(bone))
        assert sizes[sizes >= 30].sum() > 0.9 * bone.sum(), pid  # the trabeculae join into networks, not islands
        spaces = components(space)
        assert np.mean(spaces) >= 2.5, (pid, np.mean(spaces))  # spaces, not single-site speckle


def test_woven_bone_in_the_inset_has_osteoid_seams_lined_by_osteoblasts_and_sparse_osteocytes():
    model, history = load("fracture")
    for pid in ("hard_callus", "bridging"):
        inset = model.frame(history, rep(pid)).inset
        fine, cells = inset.tissue, inset.cells
        assert (fine == T.OSTEOID).sum() > 0.02 * fine.size, pid
        ob = cells.get(int(C.OSTEOBLAST), np.zeros((0, 2)))
        assert len(ob) > 60, pid
        rows = np.clip(ob[:, 1].astype(int), 0, fine.shape[0] - 1)
        cols = np.clip(ob[:, 0].astype(int), 0, fine.shape[1] - 1)
        on_seam = any_neighbour(fine == T.OSTEOID, NEIGHBOURS_4)[rows, cols].mean()
        assert on_seam > 0.9, (pid, on_seam)
        oc = cells.get(int(C.OSTEOCYTE), np.zeros((0, 2)))
        r = np.clip(oc[:, 1].astype(int), 0, fine.shape[0] - 1)
        c = np.clip(oc[:, 0].astype(int), 0, fine.shape[1] - 1)
        in_woven = int((fine[r, c] == T.BONE).sum())
        density = in_woven / max(int((fine == T.BONE).sum()), 1)
        assert 0.005 < density < 0.05, (pid, density)  # the slab had one in ten sites
