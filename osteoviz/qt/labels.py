"""Place structure labels in bands beside the organ so they overlap neither each other nor the structure."""

from __future__ import annotations

from PySide6 import QtCore


def place_in_band(anchors: list[float], widths: list[float], lo: float, hi: float, pad: float) -> list[float]:
    """Start positions along a band [lo, hi] for boxes wanting to centre on `anchors`, without overlaps.

    Boxes keep the anchors' order; a forward sweep pushes overlapping boxes on, a backward
    sweep pulls them back inside the band. Returns the start coordinate of each box.
    """
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])
    starts = [0.0] * len(anchors)
    cursor = lo
    for i in order:
        starts[i] = max(anchors[i] - widths[i] / 2, cursor)
        cursor = starts[i] + widths[i] + pad
    limit = hi
    for i in reversed(order):
        if starts[i] + widths[i] > limit:
            starts[i] = limit - widths[i]
        limit = starts[i] - pad
    return starts


def layout_labels(points: list[QtCore.QPointF], sizes: list[QtCore.QSizeF], organ: QtCore.QRectF,
                  area: QtCore.QRectF, wide: bool, gap: float) -> list[QtCore.QRectF]:
    """Rectangles for labels: above/below a wide organ, left/right of a tall one."""
    # along: the band's direction; across: which side of the organ a label goes
    along = (lambda q: q.x()) if wide else (lambda q: q.y())
    across = (lambda q: q.y()) if wide else (lambda q: q.x())
    length = (lambda z: z.width()) if wide else (lambda z: z.height())
    depth = (lambda z: z.height()) if wide else (lambda z: z.width())
    lo, hi = (area.left(), area.right()) if wide else (area.top(), area.bottom())
    near_edge, far_edge = (organ.top(), organ.bottom()) if wide else (organ.left(), organ.right())
    rects = [QtCore.QRectF() for _ in points]
    sides = {True: [], False: []}  # True: before the organ (above / left)
    for i, p in enumerate(points):
        sides[across(p) < across(organ.center())].append(i)
    for before, idx in sides.items():
        if not idx:
            continue
        starts = place_in_band([along(points[i]) for i in idx], [length(sizes[i]) for i in idx], lo, hi, gap)
        for i, start in zip(idx, starts):
            d = depth(sizes[i])
            edge = near_edge - gap - d if before else far_edge + gap
            if not wide:
                edge = min(max(edge, area.left()), area.right() - d)  # never off the canvas
            x, y = (start, edge) if wide else (edge, start)
            rects[i] = QtCore.QRectF(x, y, sizes[i].width(), sizes[i].height())
    return rects
