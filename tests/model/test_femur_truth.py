"""The femur pictures tell the truth (issue 8): zones at every front, Hadlock length, anatomy, closure, timing."""

import numpy as np
import pytest

from osteoviz.content import strings
from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_YEAR
from osteoviz.model.femur_shape import CENTRE_X, HEAD, NECK_BASE
from osteoviz.model.growth import organ_length_mm
from osteoviz.model.growthplate import PROLIF_PITCH_UM, HYPER_PITCH_UM
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.model.params import ENDOCHONDRAL_PHASES, FEMUR_LENGTH
from osteoviz.simcache import load

OSSIFIED = (T.BONE, T.TRABECULAR, T.COMPACT, T.COLLAR, T.MARROW, T.YELLOW_MARROW, T.VESSEL)
PLATE = (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED)
CARTILAGE_TISSUE = (T.CARTILAGE, T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED, T.ARTICULAR)
ZONE_ORDER = ["ossification", "calcified", "hypertrophic", "proliferative", "resting"]


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def path_codes(model, tissue, points):
    """Tissue codes of the sites along a polyline (adult mm), in the order of the bone's own axis
    (distance from the primary centre), run-length compressed."""
    g = model.geo
    xs, ys = [], []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = int(np.hypot(x1 - x0, y1 - y0) / (0.25 * g.col_mm)) + 2
        xs.append(np.linspace(x0, x1, n))
        ys.append(np.linspace(y0, y1, n))
    sx, sy = g.site(np.concatenate(xs), np.concatenate(ys))
    iy, ix = np.clip(sy.astype(int), 0, g.h - 1), np.clip(sx.astype(int), 0, g.w - 1)
    flat = np.unique(iy * g.w + ix)
    iy, ix = np.divmod(flat, g.w)
    order = np.argsort(g.reach[iy, ix], kind="stable")
    codes = tissue[iy[order], ix[order]]
    keep = ~np.isin(codes, (T.VESSEL, T.PERIOSTEUM, T.PERICHONDRIUM, T.BACKGROUND))
    codes = codes[keep]
    return [int(c) for i, c in enumerate(codes) if i == 0 or c != codes[i - 1]]


def front_sequence(codes):
    """The zones beyond the outermost bone, where the bone front meets the cartilage (walking outwards)."""
    ends = [i for i, c in enumerate(codes) if c in (T.PROLIFERATIVE, T.CARTILAGE)]
    if not ends:
        return None
    bone = [i for i, c in enumerate(codes[:ends[0]]) if c in OSSIFIED]
    if not bone:
        return None
    return codes[bone[-1] + 1:bone[-1] + 5]


PATHS = {
    "distal": [(CENTRE_X, 0.0), (460.0, 0.0)],
    "proximal": [(CENTRE_X, 0.0), (NECK_BASE[0], NECK_BASE[1]), (HEAD[0], HEAD[1])],
}


@pytest.mark.parametrize("side", ["distal", "proximal"])
def test_zone_order_wherever_bone_meets_cartilage(run, side):
    model, h = run
    days = list(np.geomspace(60.0, BIRTH_DAY + 14 * DAYS_PER_YEAR, 40))
    checked = 0
    for day in days:
        codes = path_codes(model, h.grids(h.step_at(day))["tissue"], PATHS[side])
        seq = front_sequence(codes)
        if seq is None:
            continue
        checked += 1
        assert seq == [T.CALCIFIED, T.HYPERTROPHIC, T.PROLIFERATIVE, T.CARTILAGE], (side, day, seq)
    assert checked >= 30  # a front exists at nearly every time from week 8.6 to 14 years


def test_inset_zones_bracketed_in_order_and_thinning(run):
    model, h = run
    widths = []
    for day in (84.0, 140.0, BIRTH_DAY + 1 * DAYS_PER_YEAR, BIRTH_DAY + 6 * DAYS_PER_YEAR, BIRTH_DAY + 12 * DAYS_PER_YEAR):
        spans = {k: (a, b) for k, a, b, axis in model.frame(h, day).inset_zones}
        if day in (84.0, 140.0) or day > BIRTH_DAY + 3 * DAYS_PER_YEAR:
            assert list(spans) == ZONE_ORDER, day  # bone on the left, the end (resting) on the right
            starts = [spans[k][0] for k in ZONE_ORDER]
            assert starts == sorted(starts)
            widths.append(spans["proliferative"][1] - spans["hypertrophic"][0])
    assert widths[-1] < widths[-2] < widths[0]  # the plate thins through childhood


def test_bone_and_vessels_only_enter_calcified_cartilage(run):
    model, h = run
    for day in np.geomspace(57.0, BIRTH_DAY + 14 * DAYS_PER_YEAR, 25):
        t = h.grids(h.step_at(day))["tissue"]
        marrow = np.isin(t, (T.MARROW, T.BONE)) & model.geo.inside  # (cartilage canals do run in cartilage)
        for dy, dx in ((0, 1), (0, -1)):
            nb = np.roll(t, (dy, dx), axis=(0, 1))
            touching = marrow & np.isin(nb, (T.HYPERTROPHIC, T.PROLIFERATIVE))
            assert touching.sum() <= 4, day  # the front always meets calcified cartilage first


def test_ossified_shaft_follows_hadlock(run):
    model, h = run
    row = model.geo.axis_row()
    for ga in range(14, 41):
        day = (ga - 2) * 7.0
        t = h.grids(h.step_at(day))["tissue"][row]
        # Hadlock's FL is the ossified diaphysis: the shaft without the (late-fetal) ossified neck
        cols = np.flatnonzero(np.isin(t, OSSIFIED) & model.geo.inside[row] & ~model.geo.neck[row] & ~model.geo.head[row])
        measured = (cols.max() - cols.min() + 1) * model.site_um(day) / 1000.0
        expected = organ_length_mm(FEMUR_LENGTH, day)
        assert abs(measured - expected) <= 0.10 * expected, (ga, measured, expected)
        assert model.frame(h, day).organ_mm > expected  # cartilage ends added on top


def test_no_growth_plate_after_closure_and_head_closes_first(run):
    model, h = run
    p, g = model.p, model.geo
    between = p.closure_head[1] + 0.3 * DAYS_PER_YEAR
    t = h.grids(h.step_at(between))["tissue"]
    assert not np.isin(t[:, : g.w // 2], PLATE).any()  # femoral head and trochanter plates gone
    assert np.isin(t[:, g.w // 2:], PLATE).any()  # the distal plate still open
    assert p.closure_head[1] < p.closure_distal[1]
    for day in (p.closure_distal[1] + 10, BIRTH_DAY + 20 * DAYS_PER_YEAR, p.end_day):
        f = model.frame(h, day)
        assert not np.isin(f.main.tissue, PLATE + (T.CARTILAGE,)).any()
        assert (f.main.tissue == T.EPIPHYSEAL_LINE).sum() > 10
        assert not np.isin(f.inset.tissue, CARTILAGE_TISSUE).any()
        assert (f.inset.tissue == T.EPIPHYSEAL_LINE).any()
        assert not any(c in f.inset.cells for c in (C.PROLIFERATIVE, C.HYPERTROPHIC, C.CHONDROCYTE))
        assert f.phase.focus == "line" and f.inset_zones == ()


def test_adult_proportions(run):
    model, h = run
    day = BIRTH_DAY + 21 * DAYS_PER_YEAR
    f = model.frame(h, day)
    t, g = f.main.tissue, model.geo
    col = int(round(g.site(CENTRE_X, 0)[0]))
    shaft_rows = np.flatnonzero(np.isin(t[:, col], OSSIFIED))
    width_mm = (shaft_rows.max() - shaft_rows.min() + 1) * f.main.site_um * f.main.aspect / 1000.0
    assert 25.0 <= width_mm <= 30.0
    assert 450 <= f.organ_mm <= 480
    hx, hy = g.site(HEAD[0], HEAD[1])
    top = np.flatnonzero(t[:, int(hx)] == T.ARTICULAR)
    top = top[top < hy]
    assert 2.0 <= top.size * f.main.site_um * f.main.aspect / 1000.0 <= 3.0  # over the femoral head
    # over the end of the medial condyle (rows around its most distal point): typical thickness
    rows = np.arange(int(g.site(0, 30.0)[1]), int(g.site(0, 10.0)[1]))
    last = np.array([np.flatnonzero(g.inside[r]).max() for r in rows])
    tip = int(rows[last == last.max()].mean())
    x0 = g.site(430.0, 0)[0]
    counts = [int((np.flatnonzero(t[r] == T.ARTICULAR) > x0).sum()) for r in range(tip - 4, tip + 5)]
    assert 2.0 <= np.median(counts) * f.main.site_um / 1000.0 <= 3.0
    # adult bone lamellar, adult shaft marrow yellow
    assert not (t == T.BONE).any()
    mid = t[shaft_rows.min():shaft_rows.max() + 1, col]
    assert (mid == T.YELLOW_MARROW).sum() > (mid == T.MARROW).sum()


def test_proportions_change_with_age(run):
    model, h = run
    ratios = []
    for day in (56.0, BIRTH_DAY, BIRTH_DAY + 20 * DAYS_PER_YEAR):
        f = model.frame(h, day)
        col = int(round(model.geo.site(CENTRE_X, 0)[0]))
        rows = np.flatnonzero(model.geo.inside[:, col])
        width = rows.size * f.main.aspect
        ratios.append(model.geo.axis_len_mm / model.geo.col_mm / width)
    assert ratios[0] < ratios[1] < ratios[2]  # slimmer with age
    assert 15 < ratios[2] < 19  # adult about 46 cm / 2.7 cm


def _first(h, model, pred):
    for s in range(h.n_steps):
        if pred(h.grids(s)):
            return h.days[s]
    return np.inf


def test_timings(run):
    model, h = run
    g = model.geo
    def ossified(region):
        return lambda gr: (np.isin(gr["tissue"], (T.BONE, T.TRABECULAR, T.MARROW)) & region).sum() > 3
    assert 7 * 30.5 <= _first(h, model, ossified(g.distal_epi)) <= 7 * 33  # distal femur weeks 31-32
    assert BIRTH_DAY + 4 * DAYS_PER_MONTH <= _first(h, model, ossified(g.head_epi)) <= BIRTH_DAY + 6 * DAYS_PER_MONTH
    assert BIRTH_DAY + 2 * DAYS_PER_YEAR <= _first(h, model, ossified(g.gt_epi)) <= BIRTH_DAY + 5 * DAYS_PER_YEAR
    blood = _first(h, model, lambda gr: (gr["cells"] == C.HAEMATOPOIETIC).any())
    assert 4 * DAYS_PER_MONTH <= blood <= 5 * DAYS_PER_MONTH + 7
    # a clear, trabecula-free central cavity from about week 12, not yet at week 9.5
    col = int(round(g.site(CENTRE_X - 20, 0)[0]))
    inner = np.flatnonzero(g.inside[:, col])[3:-3]
    def clear(day):
        return not np.isin(h.grids(h.step_at(day))["tissue"][inner, col], (T.BONE, T.CALCIFIED, T.HYPERTROPHIC)).any()
    assert not clear(66.0) and clear(84.0) and clear(140.0)
    # the clock starts with the cartilage model (weeks 6-7): no event squeezed into false decimal weeks
    first = ENDOCHONDRAL_PHASES[0]
    assert model.p.start_day <= 42.0 and 42.0 <= first.representative_day <= 49.0


REQUIRED = {
    "cartilage_model": ({"cartilage_model", "perichondrium"}, (T.CARTILAGE, T.PERICHONDRIUM), (T.HYPERTROPHIC, T.COMPACT, T.COLLAR)),
    "hypertrophy": ({"hypertrophic_zone"}, (T.HYPERTROPHIC, T.PROLIFERATIVE), (T.COMPACT, T.COLLAR, T.MARROW)),
    "bone_collar": ({"periosteal_collar", "hypertrophic_zone"}, (T.CALCIFIED, T.COLLAR, T.PERIOSTEUM), (T.MARROW, T.VESSEL, T.COMPACT)),  # woven collar, not cortical
    "primary_centre": ({"primary_centre", "periosteal_collar"}, (T.VESSEL, T.BONE, T.MARROW, T.CALCIFIED), ()),
    "marrow_cavity": ({"marrow_cavity", "periosteal_collar"}, (T.MARROW, T.BONE, T.PROLIFERATIVE), ()),
    "growth_plates": ({"marrow_cavity", "growth_plate"}, (T.PROLIFERATIVE, T.HYPERTROPHIC, T.CALCIFIED), ()),
    "secondary_centres": ({"secondary_centre", "articular", "growth_plate", "cortical_bone"}, (T.ARTICULAR,), ()),
    "childhood_growth": ({"growth_plate", "epiphysis", "cortical_bone"}, (T.TRABECULAR,), ()),
    "closure": ({"epiphyseal_line", "cortical_bone", "yellow_marrow"}, (T.EPIPHYSEAL_LINE, T.YELLOW_MARROW), ()),  # distal plate still closing
}


@pytest.mark.parametrize("spec", ENDOCHONDRAL_PHASES, ids=lambda s: s.id)
def test_phase_representative_frame_shows_its_structures(run, spec):
    model, h = run
    f = model.frame(h, spec.representative_day, labels=True)
    assert f.phase.id == spec.id and spec.start_day <= spec.representative_day
    keys, present, absent = REQUIRED[spec.id]
    labelled = {k for k, *_ in f.labels}
    assert keys <= labelled, keys - labelled
    assert all((f.main.tissue == code).any() for code in present)
    assert not any((f.main.tissue == code).any() for code in absent)
    g = model.geo
    if spec.id == "primary_centre":
        for cell in (C.ENDOTHELIAL, C.OSTEOPROGENITOR, C.OSTEOCLAST, C.OSTEOBLAST):
            assert cell in f.inset.cells  # the periosteal bud brings vessels, osteoprogenitors and osteoclasts
    if spec.id in ("marrow_cavity", "growth_plates", "childhood_growth"):
        assert [z[0] for z in f.inset_zones] == ZONE_ORDER
    if spec.id == "secondary_centres":
        for region in (g.distal_epi, g.head_epi):
            assert (np.isin(f.main.tissue, (T.BONE, T.TRABECULAR)) & region).any()
        assert f.inset_zones  # the plate between the centre and the shaft, bracketed
    if spec.id == "childhood_growth":
        assert (np.isin(f.main.tissue, (T.BONE, T.TRABECULAR)) & g.gt_epi).any()


def test_names_and_strings(run):
    model, h = run
    en, nl = strings("en"), strings("nl")
    for spec in ENDOCHONDRAL_PHASES:
        f = model.frame(h, spec.representative_day, labels=True)
        names = {k: (x, y) for k, x, y in f.names}
        assert set(names) == {"proximal", "distal", "head", "neck", "greater_trochanter", "lesser_trochanter", "condyles"}
        assert names["proximal"][0] < names["head"][0] < names["lesser_trochanter"][0] < names["condyles"][0] < names["distal"][0] + 5
        assert names["head"][1] < names["greater_trochanter"][1]  # head medial (up), trochanter lateral
        g = model.geo
        for key, part in (("head", g.head), ("neck", g.neck), ("greater_trochanter", g.gt_lobe),
                          ("lesser_trochanter", g.lt_lobe), ("condyles", g.condyles)):
            x, y = names[key]
            ys, xs = np.nonzero(part)
            near = np.hypot((xs + 0.5 - x) * g.col_mm, (ys + 0.5 - y) * g.row_mm).min()
            assert near < 10.0, key  # beside the part it names (adult mm) ...
            assert not g.inside[int(y), int(x)] or key == "neck", key  # ... without covering it
        keys = set(names) | {k for k, *_ in f.labels} | {k for k, *_ in f.inset_labels} | {k for k, *_ in f.inset_zones}
        for k in keys:
            assert en(f"label.{k}") and nl(f"label.{k}") and en(f"label.{k}") != f"label.{k}"
        assert en(f"focus.{spec.focus}") and nl(f"focus.{spec.focus}")
    assert "(" not in en("label.bone_collar") and "(" not in nl("label.bone_collar")  # never "bone collar (periosteum)"


def test_histology_no_chondrocytes_on_bone_and_swollen_columns(run):
    model, h = run
    chondro = (C.CHONDROCYTE, C.PROLIFERATIVE, C.HYPERTROPHIC)
    for day in list(np.geomspace(44.0, BIRTH_DAY + 19 * DAYS_PER_YEAR, 30)):
        f = model.frame(h, day)
        t = f.inset.tissue
        for code in chondro:
            pts = f.inset.cells.get(code)
            if pts is None or not len(pts):
                continue
            ix = np.clip(pts[:, 0].astype(int), 0, t.shape[1] - 1)
            iy = np.clip(pts[:, 1].astype(int), 0, t.shape[0] - 1)
            on = t[iy, ix]
            assert np.isin(on, CARTILAGE_TISSUE).mean() > 0.97, (day, code)
        g = h.grids(h.step_at(day))
        assert not (np.isin(g["cells"], chondro) & np.isin(g["tissue"], OSSIFIED)).any()
    sizes = model.frame(h, 140.0).inset.cell_sizes
    assert sizes[C.HYPERTROPHIC] >= 1.35 * sizes[C.PROLIFERATIVE]  # 5-10x the volume of a flat proliferating cell
    assert HYPER_PITCH_UM >= 3 * PROLIF_PITCH_UM  # flat cells stacked like coins; swollen cells long in the column


def test_mixed_spicules_and_osteoblasts_lining_them(run):
    model, h = run
    f = model.frame(h, BIRTH_DAY + 6 * DAYS_PER_YEAR, labels=True)
    t = f.inset.tissue
    ossif = dict((k, (a, b)) for k, a, b, _ in f.inset_zones)["ossification"]
    meta = t[:, int(ossif[0]) + 2:int(ossif[1]) - 2]
    # calcified-cartilage cores with bone on both faces
    core = meta == T.CALCIFIED
    above = np.roll(meta, 1, axis=0) == T.BONE
    below = np.roll(meta, -1, axis=0) == T.BONE
    assert (core & (above | below)).sum() > 20
    ob = f.inset.cells[C.OSTEOBLAST]
    ix, iy = ob[:, 0].astype(int), ob[:, 1].astype(int)
    ok = (iy > 0) & (iy < t.shape[0] - 1) & (ix < t.shape[1])
    near_bone = np.zeros(ok.sum(), bool)
    for d in (-2, -1, 0, 1, 2):
        near_bone |= np.isin(t[np.clip(iy[ok] + d, 0, t.shape[0] - 1), ix[ok]], (T.BONE, T.CALCIFIED))
    assert near_bone.mean() > 0.9
    assert "mixed_spicule" in {k for k, *_ in f.inset_labels}


def test_names_of_bone_change_at_birth(run):
    model, h = run
    fetal = {k for k, *_ in model.frame(h, 200.0, labels=True).labels}
    child = {k for k, *_ in model.frame(h, BIRTH_DAY + 2 * DAYS_PER_YEAR, labels=True).labels}
    assert "periosteal_collar" in fetal and "cortical_bone" not in fetal
    assert "cortical_bone" in child and "periosteal_collar" not in child
    assert strings("en")("label.periosteal_collar") == "periosteal bone collar"


def test_zones_bracketed_at_birth_and_one_year(run):
    model, h = run
    for day in (BIRTH_DAY, BIRTH_DAY + 1 * DAYS_PER_YEAR):
        f = model.frame(h, day)
        zones = [(k, a, b) for k, a, b, axis in f.inset_zones]
        assert [k for k, *_ in zones] == ZONE_ORDER, day
        row = f.inset.tissue[f.inset.tissue.shape[0] // 2]
        for key, code in (("calcified", T.CALCIFIED), ("hypertrophic", T.HYPERTROPHIC), ("proliferative", T.PROLIFERATIVE)):
            a, b = next((a, b) for k, a, b in zones if k == key)
            assert (row[int(a):int(b)] == code).all()


def _isolated(t):
    same = np.zeros(t.shape, int)
    for shift in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        same += np.roll(t, shift, (0, 1)) == t
    return ((same == 0) & (t != T.BACKGROUND)).mean()


def test_no_empty_bands_and_no_speckle(run):
    model, h = run
    days = [s.representative_day for s in ENDOCHONDRAL_PHASES] + list(np.geomspace(50.0, BIRTH_DAY + 20 * DAYS_PER_YEAR, 15))
    for day in days:
        f = model.frame(h, day)
        inset = f.inset.tissue
        assert (inset == T.BACKGROUND).mean() < 0.08, day  # the inset shows tissue, not empty space
        for side in (inset[:2], inset[-2:], inset[:, :2], inset[:, -2:]):
            assert (side == T.BACKGROUND).mean() < 0.6, day  # no empty band along an edge
        assert _isolated(f.main.tissue) < 0.002 and _isolated(inset) < 0.002, day  # orderly, not salt-and-pepper


def test_outline_has_head_neck_trochanters_and_condyles(run):
    model, _ = run
    g = model.geo
    inside = g.inside

    def at(x, y):
        sx, sy = g.site(x, y)
        return bool(inside[int(sy), int(sx)])

    axis_top = CENTRE_X  # mid-shaft: about 27 mm across (adult mm)
    assert at(axis_top, 12.0) and not at(axis_top, 16.0) and at(axis_top, -12.0) and not at(axis_top, -16.0)
    assert at(HEAD[0], HEAD[1]) and not at(HEAD[0], -HEAD[1])  # a head on the medial side only
    assert at(44.0, 20.0) and not at(30.0, 10.0)  # a neck, with the notch between neck and trochanter beside it
    assert at(40.0, -24.0)  # the greater trochanter, lateral
    assert at(90.0, 20.0) and not at(150.0, 20.0)  # the lesser trochanter juts out medially
    assert at(450.0, 20.0) and at(450.0, -20.0) and not at(450.0, 0.0)  # two condyles and the notch between


def test_perichondrium_over_cartilage_periosteum_over_bone(run):
    model, h = run
    g = model.geo
    from osteoviz.model.lattice import any_neighbour
    for day in (48.0, 55.5, 84.0, 140.0, BIRTH_DAY, BIRTH_DAY + 6 * DAYS_PER_YEAR):
        t = h.grids(h.step_at(day))["tissue"]
        sleeve = np.isin(t, (T.PERICHONDRIUM, T.PERIOSTEUM))
        on_bone = sleeve & any_neighbour(np.isin(t, (T.COMPACT, T.COLLAR, T.BONE, T.TRABECULAR)) & g.inside)
        near_bone = np.isin(t, (T.COMPACT, T.COLLAR, T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW)) & g.inside
        for _ in range(3):  # the sheath changes name over a few sites where bone meets cartilage
            near_bone = any_neighbour(near_bone)
        on_cartilage = sleeve & any_neighbour(np.isin(t, (T.CARTILAGE, T.PROLIFERATIVE)) & g.inside) & ~near_bone
        if on_bone.any():
            assert (t[on_bone] == T.PERIOSTEUM).mean() > 0.95, day
        else:
            assert day < 53.0  # before the collar there is no bone and no periosteum
            assert not (t == T.PERIOSTEUM).any()
        if on_cartilage.any():
            assert (t[on_cartilage] == T.PERICHONDRIUM).mean() > 0.9, day


def test_rule_knobs_change_the_picture_the_way_biology_says():
    from osteoviz.model.endochondral import EndochondralModel
    from osteoviz.model.params import EndochondralParams

    def axis_counts(**over):
        m = EndochondralModel(EndochondralParams(**over))
        t = m.tissue_at(90.0, np.zeros(m.geo.inside.shape, np.float32))[m.geo.axis_row()]
        return {c: int((t == c).sum()) for c in (T.PROLIFERATIVE, T.HYPERTROPHIC, T.MARROW, T.BONE, T.COMPACT)}

    normal = axis_counts()
    slow = axis_counts(invasion_rate=1.0)  # vessels enter slowly (less VEGF/MMP9): bone lags, hypertrophic cartilage piles up
    assert slow[T.HYPERTROPHIC] > normal[T.HYPERTROPHIC]
    assert slow[T.MARROW] + slow[T.BONE] < normal[T.MARROW] + normal[T.BONE]
    short = axis_counts(pthrp_length_um=250.0)  # less PTHrP from the ends: shorter dividing columns
    assert short[T.PROLIFERATIVE] < normal[T.PROLIFERATIVE]
