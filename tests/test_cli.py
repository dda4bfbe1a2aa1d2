"""The command line: headless render writes a described PNG; bad input is one line, exit 2, no file."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtGui

from osteoviz.cli import main


def run_cli(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "osteoviz", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def test_render_writes_png_with_metadata(tmp_path):
    out = tmp_path / "femur.png"
    result = run_cli("render", "--process", "endochondral", "--time", "20w", "--size", "1280x720", "-o", str(out))
    assert result.returncode == 0, result.stderr
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    assert img.text("osteoviz:process") == "endochondral"
    assert img.text("osteoviz:phase") == "growth_plates"
    assert float(img.text("osteoviz:time_days")) == pytest.approx(140.0)
    assert '"bone"' in img.text("osteoviz:tissues") and '"osteoblast"' in img.text("osteoviz:cells")
    assert "--time 20w" in img.text("osteoviz:command")
    assert img.text("osteoviz:version")
    assert not [p for p in tmp_path.iterdir() if p.name != "femur.png"]  # no temp files left


def test_render_in_dutch_translates_the_text_not_the_picture(tmp_path):
    en, nl = tmp_path / "en.png", tmp_path / "nl.png"
    for lang, out in (("en", en), ("nl", nl)):
        result = run_cli("render", "--process", "endochondral", "--time", "20w", "--size", "1280x720",
                         "--lang", lang, "-o", str(out))
        assert result.returncode == 0, result.stderr
    a, b = QtGui.QImage(str(en)), QtGui.QImage(str(nl))
    assert b.text("osteoviz:language") == "nl" and "--lang nl" in b.text("osteoviz:command")
    assert a.text("osteoviz:phase") == b.text("osteoviz:phase")
    assert a.copy(0, 0, 640, 60) != b.copy(0, 0, 640, 60)  # the caption is translated
    # the organ is the same drawing: only the small bone names on it are translated
    pa, pb = (np.frombuffer(i.convertToFormat(QtGui.QImage.Format.Format_RGB888).constBits(), np.uint8)
              .reshape(720, -1)[:, :3 * 1280].reshape(720, 1280, 3)[80:230, 20:720] for i in (a, b))
    assert (pa != pb).any(axis=2).mean() < 0.04


def exit_code(argv) -> int:
    """main()'s exit code, whether it returns it or argparse raises SystemExit."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize("args, needle", [
    (["--size", "12x9"], "size"),
    (["--size", "big"], "size"),
    (["--time", "eight"], "time"),
    (["--time", "50y"], "outside"),
    (["--time", "4w"], "outside"),
    (["--process", "cartilage"], "invalid choice"),
    (["--lang", "fr"], "invalid choice"),
])
def test_bad_arguments(tmp_path, capsys, args, needle):
    out = tmp_path / "x.png"
    base = {"--process": "endochondral", "--time": "20w", "--size": "640x360"}
    base.update(zip(args[::2], args[1::2]))
    argv = ["render", *[x for kv in base.items() for x in kv], "-o", str(out)]
    assert exit_code(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "\n" not in err and "Traceback" not in err
    assert not out.exists()


def test_output_problems(tmp_path, capsys):
    assert main(["render", "--process", "endochondral", "--time", "9w", "-o", str(tmp_path / "no" / "x.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["render", "--process", "endochondral", "--time", "9w", "-o", str(tmp_path / "x.bmp")]) == 2
    assert "unknown format" in capsys.readouterr().err and not (tmp_path / "x.bmp").exists()
    existing = tmp_path / "keep.png"
    existing.write_bytes(b"precious")
    assert main(["render", "--process", "intramembranous", "--time", "9w", "-o", str(existing)]) == 2
    assert "--force" in capsys.readouterr().err
    assert existing.read_bytes() == b"precious"
    assert main(["render", "--process", "intramembranous", "--time", "9w", "--size", "640x360", "-o", str(existing), "--force"]) == 0
    assert existing.read_bytes()[:4] == b"\x89PNG"


def test_version_and_module_entry_point():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("osteoviz ")


def test_no_display_gives_one_friendly_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run_cli(env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "osteoviz render" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("osteoviz") is None, reason="osteoviz is not installed as a command here")
def test_installed_command_finds_its_assets_from_another_folder(tmp_path):
    result = subprocess.run(["osteoviz", "render", "--process", "intramembranous", "--time", "birth",
                             "--size", "640x360", "-o", "v.png"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "v.png").stat().st_size > 10000
