"""Packaging and first contact: LICENSE in repo and wheel, a desktop entry that starts osteoviz, --help with examples."""

import configparser
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from osteoviz import __version__
from osteoviz.cli import build_parser
from osteoviz.desktop import desktop_entry

ROOT = Path(__file__).resolve().parents[1]


def test_install_desktop_writes_an_entry_that_starts_osteoviz(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "osteoviz", "--install-desktop"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "applications" / "osteoviz.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "osteoviz.svg"
    assert str(entry) in result.stdout and icon.read_bytes().startswith(b"<svg")
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str
    ini.read(entry, encoding="utf-8")
    e = ini["Desktop Entry"]
    assert e["Type"] == "Application" and e["Icon"] == "osteoviz" and e["Terminal"] == "false"
    assert e["Name"] == "osteoviz" and e["Comment[nl]"] and "Education" in e["Categories"]
    argv = shlex.split(e["Exec"])
    assert argv[1:] == ["-m", "osteoviz"]
    started = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=120)
    assert started.returncode == 0 and started.stdout.strip() == f"osteoviz {__version__}"


def test_exec_line_quotes_awkward_interpreter_paths():
    text = desktop_entry(python='/opt/my apps/py$thon "3"')
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # spec: quoted argument with " ` $ \\ escaped by a backslash, then every backslash doubled as a string value
    assert exec_line == 'Exec="/opt/my apps/py\\\\$thon \\\\"3\\\\"" -m osteoviz'


def help_text(*args):
    result = subprocess.run([sys.executable, "-m", "osteoviz", *args, "--help"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0
    return result.stdout


@pytest.mark.parametrize("command", [[], ["render"], ["movie"]])
def test_help_of_each_command_has_examples_that_parse(command):
    text = help_text(*command)
    examples = [line.strip() for line in text.split("examples:")[1].splitlines() if line.strip().startswith("osteoviz")]
    assert len(examples) >= 3
    for line in examples:
        args = shlex.split(line.split("  ")[0])[1:]  # the command, without its trailing explanation
        build_parser().parse_args(args)  # a wrong example would exit 2 here


def test_app_identity(qapp):
    from PySide6 import QtWidgets

    from osteoviz.qt.launch import identify_app

    identify_app(qapp)
    assert qapp.applicationName() == "osteoviz" and qapp.applicationVersion() == __version__
    assert qapp.desktopFileName() == "osteoviz"
    assert not QtWidgets.QApplication.windowIcon().pixmap(64, 64).isNull()


def test_license_is_in_the_repository_and_the_wheel(tmp_path):
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("osteoviz-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "osteoviz/assets/icons/osteoviz.svg" in names
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in meta and "Intended Audience :: Education" in meta
    assert "Environment :: X11 Applications :: Qt" in meta and "Programming Language :: Python :: 3.11" in meta
