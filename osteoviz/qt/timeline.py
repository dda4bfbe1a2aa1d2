"""Timeline widget: phase bands with names on the process's paced clock, its ticks and landmarks, draggable cursor."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import process_content, strings
from ..model import registry
from .clockstate import ClockState

class Timeline(QtWidgets.QWidget):
    """Paints phases and ticks; a click or drag sets the clock."""

    def __init__(self, clock: ClockState, palette_source, lang: str = "en", parent=None):
        super().__init__(parent)
        self.clock = clock
        self.lang = lang
        self._palette_source = palette_source  # callable returning the colour Profile
        self.text_scale = 1.0
        self._bands: QtGui.QPixmap | None = None
        self._bands_key = None
        self.setMinimumHeight(70)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # the bands fill it: nothing behind repaints per tick
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.setToolTip(strings(lang)("timeline.tooltip"))
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self._cursor_x: float | None = None  # where the cursor was last painted
        clock.dayChanged.connect(self._cursor_moved)
        clock.processChanged.connect(lambda _p: self.update())

    def _cursor_rect(self, x: float) -> QtCore.QRect:
        """The pixels the cursor at x covers (its line, its dot and their antialiased edges)."""
        bar = self._bar()
        return QtCore.QRectF(x - 9, bar.top() - 9, 18, bar.height() + 15).toAlignedRect()

    def _cursor_moved(self, _day=None) -> None:
        """Repaint where the cursor was and where it is now, not the whole timeline (it moves at every tick)."""
        x = self.x_of(self.clock.day)
        if self._cursor_x is None or self._bands_key_now() != self._bands_key:
            self.update()  # (the bands change too: a new phase is highlighted, ...)
            return
        self.update(QtGui.QRegion(self._cursor_rect(self._cursor_x)).united(QtGui.QRegion(self._cursor_rect(x))))

    def _bands_key_now(self) -> tuple:
        """Everything the cached picture of the bands depends on (size, process, language, colours, phase shown)."""
        prof = self._palette_source()
        return (self.width(), self.height(), self.devicePixelRatioF(), self.clock.process, self.lang, prof.name, id(prof),
                self.clock.phase().id, self.text_scale)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.setToolTip(strings(lang)("timeline.tooltip"))
        self.update()

    def sizeHint(self):
        return QtCore.QSize(800, int(78 * self.text_scale))

    def _bar(self) -> QtCore.QRectF:
        m = 12.0
        return QtCore.QRectF(m, 6, self.width() - 2 * m, self.height() * 0.48)

    def x_of(self, day: float) -> float:
        b = self._bar()
        return b.left() + self.clock.scale.to_pos(day) * b.width()

    def day_at(self, x: float) -> float:
        b = self._bar()
        return self.clock.scale.to_day((x - b.left()) / max(b.width(), 1.0))

    def paintEvent(self, ev):
        """The bands, ticks and landmark lines (birth) come from a cached picture; only the cursor is drawn each time."""
        prof = self._palette_source()
        current = self.clock.phase()
        dpr = self.devicePixelRatioF()
        key = self._bands_key_now()
        if key != self._bands_key:
            if not ev.region().contains(self.rect()):  # new bands shown in part only: the whole timeline again
                self.update()
            self._bands = QtGui.QPixmap(max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr)))
            self._bands.setDevicePixelRatio(dpr)
            painter = QtGui.QPainter(self._bands)
            self._paint_bands(painter, prof, current)
            painter.end()
            self._bands_key = key
        p = QtGui.QPainter(self)
        p.drawPixmap(0, 0, self._bands)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        bar = self._bar()
        x = self.x_of(self.clock.day)
        self._cursor_x = x
        pen = QtGui.QPen(QtGui.QColor(prof.text), 3)
        p.setPen(pen)
        p.drawLine(QtCore.QPointF(x, bar.top() - 4), QtCore.QPointF(x, bar.bottom() + 4))
        p.setBrush(QtGui.QColor(prof.accent))
        p.drawEllipse(QtCore.QPointF(x, bar.top() - 1), 6, 6)
        p.end()

    def _paint_bands(self, p: QtGui.QPainter, prof, current) -> None:
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QtGui.QColor(prof.panel))
        bar = self._bar()
        phases = self.clock.phases
        content = process_content(self.clock.process, self.lang)
        font = QtGui.QFont("DejaVu Sans")
        font.setPixelSize(max(9, int(12 * self.text_scale)))
        p.setFont(font)
        fm = QtGui.QFontMetricsF(font)
        for i, ph in enumerate(phases):
            x0 = self.x_of(ph.start_day)
            x1 = self.x_of(phases[i + 1].start_day) if i + 1 < len(phases) else bar.right()
            r = QtCore.QRectF(x0, bar.top(), max(1.0, x1 - x0), bar.height())
            base = QtGui.QColor(prof.accent if ph is current else prof.frame)
            base.setAlpha(150 if ph is current else (60 if i % 2 == 0 else 35))
            p.fillRect(r, base)
            title = content.phase(ph.id).title
            label = fm.elidedText(title, QtCore.Qt.TextElideMode.ElideRight, r.width() - 6)
            if len(label) > 2:
                p.setPen(QtGui.QColor(prof.text))
                p.drawText(r.adjusted(3, 0, -3, 0), QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.AlignmentFlag.AlignLeft, label)
        # ticks
        p.setPen(QtGui.QColor(prof.muted_text))
        last_right = -1e9
        for day, label in self.ticks():
            x = self.x_of(day)
            w = fm.horizontalAdvance(label)
            p.drawLine(QtCore.QPointF(x, bar.bottom()), QtCore.QPointF(x, bar.bottom() + 5))
            if x - w / 2 > last_right + 6:
                p.drawText(QtCore.QPointF(min(max(x - w / 2, 0), self.width() - w), bar.bottom() + 6 + fm.ascent()), label)
                last_right = x + w / 2
        # landmark lines (the developmental clock's birth)
        for day, _label in self.landmarks():
            pen = QtGui.QPen(QtGui.QColor(prof.text), 1, QtCore.Qt.PenStyle.DashLine)
            p.setPen(pen)
            xb = self.x_of(day)
            p.drawLine(QtCore.QPointF(xb, bar.top()), QtCore.QPointF(xb, bar.bottom()))

    def ticks(self) -> list[tuple[float, str]]:
        """(day, label) of the ticks under the bar, from the process's clock."""
        sc = self.clock.scale
        return registry.get(self.clock.process).clock.ticks(sc.start_day, sc.end_day, strings(self.lang))

    def landmarks(self) -> list[tuple[float, str]]:
        """(day, label) of the dashed lines across the bar (birth on the developmental clock; none after injury)."""
        sc = self.clock.scale
        return registry.get(self.clock.process).clock.landmarks(sc.start_day, sc.end_day, strings(self.lang))

    def mousePressEvent(self, ev):
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            self.clock.set_day(self.day_at(ev.position().x()))

    def mouseMoveEvent(self, ev):
        if ev.buttons() & QtCore.Qt.MouseButton.LeftButton:
            self.clock.set_day(self.day_at(ev.position().x()))
            return
        # hovering a band names its phase in full (narrow bands show only the start of the name)
        text = self.phase_tip(self.day_at(ev.position().x())) + "\n" + strings(self.lang)("timeline.tooltip")
        QtWidgets.QToolTip.showText(ev.globalPosition().toPoint(), text, self)

    def phase_tip(self, day: float) -> str:
        """Full title and timing of the phase at `day`, as the hover tooltip shows it."""
        phases = self.clock.phases
        day = min(max(day, phases[0].start_day), self.clock.scale.end_day)
        ph = [p for p in phases if p.start_day <= day][-1]
        text = process_content(self.clock.process, self.lang).phase(ph.id)
        return f"{text.title} — {text.when}"

