"""Transport controls: process switch, reset, phase and step buttons, play/pause, speed, loop."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..content import strings
from .clockstate import SPEEDS, ClockState


class Controls(QtWidgets.QWidget):
    """Buttons that write the clock's state and follow it."""

    def __init__(self, clock: ClockState, actions: dict, lang: str = "en", parent=None):
        super().__init__(parent)
        s = strings(lang)
        self.clock = clock
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.process = QtWidgets.QComboBox()
        self.process.addItem(s("process.endochondral"), "endochondral")
        self.process.addItem(s("process.intramembranous"), "intramembranous")
        self.process.setToolTip(s("control.process"))
        self.process.setCurrentIndex(0 if clock.process == "endochondral" else 1)
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
        row.addWidget(QtWidgets.QLabel(s("control.speed")))
        self.speed = QtWidgets.QComboBox()
        for v in SPEEDS:
            self.speed.addItem(f"{v:g}×", v)
        self.speed.setCurrentIndex(SPEEDS.index(clock.speed))
        self.speed.currentIndexChanged.connect(lambda i: clock.set_speed(self.speed.itemData(i)))
        row.addWidget(self.speed)
        self.loop = QtWidgets.QCheckBox(s("control.loop"))
        self.loop.toggled.connect(clock.set_loop)
        row.addWidget(self.loop)
        row.addStretch(1)
        self.hint = QtWidgets.QLabel(s("control.keys"))
        row.addWidget(self.hint)
        clock.speedChanged.connect(lambda v: self.speed.setCurrentIndex(SPEEDS.index(v)) if v in SPEEDS else None)
        clock.loopChanged.connect(self.loop.setChecked)
        clock.processChanged.connect(
            lambda p: self.process.setCurrentIndex(0 if p == "endochondral" else 1))
