"""Skull strip as the fifth review asked: orientation words off the vault (B: 'anterior' sat on it between the
frontal names), each layer name on one line beside a wide panel's section (I: 'endocranial periosteum' was split)."""

import pytest

from osteoviz.model.kinds import Tissue
from osteoviz.qt.export_picture import PictureOptions
from osteoviz.qt.strip import ORIENTATION, Strip
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


def _panels(lang):
    strip = Strip("intramembranous", PictureOptions(width=1920, height=1080, labels=True, lang=lang))
    seen = []

    def spy(frame, w, h, _out):
        c = strip.canvas
        seen.append(dict(frame=c.frame, lay=c.overlay(), organ=c.organ_scene_rect(), w=w, zone_px=c._font(c.ZONE_PX * c._ui()).pixelSize()))

    paint_watching(strip, spy)
    assert len(seen) == 10
    return seen


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_orientation_words_stand_off_the_vault(qapp, lang):
    for i, s in enumerate(_panels(lang)):
        f, organ = s["frame"], s["organ"]
        rows, cols = f.main.tissue.shape
        marks = [(k, r) for k, _t, r in s["lay"].names if k in ORIENTATION]
        assert {k for k, _ in marks} >= {"anterior", "posterior"}, i
        for key, r in marks:
            c = r.center()
            x = int((c.x() - organ.left()) / organ.width() * cols)
            y = int((c.y() - organ.top()) / organ.height() * rows)
            on = 0 <= x < cols and 0 <= y < rows and f.main.tissue[y, x] != Tissue.BACKGROUND
            assert not on, (i, key, r)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_layer_names_beside_a_wide_panels_section_keep_one_line(qapp, lang):
    seen = _panels(lang)
    wide = [s for s in seen if s["w"] > 700 and s["lay"].zones]
    assert wide  # panel I (tables and diploe) at least
    for s in wide:
        for z in s["lay"].zones:
            assert "\n" not in z.text, (s["frame"].phase.id, z.text)
            assert z.box.right() <= s["w"], (s["frame"].phase.id, z.box)
    for i, s in enumerate(seen):
        assert s["zone_px"] >= 14, (i, s["zone_px"])
