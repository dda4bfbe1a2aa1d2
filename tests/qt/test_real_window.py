"""A real window under Xvfb: launch osteoviz, press F5 and PageDown as real key events, grab the screen."""

import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from osteoviz.colours import hex_rgb, load_profile
from osteoviz.content import process_content

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs Xvfb and xdotool (Debian/Ubuntu: apt-get install xvfb xdotool); .ci/run installs them",
)

W, H = 1600, 900


def wait_for(fn, timeout=60.0, step=0.25):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = fn()
        if value:
            return value
        time.sleep(step)
    return None


def xdo(env, *args):
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)


@pytest.fixture
def xserver(tmp_path):
    display = f":{200 + os.getpid() % 500}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, OSTEOVIZ_SETTINGS=str(tmp_path / "settings.ini"))
    if not wait_for(lambda: xdo(env, "getmouselocation").returncode == 0, timeout=20):
        proc.kill()
        pytest.skip("Xvfb did not start")
    yield env
    proc.terminate()
    proc.wait(timeout=10)


def grab(env, path):
    code = ("from PySide6 import QtWidgets, QtGui\n"
            "app = QtWidgets.QApplication([])\n"
            f"QtGui.QGuiApplication.primaryScreen().grabWindow(0).save({str(path)!r})\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    from PySide6 import QtGui

    img = QtGui.QImage(str(path)).convertToFormat(QtGui.QImage.Format.Format_RGB888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 3 * img.width()].reshape(img.height(), img.width(), 3).copy()


def test_presentation_mode_with_real_keys(xserver, tmp_path):
    env = xserver
    app = subprocess.Popen([sys.executable, "-m", "osteoviz"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        phases = process_content("endochondral").phases
        wid = wait_for(lambda: xdo(env, "search", "--name", phases[0].title).stdout.split(), timeout=90)
        assert wid, "the osteoviz window did not appear"
        wid = wid[0]
        xdo(env, "windowfocus", "--sync", wid)
        xdo(env, "key", "F5")
        assert wait_for(lambda: f"Geometry: {W}x{H}" in xdo(env, "getwindowgeometry", wid).stdout, timeout=20)
        xdo(env, "key", "Next")  # PageDown, as a presentation clicker sends it: plays to the first stop
        xdo(env, "key", "Next")  # pressed again before it gets there: jumps to that stop
        xdo(env, "key", "Next")  # plays on to the next phase's stop
        assert wait_for(lambda: phases[1].title in xdo(env, "getwindowname", wid).stdout, timeout=30)
        time.sleep(1.0)
        px = grab(env, tmp_path / "screen.png").reshape(-1, 3).astype(int)
        prof = load_profile("screen")
        panel = np.array(hex_rgb(prof.panel))
        bg = np.array(hex_rgb(prof.background))
        assert (np.abs(px - panel).sum(axis=1) < 6).mean() < 0.02  # no side panel or controls: canvas only
        assert (np.abs(px - bg).sum(axis=1) < 6).mean() > 0.2
        screen = px.reshape(H, W, 3)
        accent = np.array(hex_rgb(prof.accent))
        assert (np.abs(screen[-3:] - accent).sum(axis=2) < 30).any()  # the progress line
    finally:
        app.terminate()
        app.wait(timeout=20)


def background_share(px: np.ndarray, colour: str) -> float:
    return float((np.abs(px.reshape(-1, 3).astype(int) - np.array(hex_rgb(colour))).sum(axis=1) < 6).mean())


def test_lecture_sequence_through_every_process_with_real_keys(xserver, tmp_path):
    """F5, PageDown through both processes (title cards between), end card, B, Escape — projector profile."""
    from osteoviz.model import registry

    env = xserver
    (tmp_path / "settings.ini").write_text("[General]\nprofile=projector\nspeed=8\nprocess=endochondral\n")
    shots = os.environ.get("OSTEOVIZ_SHOTS")  # keep the screenshots to look at
    prof = load_profile("projector")
    app = subprocess.Popen([sys.executable, "-m", "osteoviz"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def shot(name):
        px = grab(env, tmp_path / f"{name}.png")
        if shots:
            shutil.copy(tmp_path / f"{name}.png", os.path.join(shots, f"{name}.png"))
        return px

    try:
        order = registry.process_ids()
        first = process_content(order[0]).phases
        wid = wait_for(lambda: xdo(env, "search", "--name", first[0].title).stdout.split(), timeout=90)
        assert wid, "the osteoviz window did not appear"
        wid = wid[0]
        xdo(env, "windowfocus", "--sync", wid)
        xdo(env, "key", "F5")
        assert wait_for(lambda: f"Geometry: {W}x{H}" in xdo(env, "getwindowgeometry", wid).stdout, timeout=20)
        time.sleep(1.0)
        assert background_share(shot("title-card"), prof.background) > 0.85  # the title card fills the screen
        for n, pid in enumerate(order):
            content = process_content(pid)
            for phase in content.phases:
                xdo(env, "key", "Next", "Next")  # play towards the stop, and jump straight to it
                name = f"{content.title} · {phase.title}"
                assert wait_for(lambda: xdo(env, "getwindowname", wid).stdout.strip().endswith(name), timeout=30), name
            time.sleep(0.5)
            px = shot(f"last-phase-{pid}")
            assert background_share(px, prof.background) < 0.8  # a picture, not a card
            xdo(env, "key", "Next")  # the next title card or the end card
            if n + 1 < len(order):
                nxt = process_content(order[n + 1])
                assert wait_for(lambda: f"{nxt.title} · {nxt.phases[0].title}" in xdo(env, "getwindowname", wid).stdout,
                                timeout=60)
                time.sleep(0.5)
                assert background_share(shot(f"title-card-{order[n + 1]}"), prof.background) > 0.85
        time.sleep(1.0)
        end = shot("end-card")
        assert background_share(end, prof.background) > 0.85
        assert f"Geometry: {W}x{H}" in xdo(env, "getwindowgeometry", wid).stdout  # still presenting
        xdo(env, "key", "b")
        time.sleep(0.5)
        assert (shot("blank").reshape(-1, 3).max(axis=1) < 8).mean() > 0.99
        xdo(env, "key", "Escape")  # first removes the blank
        time.sleep(0.5)
        assert background_share(shot("after-blank"), prof.background) > 0.85
        xdo(env, "key", "Escape")  # then leaves presentation
        assert wait_for(lambda: f"Geometry: {W}x{H}" not in xdo(env, "getwindowgeometry", wid).stdout, timeout=20)
    finally:
        app.terminate()
        app.wait(timeout=20)
