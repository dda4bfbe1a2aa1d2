"""A process on the injury clock: the CLI, PNG text, re-create command, timeline and caption count days after injury."""

import json
import shlex
from dataclasses import dataclass, replace

import pytest
from PySide6 import QtGui

from osteoviz import cli, content
from osteoviz.model import registry
from osteoviz.model.clocks import INJURY
from osteoviz.model.params import PhaseSpec
from osteoviz.model.scene import phase_at
from osteoviz.paths import assets_dir
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.export_picture import PictureOptions, recreate_command
from osteoviz.qt.headless import offscreen_canvas
from osteoviz.qt.timeline import Timeline
from osteoviz.simcache import load

TOY = "toyrepair"
TOY_PHASES = (PhaseSpec("bleed", 0.0, 2.0, "plate"), PhaseSpec("soft", 10.0, 21.0, "plate"),
              PhaseSpec("hard", 28.0, 56.0, "plate"), PhaseSpec("remodel", 100.0, 200.0, "plate"))
FORBIDDEN = ("fertilisation", "GA ", "birth", "bevruchting", "AD ", "geboorte")


@dataclass(frozen=True)
class ToyParams:
    start_day: float = 0.0
    end_day: float = 365.0


class ToyModel:
    """Borrows the femur's pictures: injury day d shows the femur at a day in its own range."""

    kind = "toyrepair"

    def __init__(self, p):
        self.p = p

    def simulate(self):
        return load("endochondral")[1]

    def frame(self, history, day, labels=False, signals=False):
        femur = load("endochondral")[0]
        f = femur.frame(history, 60.0 + day, labels, signals)
        return replace(f, process=TOY, day=float(day), phase=phase_at(TOY_PHASES, day), extras={})


@pytest.fixture
def toy(monkeypatch, tmp_path):
    """A process on the injury clock (day 0 to 365), with its texts in a copy of the assets."""
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    spec = registry.register(registry.ProcessSpec(TOY, ToyParams, ToyModel, TOY_PHASES, clock=INJURY, default_time="3d"))
    root = tmp_path / "assets"
    root.mkdir()
    real = assets_dir()
    for item in real.iterdir():
        if item.name not in ("content", "strings"):
            (root / item.name).symlink_to(item)
    (root / "strings").mkdir()
    for lang, organ in (("en", "bone"), ("nl", "bot")):
        data = json.loads((real / "strings" / f"{lang}.json").read_text())
        data[f"organ.{TOY}"] = organ
        (root / "strings" / f"{lang}.json").write_text(json.dumps(data, ensure_ascii=False))
    for lang in content.LANGUAGES:
        folder = root / "content" / lang
        folder.mkdir(parents=True)
        for item in (real / "content" / lang).iterdir():
            (folder / item.name).symlink_to(item)
        phases = [{"id": p.id, "title": f"Toy phase {p.id}", "when": "days", "summary": "A test phase.",
                   "paragraphs": ["A test paragraph."], "cells": [], "signals": [], "refs": [], "notes": "Test notes."}
                  for p in TOY_PHASES]
        (folder / f"{TOY}.json").write_text(json.dumps({"process": TOY, "title": "Toy repair", "subtitle": "a test",
                                                        "intro": "A test process.", "phases": phases}))
    monkeypatch.setattr(content, "assets_dir", lambda: root)
    for cached in (content.process_content, content.experiment_texts, content.strings):
        cached.cache_clear()
    yield spec
    for cached in (content.process_content, content.experiment_texts, content.strings):
        cached.cache_clear()


def _png_text(path, key):
    return QtGui.QImage(str(path)).text(key)


def test_cli_renders_at_3d_and_the_png_says_day_3_after_injury(toy, tmp_path, capsys):
    out = tmp_path / "toy.png"
    assert cli.main(["render", "--process", TOY, "--time", "3d", "--size", "640x360", "-o", str(out)]) == 0
    assert out.is_file()
    assert _png_text(out, "osteoviz:age") == "day 3 after injury"
    assert _png_text(out, "osteoviz:time_days") == "3.00"
    # the command a GUI export records (the day written on the injury clock) parses back to the same day
    for day in (0.0, 0.25, 3.0, 17.5, 365.0):
        command = recreate_command(TOY, day, PictureOptions(width=640, height=360), out)
        argv = shlex.split(command)[1:]
        args = cli.build_parser().parse_args(argv)
        assert args.time == INJURY.text(day)
        assert cli.parse_clock_time(args.time, TOY) == pytest.approx(day, abs=1e-4)


@pytest.mark.parametrize("time, words", [("birth", "injury"), ("20x", "3d"), ("2y", "1 year after injury")])
def test_cli_bad_times_are_one_line_errors_with_exit_2(toy, tmp_path, capsys, time, words):
    rc = cli.main(["render", "--process", TOY, "--time", time, "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "\n" not in err and words in err, err
    assert "Traceback" not in err and not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("lang, age, note", [("en", "day 3 after injury", "injury"), ("nl", "dag 3 na de breuk", "breuk")])
def test_caption_counts_from_the_injury(toy, qapp, lang, age, note):
    model, history = load(TOY)
    canvas = offscreen_canvas("screen", lang)
    for day, words in ((3.0, age), (35.0, "week 5"), (200.0, None)):
        canvas.frame = model.frame(history, day)
        canvas._key = None
        canvas.render_image(1280, 720)
        texts = [r.text for r in canvas.overlay().caption]
        joined = " ".join(texts)
        if words:
            assert words in joined, texts
        assert note in joined, texts
        assert not any(w in joined for w in FORBIDDEN), texts


def test_timeline_ticks_say_days_and_weeks_after_injury_without_a_birth_line(toy, qtbot):
    from osteoviz.colours import load_profile

    clock = ClockState(TOY)
    assert clock.scale.start_day == 0.0 and clock.scale.end_day == 365.0
    tl = Timeline(clock, lambda: load_profile("screen"), "en")
    qtbot.addWidget(tl)
    tl.resize(900, 80)
    tl.grab()  # paints the bands, ticks and landmarks
    labels = [label for _, label in tl.ticks()]
    assert labels[0] == "injury" and "day 3" in labels and "wk 2" in labels and "6 mo" in labels
    assert tl.landmarks() == []
    assert not any(w in " ".join(labels) for w in FORBIDDEN)
    clock.set_day(21.0)
    assert "week 3 after injury" == content.format_age(clock.day, "en", registry.get(TOY).clock)[0]
    # the femur's timeline is as before: its birth tick and dashed birth line
    femur = ClockState("endochondral")
    tl2 = Timeline(femur, lambda: load_profile("screen"), "en")
    qtbot.addWidget(tl2)
    assert "birth" in [label for _, label in tl2.ticks()] and [d for d, _ in tl2.landmarks()] == [266.0]


def test_export_dialog_times_are_on_the_injury_clock(toy, qtbot):
    from osteoviz.qt.export_dialog import ExportDialog

    dlg = ExportDialog("movie", TOY, 3.0, "screen", "en", start_day=0.0, end_day=21.0)
    qtbot.addWidget(dlg)
    assert INJURY.parse(dlg.start.text()) == 0.0 and INJURY.parse(dlg.end.text()) == 21.0
    dlg.start.setText("2w")
    dlg.end.setText("6m")
    assert dlg.times() == (14.0, pytest.approx(6 * 365.25 / 12))


def test_movie_without_from_starts_at_the_injury(toy, tmp_path, monkeypatch):
    import osteoviz.qt.export_movie as export_movie

    seen = {}

    def fake_write(spec, *a, **kw):
        seen["spec"] = spec
        raise SystemExit(0)

    monkeypatch.setattr(export_movie, "write_movie", fake_write)
    with pytest.raises(SystemExit):
        cli.main(["movie", "--process", TOY, "--to", "2w", "-o", str(tmp_path / "m.mp4")])
    spec = seen["spec"]
    assert (spec.start_day, spec.end_day) == (0.0, 14.0)


def test_skeleton_map_keeps_its_day_when_the_process_counts_from_an_injury(window, qtbot, monkeypatch):
    window.views.actions["skeleton_map"].trigger()
    dock = window.views.skeleton_dock
    qtbot.waitExposed(dock)
    view = dock.widget().view
    window.clock.set_day(150.0)
    assert view.day == pytest.approx(150.0)  # developmental: the map follows the clock
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    registry.REGISTRY["endochondral"] = replace(registry.get("endochondral"), clock=INJURY)
    window.clock.set_day(200.0)  # 200 days after an injury says nothing about the age of the skeleton
    assert view.day == pytest.approx(150.0)
    window.views.actions["skeleton_map"].trigger()
