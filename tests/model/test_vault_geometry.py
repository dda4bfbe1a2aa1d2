"""Skull vault from above: centres in order, narrow sutures and a diamond fontanelle at birth, closure on time."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_MONTH, parse_time
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.vault import head_rho, BREGMA, FRONTAL, LAMBDA, PARIETAL
from osteoviz.simcache import load

BONE = (T.BONE, T.BONE_SPICULE, T.COMPACT)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _vault(run, day):
    model, h = run
    return model.frame(h, day).main


def _anterior(run, day):
    model, _ = run
    top = model.vault
    main = _vault(run, day)
    near_bregma = np.hypot(top.x - BREGMA[0], top.y - BREGMA[1]) < 0.4
    return (main.tissue == T.FONTANELLE) & near_bregma, main.site_um / 1000.0


def test_frontal_centres_appear_before_the_parietal(run):
    model, h = run
    own = model.vault.own

    def first(bones):
        for s in range(h.n_steps):
            if np.isin(h.grids(s)["vault"], BONE + (T.OSTEOID,))[np.isin(own, bones)].any():  # osteoid first
                return h.days[s]
        return None

    frontal, parietal = first(FRONTAL), first(PARIETAL)
    assert frontal is not None and parietal is not None
    assert 54 <= frontal <= 57.5 < parietal <= 61  # stage 23, end of week 8; parietal just after


def test_anterior_fontanelle_is_a_two_centimetre_diamond_where_four_bones_meet(run):
    model, _ = run
    fon, site_mm = _anterior(run, BIRTH_DAY)
    ys, xs = np.nonzero(fon)
    across = (xs.max() - xs.min() + 1) * site_mm
    assert 16 <= across <= 25  # about 2 cm
    # a diamond: its width shrinks linearly away from its widest row (a rectangle or disc would not)
    widths = np.array([np.count_nonzero(fon[r]) for r in range(ys.min(), ys.max() + 1)])
    widest = int(np.argmax(widths))
    assert widths[0] < 0.35 * widths[widest] and widths[-1] < 0.35 * widths[widest]
    # all four bones (two frontals, two parietals) border it
    own = model.vault.own
    ring = np.zeros_like(fon)
    for dy in range(-3, 4):
        for dx in range(-3, 4):
            ring |= np.roll(np.roll(fon, dy, 0), dx, 1)
    bone = np.isin(_vault(run, BIRTH_DAY).tissue, BONE)
    assert set(np.unique(own[ring & bone])) >= {FRONTAL[0], FRONTAL[1], PARIETAL[0], PARIETAL[1]}


def test_posterior_sphenoid_and_mastoid_fontanelles_at_birth(run):
    model, _ = run
    top = model.vault
    fon = _vault(run, BIRTH_DAY).tissue == T.FONTANELLE
    anterior, _ = _anterior(run, BIRTH_DAY)
    posterior = fon & (np.hypot(top.x - LAMBDA[0], top.y - LAMBDA[1]) < 0.2)
    assert 5 < posterior.sum() < 0.25 * anterior.sum()  # a small triangle at lambda
    for side in (-1, 1):
        lateral = fon & (top.x * side > 0.5)
        front, back = lateral & (top.y < 0.1), lateral & (top.y > 0.3)
        assert front.sum() > 3 and back.sum() > 3  # sphenoid (anterolateral) and mastoid (posterolateral)


def test_sutures_at_birth_are_narrow_seams_not_membrane(run):
    model, _ = run
    top = model.vault
    main = _vault(run, BIRTH_DAY)
    tis, site_mm = main.tissue, main.site_um / 1000.0
    assert not ((tis == T.MESENCHYME) & top.head).any()  # no open membrane left between bones
    rows = [r for r in range(tis.shape[0]) if -0.0 < top.y[r, 0] - BREGMA[1] - 0.2 and top.y[r, 0] < LAMBDA[1] - 0.15]
    for r in rows:  # the sagittal suture: a seam of 5 mm or less
        mid = np.abs(top.x[r]) < 0.15
        width = np.count_nonzero((tis[r] == T.SUTURE) & mid) * site_mm
        assert 0 < width <= 5.0
    assert (tis == T.SUTURE).sum() > 300


def test_metopic_suture_fused_by_nine_months_others_stay_open(run):
    model, _ = run
    top = model.vault
    metopic_line = (np.abs(top.x) < 0.05) & (top.y < BREGMA[1] - 0.3) & top.head
    at_birth = _vault(run, BIRTH_DAY).tissue
    assert (at_birth[metopic_line] == T.SUTURE).sum() > 20
    nine_months = _vault(run, BIRTH_DAY + 9 * DAYS_PER_MONTH).tissue
    assert not np.isin(nine_months[metopic_line], (T.SUTURE, T.MESENCHYME, T.FONTANELLE)).any()
    sagittal_line = (np.abs(top.x) < 0.05) & (top.y > BREGMA[1] + 0.2) & (top.y < LAMBDA[1] - 0.1)
    for t in ("9m", "2y", "8y", "18y"):
        later = _vault(run, parse_time(t)).tissue
        assert (later[sagittal_line] == T.SUTURE).sum() > 20, t


def test_anterior_fontanelle_quarter_area_at_one_year_closed_by_two(run):
    at_birth, site0 = _anterior(run, BIRTH_DAY)
    year, site1 = _anterior(run, parse_time("12m"))
    area0, area1 = at_birth.sum() * site0 ** 2, year.sum() * site1 ** 2
    assert 0.12 <= area1 / area0 <= 0.35  # about a quarter
    ys, xs = np.nonzero(year)
    assert 5.0 <= (xs.max() - xs.min() + 1) * site1 <= 12.0  # about 1 cm across
    assert _anterior(run, parse_time("18m"))[0].sum() == 0  # closed at a median of about 14 months
    assert _anterior(run, parse_time("24m"))[0].sum() == 0
    assert _anterior(run, parse_time("10m"))[0].sum() > 0


def test_adult_sutures_fuse_sagittal_first(run):
    model, _ = run
    fam = model.vault.family

    def open_sites(t, f):
        return np.count_nonzero((_vault(run, parse_time(t)).tissue == T.SUTURE) & (fam == f))

    for f in (1, 2, 3):  # sagittal, coronal, lambdoid
        assert open_sites("28y", f) < open_sites("18y", f)
    frac = [open_sites("28y", f) / open_sites("18y", f) for f in (1, 2, 3)]
    assert frac[0] < frac[1] < frac[2]


def test_radiating_pattern_fades_after_infancy(run):
    model, _ = run
    inside = model.vault.d_centre < 0.5  # vascular spaces between the radiating trabeculae, round each centre
    assert ((_vault(run, BIRTH_DAY).tissue == T.MARROW) & inside).sum() > 2000
    assert (_vault(run, parse_time("4y")).tissue == T.MARROW).sum() == 0


def test_bones_and_orientation_are_named_where_they_are(run):
    model, h = run
    top = model.vault
    for t, frontals in ((BIRTH_DAY, 2), (parse_time("2y"), 1)):
        f = model.frame(h, t)
        keys = [k for k, _, _ in f.names]
        assert keys.count("frontal") == frontals and keys.count("parietal") == 2
        assert {"occipital", "temporal", "anterior", "posterior"} <= set(keys)
        bone_of_name = {"frontal": FRONTAL, "parietal": PARIETAL, "occipital": (4,)}
        for key, x, y in f.names:
            r, c = int(y), int(np.clip(x, 0, top.n - 1))
            if key == "temporal":  # outside the rim (the strip is narrower than the word), level with the squama
                assert head_rho(top.x[r, c], top.y[r, c]) > 1.0 and -0.1 < top.y[r, c] < 0.47
            elif key in bone_of_name:
                assert top.own[r, c] in bone_of_name[key], key
            elif key == "anterior":
                assert top.y[r, c] < -0.9
            else:
                assert top.y[r, c] > 0.9
    early = model.frame(h, 56.2)
    assert [k for k, _, _ in early.names] == ["anterior", "posterior"]  # no bone named before it exists
