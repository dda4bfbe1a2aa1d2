"""Qt test fixtures: a shown main window with its own settings file."""

import pytest

from osteoviz.qt.window import MainWindow


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("OSTEOVIZ_SETTINGS", str(path))
    return path


@pytest.fixture
def window(qtbot, settings_file):
    w = MainWindow("endochondral")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.canvas.setFocus()
    qtbot.wait(20)
    return w
