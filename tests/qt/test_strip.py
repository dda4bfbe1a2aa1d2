"""The textbook strip: one framed panel per phase with its age, written atomically; bad input is one line, exit 2."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from osteoviz.colours import hex_rgb, load_profile
from osteoviz.content import format_age
from osteoviz.model import registry
from osteoviz.qt.overlay import main_bar_box
from osteoviz.qt.strip import grid
from strip_watch import paint_watching  # tests/qt/strip_watch.py (this folder is on the path)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "osteoviz", *args], capture_output=True, text=True, timeout=300)


def rgb(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 3 * img.width()].reshape(img.height(), img.width(), 3).copy()


def test_grid_keeps_panels_large():
    assert grid(9, 1600, 1000) == (3, 3)
    assert grid(10, 1600, 1000)[0] * grid(10, 1600, 1000)[1] >= 10
    assert grid(1, 800, 600) == (1, 1)


@pytest.mark.parametrize("process,lang", [("endochondral", "en"), ("intramembranous", "nl")])
def test_strip_has_one_framed_panel_per_phase(qapp, tmp_path, process, lang):
    out = tmp_path / "strip.png"
    result = run_cli("render", "--strip", "--process", process, "--size", "1600x1000", "--lang", lang,
                     "--profile", "projector", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["strip.png"]  # nothing half-written left beside it
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    panels = json.loads(img.text("osteoviz:strip"))
    specs = registry.get(process).phases
    assert [p["phase"] for p in panels] == [s.id for s in specs]
    for p, spec in zip(panels, specs):
        assert p["age"].startswith(format_age(spec.representative_day, lang)[0])
    px = rgb(img).astype(int)
    frame = np.array(hex_rgb(load_profile("projector").frame))
    boxes = []
    for p in panels:
        x, y, w, h = p["rect"]
        assert 0 <= x and 0 <= y and x + w <= 1600 and y + h <= 1000 and w > 200 and h > 150
        top = px[y, x + 5:x + w - 5]  # the panel's frame is drawn along its top edge
        assert (np.abs(top - frame).sum(axis=1) < 80).mean() > 0.8
        inside = px[y + h // 3:y + h - 5, x + 5:x + w - 5]  # and the panel holds a picture, not an empty box
        assert len(np.unique(inside.reshape(-1, 3), axis=0)) > 20
        boxes.append((x, y, w, h))
    for i, (x, y, w, h) in enumerate(boxes):  # panels side by side, never on top of each other
        for x2, y2, w2, h2 in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


@pytest.mark.parametrize("args,needle", [
    (["--time", "20w"], "--strip"),
    (["--size", "12x9"], "size"),
    (["-o", "{tmp}/strip.bmp"], "format"),
    (["-o", "{tmp}/missing/strip.png"], "does not exist"),
])
def test_bad_strip_input_is_one_line_and_exit_2(tmp_path, args, needle):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "strip.png")]
    result = run_cli("render", "--strip", "--process", "endochondral", *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.png"))


def test_existing_strip_is_kept_without_force(tmp_path):
    out = tmp_path / "strip.png"
    out.write_bytes(b"mine")
    result = run_cli("render", "--strip", "--process", "endochondral", "--size", "800x500", "-o", str(out))
    assert result.returncode == 2 and out.read_bytes() == b"mine"


def test_file_menu_exports_a_strip(window, tmp_path, monkeypatch):
    out = tmp_path / "menu-strip.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PNG (*.png)"))
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda self: 0)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert window.strip_action.text() in texts
    window.strip_action.trigger()
    img = QtGui.QImage(str(out))
    assert img.width() == 2560 and len(json.loads(img.text("osteoviz:strip"))) == len(registry.get("endochondral").phases)
    assert window.canvas.frame.process == "endochondral"  # the window's own picture is untouched


def test_rows_share_the_panels_evenly():
    from osteoviz.qt.strip import row_counts

    assert row_counts(10, 3) == [4, 3, 3] and row_counts(9, 3) == [3, 3, 3] and row_counts(7, 2) == [4, 3]


@pytest.mark.parametrize("process,lang", [("intramembranous", "en"), ("endochondral", "nl")])
def test_strip_panels_fill_the_figure_and_no_word_is_cut(qapp, process, lang):
    """The panels cover the figure (no row left mostly empty) and every word in them — panel titles, labels,
    zone names — is whole (wrapped, never ending in '…')."""
    from PySide6 import QtCore

    from osteoviz.qt.export_picture import PictureOptions
    from osteoviz.qt.strip import Strip
    from tests.qt.test_overlay import Recorder, cut_or_spilling

    opts = PictureOptions(width=3840, height=2160, profile="screen", lang=lang, labels=True)
    strip = Strip(process, opts)
    texts = []
    original = strip.canvas.paint_overlay

    def recording(painter):
        rec = Recorder(painter)
        rec.texts = texts
        original(rec)

    strip.canvas.paint_overlay = recording
    img = QtGui.QImage(3840, 2160, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    painter = QtGui.QPainter(img)
    try:
        rec = Recorder(painter)
        rec.texts = texts
        strip.paint(rec)
    finally:
        painter.end()
    region = QtCore.QRectF(0, strip.head_h, strip.legend_rect.left(), 2160 - strip.head_h)
    covered = sum(r.width() * r.height() for r in strip.panels)
    assert covered >= 0.9 * region.width() * region.height()
    rows = {}
    for r in strip.panels:  # every row runs across the figure
        rows.setdefault(round(r.top()), []).append(r)
    for row in rows.values():
        assert sum(r.width() for r in row) >= 0.95 * region.width() - 20 * len(row)
    titles = [t for t, _, _ in texts if t[:1] in "ABCDEFGHIJ" and "·" in t.replace("\n", " ")]
    assert len(titles) == len(strip.panels)
    found = cut_or_spilling(texts)
    assert len(texts) > 50 and not found, "; ".join(found)


@pytest.mark.parametrize("process", ["endochondral", "intramembranous"])
def test_strip_panels_name_each_structure_once_and_keep_organ_and_section_large(qapp, process):
    """A panel of the strip names what is new in it (zones by their brackets only), so the organ and its
    section fill the panel instead of shrinking to make room for repeated names."""
    from osteoviz.qt.export_picture import PictureOptions
    from osteoviz.qt.strip import ORIENTATION, Strip

    strip = Strip(process, PictureOptions(width=1920, height=1080, labels=True))
    seen = set()
    for f in strip.frames:
        keys = [k for k, *_ in f.labels + f.inset_labels] + [k for k, *_ in f.names if k not in ORIENTATION]
        assert not (set(keys) & seen), set(keys) & seen  # each structure named once, where it first appears
        labelled = [k for k, *_ in f.labels + f.inset_labels]
        assert len(labelled) == len(set(labelled)), labelled  # ... and once in its panel (organ or inset, not both)
        assert not ({k for k, *_ in f.inset_labels} & {z[0] for z in f.inset_zones})  # zones: brackets only
        seen |= set(keys)
    canvas = strip.canvas  # (the shared offscreen canvas: set back afterwards, as the strip itself does)
    canvas.show_caption = canvas.show_legend = False
    canvas.show_labels = canvas.compact = True
    try:
        for f, rect in zip(strip.frames, strip.panels):
            canvas.text_scale = strip._panel_text_scale(rect)
            canvas.frame = f
            canvas._key = None
            canvas.render_image(int(rect.width()), int(rect.height()) - 40)
            organ, inset = canvas.organ_scene_rect(), canvas._inset_rect
            assert organ.width() >= 0.22 * rect.width(), (f.phase.id, organ.width(), rect.width())  # was ~0.1 (vault)
            assert inset.width() >= 0.2 * rect.width(), (f.phase.id, inset.width(), rect.width())
    finally:
        canvas.show_caption = canvas.show_legend = True
        canvas.show_labels = canvas.compact = False
        canvas.text_scale, canvas._key = 1.0, None


@pytest.mark.parametrize("process,lang", [("intramembranous", "nl"), ("endochondral", "nl")])
def test_strip_labels_stay_inside_their_panels_and_move_on_when_there_is_no_room(qapp, process, lang):
    from osteoviz.qt.export_picture import PictureOptions
    from osteoviz.qt.strip import Strip

    strip = Strip(process, PictureOptions(width=1920, height=1080, labels=True, lang=lang))
    drawn_keys, outside = set(), []

    def checked(frame, w, h, out):
        lay = strip.canvas.overlay()
        bounds = QtCore.QRectF(0, 0, w, h)
        outside.extend(k for k, _, r in lay.labels + lay.inset_labels if not bounds.contains(r))
        drawn_keys.update(out[2])

    paint_watching(strip, checked)
    assert not outside, outside  # no label cut off at a panel's edge
    wanted = {k for f in strip.frames for k, *_ in f.labels + f.inset_labels}
    assert len(wanted - drawn_keys) <= 1, wanted - drawn_keys  # a name without room goes to a later panel


@pytest.mark.parametrize("process,lang", [(p, lang) for p in ("endochondral", "intramembranous") for lang in ("en", "nl")])
def test_panel_words_clear_of_scale_bars_and_titles(qapp, process, lang):
    """In every panel of a 1080p strip no label, zone name or inset title lies on another word or on a scale bar
    (organ's or inset's), and each inset title is whole inside its panel."""
    from osteoviz.qt.export_picture import PictureOptions
    from osteoviz.qt.strip import Strip

    strip = Strip(process, PictureOptions(width=1920, height=1080, lang=lang, labels=True))
    seen = []

    def spy(frame, w, h, _out):
        seen.append((strip.canvas.overlay(), QtCore.QRectF(0, 0, w, h), main_bar_box(strip.canvas, strip.canvas._ui())))

    paint_watching(strip, spy)
    assert len(seen) == len(registry.get(process).phases)
    found = []
    for i, (lay, bounds, bar) in enumerate(seen):
        words = [(f"label {k}", r) for k, _, r in lay.labels + lay.inset_labels] + [(f"zone {z.key}", z.box) for z in lay.zones]
        if not lay.inset_title.isNull():
            words.append(("inset title", lay.inset_title))
            if not bounds.contains(lay.inset_title):
                found.append(f"panel {i}: inset title cut by the panel's edge")
        if not lay.inset_bar.isNull():
            words.append(("scale bar", lay.inset_bar))
        words.append(("organ scale bar", bar))
        for a, (k1, r1) in enumerate(words):
            for k2, r2 in words[a + 1:]:
                if r1.intersects(r2):
                    found.append(f"panel {i}: {k1} on {k2}")
    assert not found, "; ".join(found)


class _Recorder(QtGui.QPainter):
    """A painter that notes every text drawn through it (with the font's width for the text)."""

    def __init__(self, device):
        super().__init__(device)
        self.texts = []

    def drawText(self, *args):
        if len(args) == 2 and isinstance(args[1], str):
            self.texts.append((args[0].x() if hasattr(args[0], "x") else 0.0, args[1],
                               QtGui.QFontMetricsF(self.font()).horizontalAdvance(args[1])))
        return super().drawText(*args)


@pytest.mark.parametrize("process", ["fracture", "endochondral"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_strip_heading_fits_and_names_the_process_clock(qapp, process, lang):
    from osteoviz.content import strings
    from osteoviz.qt.export_picture import PictureOptions
    from osteoviz.qt.strip import Strip

    opts = PictureOptions(width=1920, height=1080, lang=lang)
    strip = Strip(process, opts)
    img = QtGui.QImage(1920, 1080, QtGui.QImage.Format.Format_ARGB32)
    p = _Recorder(img)
    try:
        strip.paint(p)
    finally:
        p.end()
    heading = p.texts[:2]  # the title line and the note under it come first
    for x, text, width in heading:
        assert x + width <= 1920, f"heading cut at the right edge: {text!r}"
    s = strings(lang)
    note = heading[1][1]
    spec = registry.get(process)
    assert spec.clock.footnote(spec.start_day, s) in note
    if spec.clock.id != "developmental":
        assert s("caption.weeks_note") not in note
