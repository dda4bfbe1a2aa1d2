"""Bracketed zone names beside the inset, as in a histology atlas figure: a bracket along each zone and its name."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6 import QtCore, QtGui

from ..model.kinds import Tissue
from .labels import DEEPER, leader_end, place_in_band, stack_rows, stack_rows_as, text_size, wrap_text


@dataclass(frozen=True)
class PlacedZone:
    key: str
    text: str
    bracket: QtCore.QLineF  # along the zone, in scene pixels
    ticks: tuple[QtCore.QLineF, QtCore.QLineF]  # short ends pointing at the inset
    box: QtCore.QRectF  # where the name is written
    leader: QtCore.QLineF | None  # from the bracket's middle to a name moved aside to make room
    magnified: bool = False  # a segment of the enlarged scale under a thin plate (filled with the zone's colour)


# the tissue whose colour keys each zone on the enlarged scale (the ossification zone: its bone)
ZONE_TISSUE = {"resting": Tissue.CARTILAGE, "proliferative": Tissue.PROLIFERATIVE, "hypertrophic": Tissue.HYPERTROPHIC,
               "calcified": Tissue.CALCIFIED, "ossification": Tissue.BONE}


def zone_fills(lut) -> dict[str, QtGui.QColor]:
    """Zone key -> the colour its tissue is drawn in (from the canvas's RGBA lookup table)."""
    return {k: QtGui.QColor(*(int(v) for v in lut[int(t)][:4])) for k, t in ZONE_TISSUE.items() if int(t) < len(lut)}


HINTS_KEPT = 3  # arrangements kept per band while playing (see layout_zones)


def layout_zones(spans: list[tuple[str, str, float, float]], axis: str, band: QtCore.QRectF,
                 fm: QtGui.QFontMetricsF, u: float, wrap: bool = True, hints: dict | None = None) -> list[PlacedZone]:
    """Brackets in `band` (below the inset for zones along x, right of it for zones along y).

    spans: (key, text, start, end) in scene pixels along the axis, already clipped to the inset.
    hints (while playing): the arrangement of the names chosen at an earlier frame, kept while it stays clean
    instead of searched again at every frame (see labels.stack_rows_as).
    """
    if not spans:
        return []
    gap, tick, pad = 4 * u, 6 * u, 10 * u
    # small pictures (a strip's panels): two names on a row stay about an em apart, so they never read as one
    side = 6 * u if u >= 1 else max(6 * u, 0.8 * fm.height() - pad / 2)
    h = fm.height() + 2 * u
    out = []
    if axis == "x":
        y = band.top() + gap
        magnified = _magnified(spans, band, fm, u, y, tick)
        if magnified is not None:
            return magnified
        anchors = [QtCore.QPointF((a + b) / 2, y) for _, _, a, b in spans]

        def worded(room):
            texts = [wrap_text(fm, t, room, 2) if wrap else fm.elidedText(t, QtCore.Qt.TextElideMode.ElideRight, room)
                     for _, t, _, _ in spans]
            return texts, [QtCore.QSizeF(text_size(fm, t)[0] + side, text_size(fm, t)[1] + 2 * u) for t in texts]

        hint_key = (round(band.left(), 1), round(band.right(), 1), fm.height(), u, wrap, tuple(t for _, t, _, _ in spans))
        for how in (hints or {}).get(hint_key, ()):  # playing: the names as they were arranged, if that stays clean
            texts, sizes = worded(how["room"])  # (a few kept: the layout's first guess at the inset's width asks too)
            boxes = stack_rows_as(anchors, sizes, how["left"], how["right"], y + tick, True, pad / 2, how)
            if boxes is not None:
                return _placed(spans, texts, anchors, boxes, y, tick, h, u)
        lo, hi = max(band.left(), min(a for *_, a, _ in spans)), min(band.right(), max(b for *_, b in spans))
        boxes, best, fallback = None, None, None  # names under the inset they name when that takes no more rows, else over the band
        need = sum(text_size(fm, t)[0] + 6 * u for _, t, _, _ in spans) + pad / 2 * len(spans)
        d = max(0.0, (need - (hi - lo)) / 2)  # a row wider than the inset: centred under it, not pushed aside
        tries = [(band.left(), band.right())]
        if hi - lo > 20 * u:
            tries += [(lo, hi), (max(band.left(), lo - d), min(band.right(), hi + d))]
        searched: dict = {}  # the same search asked again (another share wrapping no name differently): its answer
        for left, right in dict.fromkeys(tries):  # (the widened try may be the inset's own: searched once)
            if best is not None and best[0] is not full:
                break  # names under the inset already won: a later try could not replace them
            for share in (1.0, 0.5, 0.34, 0.25, 0.2):  # wrap the names onto two lines until they fit in three rows
                room = (right - left) * share - 6 * u
                texts, sizes = worded(room)
                most = None if best is None else _rows_above(max(b.bottom() for b in full), sizes, y + tick, pad / 2)
                key = (left, right, most, tuple((z.width(), z.height()) for z in sizes))
                if key not in searched:
                    chose = {"left": left, "right": right, "room": room}
                    searched[key] = (stack_rows(anchors, sizes, left, right, y + tick, True, pad / 2, 3, strict=True,
                                                most_rows=most, chose=chose), chose)
                boxes, chose = searched[key]
                if boxes is not None:
                    break
            if fallback is None:
                fallback = (texts, sizes)
            if boxes is None or boxes is DEEPER:  # (deeper than the names under the whole band: not taken)
                continue
            if best is None:
                best, full = (boxes, texts, sizes, chose), boxes
            elif max(b.bottom() for b in boxes) <= max(b.bottom() for b in full) + 1e-6 and best[0] is full:
                best = (boxes, texts, sizes, chose)
        boxes, texts, sizes, chose = best if best is not None else (None, *fallback, None)
        if boxes is None:
            boxes = stack_rows(anchors, sizes, band.left(), band.right(), y + tick, True, pad / 2, 3)
        elif hints is not None and "rows" in chose:  # a clean arrangement: kept for the next frames
            if len(hints) > 64:
                hints.clear()
            hints[hint_key] = [chose] + [how for how in hints.get(hint_key, ()) if how != chose][:HINTS_KEPT - 1]
        return _placed(spans, texts, anchors, boxes, y, tick, h, u)
    x = band.left() + gap
    width = max(band.width() - tick - 2 * gap - 6 * u, 10 * u)
    texts = [wrap_text(fm, t, width, 2) if wrap else fm.elidedText(t, QtCore.Qt.TextElideMode.ElideRight, width)
             for _, t, _, _ in spans]
    heights = [text_size(fm, t)[1] + 2 * u for t in texts]
    mids = [(a + b) / 2 for _, _, a, b in spans]
    starts = place_in_band(mids, heights, band.top(), band.bottom(), 2 * u)
    for (key, _t, a, b), text, mid, start, h in zip(spans, texts, mids, starts, heights):
        inner = QtCore.QLineF(x, a + 1 * u, x, b - 1 * u)
        ticks = (QtCore.QLineF(x, inner.y1(), x - tick, inner.y1()), QtCore.QLineF(x, inner.y2(), x - tick, inner.y2()))
        box = QtCore.QRectF(x + tick + gap, start, text_size(fm, text)[0] + 6 * u, h)
        leader = None if abs(box.center().y() - mid) < 2 * u else QtCore.QLineF(x, mid, box.left(), box.center().y())
        out.append(PlacedZone(key, text, inner, ticks, box, leader))
    return out


def _placed(spans, texts, anchors, boxes, y: float, tick: float, h: float, u: float) -> list[PlacedZone]:
    """Zones along x: each bracket on its span, its name in its box (a leader when the box stands aside)."""
    out = []
    for (key, _t, a, b), text, anchor, box in zip(spans, texts, anchors, boxes):
        inner = QtCore.QLineF(a + 1 * u, y, b - 1 * u, y)
        ticks = (QtCore.QLineF(inner.x1(), y, inner.x1(), y - tick), QtCore.QLineF(inner.x2(), y, inner.x2(), y - tick))
        near = box.top() - (y + tick) < h and abs(box.center().x() - anchor.x()) < 2 * u
        leader = None if near else QtCore.QLineF(anchor, leader_end(anchor, box))
        out.append(PlacedZone(key, text, inner, ticks, box, leader))
    return out


def _rows_above(bottom: float, sizes: list[QtCore.QSizeF], edge: float, gap: float) -> int:
    """How many rows of boxes of these sizes stack_rows may use below `edge` and still end above `bottom` (its
    deepest row holds at least one box, centred in the row: no arrangement of more rows does)."""
    row_h = max(s.height() for s in sizes)
    least = min(s.height() for s in sizes)
    rows = 0
    while rows < 3 and edge + gap + rows * (row_h + gap) + (row_h + least) / 2 <= bottom + 0.01:
        rows += 1
    return rows


def _magnified(spans, band: QtCore.QRectF, fm: QtGui.QFontMetricsF, u: float, y: float,
               tick: float) -> list[PlacedZone] | None:
    """Zones too thin to name where they are (a thin plate): drawn again below as a magnified scale, each zone
    a segment wide enough for its name written right under it, joined to its true extent by converging lines
    (a figure's 'enlarged detail'). None when the zones are wide enough to be named in place."""
    pad = 12 * u
    widths = [text_size(fm, t)[0] for _, t, _, _ in spans]
    span = spans[-1][3] - spans[0][2]
    if span >= 0.6 * sum(widths):
        return None
    room = band.width() - 4 * u
    seg = [w + pad for w in widths]
    if sum(seg) > 0.8 * room:  # a small picture (a strip's panel): the names in rows as usual, the inset keeps its size
        return None
    texts = [t for _, t, _, _ in spans]
    total = sum(seg)
    mid = (spans[0][2] + spans[-1][3]) / 2
    left = min(max(mid - total / 2, band.left() + 2 * u), band.right() - 2 * u - total)
    drop = y + tick + 1.6 * fm.height()  # the magnified scale, below the converging lines
    out, x = [], left
    for (key, _t, a, b), text, w in zip(spans, texts, seg):
        bracket = QtCore.QLineF(x + 1 * u, drop, x + w - 1 * u, drop)
        ticks = (QtCore.QLineF(a, y, x, drop), QtCore.QLineF(b, y, x + w, drop))  # true extent -> its segment
        box = QtCore.QRectF(x, drop + 3 * u, w, text_size(fm, text)[1] + 2 * u)
        out.append(PlacedZone(key, text, bracket, ticks, box, None, True))
        x += w
    return out


def rows_needed(spans: list[tuple[str, str, float, float]], lo: float, hi: float, fm: QtGui.QFontMetricsF,
                u: float, wrap: bool = True, hints: dict | None = None) -> int:
    """How many rows of names zones along x need in a band from lo to hi (spans in the same pixels)."""
    if not spans:
        return 0
    band = QtCore.QRectF(lo, 0, hi - lo, 1000)
    placed = layout_zones(spans, "x", band, fm, u, wrap, hints)
    extent = max(z.box.bottom() for z in placed) - min(z.box.top() for z in placed)  # in one-line rows
    if placed[0].bracket.y1() > band.top() + 12 * u:  # a magnified scale: its converging lines above the names
        extent += placed[0].bracket.y1() - band.top()
    return max(1, math.ceil((extent + 5 * u) / (fm.height() + 2 * u + 5 * u) - 0.05))


def fill_bar(z: PlacedZone, u: float) -> QtCore.QRectF:
    """The bar in its zone's colour drawn along a segment of the enlarged scale (its pen is one pixel at 1080p)."""
    return QtCore.QRectF(z.bracket.x1(), z.bracket.y1() - 5 * u, z.bracket.dx(), 8 * u)


def draw_zones(p: QtGui.QPainter, zones: list[PlacedZone], font: QtGui.QFont, colour: QtGui.QColor, u: float,
               fills: dict[str, QtGui.QColor] | None = None) -> None:
    """Brackets and names; with `fills`, each segment of an enlarged scale is a bar in its zone's own colour, so a
    name is matched to its band by colour as well as by the converging lines."""
    pen = QtGui.QPen(colour, max(1.0, 1.6 * u))
    pen.setCapStyle(QtCore.Qt.PenCapStyle.FlatCap)
    p.setFont(font)
    for z in zones:
        fill = (fills or {}).get(z.key) if z.magnified else None
        if fill is not None:
            bar = fill_bar(z, u)
            p.setPen(QtGui.QPen(colour, max(1.0, 1.0 * u)))
            p.setBrush(fill)
            p.drawRect(bar)
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.setPen(pen)
        if fill is None:
            p.drawLine(z.bracket)
        for t in z.ticks:
            p.drawLine(t)
        if z.leader is not None:
            thin = QtGui.QPen(colour, max(1.0, 0.9 * u))
            p.setPen(thin)
            p.drawLine(z.leader)
        p.setPen(colour)
        p.drawText(z.box, QtCore.Qt.AlignmentFlag.AlignCenter, z.text)
