"""The femur strip as the fifth review asked: larger fetal femurs in A-D, a usable inset in E (its zone names given
to the quieter growth-plate panel F, which was bare), measured on the laid-out panels in both languages."""

import pytest
from PySide6 import QtCore

from osteoviz.qt.export_picture import PictureOptions
from osteoviz.qt.strip import Strip
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


def _panels(lang):
    strip = Strip("endochondral", PictureOptions(width=1920, height=1080, lang=lang, labels=True))
    seen = []

    def spy(frame, w, h, _out):
        c = strip.canvas
        seen.append(dict(organ=c.organ_scene_rect(), inset=QtCore.QRectF(c._inset_rect), lay=c.overlay(), frame=c.frame,
                         w=w, h=h))

    paint_watching(strip, spy)
    assert len(seen) == 9
    return seen


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fetal_femurs_are_larger_and_every_inset_stays_usable(qapp, lang):
    seen = _panels(lang)
    for i, s in enumerate(seen[:4]):  # A-D: the femur filled ~140 px of a 520-px panel
        assert s["organ"].width() >= 165, (i, s["organ"])
    assert seen[0]["organ"].width() >= 0.4 * seen[0]["w"], seen[0]["organ"]
    for i, s in enumerate(seen):
        assert s["inset"].width() >= 200 and s["inset"].height() >= 100, (i, s["inset"])  # E was ~100 x 60
        bounds = QtCore.QRectF(0, 0, s["w"], s["h"])
        assert bounds.contains(s["organ"]), i


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_zone_names_go_to_the_growth_plate_panel_and_no_panel_is_bare(qapp, lang):
    seen = _panels(lang)
    e, f = seen[4], seen[5]
    assert not e["lay"].zones, [z.text for z in e["lay"].zones]  # no five names crowding round E's small inset
    assert len(f["lay"].zones) >= 4, [z.text for z in f["lay"].zones]  # F: the plate's zones, bracketed
    for i, s in enumerate(seen):
        lay = s["lay"]
        assert len(lay.labels) + len(lay.inset_labels) + len(lay.zones) >= 1, i
        named = [k for k, *_ in lay.labels + lay.inset_labels]
        assert len(named) <= 5, (i, named)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_zone_names_on_one_row_stay_an_em_apart(qapp, lang):
    """Round 6: in Dutch panel F 'zone van verkalkt kraakbeen' and 'hypertrofiezone' ran together on one row."""
    from PySide6 import QtGui

    strip = Strip("endochondral", PictureOptions(width=1920, height=1080, lang=lang, labels=True))
    gaps = []

    def spy(frame, w, h, _out):
        c = strip.canvas
        fm = QtGui.QFontMetricsF(c._font(c.ZONE_PX * c._ui()))
        words = []
        for z in c.overlay().zones:
            lines = z.text.split("\n")
            width = max(fm.horizontalAdvance(t) for t in lines)
            mid = z.box.center().x()
            words.append((round(z.box.top()), mid - width / 2, mid + width / 2))
        for top in {t for t, *_ in words}:
            row = sorted((a, b) for t, a, b in words if t == top)
            gaps.extend((r[0] - q[1]) / fm.height() for q, r in zip(row, row[1:]))

    paint_watching(strip, spy)
    assert gaps, "no two zone names share a row anywhere"
    assert min(gaps) >= 0.7, min(gaps)
