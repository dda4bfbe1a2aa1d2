"""The clot's own glyphs stand out: red cells and fibrin differ (ΔE2000) from the clot they lie on and from every
other cell drawn beside them, on every profile, washed out on a projector, and as colour-blind viewers see them."""

import numpy as np
import pytest

import osteoviz.colours as colours
from osteoviz import colourdiff as cd
from osteoviz.model.kinds import Cell, cell_key
from osteoviz.simcache import load

CLOT = (Cell.ERYTHROCYTE, Cell.FIBRIN)
UNDER = ("haematoma", "granulation")  # the tissue they lie on, and the tissue organising the clot round them


@pytest.fixture(scope="module")
def beside():
    """Cell kinds drawn in the same fracture inset as red cells or fibrin, over both clocks (child and adult)."""
    seen = set()
    for key in ("fracture", "fracture+adult"):
        model, history = load(key)
        for day in np.linspace(history.days[0], 14.0 * model.p.pace, 40):
            cells = {c for c, pos in model.frame(history, day).inset.cells.items() if len(pos)}
            if cells & {int(c) for c in CLOT}:
                seen |= cells
    assert {int(c) for c in CLOT} <= seen  # both are drawn
    return sorted(seen)


@pytest.mark.parametrize("name", colours.PROFILES)
def test_red_cells_and_fibrin_stand_out_from_the_clot_and_the_cells_beside_them(name, beside):
    p = colours.load_profile(name)
    names = [f"cell {cell_key(c)}" for c in beside] + [f"tissue {t}" for t in UNDER]
    hexes = [p.cells[cell_key(c)]["fill"] for c in beside] + [p.tissue[t] for t in UNDER]
    pairs = [(names.index(f"cell {cell_key(c)}"), j) for c in CLOT for j in range(len(names))
             if names[j] != f"cell {cell_key(c)}"]
    for view, (lab, threshold) in cd.views(hexes, name == "colourblind").items():
        d = cd.pair_distances(lab, pairs)
        close = [f"{names[a]}/{names[b]} {d[k]:.1f}" for k, (a, b) in enumerate(pairs) if d[k] < threshold]
        assert not close, f"{name} ({view}): ΔE2000 below {threshold}: {', '.join(close)}"


@pytest.mark.parametrize("name", colours.PROFILES)
def test_a_red_cell_has_a_pale_centre(name):
    """The glyph's centre (the profile's edge colour for a red cell) is paler than its rim: a biconcave disc."""
    c = colours.load_profile(name).cells["erythrocyte"]
    lab = cd.srgb_to_lab(cd.hex_to_srgb([c["fill"], c["edge"]]))
    assert lab[1, 0] > lab[0, 0] + 15
