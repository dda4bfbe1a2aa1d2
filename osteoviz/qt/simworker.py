"""Simulate a scenario off the GUI thread (in its own process): progress as it goes, cancel that discards the result."""

from __future__ import annotations

from PySide6 import QtCore

from ..model.scenario import Scenario
from ..simcache import load, loaded, remember


class _Run(QtCore.QThread):
    """One scenario loaded or simulated in a process of its own (so it never holds the GUI thread's interpreter),
    watched from this thread: progress passed on, the history received, or the process ended on cancel."""

    progressed = QtCore.Signal(float)
    done = QtCore.Signal(object, object)  # (model, history)
    failed = QtCore.Signal(str)

    def __init__(self, scenario: Scenario, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.cancelled = False

    def run(self) -> None:
        import pickle
        import subprocess
        import sys

        from ..model.history import History
        from ..simprocess import read_message

        model = None  # built by the process and sent first (building it here would hold this process's interpreter)
        try:
            self.proc = proc = subprocess.Popen([sys.executable, "-m", "osteoviz.simprocess"], stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            with proc.stdin:
                pickle.dump((self.scenario.spec.model_type, self.scenario.params()), proc.stdin)
        except Exception as exc:
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        try:
            while not self.cancelled:
                message = read_message(proc.stdout)  # blocks this thread only (the read releases the interpreter)
                if message is None:
                    if not self.cancelled:
                        self.failed.emit(f"the simulation process ended (exit code {proc.wait()})")
                    return
                kind, value = message
                if kind == "model":
                    model = value
                elif kind == "p":
                    self.progressed.emit(value)
                elif kind == "err":
                    self.failed.emit(value)
                    return
                else:
                    history = History(value)
                    if model is None:  # the process could not send its model
                        model = self.scenario.model()
                    if not self.cancelled:
                        self.done.emit(model, history)
                    return
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            if not self.cancelled:
                self.failed.emit(str(exc) or "the simulation process ended")
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            proc.stdout.close()

    def stop(self) -> None:
        """Cancel: the process is ended at once (a blocked read then returns)."""
        self.cancelled = True
        proc = getattr(self, "proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()


class SimWorker(QtCore.QObject):
    """Loads scenarios for one view: a new request cancels the one running; memoised ones are ready at once.

    Signals: started(Scenario), progress(float 0..1), ready(Scenario, model, history), failed(Scenario, str),
    cancelled(Scenario)."""

    started = QtCore.Signal(object)
    progress = QtCore.Signal(float)
    ready = QtCore.Signal(object, object, object)
    failed = QtCore.Signal(object, str)
    cancelled = QtCore.Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._run: _Run | None = None
        self._old: list[_Run] = []  # cancelled runs still finishing their current step

    @property
    def busy(self) -> bool:
        return self._run is not None

    @property
    def scenario(self) -> Scenario | None:
        return self._run.scenario if self._run is not None else None

    def request(self, scenario: Scenario) -> None:
        if self._run is not None and self._run.scenario == scenario:
            return
        self.cancel(quiet=True)
        if loaded(scenario):
            self.ready.emit(scenario, *load(scenario))
            return
        run = _Run(scenario, self)
        run.progressed.connect(self.progress)
        run.done.connect(lambda m, h, r=run: self._finished(r, m, h))
        run.failed.connect(lambda msg, r=run: self._failed(r, msg))
        run.finished.connect(lambda r=run: self._reap(r))
        self._run = run
        self.started.emit(scenario)
        run.start(QtCore.QThread.Priority.LowPriority)

    def cancel(self, quiet: bool = False) -> None:
        """Stop the running simulation; its result, if it still arrives, is thrown away."""
        run, self._run = self._run, None
        if run is None:
            return
        run.stop()
        self._old.append(run)
        if not quiet:
            self.cancelled.emit(run.scenario)

    def _finished(self, run: _Run, model, history) -> None:
        if run is self._run and not run.cancelled:
            self._run = None
            remember(run.scenario, model, history)
            self.ready.emit(run.scenario, model, history)

    def _failed(self, run: _Run, message: str) -> None:
        if run is self._run:
            self._run = None
            self.failed.emit(run.scenario, message)

    def _reap(self, run: _Run) -> None:
        if run in self._old:
            self._old.remove(run)
        run.deleteLater()

    def wait_idle(self, ms: int = 60000) -> None:
        """Block until every thread has ended (closing the window, tests)."""
        for run in [*self._old, *([self._run] if self._run else [])]:
            run.wait(ms)
