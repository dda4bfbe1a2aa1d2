"""The week-8.6 primary-centre close-up (issue 8, round-5 review: "the centre is a barcode"): an irregular network of
mixed spicules (calcified-cartilage cores with a rim of woven bone) lined by osteoblasts, the bud entering through a gap
in the collar, swollen chondrocytes in columns beyond the front; drawn to its true size."""

import numpy as np
import pytest

from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

REP = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}["primary_centre"]
BONE_T = (T.BONE, T.COLLAR, T.COMPACT, T.TRABECULAR)


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


@pytest.fixture(scope="module")
def inset(run):
    model, h = run
    return model.frame(h, REP, labels=True)


def _centre(t):
    """The rows and columns of the centre: between the collars, where the marrow is."""
    cols = np.flatnonzero((t == T.MARROW).any(axis=0))
    rows = np.flatnonzero((t == T.MARROW).any(axis=1))
    return slice(rows.min(), rows.max() + 1), slice(cols.min(), cols.max() + 1)


def _component(mask, seed):
    """The 4-connected part of mask holding `seed` (by repeated growth)."""
    comp = np.zeros(mask.shape, bool)
    comp[seed] = True
    while True:
        grown = (comp | any_neighbour(comp, NEIGHBOURS_4)) & mask
        if (grown == comp).all():
            return comp
        comp = grown


def test_mixed_spicules_calcified_cores_coated_with_bone(inset):
    """Each spicule a calcified-cartilage core with woven bone on it: most of the centre's bone touches a core."""
    t = inset.inset.tissue
    ry, rx = _centre(t)
    c = t[ry, rx]
    bone, core = c == T.BONE, c == T.CALCIFIED
    step = max(1, int(round(10.0 / inset.inset.site_um)))  # within about 10 µm of a core
    near = core.copy()
    for _ in range(step):
        near |= any_neighbour(near, NEIGHBOURS_4)
    assert bone.sum() >= 100
    assert (bone & near).sum() >= 0.6 * bone.sum(), (bone & near).sum() / bone.sum()
    # cores inside the bone: calcified sites with bone on both faces across the spicule
    both = core & np.roll(bone, 2, axis=0) & np.roll(bone, -2, axis=0)
    assert both.sum() >= 20


def test_spicules_a_network_not_a_barcode(inset):
    """No row of the centre is one long bone band; the spicules join into one network."""
    t = inset.inset.tissue
    ry, rx = _centre(t)
    c = t[ry, rx]
    solid = np.isin(c, (T.BONE, T.CALCIFIED)) & any_neighbour(c == T.BONE)  # spicules (not the calcified zone)
    width = c.shape[1]
    longest = 0
    for row in solid:
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(int), [0]))))
        if edges.size:
            longest = max(longest, int((edges[1::2] - edges[0::2]).max()))
    assert longest <= 0.5 * width, (longest, width)  # a barcode band runs across (before: 17 of 25 sites)
    # joined: the largest connected piece holds about half or more of the spicule bone (branches and struts join the
    # spicules; a section cuts some spicules off)
    ys, xs = np.nonzero(solid)
    seeds = [(ys[i], xs[i]) for i in np.linspace(0, ys.size - 1, 12).astype(int)]
    largest = max(_component(solid, s).sum() for s in seeds)
    assert largest >= 0.45 * solid.sum(), largest / solid.sum()
    # the spicules wave: a spicule's top edge moves from row to row along the axis
    tops = [np.flatnonzero(col)[0] for col in solid.T if col.any()]
    assert len(set(np.diff(tops))) >= 4


@pytest.mark.parametrize("day", (59.0, REP, 61.5, 62.9))
def test_osteoblasts_one_layer_on_bone_surfaces(run, day):
    """>= 90 % of osteoblasts touch bone, none drawn on top of it (glyph edge on the surface, not over the bone)."""
    model, h = run
    lay = model.frame(h, day).inset
    t = lay.tissue
    pts = lay.cells[C.OSTEOBLAST]
    assert len(pts) >= 20
    size = (lay.cell_sizes or {}).get(C.OSTEOBLAST, 1.0)  # glyph size in sites
    r = 0.5 * size
    bone = np.isin(t, BONE_T)
    ang = np.linspace(0, 2 * np.pi, 16, endpoint=False)

    def hits(radius):
        x = pts[:, 0:1] + radius * np.cos(ang)[None, :]
        y = pts[:, 1:2] + radius * np.sin(ang)[None, :] / lay.aspect
        ix = np.clip(x.astype(int), 0, t.shape[1] - 1)
        iy = np.clip(y.astype(int), 0, t.shape[0] - 1)
        return bone[iy, ix]

    slack = 3.0 / lay.site_um  # 3 µm
    over = hits(max(r - slack, 0.0)).any(axis=1) | bone[pts[:, 1].astype(int).clip(0, t.shape[0] - 1),
                                                       pts[:, 0].astype(int).clip(0, t.shape[1] - 1)]
    touch = hits(r + slack).any(axis=1)
    assert over.mean() <= 0.1, over.mean()  # not drawn over the bone
    assert touch.mean() >= 0.9, touch.mean()  # ... but on its surface, not floating in the marrow


def test_bud_enters_through_a_gap_in_the_collar(inset):
    """The periosteal bud: a vessel through a gap in the collar with its loose tissue and osteoprogenitors,
    joined to the capillaries of the centre."""
    lay = inset.inset
    t = lay.tissue
    vessel = t == T.VESSEL
    top = np.flatnonzero(vessel[0])
    assert top.size  # from the periosteum's surface ...
    comp = _component(vessel, (0, int(top[0])))
    rows = np.flatnonzero(comp.any(axis=1))
    inner = np.flatnonzero(~np.isin(t[:, 0], (T.PERIOSTEUM, T.COLLAR)))[0]  # the collar's inner face
    assert rows.max() > inner + 4  # ... into the centre
    through = [r for r in range(inner) if (t[r] == T.COLLAR).any() and comp[r].any()]
    assert len(through) >= 3  # through the collar's rows, collar on both sides of the gap
    r = through[len(through) // 2]
    vx = np.flatnonzero(comp[r])
    assert (t[r, :vx.min()] == T.COLLAR).any() and (t[r, vx.max() + 1:] == T.COLLAR).any()
    assert (comp & any_neighbour(t == T.MARROW, NEIGHBOURS_4)).sum() >= 40  # joined to the capillaries
    # the gap: loose tissue (not collar) beside the vessel in the collar's rows, with osteoprogenitors
    cols = np.flatnonzero(comp[:inner].any(axis=0))
    gap = t[:inner, max(cols.min() - 3, 0):cols.max() + 4]
    assert (gap == T.MARROW).sum() >= 10
    prog = lay.cells[C.OSTEOPROGENITOR]
    in_gap = (prog[:, 1] < inner) & (prog[:, 0] > cols.min() - 6) & (prog[:, 0] < cols.max() + 6)
    assert in_gap.sum() >= 2


def test_swollen_chondrocytes_in_columns_and_chondroclasts_at_the_front(inset):
    lay = inset.inset
    t = lay.tissue
    hyp = lay.cells[C.HYPERTROPHIC]
    mid = t.shape[1] / 2
    assert (hyp[:, 0] < mid).sum() >= 8 and (hyp[:, 0] > mid).sum() >= 8  # on both sides of the centre
    # in columns along the axis: the cells share a few rows
    rows = np.round(hyp[:, 1], 1)
    assert len(set(rows)) <= 0.25 * len(hyp)
    ix, iy = hyp[:, 0].astype(int), hyp[:, 1].astype(int)
    assert (t[iy, ix] == T.HYPERTROPHIC).all()  # each in its lacuna
    # chondroclasts against the calcified front on both sides
    cl = lay.cells[C.OSTEOCLAST]
    r = 0.5 * lay.cell_sizes[C.OSTEOCLAST] + 1.0
    near = []
    for x, y in cl:
        ys = slice(max(int(y - r), 0), int(y + r) + 1)
        xs = slice(max(int(x - r), 0), int(x + r) + 1)
        near.append((t[ys, xs] == T.CALCIFIED).any() and (t[ys, xs] == T.MARROW).any())
    near = np.array(near)
    assert (near & (cl[:, 0] < mid)).sum() >= 2 and (near & (cl[:, 0] > mid)).sum() >= 2


def test_close_up_true_size_and_growing_centre(run):
    """The close-up shows the box drawn on the organ at its true size (honest scale bar), and the centre in it
    grows between invasion and the marrow-cavity phase."""
    model, h = run
    widths = []
    for day in (58.5, REP, 62.5):
        f = model.frame(h, day)
        x0, y0, w, hh = f.inset_rect
        lay = f.inset
        rows, cols = lay.tissue.shape
        assert abs(cols * lay.site_um - w * f.main.site_um) <= 0.01 * w * f.main.site_um
        assert abs(rows * lay.site_um * lay.aspect - hh * f.main.site_um * f.main.aspect) <= 0.02 * hh * f.main.site_um
        assert lay.site_um <= 6.0  # cellular scale: a cell several sites across
        ry, rx = _centre(lay.tissue)
        widths.append((rx.stop - rx.start) * lay.site_um)
    assert widths[0] < widths[1] < widths[2]


def test_labels_point_at_what_they_name(inset):
    t = inset.inset.tissue
    lab = {k: (x, y) for k, x, y in inset.inset_labels}
    at = {k: t[int(y), int(x)] for k, (x, y) in lab.items()}
    assert at["mixed_spicule"] == T.CALCIFIED
    assert at["periosteal_bud"] == T.VESSEL
    assert at["periosteal_collar"] == T.COLLAR and at["periosteum"] == T.PERIOSTEUM
    cells = inset.inset.cells
    for key, code in (("osteoclast", C.OSTEOCLAST), ("osteoblast", C.OSTEOBLAST), ("osteoprogenitor", C.OSTEOPROGENITOR)):
        assert np.isclose(cells[code], lab[key]).all(axis=1).any()


@pytest.mark.parametrize("day", (59.0, REP, 61.5, 62.5))
def test_organ_centre_without_bone_bands_across(run, day):
    """On the whole femur the young centre's spicules wave and break: no row of the centre is a bone band across it
    (before: three or four rows of >= 80 % bone, the organ's barcode)."""
    model, h = run
    t = model.frame(h, day).main.tissue
    space = np.isin(t, (T.MARROW, T.VESSEL))
    rows, cols = np.flatnonzero(space.any(axis=1)), np.flatnonzero(space.any(axis=0))
    c = t[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    assert c.shape[1] >= 12
    bone = np.isin(c, (T.BONE, T.CALCIFIED))
    assert bone.sum() >= 10  # spicules are there ...
    assert bone.mean(axis=1).max() < 0.8, bone.mean(axis=1).round(2)  # ... but no band across the centre


def test_cellular_close_up_every_day_from_invasion_to_the_plate(run):
    """No coarse organ crop between the young centre and the growth-plate close-up: every day from invasion to the
    plate close-up's start (the marrow-cavity phase's first days too) the close-up is at cellular scale, of the
    box drawn on the organ, and holds calcified cartilage, marrow and vessels (the old crop: 15-22 µm sites)."""
    from osteoviz.model.primary_window import SITE_UM
    model, h = run
    start = model.rules.t_inv + 10
    focuses = set()
    for day in np.arange(model.rules.t_inv + 1.0, start, 0.35):
        f = model.frame(h, float(day))
        lay = f.inset
        focuses.add(f.phase.focus)
        assert lay.site_um <= SITE_UM + 0.05, (day, f.phase.id, lay.site_um)
        x0, y0, w, hh = f.inset_rect
        assert abs(lay.tissue.shape[1] * lay.site_um - w * f.main.site_um) <= 0.01 * w * f.main.site_um, day
        present = set(np.unique(lay.tissue).tolist())
        assert {int(T.CALCIFIED), int(T.MARROW), int(T.VESSEL)} <= present, (day, present)
        if day >= model.rules.t_inv + 2:
            assert int(T.BONE) in present, day
    assert focuses == {"shaft", "front"}  # both phases sampled
    assert model.frame(h, start + 0.2).inset.site_um > SITE_UM  # ... then the growth-plate close-up takes over


def test_front_close_up_shows_the_front(run):
    """In the marrow-cavity phase's first days the close-up is the centre's distal front (its title says so): spicules
    and marrow on the left, the front, calcified cartilage with its lacunae on the right; no bud label without a bud."""
    model, h = run
    for day in (63.2, 64.5, 66.0):
        f = model.frame(h, day, labels=True)
        assert f.phase.focus == "front"
        t = f.inset.tissue
        nh, nw = t.shape
        inner = t[nh // 3: 2 * nh // 3]
        left, right = inner[:, : nw // 3], inner[:, -nw // 10:]
        assert (left == T.MARROW).mean() > 0.3 and (left == T.BONE).mean() > 0.05, day
        assert np.isin(right, (T.CALCIFIED, T.HYPERTROPHIC)).all(), day  # cartilage beyond the front
        assert (inner[:, 2 * nw // 3:] == T.CALCIFIED).mean() > 0.2, day  # the calcified zone at the front
        for k, x, y in f.inset_labels:
            if k == "periosteal_bud":
                assert t[int(y), int(x)] == T.VESSEL and y < nh * 0.3


@pytest.mark.parametrize("day", [56.5 + 0.6, 57.4, 58.1])
def test_few_chondroclasts_just_after_invasion(run, day):
    """Weeks 8.1-8.3, before any bone: a small cavity with a few chondroclasts at its front, not crowded (was 9)."""
    model, h = run
    f = model.frame(h, day)
    t = f.inset.tissue
    cl = f.inset.cells.get(int(C.OSTEOCLAST), np.zeros((0, 2)))
    assert not (t == T.BONE).any() or day > 58.0
    assert 1 <= len(cl) <= 4, len(cl)


def test_sp7_loss_close_up_bare_septa_no_bone():
    """SP7/Osterix loss (vessels and osteoclasts enter, nobody lays bone, no collar): the week-8.6 close-up is the same
    cellular centre drawn from the model's state: marrow, vessels, bare calcified septa, chondroclasts and
    osteoprogenitors, but no bone, no collar and no osteoblasts (was the coarse organ crop, 11.6 µm sites)."""
    from osteoviz.model.primary_window import SITE_UM
    from osteoviz.model.scenario import Scenario
    model, h = load(Scenario("endochondral", ("sp7_loss",)))
    for day in (REP, 64.0):
        f = model.frame(h, day)
        t, cells = f.inset.tissue, f.inset.cells
        assert f.inset.site_um <= SITE_UM + 0.05, (day, f.inset.site_um)
        present = set(np.unique(t).tolist())
        assert {int(T.CALCIFIED), int(T.MARROW), int(T.VESSEL)} <= present, (day, present)
        assert not np.isin(t, BONE_T).any(), day
        assert len(cells.get(int(C.OSTEOBLAST), ())) == 0 and len(cells.get(int(C.OSTEOCYTE), ())) == 0
        assert len(cells.get(int(C.OSTEOCLAST), ())) >= 2 and len(cells.get(int(C.OSTEOPROGENITOR), ())) >= 5
        ry, rx = _centre(t)
        assert (t[ry, rx] == T.CALCIFIED).mean() > 0.03  # septa left standing in the centre
        if day > REP:  # the cavity phase: the distal front (cartilage on the right), not the proximal one
            nw = t.shape[1]
            assert not (t[:, -nw // 10:] == T.MARROW).any() and (t[:, : nw // 3] == T.MARROW).mean() > 0.3
    normal, hn = load("endochondral")
    assert (normal.frame(hn, REP).inset.tissue == T.BONE).sum() > 100  # the same close-up with bone, normally
