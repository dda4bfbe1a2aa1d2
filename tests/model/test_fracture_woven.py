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


def periosteum_um(key: str) -> float:
    """Periosteal thickness far from the callus in the organ frame (µm), from the model's own frame."""
    model, history = load(key)
    g = model.shape
    tis = model.frame(history, 1.0).main.tissue
    x = 5  # a column at the segment's end, far from the fracture
    rows = np.flatnonzero(tis[: int(g.cy), x] == T.PERIOSTEUM)
    return len(rows) * model.p.site_um


def test_child_periosteum_is_drawn_thick_and_cambium_rich_against_the_adult():
    """Children heal fast because of a thick, osteogenic periosteum (conditions-repair-origins.md §3.5)."""
    child, adult = periosteum_um("fracture"), periosteum_um("fracture+adult")
    assert child >= 2.5 * adult, (child, adult)  # was 600 against 380 µm
    model, history = load("fracture")
    g = model.shape
    tis = model.frame(history, 1.0).main.tissue
    sites_child = int((tis[: int(g.cy), 5] == T.PERIOSTEUM).sum())
    adult_model, adult_history = load("fracture+adult")
    sites_adult = int((adult_model.frame(adult_history, 1.0).main.tissue[: int(g.cy), 5] == T.PERIOSTEUM).sum())
    assert sites_child >= 4 * sites_adult  # on screen too (both sections fill the same picture width)
    inset = model.frame(history, rep("hard_callus")).inset
    prog = inset.cells.get(int(C.OSTEOPROGENITOR), np.zeros((0, 2)))
    rows = np.clip(prog[:, 1].astype(int), 0, inset.tissue.shape[0] - 1)
    cols = np.clip(prog[:, 0].astype(int), 0, inset.tissue.shape[1] - 1)
    assert (inset.tissue[rows, cols] == T.PERIOSTEUM).sum() > 30  # the cambium's osteoprogenitors


def test_soft_and_hard_callus_insets_show_different_stages():
    """Day 13: the cartilage splint (cartilage, still dividing chondrocytes, no bone front); week 3: an ordered front
    with hypertrophic cartilage, calcified cartilage, vessels at the front and woven bone on cartilage cores."""
    model, history = load("fracture")
    soft = model.frame(history, rep("soft_callus")).inset
    hard = model.frame(history, rep("hard_callus")).inset
    cart_soft = (soft.tissue == T.CARTILAGE).mean()
    assert cart_soft > 0.3 and len(soft.cells.get(int(C.PROLIFERATIVE), ())) > 30
    assert (soft.tissue == T.BONE).mean() < 0.05  # no bone front in the splint
    assert (hard.tissue == T.BONE).mean() > 0.15 and (hard.tissue == T.HYPERTROPHIC).mean() > 0.05
    same = (soft.tissue == hard.tissue).mean()
    assert same < 0.5, same  # the two windows were 70 % the same picture
    # vessels at the front: vessel sites touching calcified or hypertrophic cartilage
    f = hard.tissue
    at_front = (f == T.VESSEL) & any_neighbour(np.isin(f, (T.CALCIFIED, T.HYPERTROPHIC)), NEIGHBOURS_4)
    assert at_front.sum() > 20
    # woven bone laid on calcified-cartilage remnants: cores of calcified cartilage wholly inside the bone
    core = (f == T.CALCIFIED) & ~any_neighbour(~np.isin(f, (T.CALCIFIED, T.BONE)))
    assert core.sum() > 50


def test_remodelling_lays_lamellar_bone_as_osteons_round_canals_across_the_callus():
    """Week 10: woven callus bone is being replaced by lamellar bone round the vessel channels (osteons), not only
    grown in from the old cortex; its osteocytes lie in rows (lamellae)."""
    model, history = load("fracture")
    g = model.shape
    t4 = history.grids(history.step_at(rep("bridging")))["section"]
    t10 = history.grids(history.step_at(rep("remodelling")))["section"]
    was_woven = g.callus & (t4 == T.BONE) & (g.r > model.p.shaft_half - model.p.cortex)
    lamellar = was_woven & (t10 == T.COMPACT)
    assert lamellar.sum() > 0.35 * was_woven.sum(), lamellar.sum() / was_woven.sum()
    far = lamellar & ~dilate(g.cortex & ~g.gap & (g.adx > model.p.gap), 3)  # away from the old cortex
    assert far.sum() > 0.3 * lamellar.sum()
    from osteoviz.model.lattice import count_neighbours

    canals = (t10 == T.VESSEL) & ~any_neighbour(t10 == T.VESSEL) & (count_neighbours(t10 == T.COMPACT, NEIGHBOURS_4) >= 3)
    assert (canals & g.callus).sum() > 10  # single-vessel Haversian canals in the new bone
    inset = model.frame(history, rep("remodelling")).inset
    oc = inset.cells.get(int(C.OSTEOCYTE), np.zeros((0, 2)))
    r = np.clip(oc[:, 1].astype(int), 0, inset.tissue.shape[0] - 1)
    c = np.clip(oc[:, 0].astype(int), 0, inset.tissue.shape[1] - 1)
    in_compact = inset.tissue[r, c] == T.COMPACT
    on_lamella = (r[in_compact] % 4 == 0).mean()
    assert in_compact.sum() > 100 and on_lamella > 0.5, on_lamella  # rows, not scattered
