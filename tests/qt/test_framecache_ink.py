"""A frame drawn into the reused buffer clears only where the frame before drew (its ink): after any sequence of
pictures, settings and sizes, every picture equals the one a fresh canvas draws from scratch."""

import random

import numpy as np

from osteoviz.colours import PROFILES
from osteoviz.qt.canvas import SceneCanvas
from osteoviz.qt.headless import frame_for
from osteoviz.simcache import load
from tests.qt.test_canvas import pixels

SETTINGS = ("show_labels", "show_legend", "show_caption", "show_scale", "compact", "presentation")


def drawn_fresh(frame, size, state, profile, lang, transparent):
    c = SceneCanvas(profile, lang)  # (own canvases: the shared offscreen one keeps its settings for other tests)
    for name in SETTINGS:
        setattr(c, name, state[name])
    c.progress = state["progress"]
    c.text_scale = state["text_scale"]
    if transparent:
        c.set_transparent(True)
    c.frame = frame
    return pixels(c.render_image(*size))


def test_any_sequence_of_pictures_in_the_reused_buffer_equals_fresh_pictures(qapp):
    rng = random.Random(7)
    canvas = SceneCanvas()
    state = {name: getattr(canvas, name) for name in SETTINGS} | {"progress": None, "text_scale": 1.0}
    profile, lang, transparent = "screen", "en", False
    histories = {p: load(p)[1] for p in ("endochondral", "intramembranous", "fracture")}
    kept = 0
    for step in range(28):
        process = rng.choice(sorted(histories))
        days = histories[process].days
        frame = frame_for(process, float(rng.uniform(days[0], days[-1])), labels=state["show_labels"])
        size = (960, 540) if step % 9 else (800, 600)
        change = rng.random()
        if change < 0.35:  # a setting toggled between two pictures
            name = rng.choice(SETTINGS)
            state[name] = not state[name]
            setattr(canvas, name, state[name])
            state["progress"] = canvas.progress = rng.random() if state["presentation"] else None
        elif change < 0.45:
            profile = rng.choice(PROFILES)
            canvas.set_profile(profile)
        elif change < 0.5:
            transparent = not transparent
            canvas.set_transparent(transparent)
        elif change < 0.55:
            lang = "nl" if lang == "en" else "en"
            canvas.lang = lang
        elif change < 0.6:
            state["text_scale"] = canvas.text_scale = rng.choice((1.0, 1.25, 1.5))
        canvas._key = None  # (the window does this on a change of setting)
        canvas.frame = frame
        before = canvas.frame_cache.ink
        shown = pixels(canvas.render_image(*size))
        kept += before is not None and canvas.frame_cache.stats["direct"] > 0
        differ = np.abs(shown.astype(int) - drawn_fresh(frame, size, state, profile, lang, transparent).astype(int))
        # (a canvas that has drawn before lays the labels' leader lines out a hair apart from a fresh one: a few
        # levels along their antialiased edges; anything left over from the picture before would differ by far more)
        assert np.count_nonzero(differ > 8) == 0, (step, process, state, profile, lang, transparent)
    assert kept > 10  # most pictures cleared only the last one's ink
