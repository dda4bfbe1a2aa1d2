"""Keyboard help dialog: every action in the app with its shortcut."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from ..content import strings


class KeyHelp(QtWidgets.QDialog):
    def __init__(self, actions, lang: str = "en", parent=None):
        super().__init__(parent)
        s = strings(lang)
        self.setWindowTitle(s("help.title"))
        col = QtWidgets.QVBoxLayout(self)
        native = QtGui.QKeySequence.SequenceFormat.NativeText
        rows = [(a.text().replace("&", ""), ", ".join(k.toString(native) for k in a.shortcuts()))
                for a in actions if a.shortcuts()]
        self.table = QtWidgets.QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([s("help.key"), s("help.action")])
        for r, (label, keys) in enumerate(rows):
            self.table.setItem(r, 0, QtWidgets.QTableWidgetItem(keys))
            self.table.setItem(r, 1, QtWidgets.QTableWidgetItem(label))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        col.addWidget(self.table)
        note = QtWidgets.QLabel(s("help.presentation_note"))
        note.setWordWrap(True)
        col.addWidget(note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(560, 620)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
