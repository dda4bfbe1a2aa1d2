"""The 6-month secondary-centre close-up as drawn: smooth tissue edges (no staircase), zones in order round the
centre, osteoblasts on bone surfaces (never inside the drawn bone), a primary spongiosa on the shaft side."""

import numpy as np
import pytest

from osteoviz.model.epiphysis_window import nearest, smooth_zoom
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

from drawn import inside_drawn, loops

BONY = (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR)
OSSIFIED = (T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW, T.VESSEL)


@pytest.fixture(scope="module")
def closeup():
    model, h = load("endochondral")
    day = [p for p in ENDOCHONDRAL_PHASES if p.id == "secondary_centres"][0].representative_day
    fr = model.frame(h, day, labels=True)
    x0, y0, w, hh = fr.inset_rect
    zoom = fr.inset.tissue.shape[1] // w  # inset sites per organ site
    epi = np.repeat(np.repeat(model.geo.epiphysis[y0:y0 + hh, x0:x0 + w], zoom, 0), zoom, 1)
    return fr, epi


def step_corners(mask):
    """(row, col) lattice points where the mask's pixel boundary turns a corner (a 2 x 2 block with 1 or 3 sites
    set, or 2 set diagonally)."""
    p = np.pad(mask, 1).astype(np.int8)
    a, b, c, d = p[:-1, :-1], p[:-1, 1:], p[1:, :-1], p[1:, 1:]
    n = a + b + c + d
    return np.nonzero((n == 1) | (n == 3) | ((n == 2) & (a == d)))


def test_inset_is_fine_and_its_edges_smooth_not_a_staircase(closeup):
    """Each tissue edge steps by at most one inset site, so the inset has at least 150 sites across (a step is
    then under 0.7 % of its width, about 5 px on a 1080p screen, where the organ crop stepped 22 px); and its
    edges are not a blown-up staircase: their corners do not sit on the organ grid's lattice."""
    fr, epi = closeup
    lay = fr.inset
    t = lay.tissue
    assert t.shape[1] >= 150, t.shape
    zoom = t.shape[1] // fr.inset_rect[2]
    for codes in (OSSIFIED, OSSIFIED + (T.CALCIFIED,), OSSIFIED + (T.CALCIFIED, T.HYPERTROPHIC)):  # centre, shells
        mask = np.isin(t, codes) & epi
        r, c = step_corners(mask)
        on_grid = ((r % zoom == 0) & (c % zoom == 0)).mean()
        assert len(r) > 50 and on_grid < 0.2, (codes, len(r), on_grid)
    r, c = step_corners((t == T.BONE) & ~epi)  # the metaphysis' bone: no square blocks either
    assert len(r) > 50 and ((r % zoom == 0) & (c % zoom == 0)).mean() < 0.2


def test_centre_zones_in_order(closeup):
    """Bone and marrow of the centre meet only calcified cartilage (never resting or hypertrophic cartilage),
    the calcified shell meets hypertrophic cartilage, and resting cartilage lies outside that."""
    fr, epi = closeup
    t = fr.inset.tissue

    def touches(a, b):
        a, b = np.isin(t, a) & epi, np.isin(t, b)
        return int((a[:, :-1] & b[:, 1:]).sum() + (a[:, 1:] & b[:, :-1]).sum()
                   + (a[:-1] & b[1:]).sum() + (a[1:] & b[:-1]).sum())

    centre = (T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW)
    lay = fr.inset
    area_mm2 = (np.isin(t, centre) & epi).sum() * (lay.site_um / 1000.0) ** 2 * lay.aspect
    assert area_mm2 > 3.0, area_mm2  # the centre (about 5 mm2 in this section at 6 months)
    assert touches(centre, (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC)) == 0
    assert touches((T.CALCIFIED,), (T.HYPERTROPHIC,)) > 0


def test_osteoblasts_on_bone_surfaces_none_inside_the_drawn_bone(closeup):
    fr, epi = closeup
    lay = fr.inset
    t = lay.tissue
    pts = lay.cells[C.OSTEOBLAST]
    assert len(pts) > 10
    bone = np.isin(t, BONY)
    inside = inside_drawn(pts[:, 0], pts[:, 1], loops(bone))  # against the smoothed outline the renderer fills
    assert inside.sum() == 0, pts[inside]
    # on a surface: bone within one osteoblast (about 20 µm drawn as its glyph) of the cell's centre
    by, bx = np.nonzero(bone)
    d_um = np.hypot((bx[None] + 0.5 - pts[:, :1]) * lay.site_um, (by[None] + 0.5 - pts[:, 1:]) * lay.site_um * lay.aspect).min(axis=1)
    glyph_um = (lay.cell_sizes or {}).get(C.OSTEOBLAST, 0.62) * lay.site_um
    assert (d_um <= glyph_um).mean() >= 0.9, np.sort(d_um / glyph_um)[-10:]


def test_centre_osteoblasts_kept(closeup):
    """The organ's osteoblasts in the centre are still drawn there, on its bone."""
    fr, epi = closeup
    pts = fr.inset.cells[C.OSTEOBLAST]
    ix, iy = pts[:, 0].astype(int), pts[:, 1].astype(int)
    assert epi[iy, ix].sum() >= 5


def test_metaphysis_is_primary_spongiosa(closeup):
    """Shaft side of the plate: several mixed spicules along the axis, each with a calcified core between bone."""
    fr, epi = closeup
    t = fr.inset.tissue
    core = (t == T.CALCIFIED) & ~epi
    sandwiched = core & np.isin(np.roll(t, 3, 0), (T.BONE, T.CALCIFIED)) & np.isin(np.roll(t, -3, 0), (T.BONE, T.CALCIFIED))
    col = int(np.flatnonzero(sandwiched.any(axis=0)).mean())  # a section across the spicules
    runs = np.diff(np.r_[0, (t[:, col] == T.BONE).astype(int), 0])
    assert (runs == 1).sum() >= 5
    assert sandwiched.sum() > 100


def test_smooth_zoom_invents_no_tissue_and_no_contact():
    rng = np.random.default_rng(0)
    lab = np.full((12, 20), 3, np.uint8)
    lab[3:9, 5:14] = 6
    lab[4:8, 6:12] = 7
    lab[:, 17:] = 12
    lab[rng.random(lab.shape) < 0.02] = 3
    fine = smooth_zoom(lab, 4)
    assert fine.shape == (48, 80) and set(np.unique(fine)) <= set(np.unique(lab))
    assert not ((fine[:, :-1] == 7) & (fine[:, 1:] == 3)).any() and not ((fine[:-1] == 7) & (fine[1:] == 3)).any()
    assert (fine != nearest(lab, 4)).any()  # not a plain blow-up


def test_scale_is_honest_after_resampling(closeup):
    """The finer close-up covers the same true width as the organ crop it shows (the scale bar reads site_um)."""
    fr, _ = closeup
    model, _h = load("endochondral")
    organ_um = fr.main.site_um * fr.inset_rect[2]
    assert abs(fr.inset.site_um * fr.inset.tissue.shape[1] - organ_um) < 1e-6 * organ_um
    assert fr.inset.aspect == fr.main.aspect


def test_no_spongiosa_drawn_where_no_bone_forms():
    """SP7 (osterix) lost: no osteoblasts lay bone, so the close-up draws no bony spicules on the shaft side, only
    what the organ has there (calcified cartilage, marrow spaces)."""
    from osteoviz.model.scenario import Scenario

    model, h = load(Scenario.parse("endochondral+sp7_loss"))
    day = [p for p in ENDOCHONDRAL_PHASES if p.id == "secondary_centres"][0].representative_day
    fr = model.frame(h, day)
    x0, y0, w, hh = fr.inset_rect
    organ = h.grids(h.step_at(day))["tissue"][y0:y0 + hh, x0:x0 + w]
    assert not np.isin(organ, BONY).any() and (organ == T.MARROW).any()
    assert not np.isin(fr.inset.tissue, BONY).any()
