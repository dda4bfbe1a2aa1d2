"""Skeleton map with its colour switch (origin / mechanism) above it, ready to dock in the main window."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..skeletoncontent import skeleton_text
from .skeletonview import COLOUR_BY, SkeletonView


class SkeletonPanel(QtWidgets.QWidget):
    """A SkeletonView (attribute `view`: connect its signals) under two toggle buttons for the colouring."""

    def __init__(self, lang: str = "en", profile: str = "screen", colour_by: str = "origin", parent=None):
        super().__init__(parent)
        self.view = SkeletonView(lang=lang, profile=profile, colour_by=colour_by)
        self.buttons = QtWidgets.QButtonGroup(self)
        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        for mode in COLOUR_BY:
            b = QtWidgets.QPushButton()
            b.setCheckable(True)
            b.setChecked(mode == colour_by)
            b.setProperty("mode", mode)
            self.buttons.addButton(b)
            bar.addWidget(b)
        bar.addStretch(1)
        self.buttons.buttonClicked.connect(lambda b: self.view.set_colour_by(b.property("mode")))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._label_buttons()

    def _label_buttons(self) -> None:
        legend = skeleton_text(self.view.lang)["legend"]
        for b in self.buttons.buttons():
            b.setText(legend[b.property("mode")])

    def set_day(self, day: float) -> None:
        self.view.set_day(day)

    def set_language(self, lang: str) -> None:
        self.view.set_language(lang)
        self._label_buttons()

    def set_profile(self, name: str) -> None:
        self.view.set_profile(name)

    def set_colour_by(self, mode: str) -> None:
        self.view.set_colour_by(mode)
        for b in self.buttons.buttons():
            b.setChecked(b.property("mode") == mode)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        return QtCore.QSize(1280, 760)
