"""The README's system-library line works as root and through sudo, and is exactly what the one-line error asks for."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from osteoviz.content import strings
from osteoviz.qt import launch

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_apt_line() -> str:
    lines = [line for line in README.read_text(encoding="utf-8").splitlines() if "apt-get install" in line]
    assert len(lines) == 1, lines
    return lines[0].strip()


def test_readme_line_is_the_one_the_error_gives():
    assert readme_apt_line() == strings("en")("nodisplay.apt_command") == strings("nl")("nodisplay.apt_command")
    assert not re.search(r"(^|[;&] *)sudo ", readme_apt_line())  # a bare sudo fails where there is none (root in a container)


def run_line(tmp_path, with_sudo: bool):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "log"
    (stubs / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> {log}\n')
    if with_sudo:
        (stubs / "sudo").write_text(f'#!/bin/sh\necho "sudo" >> {log}\nexec "$@"\n')
    for f in stubs.iterdir():
        f.chmod(0o755)
    result = subprocess.run(["/bin/sh", "-c", readme_apt_line()], env={"PATH": str(stubs)}, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return log.read_text().splitlines()


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="needs a POSIX shell")
def test_line_runs_as_root_without_sudo_and_as_a_user_with_sudo(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "user").mkdir()
    as_root = run_line(tmp_path / "root", with_sudo=False)
    assert as_root[0] == "apt-get update" and as_root[1].startswith("apt-get install -y ")
    with_sudo = run_line(tmp_path / "user", with_sudo=True)
    assert with_sudo == ["sudo", "apt-get update", "sudo", as_root[1]]
    packages = as_root[1].split()[3:]
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libxcb-icccm4"} <= set(packages)


def test_no_display_points_to_a_desktop_xvfb_run_or_render():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "osteoviz"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "\n" not in line and "no display" in line and "desktop" in line
    assert "xvfb-run osteoviz" in line and "osteoviz render" in line and "apt-get" not in line


def test_missing_libraries_message_gives_the_readme_line(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(launch, "missing_xcb_libraries", lambda: ["libxcb-cursor.so.0"])
    problem = launch.display_problem()
    assert "libxcb-cursor.so.0" in problem and readme_apt_line() in problem and "\n" not in problem
