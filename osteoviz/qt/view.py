"""A view: one canvas showing one scenario on a shared clock, simulated off the GUI thread with progress and cancel."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..content import strings
from ..model.scenario import Scenario
from ..simcache import load
from .canvas import SceneCanvas
from .heatmap import HeatMap, frame_at
from .simworker import SimWorker


class ProgressStrip(QtWidgets.QWidget):
    """'Simulating … 40 %' with a Cancel button, shown only while the view's scenario simulates."""

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.label = QtWidgets.QLabel()
        self.bar = QtWidgets.QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumHeight(14)
        self.cancel = QtWidgets.QPushButton()
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        self.set_language(lang)
        self.hide()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.cancel.setText(strings(lang)("dialog.cancel"))

    def begin(self, title: str) -> None:
        self.label.setText(strings(self.lang)("view.simulating", scenario=title))
        self.bar.setValue(0)
        self.show()

    def set_fraction(self, fraction: float) -> None:
        if fraction < 0:
            self.bar.setRange(0, 0)  # indeterminate: reading the cache
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(round(100 * fraction)))


class View(QtWidgets.QWidget):
    """A canvas and its scenario. `show_day(day)` draws the scenario at a day of the shared clock.

    The model and history arrive from a worker thread (`ready` when they do); until then the canvas keeps its
    last picture and a progress strip with Cancel shows above it. Nothing here blocks the event loop."""

    ready = QtCore.Signal(object)  # Scenario
    failed = QtCore.Signal(str)
    cancelled = QtCore.Signal(object)

    def __init__(self, canvas: SceneCanvas | None = None, lang: str = "en", title_of=None, parent=None):
        super().__init__(parent)
        self.canvas = canvas if canvas is not None else SceneCanvas(lang=lang)
        self.lang = lang
        self.title_of = title_of or (lambda sc: sc.key)
        self.heat = HeatMap.of(self.canvas)
        self.scenario: Scenario | None = None  # what the view should show
        self.shown: Scenario | None = None  # what model/history hold
        self.model = self.history = None
        self.strip = ProgressStrip(lang)
        self.strip.cancel.clicked.connect(self.cancel)
        self.worker = SimWorker(self)
        self.worker.progress.connect(self.strip.set_fraction)
        self.worker.ready.connect(self._ready)
        self.worker.failed.connect(self._failed)
        col = QtWidgets.QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.title = QtWidgets.QLabel()  # which scenario this is, shown when two views stand side by side
        self.title.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.title.hide()
        col.addWidget(self.title)
        col.addWidget(self.canvas, 1)
        # the strip floats over the canvas's top edge: showing it must not resize (and so redraw) the canvas
        self.strip.setParent(self)
        self.strip.setAutoFillBackground(True)

    def resizeEvent(self, ev):  # noqa: N802
        super().resizeEvent(ev)
        self._place_strip()

    def _place_strip(self) -> None:
        top = self.canvas.geometry().top()
        self.strip.setGeometry(0, top, self.width(), self.strip.sizeHint().height())
        self.strip.raise_()

    @property
    def is_ready(self) -> bool:
        return self.model is not None and self.shown == self.scenario

    def set_scenario(self, scenario: Scenario, wait: bool = False) -> None:
        """Show another scenario; `wait`: load it here and now (before the window is shown)."""
        self.scenario = scenario
        if self.shown == scenario and self.model is not None:
            self.worker.cancel(quiet=True)
            self.strip.hide()
            return
        if wait:
            self.worker.cancel(quiet=True)
            self._ready(scenario, *load(scenario))
            return
        self.strip.begin(self.title_of(scenario))
        self._place_strip()
        self.worker.request(scenario)

    def cancel(self) -> None:
        """Stop simulating; the view goes back to what it showed before (if anything)."""
        wanted = self.scenario
        self.worker.cancel()
        self.strip.hide()
        if self.shown is not None:
            self.scenario = self.shown
        self.cancelled.emit(wanted)

    def _ready(self, scenario: Scenario, model, history) -> None:
        if scenario != self.scenario:
            return
        self.model, self.history, self.shown = model, history, scenario
        self.strip.hide()
        self.canvas._key = None
        self.ready.emit(scenario)

    def _failed(self, scenario: Scenario, message: str) -> None:
        self.strip.hide()
        if self.shown is not None:
            self.scenario = self.shown
        self.failed.emit(message)

    def frame_at(self, day: float, labels: bool = False):
        """The shown scenario's frame at `day` (None while nothing is loaded), with signal fields if they show."""
        if self.model is None:
            return None
        spec = self.shown.spec
        day = min(max(day, spec.start_day), spec.end_day)
        return frame_at(self.model, self.history, day, labels, self.heat.visible)

    def show_day(self, day: float, labels: bool | None = None):
        """Draw the frame at `day`; returns it (None while loading another process: the old picture stays)."""
        if not self.is_ready:
            return None
        frame = self.frame_at(day, self.canvas.show_labels if labels is None else labels)
        self.canvas.set_frame(frame)
        self.heat.set_frame(frame)
        return frame

    def frame_job(self, day: float, labels: bool | None = None):
        """A job that makes the frame at `day` without touching the widgets (for the play pipeline's worker thread):
        what it reads (model, history, labels, heat map) is fixed here, on the GUI thread. None while loading."""
        if not self.is_ready:
            return None
        model, history, spec, heat = self.model, self.history, self.shown.spec, self.heat.visible
        labels = self.canvas.show_labels if labels is None else labels
        day = min(max(day, spec.start_day), spec.end_day)
        trace = self.canvas.trace_job()

        def job():
            frame = frame_at(model, history, day, labels, heat)
            trace(frame)
            return frame
        return job

    def context(self):
        """What a pipelined frame was made for: another scenario, labels or heat map makes it stale."""
        return (self.shown, id(self.model), self.canvas.show_labels, self.heat.visible)

    def show_frame(self, frame) -> None:
        """Draw a frame made ahead (the play pipeline), as show_day draws the one it makes."""
        self.canvas.set_frame(frame)
        self.heat.set_frame(frame)

    def show_title(self, on: bool, accent: bool = False) -> None:
        """A band naming the shown scenario above the canvas (Compare)."""
        self.title.setVisible(on)
        if on and self.shown is not None:
            prof = self.canvas.profile
            self.title.setText(self.title_of(self.shown))
            bg, fg = (prof.accent, prof.background) if accent else (prof.frame, prof.text)
            self.title.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; font-weight: bold; padding: 3px; }}")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.canvas.lang, self.canvas._key = lang, None
        self.strip.set_language(lang)

    def shutdown(self) -> None:
        self.worker.cancel(quiet=True)
        self.worker.wait_idle()
