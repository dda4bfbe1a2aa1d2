"""A scale bar on an organ is long enough to read (round 6: the skull strip's panel A drew a 5-px '500 µm' bar whose
box notched the vault), in every strip panel and phase picture, in English and Dutch."""

import pytest

from osteoviz.qt.canvas import MIN_BAR_PX, SceneCanvas
from osteoviz.qt.export_picture import PictureOptions
from osteoviz.qt.strip import Strip
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


class Bars:
    """A painter stand-in that keeps the width of every plain rectangle drawn (the bar of a scale bar)."""

    def __init__(self, painter, seen):
        self._p, self.seen = painter, seen

    def drawRect(self, r):
        self.seen.append(r.width())
        self._p.drawRect(r)

    def __getattr__(self, name):
        return getattr(self._p, name)


@pytest.mark.parametrize("process", ["intramembranous", "endochondral", "fracture"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_organ_scale_bars_in_strips_are_readable(qapp, monkeypatch, process, lang):
    organ_bars = []
    real = SceneCanvas._scale_bar

    def watch(self, p, area, vb, site_um, u, layer=None, given=None, given_um=None):
        seen = []
        real(self, Bars(p, seen), area, vb, site_um, u, layer, given, given_um)
        if layer is not None:  # the organ's bar (the inset's is placed by the layout)
            organ_bars.append((seen[-1], u))

    monkeypatch.setattr(SceneCanvas, "_scale_bar", watch)
    strip = Strip(process, PictureOptions(width=1920, height=1080, lang=lang, labels=True))
    paint_watching(strip, lambda *a: None)
    assert organ_bars, "no organ scale bar drawn"
    for width, u in organ_bars:
        assert width >= MIN_BAR_PX * u - 0.5, (width, u)
