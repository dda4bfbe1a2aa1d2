"""The window as a user drives it: real key presses move the clock, the panel follows the phase."""

import time

import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from osteoviz.content import process_content

Key = QtCore.Qt.Key


def test_arrow_keys_step_the_clock(window, qtbot):
    start = window.clock.day
    qtbot.keyClick(window.canvas, Key.Key_Right)
    qtbot.keyClick(window.canvas, Key.Key_Right)
    assert window.clock.day > start
    after = window.clock.day
    qtbot.keyClick(window.canvas, Key.Key_Left)
    assert start < window.clock.day < after


def test_page_down_crosses_a_phase_and_the_panel_follows(window, qtbot):
    titles = [p.title for p in process_content("endochondral").phases]
    qtbot.waitUntil(lambda: titles[0] in window.panel.toPlainText())
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # first to where the cartilage model is shown
    assert window.clock.phase().id == "cartilage_model"
    assert window.clock.day == pytest.approx(window.clock.phases[0].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert window.clock.phase().id == "hypertrophy"
    qtbot.waitUntil(lambda: titles[1] in window.panel.toPlainText())
    assert titles[0] not in window.panel.toPlainText().splitlines()[1]
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.waitUntil(lambda: titles[3] in window.panel.toPlainText())
    qtbot.keyClick(window.canvas, Key.Key_PageUp)
    qtbot.waitUntil(lambda: titles[2] in window.panel.toPlainText())


def test_home_end_and_space(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_End)
    assert window.clock.pos == pytest.approx(1.0)
    qtbot.keyClick(window.canvas, Key.Key_Home)
    assert window.clock.pos == 0.0
    qtbot.keyClick(window.canvas, Key.Key_Space)
    assert window.clock.playing
    qtbot.wait(400)
    qtbot.keyClick(window.canvas, Key.Key_Space)
    assert not window.clock.playing
    assert window.clock.pos > 0.001
    assert window.actions["play"].text() == "Play"


def test_playback_drops_frames_instead_of_lagging(window, qtbot, monkeypatch):
    real = window.canvas.set_frame

    def slow(frame):
        time.sleep(0.15)  # a frame five times too slow for 30 fps
        real(frame)

    monkeypatch.setattr(window.canvas, "set_frame", slow)
    window.clock.set_speed(8.0)
    drawn = window.frames_drawn
    t0 = time.monotonic()
    window.clock.set_playing(True)
    qtbot.wait(1200)
    window.clock.set_playing(False)
    elapsed = time.monotonic() - t0
    expected = elapsed * 8.0 / window.clock.scale.seconds_at_1x  # timeline fraction the wall clock asks for
    assert window.clock.pos == pytest.approx(expected, rel=0.2)
    assert window.frames_drawn - drawn <= elapsed / 0.15 + 2  # no backlog of frames


def test_process_switch_and_scrub_on_timeline(window, qtbot):
    window.controls.process.setCurrentIndex(1)
    assert window.clock.process == "intramembranous"
    qtbot.waitUntil(lambda: process_content("intramembranous").phases[0].title in window.panel.toPlainText())
    tl = window.timeline
    x = int(tl.x_of(window.clock.scale.to_day(0.5)))
    qtbot.mouseClick(tl, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, 15))
    assert window.clock.pos == pytest.approx(0.5, abs=0.01)
    qtbot.waitUntil(lambda: window.canvas.frame is not None and window.canvas.frame.process == "intramembranous")


def test_hovering_a_narrow_phase_band_names_it_in_full(window, qtbot):
    tl = window.timeline
    phases = window.clock.phases
    titles = {p.id: process_content("endochondral").phase(p.id).title for p in phases[:-1]}
    ph = max(phases[:-1], key=lambda p: len(titles[p.id]))  # the longest title is shortened in its band
    ph = phases[phases.index(ph)]
    title = titles[ph.id]
    nxt = phases[phases.index(ph) + 1]
    x = int((tl.x_of(ph.start_day) + tl.x_of(nxt.start_day)) / 2)
    font_px = max(9, int(12 * tl.text_scale))
    assert QtGui.QFontMetricsF(QtGui.QFont("DejaVu Sans", font_px)).horizontalAdvance(title) > \
        tl.x_of(nxt.start_day) - tl.x_of(ph.start_day)
    before = window.clock.day
    QTest.mouseMove(tl, QtCore.QPoint(x, 15))
    qtbot.waitUntil(lambda: QtWidgets.QToolTip.text().startswith(title))
    assert process_content("endochondral").phase(ph.id).when in QtWidgets.QToolTip.text()
    assert window.clock.day == before  # hovering does not move the clock


def test_timeline_cursor_follows_the_clock_over_cached_bands(window, qtbot):
    tl = window.timeline
    prof = window.canvas.profile
    accent = QtGui.QColor(prof.accent)

    def cursor_x():
        img = tl.grab().toImage()
        y = int(tl._bar().top())
        xs = [x for x in range(img.width()) if abs(img.pixelColor(x, y).red() - accent.red()) < 8
              and abs(img.pixelColor(x, y).green() - accent.green()) < 8 and abs(img.pixelColor(x, y).blue() - accent.blue()) < 8]
        return sum(xs) / len(xs)

    window.clock.set_day(window.clock.phases[2].representative_day)
    qtbot.wait(50)
    first, key = cursor_x(), tl._bands_key
    window.clock.set_day(window.clock.phases[2].representative_day + 0.2)  # same phase: bands reused
    qtbot.wait(50)
    assert cursor_x() > first + 2 and tl._bands_key == key
    assert abs(cursor_x() - tl.x_of(window.clock.day)) < 4
