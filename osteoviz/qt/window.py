"""Main window: canvas, side panel, timeline and controls wired to one ClockState (data flows one way)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import strings
from ..simcache import load
from .canvas import SceneCanvas
from .clockstate import ClockState
from .controls import Controls
from .player import Player
from .sidepanel import SidePanel
from .timeline import Timeline


class MainWindow(QtWidgets.QMainWindow):
    """clock → model state at t → renderer → pixels; controls only write the clock."""

    def __init__(self, process: str = "endochondral", profile: str = "screen", lang: str = "en"):
        super().__init__()
        s = strings(lang)
        self.lang = lang
        self.setWindowTitle(s("app.title"))
        self.clock = ClockState(process)
        self.player = Player(self.clock)
        self.canvas = SceneCanvas(profile=profile, lang=lang)
        self.canvas.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.panel = SidePanel(lang)
        self.timeline = Timeline(self.clock, lambda: self.canvas.profile, lang)
        self.actions = self._make_actions(s)
        self.controls = Controls(self.clock, self.actions, lang)

        splitter = QtWidgets.QSplitter()
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1200, 380])
        central = QtWidgets.QWidget()
        col = QtWidgets.QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(splitter, 1)
        col.addWidget(self.timeline)
        col.addWidget(self.controls)
        self.setCentralWidget(central)
        self.resize(1600, 960)

        self._render_pending = False
        self.frames_drawn = 0
        self.clock.dayChanged.connect(self._schedule)
        self.clock.processChanged.connect(self._on_process)
        self.clock.playingChanged.connect(self._on_playing)
        self._on_process(process)
        self._apply_profile_to_chrome()

    # -- actions and keys ----------------------------------------------------------------
    def _make_actions(self, s) -> dict[str, QtGui.QAction]:
        c = self.clock
        Key = QtCore.Qt.Key
        specs = {
            "play": (s("control.play"), [QtGui.QKeySequence(Key.Key_Space)], c.toggle_playing),
            "step_back": (s("control.step_back"), [QtGui.QKeySequence(Key.Key_Left)], lambda: c.step(-1)),
            "step_forward": (s("control.step_forward"), [QtGui.QKeySequence(Key.Key_Right)], lambda: c.step(1)),
            "prev_phase": (s("control.prev_phase"), [QtGui.QKeySequence(Key.Key_PageUp)], lambda: c.goto_phase(-1)),
            "next_phase": (s("control.next_phase"), [QtGui.QKeySequence(Key.Key_PageDown)], lambda: c.goto_phase(1)),
            "reset": (s("control.reset"), [QtGui.QKeySequence(Key.Key_Home)], c.home),
            "end": ("End", [QtGui.QKeySequence(Key.Key_End)], c.end),
            "fullscreen": (s("control.fullscreen"), [QtGui.QKeySequence(Key.Key_F11)], self.toggle_fullscreen),
        }
        actions = {}
        for key, (label, seqs, slot) in specs.items():
            a = QtGui.QAction(label, self)
            a.setShortcuts(seqs)
            a.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            tip = f"{label} ({seqs[0].toString()})"
            a.setToolTip(tip)
            self.addAction(a)
            actions[key] = a
        return actions

    def toggle_fullscreen(self) -> None:
        self.setWindowState(self.windowState() ^ QtCore.Qt.WindowState.WindowFullScreen)

    # -- observers ---------------------------------------------------------------------
    def _on_process(self, process: str) -> None:
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.model, self.history = load(process)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self._schedule()

    def _on_playing(self, on: bool) -> None:
        self.actions["play"].setText(strings(self.lang)("control.pause" if on else "control.play"))

    def _schedule(self, *_):
        """Coalesce clock changes: at most one render per event-loop pass (frames drop, never queue)."""
        if not self._render_pending:
            self._render_pending = True
            QtCore.QTimer.singleShot(0, self.render_now)

    def render_now(self) -> None:
        self._render_pending = False
        frame = self.model.frame(self.history, self.clock.day)
        self.canvas.set_frame(frame)
        phases = self.clock.phases
        self.panel.show_phase(frame.process, frame.phase.id, phases.index(frame.phase), len(phases), self.canvas.profile)
        self.frames_drawn += 1

    def _apply_profile_to_chrome(self) -> None:
        prof = self.canvas.profile
        self.setStyleSheet(
            f"QMainWindow, QWidget {{ background: {prof.panel}; color: {prof.text}; }}"
            f"QComboBox, QToolButton, QCheckBox {{ color: {prof.text}; }}"
            f"QToolButton {{ padding: 4px 8px; border: 1px solid {prof.frame}; border-radius: 4px; }}"
            f"QToolButton:focus, QComboBox:focus {{ border: 2px solid {prof.accent}; }}"
        )
