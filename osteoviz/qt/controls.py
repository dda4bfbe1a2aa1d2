"""Transport controls: process switch, reset, phase and step buttons, play/pause, speed, loop."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..content import process_name, strings
from ..model import registry
from .clockstate import SPEEDS, ClockState


class ElidedLabel(QtWidgets.QLabel):
    """A one-line label that takes the room it is given and ends in … when the text does not fit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)

    def paintEvent(self, _ev):
        p = QtGui.QPainter(self)
        text = self.fontMetrics().elidedText(self.text(), QtCore.Qt.TextElideMode.ElideRight, self.width())
        p.setPen(self.palette().color(QtGui.QPalette.ColorRole.WindowText))
        p.drawText(self.rect(), int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter), text)


class Controls(QtWidgets.QWidget):
    """Buttons that write the clock's state and follow it."""

    def __init__(self, clock: ClockState, actions: dict, lang: str = "en", parent=None):
        super().__init__(parent)
        self.clock = clock
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.process = QtWidgets.QComboBox()
        for pid in registry.process_ids():
            self.process.addItem("", pid)
        self.process.setCurrentIndex(self.process.findData(clock.process))
        self.process.currentIndexChanged.connect(lambda i: clock.set_process(self.process.itemData(i)))
        row.addWidget(self.process)
        self.buttons = {}
        for key in ("reset", "prev_phase", "step_back", "play", "step_forward", "next_phase"):
            b = QtWidgets.QToolButton()
            b.setDefaultAction(actions[key])
            b.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(b)
            self.buttons[key] = b
        row.addSpacing(12)
        self.speed_label = QtWidgets.QLabel()
        row.addWidget(self.speed_label)
        self.speed = QtWidgets.QComboBox()
        for v in SPEEDS:
            self.speed.addItem(f"{v:g}×", v)
        self.speed.setCurrentIndex(SPEEDS.index(clock.speed))
        self.speed.currentIndexChanged.connect(lambda i: clock.set_speed(self.speed.itemData(i)))
        row.addWidget(self.speed)
        self.loop = QtWidgets.QCheckBox()
        self.loop.toggled.connect(clock.set_loop)
        row.addWidget(self.loop)
        self.hint = ElidedLabel()  # ends in … on a narrow window rather than widen it (F1 lists every key)
        row.addWidget(self.hint, 1)
        clock.speedChanged.connect(lambda v: self.speed.setCurrentIndex(SPEEDS.index(v)) if v in SPEEDS else None)
        clock.loopChanged.connect(self.loop.setChecked)
        clock.processChanged.connect(
            lambda p: self.process.setCurrentIndex(self.process.findData(p)))
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """All texts of the controls in `lang` (the buttons follow their actions)."""
        s = strings(lang)
        for i in range(self.process.count()):
            self.process.setItemText(i, process_name(self.process.itemData(i), lang))
        self.process.setToolTip(s("control.process"))
        self.speed_label.setText(s("control.speed"))
        self.loop.setText(s("control.loop"))
        self.hint.setText(s("control.keys"))
