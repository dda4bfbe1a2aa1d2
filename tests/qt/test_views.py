"""The window's views: experiments menu and explanation, simulation off the GUI thread, Compare."""

import time

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from osteoviz import simcache
from osteoviz.content import strings
from osteoviz.model.scenario import Scenario

Key = QtCore.Qt.Key
SIM_TIMEOUT = 120_000  # ms: a femur scenario simulates in seconds, slower on a busy machine


@pytest.fixture
def fresh_cache(monkeypatch, tmp_path):
    """New scenarios really simulate: an empty disk cache, and a memo holding only what is loaded already."""
    monkeypatch.setenv("OSTEOVIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(simcache, "_MEMO", {k: v for k, v in simcache._MEMO.items() if k.is_normal})


def experiment_action(window, eid):
    return window.views.experiments.actions[eid]


def test_the_experiments_menu_lists_normal_and_the_experiments_and_explains_the_choice(toy_experiment, window, qtbot):
    titles = [m.title() for m in (a.menu() for a in window.menuBar().actions()) if m is not None]
    assert strings("en")("menu.experiments") in titles
    menu = window.views.menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == strings("en")("action.experiment_normal") and f"Toy {toy_experiment}" in texts
    assert experiment_action(window, "").isChecked()
    experiment_action(window, toy_experiment).trigger()
    qtbot.waitUntil(lambda: window.views.view.is_ready, timeout=SIM_TIMEOUT)
    assert window.views.view.shown == Scenario("endochondral", (toy_experiment,))
    qtbot.waitUntil(lambda: "Vessels enter slowly" in window.panel.toPlainText())
    text = window.panel.toPlainText()
    assert strings("en")("panel.watch") in text and "the bone front lags" in text
    # back to normal: the explanation goes
    experiment_action(window, "").trigger()
    qtbot.waitUntil(lambda: window.views.view.is_ready and window.views.view.shown.is_normal, timeout=SIM_TIMEOUT)
    qtbot.waitUntil(lambda: "Vessels enter slowly" not in window.panel.toPlainText())


def test_the_window_never_stalls_while_a_scenario_simulates(toy_experiment, window, fresh_cache, qtbot):
    assert not simcache.loaded(Scenario("endochondral", (toy_experiment,)))
    ticks = []
    probe = QtCore.QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    qtbot.wait(100)
    start = time.perf_counter()
    experiment_action(window, toy_experiment).trigger()  # the menu's action, as a click would
    assert window.views.view.strip.isVisible()  # progress shows at once
    fractions, arrived = [], []
    window.views.view.worker.progress.connect(fractions.append)
    window.views.view.ready.connect(lambda _sc: arrived.append(time.perf_counter()))
    qtbot.waitUntil(lambda: window.views.view.is_ready, timeout=SIM_TIMEOUT)
    probe.stop()
    end = arrived[0]  # the simulation is over when its history arrives (drawing the first frame is not simulating)
    during = [t for t in ticks if start - 0.02 <= t <= end] + [end]
    gaps = np.diff([start] + during)
    assert end - start > 1.0, "the scenario did not really simulate"
    worst = int(np.argmax(gaps))
    when = ([start] + during)[worst] - start
    assert gaps.max() < 0.100, f"the event loop stalled {gaps.max() * 1000:.0f} ms, {when:.2f} s of {end - start:.2f} s in"
    assert fractions and fractions[-1] == pytest.approx(1.0) and np.all(np.diff(fractions) >= 0)
    assert not window.views.view.strip.isVisible()


def test_cancel_stops_the_simulation_and_keeps_the_normal_picture(toy_experiment, window, fresh_cache, qtbot):
    before = window.canvas.frame
    experiment_action(window, toy_experiment).trigger()
    strip = window.views.view.strip
    qtbot.waitUntil(lambda: strip.bar.value() > 0, timeout=SIM_TIMEOUT)
    QTest.mouseClick(strip.cancel, QtCore.Qt.MouseButton.LeftButton)
    assert not strip.isVisible()
    assert experiment_action(window, "").isChecked()  # the menu goes back to what is shown
    assert window.views.view.shown.is_normal and window.views.view.is_ready
    qtbot.wait(1500)  # a cancelled run ends at its next step and leaves nothing behind
    assert not simcache.loaded(Scenario("endochondral", (toy_experiment,)))
    assert window.canvas.frame is before or window.canvas.frame.process == "endochondral"
    window.views.view.worker.wait_idle()
    assert not list((simcache.cache_dir()).glob("*.npz")) if simcache.cache_dir().exists() else True


def test_compare_needs_an_experiment_first(window, qtbot):
    QTest.keyClick(window.canvas, Key.Key_C)
    assert not window.views.actions["compare"].isChecked()
    assert window.statusBar().currentMessage() == strings("en")("experiments.choose_first")


def test_compare_shows_normal_beside_the_experiment_on_one_clock(toy_experiment, window, qtbot):
    experiment_action(window, toy_experiment).trigger()
    qtbot.waitUntil(lambda: window.views.view.is_ready, timeout=SIM_TIMEOUT)
    QTest.keyClick(window.canvas, Key.Key_C)  # View → Compare
    views = window.views
    assert views.actions["compare"].isChecked()
    other = views.stage.other
    qtbot.waitUntil(lambda: other.is_ready and views.view.is_ready, timeout=SIM_TIMEOUT)
    assert views.view.shown.is_normal and other.shown == Scenario("endochondral", (toy_experiment,))
    window.clock.set_day(200.0)  # week 28
    window.render_now()
    qtbot.wait(200)  # the layout settles
    # same scale: two canvases of one size, both at the clock's day
    assert abs(other.canvas.width() - window.canvas.width()) <= 1 and other.canvas.height() == window.canvas.height()
    assert window.canvas.height() > 300
    assert window.canvas.frame.day == other.canvas.frame.day == pytest.approx(200.0, abs=1)
    a = _pixels(window.canvas.render_image(640, 400))
    b = _pixels(other.canvas.render_image(640, 400))
    assert np.any(a != b, axis=2).mean() > 0.005, "normal and the experiment look the same"
    panel = views.stage.panel
    readout = panel.readout.text()
    assert "bone share" in readout and "%" in readout
    # the readout follows the clock
    window.clock.set_day(120.0)
    window.render_now()
    assert panel.readout.text() != readout
    assert panel.cursor.value() == pytest.approx(window.clock.pos)
    # the plot: the chosen measure over the whole clock for both, diverging
    xn, yn = panel.curve_normal.getData()
    xe, ye = panel.curve_other.getData()
    assert len(xn) == len(xe) > 20 and np.nanmax(np.abs(yn - ye)) > 1.0
    # Compare off: the main view shows the experiment again
    QTest.keyClick(window.canvas, Key.Key_C)
    assert not other.isVisible()
    qtbot.waitUntil(lambda: views.view.is_ready and not views.view.shown.is_normal, timeout=SIM_TIMEOUT)


def _pixels(img):
    from PySide6 import QtGui

    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    return np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def test_key_s_draws_the_signal_field_as_a_heat_map_with_a_colour_bar(toy_signals, window, qtbot):
    from osteoviz.qt.heatmap import _LUT

    window.clock.set_day(120.0)
    window.render_now()
    before = _pixels(window.canvas.render_image(960, 540))
    QTest.keyClick(window.canvas, Key.Key_S)
    assert window.views.actions["heat_map"].isChecked()
    window.render_now()
    heat = window.views.view.heat
    assert heat.current == "pthrp" and heat.bar.isVisible()
    after = _pixels(window.canvas.render_image(960, 540))
    changed = np.any(before != after, axis=2)
    assert changed.mean() > 0.03, "the heat map changed nothing"
    # the colour bar: its high end shows the ramp's top colour, with the signal's name beside it
    r = heat.bar.bar_rect()
    high = after[int(r.center().y()), int(r.right() - 3)]
    assert np.abs(high.astype(int) - _LUT[255, :3].astype(int)).max() < 40
    # Shift+S: the next signal; S again: gone
    QTest.keyClick(window.canvas, Key.Key_S, QtCore.Qt.KeyboardModifier.ShiftModifier)
    window.render_now()
    assert heat.current == "ihh"
    QTest.keyClick(window.canvas, Key.Key_S)
    window.render_now()
    assert heat.current is None and not heat.bar.isVisible()
    again = _pixels(window.canvas.render_image(960, 540))
    assert np.mean(np.any(again != before, axis=2)) < 0.002


def test_the_heat_map_is_exported_like_everything_else(toy_signals, window, qtbot, tmp_path):
    from PySide6 import QtGui

    from osteoviz.qt.export_picture import PictureOptions, export_picture

    QTest.keyClick(window.canvas, Key.Key_S)
    window.clock.set_day(120.0)
    plain = export_picture("endochondral", 120.0, tmp_path / "plain.png", PictureOptions(960, 540))
    opts = PictureOptions(960, 540)
    window.views.export_picture(tmp_path / "heat.png", opts)
    a, b = QtGui.QImage(str(plain)), QtGui.QImage(str(tmp_path / "heat.png"))
    assert b.size() == a.size() and np.any(_pixels(a) != _pixels(b), axis=2).mean() > 0.03
    assert '"signals": true' in b.text("osteoviz:options") and "--signals" in b.text("osteoviz:command")


def test_skeleton_map_follows_the_clock_and_opens_a_process_at_the_bone_onset(window, qtbot):
    from osteoviz.model.skeleton import load_bones

    window.views.actions["skeleton_map"].trigger()  # View → Skeleton map
    dock = window.views.skeleton_dock
    qtbot.waitExposed(dock)
    assert dock.isVisible() and window.views.actions["skeleton_map"] in window.menus["view"].actions()
    assert dock.isFloating()  # its own window beside the main one
    dock.setFloating(False)  # docked, so the offscreen platform routes the pointer to it (windows overlap there)
    view = dock.widget().view
    window.clock.set_day(150.0)
    assert view.day == pytest.approx(150.0)
    qtbot.wait(100)
    w, h = view.width(), view.height()
    data = load_bones()
    QTest.mouseMove(view, view.bone_point("femur", w, h).toPoint())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Femur"))
    QTest.mouseClick(view, QtCore.Qt.MouseButton.LeftButton, pos=view.bone_point("parietal", w, h, view="skull_side").toPoint())
    assert window.clock.process == "intramembranous"
    start = window.clock.scale.start_day
    assert window.clock.day == pytest.approx(max(data.bone("parietal").onset_day, start))
    qtbot.waitUntil(lambda: window.views.view.is_ready and window.canvas.frame.process == "intramembranous", timeout=SIM_TIMEOUT)
    qtbot.wait(600)  # not a double click
    w, h = view.width(), view.height()
    assert view.bone_at(view.bone_point("femur", w, h)) == "femur"
    QTest.mouseClick(view, QtCore.Qt.MouseButton.LeftButton, pos=view.bone_point("femur", w, h).toPoint())
    assert window.clock.process == "endochondral"
    assert window.clock.day == pytest.approx(max(data.bone("femur").onset_day, window.clock.scale.start_day))
    window.views.actions["skeleton_map"].trigger()
    assert not dock.isVisible()


def test_about_the_skeleton_from_help_and_from_the_side_panel(window, qtbot):
    from osteoviz.skeletoncontent import skeleton_text

    assert window.views.actions["about_skeleton"] in window.menus["help"].actions()
    window.views.actions["about_skeleton"].trigger()
    about = window.views.about
    assert about.isVisible() and skeleton_text("en").about_title in about.browser.toPlainText()
    about.close()
    assert strings("en")("panel.about_skeleton_link") in window.panel.toPlainText()
    window.panel.anchorClicked.emit(QtCore.QUrl("osteoviz:about-skeleton"))
    assert about.isVisible()


def test_exporting_while_comparing_writes_both_side_by_side(toy_experiment, window, qtbot, tmp_path):
    from PySide6 import QtGui

    from osteoviz.qt.export_picture import PictureOptions

    experiment_action(window, toy_experiment).trigger()
    QTest.keyClick(window.canvas, Key.Key_C)
    qtbot.waitUntil(lambda: window.views.stage.other.is_ready and window.views.view.is_ready, timeout=SIM_TIMEOUT)
    window.clock.set_day(120.0)
    out = window.views.export_picture(tmp_path / "cmp.png", PictureOptions(1280, 720))
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    assert img.text("osteoviz:scenario") == f"endochondral | endochondral+{toy_experiment}"
    assert "--compare" in img.text("osteoviz:command") and f"--experiment {toy_experiment}" in img.text("osteoviz:command")
    px = _pixels(img)
    assert np.any(px[:, :640] != px[:, 640:], axis=2).mean() > 0.01
