"""Side by side: normal and an experiment in two views on one clock, a readout of measured differences, a plot."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from ..content import format_age, strings
from ..model import registry
from ..model.scene import on_one_scale
from ..model.scenario import Scenario
from .view import View

CURVE_SAMPLES = 48  # points of each measure curve over the whole clock


def measures_of(process: str):
    """The process's measures module (MEASURES, measure()), or None."""
    return registry.load_module(process, "measures")


def measure_at(view: View, day: float) -> dict[str, float]:
    mod = measures_of(view.shown.process) if view.is_ready else None
    if mod is None:
        return {}
    spec = view.shown.spec
    return mod.measure(view.model, view.history, min(max(day, spec.start_day), spec.end_day))


def difference_text(normal: float, other: float) -> str:
    """'-38 %' against normal (or the plain difference where normal is 0)."""
    if not (np.isfinite(normal) and np.isfinite(other)):
        return "–"
    if abs(normal) > 1e-9:
        return f"{100.0 * (other - normal) / abs(normal):+.0f} %"
    return f"{other - normal:+.3g}"


def readout_rows(normal: dict[str, float], other: dict[str, float], units: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(measure, normal, experiment, difference) for every measure both sides have."""
    rows = []
    for name, unit in units.items():
        if name in normal and name in other:
            a, b = float(normal[name]), float(other[name])
            rows.append((name, f"{a:.3g} {unit}".strip(), f"{b:.3g} {unit}".strip(), difference_text(a, b)))
    return rows


def measure_label(name: str, lang: str) -> str:
    s = strings(lang)
    return s(f"measure.{name}") if f"measure.{name}" in s.data else name.replace("_", " ")


class ComparePanel(QtWidgets.QWidget):
    """The readout (updates with the clock) and the plot of one measure over the whole clock for both views."""

    def __init__(self, normal: View, other: View, lang: str = "en", parent=None):
        super().__init__(parent)
        self.normal, self.other, self.lang = normal, other, lang
        self.readout = QtWidgets.QLabel()
        self.readout.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.readout.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(self.readout)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.choice = QtWidgets.QComboBox()
        self.choice.currentIndexChanged.connect(lambda _i: self.refresh_curves())
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(120)
        self.setMaximumHeight(230)  # the canvases keep most of the height
        self.plot.addLegend(offset=(6, 6))
        self.curve_normal = self.plot.plot([], [], pen=pg.mkPen("#4a90d9", width=2))
        self.curve_other = self.plot.plot([], [], pen=pg.mkPen("#e0663a", width=2, style=QtCore.Qt.PenStyle.DashLine))
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888888", width=1))
        self.plot.addItem(self.cursor)
        self.curves: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        side = QtWidgets.QVBoxLayout()
        side.addWidget(self.choice)
        side.addWidget(scroll, 1)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addLayout(side, 2)
        row.addWidget(self.plot, 3)
        self.set_language(lang)

    # -- content ------------------------------------------------------------------------
    def units(self) -> dict[str, str]:
        if not self.normal.is_ready:
            return {}
        mod = measures_of(self.normal.shown.process)
        return dict(getattr(mod, "MEASURES", {})) if mod is not None else {}

    def set_language(self, lang: str) -> None:
        self.lang = lang
        s = strings(lang)
        self.curve_normal.opts["name"] = s("compare.normal")
        self.plot.getPlotItem().legend.clear()
        self.plot.getPlotItem().legend.addItem(self.curve_normal, s("compare.normal"))
        self.plot.getPlotItem().legend.addItem(self.curve_other, s("compare.experiment"))
        self.fill_choices()

    def fill_choices(self) -> None:
        current = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for name in self.units():
            self.choice.addItem(measure_label(name, self.lang), name)
        i = self.choice.findData(current)
        self.choice.setCurrentIndex(max(i, 0))
        self.choice.blockSignals(False)
        self.refresh_curves()

    def curve(self, view: View, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The measure over the whole clock (clock position 0..1, value), computed once per scenario."""
        key = (view.shown, name)
        if key not in self.curves:
            from .clockstate import ClockState

            scale = ClockState._scale_for(view.shown.process)
            pos = np.linspace(0.0, 1.0, CURVE_SAMPLES)
            values = np.array([measure_at(view, scale.to_day(float(p))).get(name, np.nan) for p in pos], float)
            self.curves[key] = (pos, values)
        return self.curves[key]

    def refresh_curves(self) -> None:
        name = self.choice.currentData()
        if not name or not (self.normal.is_ready and self.other.is_ready):
            self.curve_normal.setData([], [])
            self.curve_other.setData([], [])
            return
        self.curve_normal.setData(*self.curve(self.normal, name))
        self.curve_other.setData(*self.curve(self.other, name))
        self._style_plot()
        unit = self.units().get(name, "")
        self.plot.setLabel("left", f"{measure_label(name, self.lang)}" + (f" ({unit})" if unit else ""))
        self.plot.setLabel("bottom", self.normal.shown.spec.clock.axis_label(strings(self.lang)))

    def _style_plot(self) -> None:
        """The plot in the canvas's colours, with the phases' start ages along the clock."""
        from .clockstate import ClockState

        prof = self.normal.canvas.profile
        self.plot.setBackground(prof.panel)
        shown = self.normal.shown
        scale = ClockState._scale_for(shown.process)
        ticks, last = [], -1.0
        for ph in shown.spec.phases:
            pos = float(scale.to_pos(max(ph.start_day, scale.start_day)))
            if pos - last >= 0.1:  # no two labels on top of each other
                ticks.append((pos, format_age(ph.start_day, self.lang, shown.spec.clock)[0]))
                last = pos
        for axis in ("bottom", "left"):
            ax = self.plot.getAxis(axis)
            ax.setPen(prof.muted_text)
            ax.setTextPen(prof.text)
        self.plot.getAxis("bottom").setTicks([ticks])

    def update_day(self, day: float, pos: float) -> None:
        """Move the plot's cursor to now and rewrite the readout for this day."""
        self.cursor.setValue(pos)
        s = strings(self.lang)
        if not (self.normal.is_ready and self.other.is_ready):
            self.readout.setText(html.escape(s("compare.waiting")))
            return
        rows = readout_rows(measure_at(self.normal, day), measure_at(self.other, day), self.units())
        if not rows:
            self.readout.setText(html.escape(s("compare.no_measures")))
            return
        e = html.escape
        head = (f"<b>{e(format_age(day, self.lang, self.normal.shown.spec.clock)[0])}</b><table cellspacing='3'><tr><th></th><th>{e(s('compare.normal'))}"
                f"</th><th>{e(s('compare.experiment'))}</th><th>{e(s('compare.difference'))}</th></tr>")
        body = "".join(f"<tr><td>{e(measure_label(n, self.lang))}</td><td align='right'>{e(a)}</td>"
                       f"<td align='right'>{e(b)}</td><td align='right'><b>{e(d)}</b></td></tr>" for n, a, b, d in rows)
        self.readout.setText(head + body + "</table>")

    def readout_text(self) -> str:
        return self.readout.text()


class Stage(QtWidgets.QWidget):
    """Where the views sit: the window's view alone, or (Compare) normal beside the experiment, same size, with
    the compare panel below. Both views draw the same day of the one clock."""

    def __init__(self, main: View, lang: str = "en", parent=None):
        super().__init__(parent)
        self.main = main
        self.lang = lang
        self.other: View | None = None
        self.panel: ComparePanel | None = None
        self.analogy = False  # the other view shows development at the day the main model's development_view names
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(2)
        self.grid.addWidget(main, 0, 0)

    @property
    def comparing(self) -> bool:
        return self.other is not None and self.other.isVisible()

    def ensure_other(self, title_of) -> View:
        if self.other is None:
            from .canvas import SceneCanvas

            canvas = SceneCanvas(profile=self.main.canvas.profile.name, lang=self.lang)
            self.other = View(canvas, self.lang, title_of)
            self.panel = ComparePanel(self.main, self.other, self.lang)
            self.other.ready.connect(lambda _sc: self.panel.fill_choices())
            self.main.ready.connect(lambda _sc: self.panel.fill_choices() if self.other.isVisible() else None)
            for v in (self.main, self.other):  # the same width whatever their titles say: the same scale
                v.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Expanding)
            self.grid.addWidget(self.other, 0, 1)
            self.grid.addWidget(self.panel, 1, 0, 1, 2)
        return self.other

    def set_comparing(self, on: bool, title_of=None) -> None:
        if on:
            self.ensure_other(title_of)
            self.other.show()
            self.panel.show()
        elif self.other is not None:
            self.other.hide()
            self.panel.hide()
        # an empty column or row with a stretch still takes room: stretch only what shows
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if on else 0)
        self.grid.setRowStretch(0, 3)
        self.grid.setRowStretch(1, 1 if on else 0)

    def sync_canvas(self) -> None:
        """The experiment's canvas drawn like the main one: profile, labels, text size, heat map."""
        a, b = self.main.canvas, self.other.canvas
        if b.profile.name != a.profile.name:
            b.set_profile(a.profile.name)
        for attr in ("show_labels", "text_scale", "lang"):
            if getattr(b, attr) != getattr(a, attr):
                setattr(b, attr, getattr(a, attr))
                b._key = None
        if self.other.heat.visible != self.main.heat.visible or self.other.heat.chosen != self.main.heat.chosen:
            self.other.heat.chosen = self.main.heat.chosen
            self.other.heat.visible = self.main.heat.visible

    def show_day(self, day: float, pos: float) -> None:
        if not self.comparing:
            if self.main.title.isVisible():
                self.main.show_title(False)
            return
        self.main.show_title(True)
        self.other.show_title(True, accent=True)
        self.sync_canvas()
        link = getattr(self.main.model, "development_view", None) if self.analogy and self.main.is_ready else None
        self.other.show_day(link(day)[1] if link else day)
        note = getattr(self.main.model, "development_note", None) if link else None
        if note is not None and note(day):  # no match in development: the band over the fetal femur says so
            self.other.title.setWordWrap(True)  # a long note wraps rather than widening the view
            self.other.title.setText(f"{self.other.title.text()} — {strings(self.main.lang)(note(day))}")
        a, b = self.main.canvas, self.other.canvas
        if a.frame is not None and b.frame is not None and not self.analogy:  # both organs on one scale
            for canvas, frame in zip((a, b), on_one_scale([a.frame, b.frame])):
                if frame.extras.get("organ_scale") != canvas.frame.extras.get("organ_scale"):
                    canvas.set_frame(frame)
        if not self.analogy:
            self.panel.update_day(day, pos)
