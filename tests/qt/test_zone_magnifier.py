"""Zone names under a thin plate (6 months on): written right under an enlarged scale joined to the zones' true
extents, at least 20 px at 1080p, not fanned far away on hair-thin leaders."""

import pytest

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.qt.headless import offscreen_canvas
from osteoviz.simcache import load


@pytest.mark.parametrize("lang,labels", [("en", False), ("en", True), ("nl", True)])
def test_thin_plate_zone_names_sit_under_their_enlarged_segments(qapp, lang, labels):
    day = BIRTH_DAY + 0.5 * DAYS_PER_YEAR
    model, history = load("endochondral")
    canvas = offscreen_canvas("screen", lang)
    canvas.show_labels = labels
    canvas.frame = model.frame(history, day, labels)
    canvas._key = None
    canvas.render_image(1920, 1080)
    zones = canvas.overlay().zones
    assert len(zones) == 5
    assert canvas.ZONE_PX * canvas._ui() >= 20  # projector-sized names
    ir = canvas._inset_rect
    true_span = max(z.ticks[1].x1() for z in zones) - min(z.ticks[0].x1() for z in zones)
    assert true_span < 0.45 * ir.width()  # a thin plate (the inset shows the 6-month epiphysis closer): the case this guards
    for z in zones:
        assert z.leader is None  # no leader fanned out to a far name
        seg = z.bracket
        assert seg.x1() - 2 <= z.box.center().x() <= seg.x2() + 2  # the name right under its segment
        assert 0 < z.box.top() - seg.y1() < 12  # ... directly below it
        assert z.ticks[0].y1() <= ir.bottom() + 10  # the converging lines start at the zone's true extent
    lefts = [z.bracket.x1() for z in zones]
    assert lefts == sorted(lefts)
    assert all(abs(a.bracket.x2() - b.bracket.x1()) < 4 for a, b in zip(zones, zones[1:]))  # one continuous scale
