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
