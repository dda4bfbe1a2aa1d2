"""A frame's picture as parts, each with what it looks like and where it may paint: a frame drawn over the one before
repaints only the parts that changed and whatever overlaps them."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui

from .labels import RING_PX, leader_end
from .zonebrackets import fill_bar


SEGMENT_PX = 48  # a slanted line's ink is told in pieces this long (its bounding box would be mostly empty)


def _line_rects(line: QtCore.QLineF) -> list[tuple[float, float, float, float]]:
    """Rectangles (x, y, width, height) that together hold a line (each grown by the margin later): one per
    piece of it."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    dx, dy = x2 - x1, y2 - y1
    n = 1 if min(abs(dx), abs(dy)) < 8 else int(max(abs(dx), abs(dy)) // SEGMENT_PX) + 1  # (nearly) straight
    # across or down: its box is thin already
    out = []
    for i in range(n):
        ax, ay = x1 + dx * i / n, y1 + dy * i / n
        bx, by = x1 + dx * (i + 1) / n, y1 + dy * (i + 1) / n
        out.append((min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay)))
    return out


def _line_key(line: QtCore.QLineF | None) -> tuple | None:
    """A line's ends (None for no line), for a part's key."""
    return None if line is None else (line.x1(), line.y1(), line.x2(), line.y2())


def style_key(c) -> tuple:
    """Everything every part's look depends on besides its own key: another size, colour, language or text size
    draws every part anew."""
    prof = c.profile
    lut = getattr(c, "_lut", None)
    return (c.width(), c.height(), prof.name, prof.background, prof.outline_width, c.transparent, c.lang, c._ui(),
            c.text_scale, c.compact, c.presentation, c.show_caption, c.show_legend, c.show_scale, c.show_labels,
            c.ZONE_PX, c.NAME_PX, c.LABEL_PX, None if lut is None else lut.tobytes())


def overlay_parts(c) -> list[tuple[tuple, tuple, list]]:
    """(id, key, rects: QRectF or (x, y, width, height)) for each part of the overlay canvas c will draw for its
    frame: a part whose id, key and rects are those of a part of the frame before paints the same pixels, all
    within its rects. The ids are those SceneCanvas.paint_overlay leaves out when told a part is on the target
    already."""
    f = c.frame
    if f is None:
        return []
    u = c._ui()
    lay = c.overlay()
    parts = []
    for i, run in enumerate(lay.caption):
        parts.append((("caption", i), (run.text, run.font.key(), run.strong), [run.rect]))
    if f.inset is not None:
        ir = c._inset_rect
        lines = c.connectors()
        pieces = [r for ln in lines for r in _line_rects(ln)]
        parts.append((("frame",), (ir.getRect(), tuple(_line_key(ln) for ln in lines)), [ir, *pieces]))
        font = lay.inset_title_font
        parts.append((("title",), (lay.inset_title_text, None if font is None else font.key()), [lay.inset_title]))
        note = c.scale_note()
        if note is not None:
            parts.append((("note",), (note[1],), [note[0]]))
    for which, placed in c.scale_bars():
        if placed is not None:
            box, length_px, label = placed
            parts.append((("bar", which), (length_px, label), [box]))
    if c.show_legend:
        parts.append((("legend",), c.legend_key(), [QtCore.QRectF(c._legend_rect).adjusted(0, 0, 2, 2)]))
    for i, z in enumerate(lay.zones):
        lines = [ln for ln in (z.bracket, *z.ticks, z.leader) if ln is not None]
        key = (z.key, z.text, z.magnified) + tuple(_line_key(ln) for ln in (z.bracket, *z.ticks, z.leader))
        bar = [fill_bar(z, u)] if z.magnified else []  # (its pen reaches past the bracket's margin above 4K)
        parts.append((("zone", i), key, [z.box, *bar, *(r for ln in lines for r in _line_rects(ln))]))
    for i, (key, text, r) in enumerate(lay.names):
        parts.append((("name", i), (key, text), [r]))
    if c.show_labels:
        ring = RING_PX * u + 5 * u
        for i, ((key, anchor, r), text) in enumerate(zip(lay.labels + lay.inset_labels, lay.label_texts)):
            rects = [r, *_line_rects(QtCore.QLineF(anchor, leader_end(anchor, r))),
                     QtCore.QRectF(anchor.x() - ring, anchor.y() - ring, 2 * ring, 2 * ring)]
            parts.append((("label", i), (key, anchor.x(), anchor.y(), text), rects))
    if c.presentation:
        parts.append((("progress",), (c.progress,), [QtCore.QRectF(0, c.height() - 40, c.width(), 40)]))
    return parts


def scene_rects(c) -> list[QtCore.QRectF]:
    """Where the scene's items may paint: the inset's view box (it clips its tissue and cells) and the organ's own
    items within its view box (mostly empty)."""
    rects = [c.inset_vb.sceneBoundingRect()] if c.inset_vb.isVisible() else []
    if c.main_vb.isVisible():
        box = c.main_vb.sceneBoundingRect()
        rects += [item.sceneBoundingRect().intersected(box) for item in (c.main_img, c.focus_box, c.section_item)
                  if item.isVisible()]
    return rects


SCENE_MARGIN = 2.0  # the scene's items paint within their boxes (the view boxes clip them) but for antialiasing


def aligned(rects: list, margin: float, width: int, height: int) -> tuple[tuple[int, int, int, int], ...]:
    """Rectangles (QRectF or (x, y, width, height)) grown by a margin, on whole pixels (as QRectF.toAlignedRect),
    within the target; empty ones left out."""
    out = []
    for r in rects:
        x, y, w, h = r if isinstance(r, tuple) else r.getRect()
        if w == 0 and h == 0:
            continue
        x0, y0 = max(math.floor(x - margin), 0), max(math.floor(y - margin), 0)
        x1, y1 = min(math.ceil(x + w + margin), width), min(math.ceil(y + h + margin), height)
        if x1 > x0 and y1 > y0:
            out.append((x0, y0, x1 - x0, y1 - y0))
    return tuple(out)


def ink_parts(c, width: int, height: int) -> list[tuple[tuple | None, tuple | None, tuple]]:
    """(id, key, whole-pixel rects) of every part the frame paints, the scene's first (id and key None: the
    scene is drawn whole at every frame, so its parts never count as the same). The default margin covers
    antialiased edges, pens and overhanging glyphs."""
    m = 3.0 + 4.0 * c._ui()
    out = [(None, None, aligned([r], SCENE_MARGIN, width, height)) for r in scene_rects(c)]
    for pid, key, rects in overlay_parts(c):
        exact = tuple(r if isinstance(r, tuple) else r.getRect() for r in rects)  # (a move of less than a pixel
        # antialiases anew: the rectangles on whole pixels would not tell)
        out.append((pid, (key, exact), aligned(rects, m, width, height)))
    return out


def repaint_plan(old: list, new: list) -> tuple[QtGui.QRegion, frozenset]:
    """Given the parts of the frame on the target and of the frame to draw (ink_parts): where to clear and
    repaint, and the ids of the new frame's parts already on the target there (left out of the paint).

    Changed parts (and the scene) are repainted where they were and where they go; a part that overlaps what
    is repainted is repainted whole, and so on, so that every part is either left as it is or drawn whole on a
    cleared background (never blended over itself)."""
    def same(parts: list) -> set:  # the parts that may be kept (not the scene's)
        return {(pid, key, rects) for pid, key, rects in parts if key is not None}

    before, after = same(old), same(new)
    region = QtGui.QRegion()
    for pid, key, rects in old:
        if key is None or (pid, key, rects) not in after:
            for r in rects:
                region = region.united(QtGui.QRegion(*r))
    waiting = []
    for pid, key, rects in new:
        if key is None or (pid, key, rects) not in before:
            for r in rects:
                region = region.united(QtGui.QRegion(*r))
        else:
            waiting.append((pid, rects))
    grown = True
    while grown:  # a part kept that overlaps what is repainted is repainted whole
        grown, still = False, []
        for pid, rects in waiting:
            if any(region.intersects(QtCore.QRect(*r)) for r in rects):
                for r in rects:
                    region = region.united(QtGui.QRegion(*r))
                grown = True
            else:
                still.append((pid, rects))
        waiting = still
    return region, frozenset(pid for pid, _rects in waiting)
