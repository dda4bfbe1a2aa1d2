"""Headless rendering: a QApplication on the offscreen platform, frames to PNG with metadata chunks."""

from __future__ import annotations

import json
import os
import sys

from PySide6 import QtWidgets

from .. import __version__
from ..colours import load_profile
from ..content import format_age
from ..model import registry
from ..model.kinds import cell_key, tissue_key
from ..simcache import load


def ensure_app(headless: bool = True) -> QtWidgets.QApplication:
    """The running QApplication, or a new one (offscreen when headless and no platform is set)."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        if headless and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QtWidgets.QApplication(sys.argv[:1])
    return app


def frame_for(process: str, day: float, labels: bool = False):
    model, history = load(process)
    return model.frame(history, day, labels)


def picture_metadata(canvas, command: str = "") -> dict[str, str]:
    """The text chunks a PNG carries: what is drawn, when, and how to make it again."""
    f = canvas.frame
    prof = canvas.profile
    tissues, cells = canvas.legend_entries()
    age, ga = format_age(f.day, canvas.lang, registry.get(f.process).clock)
    return {
        "Software": f"osteoviz {__version__}",
        "osteoviz:version": __version__,
        "osteoviz:process": f.process,
        "osteoviz:time_days": f"{f.day:.2f}",
        "osteoviz:age": age + (f" ({ga})" if ga else ""),
        "osteoviz:phase": f.phase.id,
        "osteoviz:profile": prof.name,
        "osteoviz:language": canvas.lang,
        "osteoviz:tissues": json.dumps({tissue_key(t): prof.tissue[tissue_key(t)] for t in tissues}),
        "osteoviz:cells": json.dumps({cell_key(c): prof.cells[cell_key(c)]["fill"] for c in cells}),
        "osteoviz:command": command,
    }


_OFFSCREEN: dict[str, object] = {}


def offscreen_canvas(profile: str = "screen", lang: str = "en"):
    """One hidden canvas reused for every headless picture (cheaper, and no pile of widgets at exit)."""
    from .canvas import SceneCanvas

    ensure_app()
    load_profile(profile)
    canvas = _OFFSCREEN.get("canvas")
    if canvas is None:
        canvas = _OFFSCREEN["canvas"] = SceneCanvas(profile=profile, lang=lang)
    if canvas.profile.name != profile:
        canvas.set_profile(profile)
    canvas.lang = lang
    return canvas


def render_picture(process: str, day: float, width: int, height: int, profile: str = "screen", lang: str = "en"):
    """The offscreen canvas holding the frame at `day`, and the image drawn from it at the target size."""
    canvas = offscreen_canvas(profile, lang)
    canvas.frame = frame_for(process, day)
    img = canvas.render_image(width, height)
    return canvas, img
