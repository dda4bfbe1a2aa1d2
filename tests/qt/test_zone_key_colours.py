"""The enlarged zone scale under the thin 6-month plate is a colour key: each segment is a bar in its zone's own
tissue colour (review round 3: names could not be matched to 10-20 px bands by lines alone)."""

from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR
from osteoviz.qt.headless import offscreen_canvas
from osteoviz.qt.zonebrackets import ZONE_TISSUE
from osteoviz.simcache import load


def test_enlarged_zone_segments_are_filled_with_their_zone_colour(qapp):
    model, history = load("endochondral")
    canvas = offscreen_canvas("screen", "en")
    canvas.frame = model.frame(history, BIRTH_DAY + 0.5 * DAYS_PER_YEAR)
    canvas._key = None
    img = canvas.render_image(1920, 1080)
    zones = canvas.overlay().zones
    assert len(zones) == 5 and all(z.magnified for z in zones)
    u = canvas._ui()
    for z in zones:
        want = canvas._lut[int(ZONE_TISSUE[z.key])]
        x = int(z.bracket.x1() + z.bracket.dx() / 2)
        y = int(z.bracket.y1() - 1 * u)  # inside the bar
        c = img.pixelColor(x, y)
        assert max(abs(c.red() - int(want[0])), abs(c.green() - int(want[1])), abs(c.blue() - int(want[2]))) < 12, z.key
