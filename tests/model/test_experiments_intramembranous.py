"""Skull-vault experiments move their measures the documented way against normal, at documented ages."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_YEAR
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.measures_intramembranous import MEASURES, measure
from osteoviz.model.scenario import Scenario, experiments_for
from osteoviz.model.vault_shape import HeadShape
from osteoviz.simcache import load

THREE_YEARS = BIRTH_DAY + 3 * DAYS_PER_YEAR
BONE = (T.BONE, T.BONE_SPICULE, T.COMPACT)


def _run(*experiments):
    return load(Scenario("intramembranous", experiments))


@pytest.fixture(scope="module")
def normal():
    return _run()


@pytest.fixture(scope="module")
def ccd():
    return _run("runx2_haplo")


@pytest.fixture(scope="module")
def sagittal():
    return _run("sagittal_synostosis")


@pytest.fixture(scope="module")
def unicoronal():
    return _run("coronal_synostosis_left")


@pytest.fixture(scope="module")
def bicoronal():
    return _run("coronal_synostosis_both")


def at(run, day):
    model, history = run
    out = measure(model, history, day)
    assert set(out) == set(MEASURES)
    return out


def test_the_vault_experiments_are_defined():
    ids = {e.id for e in experiments_for("intramembranous")}
    assert {"runx2_haplo", "sagittal_synostosis", "coronal_synostosis_left", "coronal_synostosis_both"} <= ids


def test_normal_head_keeps_its_shape_and_index(normal):
    model, _ = normal
    shape = HeadShape(model.p)
    assert shape.normal and all(shape.identity(d) for d in np.linspace(model.p.start_day, model.p.end_day, 50))
    for day in (BIRTH_DAY, THREE_YEARS, BIRTH_DAY + 10 * DAYS_PER_YEAR):
        m = at(normal, day)
        assert 75.0 <= m["cephalic_index"] <= 85.0
        assert m["asymmetry_pct"] < 0.5


def test_cleidocranial_dysplasia_anterior_fontanelle_open_at_three_years(normal, ccd):
    n, c = at(normal, THREE_YEARS), at(ccd, THREE_YEARS)
    assert n["anterior_fontanelle_mm2"] == 0.0  # normal: closed (median about 14 months)
    assert c["anterior_fontanelle_mm2"] > 200.0  # CCD: wide open (more than 1.4 cm across)
    model, history = ccd
    vault = history.grids(history.step_at(THREE_YEARS))["vault"]
    assert (vault == T.FONTANELLE).sum() > 100  # seen as membrane in the picture


def test_cleidocranial_dysplasia_sutures_wider_and_fontanelles_larger_at_birth(normal, ccd):
    for day in (BIRTH_DAY, BIRTH_DAY + 12 * DAYS_PER_MONTH, THREE_YEARS):
        n, c = at(normal, day), at(ccd, day)
        assert c["suture_width_mm"] > 2.0 * n["suture_width_mm"] > 0
    n, c = at(normal, BIRTH_DAY), at(ccd, BIRTH_DAY)
    assert c["fontanelle_area_mm2"] > 1.5 * n["fontanelle_area_mm2"]
    assert c["bone_fraction"] < n["bone_fraction"] - 0.05  # slower fronts: less of the section is bone


def test_cleidocranial_dysplasia_fronts_spread_slower_before_birth(normal, ccd):
    day = 20 * 7.0  # week 20: the bones are still spreading
    counts = [np.isin(h.grids(h.step_at(day))["vault"], BONE).sum() for _, h in (normal, ccd)]
    assert counts[1] < 0.8 * counts[0]


def test_sagittal_synostosis_long_narrow_head(normal, sagittal):
    # the fusion began before birth: the head is already narrower at birth
    assert at(sagittal, BIRTH_DAY)["cephalic_index"] < at(normal, BIRTH_DAY)["cephalic_index"] - 2.0
    for day in (BIRTH_DAY + 12 * DAYS_PER_MONTH, THREE_YEARS):
        n, s = at(normal, day), at(sagittal, day)
        assert s["cephalic_index"] < 75.0 < n["cephalic_index"]
        assert s["suture_width_mm"] == 0.0 < n["suture_width_mm"]  # the section shows the suture fused
    model, history = sagittal
    vault = history.grids(history.step_at(THREE_YEARS))["vault"]
    top = model.vault
    mid = (np.abs(top.x) < 0.02) & (top.y > 0.0) & (top.y < 0.4)
    assert not (vault[mid] == T.SUTURE).any()  # seen from above: no sagittal seam left


def test_bicoronal_synostosis_short_wide_head(normal, bicoronal):
    assert at(bicoronal, BIRTH_DAY)["cephalic_index"] > at(normal, BIRTH_DAY)["cephalic_index"] + 2.0  # as in Apert
    for day in (BIRTH_DAY + 12 * DAYS_PER_MONTH, THREE_YEARS):
        n, b = at(normal, day), at(bicoronal, day)
        assert b["cephalic_index"] > 90.0 > n["cephalic_index"] + 5.0
        assert b["asymmetry_pct"] < 0.5


def test_unicoronal_synostosis_asymmetric_head(normal, unicoronal):
    n, u = at(normal, THREE_YEARS), at(unicoronal, THREE_YEARS)
    assert u["asymmetry_pct"] > 3.0 and n["asymmetry_pct"] < 0.5
    model, history = unicoronal
    vault = history.grids(history.step_at(THREE_YEARS))["vault"]
    head = vault != T.BACKGROUND
    half = head.shape[1] // 2
    front_row = [np.flatnonzero(head[:, c].any() and head[:, c])[0] for c in (half - 30, half + 29)]
    assert front_row[0] > front_row[1] + 3  # the forehead is set back on the fused (left) side


def test_front_signal_is_high_at_the_fronts_and_gone_along_a_fused_suture(normal, sagittal):
    for run in (normal, sagittal):
        model, history = run
        f = model.frame(history, 20 * 7.0, signals=True)
        sig = f.signals["front"]
        assert sig.shape == f.main.tissue.shape and sig.dtype == np.float32
        assert 0.0 <= sig.min() and sig.max() <= 1.0
        bone = np.isin(f.main.tissue, BONE)
        membrane = f.main.tissue == T.MESENCHYME
        edge = membrane & (np.roll(bone, 1, 0) | np.roll(bone, -1, 0) | np.roll(bone, 1, 1) | np.roll(bone, -1, 1))
        assert sig[edge].mean() > 0.5 > sig[f.main.tissue == T.BACKGROUND].max() + 0.4
    assert model.frame(history, 20 * 7.0).signals == {}  # only when asked for
    day = THREE_YEARS
    seam = []
    for model, history in (normal, sagittal):
        top = model.vault
        gx, gy = top.sample_coords(day)
        mid = (np.abs(gx) < 0.02) & (gy > 0.0) & (gy < 0.4)
        seam.append(model.frame(history, day, signals=True).signals["front"][mid].mean())
    assert seam[0] > 0.3 and seam[1] < 0.5 * seam[0]


def test_fast_neighbourhood_or_matches_step_by_step_dilation():
    from osteoviz.model.lattice import NEIGHBOURS_8, shifted
    from osteoviz.model.vault_top import bits_near

    def step_by_step(bits, radius):  # the rule as first written: grow by one 8-neighbourhood per step
        out = bits.copy()
        for _ in range(radius):
            grown = out.copy()
            for dy, dx in NEIGHBOURS_8:
                grown |= shifted(out, dy, dx)
            out = grown
        return out

    rng = np.random.default_rng(3)
    bits = ((rng.random((61, 47)) < 0.05) * rng.integers(1, 128, (61, 47))).astype(np.uint16)
    bits[0, 0], bits[-1, -1] = 4, 8  # corners: the window is cut off at the grid's edge
    for radius in range(0, 9):
        assert np.array_equal(bits_near(bits, radius), step_by_step(bits, radius))


def test_wide_suture_is_shown_whole_with_bone_beside_it(normal, ccd):
    widths = []
    for model, history in (normal, ccd):
        f = model.frame(history, BIRTH_DAY)
        tis = f.inset.tissue
        suture_cols = (tis == T.SUTURE).any(axis=0)
        assert suture_cols.any() and np.isin(tis, BONE + (T.OSTEOID,)).any()  # the seam and a bone edge
        widths.append(suture_cols.sum() * f.inset.site_um)
    assert widths[1] > 2.0 * widths[0]  # in true size, the CCD suture is more than twice as wide


def test_the_section_shows_the_sagittal_suture_as_the_vault_from_above_does(normal, sagittal):
    """Where the vault seen from above shows the sagittal suture fused at the section's mark, the section shows it
    bony through the plate; where it shows it open, the suture's outer part is open in the section too (fusion
    starts on the dural side). Normal: still open from above at 29 years; sagittal synostosis: closed by birth."""
    from osteoviz.model.vault_section import SECTION_Y

    seen = set()
    for run, days in ((normal, [BIRTH_DAY + y * DAYS_PER_YEAR for y in (24, 27, 29)]),
                      (sagittal, [BIRTH_DAY, BIRTH_DAY + 8, BIRTH_DAY + 14, BIRTH_DAY + 2 * DAYS_PER_MONTH])):
        model, history = run
        for day in days:
            step = history.step_at(day)
            closed = model.vault.closed_at(0.0, SECTION_Y, float(history.days[step]))
            sec = history.grids(step)["section"]  # the whole modelled section, the suture within it
            cols = np.flatnonzero((sec == T.SUTURE).any(axis=0))
            assert (len(cols) == 0) == closed, (day, closed, cols)
            if not closed:  # its outermost site in the plate: fibrous, not bone
                plate_top = min(np.flatnonzero(np.isin(sec[:, c], BONE + (T.TRABECULAR, T.SUTURE)))[0] for c in cols)
                assert (sec[plate_top, cols] == T.SUTURE).any()
            seen.add(closed)
    assert seen == {True, False}  # both cases were shown
