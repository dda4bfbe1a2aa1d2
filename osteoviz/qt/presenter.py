"""Presenter notes window: speaker notes for the phase, what comes next, elapsed time, a thumbnail."""

from __future__ import annotations

import html
import time

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import process_content, strings


class PresenterNotes(QtWidgets.QWidget):
    """A separate window (on the second screen when there is one) that follows the clock."""

    def __init__(self, window, lang: str = "en"):
        super().__init__(None, QtCore.Qt.WindowType.Window)
        self.main = window
        self.lang = lang
        s = strings(lang)
        self.setWindowTitle(s("notes.title"))
        col = QtWidgets.QVBoxLayout(self)
        self.now = QtWidgets.QLabel()
        self.now.setWordWrap(True)
        self.notes = QtWidgets.QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.next = QtWidgets.QLabel()
        self.next.setWordWrap(True)
        self.elapsed = QtWidgets.QLabel()
        self.thumb = QtWidgets.QLabel()
        self.thumb.setMinimumSize(320, 180)
        for w in (self.now, self.notes, self.next, self.elapsed, self.thumb):
            col.addWidget(w)
        col.addStretch(1)
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.resize(640, 620)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.setWindowTitle(strings(lang)("notes.title"))
        if self.isVisible():
            self.refresh()

    def showEvent(self, ev):
        super().showEvent(ev)
        self.timer.start(1000)  # ticks only while shown

    def hideEvent(self, ev):
        self.timer.stop()
        super().hideEvent(ev)

    def refresh(self) -> None:
        s = strings(self.lang)
        clock = self.main.clock
        content = process_content(clock.process, self.lang)
        phases = clock.phases
        i = clock.phase_index()
        ph = content.phase(phases[i].id)
        scale = self.main.text_scale
        big = int(26 * scale)
        prof = self.main.canvas.profile
        self.setStyleSheet(f"QWidget {{ background: {prof.panel}; color: {prof.text}; font-size: {int(18 * scale)}px; }}")
        card, after_last = self.main.lecture.now_and_next(self.lang)
        title = card or ph.title
        self.now.setText(f"<span style='font-size:{big}px'><b>{html.escape(s('notes.now'))}: {html.escape(title)}</b></span>")
        if card is None:
            self.notes.setText(f"<p>{html.escape(ph.notes)}</p><p><i>{html.escape(ph.summary)}</i></p>")
        else:
            self.notes.setText(f"<p><i>{html.escape(content.subtitle)}</i></p>")
        if card is not None:
            nxt = after_last
        elif i + 1 < len(phases):
            nxt = content.phase(phases[i + 1].id).title
        else:
            nxt = after_last or s("notes.last")
        self.next.setText(f"<b>{html.escape(s('notes.next'))}:</b> {html.escape(nxt)}")
        started = getattr(self.main, "presentation_started", None)
        if started is None:
            self.elapsed.setText(s("notes.not_started"))
        else:
            secs = int(time.monotonic() - started)
            self.elapsed.setText(s("notes.elapsed", time=f"{secs // 60}:{secs % 60:02d}"))
        pix = self.main.canvas.grab()
        if not pix.isNull():
            self.thumb.setPixmap(pix.scaled(360, 203, QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                                            QtCore.Qt.TransformationMode.SmoothTransformation))

    def place(self) -> None:
        """On the screen that does not show the main window, if there are two."""
        screens = QtGui.QGuiApplication.screens()
        main_screen = self.main.screen()
        others = [sc for sc in screens if sc is not main_screen]
        if others:
            geo = others[0].availableGeometry()
            self.move(geo.topLeft() + QtCore.QPoint(40, 40))
