"""Export from the window: dialogs remember choices, overwrite asks first, movies run without blocking and cancel."""

from PySide6 import QtCore, QtGui, QtWidgets

from osteoviz.content import process_content

Key = QtCore.Qt.Key


def test_picture_dialog_exports_and_remembers(window, qtbot, tmp_path):
    dlg = window.export_dialog("picture")
    dlg.path.setText(str(tmp_path / "slide.png"))
    dlg.size.setCurrentIndex(0)  # 720p
    dlg.checks["labels"].setChecked(True)
    dlg.accept()
    path = window.run_export(dlg)
    img = QtGui.QImage(str(path))
    assert (img.width(), img.height()) == (1280, 720)
    assert img.text("osteoviz:process") == "endochondral"
    command = img.text("osteoviz:command")  # the exact command that draws it again
    assert command.startswith("osteoviz render --process endochondral") and "--size 1280x720" in command
    assert "--labels" in command and str(path) in command
    import shlex

    from osteoviz.cli import main

    again_path = tmp_path / "again.png"
    argv = shlex.split(command)[1:]
    argv[argv.index("-o") + 1] = str(again_path)
    assert main(argv) == 0
    a, b = QtGui.QImage(str(path)), QtGui.QImage(str(again_path))
    assert a.convertToFormat(QtGui.QImage.Format.Format_RGB32) == b.convertToFormat(QtGui.QImage.Format.Format_RGB32)
    again = window.export_dialog("picture")
    assert again.path.text().startswith(str(tmp_path)) and again.size.currentIndex() == 0
    assert again.checks["labels"].isChecked()


def test_overwrite_is_confirmed_first(window, tmp_path, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"slide 12")
    dlg = window.export_dialog("picture")
    dlg.path.setText(str(target))
    monkeypatch.setattr(window, "ask", lambda title, text: False)
    assert window.run_export(dlg) is None and target.read_bytes() == b"slide 12"
    monkeypatch.setattr(window, "ask", lambda title, text: True)
    assert window.run_export(dlg) == target and target.read_bytes()[:4] == b"\x89PNG"


def test_errors_become_a_message(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(window, "tell_error", messages.append)
    dlg = window.export_dialog("picture")
    dlg.path.setText(str(tmp_path / "missing" / "x.png"))
    assert window.run_export(dlg) is None
    dlg.path.setText(str(tmp_path / "x.tiff"))
    assert window.run_export(dlg) is None
    assert len(messages) == 2 and "does not exist" in messages[0] and "unknown" in messages[1]
    assert list(tmp_path.iterdir()) == []


def test_phase_set_from_the_window(window, tmp_path):
    dlg = window.export_dialog("phases")
    dlg.path.setText(str(tmp_path))
    dlg.size.setCurrentIndex(0)
    window.run_export(dlg)
    assert len(list(tmp_path.glob("*.png"))) == len(process_content("endochondral").phases)
    assert (tmp_path / "captions.csv").is_file()


def movie_dialog(window, path):
    dlg = window.export_dialog("movie")
    dlg.path.setText(str(path))
    dlg.size.setCurrentIndex(0)
    dlg.start.setText("8w")
    dlg.end.setText("9w")
    dlg.fps.setCurrentIndex(0)  # 12 fps
    dlg.duration.setValue(2.0)
    return dlg


def test_movie_runs_without_blocking_and_finishes(window, qtbot, tmp_path):
    done, progress = [], []
    job = window.run_export(movie_dialog(window, tmp_path / "m.mp4"))
    job.finished.connect(done.append)
    job.progress.connect(lambda d, t, eta: progress.append((d, t)))
    qtbot.waitUntil(lambda: bool(progress), timeout=10000)
    assert not done  # the event loop kept running between frames
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert progress[-1] == (24, 24) and (tmp_path / "m.mp4").stat().st_size > 1000


def test_movie_cancel_leaves_nothing(window, qtbot, tmp_path):
    job = window.run_export(movie_dialog(window, tmp_path / "c.mp4"))
    seen = []
    job.progress.connect(lambda d, t, eta: seen.append(d))
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10000)
    button = window.movie_progress.findChild(QtWidgets.QPushButton)
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)  # the user presses Cancel
    qtbot.wait(100)
    assert not job.timer.isActive()
    assert list(tmp_path.iterdir()) == []


def test_copy_canvas_to_clipboard(window, qtbot):
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(window.canvas, Key.Key_C, QtCore.Qt.KeyboardModifier.ControlModifier)
    img = QtWidgets.QApplication.clipboard().image()
    assert img.size() == window.canvas.size()
    qtbot.keyClick(window.canvas, Key.Key_C, QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert QtWidgets.QApplication.clipboard().image().size() == window.size()


def test_quitting_cancels_a_running_movie(qtbot, settings_file, tmp_path):
    from osteoviz.qt.window import MainWindow

    w = MainWindow("intramembranous")
    qtbot.addWidget(w)
    folder = tmp_path / "movies"
    folder.mkdir()
    old = folder / "lecture.mp4"
    old.write_bytes(b"last year's movie")
    w.ask = lambda title, text: True
    job = w.run_export(movie_dialog(w, old))
    seen = []
    job.progress.connect(lambda d, t, eta: seen.append(d))
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)
    assert any(p.name.startswith(".osteoviz-") for p in folder.iterdir())  # mid-export
    w.close()
    qtbot.wait(100)
    assert not job.timer.isActive() and len(seen) < 24
    assert [p.name for p in folder.iterdir()] == ["lecture.mp4"] and old.read_bytes() == b"last year's movie"


def test_phase_set_from_the_window_makes_the_folder_and_asks_only_on_a_real_clash(window, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "ask", lambda title, text: asked.append(text) or False)
    (tmp_path / "holiday.png").write_bytes(b"not a slide")
    dlg = window.export_dialog("phases")
    dlg.path.setText(str(tmp_path))
    dlg.size.setCurrentIndex(0)
    assert window.run_export(dlg) == tmp_path and not asked  # another picture in the folder is no clash
    assert window.run_export(dlg) is None and len(asked) == 1  # the same set again: asked, and refused
    dlg.path.setText(str(tmp_path / "new"))
    assert window.run_export(dlg) == tmp_path / "new" and (tmp_path / "new" / "captions.md").is_file()


def test_window_export_on_a_full_disk_keeps_the_old_file(window, tmp_path, monkeypatch):
    import resource

    messages = []
    monkeypatch.setattr(window, "tell_error", messages.append)
    monkeypatch.setattr(window, "ask", lambda title, text: True)
    folder = tmp_path / "out"
    folder.mkdir()
    results = {}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, hard))  # writes beyond 20 kB fail with EFBIG (SIGXFSZ is ignored)
    try:
        for name in ("slide.svg", "slide.png"):
            (folder / name).write_bytes(b"last week's slide")
            dlg = window.export_dialog("picture")
            dlg.path.setText(str(folder / name))
            dlg.size.setCurrentIndex(0)
            results[name] = window.run_export(dlg)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert results == {"slide.svg": None, "slide.png": None}
    assert len(messages) == 2 and all(str(folder) in m and "nothing was written" in m for m in messages)
    assert sorted(p.name for p in folder.iterdir()) == ["slide.png", "slide.svg"]
    assert all(p.read_bytes() == b"last week's slide" for p in folder.iterdir())
