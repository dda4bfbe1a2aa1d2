"""Export dialogs (picture, phase set, movie): options remembered between uses; validated before export."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import QtWidgets

from ..colours import PROFILES
from ..content import strings
from ..model import registry
from ..model.clock import TimeParseError
from .export_movie import FPS_PRESETS
from .export_picture import PRESETS, PictureOptions
from .settings import settings_store

KINDS = ("picture", "phases", "movie")


class ExportDialog(QtWidgets.QDialog):
    """One dialog for the three exports; the kind decides which fields show."""

    def __init__(self, kind: str, process: str, day: float, profile: str, lang: str = "en", parent=None,
                 start_day: float | None = None, end_day: float | None = None):
        super().__init__(parent)
        assert kind in KINDS
        s = strings(lang)
        self.kind, self.process, self.lang = kind, process, lang
        self.time_clock = registry.get(process).clock  # times are typed on the process's own clock
        self.setWindowTitle(s(f"dialog.{kind}_title"))
        form = QtWidgets.QFormLayout(self)
        self.path = QtWidgets.QLineEdit()
        browse = QtWidgets.QPushButton(s("dialog.browse"))
        browse.clicked.connect(self._browse)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(s("dialog.folder" if kind == "phases" else "dialog.file"), row)
        self.format = QtWidgets.QComboBox()
        self.format.addItems(["png", "jpg", "svg"])
        if kind == "phases":
            form.addRow(s("dialog.format"), self.format)
        self.size = QtWidgets.QComboBox()
        for name, (w, h) in PRESETS.items():
            self.size.addItem(f"{name} ({w}×{h})", (w, h))
        self.size.addItem(s("dialog.custom"), None)
        self.width = QtWidgets.QSpinBox(maximum=8000, minimum=200, value=1920)
        self.height = QtWidgets.QSpinBox(maximum=8000, minimum=200, value=1080)
        self.size.currentIndexChanged.connect(self._size_changed)
        form.addRow(s("dialog.size"), self.size)
        form.addRow(s("dialog.width"), self.width)
        form.addRow(s("dialog.height"), self.height)
        self.profile = QtWidgets.QComboBox()
        for name in PROFILES:
            self.profile.addItem(s(f"profile.{name}"), name)
        self.profile.setCurrentIndex(PROFILES.index(profile))
        form.addRow(s("dialog.profile"), self.profile)
        self.checks = {}
        for key in ("transparent", "caption", "legend", "scale_bar", "labels"):
            if key == "transparent" and kind == "movie":
                continue
            box = QtWidgets.QCheckBox(s(f"dialog.{key}"))
            box.setChecked(key in ("caption", "legend", "scale_bar"))
            form.addRow(box)
            self.checks[key] = box
        self.start = QtWidgets.QLineEdit(self.time_clock.text(start_day if start_day is not None else day))
        self.end = QtWidgets.QLineEdit(self.time_clock.text(end_day) if end_day is not None else "")
        self.fps = QtWidgets.QComboBox()
        for v in FPS_PRESETS:
            self.fps.addItem(str(v), v)
        self.fps.setCurrentIndex(FPS_PRESETS.index(30))
        self.duration = QtWidgets.QDoubleSpinBox(minimum=0, maximum=600, value=0, decimals=1)
        if kind == "movie":
            form.addRow(s("dialog.from"), self.start)
            form.addRow(s("dialog.to"), self.end)
            form.addRow(s("dialog.fps"), self.fps)
            form.addRow(s("dialog.duration"), self.duration)
        self.error = QtWidgets.QLabel()
        self.error.setStyleSheet("color: #d1242f;")
        form.addRow(self.error)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok |
                                             QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._restore()

    # remembered choices -------------------------------------------------------------------
    def _restore(self) -> None:
        st = settings_store()
        st.beginGroup(f"export_{self.kind}")
        default_name = {"picture": f"osteoviz-{self.process}.png", "phases": "", "movie": f"osteoviz-{self.process}.mp4"}[self.kind]
        folder = st.value("folder", str(Path.home()))
        self.path.setText(str(Path(folder) / default_name) if default_name else str(folder))
        idx = st.value("size_index")
        if idx is not None and str(idx).isdigit() and int(idx) < self.size.count():
            self.size.setCurrentIndex(int(idx))
        else:
            self.size.setCurrentIndex(1)
        for key, box in self.checks.items():
            v = st.value(key)
            if v is not None:
                box.setChecked(str(v).lower() in ("true", "1"))
        if self.kind == "phases" and st.value("format") in ("png", "jpg", "svg"):
            self.format.setCurrentText(st.value("format"))
        fps = st.value("fps")
        if fps is not None and str(fps).isdigit() and int(fps) in FPS_PRESETS:
            self.fps.setCurrentIndex(FPS_PRESETS.index(int(fps)))
        st.endGroup()
        for warning in st.warnings:  # a refused (non-plain) value: its default is used, and we say so
            print(strings(self.lang)("settings.warning", message=warning), file=sys.stderr)
        self._size_changed()

    def remember(self) -> None:
        st = settings_store()
        st.beginGroup(f"export_{self.kind}")
        p = Path(self.path.text())
        st.setValue("folder", str(p if self.kind == "phases" else p.parent))
        st.setValue("size_index", self.size.currentIndex())
        for key, box in self.checks.items():
            st.setValue(key, box.isChecked())
        st.setValue("format", self.format.currentText())
        st.setValue("fps", self.fps.currentData())
        st.endGroup()
        st.sync()

    # fields ---------------------------------------------------------------------------------
    def _size_changed(self, *_):
        wh = self.size.currentData()
        custom = wh is None
        self.width.setEnabled(custom)
        self.height.setEnabled(custom)
        if wh:
            self.width.setValue(wh[0])
            self.height.setValue(wh[1])

    def _browse(self) -> None:
        if self.kind == "phases":
            folder = QtWidgets.QFileDialog.getExistingDirectory(self, self.windowTitle(), self.path.text())
            if folder:
                self.path.setText(folder)
            return
        filters = "Pictures (*.png *.jpg *.svg)" if self.kind == "picture" else "Movies (*.mp4 *.webm *.gif)"
        name, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), filters,
                                                        options=QtWidgets.QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.path.setText(name)

    def options(self) -> PictureOptions:
        c = self.checks
        return PictureOptions(width=self.width.value(), height=self.height.value(), profile=self.profile.currentData(),
                              lang=self.lang, transparent=c["transparent"].isChecked() if "transparent" in c else False,
                              caption=c["caption"].isChecked(), legend=c["legend"].isChecked(),
                              scale_bar=c["scale_bar"].isChecked(), labels=c["labels"].isChecked())

    def times(self) -> tuple[float, float | None]:
        """(from, to) days for a movie; raises ValueError with a one-line message."""
        start = self.time_clock.parse(self.start.text())
        end = self.time_clock.parse(self.end.text()) if self.end.text().strip() else None
        return start, end

    def accept(self) -> None:
        try:
            if self.kind == "movie":
                self.times()
        except TimeParseError as exc:
            self.error.setText(str(exc))
            return
        self.remember()
        super().accept()

