"""Check every shipped text, palette and string file before anything opens: one ContentError names file and field."""

from __future__ import annotations

import math

from .errors import ContentError
from .jsonfile import read_json
from .paths import assets_dir

OUTLINE_WIDTH = (0.0, 8.0)  # px at 1080p; beyond this an outline would hide the cells it outlines


def check_palette(name: str) -> None:
    """The numbers in a palette: finite and within sense (the colours are checked by colours.load_profile)."""
    from .colours import load_profile

    path = assets_dir() / "palettes" / f"{name}.json"
    data = read_json(path)
    width = data.get("outline_width")
    if isinstance(width, bool) or not isinstance(width, (int, float)) or not math.isfinite(width) \
            or not OUTLINE_WIDTH[0] <= width <= OUTLINE_WIDTH[1]:
        raise ContentError(path, "outline_width", f"{width!r} is not a width from {OUTLINE_WIDTH[0]:g} to "
                                                  f"{OUTLINE_WIDTH[1]:g}")
    load_profile(name)


def check_all() -> None:
    """Load and check all content in every language, every palette and every string file (cheap: JSON only)."""
    from .colours import PROFILES
    from .content import LANGUAGES, experiment_texts, glossary, process_content, strings
    from .model.registry import process_ids

    for lang in LANGUAGES:
        strings(lang)
        glossary(lang)
        for process in process_ids():
            process_content(process, lang)
            experiment_texts(process, lang)
    for name in PROFILES:
        check_palette(name)
