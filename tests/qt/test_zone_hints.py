"""While playing, zone names keep their arrangement as long as it stays clean (no search at every frame); a still
picture is laid out afresh, exactly as an export lays it out."""

import numpy as np

from osteoviz.qt import zonebrackets
from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.headless import frame_for
from osteoviz.qt.labels import _crossings_of, _tangles_of
from tests.qt.test_canvas import pixels

W, H = 1600, 900  # the window's canvas: in childhood the names under the plate have no clean arrangement there


def _ticks(day: float, n: int):
    scale = ClockState._scale_for("endochondral")
    start = scale.to_pos(day)
    return [frame_for("endochondral", float(scale.to_day(start + i / (25 * scale.seconds_at_1x)))) for i in range(n)]


def _clean(zones) -> bool:
    boxes = [(z.box.x(), z.box.y(), z.box.width(), z.box.height()) for z in zones]
    ax = [(z.bracket.x1() + z.bracket.x2()) / 2 for z in zones]
    ay = [z.bracket.y1() for z in zones]
    overlap = any(a.box.intersects(b.box) for i, a in enumerate(zones) for b in zones[i + 1:])
    return not overlap and _crossings_of(ax, ay, boxes, [], (), []) == 0 and _tangles_of(ax, ay, boxes) == 0


def test_playing_keeps_a_clean_arrangement_without_searching_at_every_frame(qapp, monkeypatch):
    searches = []
    real = zonebrackets.stack_rows
    monkeypatch.setattr(zonebrackets, "stack_rows", lambda *a, **k: searches.append(1) or real(*a, **k))
    frames = _ticks(2457.0, 8)
    still, playing = SceneCanvas(), SceneCanvas()
    playing.set_playing(True)
    counts = {}
    for name, c in (("still", still), ("playing", playing)):
        searches.clear()
        for f in frames:
            c.frame = f
            c.render_image(W, H)
            zones = c.overlay().zones
            assert len(zones) == 5 and _clean(zones), name  # every frame: names clear of each other and of leaders
            assert {z.key for z in zones} == {k for k, *_ in f.inset_zones}
        counts[name] = len(searches)
    assert counts["playing"] * 4 <= counts["still"], counts  # the search ran at the first frame, not at every one


def test_a_picture_paused_after_playing_is_the_one_an_export_draws(qapp, monkeypatch):
    from osteoviz.qt import overlay

    frames = _ticks(2457.0, 6)
    c = SceneCanvas()
    c.set_playing(True)
    for f in frames:
        c.frame = f
        c.render_image(W, H)
    laid = []
    real = overlay.layout_zones
    monkeypatch.setattr(overlay, "layout_zones", lambda *a: laid.append(a[-1]) or real(*a))
    c.set_playing(False)  # paused: laid out afresh, with no arrangement kept from playing
    still = pixels(c.render_image(W, H))
    assert laid and all(hints is None for hints in laid)
    fresh = SceneCanvas()
    fresh.frame = frames[-1]
    assert np.array_equal(still, pixels(fresh.render_image(W, H)))
