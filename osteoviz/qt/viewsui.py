"""The main window's views: scenario (experiments), Compare, heat map, skeleton map dock and About the skeleton."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import process_name, strings
from ..model import registry
from ..model.scenario import Scenario
from .aboutskeleton import about_skeleton_html
from .compare import Stage
from .experimentspanel import ExperimentsMenu, experiment_html, experiment_title
from .view import View

Key = QtCore.Qt.Key


class AboutSkeletonDialog(QtWidgets.QDialog):
    """The "About the skeleton" page in a window of its own (from Help or the side panel's link)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.browser = QtWidgets.QTextBrowser()
        col = QtWidgets.QVBoxLayout(self)
        col.addWidget(self.browser)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(620, 720)

    def show_page(self, profile, lang: str, text_px: int) -> None:
        self.setWindowTitle(strings(lang)("action.about_skeleton"))
        self.browser.setStyleSheet(f"QTextBrowser {{ background: {profile.panel}; border: none; padding: 10px; }}")
        self.browser.setHtml(about_skeleton_html(profile, lang, text_px))
        self.show()
        self.raise_()


class WindowViews(QtCore.QObject):
    """Everything the window shows besides its one canvas, made from new files so window.py stays small.

    The window's canvas becomes the main View of a Stage; the experiment chosen in the Experiments menu is its
    scenario, or (Compare) the second view's beside normal. Simulation runs off the GUI thread (View)."""

    ACTION_TEXT = {"compare": "action.compare", "heat_map": "action.heat_map", "next_signal": "action.next_signal",
                   "skeleton_map": "action.skeleton_map", "about_skeleton": "action.about_skeleton",
                   "development": "action.development"}

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.experiment = ""  # the chosen experiment of the current process ('' = normal)
        self.view = View(window.canvas, window.lang, self.title_of)
        self.stage = Stage(self.view, window.lang)
        self.view.ready.connect(self._view_ready)
        self.view.failed.connect(lambda m: self._failed(self.view, m))
        self.view.cancelled.connect(self._cancelled)
        self.skeleton_dock: QtWidgets.QDockWidget | None = None
        self.about: AboutSkeletonDialog | None = None
        self._first = True
        self.actions = self._make_actions()

    # -- actions and menus ----------------------------------------------------------------
    def _make_actions(self) -> dict[str, QtGui.QAction]:
        seq = QtGui.QKeySequence
        specs = {
            "compare": ([seq(Key.Key_C)], self.toggle_compare, True),
            "heat_map": ([seq(Key.Key_S)], self.toggle_heat_map, True),
            "next_signal": ([seq("Shift+S")], self.next_signal, False),
            "skeleton_map": ([seq(Key.Key_M)], self.toggle_skeleton_map, True),
            "about_skeleton": ([], self.show_about_skeleton, False),
            "development": ([seq(Key.Key_D)], self.toggle_development, True),
        }
        out = {}
        for key, (seqs, slot, checkable) in specs.items():
            a = QtGui.QAction(self.w)
            a.setShortcuts(seqs)
            a.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            a.setCheckable(checkable)
            a.triggered.connect(slot)
            self.w.addAction(a)
            out[key] = a
        return out

    def install_menus(self) -> None:
        """View → Compare, Signal heat map, Skeleton map; an Experiments menu before Help; Help → About the skeleton."""
        view = self.w.menus["view"]
        view.addSeparator()
        for k in ("compare", "development", "heat_map", "next_signal", "skeleton_map"):
            view.addAction(self.actions[k])
        bar = self.w.menuBar()
        self.menu = QtWidgets.QMenu(self.w)
        bar.insertMenu(self.w.menus["help"].menuAction(), self.menu)
        self.experiments = ExperimentsMenu(self.menu, self.w.lang, self)
        self.experiments.extra = [self.actions["compare"]]
        self.experiments.chosen.connect(self.choose)
        self.menu.aboutToShow.connect(lambda: self.experiments.refresh(self.w.clock.process, self.experiment))
        self.w.menus["help"].addAction(self.actions["about_skeleton"])
        self.w.panel.anchorClicked.connect(self._link)
        self.set_language(self.w.lang)

    def all_actions(self) -> list[QtGui.QAction]:
        return list(self.actions.values()) + list(self.experiments.actions.values())

    def set_language(self, lang: str) -> None:
        s = strings(lang)
        for key, a in self.actions.items():
            label = s(self.ACTION_TEXT[key])
            a.setText(label)
            if a.shortcuts():
                a.setToolTip(f"{label} ({a.shortcuts()[0].toString(QtGui.QKeySequence.SequenceFormat.NativeText)})")
        self.menu.setTitle(s("menu.experiments"))
        self.experiments.set_language(lang)
        self.view.set_language(lang)
        self.stage.lang = lang
        if self.stage.other is not None:
            self.stage.other.set_language(lang)
            self.stage.panel.set_language(lang)
        if self.skeleton_dock is not None:
            self.skeleton_dock.setWindowTitle(s("action.skeleton_map"))
            self.skeleton_dock.widget().set_language(lang)
        self._explain()

    # -- scenario -------------------------------------------------------------------------
    def title_of(self, sc: Scenario) -> str:
        name = process_name(sc.process, self.w.lang)
        if sc.is_normal:
            return name
        return f"{name} — " + " + ".join(experiment_title(sc.process, e, self.w.lang) for e in sc.experiments)

    def scenario(self) -> Scenario:
        """What the main view shows: normal while comparing (the experiment is beside it), else the choice."""
        p = self.w.clock.process
        if self.comparing or not self.experiment:
            return Scenario(p)
        return Scenario(p, (self.experiment,))

    def experiment_scenario(self) -> Scenario:
        return Scenario(self.w.clock.process, (self.experiment,) if self.experiment else ())

    def export_target(self) -> Scenario:
        """The scenario an export draws: the one shown, or (comparing) the experiment, drawn beside normal."""
        return self.experiment_scenario()

    def export_picture(self, path, opts, force: bool = False):
        """File → Export picture: the scenario shown, with the heat map if on; comparing, both side by side."""
        from .export_picture import export_compare, export_picture

        opts.signals = self.view.heat.visible
        if self.comparing and self.experiment:
            return export_compare(self.experiment_scenario(), self.w.clock.day, path, opts, force=force)
        return export_picture(self.export_target(), self.w.clock.day, path, opts, force=force)

    @property
    def comparing(self) -> bool:
        return self.actions["compare"].isChecked()

    def process_changed(self, process: str) -> None:
        """A new process: its experiments in the menu (normal chosen), its scenario loaded off the GUI thread."""
        self.experiment = ""
        if self.actions["development"].isChecked():  # the analogy belongs to the process it was opened for
            self.actions["development"].setChecked(False)
            self.stage.analogy = False
            self.stage.set_comparing(False)
        self.experiments.fill(process, "")
        wait = self._first  # the first picture is loaded before the window shows
        self._first = False
        self._load(wait)

    def choose(self, eid: str) -> None:
        """Experiments menu: switch the experiment on (or back to normal) for the current process."""
        self.experiment = eid
        self.experiments.set_checked(eid)
        if self.comparing and not eid:
            self.actions["compare"].setChecked(False)
            self.stage.set_comparing(False)
        self._load(False)

    def _load(self, wait: bool) -> None:
        self.view.set_scenario(self.scenario(), wait=wait)
        self.w.clock.set_phases(self.scenario().phases())  # stops, titles and pacing follow the scenario shown
        if self.comparing:
            self.stage.other.set_scenario(self.experiment_scenario())
        self._explain()
        self.w._schedule()

    def _explain(self) -> None:
        panel = self.w.panel
        html = ""
        if self.experiment:
            html = experiment_html(self.w.clock.process, self.experiment, self.w.canvas.profile, self.w.lang, panel.text_px)
        if html != panel.experiment_html:
            panel.experiment_html = html
            panel.current = None
            self.w._schedule()

    def toggle_compare(self) -> None:
        """View → Compare: normal and the experiment side by side on the one clock."""
        if self.comparing and not self.experiment:
            self.actions["compare"].setChecked(False)
            self.w.statusBar().showMessage(strings(self.w.lang)("experiments.choose_first"), 8000)
            return
        on = self.comparing
        if on and self.stage.analogy:
            self.actions["development"].setChecked(False)
            self.stage.analogy = False
        self.stage.set_comparing(on, self.title_of)
        if on:
            other = self.stage.other
            if not getattr(other, "_wired", False):
                other._wired = True
                other.ready.connect(lambda _sc: self.w._schedule())
                other.failed.connect(lambda m: self._failed(other, m))
        self._load(False)

    def toggle_development(self) -> None:
        """View → Compare with development: beside repair, the fetal femur at the stage the callus repeats."""
        on = self.actions["development"].isChecked()
        link = getattr(self.view.model, "development_view", None) if self.view.is_ready else None
        if on and link is None:
            self.actions["development"].setChecked(False)
            self.w.statusBar().showMessage(strings(self.w.lang)("view.no_development"), 8000)
            return
        if on and self.comparing:
            self.actions["compare"].setChecked(False)
        self.stage.analogy = on
        self.stage.set_comparing(on, self.title_of)
        if on:
            self.stage.panel.hide()  # two processes share no measures: the views take the whole height
            self.stage.grid.setRowStretch(1, 0)
            other = self.stage.other
            if not getattr(other, "_wired", False):
                other._wired = True
                other.ready.connect(lambda _sc: self.w._schedule())
                other.failed.connect(lambda m: self._failed(other, m))
            other.set_scenario(Scenario(link(self.w.clock.day)[0]))
        self.view.set_scenario(self.scenario())
        self.w._schedule()

    def _view_ready(self, _sc) -> None:
        self.w.model, self.w.history = self.view.model, self.view.history
        self.w._schedule()

    def _failed(self, view: View, message: str) -> None:
        s = strings(self.w.lang)
        self.w.statusBar().showMessage(s("view.sim_failed", scenario=self.title_of(view.scenario), message=message), 10000)

    def _cancelled(self, sc: Scenario) -> None:
        """Cancel: back to what the view showed before (the menu follows)."""
        shown = self.view.shown
        if shown is None:
            return
        if shown.process != self.w.clock.process:  # a process switch was cancelled: the clock goes back too
            self.w.clock.set_process(shown.process)
            return
        self.experiment = shown.experiments[0] if shown.experiments else ""
        self.experiments.set_checked(self.experiment)
        self._explain()

    # -- drawing --------------------------------------------------------------------------
    def render(self):
        """Draw the main view (and, comparing, the other view and the readout) at the clock's day."""
        day = self.w.clock.day
        frame = self.view.show_day(day)
        if frame is not None:
            self.stage.show_day(day, self.w.clock.pos)
        return frame

    def toggle_heat_map(self) -> None:
        heat = self.view.heat
        heat.set_visible(self.actions["heat_map"].isChecked())
        self.w.canvas._key = None
        self.w._schedule()
        if heat.visible and not heat.names and self.view.is_ready:
            frame = self.view.frame_at(self.w.clock.day)
            if frame is not None and not frame.signals:
                self.w.statusBar().showMessage(strings(self.w.lang)("heatmap.none"), 6000)

    def next_signal(self) -> None:
        if not self.actions["heat_map"].isChecked():
            self.actions["heat_map"].setChecked(True)
            self.toggle_heat_map()
        self.view.heat.next_signal()
        self.w._schedule()

    # -- skeleton map ---------------------------------------------------------------------
    def toggle_skeleton_map(self) -> None:
        """View → Skeleton map: a dock following the clock; clicking the femur or a vault bone opens its process."""
        if self.skeleton_dock is None:
            from .skeletonpanel import SkeletonPanel

            panel = SkeletonPanel(self.w.lang, self.w.canvas.profile.name)
            dock = QtWidgets.QDockWidget(strings(self.w.lang)("action.skeleton_map"), self.w)
            dock.setObjectName("skeleton_map")
            dock.setWidget(panel)
            dock.visibilityChanged.connect(lambda on: self.actions["skeleton_map"].setChecked(on))
            self.w.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.setFloating(True)  # the map needs room: its own window beside the main one (it can be docked)
            dock.resize(1280, 760)
            panel.view.boneHovered.connect(self._bone_hovered)
            panel.view.openProcess.connect(self.open_process)
            self.w.clock.dayChanged.connect(lambda d: self._skeleton_day(d) if dock.isVisible() else None)
            self.skeleton_dock = dock
        on = self.actions["skeleton_map"].isChecked()
        self.skeleton_dock.setVisible(on)
        if on:
            self.skeleton_dock.widget().set_profile(self.w.canvas.profile.name)
            self._skeleton_day(self.w.clock.day)

    def _skeleton_day(self, day: float) -> None:
        """The skeleton map follows the clock where the process's clock counts from fertilisation (not after an
        injury, which can happen at any age: there the map keeps its own day)."""
        dev = registry.get(self.w.clock.process).clock.developmental_day(day)
        if dev is not None:
            self.skeleton_dock.widget().set_day(dev)

    def _bone_hovered(self, _bone: str, text: str) -> None:
        if text:
            self.w.statusBar().showMessage(text.replace("\n", " · "), 8000)
        else:
            self.w.statusBar().clearMessage()

    def open_process(self, process: str, day: float) -> None:
        """A bone clicked on the map: its process, at the bone's onset (clamped to the process's clock)."""
        clock = self.w.clock
        clock.set_playing(False)
        clock.set_process(process)
        clock.set_day(day)  # clamped to the process's clock start and end

    # -- About the skeleton ---------------------------------------------------------------
    def _link(self, url: QtCore.QUrl) -> None:
        if url.toString() == "osteoviz:about-skeleton":
            self.show_about_skeleton()

    def show_about_skeleton(self) -> None:
        if self.about is None:
            self.about = AboutSkeletonDialog(self.w)
        self.about.show_page(self.w.canvas.profile, self.w.lang, self.w.panel.text_px)

    def shutdown(self) -> None:
        self.view.shutdown()
        if self.stage.other is not None:
            self.stage.other.shutdown()
