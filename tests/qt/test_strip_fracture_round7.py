"""The fracture strip's small day-1 inset names the clot's cells a lecturer can see there (round 7: the red cell a
ring held at strip size was 2 px of speckle), while the full-size picture still names the red cell."""

import pytest

from osteoviz.qt.export_picture import PictureOptions
from osteoviz.qt.headless import frame_for
from osteoviz.qt.strip import Strip
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_strip_panel_a_names_no_red_cell_but_the_picture_does(qapp, lang):
    strip = Strip("fracture", PictureOptions(width=1920, height=1080, lang=lang, labels=True))
    named = []
    paint_watching(strip, lambda frame, *_: named.append({k for k, *_ in strip.canvas.overlay().inset_labels}))
    assert "erythrocyte" not in named[0] and "neutrophil" in named[0], named[0]
    full = frame_for("fracture", strip.specs[0].representative_day, True)
    assert "erythrocyte" in {k for k, *_ in full.inset_labels}
