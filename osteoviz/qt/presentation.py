"""Presentation-mode helpers: controls floating over the canvas, clicker keys from any window, where windows open."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

Key = QtCore.Qt.Key

# clicker keys -> the main window's action they trigger, whichever osteoviz window has the focus
CLICKER_KEYS = {
    Key.Key_PageDown: "next_phase", Key.Key_PageUp: "prev_phase", Key.Key_Right: "step_forward",
    Key.Key_Left: "step_back", Key.Key_B: "blank_black", Key.Key_Period: "blank_black",
    Key.Key_W: "blank_white", Key.Key_Escape: "leave", Key.Key_F5: "presentation",
}


def free_rect(area: QtCore.QRectF, blocked: list[QtCore.QRectF]) -> QtCore.QRectF:
    """The largest rectangle of `area` that overlaps nothing in `blocked` (corners on the blocked edges)."""
    blocked = [b.intersected(area) for b in blocked if b.isValid() and not b.isEmpty()]
    xs = sorted({area.left(), area.right(), *(v for b in blocked for v in (b.left(), b.right()))})
    ys = sorted({area.top(), area.bottom(), *(v for b in blocked for v in (b.top(), b.bottom()))})
    best, best_area = QtCore.QRectF(), 0.0
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1:]:
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1:]:
                    size = (x1 - x0) * (y1 - y0)
                    if size <= best_area:
                        continue
                    r = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
                    if any(not r.intersected(b).isEmpty() for b in blocked):
                        break  # taller ones overlap too
                    best, best_area = r, size
    return best


def other_screen(main_screen):
    """The screen that does not show the main window (the lecturer's), or None on one screen."""
    others = [sc for sc in QtGui.QGuiApplication.screens() if sc is not main_screen]
    return others[0] if others else None


def picture_rects(canvas) -> list[QtCore.QRectF]:
    """What must stay visible on the canvas (canvas pixels): the caption, the organ, the cellular inset and its zone names."""
    rects = [QtCore.QRectF(canvas._caption_rect)]
    if canvas.frame is not None:
        rects.append(canvas.organ_scene_rect())
        if canvas.frame.inset is not None and canvas.inset_vb.isVisible():
            rects.append(canvas.inset_vb.sceneBoundingRect())
            rects += [QtCore.QRectF(r) for r in getattr(canvas, "_zone_band", {}).values()]  # zone names beside it
    return rects


def place_notes(notes, canvas, min_size=(360, 260)) -> None:
    """On one screen: the notes go to the largest free part of the canvas, clear of caption and picture."""
    free = free_rect(QtCore.QRectF(canvas.rect()), picture_rects(canvas))
    w = max(int(free.width()) - 16, min_size[0])
    h = max(int(free.height()) - 16, min_size[1])
    top_left = canvas.mapToGlobal(free.topLeft().toPoint() + QtCore.QPoint(8, 8))
    notes.resize(w, h)
    notes.move(top_left)


class FloatingChrome:
    """In presentation the timeline and controls float over the bottom of the canvas, never reflowing it."""

    def __init__(self, window, layout: QtWidgets.QBoxLayout, widgets: list[QtWidgets.QWidget]):
        self.window = window
        self.layout = layout
        self.widgets = widgets
        self.floating = False

    def float(self) -> None:
        if self.floating:
            return
        self.floating = True
        self._index = [self.layout.indexOf(w) for w in self.widgets]
        for w in self.widgets:
            self.layout.removeWidget(w)
            w.setParent(self.window)
            w.hide()

    def dock(self) -> None:
        if not self.floating:
            return
        self.floating = False
        for w, i in zip(self.widgets, self._index):
            self.layout.insertWidget(i, w)
            w.show()

    def show(self) -> None:
        """Over the canvas's bottom edge, on top of it (the canvas keeps its size)."""
        canvas = self.window.canvas
        origin = canvas.mapTo(self.window, QtCore.QPoint(0, 0))
        bottom = origin.y() + canvas.height()
        for w in reversed(self.widgets):
            h = max(w.sizeHint().height(), w.minimumHeight())
            bottom -= h
            w.setGeometry(origin.x(), bottom, canvas.width(), h)
            w.show()
            w.raise_()


ORGAN_FLOOR = 0.5  # in presentation the organ keeps at least half the canvas height ...
ORGAN_KEEP = 0.8   # ... or, where its shape never allows that, 80 % of its height at the presentation text size


def organ_share(window) -> float:
    """The organ's height (canvas.organ_scene_rect) as a share of the canvas height, drawn now."""
    window.render_now()
    c = window.canvas
    c.main_vb.updateViewRange()  # the view box otherwise maps with the last painted layout
    c.main_vb.updateMatrix()
    return c.organ_scene_rect().height() / max(c.height(), 1) if c.frame is not None else 1.0


def keep_organ_large(window, presentation_scale: float) -> None:
    """Larger text or longer words must not squeeze the organ: the text scale comes back towards the
    presentation size until the organ keeps min(half the canvas, 80 % of its height at that size)."""
    if window.text_scale <= presentation_scale + 1e-6:
        return
    wanted = window.text_scale
    window.text_scale = presentation_scale
    window._apply_text_scale()
    floor = min(ORGAN_FLOOR, ORGAN_KEEP * organ_share(window))
    window.text_scale = wanted
    window._apply_text_scale()
    while window.text_scale > presentation_scale + 1e-6 and organ_share(window) < floor - 1e-3:
        window.text_scale = max(presentation_scale, window.text_scale / 1.15)
        window._apply_text_scale()
