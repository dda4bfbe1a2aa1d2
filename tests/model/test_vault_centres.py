"""The young vault from above: centres a few mm across (frontal larger), and bone names beside them, not on them."""

import numpy as np
import pytest

from osteoviz.model.clock import BIRTH_DAY
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.vault import BONES, FRONTAL, PARIETAL, TEMPORAL, head_rho
from osteoviz.model.vault_top import NAME_HALF_H, NAME_HALF_W, TEMPORAL_HALF_W
from osteoviz.simcache import load

BONE = (T.BONE, T.BONE_SPICULE, T.COMPACT)
CENTRE = BONE + (T.OSTEOID,)  # a centre's first day is unmineralised osteoid (as its section shows)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _frame(run, phase_id):
    model, h = run
    spec = next(p for p in model.phases if p.id == phase_id)
    return model, model.frame(h, spec.representative_day)


def _area_mm2(model, f, b):
    mask = np.isin(f.main.tissue, CENTRE) & (model.vault.own == b)
    return np.count_nonzero(mask) * model.vault_site_mm(f.day) ** 2


def test_centres_at_8_5_weeks_are_a_few_mm_and_frontal_larger(run):
    model, f = _frame(run, "ossification_centre")
    front = [_area_mm2(model, f, b) for b in FRONTAL]
    pari = [_area_mm2(model, f, b) for b in PARIETAL]
    assert min(pari) >= 1.0, pari  # a parietal centre about 1-2 mm across
    assert min(front) >= 2.0 * max(pari), (front, pari)  # frontal first, so clearly larger


@pytest.mark.parametrize("phase_id", ["ossification_centre", "osteoid", "osteocytes"])
def test_no_name_box_covers_its_own_young_centre(run, phase_id):
    model, f = _frame(run, phase_id)
    top = model.vault
    unit_sites = 1.0 / top.site_units
    bone = np.isin(f.main.tissue, BONE)
    named = {n[0] for n in f.names}
    assert {"frontal", "parietal"} <= named
    for key, sx, sy in f.names:
        if key in ("anterior", "posterior"):
            continue
        hw = (TEMPORAL_HALF_W if key == "temporal" else NAME_HALF_W) * unit_sites
        hh = NAME_HALF_H * unit_sites
        box = (np.abs(np.arange(top.n)[None, :] + 0.5 - sx) < hw) & (np.abs(np.arange(top.n)[:, None] + 0.5 - sy) < hh)
        bones = [b for b, (name, _, _) in enumerate(BONES) if name.split("_")[0] == key]
        own_bone = bone & np.isin(top.own, bones)
        assert not (box & own_bone).any(), (phase_id, key)


def test_temporal_named_only_once_drawn_and_beside_its_strip(run):
    model, h = run
    for day in (61.2, 66.0, 120.0):
        f = model.frame(h, day)
        top = model.vault
        drawn = np.count_nonzero(np.isin(f.main.tissue, CENTRE) & np.isin(top.own, TEMPORAL))
        names = [n for n in f.names if n[0] in ("temporal", "temporal_squama")]
        assert bool(names) == (drawn > 0), day  # the squama centre is named as soon as it shows (no unnamed dots)
        for _, sx, sy in names:
            i, j = int(sy), int(np.clip(sx, 0, top.n - 1))
            assert head_rho(top.x[i, j], top.y[i, j]) > 1.0, day  # outside the rim, not over the parietal
            assert abs(top.y[i, j]) < 0.5


def test_radiating_pattern_is_one_tissue_with_spaces_and_fades_gradually(run):
    """The legend lists the codes in the frame: no separate 'radiating trabeculae' tissue beside woven bone."""
    model, h = run
    inside = model.vault.d_centre < 0.5
    rays = {}
    for day in (70.0, 150.0, BIRTH_DAY, BIRTH_DAY + 365, BIRTH_DAY + 4 * 365):
        t = model.frame(h, day).main.tissue
        assert not (t == T.BONE_SPICULE).any(), day
        rays[day] = np.count_nonzero((t == T.MARROW) & inside & (model.vault.own < 4))
    # 12 months: the spaces are filling (fewer than at birth, still there), no compact patches yet
    year = model.frame(h, BIRTH_DAY + 365).main.tissue
    assert 0.2 * rays[BIRTH_DAY] < rays[BIRTH_DAY + 365] < 0.9 * rays[BIRTH_DAY]
    assert not (year == T.COMPACT).any()
    assert rays[BIRTH_DAY + 4 * 365] == 0


def test_no_continuous_midline_ray_over_the_fused_metopic_suture(run):
    model, h = run
    top = model.vault
    t = model.frame(h, BIRTH_DAY + 365).main.tissue
    c = int(np.argmin(np.abs(top.x[0])))
    rows = np.flatnonzero((top.y[:, c] > -0.85) & (top.y[:, c] < -0.35))
    for col in (c - 1, c, c + 1):
        run_ = longest = 1
        line = t[rows, col]
        for a, b in zip(line, line[1:]):
            run_ = run_ + 1 if a == b else 1
            longest = max(longest, run_)
        assert longest < 0.5 * len(rows), col  # the radiating pattern runs across the old suture
