"""Colour profiles: complete, readable (WCAG AAA text contrast), bad palettes named."""

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
    (tmp_path / "palettes" / "screen.json").write_text(src.read_text().replace('"bone": "#f0c24f"', '"bone": "gold"'))
    monkeypatch.setattr(colours, "assets_dir", lambda: tmp_path)
    colours.load_profile.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"screen.json: field 'tissue.bone'"):
            colours.load_profile("screen")
    finally:
        colours.load_profile.cache_clear()
