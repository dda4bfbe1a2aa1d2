"""Colour profiles: complete, readable (WCAG AAA text contrast), bad palettes named."""

import re

import pytest

import osteoviz.colours as colours
from osteoviz.errors import ContentError


@pytest.mark.parametrize("name", colours.PROFILES)
def test_text_contrast_is_aaa(name):
    p = colours.load_profile(name)
    for bg in (p.background, p.panel):
        assert colours.contrast_ratio(p.text, bg) >= 7.0
    assert colours.contrast_ratio(p.muted_text, p.background) >= 7.0


def test_contrast_ratio_known_values():
    assert colours.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize("name", colours.PROFILES)
def test_lut_covers_every_tissue(name):
    lut = colours.load_profile(name).tissue_lut(transparent_background=True)
    assert lut.shape == (256, 4) and lut[0, 3] == 0 and (lut[1:21, 3] == 255).all()


def test_bad_palette_names_file_and_field(tmp_path, monkeypatch):
    (tmp_path / "palettes").mkdir()
    src = colours.assets_dir() / "palettes" / "screen.json"
    bad = re.sub(r'"bone": "#[0-9a-f]{6}"', '"bone": "gold"', src.read_text())
    assert bad != src.read_text()
    (tmp_path / "palettes" / "screen.json").write_text(bad)
    monkeypatch.setattr(colours, "assets_dir", lambda: tmp_path)
    colours.load_profile.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"screen.json: field 'tissue.bone'"):
            colours.load_profile("screen")
    finally:
        colours.load_profile.cache_clear()


# -- colour differences: CIEDE2000, pairs drawn together, washed-out projector, colour-blind viewers -------

import itertools  # noqa: E402

import numpy as np  # noqa: E402

from osteoviz import colourdiff as cd  # noqa: E402
from osteoviz.model.kinds import Tissue, tissue_key  # noqa: E402

# Sharma, Wu & Dalal (2005), Table 1: the CIEDE2000 test data (Lab 1, Lab 2, ΔE00)
SHARMA = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -1.1848, -84.8006), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -0.9009, -85.5211), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, -1.0000, 2.0000), (50.0000, 0.0000, 0.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0010), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0012), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0010, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (50.0000, 0.0000, -2.5000), 4.3065),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2972, 0.0000), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 1.8634, 0.5757), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2592, 0.3350), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((61.2901, 3.7196, -5.3901), (61.4292, 2.2480, -4.9620), 1.8731),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


def test_ciede2000_matches_sharma_test_data():
    lab1 = np.array([a for a, _, _ in SHARMA])
    lab2 = np.array([b for _, b, _ in SHARMA])
    want = np.array([d for _, _, d in SHARMA])
    np.testing.assert_allclose(cd.delta_e2000(lab1, lab2), want, atol=1e-4)
    np.testing.assert_allclose(cd.delta_e2000(lab2, lab1), want, atol=1e-4)  # symmetric


def test_srgb_to_lab_known_values():
    lab = cd.srgb_to_lab(cd.hex_to_srgb(["#ffffff", "#000000", "#ff0000", "#808080"]))
    np.testing.assert_allclose(lab[0], (100, 0, 0), atol=0.05)
    np.testing.assert_allclose(lab[1], (0, 0, 0), atol=0.05)
    np.testing.assert_allclose(lab[2], (53.24, 80.09, 67.20), atol=0.05)
    np.testing.assert_allclose(lab[3], (53.59, 0, 0), atol=0.05)


def test_wash_out_lowers_contrast_and_saturation():
    rgb = cd.hex_to_srgb(["#000000", "#ffffff", "#ff0000"])
    lab, washed = cd.srgb_to_lab(rgb), cd.linear_to_lab(cd.washed_out(rgb))
    assert washed[0, 0] > 30  # black is lifted by the veil
    assert washed[1, 0] == pytest.approx(100, abs=0.01)  # white stays white
    assert np.hypot(*washed[2, 1:]) < 0.8 * np.hypot(*lab[2, 1:])  # red is paler
    assert cd.delta_e2000(washed[:1], washed[1:2])[0] < cd.delta_e2000(lab[:1], lab[1:2])[0]


def test_dichromat_simulation_merges_red_and_green():
    rgb = cd.hex_to_srgb(["#d62728", "#2ca02c", "#1f77b4"])
    for kind in ("protan", "deutan"):
        sim = cd.linear_to_lab(cd.dichromat(rgb, kind))
        normal = cd.srgb_to_lab(rgb)
        assert cd.delta_e2000(sim[:1], sim[1:2])[0] < 0.5 * cd.delta_e2000(normal[:1], normal[1:2])[0]


# Tissues each process draws, beyond those its frames show today (the models are being extended);
# pairs from these lists are checked together with every pair seen together in a frame.
PROCESS_TISSUES = {
    "endochondral": ("background mesenchyme perichondrium cartilage proliferative hypertrophic calcified bone "
                     "compact marrow periosteum vessel articular epiphyseal_line osteoid collar"),
    "intramembranous": ("background mesenchyme bone compact marrow periosteum vessel osteoid suture skin dura "
                        "fontanelle bone_spicule brain"),
    "fracture": ("mesenchyme cartilage hypertrophic calcified bone compact marrow periosteum vessel haematoma "
                 "granulation dead_bone muscle"),
}


@pytest.fixture(scope="module")
def drawn_together():
    """Pairs of Tissue codes drawn in the same picture (organ and inset) at 50 times over each clock."""
    from osteoviz.simcache import load

    pairs, seen = set(), set()
    known = {tissue_key(t): int(t) for t in Tissue}
    for process, names in PROCESS_TISSUES.items():
        codes = [known[n] for n in names.split() if n in known]
        pairs |= set(itertools.combinations(sorted(codes), 2))
        seen |= set(codes)
        model, history = load(process)
        for day in np.linspace(history.days[0], history.days[-1], 50):
            f = model.frame(history, day)
            here = set(np.unique(f.main.tissue).tolist())
            if f.inset is not None:
                here |= set(np.unique(f.inset.tissue).tolist())
            seen |= here
            pairs |= set(itertools.combinations(sorted(here), 2))
    for t in set(known.values()) - seen:  # a tissue nobody listed yet: it must differ from every other
        pairs |= {tuple(sorted((t, o))) for o in known.values() if o != t}
    return sorted(pairs)


def _views(name):
    """The profile's tissue colours as Lab, as designed, washed out, and (colour-blind profile) as dichromats see them."""
    p = colours.load_profile(name)
    return cd.views([p.tissue[tissue_key(t)] for t in sorted(Tissue)], name == "colourblind")


@pytest.mark.parametrize("name", colours.PROFILES)
def test_tissues_drawn_together_are_far_apart(name, drawn_together):
    assert len(drawn_together) > 50
    index = {int(t): i for i, t in enumerate(sorted(Tissue))}
    pairs = [(index[a], index[b]) for a, b in drawn_together]
    for view, (lab, threshold) in _views(name).items():
        d = cd.pair_distances(lab, pairs)
        close = [f"{tissue_key(drawn_together[k][0])}/{tissue_key(drawn_together[k][1])} {d[k]:.1f}"
                 for k in np.flatnonzero(d < threshold)]
        assert not close, f"{name} ({view}): ΔE2000 below {threshold}: {', '.join(close)}"
