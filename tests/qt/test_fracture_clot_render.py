"""The rendered day-1 clot reads as blood (red-cell pixels, red cells and fibrin in the legend), and the fracture
leaders can be followed (apart, never crossing), in English and Dutch."""

import numpy as np
import pytest
from PySide6 import QtCore

from osteoviz import colourdiff as cd
from osteoviz.content import glossary
from osteoviz.model.kinds import Cell as C
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from osteoviz.qt.headless import offscreen_canvas
from osteoviz.qt.labels import leader_end
from osteoviz.simcache import load
from legend_glyph import glyph_swatch  # tests/qt/legend_glyph.py (this folder is on the path)


def pixels(img):
    """(h, w, 3) uint8 RGB of a QImage."""
    img = img.convertToFormat(img.Format.Format_RGB888)
    w, h = img.width(), img.height()
    return np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, :3 * w].reshape(h, w, 3).copy()


@pytest.mark.parametrize("profile", ["screen", "projector"])
def test_the_day1_clot_is_drawn_full_of_red_cells(qapp, profile):
    canvas = configured_canvas("fracture", 1.0, PictureOptions(width=1920, height=1080, profile=profile))
    rgb = pixels(canvas.render_image(1920, 1080))
    r = canvas._inset_rect
    inset = rgb[int(r.top()) + 2:int(r.bottom()) - 2, int(r.left()) + 2:int(r.right()) - 2].reshape(-1, 3)
    lab = cd.srgb_to_lab(inset / 255.0)
    cell = canvas.profile.cells["erythrocyte"]
    near = np.zeros(len(lab), bool)
    for part in (cell["fill"], cell["edge"]):  # the red rim and the pale centre of each disc
        ref = cd.srgb_to_lab(cd.hex_to_srgb([part]))
        near |= cd.delta_e2000(lab, np.repeat(ref, len(lab), 0)) < 8
    assert near.mean() > 0.05, near.mean()  # red discs (about 7 px, antialiased) over much of the clot
    entries = canvas.legend_parts()[2]
    assert int(C.ERYTHROCYTE) in entries and int(C.FIBRIN) in entries


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_legend_names_red_cells_and_fibrin(lang):
    g = glossary(lang)
    want = {"en": ("Erythrocyte (red blood cell)", "Fibrin"), "nl": ("Erytrocyt (rode bloedcel)", "Fibrine")}[lang]
    assert g.cells["erythrocyte"]["name"] == want[0]
    assert g.cells["fibrin"]["name"].startswith(want[1])


def _seg_dist(a1, a2, b1, b2) -> float:
    """Least distance between two segments (0 where they cross)."""
    def pt(p, s, e):
        d = e - s
        t = np.clip(np.dot(p - s, d) / max(np.dot(d, d), 1e-9), 0, 1)
        return float(np.hypot(*(s + t * d - p)))

    kind, _ = QtCore.QLineF(*a1, *a2).intersects(QtCore.QLineF(*b1, *b2))
    if kind == QtCore.QLineF.IntersectionType.BoundedIntersection:
        return 0.0
    return min(pt(a1, b1, b2), pt(a2, b1, b2), pt(b1, a1, a2), pt(b2, a1, a2))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fracture_leaders_stay_apart(qapp, lang):
    """In the Dutch day-1 picture the 'neutrofiel' and 'fractuurhematoom' leaders ran within ~8 px of each other:
    every two leaders of a fracture phase picture keep at least 12 px apart over their whole length."""
    for key in ("fracture",):
        model, history = load(key)
        canvas = offscreen_canvas("screen", lang)
        canvas.show_labels = True
        try:
            for ph in model.phases:
                canvas._key = None
                canvas.frame = model.frame(history, ph.representative_day, True)
                canvas.render_image(1920, 1080)
                lay = canvas.overlay()
                segs = []
                for name, anchor, rect in lay.labels + lay.inset_labels:
                    end = leader_end(anchor, rect)
                    segs.append((name, np.array([anchor.x(), anchor.y()]), np.array([end.x(), end.y()])))
                close = [f"{n1}/{n2} {_seg_dist(a1, e1, a2, e2):.0f}px"
                         for i, (n1, a1, e1) in enumerate(segs) for n2, a2, e2 in segs[i + 1:]
                         if _seg_dist(a1, e1, a2, e2) < 12]
                assert not close, (key, ph.id, close)
        finally:
            canvas.show_labels = False
            canvas._key = None


@pytest.mark.parametrize("profile", ["screen", "colourblind"])
def test_the_fibrin_legend_glyph_stands_on_the_clot_colour(qapp, profile):
    """Pale strands vanish on a white legend (colour-blind profile): the legend draws them on a haematoma swatch."""
    from osteoviz.colours import hex_rgb

    canvas, row = glyph_swatch("fracture", 1.0, "fibrin", profile)
    clot = np.array(hex_rgb(canvas.profile.tissue["haematoma"]))
    assert (np.abs(row - clot).sum(axis=1) < 30).mean() > 0.3  # the strands sit on a clot swatch
