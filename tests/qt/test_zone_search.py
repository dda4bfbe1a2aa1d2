"""Zone names under a close-up are placed without searching arrangements the layout would turn down anyway."""

from osteoviz.qt import labels, zonebrackets
from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.headless import frame_for


def test_zone_names_skip_rows_that_could_not_be_taken_and_land_where_a_full_search_puts_them(qapp, monkeypatch):
    c = SceneCanvas()
    c.frame = frame_for("endochondral", 140.0)  # week 20: under the inset alone the names need two rows
    c.render_image(1600, 900)
    rows_placed = []
    real = labels.place_in_band
    monkeypatch.setattr(labels, "place_in_band", lambda *a: rows_placed.append(a) or real(*a))
    c._overlay = None
    quick = [(z.key, z.box.getRect(), z.bracket.x1(), z.bracket.x2()) for z in c.overlay().zones]
    quick_rows = len(rows_placed)
    assert [k for k, *_ in quick] == ["ossification", "calcified", "hypertrophic", "proliferative", "resting"]
    monkeypatch.setattr(zonebrackets, "_rows_above", lambda *a: 3)  # every arrangement searched, as before
    rows_placed.clear()
    c._overlay = None
    full = [(z.key, z.box.getRect(), z.bracket.x1(), z.bracket.x2()) for z in c.overlay().zones]
    assert full == quick  # the same places
    assert quick_rows * 5 < len(rows_placed)  # the full search places every two-row arrangement
