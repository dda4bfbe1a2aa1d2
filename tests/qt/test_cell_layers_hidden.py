"""A cell type absent from the inset has its layer hidden (not painted, not asked for its bounds); it shows again
as soon as a frame holds such cells, and the picture is the one a fresh canvas draws."""

import numpy as np

from osteoviz.model import registry
from osteoviz.qt.headless import offscreen_canvas
from osteoviz.simcache import load


def pixels(img):
    return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine()).copy()


def test_empty_cell_layers_are_hidden_and_come_back():
    model, history = load("endochondral")
    phases = registry.get("endochondral").phases
    early = model.frame(history, phases[1].representative_day)
    late = model.frame(history, phases[5].representative_day)
    canvas = offscreen_canvas()
    shown = {}
    for name, frame in (("early", early), ("late", late), ("early again", early)):
        canvas.frame = frame
        img = canvas.render_image(1280, 720)
        present = {c for c, pos in frame.inset.cells.items() if len(pos)}
        visible = {c for c, layer in canvas.scatters.items() if layer.isVisible()}
        assert visible == present, name
        shown[name] = pixels(img)
    kinds = lambda f: {c for c, pos in f.inset.cells.items() if len(pos)}
    assert kinds(late) - kinds(early) and kinds(early)  # some layers hide and show again between the two
    fresh = offscreen_canvas()
    fresh.frame = early
    assert np.array_equal(shown["early again"], pixels(fresh.render_image(1280, 720)))
