"""The fracture legend names what is drawn: the callus's progenitors by their own name, no stray specks listed."""

import numpy as np
from PySide6 import QtGui

from osteoviz.content import glossary, process_content
from osteoviz.model.kinds import Tissue as T
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from legend_glyph import glyph_swatch  # tests/qt/legend_glyph.py (this folder is on the path)


class Texts:
    """A painter stand-in that keeps every text drawn (and draws it)."""

    def __init__(self, painter):
        self._p, self.texts = painter, []

    def drawText(self, *args):
        self.texts.append(next(a for a in args if isinstance(a, str)))
        self._p.drawText(*args)

    def __getattr__(self, name):
        return getattr(self._p, name)


def legend_texts(process, day, lang="en"):
    canvas = configured_canvas(process, day, PictureOptions(width=1920, height=1080, lang=lang))
    img = canvas.render_image(1920, 1080)  # lays the legend out
    painter = QtGui.QPainter(img)
    try:
        rec = Texts(painter)
        canvas._paint_legend(rec, canvas._ui(), canvas.legend_parts())
    finally:
        painter.end()
    return " ".join(rec.texts).replace("\n", " "), canvas


def test_callus_progenitors_have_their_own_name_and_the_vault_keeps_its_mesenchyme():
    for lang in ("en", "nl"):
        vault_name = glossary(lang).tissues["mesenchyme"]
        own = process_content("fracture", lang).tissues["mesenchyme"]
        assert own != vault_name
        text, canvas = legend_texts("fracture", 13.0, lang)
        assert int(T.MESENCHYME) in canvas.legend_parts()[0] + canvas.legend_parts()[1]  # the patches are drawn
        assert own.split()[0] in text and vault_name not in text
        vault_text, _ = legend_texts("intramembranous", 60.0, lang)
        assert vault_name.split()[0] in vault_text


def test_a_few_stray_sites_are_not_listed_in_the_legend():
    text, canvas = legend_texts("fracture", 70.0)
    main = canvas.frame.main.tissue
    assert 0 < np.count_nonzero(main == T.GRANULATION) < 10  # a speck is there, too small to see
    assert "Granulation" not in text
    early, _ = legend_texts("fracture", 13.0)
    assert "Granulation" in early  # when the granulation tissue is there, it is listed


def test_the_empty_lacuna_legend_glyph_stands_on_dead_bone_not_on_the_dark_legend():
    from osteoviz.colours import hex_rgb

    canvas, row = glyph_swatch("fracture", 1.0, "empty_lacuna")  # the glyph beside its name
    bone = np.array(hex_rgb(canvas.profile.tissue["dead_bone"]))
    assert (np.abs(row - bone).sum(axis=1) < 30).mean() > 0.3  # the ring sits on a dead-bone swatch
