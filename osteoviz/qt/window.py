"""Main window: canvas, side panel, timeline and controls wired to one ClockState; menus, lecture mode."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ..colours import PROFILES
from ..content import LANGUAGES, process_content, process_name, strings
from ..model import registry
from .canvas import SceneCanvas
from .clockstate import SPEEDS, ClockState
from .controls import Controls
from .export_dialog import ExportDialog
from .about import AboutDialog
from .strip import strip_action
from .keyhelp import KeyHelp
from .lecture import LectureSequence, order_choices
from .translations import install_qt_translations
from .pipeline import FramePipeline
from .player import Player
from .presenter import PresenterNotes
from .presentation import CLICKER_KEYS, FloatingChrome, keep_organ_large, other_screen, place_notes
from .settings import TEXT_SCALES, Preferences, load_preferences, save_preferences
from .sidepanel import SidePanel
from .timeline import Timeline
from .viewsui import WindowViews

Key = QtCore.Qt.Key
PRESENTATION_TEXT_SCALE = 1.5
CHROME_HIDE_MS = 2500
MOVING_S = 0.3  # pictures drawn in step closer together than this: the timeline is being dragged (see SceneCanvas.set_moving)


class BlankOverlay(QtWidgets.QWidget):
    """A black or white sheet over the whole window; the window removes it on any key."""

    def __init__(self, parent):
        super().__init__(parent)
        self.colour = QtGui.QColor("black")
        self.hide()

    def paintEvent(self, _ev):
        QtGui.QPainter(self).fillRect(self.rect(), self.colour)


class ControlsBar(QtWidgets.QScrollArea):
    """The transport controls; on a screen too narrow for them they scroll sideways instead of widening the window."""

    def __init__(self, controls: QtWidgets.QWidget):
        super().__init__()
        controls.setObjectName("controls")
        self.setWidget(controls)
        self.setWidgetResizable(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)

    def _height(self) -> int:
        inner = self.widget().sizeHint().height()
        if self.widget().minimumSizeHint().width() > self.width():
            inner += self.horizontalScrollBar().sizeHint().height()
        return inner

    def sizeHint(self):
        return QtCore.QSize(self.widget().sizeHint().width(), self._height())

    def minimumSizeHint(self):
        return QtCore.QSize(120, self._height())

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        if ev.oldSize().width() != ev.size().width():
            self.updateGeometry()


class MainWindow(QtWidgets.QMainWindow):
    """clock → model state at t → renderer → pixels; controls only write the clock."""

    def __init__(self, process: str | None = None, profile: str | None = None, lang: str | None = None,
                 prefs: Preferences | None = None):
        super().__init__()
        if prefs is None:
            prefs, warnings = load_preferences()
        else:
            warnings = []
        self.prefs = prefs
        self.lang = lang or prefs.language
        install_qt_translations(self.lang)  # Qt's own buttons (OK, Cancel, Yes, No) in the same language
        s = strings(self.lang)
        self.text_scale = prefs.text_scale
        self.presenting = False
        self.stop_at_phases = prefs.stop_at_phases
        self.clock = ClockState(process or prefs.process)
        self.clock.set_speed(prefs.speed)
        self.player = Player(self.clock)
        self.canvas = SceneCanvas(profile=profile or prefs.profile, lang=self.lang)
        self.canvas.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.canvas.show_labels = prefs.labels
        self.canvas.hovered.connect(lambda text: self.statusBar().showMessage(text, 6000) if text and not self.presenting else None)
        self.panel = SidePanel(self.lang)
        self.timeline = Timeline(self.clock, lambda: self.canvas.profile, self.lang)
        self.notes: PresenterNotes | None = None
        self.lecture = LectureSequence(self, prefs.lecture_order)  # title cards, processes in turn, end card
        self.lecture.changed.connect(self._refresh_notes)
        self.actions = self._make_actions(s)
        self.controls = Controls(self.clock, self.actions, self.lang)
        self._make_menus(s)
        self.views = WindowViews(self)  # the canvas as a view of a scenario; experiments, compare, heat map, skeleton
        self.views.install_menus()

        self.splitter = QtWidgets.QSplitter()
        self.splitter.addWidget(self.views.stage)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1200, 380])
        central = QtWidgets.QWidget()
        col = QtWidgets.QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.splitter, 1)
        col.addWidget(self.timeline)
        self.controls_bar = ControlsBar(self.controls)
        col.addWidget(self.controls_bar)
        self.setCentralWidget(central)
        self.blank = BlankOverlay(self)
        self.chrome = FloatingChrome(self, col, [self.timeline, self.controls_bar])
        self.presentation_started: float | None = None  # the notes timer starts at F5
        self.notes: PresenterNotes | None = None
        self._key_help: KeyHelp | None = None
        self._about = None
        self._chrome_timer = QtCore.QTimer(self)
        self._chrome_timer.setSingleShot(True)
        self._chrome_timer.timeout.connect(self._hide_chrome)
        self._filtering = False  # the application's events pass eventFilter only while presenting or blank
        self.resize(1600, 960)
        if prefs.geometry is not None:
            self.restoreGeometry(prefs.geometry)
        self.fit_to_screen(frame=(16, 48))  # before the first show the window frame is not known: allow for one
        self._fitted_size = self.size()

        self._render_pending = False
        self._still_at = -1.0  # when the last picture drawn in step (not playing) was drawn
        self._settle = QtCore.QTimer(self)  # a drag over the timeline ended: the picture is laid out afresh
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(lambda: self.canvas.set_moving(False))
        self.frames_drawn = 0
        self.pipeline = FramePipeline(parent=self)  # while playing, the next state is made off the GUI thread
        self.pipeline.ready.connect(self._schedule)
        self.clock.dayChanged.connect(self._schedule)
        self.clock.processChanged.connect(self._on_process)
        self.clock.playingChanged.connect(self._on_playing)
        self._on_process(self.clock.process)
        self._apply_text_scale()
        for w in warnings:
            message = s("settings.warning", message=w)
            print(message, file=sys.stderr)
            self.statusBar().showMessage(message, 10000)

    # -- actions, menus, keys ----------------------------------------------------------
    # action key -> the key of its label in assets/strings
    ACTION_TEXT = {
        "play": "control.play", "step_back": "control.step_back", "step_forward": "control.step_forward",
        "prev_phase": "control.prev_phase", "next_phase": "control.next_phase", "reset": "control.reset",
        "end": "action.end", "fullscreen": "control.fullscreen", "presentation": "action.presentation",
        "leave": "action.leave_presentation", "blank_black": "action.blank_black", "blank_white": "action.blank_white",
        "labels": "action.labels", "cycle_profile": "action.cycle_profile", "text_bigger": "action.text_bigger",
        "text_smaller": "action.text_smaller", "text_reset": "action.text_reset", "notes": "action.presenter_notes",
        "stop_at_phases": "action.stop_at_phases", "keys": "action.keys", "quit": "action.quit",
        "export_picture": "action.export_picture", "export_phases": "action.export_phases",
        "export_movie": "action.export_movie", "copy_canvas": "action.copy_canvas", "copy_window": "action.copy_window",
        "faster": "action.faster", "slower": "action.slower", "loop": "control.loop", "about": "action.about",
        "next_process": "action.next_process",
    }

    def _make_actions(self, s) -> dict[str, QtGui.QAction]:
        c = self.clock
        SK = QtGui.QKeySequence.StandardKey
        seq = QtGui.QKeySequence
        specs = {
            "play": ([seq(Key.Key_Space)], c.toggle_playing),
            "step_back": ([seq(Key.Key_Left)], lambda: self._back()),
            "step_forward": ([seq(Key.Key_Right)], lambda: self._forward()),
            "prev_phase": ([seq(Key.Key_PageUp)], lambda: self._back(phase=True)),
            "next_phase": ([seq(Key.Key_PageDown)], lambda: self._forward(phase=True)),
            "reset": ([seq(Key.Key_Home)], c.home),
            "end": ([seq(Key.Key_End)], c.end),
            "fullscreen": ([seq(Key.Key_F11)], self.toggle_fullscreen),
            "presentation": ([seq(Key.Key_F5)], self.toggle_presentation),
            "leave": ([seq(Key.Key_Escape)], self.leave_presentation),
            "blank_black": ([seq(Key.Key_B), seq(Key.Key_Period)], lambda: self.set_blank("black")),
            "blank_white": ([seq(Key.Key_W)], lambda: self.set_blank("white")),
            "labels": ([seq(Key.Key_L)], self.toggle_labels),
            "cycle_profile": ([seq(Key.Key_P)], self.cycle_profile),
            "text_bigger": ([seq(SK.ZoomIn), seq("Ctrl+=")], lambda: self.scale_text(1.15)),
            "text_smaller": ([seq(SK.ZoomOut)], lambda: self.scale_text(1 / 1.15)),
            "text_reset": ([seq("Ctrl+0")], lambda: self.scale_text(None)),
            "notes": ([seq(Key.Key_N)], self.toggle_notes),
            "stop_at_phases": ([seq("Ctrl+T")], self.toggle_stop_at_phases),
            "keys": ([seq(SK.HelpContents), seq(Key.Key_Question)], self.show_keys),
            "quit": ([seq(SK.Quit), seq("Ctrl+Q")], self.close),
            "export_picture": ([seq("Ctrl+E")], lambda: self.open_export("picture")),
            "export_phases": ([seq("Ctrl+Alt+E")], lambda: self.open_export("phases")),
            "export_movie": ([seq("Ctrl+Shift+E")], lambda: self.open_export("movie")),
            "copy_canvas": ([seq(SK.Copy)], self.copy_canvas),
            "copy_window": ([seq("Ctrl+Shift+C")], self.copy_window),
            "faster": ([seq(Key.Key_BracketRight)], lambda: self._change_speed(1)),
            "slower": ([seq(Key.Key_BracketLeft)], lambda: self._change_speed(-1)),
            "loop": ([seq("Ctrl+L")], lambda: None),
            "about": ([], self.show_about),
            "next_process": ([seq(Key.Key_X)], lambda: self.lecture.next_process()),
        }
        actions = {}
        for key, (seqs, slot) in specs.items():
            a = QtGui.QAction(self)
            unique = {q.toString(): q for q in seqs if not q.isEmpty()}  # one key twice makes it "ambiguous"
            a.setShortcuts(list(unique.values()))
            a.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            actions[key] = a
        actions["labels"].setCheckable(True)
        actions["labels"].setChecked(self.canvas.show_labels)
        actions["stop_at_phases"].setCheckable(True)
        actions["stop_at_phases"].setChecked(self.stop_at_phases)
        actions["loop"].setCheckable(True)
        actions["loop"].setChecked(self.clock.loop)
        actions["loop"].toggled.connect(self.clock.set_loop)
        self.clock.loopChanged.connect(actions["loop"].setChecked)
        self.process_actions = {}
        group = QtGui.QActionGroup(self)
        for i, name in enumerate(registry.process_ids(), start=1):
            a = QtGui.QAction(self, checkable=True)
            a.setShortcut(QtGui.QKeySequence(f"Ctrl+{i}"))
            a.triggered.connect(lambda _=False, n=name: self.clock.set_process(n))
            group.addAction(a)
            self.addAction(a)
            self.process_actions[name] = a
        self.process_actions[self.clock.process].setChecked(True)
        self.clock.processChanged.connect(lambda p: self.process_actions[p].setChecked(True))
        self.speed_actions = {}
        group = QtGui.QActionGroup(self)
        for v in SPEEDS:
            a = QtGui.QAction(f"{v:g}×", self, checkable=True)
            a.triggered.connect(lambda _=False, v=v: self.clock.set_speed(v))
            group.addAction(a)
            self.speed_actions[v] = a
        if self.clock.speed in self.speed_actions:
            self.speed_actions[self.clock.speed].setChecked(True)
        self.clock.speedChanged.connect(lambda v: self.speed_actions[v].setChecked(True) if v in self.speed_actions else None)
        self.profile_actions = {}
        group = QtGui.QActionGroup(self)
        for name in PROFILES:
            a = QtGui.QAction(self, checkable=True)
            a.triggered.connect(lambda _=False, n=name: self.set_profile(n))
            group.addAction(a)
            self.profile_actions[name] = a
        self.profile_actions[self.canvas.profile.name].setChecked(True)
        self.language_actions = {}
        group = QtGui.QActionGroup(self)
        for lang in LANGUAGES:  # each language named in itself, so it can be found whatever is showing
            a = QtGui.QAction(strings(lang)("language.name"), self, checkable=True)
            a.triggered.connect(lambda _=False, code=lang: self.set_language(code))
            group.addAction(a)
            self.language_actions[lang] = a
        self.language_actions[self.lang].setChecked(True)
        self._label_actions(s, actions)
        return actions

    def _label_actions(self, s, actions: dict[str, QtGui.QAction]) -> None:
        """Texts and tooltips of every action in the current language."""
        for key, a in actions.items():
            label = s(self.ACTION_TEXT[key])
            a.setText(label)
            if a.shortcuts():
                a.setToolTip(f"{label} ({a.shortcuts()[0].toString(QtGui.QKeySequence.SequenceFormat.NativeText)})")
        for name, a in self.profile_actions.items():
            a.setText(s(f"profile.{name}"))
        for name, a in getattr(self, "process_actions", {}).items():
            a.setText(process_name(name, self.lang))

    # menu key -> the key of its title in assets/strings
    MENU_TITLES = {"file": "menu.file", "view": "menu.view", "profile": "menu.profile", "language": "menu.language",
                   "playback": "menu.playback", "process": "menu.process", "speed": "menu.speed", "help": "menu.help",
                   "lecture": "lecture.menu"}

    def _make_menus(self, s) -> None:
        """The menus, made once (a language switch only retitles them): every action is in one."""
        bar = self.menuBar()
        a = self.actions
        m = self.menus = {}
        m["file"] = file_menu = bar.addMenu("")
        for k in ("export_picture", "export_phases", "export_movie"):
            file_menu.addAction(a[k])
        file_menu.addAction(strip_action(self, s))  # File → Export strip…: every phase as one figure
        file_menu.addSeparator()
        for k in ("copy_canvas", "copy_window"):
            file_menu.addAction(a[k])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        m["view"] = view = bar.addMenu("")
        for k in ("presentation", "leave", "fullscreen", "notes", "labels"):
            view.addAction(a[k])
        m["profile"] = prof = view.addMenu("")
        for act in self.profile_actions.values():
            prof.addAction(act)
        prof.addSeparator()
        prof.addAction(a["cycle_profile"])
        m["language"] = language = view.addMenu("")
        for act in self.language_actions.values():
            language.addAction(act)
        view.addSeparator()
        for k in ("text_bigger", "text_smaller", "text_reset", "blank_black", "blank_white"):
            view.addAction(a[k])
        m["playback"] = play = bar.addMenu("")
        m["process"] = process = play.addMenu("")
        for act in self.process_actions.values():
            process.addAction(act)
        process.addSeparator()
        process.addAction(a["next_process"])
        m["lecture"] = self._lecture_menu(view)
        play.addSeparator()
        for k in ("play", "step_back", "step_forward", "prev_phase", "next_phase", "reset", "end"):
            play.addAction(a[k])
        play.addSeparator()
        m["speed"] = speed = play.addMenu("")
        for act in self.speed_actions.values():
            speed.addAction(act)
        speed.addSeparator()
        speed.addAction(a["faster"])
        speed.addAction(a["slower"])
        play.addAction(a["loop"])
        play.addAction(a["stop_at_phases"])
        m["help"] = help_menu = bar.addMenu("")
        help_menu.addAction(a["keys"])
        help_menu.addAction(a["about"])
        self._title_menus(s)

    def _title_menus(self, s) -> None:
        for key, menu in self.menus.items():
            menu.setTitle(s(self.MENU_TITLES[key]))
        for (setting, text_key, pid), act in self.lecture_actions.items():
            act.setText(s(text_key, name=process_name(pid, self.lang) if pid else ""))

    def _lecture_menu(self, view: QtWidgets.QMenu) -> QtWidgets.QMenu:
        """View → Lecture sequence: which processes PageDown walks through in presentation, in which order."""
        menu = view.addMenu("")
        group = QtGui.QActionGroup(self)
        self.lecture_actions = {}
        for choice in order_choices():
            act = QtGui.QAction(self, checkable=True)
            act.triggered.connect(lambda _=False, v=choice[0]: self.lecture.set_order(v))
            act.setChecked(choice[0] == (self.lecture.order_setting or "*"))
            group.addAction(act)
            menu.addAction(act)
            self.lecture_actions[choice] = act
        return menu

    def _change_speed(self, direction: int) -> None:
        speeds = list(SPEEDS)
        i = speeds.index(self.clock.speed) if self.clock.speed in speeds else speeds.index(1.0)
        self.clock.set_speed(speeds[min(max(i + direction, 0), len(speeds) - 1)])

    def all_actions(self) -> list[QtGui.QAction]:
        return (list(self.actions.values()) + list(self.profile_actions.values()) + list(self.process_actions.values())
                + self.views.all_actions())

    def set_language(self, lang: str) -> None:
        """Switch every text (menus, controls, panel, timeline, canvas, notes) to another language, at once."""
        if lang not in LANGUAGES:
            raise ValueError(lang)
        self.lang = lang
        s = strings(lang)
        self.language_actions[lang].setChecked(True)
        self._label_actions(s, self.actions)
        self._on_playing(self.clock.playing)
        self._title_menus(s)
        install_qt_translations(lang)
        self.controls.set_language(lang)
        self.timeline.set_language(lang)
        self.panel.lang, self.panel.current = lang, None
        self.canvas.lang, self.canvas._key = lang, None
        self.lecture.set_language(lang)
        if self.notes is not None:
            self.notes.set_language(lang)
        if self._key_help is not None:
            self._key_help.set_actions(self.all_actions(), lang)
        self.views.set_language(lang)
        self._schedule()
        self._keep_organ_large()

    # -- navigation: small steps normally, phase stops in presentation ----------------------
    def _forward(self, phase: bool = False) -> None:
        if self.presenting:
            self.lecture.forward()
        elif phase:
            self.clock.goto_phase(1)
        else:
            self.clock.step(1)

    def _back(self, phase: bool = False) -> None:
        if self.presenting:
            self.lecture.back()
        elif phase:
            self.clock.set_playing(False)
            self.clock.goto_phase(-1)
        else:
            self.clock.step(-1)

    # -- presentation mode ---------------------------------------------------------------
    def toggle_presentation(self) -> None:
        """F5 starts presenting; pressed again while presenting it does nothing (Escape leaves)."""
        if not self.presenting:
            self.enter_presentation()

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        self.presenting = True
        self._filter_events()
        self._saved_scale = self.text_scale
        self._was_fullscreen = self.isFullScreen()
        self.text_scale = max(self.text_scale, PRESENTATION_TEXT_SCALE)
        self.canvas.presentation = True
        self._normal_geometry = self.saveGeometry()
        self.chrome.float()  # timeline and controls float over the canvas from now on
        self.statusBar().hide()
        self._hide_chrome()
        self.setGeometry(self.screen().geometry())  # also where no window manager handles full screen
        self.showFullScreen()
        self._apply_text_scale()
        self.canvas.setFocus()
        self.presentation_started = time.monotonic()
        if self.clock.day < self.clock.stops()[0] - 1e-6 and not self.clock.playing:
            self.lecture.show_title()  # a lecture starts on the process's title card
        if self.notes is not None and self.notes.isVisible():
            QtCore.QTimer.singleShot(0, self._place_notes)
        self._refresh_notes()

    def leave_presentation(self) -> None:
        if self.blank.isVisible():
            self.set_blank(None)
            return
        if not self.presenting:
            return
        self.presenting = False
        self._filter_events()
        self.canvas.presentation = False
        self.lecture.hide_card()
        self.text_scale = self._saved_scale
        self.chrome.dock()
        self.statusBar().show()
        for w in (self.panel, self.timeline, self.controls_bar, self.menuBar()):
            w.show()
        self.setCursor(QtCore.Qt.CursorShape.ArrowCursor)
        if not self._was_fullscreen:
            self.showNormal()
            self.restoreGeometry(self._normal_geometry)
        self._apply_text_scale()

    def _hide_chrome(self) -> None:
        if not self.presenting:
            return
        for w in (self.panel, self.timeline, self.controls_bar, self.menuBar()):
            w.hide()
        self.canvas.setCursor(QtCore.Qt.CursorShape.BlankCursor)

    def _show_chrome(self) -> None:
        self.chrome.show()  # over the canvas: the picture keeps its size and place
        self.canvas.setCursor(QtCore.Qt.CursorShape.ArrowCursor)
        self._chrome_timer.start(CHROME_HIDE_MS)

    def eventFilter(self, obj, ev):
        t = ev.type()
        if self.blank.isVisible() and t in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.ShortcutOverride):
            if t == QtCore.QEvent.Type.ShortcutOverride:
                ev.accept()  # no shortcut fires while blank: the key comes as a plain key press
            else:
                self.set_blank(None)  # any key returns, as in presentation software
            return True
        if self.presenting:
            handled = self._presenting_event(obj, ev)
            if handled is not None:
                return handled
        return super().eventFilter(obj, ev)

    def _presenting_event(self, obj, ev) -> bool | None:
        """Presentation lock-down: no tooltips, controls on mouse move, clicker keys from the other windows."""
        t = ev.type()
        E = QtCore.QEvent.Type
        if t in (E.ToolTip, E.WhatsThis, E.StatusTip):
            return True
        if t == E.MouseMove:
            if not self.timeline.isVisible():
                self._show_chrome()
            else:
                self._chrome_timer.start(CHROME_HIDE_MS)
            if isinstance(obj, QtWidgets.QWidget) and ev.buttons() == QtCore.Qt.MouseButton.NoButton and \
                    (obj is self.canvas or obj is self.canvas.viewport() or obj is self.timeline):
                return True  # hover texts are for the desk, not the hall
            return None
        if t == E.ContextMenu and isinstance(obj, QtWidgets.QWidget) and obj.window() is self:
            self.presentation_menu().popup(ev.globalPos())
            return True
        if t == E.KeyPress and isinstance(obj, QtWidgets.QWidget) and not ev.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier:
            win = obj.window()
            if win is not self and win in (self.notes, self._key_help) and ev.key() in CLICKER_KEYS:
                self.actions[CLICKER_KEYS[ev.key()]].trigger()
                return True
        return None

    def presentation_menu(self) -> QtWidgets.QMenu:
        """Right-click menu in presentation (the menu bar is hidden): processes, lecture order, leave."""
        menu = QtWidgets.QMenu(self)
        menu.addMenu(self.menus["process"])
        menu.addMenu(self.menus["lecture"])
        menu.addSeparator()
        for k in ("notes", "blank_black", "blank_white", "leave"):
            menu.addAction(self.actions[k])
        self._presentation_menu = menu
        return menu

    def set_blank(self, colour: str | None) -> None:
        if colour is None:
            self.blank.hide()
            self._filter_events()
            return
        self.blank.colour = QtGui.QColor(colour)
        self.blank.setGeometry(self.rect())
        self.blank.raise_()
        self.blank.show()
        self.blank.update()
        self._filter_events()

    def _filter_events(self) -> None:
        """Every event of the application passes eventFilter only while presenting or blank (the lock-down and
        the key that ends a blank screen need them): otherwise each event would be wrapped for Python for
        nothing, dozens a frame while playing."""
        want = self.presenting or not self.blank.isHidden()
        if want != self._filtering:
            self._filtering = want
            app = QtWidgets.QApplication.instance()
            if want:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self.blank.setGeometry(self.rect())

    def showEvent(self, ev):
        super().showEvent(ev)
        if not getattr(self, "_fitted", False):  # the frame is known only once shown
            self._fitted = True
            QtCore.QTimer.singleShot(0, lambda: self.fit_to_screen() if self.size() == self._fitted_size else None)

    def fit_to_screen(self, frame: tuple[int, int] | None = None) -> None:
        """Never larger than the screen's free area (1600×960 does not fit a 1080p screen at scale factor 2).

        `frame`: the window frame's width and height when the window system has not told us yet."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is None or self.isFullScreen():
            return
        avail = screen.availableGeometry()
        outer = self.frameGeometry()
        extra_w, extra_h = frame or (outer.width() - self.width(), outer.height() - self.height())
        w = min(self.width(), avail.width() - extra_w)
        h = min(self.height(), avail.height() - extra_h)
        if (w, h) != (self.width(), self.height()):
            self.resize(max(w, 200), max(h, 200))
        outer = self.frameGeometry()
        x = min(max(outer.x(), avail.x()), avail.right() + 1 - outer.width())
        y = min(max(outer.y(), avail.y()), avail.bottom() + 1 - outer.height())
        if (x, y) != (outer.x(), outer.y()):
            self.move(max(x, avail.x()), max(y, avail.y()))

    def toggle_fullscreen(self) -> None:
        self.setWindowState(self.windowState() ^ QtCore.Qt.WindowState.WindowFullScreen)

    # -- profile, text size, labels, notes ------------------------------------------------
    def set_profile(self, name: str) -> None:
        self.canvas.set_profile(name)
        self.profile_actions[name].setChecked(True)
        self.panel.current = None
        self._apply_profile_to_chrome()
        self.timeline.update()
        self._schedule()

    def cycle_profile(self) -> None:
        i = PROFILES.index(self.canvas.profile.name)
        self.set_profile(PROFILES[(i + 1) % len(PROFILES)])

    def scale_text(self, factor: float | None) -> None:
        normal = max(self._saved_scale, PRESENTATION_TEXT_SCALE) if self.presenting else 1.0
        self.text_scale = normal if factor is None else min(max(self.text_scale * factor, TEXT_SCALES[0]), TEXT_SCALES[1])
        self._apply_text_scale()
        self._keep_organ_large()

    def _keep_organ_large(self) -> None:
        """In presentation, text size, labels and language never squeeze the organ (presentation.keep_organ_large)."""
        if self.presenting:
            keep_organ_large(self, max(self._saved_scale, PRESENTATION_TEXT_SCALE))

    def _apply_text_scale(self) -> None:
        self.canvas.text_scale = self.text_scale
        self.canvas._key = None
        self.panel.text_px = int(round(15 * self.text_scale))
        self.panel.current = None
        self.timeline.text_scale = self.text_scale
        self.timeline.setMinimumHeight(int(70 * self.text_scale))
        self.timeline.updateGeometry()
        self.timeline.update()
        self._apply_profile_to_chrome()  # the controls' text size is part of the style sheet
        self._schedule()

    def toggle_labels(self) -> None:
        self.canvas.show_labels = not self.canvas.show_labels
        self.actions["labels"].setChecked(self.canvas.show_labels)
        self.canvas._key = None
        self._schedule()
        self._keep_organ_large()

    def toggle_stop_at_phases(self) -> None:
        self.stop_at_phases = not self.stop_at_phases
        self.actions["stop_at_phases"].setChecked(self.stop_at_phases)

    def toggle_notes(self) -> None:
        if self.notes is not None and self.notes.isVisible():
            self.notes.hide()
            return
        if self.notes is None:
            self.notes = PresenterNotes(self, self.lang)
        self.notes.place()
        self.notes.show()
        self._place_notes()
        self.notes.refresh()

    def _place_notes(self) -> None:
        """On one screen in presentation the notes sit clear of the caption and the picture."""
        if self.notes is not None and self.presenting and other_screen(self.screen()) is None:
            self.notes.setWindowFlag(QtCore.Qt.WindowType.WindowStaysOnTopHint, True)
            place_notes(self.notes, self.canvas)
            self.notes.show()

    def _refresh_notes(self) -> None:
        if self.notes is not None and self.notes.isVisible():
            self.notes.refresh()

    def show_keys(self) -> None:
        """The keyboard help: one dialog, made once and refreshed (opening it again creates nothing new)."""
        if self._key_help is None:
            self._key_help = KeyHelp(self.all_actions(), self.lang, self)
        else:
            self._key_help.set_actions(self.all_actions(), self.lang)
        lecturer = other_screen(self.screen()) if self.presenting else None
        if lecturer is not None:  # the help opens where the lecturer looks, not on the projector
            geo = lecturer.availableGeometry()
            self._key_help.move(geo.center() - self._key_help.rect().center())
        self._key_help.show()
        self._key_help.raise_()

    def show_about(self) -> None:
        """Help → About: version, licence, sources and how to cite."""
        if self._about is None:
            self._about = AboutDialog(self.lang, self)
        else:
            self._about.set_language(self.lang)
        self._about.show()
        self._about.raise_()

    # -- export ----------------------------------------------------------------------------
    def export_dialog(self, kind: str) -> ExportDialog:
        phases = self.clock.phases
        i = self.clock.phase_index()
        end = phases[i + 1].start_day if i + 1 < len(phases) else self.clock.scale.end_day
        return ExportDialog(kind, self.clock.process, self.clock.day, self.canvas.profile.name, self.lang, self,
                            start_day=phases[i].start_day, end_day=end)

    def open_export(self, kind: str) -> None:
        dialog = self.export_dialog(kind)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.run_export(dialog)

    def run_export(self, dialog: ExportDialog):
        """Carry out an accepted export dialog; errors become a message box, never a lost file."""
        from ..atomic import TargetExists
        from ..errors import describe_error
        from .export_picture import export_phase_set, export_picture, phase_set_targets, picture_format

        s = strings(self.lang)
        path = Path(dialog.path.text()).expanduser()
        opts = dialog.options()
        try:
            if dialog.kind == "phases":
                created = None
                if not path.exists() and path.parent.is_dir():
                    path.mkdir()
                    created = path
                if not path.is_dir():
                    raise ValueError(s("cli.no_dir", path=path))
                suffix = "." + dialog.format.currentText()
                clash = [p for p in phase_set_targets(self.clock.process, path, suffix) if p.exists()]
                opts.signals = self.views.view.heat.visible
                force = bool(clash) and self.ask(s("dialog.overwrite_title"), s("dialog.overwrite", path=path))
                if clash and not force:
                    return None
                export_phase_set(self.views.export_target(), path, opts, suffix, force=force, created_folder=created)
                self.tell_done(path)
                return path
            if not path.parent.is_dir():
                raise ValueError(s("cli.no_dir", path=path.parent))
            force = False
            if path.exists():
                if not self.ask(s("dialog.overwrite_title"), s("dialog.overwrite", path=path)):
                    return None
                force = True
            if dialog.kind == "picture":
                picture_format(path)
                self.views.export_picture(path, opts, force)
                self.tell_done(path)
                return path
            return self._start_movie(dialog, path, opts, force)
        except (ValueError, OSError, TargetExists) as exc:
            self.tell_error(describe_error(exc, self.lang))
            return None

    def _start_movie(self, dialog, path, opts, force):
        from .export_movie import MovieJob, MovieSpec, movie_format

        s = strings(self.lang)
        movie_format(path)
        start, end = dialog.times()
        end = end if end is not None else self.clock.scale.end_day
        if not end > start:
            raise ValueError(s("cli.time_order", start=dialog.start.text(), end=dialog.end.text()))
        opts.signals = self.views.view.heat.visible
        spec = MovieSpec(self.views.export_target().key, start, end, dialog.fps.currentData(), dialog.duration.value() or None, opts)
        job = MovieJob(spec, path, force, self)
        progress = QtWidgets.QProgressDialog(s("dialog.progress", done=0, total="…", eta="…"), s("dialog.cancel"), 0, 100, self)
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def on_progress(done, total, eta):
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(s("dialog.progress", done=done, total=total, eta="…" if eta != eta else f"{eta:.0f}"))

        job.progress.connect(on_progress)
        job.finished.connect(lambda p: (progress.reset(), self.tell_done(Path(p))))
        job.failed.connect(lambda m: (progress.reset(), self.tell_error(m)))
        progress.canceled.connect(self.cancel_export)
        self.movie_job, self.movie_progress = job, progress
        job.start()
        return job

    def copy_canvas(self) -> None:
        """The canvas as drawn now, at its own size, onto the clipboard."""
        img = self.canvas.grab().toImage()
        QtWidgets.QApplication.clipboard().setImage(img)
        self.statusBar().showMessage(strings(self.lang)("dialog.copied"), 3000)

    def copy_window(self) -> None:
        QtWidgets.QApplication.clipboard().setImage(self.grab().toImage())
        self.statusBar().showMessage(strings(self.lang)("dialog.copied"), 3000)

    def ask(self, title: str, text: str) -> bool:
        answer = QtWidgets.QMessageBox.question(self, title, text)
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def tell_done(self, path: Path) -> None:
        s = strings(self.lang)
        self.last_export = Path(path)
        self.statusBar().showMessage(s("dialog.done", path=path), 10000)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, s("dialog.done_title"), s("dialog.done", path=path),
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        folder = Path(path) if Path(path).is_dir() else Path(path).parent
        open_button = box.addButton(s("dialog.open_folder"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
        open_button.clicked.connect(lambda: QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder))))
        box.open()
        self.done_box = box

    def tell_error(self, message: str) -> None:
        self.last_error = message
        QtWidgets.QMessageBox.warning(self, strings(self.lang)("dialog.error_title"), message)

    # -- observers -----------------------------------------------------------------------
    def _on_process(self, process: str) -> None:
        self.views.process_changed(process)  # simulated off the GUI thread, with progress and cancel

    def _on_playing(self, on: bool) -> None:
        self.actions["play"].setText(strings(self.lang)("control.pause" if on else "control.play"))
        self.canvas.set_playing(on)  # (zone names keep their arrangement while it stays clean; a still picture is laid out afresh)

    def _schedule(self, *_):
        """Coalesce clock changes: at most one render per event-loop pass (frames drop, never queue)."""
        if not self._render_pending:
            self._render_pending = True
            QtCore.QTimer.singleShot(0, self.render_now)

    def _pipelined(self):
        """While playing (one view): the frame the worker made last, painted now, and the worker set to making
        the one at the clock's time. Returns the frame, or None when none is ready (the last picture stays)."""
        view, pos = self.views.view, self.clock.pos
        context = view.context()
        frame = self.pipeline.take(pos, context)
        if not self.pipeline.busy:
            job = view.frame_job(self.clock.day)
            if job is not None:
                self.pipeline.request(pos, context, job)
        if frame is not None:
            view.show_frame(frame)
        return frame

    def render_now(self) -> None:
        self._render_pending = False
        self.canvas.progress = self.clock.pos
        failed, self.pipeline.failed = self.pipeline.failed, None  # the worker failed: draw in step (errors show)
        if self.clock.playing and not self.views.comparing and self.views.view.is_ready and failed is None:
            frame = self._pipelined()
        else:  # paused, stepping, comparing: the picture at the clock's exact time, made here and now
            self.pipeline.clear()
            now = time.monotonic()
            if now - self._still_at < MOVING_S:  # pictures in quick succession: the timeline is being dragged
                self.canvas.set_moving(True)
                self._settle.start(int(1000 * MOVING_S))
            self._still_at = now
            frame = self.views.render()
        if frame is None:  # the scenario is still simulating, or the worker is still making it: the last picture stays
            return
        ids = [p.id for p in self.clock.phases]  # the shown scenario's phases (its days may differ)
        self.panel.show_phase(frame.process, frame.phase.id, ids.index(frame.phase.id), len(ids), self.canvas.profile)
        content = process_content(frame.process, self.lang)
        title = f"{strings(self.lang)('app.title')} — {content.title} · {content.phase(frame.phase.id).title}"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
            if self.notes is not None and self.notes.isVisible():
                self.notes.refresh()
        self.frames_drawn += 1

    def _apply_profile_to_chrome(self) -> None:
        prof = self.canvas.profile
        self.setStyleSheet(
            f"QMainWindow, QWidget {{ background: {prof.panel}; color: {prof.text}; }}"
            f"QComboBox, QToolButton, QCheckBox {{ color: {prof.text}; }}"
            f"QToolButton {{ padding: 4px 8px; border: 1px solid {prof.frame}; border-radius: 4px; }}"
            f"QToolButton:focus, QComboBox:focus, QCheckBox:focus {{ border: 2px solid {prof.accent}; }}"
            f"QMenuBar::item:selected, QMenu::item:selected {{ background: {prof.accent}; color: {prof.background}; }}"
            f"#controls, #controls * {{ font-size: {max(9, int(13 * self.text_scale))}px; }}"
        )
        self.controls_bar.updateGeometry()

    # -- remembering ----------------------------------------------------------------------
    def current_preferences(self) -> Preferences:
        return Preferences(
            profile=self.canvas.profile.name,
            text_scale=float(self._saved_scale if self.presenting else self.text_scale),
            speed=float(self.clock.speed),
            language=self.lang,
            stop_at_phases=bool(self.stop_at_phases),
            process=self.clock.process,
            labels=bool(self.canvas.show_labels),
            lecture_order=self.lecture.order_setting,
            geometry=self.saveGeometry(),
        )

    def cancel_export(self) -> None:
        """Stop a running movie export; its temporary file is removed, any earlier file is untouched."""
        job = getattr(self, "movie_job", None)
        if job is not None:
            job.cancel()
            self.movie_progress.reset()
            self.movie_job = None

    def closeEvent(self, ev):
        self.cancel_export()
        self.pipeline.shutdown()
        self.views.shutdown()
        self.clock.set_playing(False)
        try:
            save_preferences(self.current_preferences())
        except Exception as exc:  # never lose the close over a settings problem
            print(strings(self.lang)("settings.warning", message=str(exc)), file=sys.stderr)
        QtWidgets.QApplication.instance().removeEventFilter(self)
        self.player.timer.stop()
        if self.notes is not None:
            self.notes.close()
            self.notes.deleteLater()
            self.notes = None
        super().closeEvent(ev)
