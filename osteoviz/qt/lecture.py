"""Lecture sequence: processes in the chosen order, a title card before each, an end card after the last stop."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import process_content, process_name, strings
from ..model import registry

EPS = 1e-6


def resolve_order(setting: str) -> list[str]:
    """Process ids of a lecture from the setting: ids separated by commas; a final '*' (or an empty setting)
    adds every other registered process in registry order, so a new process joins a lecture by itself."""
    ids = registry.process_ids()
    parts = [p.strip() for p in (setting or "*").split(",") if p.strip()]
    order = [p for i, p in enumerate(parts) if p in ids and p not in parts[:i]]
    if not parts or parts[-1] == "*":
        order += [p for p in ids if p not in order]
    return order or list(ids)


def valid_order(setting: str) -> bool:
    """A setting that names only registered processes, each once, with '*' only at the end."""
    parts = [p.strip() for p in (setting or "").split(",") if p.strip()]
    if not parts:
        return True
    ids = registry.process_ids()
    names = parts[:-1] if parts[-1] == "*" else parts
    return all(p in ids for p in names) and len(set(names)) == len(names)


def order_choices() -> list[tuple[str, str, str]]:
    """(setting, string key, process) for the Lecture-sequence menu: every process, start with X, only X."""
    ids = registry.process_ids()
    choices = [("*", "lecture.all", "")]
    choices += [(f"{p},*", "lecture.start_with", p) for p in ids[1:]]
    if len(ids) > 1:
        choices += [(p, "lecture.only", p) for p in ids]
    return choices


class Card(QtWidgets.QWidget):
    """A full title or end card over the canvas, in the colour profile's own colours and large text."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self.kind = ""  # "title" or "end"
        self.process = ""
        self.part = (1, 1)
        self.lang = "en"
        self.hide()
        canvas.installEventFilter(self)

    def eventFilter(self, obj, ev):
        if obj is self.canvas and ev.type() == QtCore.QEvent.Type.Resize:
            self.setGeometry(self.canvas.rect())
        return False

    def texts(self) -> tuple[str, str, str, str]:
        """(small line above, title, subtitle, hint) as drawn."""
        s = strings(self.lang)
        if self.kind == "end":
            return "", s("lecture.end_title"), s("lecture.end_subtitle"), s("lecture.end_hint")
        content = process_content(self.process, self.lang)
        n, total = self.part
        return s("lecture.part", n=n, total=total), content.title, content.subtitle, s("lecture.title_hint")

    def show_card(self, kind: str, process: str, part: tuple[int, int], lang: str) -> None:
        self.kind, self.process, self.part, self.lang = kind, process, part, lang
        self.setGeometry(self.canvas.rect())
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _ev):
        prof = self.canvas.profile
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QtGui.QColor(prof.background))
        u = max(0.4, min(w / 1920.0, h / 1080.0))
        small, title, subtitle, hint = self.texts()
        margin = 0.08 * w
        box = QtCore.QRectF(margin, 0, w - 2 * margin, h)
        flags = int(QtCore.Qt.AlignmentFlag.AlignHCenter | QtCore.Qt.TextFlag.TextWordWrap)

        def block(text, px, bold, colour, top):
            font = QtGui.QFont()
            font.setPixelSize(max(8, int(px * u)))
            font.setBold(bold)
            p.setFont(font)
            p.setPen(QtGui.QColor(colour))
            r = p.boundingRect(QtCore.QRectF(box.left(), top, box.width(), h), flags, text)
            p.drawText(QtCore.QRectF(box.left(), top, box.width(), r.height()), flags, text)
            return top + r.height()

        y = 0.26 * h
        if small:
            y = block(small, 40, False, prof.accent, y) + 24 * u
        y = block(title, 96, True, prof.text, y) + 20 * u
        bar = QtCore.QRectF(w / 2 - 120 * u, y, 240 * u, max(3.0, 8 * u))
        p.fillRect(bar, QtGui.QColor(prof.accent))
        y = bar.bottom() + 36 * u
        block(subtitle, 44, False, prof.text, y)
        hint_font = QtGui.QFont()
        hint_font.setPixelSize(max(8, int(30 * u)))
        p.setFont(hint_font)
        p.setPen(QtGui.QColor(prof.frame))
        p.drawText(QtCore.QRectF(box.left(), h - 110 * u, box.width(), 80 * u),
                   int(QtCore.Qt.AlignmentFlag.AlignCenter | QtCore.Qt.TextFlag.TextWordWrap), hint)


class LectureSequence(QtCore.QObject):
    """What PageDown and PageUp do in presentation mode: phase stops of each process in turn, with cards between."""

    changed = QtCore.Signal()

    def __init__(self, window, order: str = "*"):
        super().__init__(window)
        self.window = window
        self.clock = window.clock
        self.order_setting = order if valid_order(order) else "*"
        self.card = Card(window.canvas)
        self._switching = False
        self.clock.processChanged.connect(self._on_process)

    # state ---------------------------------------------------------------------------------
    def order(self) -> list[str]:
        return resolve_order(self.order_setting)

    def set_order(self, setting: str) -> None:
        if not valid_order(setting):
            raise ValueError(setting)
        self.order_setting = setting
        self.changed.emit()

    @property
    def state(self) -> str:
        """'title', 'end' or 'phases' (the picture)."""
        return self.card.kind if self.card.isVisible() else "phases"

    def _part(self, process: str) -> tuple[int, int]:
        order = self.order()
        return (order.index(process) + 1 if process in order else 1), len(order)

    def _neighbour(self, direction: int) -> str | None:
        order = self.order()
        if self.clock.process not in order:
            return None
        i = order.index(self.clock.process) + direction
        return order[i] if 0 <= i < len(order) else None

    # cards ---------------------------------------------------------------------------------
    def show_title(self, process: str | None = None) -> None:
        """The title card of `process` (the clock moves to its start behind the card)."""
        process = process or self.clock.process
        self.clock.set_playing(False)
        self._switch(process)
        self.clock.home()
        self.card.show_card("title", process, self._part(process), self.window.lang)
        self.changed.emit()

    def show_end(self) -> None:
        self.clock.set_playing(False)
        self.card.show_card("end", self.clock.process, self._part(self.clock.process), self.window.lang)
        self.changed.emit()

    def hide_card(self) -> None:
        if self.card.isVisible():
            self.card.hide()
            self.changed.emit()

    def set_language(self, lang: str) -> None:
        self.card.lang = lang
        self.card.update()

    def _switch(self, process: str) -> None:
        self._switching = True
        try:
            self.clock.set_process(process)
        finally:
            self._switching = False

    def _on_process(self, process: str) -> None:
        """A process chosen by key, menu or the controls while presenting opens with its title card."""
        if self.window.presenting and not self._switching:
            self.show_title(process)

    def next_process(self) -> None:
        """The next process of the lecture (or the next registered one) with its title card."""
        ids = self.order()
        if self.clock.process not in ids:
            ids = list(registry.process_ids())
        i = ids.index(self.clock.process) if self.clock.process in ids else -1
        self.show_title(ids[(i + 1) % len(ids)])

    # clicker --------------------------------------------------------------------------------
    def at_last_stop(self) -> bool:
        return not self.clock.playing and self.clock.day >= self.clock.stops()[-1] - EPS

    def forward(self) -> None:
        """PageDown: leave a title card and play to the first stop; stop to stop; past the last, the next card."""
        clock = self.clock
        if self.state == "end":
            return
        if self.state == "title":
            self.hide_card()
            clock.home()
            self._play()
            return
        if clock.playing:
            if self.window.stop_at_phases:
                clock.play_to_next_stop()  # jumps straight to the stop it was playing to
            else:
                clock.set_playing(False)
            return
        done = self.at_last_stop() if self.window.stop_at_phases else clock.pos >= 1.0
        if done:
            nxt = self._neighbour(1)
            if nxt is None:
                self.show_end()
            else:
                self.show_title(nxt)
            return
        self._play()

    def _play(self) -> None:
        if self.window.stop_at_phases:
            self.clock.play_to_next_stop()
        else:
            self.clock.set_playing(True)

    def back(self) -> None:
        """PageUp: the previous stop; from the first stop the title card; from a title card the last stop before it."""
        clock = self.clock
        clock.set_playing(False)
        if self.state == "end":
            self.hide_card()
            clock.set_day(clock.stops()[-1])
            return
        if self.state == "title":
            prev = self._neighbour(-1)
            if prev is None:
                return
            self.hide_card()
            self._switch(prev)
            clock.set_day(clock.stops()[-1])
            self.changed.emit()
            return
        if clock.day <= clock.stops()[0] + EPS:
            self.show_title(clock.process)
            return
        clock.goto_phase(-1)

    # what the presenter sees next ---------------------------------------------------------------
    def now_and_next(self, lang: str) -> tuple[str | None, str | None]:
        """Texts for the notes window when a card is up (now, next), or (None, next-after-last-phase)."""
        s = strings(lang)
        if self.state == "title":
            first = process_content(self.clock.process, lang).phase(self.clock.phases[0].id).title
            return s("notes.title_card", name=process_name(self.clock.process, lang)), first
        if self.state == "end":
            return s("notes.end_card"), s("notes.last")
        nxt = self._neighbour(1)
        after = s("notes.end_card") if nxt is None else s("notes.title_card", name=process_name(nxt, lang))
        return None, after
