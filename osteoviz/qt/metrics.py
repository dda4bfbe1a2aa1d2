"""Font metrics that measure each text once: the overlay's layout measures the same words at every frame."""

from __future__ import annotations

from PySide6 import QtGui

_SAME = ("height", "ascent", "descent", "lineSpacing", "leading", "elidedText", "boundingRect", "width")


class Metrics:
    """A QFontMetricsF for one font whose horizontalAdvance of a text is remembered (the same number)."""

    def __init__(self, font: QtGui.QFont):
        self._fm = QtGui.QFontMetricsF(font)
        self._widths: dict[str, float] = {}
        self.sizes: dict[str, tuple[float, float]] = {}  # labels.text_size's answers
        for name in _SAME:  # bound once: called as often as the widths
            if hasattr(self._fm, name):
                setattr(self, name, getattr(self._fm, name))

    def horizontalAdvance(self, text: str, *more) -> float:
        if more:
            return self._fm.horizontalAdvance(text, *more)
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 4096:
                self._widths.clear()
            width = self._widths[text] = self._fm.horizontalAdvance(text)
        return width

    def __getattr__(self, name):
        return getattr(self._fm, name)


_METRICS: dict[str, Metrics] = {}


def metrics(font: QtGui.QFont) -> Metrics:
    """The metrics of a font (one per font, kept: fonts are few, a size and weight each)."""
    key = font.key()
    found = _METRICS.get(key)
    if found is None:
        if len(_METRICS) > 64:
            _METRICS.clear()
        found = _METRICS[key] = Metrics(font)
    return found
