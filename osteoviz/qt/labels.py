"""Place structure labels in bands beside the organ so they overlap neither each other nor the structure."""

from __future__ import annotations

import itertools
import math
import re

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
              tries: int = 12, lines: list[QtCore.QLineF] = (), reach: float = float("inf"),
              line_gap: float = 0.0) -> QtCore.QRectF:
    """The rect, or the nearest copy moved up or down by whole steps that hits nothing blocked (boxes or
    lines passing within `line_gap`), stays in bounds and moves at most `reach` sideways (a name stays on its part)."""
    def ok(r):
        wide = r.adjusted(-line_gap, -line_gap, line_gap, line_gap)
        return (bounds.contains(r) and abs(r.center().x() - rect.center().x()) <= reach
                and not any(r.intersects(b) for b in blocked)
                and not any(segment_hits(ln.p1(), ln.p2(), wide, 0.0) for ln in lines))

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
    return _hits((p0.x(), p0.y()), (p1.x(), p1.y()), _box(rect), inset)


def leader_end(anchor: QtCore.QPointF, rect: QtCore.QRectF) -> QtCore.QPointF:
    """Where a leader line from the anchor meets its label box (the box's nearest point)."""
    return QtCore.QPointF(min(max(anchor.x(), rect.left()), rect.right()), min(max(anchor.y(), rect.top()), rect.bottom()))


RING_PX = 9  # radius of the ring round a cell a label names (1080p)
DEEPER = object()  # stack_rows' answer when the arrangement it would return has more rows than the caller takes


def stack_rows(anchors: list[QtCore.QPointF], sizes: list[QtCore.QSizeF], lo: float, hi: float, edge: float,
               below: bool, gap: float, max_rows: int = 3, avoid: list[QtCore.QRectF] = (),
               strict: bool = False, lines: list[QtCore.QLineF] = (), most_rows: int | None = None,
               chose: dict | None = None):
    """Label boxes in rows beside a horizontal edge (below or above it), each row along [lo, hi].

    Tries one row, then more, over the ways of sharing labels between rows, and keeps the first
    arrangement where every row fits, no leader line (anchor to its box) crosses another box or
    anything in `avoid`, no box lies across one of `lines`, and the boxes move least from their anchors. When none is clean: None if
    `strict`, else the best found (or, if nothing fits, boxes centred on their anchors).

    With `most_rows` (and `strict`), for a caller that would turn down any arrangement of more rows: DEEPER
    when the first clean arrangement lies deeper than that (any clean one there proves it: searched in a
    quicker order, alternating rows first, rather than in order); otherwise the same answer as without it.

    With `chose`, an answer clean of boxes says there how it was made ({"rows", "assign", "cleared", "tangles"}: see
    stack_rows_as).
    """
    n = len(anchors)
    if n == 0:
        return []
    # plain floats from here on (boxes as x, y, w, h): the search tries up to a few hundred arrangements
    ax, ay = [a.x() for a in anchors], [a.y() for a in anchors]
    sw, sh = [s.width() for s in sizes], [s.height() for s in sizes]
    fixed = [_box(o) for o in avoid]
    segs = [((ln.x1(), ln.y1()), (ln.x2(), ln.y2())) for ln in lines]
    row_h = max(sh)
    order = sorted(range(n), key=lambda i: ax[i])
    row_y = _row_y(edge, below, gap, row_h)

    def assignments(rows, alternate_first=False):
        if rows ** n > 729:
            return [tuple(order.index(i) % rows for i in range(n))]
        every = (t for t in itertools.product(range(rows), repeat=n) if len(set(t)) == rows)  # each row used
        return itertools.chain([tuple(order.index(i) % rows for i in range(n))], every) if alternate_first else every

    arrangements: dict = {}  # (rows, assignment) -> its groups and centred boxes (None: a row does not fit)
    cleared_rows: dict = {}  # (rows, assignment) -> clear_rows' boxes (each is met again by a deeper search)

    def arranged(assign, rows):
        """The groups of each row and the boxes centred on their anchors (None if a row does not fit)."""
        key = (rows, assign)
        if key not in arrangements:
            arrangements[key] = _centred(assign, rows, order, ax, sw, sh, lo, hi, gap, row_y, row_h)
        return arrangements[key]

    def cleared(assign, rows, groups):
        key = (rows, assign)
        if key not in cleared_rows:
            cleared_rows[key] = clear_rows(ax, ay, sw, sh, groups, row_y, row_h, lo, hi, gap, fixed, segs)
        return cleared_rows[key]

    crossed: dict = {}  # id of a (kept) variant -> its crossings; tangled: its tangles (the deeper search and
    tangled: dict = {}  # the search after it meet the same arrangements)

    def crossings_of(variant) -> int:
        if id(variant) not in crossed:
            crossed[id(variant)] = _crossings_of(ax, ay, variant, fixed, avoid, segs)
        return crossed[id(variant)]

    def tangles_of(variant) -> int:
        if id(variant) not in tangled:
            tangled[id(variant)] = _tangles_of(ax, ay, variant)
        return tangled[id(variant)]

    def clean(variant) -> bool:
        return crossings_of(variant) == 0 and tangles_of(variant) == 0

    deepest = max_rows if most_rows is None or not strict else min(max_rows, most_rows)
    best, best_cost, best_how = None, None, None

    def search(depths):
        """Rows in `depths`, in order: the first clean arrangement (as rectangles), else None (best kept)."""
        nonlocal best, best_cost, best_how
        for rows in depths:
            for assign in assignments(rows):
                found = arranged(assign, rows)
                if found is None:
                    continue
                groups, boxes = found
                for variant in (boxes, None):  # centred on the anchors; else far rows first, near rows clear of their leaders
                    how = {"rows": rows, "assign": assign, "cleared": variant is None}
                    if variant is None:
                        if best_cost is not None and best_cost[:2] == (0, 0):
                            break
                        variant = cleared(assign, rows, groups)
                        if variant is None:
                            break
                    crossings = crossings_of(variant)
                    if best_cost is not None and crossings > best_cost[0]:
                        continue  # worse than the best whatever its other costs (they compare in order): not counted
                    tangles = tangles_of(variant)
                    if best_cost is not None and (crossings, tangles) > best_cost[:2]:
                        continue
                    cost = (crossings, tangles, sum(abs(variant[i][0] + variant[i][2] / 2 - ax[i]) for i in range(n)))
                    if best_cost is None or cost < best_cost:
                        best, best_cost, best_how = variant, cost, how
                    if cost[:2] == (0, 0):
                        break
            if best_cost is not None and best_cost[:2] == (0, 0):
                if chose is not None:
                    chose.update(best_how, tangles=0)
                return [QtCore.QRectF(*b) for b in best]
        return None

    found = search(range(1, deepest + 1))
    if found is not None:
        return found
    if deepest < max_rows:  # no clean arrangement within the rows the caller takes: is there one deeper?
        for rows in range(deepest + 1, max_rows + 1):
            for assign in assignments(rows, alternate_first=True):
                found = arranged(assign, rows)
                if found is None:
                    continue
                if clean(found[1]):
                    return DEEPER
                cleared_boxes = cleared(assign, rows, found[0])
                if cleared_boxes is not None and clean(cleared_boxes):
                    return DEEPER
        # (seldom) the answer without most_rows: its search of the shallower rows is the one just done, so it
        # goes on from there (each arrangement met above is not made again)
        found = search(range(deepest + 1, max_rows + 1))
        if found is not None:
            return found
    if best_cost is not None and best_cost[0] == 0:  # clean of boxes; leaders left to untangle()
        if chose is not None:
            chose.update(best_how, tangles=best_cost[1])
        return [QtCore.QRectF(*b) for b in best]
    if strict:
        return None
    if best is None:  # nothing fits even in max_rows: alternate rows and let them run over
        return [QtCore.QRectF(anchors[i].x() - sizes[i].width() / 2, edge, sizes[i].width(), sizes[i].height()) for i in range(n)]
    return [QtCore.QRectF(*b) for b in best]


def stack_rows_as(anchors: list[QtCore.QPointF], sizes: list[QtCore.QSizeF], lo: float, hi: float, edge: float,
                  below: bool, gap: float, how: dict) -> list[QtCore.QRectF] | None:
    """The boxes of one arrangement stack_rows chose before (`how`, from its `chose`) for new anchors, if it is
    still as clean (every row fits, no leader crosses a box, no more leaders cross than then), else None. While
    playing, names keep their arrangement as long as it stays clean: no search at every frame, and no flicker
    between arrangements."""
    n = len(anchors)
    rows, assign = how["rows"], how["assign"]
    if len(assign) != n:
        return None
    ax, ay = [a.x() for a in anchors], [a.y() for a in anchors]
    sw, sh = [z.width() for z in sizes], [z.height() for z in sizes]
    row_h = max(sh)
    row_y = _row_y(edge, below, gap, row_h)
    found = _centred(assign, rows, sorted(range(n), key=lambda i: ax[i]), ax, sw, sh, lo, hi, gap, row_y, row_h)
    if found is None:
        return None
    groups, boxes = found
    if how["cleared"]:
        boxes = clear_rows(ax, ay, sw, sh, groups, row_y, row_h, lo, hi, gap, [], [])
        if boxes is None:
            return None
    if _crossings_of(ax, ay, boxes, [], (), []) or _tangles_of(ax, ay, boxes) > how.get("tangles", 0):
        return None
    return [QtCore.QRectF(*b) for b in boxes]


def _row_y(edge: float, below: bool, gap: float, row_h: float):
    """The top of row r of boxes beside a horizontal edge (below or above it)."""
    return lambda r: edge + gap + r * (row_h + gap) if below else edge - gap - (r + 1) * row_h - r * gap


def _centred(assign, rows: int, order, ax, sw, sh, lo: float, hi: float, gap: float, row_y, row_h: float):
    """One sharing of boxes between rows (`assign`: a row per box): each row's boxes in anchor order, centred on
    their anchors along [lo, hi] as place_in_band allows; (groups, boxes as x, y, w, h), or None if a row does not
    fit."""
    groups = [[i for i in order if assign[i] == r] for r in range(rows)]
    if any(sum(sw[i] for i in g) + gap * max(len(g) - 1, 0) > hi - lo for g in groups):
        return None
    boxes = [None] * len(ax)
    for r, g in enumerate(groups):
        for i, x in zip(g, place_in_band([ax[i] for i in g], [sw[i] for i in g], lo, hi, gap)):
            boxes[i] = (x, row_y(r) + (row_h - sh[i]) / 2, sw[i], sh[i])
    return groups, boxes


def _crossings_of(ax, ay, boxes, fixed, avoid, segs) -> int:
    """Leaders crossing other boxes or avoided areas, boxes on avoided areas, boxes across lines; on plain floats
    (boxes as x, y, w, h; avoided areas as l, t, r, b and as rectangles; lines as point pairs). A leader whose
    extent keeps clear of a box is not clipped against it."""
    n = len(boxes)
    others = [(x, y, x + w, y + h) for x, y, w, h in boxes] + fixed
    out = 0
    for i in range(n):
        px, py = ax[i], ay[i]
        b = others[i]
        qx, qy = min(max(px, b[0]), b[2]), min(max(py, b[1]), b[3])
        x0, x1 = (px, qx) if px <= qx else (qx, px)
        y0, y1 = (py, qy) if py <= qy else (qy, py)
        for j, o in enumerate(others):  # (_hits shrinks each box by 1 before clipping)
            if j == i or x1 < o[0] + 1.0 - 1e-6 or x0 > o[2] - 1.0 + 1e-6 or y1 < o[1] + 1.0 - 1e-6 or y0 > o[3] - 1.0 + 1e-6:
                continue
            out += _hits((px, py), (qx, qy), o)
    if avoid:
        rects = [QtCore.QRectF(*b) for b in boxes]
        out += sum(1 for r in rects for other in avoid if r.intersects(other))
    return out + sum(1 for o in others[:n] for p, q in segs if _hits(p, q, o))


def _tangles_of(ax, ay, boxes) -> int:
    """Leaders crossing each other or running over another label's dot (boxes as x, y, w, h); a dot farther than
    the tolerance from a leader's extent is not measured."""
    n = len(boxes)
    seg = [((ax[i], ay[i]), (min(max(ax[i], x), x + w), min(max(ay[i], y), y + h))) for i, (x, y, w, h) in enumerate(boxes)]
    out = sum(1 for i in range(n) for j in range(i + 1, n) if _crosses(*seg[i], *seg[j]))
    reach = 6.0 + 1e-6
    for i in range(n):
        p, q = seg[i]
        x0, x1 = min(p[0], q[0]) - reach, max(p[0], q[0]) + reach
        y0, y1 = min(p[1], q[1]) - reach, max(p[1], q[1]) + reach
        for j in range(n):
            pt = seg[j][0]
            if i != j and x0 <= pt[0] <= x1 and y0 <= pt[1] <= y1:
                out += _near(pt, p, q, 6.0)
    return out


def _span_in_band(p0: tuple[float, float], p1: tuple[float, float], y0: float, y1: float) -> tuple[float, float] | None:
    """The x extent of segment p0-p1 (points as x, y) between heights y0 < y1 (None if it does not reach that band)."""
    a, b = sorted((p0[1], p1[1]))
    lo_y, hi_y = max(a, y0), min(b, y1)
    if lo_y > hi_y:
        return None
    dy = p1[1] - p0[1]
    if abs(dy) < 1e-9:
        return min(p0[0], p1[0]), max(p0[0], p1[0])
    xs = [p0[0] + (y - p0[1]) / dy * (p1[0] - p0[0]) for y in (lo_y, hi_y)]
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


def clear_rows(ax, ay, sw, sh, groups, row_y, row_h, lo, hi, gap, fixed, segs) -> list[tuple] | None:
    """Rows placed from the farthest in: each nearer row's boxes keep out of the way of the leaders already
    drawn to farther rows (and of avoided areas and lines), moving sideways as little as they can. On plain
    floats: anchors as coordinates, sizes as widths and heights, avoided areas as (l, t, r, b), lines as point
    pairs; boxes as (x, y, w, h)."""
    rects = [None] * len(ax)
    drawn: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for r in reversed(range(len(groups))):
        g = groups[r]
        y0 = row_y(r)
        y1 = y0 + row_h
        blocked = []
        for p0, p1 in drawn + segs:
            span = _span_in_band(p0, p1, y0 - 1, y1 + 1)
            if span is not None:
                blocked.append((span[0] - 2, span[1] + 2))
        blocked += [(o[0], o[2]) for o in fixed if o[1] < y1 and o[3] > y0]
        blocked.sort()
        starts = place_clear([ax[i] - sw[i] / 2 for i in g], [sw[i] for i in g], lo, hi, gap, blocked)
        if starts is None:
            return None
        for i, x in zip(g, starts):
            rects[i] = (x, y0 + (row_h - sh[i]) / 2, sw[i], sh[i])
            drawn.append(((ax[i], ay[i]), (min(max(ax[i], x), x + sw[i]), min(max(ay[i], rects[i][1]), rects[i][1] + sh[i]))))
    return rects


_HYPHEN = re.compile(r"(?<=[^\W\d_]{3})-(?=[^\W\d_]{3})")  # a hyphen between two word parts


def wrap_text(fm, text: str, room: float, max_lines: int = 3) -> str:
    """The words on as few lines as fit in `room` pixels (lines balanced, joined by newlines); never cut short:
    past `max_lines` the most balanced split is kept even if wider than the room."""
    words = [w for word in text.split() for w in _HYPHEN.sub("-\x00\x01", word).split("\x00")]  # a long compound
    if fm.horizontalAdvance(text) <= room or len(words) < 2:  # may break after its hyphen (oppervlakte-|ectoderm)
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
    return [" ".join(words[a:b]).replace("- \x01", "-").lstrip("\x01") for a, b in zip(bounds, bounds[1:])]


def text_size(fm, text: str) -> tuple[float, float]:
    """Width and height of (possibly multi-line) text (kept by metrics that keep sizes: metrics.Metrics)."""
    kept = getattr(fm, "sizes", None)
    found = kept.get(text) if kept is not None else None
    if found is None:
        lines = text.split("\n")
        found = max(fm.horizontalAdvance(line) for line in lines), fm.height() * len(lines)
        if kept is not None:
            if len(kept) > 4096:
                kept.clear()
            kept[text] = found
    return found


def _ccw(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _crosses(p, q, r, s) -> bool:
    """Whether segments p-q and r-s cross properly (touching ends do not count)."""
    d1, d2, d3, d4 = _ccw(r, s, p), _ccw(r, s, q), _ccw(p, q, r), _ccw(p, q, s)
    return d1 * d2 < -1e-6 and d3 * d4 < -1e-6


def _near(pt, p, q, tol: float) -> bool:
    """Whether the point lies within tol of segment p-q."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    dd = dx * dx + dy * dy
    t = 0.0 if dd == 0 else min(1.0, max(0.0, ((pt[0] - p[0]) * dx + (pt[1] - p[1]) * dy) / dd))
    ex, ey = p[0] + t * dx - pt[0], p[1] + t * dy - pt[1]
    return ex * ex + ey * ey < tol * tol


def _hits(p, q, box, inset: float = 1.0) -> bool:
    """segment_hits on plain floats: whether segment p-q passes through box (l, t, r, b) shrunk by `inset`."""
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if right <= left or bottom <= top:
        return False
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for a, b in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if a == 0:
            if b < 0:
                return False
            continue
        t = b / a
        if a < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _box(r: QtCore.QRectF) -> tuple[float, float, float, float]:
    return r.left(), r.top(), r.right(), r.bottom()


def untangle(anchors: list[QtCore.QPointF], rects: list[QtCore.QRectF], bounds: QtCore.QRectF,
             fixed: list[QtCore.QRectF], keep_out: list[QtCore.QRectF], lines: list[QtCore.QLineF], step: float,
             tol: float = 6.0, midlines: list[QtCore.QLineF] = ()) -> list[QtCore.QRectF]:
    """The label boxes moved (a box at a time: shifted, mirrored across the picture it labels, or swapped with
    another) until no leader crosses another leader, passes within `tol` of another label's dot, runs through a
    box, or lies along one of `midlines` (where it would read as a structure, e.g. a suture). A move is taken
    only if it leaves fewer such faults, and never puts a box on another, on `fixed` or `keep_out`, across
    `lines` or out of `bounds`."""
    n = len(rects)
    pts = [(a.x(), a.y()) for a in anchors]
    rects = [QtCore.QRectF(r) for r in rects]

    fixed_boxes = [_box(b) for b in fixed]

    def end(i, r):
        ax, ay = pts[i]
        return min(max(ax, r.left()), r.right()), min(max(ay, r.top()), r.bottom())

    def own(i, r) -> int:
        p, q = pts[i], end(i, r)
        out = 3 * sum(1 for b in fixed_boxes if _hits(p, q, b))
        out += 3 * sum(1 for b in fixed if r.intersects(b))  # words on other words (a title, a scale bar)
        for m in midlines:  # a leader running along a midline for a long stretch (it would read as a suture)
            a, b = (m.x1(), m.y1()), (m.x2(), m.y2())
            near = sum(1 for t in range(21) if _near((p[0] + (q[0] - p[0]) * t / 20, p[1] + (q[1] - p[1]) * t / 20), a, b, tol))
            if near / 21 * math.dist(p, q) > 6 * step:
                out += 1
        return out

    def pair(i, qi, bi, j, qj, bj) -> int:
        pi, pj = pts[i], pts[j]
        out = int(_crosses(pi, qi, pj, qj)) + int(_near(pj, pi, qi, tol)) + int(_near(pi, pj, qj, tol))
        return out + 3 * (int(_hits(pi, qi, bj)) + int(_hits(pj, qj, bi)))  # a leader through words: never traded

    ends = [end(i, r) for i, r in enumerate(rects)]  # of the boxes as they stand (kept up to date below)
    boxes = [_box(r) for r in rects]

    def faults(moved: dict) -> int:
        qs = {i: end(i, r) for i, r in moved.items()}
        bs = {i: _box(r) for i, r in moved.items()}
        total = sum(own(i, r) for i, r in moved.items())
        for i in moved:
            total += sum(pair(i, qs[i], bs[i], j, qs.get(j, ends[j]), bs.get(j, boxes[j]))
                         for j in range(n) if j != i and (j not in moved or j > i))
        return total

    def fits(i, r, moved: dict) -> bool:
        for box in keep_out:  # a label stays above or below the picture it labels, as laid out
            if box.contains(anchors[i]) and (r.center().y() < box.center().y()) != (rects[i].center().y() < box.center().y()):
                return False
        if not bounds.contains(r) or any(r.intersects(b) for b in list(fixed) + list(keep_out)):
            return False
        if any(segment_hits(ln.p1(), ln.p2(), r, 0.0) for ln in lines):
            return False
        return not any(r.intersects(moved.get(j, rects[j])) for j in range(n) if j != i and j not in moved)

    def length(moved: dict) -> float:
        return sum(math.dist(pts[i], end(i, r)) for i, r in moved.items())

    for _ in range(40):
        bad = [i for i in range(n) if faults({i: rects[i]})]
        if not bad:
            break
        best, best_key, base = None, None, {}
        for i in bad:
            r = rects[i]
            cands = []
            for k in (1, 2, 3, 4, 6, 8, 12, 16, 24):
                for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0)):
                    cands.append({i: r.translated(dx * k * step, dy * k * step)})
            ax, ay = pts[i]
            for d in (2, 4, 8, 16, 24, 32, 48):  # just past the dot, so the leader leaves it at a slant
                d *= step
                cands += [{i: QtCore.QRectF(ax + d, r.top(), r.width(), r.height())},
                          {i: QtCore.QRectF(ax - d - r.width(), r.top(), r.width(), r.height())},
                          {i: QtCore.QRectF(r.left(), ay + d, r.width(), r.height())},
                          {i: QtCore.QRectF(r.left(), ay - d - r.height(), r.width(), r.height())}]
                for rows in (-2, -1, 1, 2):  # or beside the dot in a free row above or below
                    y = r.top() + rows * (r.height() + step)
                    cands += [{i: QtCore.QRectF(ax + d, y, r.width(), r.height())},
                              {i: QtCore.QRectF(ax - d - r.width(), y, r.width(), r.height())}]
            for box in keep_out:  # the other side of the picture it labels
                if box.contains(anchors[i]):
                    c = box.center()
                    cands.append({i: QtCore.QRectF(2 * c.x() - r.right(), r.top(), r.width(), r.height())})
            for j in range(n):  # trade places with another label (boxes keep their near edge)
                if j != i:
                    rj = rects[j]
                    cands.append({i: QtCore.QRectF(rj.left() if rj.right() > pts[j][0] else rj.right() - r.width(),
                                                   rj.top(), r.width(), r.height()),
                                  j: QtCore.QRectF(r.left() if r.right() > pts[i][0] else r.right() - rj.width(),
                                                   r.top(), rj.width(), rj.height())})
                    if abs(r.top() - rj.top()) < 1:  # neighbours in a row: the same stretch, in the other order
                        a, b = (i, j) if r.left() < rj.left() else (j, i)
                        lo, hi = rects[a].left(), rects[b].right()
                        cands.append({b: QtCore.QRectF(lo, rects[b].top(), rects[b].width(), rects[b].height()),
                                      a: QtCore.QRectF(hi - rects[a].width(), rects[a].top(), rects[a].width(), rects[a].height())})
                    ci, cj = r.center(), rj.center()  # or each centred where the other was
                    cands.append({i: QtCore.QRectF(cj.x() - r.width() / 2, cj.y() - r.height() / 2, r.width(), r.height()),
                                  j: QtCore.QRectF(ci.x() - rj.width() / 2, ci.y() - rj.height() / 2, rj.width(), rj.height())})
            for moved in cands:
                if not all(fits(k, rr, moved) for k, rr in moved.items()):
                    continue
                if len(moved) == 2:
                    a, b = moved.values()
                    if a.intersects(b):
                        continue
                ks = tuple(sorted(moved))
                if ks not in base:
                    base[ks] = faults({k: rects[k] for k in moved})
                before = base[ks]
                after = faults(moved)
                if after >= before:
                    continue
                key = (after - before, length(moved) - length({k: rects[k] for k in moved}))
                if best_key is None or key < best_key:
                    best, best_key = moved, key
        if best is None:  # no single move helps: two labels moving together, each just past its dot
            def beside(i):
                r, (ax, ay) = rects[i], pts[i]
                return [QtCore.QRectF(x, r.top(), r.width(), r.height()) for d in (2, 4, 8, 16, 24, 32, 48)
                        for x in (ax + d * step, ax - d * step - r.width())] + [r]
            for i in bad:
                for j in range(n):
                    rj0 = rects[j]
                    if j == i or not (abs(rj0.top() - rects[i].top()) < 1 or abs(rj0.left() - rects[i].left()) < 1
                                      or abs(rj0.right() - rects[i].right()) < 1):
                        continue  # only a neighbour in the same row or column can be in the way
                    before = faults({i: rects[i], j: rj0})
                    for ri in beside(i):
                        for rj in beside(j):
                            moved = {i: ri, j: rj}
                            if ri.intersects(rj) or not all(fits(k, rr, moved) for k, rr in moved.items()):
                                continue
                            delta = faults(moved) - before
                            if delta < 0 and (best_key is None or delta < best_key[0]):
                                best, best_key = moved, (delta, 0.0)
        if best is None:
            break
        for k, rr in best.items():
            rects[k] = rr
            ends[k], boxes[k] = end(k, rr), _box(rr)
    return rects
