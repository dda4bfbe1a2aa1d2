"""Language switch in the window: every visible text follows at once, and the choice is remembered."""

from PySide6 import QtWidgets

from osteoviz.content import process_content, strings
from osteoviz.qt.settings import load_preferences
from osteoviz.qt.window import MainWindow


def _menu_titles(w) -> list[str]:
    return [a.text() for a in w.menuBar().actions()]


def _language_menu(w) -> QtWidgets.QMenu:
    """The submenu that lists Nederlands (whatever language its own title is in)."""
    # found among the window's menus, not through QAction.menu(): before PySide6 6.11 that returns a wrapper
    # that is already dead
    found = [m for m in w.findChildren(QtWidgets.QMenu) if "Nederlands" in [x.text() for x in m.actions()]]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} language menus")
    return found[0]


def test_switching_to_dutch_from_the_menu_changes_every_text(window, qtbot):
    en, nl = strings("en"), strings("nl")
    phase = window.clock.phases[window.clock.phase_index()].id
    assert process_content("endochondral", "en").phase(phase).title in window.panel.toPlainText()
    assert en("menu.file") in _menu_titles(window)
    dutch = next(a for a in _language_menu(window).actions() if a.text() == "Nederlands")
    dutch.trigger()
    qtbot.waitUntil(lambda: process_content("endochondral", "nl").phase(phase).title in window.panel.toPlainText())
    assert nl("menu.file") in _menu_titles(window) and en("menu.file") not in _menu_titles(window)
    assert window.controls.loop.text() == nl("control.loop")
    assert window.controls.process.currentText() == nl("process.endochondral")
    assert window.actions["next_phase"].text() == nl("control.next_phase")
    assert window.timeline.toolTip() == nl("timeline.tooltip")
    assert process_content("endochondral", "nl").title in window.windowTitle()
    assert window.canvas.lang == "nl"
    # the language menu still names each language in itself, and the menu is rebuilt, not duplicated
    assert [a.text() for a in _language_menu(window).actions()] == ["English", "Nederlands"]
    assert len(window.menuBar().actions()) == 5  # File, View, Playback, Experiments, Help
    assert nl("menu.experiments") in _menu_titles(window) and window.views.actions["compare"].text() == nl("action.compare")


def test_the_canvas_caption_is_redrawn_in_the_new_language(window, qtbot):
    window.render_now()
    before = window.canvas.render_image(960, 540)
    window.set_language("nl")
    window.render_now()
    after = window.canvas.render_image(960, 540)
    caption = (0, 0, 960, 60)
    assert before.copy(*caption) != after.copy(*caption)


def test_language_is_remembered(qtbot, settings_file):
    w = MainWindow("endochondral")
    qtbot.addWidget(w)
    w.set_language("nl")
    w.close()
    prefs, warnings = load_preferences()
    assert not warnings and prefs.language == "nl"
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert w2.lang == "nl" and w2.language_actions["nl"].isChecked()
    assert w2.controls.loop.text() == strings("nl")("control.loop")
