"""Side by side (Compare and its export), both organs are drawn to one scale: a shorter femur looks shorter."""

import pytest

from osteoviz.model.clock import parse_time
from osteoviz.model.scenario import Scenario
from osteoviz.model.scene import on_one_scale
from osteoviz.qt.export_picture import PictureOptions, configured_canvas


def test_the_shorter_organ_is_drawn_shorter_in_proportion(qapp):
    day = parse_time("6y")
    opts = PictureOptions(960, 540)
    normal, short = Scenario("endochondral"), Scenario("endochondral", ("fgfr3_gain",))
    frames = on_one_scale([configured_canvas(sc, day, opts).frame for sc in (normal, short)])
    assert frames[0].extras["organ_scale"] == 1.0 and frames[1].extras["organ_scale"] < 0.9
    widths = []
    for frame in frames:
        canvas = configured_canvas(frame.process, day, opts)
        canvas.frame = frame
        canvas.render_image(960, 540)
        widths.append(canvas.organ_scene_rect().width())
    assert widths[1] / widths[0] == pytest.approx(frames[1].organ_mm / frames[0].organ_mm, rel=0.03)


def test_one_scale_leaves_frames_alone_without_a_size():
    from dataclasses import replace

    from osteoviz import simcache

    model, history = simcache.load("endochondral")
    f = model.frame(history, 140.0)
    assert on_one_scale([f, replace(f, organ_mm=0.0)])[0].extras.get("organ_scale") is None
