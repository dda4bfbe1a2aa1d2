"""The simulation's fast paths give exactly what the plain whole-grid versions they replaced give."""

import numpy as np

from osteoviz.model.endochondral import _no_lone_sites
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.lattice import NEIGHBOURS_4, shifted
from osteoviz.model.params import IntramembranousParams
from osteoviz.model.spongiosa import Spongiosa
from osteoviz.model.vault import ossified
from osteoviz.model.vault_top import RIM_BONE, RIM_SITES, VaultTop, _rim_over_sutures


def _rim_reference(tissue, rim):
    seam = rim & np.isin(tissue, (T.SUTURE, T.FONTANELLE, T.MARROW))
    out = tissue.copy()
    for _ in range(RIM_SITES + 1):
        for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            src = np.roll(np.roll(out, dy, axis=0), dx, axis=1)
            take = seam & np.isin(src, RIM_BONE)
            out[take] = src[take]
            seam &= ~take
    return out


def _lone_reference(tis, where):
    nbs = np.stack([shifted(tis, dy, dx) for dy, dx in NEIGHBOURS_4])
    lone = where & (nbs != tis[None]).all(axis=0)
    if lone.any():
        cand = nbs[:, lone]
        votes = (cand[:, None, :] == cand[None, :, :]).sum(axis=1)
        tis[lone] = cand[np.argmax(votes, axis=0), np.arange(cand.shape[1])]


def test_rim_fill_matches_the_whole_grid_version():
    rng = np.random.default_rng(1)
    codes = np.array([T.SUTURE, T.FONTANELLE, T.MARROW, T.BONE, T.COMPACT, T.MESENCHYME], np.uint8)
    tissue = codes[rng.integers(0, len(codes), (40, 50))]
    rim = rng.random((40, 50)) < 0.3
    fast = _rim_over_sutures(tissue, rim)
    assert not np.array_equal(fast, tissue)  # the case fills something
    assert np.array_equal(fast, _rim_reference(tissue, rim))


def test_lone_sites_match_the_stacked_version():
    rng = np.random.default_rng(2)
    tis = rng.integers(0, 4, (30, 40)).astype(np.uint8)
    where = rng.random((30, 40)) < 0.7
    fast, ref = tis.copy(), tis.copy()
    _no_lone_sites(fast, where)
    _lone_reference(ref, where)
    assert not np.array_equal(fast, tis)
    assert np.array_equal(fast, ref)


def test_spongiosa_layers_match_their_own_rules():
    sp = Spongiosa(60, 40)
    depth = np.linspace(0.0, 1.0, 60 * 40).reshape(60, 40)
    trab, cores = sp.layers(depth)
    assert trab.any() and cores.any()
    assert np.array_equal(trab, (sp.margin > depth ** 1.3) & (depth < sp.end))
    assert np.array_equal(cores, sp.core & (sp.margin > depth ** 1.3 + 0.3) & (depth < sp.end))


def test_vault_top_bone_matches_the_plain_rule_before_and_after_the_spikes_go():
    top = VaultTop(IntramembranousParams(), np.random.default_rng(0))
    for day in (160.0, 400.0):  # spiky fetal front, then none
        fid = top.tl.fontanelles(top.x, top.y, day)
        plain = ossified(top.x, top.y, top.own, top.d_border, top.d_centre, top.wave, day, top.tl, top.site_units,
                         fid, top.head, top=True)
        fast = ossified(top.x, top.y, top.own, top.d_border, top.d_centre, top.wave, day, top.tl, top.site_units,
                        fid, top.head, top=True, front_factor=top._front_factor())
        assert plain.any() and np.array_equal(fast, plain)
