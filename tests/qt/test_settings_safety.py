"""A settings file cannot run code: a planted pickled @Variant is never unpickled; plain values still round-trip."""

import subprocess
import sys
import textwrap

from PySide6 import QtCore

from osteoviz.qt.export_dialog import ExportDialog
from osteoviz.qt.settings import Preferences, SettingsFile, load_preferences, save_preferences
from osteoviz.qt.window import MainWindow


def plant(settings_file, marker):
    """Write, with Qt's own QSettings, values that create `marker` when something unpickles them."""
    code = textwrap.dedent(f"""
        from PySide6 import QtCore
        class Payload:
            def __reduce__(self):
                return (open, ({str(marker)!r}, "w"))
        s = QtCore.QSettings({str(settings_file)!r}, QtCore.QSettings.Format.IniFormat)
        s.setValue("language", "nl")
        s.setValue("profile", Payload())
        s.setValue("geometry", Payload())
        s.setValue("export_picture/folder", Payload())
        s.sync()
    """)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    text = settings_file.read_text()
    assert text.count("@Variant(") == 3 and "PyObjectWrapper" in text and not marker.exists()


def test_planted_pickle_runs_nothing(qtbot, settings_file, tmp_path, capsys):
    marker = tmp_path / "code-ran"
    plant(settings_file, marker)
    prefs, warnings = load_preferences()
    assert not marker.exists(), "the payload was unpickled while reading the settings"
    assert prefs.profile == "screen" and prefs.geometry is None and prefs.language == "nl"  # plain values still read
    assert {w.split("'")[1] for w in warnings} == {"profile", "geometry"}
    assert all(str(settings_file) in w and "\n" not in w for w in warnings)
    w = MainWindow()
    qtbot.addWidget(w)
    dialog = ExportDialog("picture", "endochondral", 100.0, "screen", "en", w)
    assert dialog.path.text().endswith("osteoviz-endochondral.png")  # the default folder, not the payload
    dialog.remember()
    w.close()
    err = capsys.readouterr().err
    assert "field 'profile'" in err and str(settings_file) in err
    assert w.canvas.profile.name == "screen" and w.lang == "nl"
    assert not marker.exists()
    assert "@Variant" not in settings_file.read_text()  # the refused values are not written back


def test_plain_values_and_geometry_round_trip_with_qt(qtbot, settings_file):
    geometry = bytes(range(256)) + b"\x00\x01fe\\,;=\"x"
    save_preferences(Preferences(profile="projector", text_scale=1.3, geometry=QtCore.QByteArray(geometry)),
                     SettingsFile(settings_file))
    prefs, warnings = load_preferences()
    assert not warnings and bytes(prefs.geometry) == geometry and prefs.profile == "projector"
    # Qt reads our file as the same values (our file has no @Variant, so reading it with Qt is safe)...
    qt = QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat)
    assert bytes(qt.value("geometry")) == geometry and qt.value("profile") == "projector"
    # ...and we read a file written by Qt (settings from earlier versions keep working)
    qt.setValue("geometry", QtCore.QByteArray(geometry[::-1]))
    qt.setValue("profile", "colourblind")
    qt.beginGroup("export_movie")
    qt.setValue("folder", '/home/me/lectures, "2026"; bone')
    qt.endGroup()
    qt.sync()
    del qt
    prefs, warnings = load_preferences()
    assert not warnings and bytes(prefs.geometry) == geometry[::-1] and prefs.profile == "colourblind"
    store = SettingsFile(settings_file)
    store.beginGroup("export_movie")
    assert store.value("folder") == '/home/me/lectures, "2026"; bone'
