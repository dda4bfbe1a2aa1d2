"""First start: the simulation runs off the GUI thread behind a progress window; the window opens on a ready cache."""

import time

import pytest
from PySide6 import QtCore, QtWidgets

from osteoviz import simcache
from osteoviz.model import registry

PROCESSES = registry.process_ids()
from osteoviz.qt import firstrun


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """No cache on disk or in memory; simulate() is slow (0.6 s) and returns the real history."""
    real = {p: simcache.load(p) for p in PROCESSES}
    monkeypatch.setenv("OSTEOVIZ_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(simcache, "_MEMO", {})
    calls = []
    for process, cls in ((p, registry.get(p).model_type) for p in PROCESSES):
        def slow(self, process=process):
            calls.append((process, QtCore.QThread.currentThread() == QtWidgets.QApplication.instance().thread()))
            time.sleep(0.6)
            return real[process][1]
        monkeypatch.setattr(cls, "simulate", slow)
    return calls


def test_first_start_shows_progress_and_stays_responsive(qapp, empty_cache):
    assert firstrun.missing_processes(PROCESSES) == list(PROCESSES)
    seen, ticks = [], []
    probe = QtCore.QTimer()
    probe.timeout.connect(lambda: ticks.append(1))
    probe.timeout.connect(lambda: seen.extend(w.label.text() for w in QtWidgets.QApplication.topLevelWidgets()
                                             if isinstance(w, firstrun.SimulationSplash) and w.isVisible()))
    probe.start(20)
    assert firstrun.simulate_with_progress(PROCESSES, "en")
    probe.stop()
    assert [p for p, _ in empty_cache] == list(PROCESSES)
    assert not any(on_gui for _, on_gui in empty_cache)  # simulated off the GUI thread
    assert len(ticks) >= 30  # the event loop kept running for the whole 1.2 s (a frozen app would not tick)
    n = len(PROCESSES)
    assert all(any(f"({i} of {n})" in t for t in seen) for i in range(1, n + 1))
    assert firstrun.missing_processes(PROCESSES) == []  # cached: the next start shows nothing
    assert not [w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, firstrun.SimulationSplash)
                and w.isVisible()]
    assert firstrun.simulate_with_progress(PROCESSES, "en") and len(empty_cache) == len(PROCESSES)
