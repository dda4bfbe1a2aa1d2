"""Lecture mode driven by real key presses: phase stops, blank screen, profiles, text size, labels, settings."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from osteoviz.content import process_content
from osteoviz.qt.settings import Preferences, load_preferences, settings_store
from osteoviz.qt.window import MainWindow

Key = QtCore.Qt.Key


def test_presentation_phase_stops(window, qtbot):
    window.clock.set_speed(8.0)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    assert window.presenting and window.isFullScreen()
    assert not window.panel.isVisible() and not window.timeline.isVisible()
    assert window.canvas.text_scale >= 1.5
    stops = [p.representative_day for p in window.clock.phases]
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert window.clock.playing
    qtbot.waitUntil(lambda: not window.clock.playing, timeout=5000)
    assert window.clock.day == pytest.approx(stops[0])  # where the cartilage model is shown
    assert window.clock.phase().id == "cartilage_model"
    qtbot.keyClick(window.canvas, Key.Key_Right)  # clickers also send arrows
    qtbot.waitUntil(lambda: not window.clock.playing, timeout=5000)
    assert window.clock.day == pytest.approx(stops[1]) and window.clock.phase().id == "hypertrophy"
    qtbot.keyClick(window.canvas, Key.Key_PageUp)
    assert window.clock.day == pytest.approx(stops[0])
    qtbot.keyClick(window.canvas, Key.Key_Escape)
    assert not window.presenting and window.panel.isVisible()


def test_page_down_while_playing_to_a_stop_jumps_straight_to_it(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    window.clock.set_speed(0.25)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # the clicker pressed again before the stop is reached
    assert not window.clock.playing
    assert window.clock.day == pytest.approx(window.clock.phases[0].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert window.clock.day == pytest.approx(window.clock.phases[1].representative_day)


def test_play_through_when_stops_are_off(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_T, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert not window.stop_at_phases
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert window.clock.playing
    qtbot.wait(300)
    assert window.clock.playing  # no stop: it keeps going
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert not window.clock.playing


def grab_colour(window) -> np.ndarray:
    img = window.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
    c = img.pixelColor(img.width() // 2, img.height() // 2)
    return np.array([c.red(), c.green(), c.blue()])


def test_blank_screen_and_any_key_returns(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    day = window.clock.day
    qtbot.keyClick(window.canvas, Key.Key_B)
    assert window.blank.isVisible()
    assert grab_colour(window).sum() == 0
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # any key returns, and does nothing else
    assert not window.blank.isVisible() and window.clock.day == day and not window.clock.playing
    qtbot.keyClick(window.canvas, Key.Key_W)
    assert window.blank.isVisible() and grab_colour(window).min() == 255
    qtbot.keyClick(window.canvas, Key.Key_Escape)  # Escape only removes the blank first
    assert not window.blank.isVisible() and window.presenting
    qtbot.keyClick(window.canvas, Key.Key_Period)
    assert window.blank.isVisible()


def test_profile_switch_by_key_and_menu(window, qtbot):
    assert window.canvas.profile.name == "screen"
    qtbot.keyClick(window.canvas, Key.Key_P)
    assert window.canvas.profile.name == "projector"
    qtbot.waitUntil(lambda: window.frames_drawn > 0)
    img = window.canvas.grab().toImage()
    assert img.pixelColor(3, 3).lightness() > 240  # light background on the projector profile
    window.profile_actions["colourblind"].trigger()
    assert window.canvas.profile.name == "colourblind"
    assert window.profile_actions["colourblind"].isChecked()


def test_text_size_keys(window, qtbot):
    ctrl = QtCore.Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.canvas, Key.Key_Plus, ctrl)
    qtbot.keyClick(window.canvas, Key.Key_Equal, ctrl)
    assert window.canvas.text_scale > 1.25 and window.panel.text_px > 15
    qtbot.keyClick(window.canvas, Key.Key_Minus, ctrl)
    assert 1.0 < window.canvas.text_scale < 1.25
    qtbot.keyClick(window.canvas, Key.Key_0, ctrl)
    assert window.canvas.text_scale == 1.0


def test_labels_toggle_draws_non_overlapping_labels(window, qtbot):
    window.clock.set_day(400)
    qtbot.keyClick(window.canvas, Key.Key_L)
    assert window.canvas.show_labels
    qtbot.waitUntil(lambda: window.canvas.frame.day == 400)
    window.canvas.set_frame(window.canvas.frame)
    placed = window.canvas.label_rects()
    keys = [k for k, _, _ in placed]
    assert "growth_plate" in keys and "secondary_centre" in keys
    rects = [r for _, _, r in placed]
    for i, a in enumerate(rects):
        assert window.canvas.rect().contains(a.toRect())
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    organ = window.canvas.organ_scene_rect()
    assert not any(r.intersects(organ) for r in rects)


def test_keyboard_help_lists_every_shortcut(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F1)
    dialog = window._key_help
    rows = dialog.rows()
    labels = [label for _, label in rows]
    for action in window.all_actions():
        if action.shortcuts():
            assert action.text().replace("&", "") in labels
    assert any("F5" in keys for keys, _ in rows) and any("PgDown" in keys or "PgDn" in keys for keys, _ in rows)


def test_presenter_notes_follow_the_phase(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_N)
    notes = window.notes
    assert notes.isVisible()
    first = process_content("endochondral").phases[0]
    assert first.title in notes.now.text()
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # to the first phase's stop
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    second = process_content("endochondral").phases[1]
    qtbot.waitUntil(lambda: second.title in notes.now.text())
    assert process_content("endochondral").phases[2].title in notes.next.text()


def test_settings_round_trip(qtbot, settings_file):
    w = MainWindow("intramembranous")
    qtbot.addWidget(w)
    w.set_profile("projector")
    w.scale_text(1.3)
    w.clock.set_speed(2.0)
    w.toggle_stop_at_phases()
    w.toggle_labels()
    w.close()
    prefs, warnings = load_preferences()
    assert not warnings
    assert (prefs.profile, prefs.speed, prefs.stop_at_phases, prefs.process, prefs.labels) == \
        ("projector", 2.0, False, "intramembranous", True)
    assert prefs.text_scale == pytest.approx(1.3)
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert w2.canvas.profile.name == "projector" and w2.clock.process == "intramembranous"
    assert w2.clock.speed == 2.0 and not w2.stop_at_phases and w2.canvas.show_labels


def test_damaged_settings_fall_back_with_a_warning(qtbot, settings_file, capsys):
    settings_file.write_text("[General]\nprofile=banana\ntext_scale=huge\nspeed=3\nprocess=endochondral\n")
    prefs, warnings = load_preferences(settings_store())
    assert prefs == Preferences(process="endochondral", geometry=prefs.geometry)
    assert len(warnings) == 3 and all("settings.ini" in w for w in warnings)
    assert any("'profile'" in w for w in warnings)
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.canvas.profile.name == "screen"
    assert "settings.ini" in capsys.readouterr().err
    settings_file.write_bytes(b"\x00\xff\xfe garbage [[[ \n==\n")
    w3 = MainWindow()  # never a crash
    qtbot.addWidget(w3)
    assert w3.canvas.profile.name == "screen"
