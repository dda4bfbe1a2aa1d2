"""Femur organ anatomy the round-3 histologist review asked for: an adult-sized femoral head, a thin front round
the childhood epiphyses (no heavy calcified shell), a closing distal plate that reads as a forming bony line,
one ovoid distal nucleus at 6 months with resting cartilage between it and the plate, labels on their parts."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.model.femur_shape import DISTAL_PLATE, LT
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.lattice import dilate
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load

YEAR = DAYS_PER_YEAR
OSSIFIED = (T.BONE, T.TRABECULAR, T.MARROW, T.YELLOW_MARROW)
DAY = {p.id: p.representative_day for p in ENDOCHONDRAL_PHASES}


@pytest.fixture(scope="module")
def run():
    return load("endochondral")


def tissue(run, day):
    _, h = run
    return h.grids(h.step_at(day))["tissue"]


def test_adult_femoral_head_about_45_to_50_mm(run):
    model, _ = run
    g = model.geo
    day = BIRTH_DAY + 20 * YEAR
    tis = tissue(run, day)
    head = g.head & (tis != T.BACKGROUND)
    rows = np.flatnonzero(head.any(axis=1))
    across = rows.size * g.row_mm * model.k(day)  # true mm, across the head (perpendicular to the shaft)
    assert 46.0 <= across <= 52.0, across
    shaft = np.count_nonzero(g.inside[:, int(g.site(250.0, 0.0)[0])]) * g.row_mm * model.k(day)
    assert across >= 1.6 * shaft  # clearly wider than the shaft, as in life (about 45-50 vs 25-30 mm)


def test_childhood_epiphyses_have_a_thin_calcified_front_not_a_shell(run):
    model, _ = run
    g = model.geo
    tis = tissue(run, DAY["childhood_growth"])
    epi = g.head_epi | g.distal_epi
    physis = dilate(tis == T.PROLIFERATIVE, 4)  # the growth plate's own calcified zone is not the centre's front
    calc = (tis == T.CALCIFIED) & epi & ~physis
    ossified = np.isin(tis, OSSIFIED) & epi
    near = np.zeros_like(ossified)
    for ax, sh in ((0, 1), (0, -1), (1, 1), (1, -1)):
        near |= np.roll(ossified, sh, axis=ax)
    assert calc.sum() > 10  # the front is there ...
    assert (calc & near).sum() >= 0.8 * calc.sum()  # ... about one row thick, against the centre (was about half)


def test_closing_distal_plate_reads_as_a_forming_bony_line(run):
    model, _ = run
    g = model.geo
    tis = tissue(run, DAY["closure"])
    zone = g.inside & g.distal & (g.s_d >= DISTAL_PLATE) & (g.s_d < DISTAL_PLATE + 4.0)  # the plate itself
    assert not (tis[zone] == T.BONE).any()  # no bright woven band across the plate
    assert (tis[zone] == T.EPIPHYSEAL_LINE).sum() > 10
    assert np.isin(tis[zone], (T.PROLIFERATIVE, T.HYPERTROPHIC)).any()  # still closing: cartilage islands left


def test_6_month_distal_nucleus_one_ovoid_with_resting_cartilage_before_the_plate(run):
    model, _ = run
    g = model.geo
    tis = tissue(run, DAY["secondary_centres"])
    nuc = np.isin(tis, OSSIFIED) & g.distal_epi
    rows = np.flatnonzero(nuc.any(axis=1))
    assert rows.size >= 10
    widths = nuc[rows].sum(axis=1)
    mid = widths[rows.size // 3: 2 * rows.size // 3]
    assert mid.min() >= 0.6 * widths.max(), widths  # one ovoid, no waist (not a dumbbell round the notch)
    assert np.all(np.diff(rows) == 1)  # one piece
    # along the axis: proliferative zone, then at least 3 sites of resting cartilage, then the centre's own front
    row = tis[g.axis_row()]
    cols = np.flatnonzero(g.distal_epi[g.axis_row()] | (row == T.PROLIFERATIVE))
    seq = row[cols.min():cols.max() + 1]
    last_p = int(np.flatnonzero(seq == T.PROLIFERATIVE).max())
    first_c = int(np.flatnonzero(np.isin(seq, OSSIFIED + (T.CALCIFIED,)) & (np.arange(seq.size) > last_p)).min())
    between = seq[last_p + 1:first_c]
    assert (between == T.CARTILAGE).sum() >= 3 and not (between == T.HYPERTROPHIC).all()


@pytest.mark.parametrize("phase", ["cartilage_model", "hypertrophy", "bone_collar", "primary_centre", "marrow_cavity", "growth_plates"])
def test_perichondrium_label_on_the_shaft_not_the_lesser_trochanter(run, phase):
    model, h = run
    fr = model.frame(h, DAY[phase], labels=True)
    g = model.geo
    hits = [(x, y) for k, x, y in fr.labels if k == "perichondrium"]
    for x, y in hits:
        xm, ym = g.x[int(y), int(x)], g.y[int(y), int(x)]
        assert np.hypot((xm - LT[0]) / (LT[2] + 10.0), (ym - LT[1]) / (LT[3] + 8.0)) > 1.0, (phase, xm, ym)
        assert xm > 105.0  # on the shaft (or its cartilaginous continuation), medial of the neck
