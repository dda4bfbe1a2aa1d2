"""The section marker on the organ: the accent line drawn over a dark edge, so it shows on bone of its own colour."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

EDGE = "#111111"  # dark in every profile: a yellow marker on yellow bone still shows (round-5 review, intra 06)
EDGE_EXTRA = 3.0  # the edge this many pixels wider than the line (1.5 px each side)


class OutlinedLine(QtWidgets.QGraphicsLineItem):
    """A line item painted twice: a wider dark edge, then its own pen."""

    def boundingRect(self):
        w = self.pen().widthF() + EDGE_EXTRA
        return super().boundingRect().adjusted(-w, -w, w, w)

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        pen = self.pen()
        edge = QtGui.QPen(pen)
        edge.setColor(QtGui.QColor(EDGE))
        edge.setWidthF(pen.widthF() + EDGE_EXTRA)
        painter.setPen(edge)
        painter.drawLine(self.line())
        painter.setPen(pen)
        painter.drawLine(self.line())
