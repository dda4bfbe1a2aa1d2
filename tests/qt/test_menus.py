"""Window trust: help and language switches create no lasting widgets; every action in a menu; Ctrl+Q; About; fits the screen."""

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from osteoviz import __version__
from osteoviz.content import glossary
from osteoviz.qt.clockstate import SPEEDS

Key = QtCore.Qt.Key


def widget_count(qtbot):
    app = QtWidgets.QApplication.instance()
    for _ in range(3):
        app.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
        app.processEvents()
    return len(QtWidgets.QApplication.allWidgets())


def test_key_help_opened_100_times_leaves_the_widget_count_flat(window, qtbot):
    window.show_keys()
    window._key_help.close()
    before = widget_count(qtbot)
    for _ in range(100):
        qtbot.keyClick(window.canvas, Key.Key_F1)
        window._key_help.close()
    assert widget_count(qtbot) == before
    window.show_keys()
    rows = window._key_help.rows()
    ctrl_q = QtGui.QKeySequence("Ctrl+Q").toString(QtGui.QKeySequence.SequenceFormat.NativeText)
    assert len(rows) == len({label for _, label in rows}) and sum(k.split(", ").count(ctrl_q) for k, _ in rows) == 1


def test_language_switches_leave_the_widget_count_flat(window, qtbot):
    window.show_keys()
    window.show_about()
    window.set_language("nl")
    window.set_language("en")
    before = widget_count(qtbot)
    for i in range(40):
        window.set_language("nl" if i % 2 == 0 else "en")
    assert widget_count(qtbot) == before
    window.set_language("nl")
    assert window.menus["file"].title() == "&Bestand" or window.menus["file"].title() != "&File"
    assert window._key_help.windowTitle() != "Keyboard shortcuts"  # the open help follows the language


def menu_actions(menu):
    """Every action in a menu and its submenus (submenus found as child QMenus: before PySide6 6.11
    QAction.menu() returns a dead wrapper)."""
    out = list(menu.actions())
    for sub in menu.findChildren(QtWidgets.QMenu):
        if sub.menuAction() in out:
            out += menu_actions(sub)
    return out


def test_every_action_is_in_a_menu(window):
    in_menus = set()
    for top in window.menuBar().findChildren(QtWidgets.QMenu):
        if top.menuAction() in window.menuBar().actions():
            in_menus.update(menu_actions(top))
    everything = (list(window.actions.values()) + list(window.profile_actions.values())
                  + list(window.language_actions.values()) + list(window.process_actions.values())
                  + list(window.speed_actions.values()))
    missing = [a.text() for a in everything if a not in in_menus]
    assert not missing
    # process, speed and loop from the menus drive the clock, and the menus follow the controls
    window.process_actions["intramembranous"].trigger()
    assert window.clock.process == "intramembranous"
    window.speed_actions[SPEEDS[-1]].trigger()
    assert window.clock.speed == SPEEDS[-1] and window.controls.speed.currentData() == SPEEDS[-1]
    window.actions["loop"].trigger()
    assert window.clock.loop and window.controls.loop.isChecked()
    window.controls.speed.setCurrentIndex(0)
    assert window.speed_actions[SPEEDS[0]].isChecked()


def test_no_shortcut_is_ambiguous_and_ctrl_q_quits(window, qtbot):
    seen = {}
    for a in window.findChildren(QtGui.QAction):
        for k in a.shortcuts():
            assert k.toString() not in seen, f"{k.toString()} is bound to {seen[k.toString()]!r} and {a.text()!r}"
            seen[k.toString()] = a.text()
    assert "Ctrl+Q" in seen
    qtbot.keyClick(window.canvas, Key.Key_Q, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_about_names_version_licence_sources_and_citation(window, qtbot):
    help_menu = window.menus["help"]
    assert window.actions["about"] in help_menu.actions()
    window.actions["about"].trigger()
    text = window._about.text.toPlainText()
    assert __version__ in text and "MIT" in text and "cite" in text.lower()
    assert all(ref in text for ref in glossary("en").references.values())
    window.set_language("nl")
    window.actions["about"].trigger()
    assert "MIT-licentie" in window._about.text.toPlainText()


def test_dutch_loads_qt_own_translations(window):
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    if not QtCore.QFileInfo(f"{folder}/qtbase_nl.qm").exists():
        pytest.skip("this PySide6 ships no qtbase_nl.qm")
    cancel = lambda: QtCore.QCoreApplication.translate("QPlatformTheme", "Cancel")  # noqa: E731
    assert cancel() == "Cancel"
    window.set_language("nl")
    assert cancel() == "Annuleren"
    window.set_language("en")
    assert cancel() == "Cancel"


def test_window_never_opens_larger_than_the_screen(qtbot, settings_file):
    from osteoviz.qt.window import MainWindow

    w = MainWindow("endochondral")  # asks for 1600×960; the offscreen screen is smaller
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    avail = w.screen().availableGeometry()
    assert avail.width() < 1600 or avail.height() < 960, "the test needs a screen smaller than the default size"
    qtbot.waitUntil(lambda: avail.contains(w.frameGeometry()), timeout=3000)


def test_cycling_profiles_leaves_the_controls_as_they_were(window, qtbot):
    def snapshot():
        QtWidgets.QApplication.processEvents()
        return [(type(c).__name__, c.geometry().getRect(), c.font().pixelSize(), c.font().pointSize())
                for c in window.controls.findChildren(QtWidgets.QWidget) if c.isVisible()]

    before = snapshot()
    for _ in range(3):
        qtbot.keyClick(window.canvas, Key.Key_P)
    assert window.canvas.profile.name == "screen" and snapshot() == before


def test_text_size_scales_the_panel_headings_too(window, qtbot):
    def heading_px():
        doc = window.panel.document()
        block = doc.begin()
        sizes = {}
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                sizes.setdefault(level, block.begin().fragment().charFormat().font().pixelSize())
            block = block.next()
        return sizes

    window.render_now()
    small = heading_px()
    for _ in range(5):
        qtbot.keyClick(window.canvas, Key.Key_Plus, QtCore.Qt.KeyboardModifier.ControlModifier)
    window.render_now()
    big = heading_px()
    assert set(small) == {2, 3}
    assert all(big[k] >= 1.8 * small[k] for k in small), (small, big)
