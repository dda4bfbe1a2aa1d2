"""Start the window, or explain in one line why no window can open here (never Qt's abort)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..content import strings


def display_problem(lang: str = "en") -> str | None:
    """Why Qt could not open a window here and what to do instead (one line), or None if it should work."""
    s = strings(lang)
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return None
    if not platform and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return s("nodisplay.no_display")
    if platform.startswith("wayland") or (not platform and os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")):
        return None
    missing = missing_xcb_libraries()
    if missing:
        return s("nodisplay.missing_libs", libs=", ".join(missing), command=s("nodisplay.apt_command"))
    return None


def missing_xcb_libraries() -> list[str]:
    """Shared libraries that Qt's xcb platform plugin needs but the system lacks (via ldd)."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if not plugin.is_file() or ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line})


def identify_app(app) -> None:
    """Name, version, icon and desktop file of the app (window managers, docks and task switchers show them)."""
    from PySide6 import QtGui

    from .. import __version__
    from ..desktop import APP_ID
    from ..paths import assets_dir

    app.setApplicationName("osteoviz")
    app.setOrganizationName("osteoviz")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QtGui.QIcon(str(assets_dir() / "icons" / f"{APP_ID}.svg")))


def run_app(process: str | None = None, lang: str | None = None) -> int:
    problem = display_problem(lang or "en")
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6 import QtWidgets

    from .window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    identify_app(app)
    from .firstrun import simulate_with_progress
    from .settings import load_preferences

    # first start: simulate both processes once with a progress window (later starts and switches are instant)
    from ..model.registry import process_ids

    if not simulate_with_progress(process_ids(), lang or load_preferences()[0].language):
        return 0
    window = MainWindow(process=process, lang=lang)
    quit_on_signals(app, window)
    window.show()
    if os.environ.get("OSTEOVIZ_EXIT_AFTER_FIRST_FRAME"):  # used by the benchmark
        from PySide6 import QtCore

        QtCore.QTimer.singleShot(0, lambda: (window.render_now(), app.processEvents(), app.quit()))
    return app.exec()


def quit_on_signals(app, window) -> None:
    """Ctrl+C, SIGTERM and SIGHUP close the window as the Quit action does: a running export is cancelled
    (its temporary file removed) and the preferences are saved, then the app quits."""
    import signal

    from PySide6 import QtCore

    def close(*_):
        window.close()  # closeEvent cancels the export and saves
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: QtCore.QTimer.singleShot(0, close))
    ticker = QtCore.QTimer(app)  # Python handles signals only when it runs: wake it a few times a second
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
    app._osteoviz_signal_ticker = ticker
