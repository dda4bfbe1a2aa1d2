"""Colour profiles (screen, projector, colour-blind safe): load, validate, and build tissue LUTs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .errors import ContentError
from .jsonfile import field, read_json
from .model.kinds import Cell, Tissue, cell_key, tissue_key
from .paths import assets_dir

PROFILES = ("screen", "projector", "colourblind")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def hex_rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


@dataclass(frozen=True)
class Profile:
    """A validated colour profile."""

    name: str
    background: str
    panel: str
    text: str
    muted_text: str
    accent: str
    frame: str
    outline_width: float
    tissue: dict[str, str]
    cells: dict[str, dict[str, str]]

    def tissue_lut(self, transparent_background: bool = False) -> np.ndarray:
        """(256, 4) uint8 RGBA lookup table from Tissue code to colour."""
        lut = np.zeros((256, 4), np.uint8)
        for t in Tissue:
            lut[int(t), :3] = hex_rgb(self.tissue[tissue_key(t)])
            lut[int(t), 3] = 255
        if transparent_background:
            lut[int(Tissue.BACKGROUND), 3] = 0
        return lut

    def tissue_rgb(self, t: int) -> tuple[int, int, int]:
        return hex_rgb(self.tissue[tissue_key(t)])

    def cell_rgb(self, c: int) -> tuple[int, int, int]:
        return hex_rgb(self.cells[cell_key(c)]["fill"])


def _colour(path, data, name, where=""):
    value = field(path, data, name, str, where)
    if not _HEX.fullmatch(value):
        label = f"{where}.{name}" if where else name
        raise ContentError(path, label, f"expected a colour like #1a2b3c, got {value!r}")
    return value


@lru_cache(maxsize=None)
def load_profile(name: str) -> Profile:
    """Load and validate assets/palettes/<name>.json."""
    if name not in PROFILES:
        raise ValueError(f"unknown colour profile {name!r}: choose {', '.join(PROFILES)}")
    path = assets_dir() / "palettes" / f"{name}.json"
    data = read_json(path)
    tissue_data = field(path, data, "tissue", dict)
    cell_data = field(path, data, "cells", dict)
    tissue = {tissue_key(t): _colour(path, tissue_data, tissue_key(t), "tissue") for t in Tissue}
    cells = {}
    for c in Cell:
        if c == Cell.NONE:
            continue
        entry = field(path, cell_data, cell_key(c), dict, "cells")
        where = f"cells.{cell_key(c)}"
        cells[cell_key(c)] = {"fill": _colour(path, entry, "fill", where), "edge": _colour(path, entry, "edge", where)}
    width = field(path, data, "outline_width", (int, float))
    return Profile(
        name=name,
        background=_colour(path, data, "background"),
        panel=_colour(path, data, "panel"),
        text=_colour(path, data, "text"),
        muted_text=_colour(path, data, "muted_text"),
        accent=_colour(path, data, "accent"),
        frame=_colour(path, data, "frame"),
        outline_width=float(width),
        tissue=tissue,
        cells=cells,
    )


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours."""

    def lum(h):
        c = np.array(hex_rgb(h)) / 255.0
        c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
