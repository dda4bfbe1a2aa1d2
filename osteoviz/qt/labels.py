"""Place structure labels in bands beside the organ so they overlap neither each other nor the structure."""

from __future__ import annotations

import itertools

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


def place_rows(anchors: list[float], widths: list[float], lo: float, hi: float, pad: float,
               max_rows: int = 3) -> list[tuple[int, float]]:
    """(row, start) for boxes wanting to centre on `anchors` along [lo, hi]: one row if they fit, else
    neighbours alternate between rows so each row has room (boxes keep their order within a row)."""
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])
    for rows in range(1, max_rows + 1):
        groups = [order[r::rows] for r in range(rows)]
        if all(sum(widths[i] for i in g) + pad * max(len(g) - 1, 0) <= hi - lo for g in groups) or rows == max_rows:
            out = [(0, 0.0)] * len(anchors)
            for r, g in enumerate(groups):
                starts = place_in_band([anchors[i] for i in g], [widths[i] for i in g], lo, hi, pad)
                for i, start in zip(g, starts):
                    out[i] = (r, start)
            return out
    return []


def free_spot(rect: QtCore.QRectF, blocked: list[QtCore.QRectF], bounds: QtCore.QRectF, step: float,
              tries: int = 12, lines: list[QtCore.QLineF] = ()) -> QtCore.QRectF:
    """The rect, or the nearest copy moved up or down by whole steps that hits nothing blocked (boxes or
    lines) and stays in bounds."""
    def ok(r):
        return (bounds.contains(r) and not any(r.intersects(b) for b in blocked)
                and not any(segment_hits(ln.p1(), ln.p2(), r, 0.0) for ln in lines))

    if ok(rect):
        return rect
    for k in range(1, tries + 1):
        for dx, dy in ((0, 1), (0, -1), (2, 0), (-2, 0), (2, 1), (-2, 1), (2, -1), (-2, -1)):
            r = rect.translated(dx * k * step, dy * k * step)
            if ok(r):
                return r
    return rect


def segment_hits(p0: QtCore.QPointF, p1: QtCore.QPointF, rect: QtCore.QRectF, inset: float = 1.0) -> bool:
    """Whether the segment p0-p1 passes through the rect (shrunk by `inset`), by Liang-Barsky clipping."""
    r = rect.adjusted(inset, inset, -inset, -inset)
    if r.width() <= 0 or r.height() <= 0:
        return False
    x0, y0 = p0.x(), p0.y()
    dx, dy = p1.x() - x0, p1.y() - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - r.left()), (dx, r.right() - x0), (-dy, y0 - r.top()), (dy, r.bottom() - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def leader_end(anchor: QtCore.QPointF, rect: QtCore.QRectF) -> QtCore.QPointF:
    """Where a leader line from the anchor meets its label box (the box's nearest point)."""
    return QtCore.QPointF(min(max(anchor.x(), rect.left()), rect.right()), min(max(anchor.y(), rect.top()), rect.bottom()))


def stack_rows(anchors: list[QtCore.QPointF], sizes: list[QtCore.QSizeF], lo: float, hi: float, edge: float,
               below: bool, gap: float, max_rows: int = 3, avoid: list[QtCore.QRectF] = (),
               strict: bool = False, lines: list[QtCore.QLineF] = ()) -> list[QtCore.QRectF] | None:
    """Label boxes in rows beside a horizontal edge (below or above it), each row along [lo, hi].

    Tries one row, then more, over the ways of sharing labels between rows, and keeps the first
    arrangement where every row fits, no leader line (anchor to its box) crosses another box or
    anything in `avoid`, no box lies across one of `lines`, and the boxes move least from their anchors. When none is clean: None if
    `strict`, else the best found (or, if nothing fits, boxes centred on their anchors).
    """
    n = len(anchors)
    if n == 0:
        return []
    row_h = max(s.height() for s in sizes)
    order = sorted(range(n), key=lambda i: anchors[i].x())
    best, best_cost = None, None
    for rows in range(1, max_rows + 1):
        if rows ** n <= 729:  # every way of sharing labels among the rows, each row used (rows differ by depth)
            assignments = (t for t in itertools.product(range(rows), repeat=n) if len(set(t)) == rows)
        else:
            assignments = [tuple(order.index(i) % rows for i in range(n))]
        for assign in assignments:
            groups = [[i for i in order if assign[i] == r] for r in range(rows)]
            if any(sum(sizes[i].width() for i in g) + gap * max(len(g) - 1, 0) > hi - lo for g in groups):
                continue
            def row_y(r):
                return edge + gap + r * (row_h + gap) if below else edge - gap - (r + 1) * row_h - r * gap

            rects = [QtCore.QRectF()] * n
            for r, g in enumerate(groups):
                starts = place_in_band([anchors[i].x() for i in g], [sizes[i].width() for i in g], lo, hi, gap)
                for i, x in zip(g, starts):
                    rects[i] = QtCore.QRectF(x, row_y(r) + (row_h - sizes[i].height()) / 2, sizes[i].width(), sizes[i].height())
            for variant in (rects, None):  # centred on the anchors; else far rows first, near rows clear of their leaders
                if variant is None:
                    if best_cost is not None and best_cost[0] == 0:
                        break
                    variant = clear_rows(anchors, sizes, groups, row_y, row_h, lo, hi, gap, avoid, lines)
                    if variant is None:
                        break
                cost = (_crossings(anchors, variant, avoid, lines), sum(abs(variant[i].center().x() - anchors[i].x()) for i in range(n)))
                if best_cost is None or cost < best_cost:
                    best, best_cost = variant, cost
                if cost[0] == 0:
                    break
        if best_cost is not None and best_cost[0] == 0:
            return best
    if strict:
        return None
    if best is None:  # nothing fits even in max_rows: alternate rows and let them run over
        return [QtCore.QRectF(anchors[i].x() - sizes[i].width() / 2, edge, sizes[i].width(), sizes[i].height()) for i in range(n)]
    return best


def _crossings(anchors, rects, avoid, lines) -> int:
    """Leaders crossing other boxes or avoided areas, boxes on avoided areas, boxes across lines."""
    n = len(rects)
    out = sum(1 for i in range(n) for j, other in enumerate(list(rects) + list(avoid))
              if j != i and segment_hits(anchors[i], leader_end(anchors[i], rects[i]), other))
    out += sum(1 for r in rects for other in avoid if r.intersects(other))
    return out + sum(1 for r in rects for ln in lines if segment_hits(ln.p1(), ln.p2(), r))


def _span_in_band(p0: QtCore.QPointF, p1: QtCore.QPointF, y0: float, y1: float) -> tuple[float, float] | None:
    """The x extent of segment p0-p1 between heights y0 < y1 (None if it does not reach that band)."""
    a, b = sorted((p0.y(), p1.y()))
    lo_y, hi_y = max(a, y0), min(b, y1)
    if lo_y > hi_y:
        return None
    dy = p1.y() - p0.y()
    if abs(dy) < 1e-9:
        return min(p0.x(), p1.x()), max(p0.x(), p1.x())
    xs = [p0.x() + (y - p0.y()) / dy * (p1.x() - p0.x()) for y in (lo_y, hi_y)]
    return min(xs), max(xs)


def place_clear(ideals: list[float], widths: list[float], lo: float, hi: float, pad: float,
                blocked: list[tuple[float, float]]) -> list[float] | None:
    """Starts along [lo, hi] for boxes in the ideals' order, none overlapping a blocked interval, each as near
    its ideal start as the boxes before it allow (None if they do not fit)."""
    order = sorted(range(len(ideals)), key=lambda i: ideals[i])
    starts = [0.0] * len(ideals)
    cursor = lo
    for i in order:
        w = widths[i]
        cands = [ideals[i]] + [b + pad for _, b in blocked] + [a - pad - w for a, _ in blocked] + [cursor, hi - w]
        ok = [x for x in cands if cursor - 1e-6 <= x <= hi - w + 1e-6
              and not any(x < b + pad * 0.5 and x + w > a - pad * 0.5 for a, b in blocked)]
        if not ok:
            return None
        starts[i] = min(ok, key=lambda x: (abs(x - ideals[i]), x))
        cursor = starts[i] + w + pad
    return starts


def clear_rows(anchors, sizes, groups, row_y, row_h, lo, hi, gap, avoid, lines) -> list[QtCore.QRectF] | None:
    """Rows placed from the farthest in: each nearer row's boxes keep out of the way of the leaders already
    drawn to farther rows (and of avoided areas and lines), moving sideways as little as they can."""
    rects = [QtCore.QRectF()] * len(anchors)
    drawn: list[tuple[QtCore.QPointF, QtCore.QPointF]] = []
    for r in reversed(range(len(groups))):
        g = groups[r]
        y0 = row_y(r)
        y1 = y0 + row_h
        blocked = []
        for p0, p1 in drawn + [(ln.p1(), ln.p2()) for ln in lines]:
            span = _span_in_band(p0, p1, y0 - 1, y1 + 1)
            if span is not None:
                blocked.append((span[0] - 2, span[1] + 2))
        blocked += [(o.left(), o.right()) for o in avoid if o.top() < y1 and o.bottom() > y0]
        blocked.sort()
        starts = place_clear([anchors[i].x() - sizes[i].width() / 2 for i in g], [sizes[i].width() for i in g],
                             lo, hi, gap, blocked)
        if starts is None:
            return None
        for i, x in zip(g, starts):
            rects[i] = QtCore.QRectF(x, y0 + (row_h - sizes[i].height()) / 2, sizes[i].width(), sizes[i].height())
            drawn.append((anchors[i], leader_end(anchors[i], rects[i])))
    return rects


def wrap_text(fm, text: str, room: float, max_lines: int = 3) -> str:
    """The words on as few lines as fit in `room` pixels (lines balanced, joined by newlines); never cut short:
    past `max_lines` the most balanced split is kept even if wider than the room."""
    words = text.split()
    if fm.horizontalAdvance(text) <= room or len(words) < 2:
        return text
    best = text
    for n in range(2, min(max_lines, len(words)) + 1):
        cand = min((_split(words, cuts) for cuts in itertools.combinations(range(1, len(words)), n - 1)),
                   key=lambda lines: max(fm.horizontalAdvance(line) for line in lines))
        best = "\n".join(cand)
        if max(fm.horizontalAdvance(line) for line in cand) <= room:
            return best
    return best


def _split(words: list[str], cuts: tuple[int, ...]) -> list[str]:
    bounds = (0,) + cuts + (len(words),)
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def text_size(fm, text: str) -> tuple[float, float]:
    """Width and height of (possibly multi-line) text."""
    lines = text.split("\n")
    return max(fm.horizontalAdvance(line) for line in lines), fm.height() * len(lines)
