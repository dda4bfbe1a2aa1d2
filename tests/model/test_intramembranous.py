"""Intramembranous model: bone spreads outward from its centres; fontanelles close on time."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, parse_time
from osteoviz.model.intramembranous import SECTION_BONE, VAULT_BONES, IntramembranousModel
from osteoviz.model.kinds import Cell, Tissue as T
from osteoviz.model.params import IntramembranousParams
from osteoviz.model.vault_section import EMINENCE_COL
from osteoviz.simcache import load

BONE = (T.BONE, T.BONE_SPICULE)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def test_deterministic():
    p = IntramembranousParams(vault_n=80, section_w=80, section_h=40, steps=150)
    a, b = IntramembranousModel(p).simulate(), IntramembranousModel(p).simulate()
    for name in ("vault", "section", "section_cells"):
        assert np.array_equal(a.grids(149)[name], b.grids(149)[name])


def test_vault_bone_grows_outward_from_centres(run):
    model, h = run
    g = model.vault
    _, cx, cy = VAULT_BONES[SECTION_BONE]
    dist = np.hypot(g.x - cx, g.y - cy)
    near = (dist < 0.6) & (g.own == SECTION_BONE)  # the parietal's own sites (the temporal squama is near)
    previous = None
    radii = []
    for t in ("8.5w", "9w", "10w", "12w", "14w"):
        bone = np.isin(h.grids(h.step_at(parse_time(t)))["vault"], BONE)
        radii.append(dist[bone & near].max() if (bone & near).any() else 0.0)
        if previous is not None:
            assert (bone | ~previous).all()  # bone that formed stays bone
        previous = bone
    assert all(r2 > r1 for r1, r2 in zip(radii, radii[1:]))
    # at the start it is only the region round the centre that has ossified
    early = np.isin(h.grids(h.step_at(parse_time("9w")))["vault"], BONE)
    assert dist[early & near].max() < 0.2  # a centre about 3 mm across (review of issue 8), in a 15 mm vault


def test_fontanelles_open_at_birth_closed_at_two_years(run):
    _, h = run
    at_birth = h.grids(h.step_at(BIRTH_DAY))["vault"]
    assert (at_birth == T.FONTANELLE).sum() > 200
    later = h.grids(h.step_at(parse_time("2y")))["vault"]
    assert (later == T.FONTANELLE).sum() == 0
    assert (later == T.SUTURE).sum() > 100  # the sutures stay open through childhood


def test_section_sequence(run):
    _, h = run
    def first(pred):
        return next(h.days[s] for s in range(h.n_steps) if pred(h.grids(s)))
    osteoid = first(lambda g: (g["section"] == T.OSTEOID).any())
    mineral = first(lambda g: (g["section"] == T.BONE).any())
    osteocyte = first(lambda g: (g["section_cells"] == Cell.OSTEOCYTE).any())
    marrow = first(lambda g: (g["section"] == T.MARROW).any())
    periosteum = first(lambda g: (g["section"] == T.PERIOSTEUM).any())
    tables = first(lambda g: (g["section"] == T.COMPACT).any())
    assert 56 < osteoid < mineral < osteocyte and mineral < marrow < periosteum < tables
    assert osteoid < 60 and 160 < periosteum < 200  # the parietal centre appears just after week 8


def test_section_bone_spreads_from_the_centre(run):
    _, h = run
    widths = []
    for t in ("8.5w", "8.7w", "9w", "9.3w"):
        sec = h.grids(h.step_at(parse_time(t)))["section"]
        cols = np.flatnonzero(np.isin(sec, (T.OSTEOID, T.BONE)).any(axis=0))
        # the section runs from the parietal eminence (its centre) to the sagittal suture
        assert cols.size and cols.min() <= EMINENCE_COL <= cols.max()
        widths.append(cols.max() - cols.min())
    assert all(b > a for a, b in zip(widths, widths[1:]))


def test_inset_zooms_in_on_a_young_centre_and_out_as_it_spreads(run):
    from osteoviz.model.intramembranous import INSET_W

    model, h = run
    widths = []
    for t in ("8.5w", "8.6w", "8.8w", "12w", "20w"):
        f = model.frame(h, parse_time(t))
        widths.append(f.inset.tissue.shape[1])
        bony = np.isin(f.inset.tissue, (T.BONE, T.OSTEOID, T.COMPACT))
        assert bony.any(), t  # the centre is always in view
    assert widths == sorted(widths) and widths[0] < INSET_W / 2 and widths[-1] == INSET_W
    young = model.frame(h, parse_time("8.8w"))
    assert len(young.inset.cells.get(int(Cell.OSTEOCYTE), ())) >= 3  # osteocytes big enough to see


def test_osteoid_phase_shows_pale_osteoid_at_the_front_of_mineralised_bone(run):
    model, h = run
    spec = next(p for p in model.phases if p.id == "osteoid")
    inset = model.frame(h, spec.representative_day).inset.tissue
    osteoid, bone = inset == T.OSTEOID, inset == T.BONE
    assert osteoid.sum() > 10 and bone.sum() > 10
    ys, xs = np.nonzero(bone)
    cy, cx = ys.mean(), xs.mean()
    oy, ox = np.nonzero(osteoid)
    assert np.hypot(oy - cy, ox - cx).mean() > np.hypot(ys - cy, xs - cx).mean()  # osteoid lies outside


def test_vault_becomes_compact_bone_with_open_sutures_in_childhood(run):
    model, h = run
    birth = model.frame(h, BIRTH_DAY).main.tissue
    child = model.frame(h, parse_time("8y")).main.tissue
    rays = (birth == T.MARROW) & (model.vault.d_centre < 0.5)  # spaces between the radiating trabeculae
    assert rays.sum() > 1000 and (birth == T.COMPACT).sum() == 0
    assert (child == T.MESENCHYME).sum() == 0 and (child == T.BONE_SPICULE).sum() == 0
    assert (child == T.COMPACT).sum() > 0.9 * (child != T.BACKGROUND).sum()
    assert (child == T.SUTURE).sum() > 300  # coronal, sagittal, lambdoid still open


def test_the_section_mark_lies_where_the_inset_shows():
    """The mark on the vault spans the part of the section the inset shows: on the parietal bone (both ends and the
    middle) where the inset is a section through the parietal bone, across the sagittal suture (one end on each
    parietal) where it is a section at the suture. It spanned the whole modelled strip, which reached over the
    midline while the inset showed the parietal eminence only (tables and diploë, a histologist's review)."""
    model, history = load("intramembranous")
    own = model.vault.own
    for spec in model.phases:
        f = model.frame(history, spec.representative_day)
        x0, y0, x1, y1 = f.section_line
        ends = [own[int(round(y)), int(round(x))] for x, y in ((x0, y0), ((x0 + x1) / 2, y0), (x1, y1))]
        if spec.focus == "edge":  # a section at the suture
            assert ends[0] != ends[2] and {VAULT_BONES[ends[0]][0], VAULT_BONES[ends[2]][0]} == {"parietal_left", "parietal_right"}, spec.id
        else:
            assert all(e == SECTION_BONE for e in ends), (spec.id, [VAULT_BONES[e][0] for e in ends])
        assert x1 - x0 >= 0.06 * f.main.tissue.shape[1], spec.id  # long enough to see on the vault
