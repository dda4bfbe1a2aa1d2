"""Keyboard help dialog: every action in the app with its shortcut (one dialog, refreshed, never piled up)."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from ..content import strings


class KeyHelp(QtWidgets.QDialog):
    def __init__(self, actions, lang: str = "en", parent=None):
        super().__init__(parent)
        col = QtWidgets.QVBoxLayout(self)
        self.table = QtWidgets.QTableWidget(0, 2)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        col.addWidget(self.table)
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(560, 620)
        self.set_actions(actions, lang)

    def set_actions(self, actions, lang: str = "en") -> None:
        """Fill the table in place (table items are plain data, not widgets)."""
        s = strings(lang)
        self.setWindowTitle(s("help.title"))
        native = QtGui.QKeySequence.SequenceFormat.NativeText
        rows = [(a.text().replace("&", ""), ", ".join(k.toString(native) for k in a.shortcuts()))
                for a in actions if a.shortcuts()]
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([s("help.key"), s("help.action")])
        for r, (label, keys) in enumerate(rows):
            self.table.setItem(r, 0, QtWidgets.QTableWidgetItem(keys))
            self.table.setItem(r, 1, QtWidgets.QTableWidgetItem(label))
        self.table.resizeColumnsToContents()
        self.note.setText(s("help.presentation_note"))

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
