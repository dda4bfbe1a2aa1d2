"""Malformed content, palettes and strings stop everything before a window or file: one line naming file and field, exit 2."""

import json
import shutil

import pytest

from osteoviz import colours, content, validate
from osteoviz.cli import main
from osteoviz.paths import assets_dir


def clear_caches():
    for f in (content.strings, content.glossary, content.process_content, colours.load_profile):
        f.cache_clear()


@pytest.fixture
def assets(tmp_path, monkeypatch):
    """A private copy of the assets that a test may damage; every loader reads it."""
    copy = tmp_path / "assets"
    shutil.copytree(assets_dir(), copy)
    for module in (content, colours, validate):
        monkeypatch.setattr(module, "assets_dir", lambda: copy)
    clear_caches()
    yield copy
    clear_caches()


def edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def set_key(key, value):
    return lambda d: d.__setitem__(key, value)


CASES = {
    "not_utf8": ("strings/en.json", lambda p: p.write_bytes(p.read_bytes().replace(b"wrote", b"wr\xffte")),
                 ["en.json", "(byte", "UTF-8"]),
    "deep": ("content/nl/cells.json", lambda p: p.write_text(p.read_text().replace(
        '"cells": {', '"cells": {"deep": ' + "[" * 5000 + "]" * 5000 + ",", 1)), ["cells.json", "nested"]),
    "deep_but_not_too": ("content/nl/cells.json", lambda p: p.write_text(p.read_text().replace(
        '"cells": {', '"cells": {"deep": ' + "[" * 40 + "]" * 40 + ",", 1)), ["cells.json", "nested"]),
    "nan_width": ("palettes/screen.json", lambda p: p.write_text(p.read_text().replace(
        '"outline_width": 1.0', '"outline_width": NaN')), ["screen.json", "line", "NaN", "finite"]),
    "absurd_width": ("palettes/projector.json", lambda p: edit_json(p, set_key("outline_width", 1e9)),
                     ["projector.json", "'outline_width'"]),
    "huge_number": ("content/en/endochondral.json", lambda p: p.write_text(p.read_text().replace(
        '"phases"', '"zoom": 1e999, "phases"', 1)), ["endochondral.json", "finite"]),
    "broken_placeholder": ("strings/en.json", lambda p: edit_json(p, set_key("cli.wrote", "wrote {path")),
                           ["en.json", "'cli.wrote'", "placeholder"]),
    "positional_placeholder": ("strings/en.json", lambda p: edit_json(p, set_key("cli.exists", "{} exists")),
                               ["en.json", "'cli.exists'", "placeholder"]),
    "missing_placeholder": ("strings/nl.json", lambda p: edit_json(p, set_key("cli.wrote", "geschreven")),
                            ["nl.json", "'cli.wrote'", "placeholders differ"]),
    "bad_colour": ("palettes/colourblind.json", lambda p: edit_json(p, lambda d: d["tissue"].__setitem__("bone", "red")),
                   ["colourblind.json", "tissue.bone"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_asset_is_one_line_and_exit_2(assets, tmp_path, capsys, monkeypatch, case):
    rel, damage, needles = CASES[case]
    damage(assets / rel)
    out = tmp_path / "x.png"
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "320x240", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    assert not out.exists()
    import osteoviz.qt.launch as launch

    monkeypatch.setattr(launch, "run_app", lambda **kw: pytest.fail("the window was opened"))
    clear_caches()
    assert main([]) == 2  # the window never half-opens either
    assert capsys.readouterr().err.strip() == err


def test_shipped_assets_pass(assets):
    validate.check_all()
