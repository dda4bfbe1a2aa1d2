"""First start: the processes not yet cached are simulated in a worker thread while a small window shows progress."""

from __future__ import annotations

import signal
import threading
import time

from PySide6 import QtCore, QtWidgets

from .. import simcache
from ..content import strings


class SimulationSplash(QtWidgets.QWidget):
    """'Simulating … (1 of 2)' with a moving bar: the app is busy, not frozen."""

    def __init__(self, lang: str = "en"):
        super().__init__(None, QtCore.Qt.WindowType.SplashScreen | QtCore.Qt.WindowType.WindowStaysOnTopHint)
        self.lang = lang
        self.setWindowTitle(strings(lang)("firstrun.title"))
        col = QtWidgets.QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        title = QtWidgets.QLabel(strings(lang)("firstrun.title"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        col.addWidget(title)
        self.label = QtWidgets.QLabel()
        self.label.setWordWrap(True)
        col.addWidget(self.label)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setTextVisible(False)
        col.addWidget(self.bar)
        self.resize(460, 140)
        screen = QtWidgets.QApplication.primaryScreen()
        if screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())

    def show_step(self, done: int, total: int, process: str, elapsed: float, expected: float) -> None:
        s = strings(self.lang)
        self.label.setText(s("firstrun.label", process=s(f"process.{process}"), i=done + 1, n=total))
        self.bar.setRange(0, 1000 * total)
        self.bar.setValue(int(1000 * (done + min(elapsed / expected, 0.95))))


def missing_processes(processes) -> list[str]:
    return [p for p in processes if not simcache.is_cached(p)]


def simulate_with_progress(processes, lang: str = "en", expected_s: float = 6.0) -> bool:
    """Simulate (and cache) every process in `processes` that is not cached yet, showing a splash meanwhile.

    The simulation runs in a worker thread; the GUI thread keeps drawing the splash. Returns False if the user
    closed the splash or pressed Ctrl+C (the caller then quits), True when everything is ready.
    """
    todo = missing_processes(processes)
    if not todo:
        return True
    app = QtWidgets.QApplication.instance()
    splash = SimulationSplash(lang)
    state = {"i": 0, "started": time.monotonic(), "error": None, "done": False, "cancel": False}

    def work():
        try:
            for i, process in enumerate(todo):
                state["i"], state["started"] = i, time.monotonic()
                simcache.load(process)
        except Exception as exc:  # reported on the GUI thread
            state["error"] = exc
        state["done"] = True

    loop = QtCore.QEventLoop()
    timer = QtCore.QTimer()
    timer.setInterval(50)

    def tick():
        if state["done"] or state["cancel"] or not splash.isVisible():
            loop.quit()
            return
        splash.show_step(state["i"], len(todo), todo[state["i"]], time.monotonic() - state["started"], expected_s)

    timer.timeout.connect(tick)
    old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    for sig in old:
        signal.signal(sig, lambda *_: state.__setitem__("cancel", True))
    worker = threading.Thread(target=work, name="osteoviz-simulation", daemon=True)
    try:
        splash.show_step(0, len(todo), todo[0], 0.0, expected_s)
        splash.show()
        worker.start()
        timer.start()
        loop.exec()
    finally:
        timer.stop()
        for sig, handler in old.items():
            signal.signal(sig, handler)
        splash.close()
        splash.deleteLater()
        app.processEvents()
    if state["error"] is not None:
        raise state["error"]
    return state["done"] and not state["cancel"]
