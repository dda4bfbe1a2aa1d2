"""The fast growth-plate window draws exactly what the straightforward one drew (kept as growthplate_reference):
the same tissue map, the same cells in the same order, the same glyph stretches, zones and labels, bit for bit,
for the femur and every experiment over the whole clock, with and without the secondary centre, as the plate
closes, and for every look an experiment's rules can give the window."""

import itertools

import numpy as np
import pytest

import growthplate_reference as ref
from osteoviz.model import growthplate as gp
from osteoviz.model.clock import BIRTH_DAY
from osteoviz.model.endochondral import DISTAL_SHARE
from osteoviz.model.scenario import Scenario, experiments_for


def window_args(model, day):
    """What EndochondralModel._plate_histology passes to plate_window at `day`."""
    p = model.p
    start = model.rules.t_inv + 10
    grown = DISTAL_SHARE * 1000.0 * (model.rules.femur_mm(day) - model.rules.femur_mm(start))
    closing = model.closing(day)[1]
    return day, grown, day >= p.secondary_distal_day + 30, closing, BIRTH_DAY, p.seed, model.plate_look(day, closing)


def same(day, grown, secondary, closing, birth, seed, look):
    want_s, got_s = {}, {}
    want_t, want_c = ref.plate_window(day, grown, secondary, closing, birth, seed, ref.PlateLook(*look), want_s)
    got_t, got_c = gp.plate_window(day, grown, secondary, closing, birth, seed, look, got_s)
    assert got_t.dtype == want_t.dtype and np.array_equal(got_t, want_t), (day, secondary, closing, look)
    assert list(got_c) == list(want_c)  # the same kinds in the same order (drawing order)
    for code in want_c:
        assert got_c[code].dtype == want_c[code].dtype and got_c[code].tobytes() == want_c[code].tobytes(), code
    assert list(got_s) == list(want_s)
    for code in want_s:
        assert got_s[code].dtype == want_s[code].dtype and got_s[code].tobytes() == want_s[code].tobytes(), code
    zones = gp.plate_zones(day, birth, closing, secondary, look)
    assert zones == ref.plate_zones(day, birth, closing, secondary, ref.PlateLook(*look))
    assert gp.plate_labels(got_t, got_c, zones, closing) == ref.plate_labels(want_t, want_c, zones, closing)


def clock_days(model, n):
    """n days spread over the plate window's whole life on the timeline, plus a few 1x ticks after each."""
    first = model.rules.t_inv + 10
    pos = np.linspace(model.scale.to_pos(first), 1.0, n)
    days = [float(model.scale.to_day(p)) for p in pos]
    return [d for d0 in days for d in (d0, d0 + 0.013, d0 + 0.027) if d >= first]


def test_femur_over_its_whole_clock():
    model = Scenario("endochondral").model()
    for day in clock_days(model, 70):
        same(*window_args(model, day))


@pytest.mark.parametrize("experiment", [e.id for e in experiments_for("endochondral")])
def test_every_experiment(experiment):
    model = Scenario("endochondral", (experiment,)).model()
    for day in clock_days(model, 14):
        same(*window_args(model, day))


@pytest.mark.parametrize("closing", [0.0, 0.2, 0.55, 0.9, 0.999, 1.0])
def test_secondary_and_closing_and_looks(closing):
    """Every look the rules can give (bone, osteoclasts, cavity; widths from the rules or not), the secondary centre
    on and off, early and late (blood, canals, fatty marrow, lamellar bone) and as the plate closes."""
    looks = [gp.PlateLook(w, b, r, c) for w, b, r, c in itertools.product(
        (None, (120.0, 90.0, 40.0), (0.0, 0.0, 0.0)), (True, False), (True, False), (True, False))]
    for day, grown in ((64.0, 30.0), (75.0, 400.0), (150.0, 3000.0), (BIRTH_DAY + 400, 20_000.0),
                       (BIRTH_DAY + 900, 41_234.5), (BIRTH_DAY + 4000, 160_000.0)):
        for secondary in (False, True):
            for look in looks:
                same(day, grown, secondary, closing, BIRTH_DAY, 3, look)
    same(BIRTH_DAY + 2000, 50_000.0, True, closing, BIRTH_DAY, 5, gp.NORMAL)  # another seed


def test_quartile_is_numpys_25th_percentile():
    rng = np.random.default_rng(0)
    for n in range(1, 60):
        xs = rng.integers(0, 128, n)
        assert gp._quartile(xs) == np.percentile(xs, 25)
