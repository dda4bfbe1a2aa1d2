"""The fracture and skull strips as the fourth review asked: one organ scale in every fracture panel, few labels per
panel and none bare, insets large enough, zone names >= 14 px and inside their panel, inset scale bars outside."""

import pytest
from PySide6 import QtCore, QtGui

from osteoviz.qt.export_picture import PictureOptions
from osteoviz.qt.labels import text_size
from osteoviz.qt.strip import Strip
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


def panels(process, lang="en", size=(1920, 1080)):
    """What each panel of the strip laid out: overlay, inset rect, organ px per site, zone px, picture size, frame."""
    strip = Strip(process, PictureOptions(width=size[0], height=size[1], lang=lang, labels=True))
    seen = []

    def spy(frame, w, h, _out):
        c = strip.canvas
        vb = c.main_vb
        px = vb.mapViewToScene(QtCore.QPointF(1, 0)).x() - vb.mapViewToScene(QtCore.QPointF(0, 0)).x()
        zfm = QtGui.QFontMetricsF(c._font(c.ZONE_PX * c._ui()))
        zones = [(z.box, text_size(zfm, z.text)[0]) for z in c.overlay().zones]
        seen.append(dict(lay=c.overlay(), inset=QtCore.QRectF(c._inset_rect), px=px, organ=c.organ_scene_rect(),
                         zone_px=c._font(c.ZONE_PX * c._ui()).pixelSize(), w=w, h=h, frame=c.frame, zones=zones,
                         label_px=c._font(c.LABEL_PX * c._ui(), True).pixelSize()))

    paint_watching(strip, spy, size)
    assert len(seen) == len(strip.specs)
    return seen


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fracture_panels_share_one_organ_scale_and_the_organ_is_large(qapp, lang):
    seen = panels("fracture", lang)
    scales = [s["px"] for s in seen]
    assert max(scales) / min(scales) < 1.02, scales  # one scale bar length for every panel
    for i, s in enumerate(seen):
        assert s["organ"].width() >= 0.5 * s["w"], (i, s["organ"].width(), s["w"])  # not a ~110-px organ


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fracture_panels_name_few_structures_and_none_is_bare(qapp, lang):
    for i, s in enumerate(panels("fracture", lang)):
        f, lay = s["frame"], s["lay"]
        n = len(f.labels) + len(f.inset_labels)
        assert 1 <= n <= 5, (i, [k for k, *_ in f.labels + f.inset_labels])
        bounds = QtCore.QRectF(0, 0, s["w"], s["h"])
        assert all(bounds.contains(r) for _k, _p, r in lay.labels + lay.inset_labels), i


def test_fracture_bridging_and_remodelling_name_what_their_summary_names(qapp):
    seen = panels("fracture")
    bridging, remodelling = seen[4]["frame"], seen[5]["frame"]
    assert "woven_bone" in {k for k, *_ in bridging.labels + bridging.inset_labels}
    assert "osteoclast" in {k for k, *_ in remodelling.labels + remodelling.inset_labels}


def test_fracture_insets_are_large_and_their_zone_names_inside_the_panel(qapp):
    for i, s in enumerate(panels("fracture")):
        ir = s["inset"]
        assert ir.width() >= 0.45 * s["w"] and ir.height() >= 120, (i, ir, s["w"])
        for box, tw in s["zones"]:
            assert box.left() >= 0 and max(box.right(), box.left() + tw) <= s["w"] - 2, (i, box, tw, s["w"])


@pytest.mark.parametrize("process,size", [("fracture", (1920, 1080)), ("intramembranous", (1920, 1080)),
                                          ("intramembranous", (3840, 2160))])
def test_inset_scale_bars_stand_outside_every_inset(qapp, process, size):
    for i, s in enumerate(panels(process, size=size)):
        bar = s["lay"].inset_bar
        assert not bar.isNull(), i  # a null bar is drawn in the inset's corner, over the tissue
        assert not bar.intersects(s["inset"]), (i, bar, s["inset"])
        assert QtCore.QRectF(0, 0, s["w"], s["h"]).contains(bar), i


@pytest.mark.parametrize("process,lang", [("intramembranous", "en"), ("intramembranous", "nl"), ("fracture", "en")])
def test_zone_names_readable_and_inside_their_panel(qapp, process, lang):
    seen = panels(process, lang)
    zoned = [s for s in seen if s["zones"]]
    assert zoned
    for i, s in enumerate(seen):
        if not s["zones"]:
            continue
        assert s["zone_px"] >= 14, (i, s["zone_px"])
        for box, tw in s["zones"]:
            assert max(box.right(), box.left() + tw) <= s["w"] - 2, (i, box, tw, s["w"])


@pytest.mark.parametrize("process", ["fracture", "intramembranous"])
def test_4k_strip_words_as_large_on_the_slide_as_at_1080p(qapp, process):
    small, large = panels(process), panels(process, size=(3840, 2160))
    for i, (a, b) in enumerate(zip(small, large)):
        assert b["label_px"] >= 1.7 * a["label_px"], (i, a["label_px"], b["label_px"])
        if a["zones"]:
            assert b["zone_px"] >= 1.7 * a["zone_px"], (i, a["zone_px"], b["zone_px"])
