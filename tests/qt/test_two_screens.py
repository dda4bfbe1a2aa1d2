"""With a projector and a laptop screen: presentation on one, the notes and the keyboard help on the other."""

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys
from PySide6 import QtWidgets
app = QtWidgets.QApplication([])
from osteoviz.qt.window import MainWindow
screens = QtWidgets.QApplication.screens()
w = MainWindow("endochondral")
w.show()
app.processEvents()
w.enter_presentation()
app.processEvents()
w.toggle_notes()
w.show_keys()
app.processEvents()
at = lambda widget: QtWidgets.QApplication.screenAt(widget.frameGeometry().center()).name()
print(json.dumps({"screens": len(screens), "main": at(w), "notes": at(w.notes), "help": at(w._key_help),
                  "presenting": w.presenting}))
"""


def test_notes_and_help_open_on_the_lecturers_screen(tmp_path):
    config = {"screens": [
        {"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "laptop", "x": 1920, "y": 0, "width": 1440, "height": 900, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]}
    path = tmp_path / "screens.json"
    path.write_text(json.dumps(config))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}", OSTEOVIZ_SETTINGS=str(tmp_path / "s.ini"))
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["screens"] == 2 and seen["presenting"]
    assert seen["main"] == "projector"
    assert seen["notes"] == "laptop" and seen["help"] == "laptop"
