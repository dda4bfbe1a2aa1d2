"""A lecture on the clicker alone: title cards, every process's stops in turn, the end card, and a locked-down screen."""

import time

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from osteoviz.colours import hex_rgb
from osteoviz.content import process_content
from osteoviz.model import registry
from osteoviz.qt.lecture import resolve_order, valid_order
from osteoviz.qt.presentation import free_rect, picture_rects
from osteoviz.qt.settings import load_preferences

Key = QtCore.Qt.Key


def page_down(window, qtbot, target=None):
    qtbot.keyClick(target or window.canvas, Key.Key_PageDown)
    qtbot.waitUntil(lambda: not window.clock.playing, timeout=8000)


def canvas_pixels(window) -> np.ndarray:
    img = window.canvas.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 3 * img.width()].reshape(img.height(), img.width(), 3)


def test_full_clicker_run_through_every_process_ends_on_the_end_card(window, qtbot):
    window.clock.set_speed(8.0)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    order = registry.process_ids()
    seen = []
    for n, pid in enumerate(order, start=1):
        assert window.lecture.state == "title" and window.clock.process == pid
        assert window.lecture.card.isVisible() and window.lecture.card.texts()[0].endswith(f"{n} of {len(order)}")
        assert process_content(pid).title in window.lecture.card.texts()[1]
        for phase in registry.get(pid).phases:
            page_down(window, qtbot)
            assert window.lecture.state == "phases"
            assert window.clock.day == pytest.approx(phase.representative_day)
            assert window.clock.phase().id == phase.id
            seen.append((pid, phase.id))
        page_down(window, qtbot)  # after the last stop: the next title card, or the end card
    assert seen == [(p, ph.id) for p in order for ph in registry.get(p).phases]
    assert window.lecture.state == "end" and window.presenting
    text = window.lecture.card.texts()[1]
    assert text == "End"
    page_down(window, qtbot)  # nothing after the end
    assert window.lecture.state == "end"
    # the end card fills the canvas in the profile's background
    qtbot.wait(20)
    px = canvas_pixels(window).reshape(-1, 3).astype(int)
    bg = np.array(hex_rgb(window.canvas.profile.background))
    assert (np.abs(px - bg).sum(axis=1) < 6).mean() > 0.9


def test_page_up_walks_back_across_the_boundary(window, qtbot):
    first, second = registry.process_ids()[:2]
    window.clock.set_speed(8.0)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    page_down(window, qtbot)
    assert window.clock.day == pytest.approx(registry.get(first).phases[0].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageUp)  # from the first stop back to the title card
    assert window.lecture.state == "title" and window.clock.process == first
    qtbot.keyClick(window.canvas, Key.Key_PageUp)  # nothing before the first title card
    assert window.lecture.state == "title" and window.clock.process == first
    window.lecture.show_title(second)
    assert window.clock.process == second
    qtbot.keyClick(window.canvas, Key.Key_PageUp)  # across the boundary: the last stop of the first process
    assert window.lecture.state == "phases" and window.clock.process == first
    assert window.clock.day == pytest.approx(registry.get(first).phases[-1].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageUp)
    assert window.clock.day == pytest.approx(registry.get(first).phases[-2].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # jump, as during playback
    assert window.clock.day == pytest.approx(registry.get(first).phases[-1].representative_day)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert window.lecture.state == "title" and window.clock.process == second
    # from the end card PageUp returns to the last stop
    window.lecture.show_end()
    qtbot.keyClick(window.canvas, Key.Key_PageUp)
    assert window.lecture.state == "phases" and window.clock.day == pytest.approx(window.clock.stops()[-1])


def test_page_down_during_playback_jumps_to_the_stop(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    window.clock.set_speed(0.25)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)  # leaves the title card and plays
    assert window.clock.playing and window.lecture.state == "phases"
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    assert not window.clock.playing
    assert window.clock.day == pytest.approx(window.clock.phases[0].representative_day)


def test_switch_process_by_key_and_menu_without_leaving_presentation(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    first, second = registry.process_ids()[:2]
    page_down(window, qtbot)
    qtbot.keyClick(window.canvas, Key.Key_X)
    assert window.presenting and window.clock.process == second and window.lecture.state == "title"
    window.process_actions[first].trigger()  # the menu item (Playback → Process, also on right click)
    assert window.presenting and window.clock.process == first and window.lecture.state == "title"
    menu = window.presentation_menu()
    titles = [a.text() for a in menu.actions()]
    assert window.menus["process"].title() in titles and window.menus["lecture"].title() in titles
    assert window.isFullScreen()


def test_lecture_order_setting(window, qtbot, settings_file):
    first, second = registry.process_ids()[:2]
    assert resolve_order("") == list(registry.process_ids()) == resolve_order("*")
    assert resolve_order(f"{second},*")[:2] == [second, first]
    assert resolve_order(first) == [first]
    assert not valid_order("banana") and not valid_order(f"{first},{first}") and valid_order(f"{second},*")
    only = [a for (v, _, _), a in window.lecture_actions.items() if v == first][0]
    only.trigger()  # View → Lecture sequence → Only the first process
    window.clock.set_speed(8.0)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    for _ in registry.get(first).phases:
        page_down(window, qtbot)
    page_down(window, qtbot)
    assert window.lecture.state == "end" and window.clock.process == first
    window.close()
    prefs, warnings = load_preferences()
    assert prefs.lecture_order == first and not warnings
    settings_file.write_text("[General]\nlecture_order=nothing,here\n")
    prefs, warnings = load_preferences()
    assert prefs.lecture_order == "*" and len(warnings) == 1


def test_f5_while_presenting_stays_and_ctrl0_returns_to_presentation_size(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    assert window.presenting and window.isFullScreen()
    size = window.canvas.text_scale
    assert size >= 1.5
    ctrl = QtCore.Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.canvas, Key.Key_Minus, ctrl)
    assert window.canvas.text_scale < size
    qtbot.keyClick(window.canvas, Key.Key_0, ctrl)
    assert window.canvas.text_scale == pytest.approx(size)
    qtbot.keyClick(window.canvas, Key.Key_Escape)
    qtbot.keyClick(window.canvas, Key.Key_0, ctrl)
    assert window.canvas.text_scale == 1.0


def test_no_status_bar_no_tooltips_and_controls_float_over_the_canvas(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    page_down(window, qtbot)
    qtbot.wait(50)
    assert not window.statusBar().isVisible()
    before = window.canvas.geometry()
    # hover the organ: in presentation no tooltip and no status message
    organ = window.canvas.organ_scene_rect().center().toPoint()
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, organ)
    QtWidgets.QApplication.sendEvent(viewport, QtGui.QMouseEvent(
        QtCore.QEvent.Type.MouseMove, QtCore.QPointF(organ), QtCore.QPointF(viewport.mapToGlobal(organ)),
        QtCore.Qt.MouseButton.NoButton, QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier))
    qtbot.wait(50)
    assert window.timeline.isVisible() and window.controls_bar.isVisible()  # the controls appear...
    assert window.canvas.geometry() == before  # ...over the canvas, which keeps its size
    assert window.controls_bar.geometry().bottom() <= window.canvas.geometry().bottom() + 1
    assert not QtWidgets.QToolTip.isVisible()
    assert not window.statusBar().isVisible() and not window.statusBar().currentMessage()
    ev = QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, QtCore.QPoint(5, 5), window.timeline.mapToGlobal(QtCore.QPoint(5, 5)))
    QtWidgets.QApplication.sendEvent(window.timeline, ev)
    assert not QtWidgets.QToolTip.isVisible()
    qtbot.waitUntil(lambda: not window.timeline.isVisible(), timeout=5000)  # and hide again
    assert window.canvas.geometry() == before
    qtbot.keyClick(window.canvas, Key.Key_Escape)
    assert window.statusBar().isVisible() and window.timeline.isVisible()
    assert window.timeline.geometry().top() >= window.canvas.geometry().bottom()  # back in the layout, below


def test_clicker_keys_reach_the_main_window_from_the_notes_and_help(window, qtbot):
    window.clock.set_speed(8.0)
    qtbot.keyClick(window.canvas, Key.Key_N)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    notes = window.notes
    notes.activateWindow()
    notes.setFocus()
    page_down(window, qtbot, notes)
    assert window.lecture.state == "phases"
    assert window.clock.day == pytest.approx(window.clock.phases[0].representative_day)
    page_down(window, qtbot, notes.notes)  # a label inside the notes window
    assert window.clock.day == pytest.approx(window.clock.phases[1].representative_day)
    qtbot.keyClick(notes, Key.Key_PageUp)
    assert window.clock.day == pytest.approx(window.clock.phases[0].representative_day)
    qtbot.keyClick(notes, Key.Key_B)
    assert window.blank.isVisible()
    qtbot.keyClick(notes, Key.Key_Period)  # any key returns
    assert not window.blank.isVisible()
    qtbot.keyClick(notes, Key.Key_W)
    assert window.blank.isVisible()
    qtbot.keyClick(notes, Key.Key_Escape)
    assert not window.blank.isVisible() and window.presenting
    window.actions["keys"].trigger()  # Help → Keyboard shortcuts
    help_table = window._key_help.table
    page_down(window, qtbot, help_table)
    assert window.clock.day == pytest.approx(window.clock.phases[1].representative_day)
    qtbot.keyClick(help_table, Key.Key_Escape)
    assert not window.presenting


def test_notes_timer_starts_at_f5_and_notes_follow_the_cards(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_N)
    notes = window.notes
    assert "F5" in notes.elapsed.text()
    qtbot.keyClick(window.canvas, Key.Key_F5)
    notes.refresh()
    assert "0:00" in notes.elapsed.text()
    assert "Title card" in notes.now.text()
    assert window.clock.phases[0].id and process_content("endochondral").phases[0].title in notes.next.text()
    window.presentation_started = time.monotonic() - 65
    notes.refresh()
    assert "1:05" in notes.elapsed.text()


def test_notes_on_one_screen_keep_clear_of_caption_and_picture(window, qtbot):
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    page_down(window, qtbot)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_PageDown)
    qtbot.keyClick(window.canvas, Key.Key_N)
    qtbot.wait(50)
    notes = window.notes
    top_left = window.canvas.mapFromGlobal(notes.geometry().topLeft())
    box = QtCore.QRectF(QtCore.QRect(top_left, notes.size()))
    for r in picture_rects(window.canvas):
        assert not box.intersects(r), (box, r)


def test_free_rect_picks_the_largest_part_clear_of_the_blocked_ones():
    area = QtCore.QRectF(0, 0, 1000, 600)
    blocked = [QtCore.QRectF(0, 0, 1000, 80), QtCore.QRectF(20, 100, 600, 400)]  # a caption band, a picture
    free = free_rect(area, blocked)
    assert free == QtCore.QRectF(620, 80, 380, 520)
    assert free_rect(area, []) == area


def test_larger_text_labels_and_language_never_squeeze_the_organ_in_presentation(window, qtbot):
    from osteoviz.qt.presentation import ORGAN_FLOOR, ORGAN_KEEP, organ_share

    ctrl = QtCore.Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    window.showNormal()  # a projector's 1920x1080 (the test screen is smaller)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.canvas.width() == 1920)
    for pid in registry.process_ids():
        window.lecture.show_title(pid)
        page_down(window, qtbot)
        for labels in (False, True):
            if window.canvas.show_labels != labels:
                qtbot.keyClick(window.canvas, Key.Key_L)
            qtbot.keyClick(window.canvas, Key.Key_0, ctrl)
            base = organ_share(window)
            floor = min(ORGAN_FLOOR, ORGAN_KEEP * base)
            for _ in range(8):
                qtbot.keyClick(window.canvas, Key.Key_Plus, ctrl)
                assert organ_share(window) >= floor - 1e-3
            window.set_language("nl")
            assert organ_share(window) >= floor - 1e-3
            window.set_language("en")
        qtbot.keyClick(window.canvas, Key.Key_L)
    assert window.presenting


@pytest.mark.parametrize("profile", ["screen", "projector"])
def test_cards_are_drawn_in_the_profiles_colours_with_large_text(window, qtbot, profile):
    window.set_profile(profile)
    qtbot.keyClick(window.canvas, Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen())
    qtbot.wait(20)
    prof = window.canvas.profile
    for show in (window.lecture.show_title, window.lecture.show_end):
        show()
        px = canvas_pixels(window).reshape(-1, 3).astype(int)
        near = lambda colour: (np.abs(px - np.array(hex_rgb(colour))).sum(axis=1) < 30).mean()  # noqa: E731
        assert near(prof.background) > 0.8  # the card covers the picture
        assert near(prof.text) > 0.001  # large title text in the profile's text colour
        assert near(prof.accent) > 0.0002  # the accent rule under the title


@pytest.mark.parametrize("process", registry.process_ids())
def test_every_page_down_plays_about_the_same_time_at_1x(process):
    from osteoviz.qt.clockstate import ClockState

    clock = ClockState(process)
    positions = [0.0] + [clock.scale.to_pos(d) for d in clock.stops()]
    seconds = np.diff(positions) * clock.scale.seconds_at_1x
    assert all(4.0 <= s <= 8.0 for s in seconds), seconds  # from the title card to the first stop, then stop to stop
    bands = [clock.scale.to_pos(p.start_day) for p in clock.phases[1:]] + [1.0]
    widths = np.diff([0.0] + bands) * clock.scale.seconds_at_1x
    assert all(3.0 <= w <= 10.0 for w in widths), widths  # the timeline's phase bands stay of similar width


def test_blank_screen_outside_presentation_ends_on_any_key_and_events_pass_no_filter_otherwise(window, qtbot, monkeypatch):
    seen = []
    real = type(window).eventFilter
    monkeypatch.setattr(type(window), "eventFilter", lambda self, obj, ev: seen.append(ev.type()) or real(self, obj, ev))
    window.canvas.update()
    qtbot.keyClick(window.canvas, QtCore.Qt.Key.Key_Right)  # a step: the picture repaints
    qtbot.wait(50)
    assert seen == []  # while not presenting, no event of the application is filtered by the window
    qtbot.keyClick(window.canvas, QtCore.Qt.Key.Key_B)
    assert window.blank.isVisible() and not window.presenting
    day = window.clock.day
    qtbot.keyClick(window.canvas, QtCore.Qt.Key.Key_Right)  # any key returns (and does not also step)
    assert not window.blank.isVisible() and window.clock.day == day
    assert seen  # the blank screen's key went through the filter
    seen.clear()
    qtbot.keyClick(window.canvas, QtCore.Qt.Key.Key_Right)
    qtbot.wait(50)
    assert seen == [] and window.clock.day > day
