"""Signal fields (Frame.signals) drawn over the organ as a translucent heat map with a colour bar (key S)."""

from __future__ import annotations

import inspect

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from ..content import strings

# low -> high: dark blue, teal, yellow (readable over the tissue colours and in grey)
_STOPS = np.array([[0.0, 40, 30, 120], [0.5, 20, 150, 150], [1.0, 250, 230, 40]], np.float32)
ALPHA_MAX = 170  # the strongest signal still lets the tissue show through


def colour_table(n: int = 256) -> np.ndarray:
    """RGBA lookup for values 0..1: colour from the ramp, opacity rising with the value (0 is clear)."""
    x = np.linspace(0.0, 1.0, n)
    rgb = np.stack([np.interp(x, _STOPS[:, 0], _STOPS[:, i]) for i in (1, 2, 3)], axis=1)
    alpha = np.clip(x * 1.6, 0.0, 1.0) * ALPHA_MAX
    alpha[0] = 0
    return np.concatenate([rgb, alpha[:, None]], axis=1).round().astype(np.uint8)


_LUT = colour_table()
_TAKES_SIGNALS: dict[type, bool] = {}


def frame_at(model, history, day: float, labels: bool = False, signals: bool = False):
    """model.frame(...), asking for the signal fields when wanted and the model can give them."""
    kind = type(model)
    if kind not in _TAKES_SIGNALS:
        try:
            _TAKES_SIGNALS[kind] = "signals" in inspect.signature(model.frame).parameters
        except (TypeError, ValueError):
            _TAKES_SIGNALS[kind] = False
    if signals and _TAKES_SIGNALS[kind]:
        return model.frame(history, day, labels, signals=True)
    return model.frame(history, day, labels)


def signal_name(name: str, lang: str) -> str:
    s = strings(lang)
    return s(f"signal.{name}") if f"signal.{name}" in s.data else name


class ColourBar(QtWidgets.QGraphicsObject):
    """The colour bar in the canvas's scene (so exports draw it): placed at paint time inside the organ view."""

    def __init__(self, heat: "HeatMap"):
        super().__init__()
        self.heat = heat
        self.setZValue(50)

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802
        return self.heat.canvas.sceneRect()

    def bar_rect(self) -> QtCore.QRectF:
        """Where the ramp is drawn, in scene (= pixel) coordinates: a horizontal bar under the organ's right end
        (inside its bottom-right corner when there is no room below)."""
        canvas = self.heat.canvas
        vb = canvas.main_vb.sceneBoundingRect()
        img = self.heat.image.sceneBoundingRect().intersected(vb)
        u = max(canvas.height() / 1080.0, 0.35) * canvas.text_scale
        w, h = min(260 * u, img.width() * 0.4), 14 * u
        top = img.bottom() + 34 * u
        if top + h + 4 * u > vb.bottom():
            top = img.bottom() - h - 24 * u
        return QtCore.QRectF(img.right() - w - 40 * u, top, w, h)

    def paint(self, p: QtGui.QPainter, _opt, _widget=None) -> None:
        name = self.heat.current
        if not name:
            return
        canvas = self.heat.canvas
        prof = canvas.profile
        r = self.bar_rect()
        u = r.height() / 14
        grad = QtGui.QLinearGradient(r.topLeft(), r.topRight())
        for i in (*range(0, 256, 16), 255):  # opaque: the bar shows the colour each level is drawn in
            c = _LUT[i]
            grad.setColorAt(i / 255, QtGui.QColor(int(c[0]), int(c[1]), int(c[2])))
        p.setPen(QtGui.QPen(QtGui.QColor(prof.text), max(1.0, u)))
        p.setBrush(QtGui.QBrush(grad))
        p.drawRect(r)
        font = QtGui.QFont()
        font.setPixelSize(max(9, int(round(13 * u))))
        p.setFont(font)
        s = strings(canvas.lang)
        fm = QtGui.QFontMetricsF(font)
        p.setPen(QtGui.QColor(prof.text))
        title = signal_name(name, canvas.lang)
        base = r.top() - 4 * u
        p.drawText(QtCore.QPointF(r.left(), base), s("heatmap.low"))
        high = s("heatmap.high")
        p.drawText(QtCore.QPointF(r.right() - fm.horizontalAdvance(high), base), high)
        font.setBold(True)
        p.setFont(font)
        p.drawText(QtCore.QPointF(r.left() - 8 * u - QtGui.QFontMetricsF(font).horizontalAdvance(title),
                                  r.center().y() + fm.ascent() / 2 - 1), title)


class HeatMap:
    """Attached to a SceneCanvas: an image over the organ layer plus a colour bar; off until shown."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.visible = False
        self.chosen: str | None = None  # the signal the user picked (Shift+S), else the frame's first
        self.current: str | None = None  # the signal drawn now (None: nothing drawn)
        self.names: tuple[str, ...] = ()
        self.image = pg.ImageItem()
        self.image.setZValue(3)  # over the tissue, under the focus box and section line
        self.image.hide()
        canvas.main_vb.addItem(self.image)
        self.bar = ColourBar(self)
        self.bar.hide()
        canvas.scene().addItem(self.bar)

    @classmethod
    def of(cls, canvas) -> "HeatMap":
        """The canvas's heat map, made on first use."""
        heat = getattr(canvas, "heat_map", None)
        if heat is None:
            heat = canvas.heat_map = cls(canvas)
        return heat

    def set_visible(self, on: bool) -> None:
        self.visible = bool(on)
        self.set_frame(self.canvas.frame)

    def next_signal(self) -> None:
        if self.names:
            i = self.names.index(self.current) if self.current in self.names else -1
            self.chosen = self.names[(i + 1) % len(self.names)]
            self.set_frame(self.canvas.frame)

    def set_frame(self, frame) -> None:
        """Draw `frame`'s signal field (nothing when hidden or the frame carries none)."""
        signals = getattr(frame, "signals", None) or {}
        self.names = tuple(signals)
        name = self.chosen if self.chosen in signals else (self.names[0] if self.names else None)
        self.current = name if self.visible else None
        if self.current is None:
            self.image.hide()
            self.bar.hide()
            return
        field = np.clip(np.asarray(signals[name], np.float32), 0.0, 1.0)
        idx = (field * 255).astype(np.uint8)
        rgba = _LUT[idx]
        tissue = getattr(frame.main, "tissue", None)
        if tissue is not None and tissue.shape == field.shape:
            rgba[tissue == 0] = 0  # signals live in tissue: nothing is drawn over the background
        rows, cols = field.shape
        aspect = frame.main.aspect
        self.image.setImage(rgba, levels=(0, 255), autoLevels=False)
        self.image.setRect(QtCore.QRectF(0, 0, cols, rows * aspect))
        self.image.show()
        self.bar.show()
        self.bar.update()
