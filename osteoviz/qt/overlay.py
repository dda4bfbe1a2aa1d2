"""Where the words over a picture go: caption runs, organ and inset labels, bracketed zones, names (no overlaps)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6 import QtCore, QtGui

from ..content import format_age, format_length, process_content, strings
from ..model import registry
from .metrics import metrics
from .labels import free_spot, layout_labels, leader_end, segment_hits, stack_rows, text_size, untangle, wrap_text
from ..model.structures import NAMES_FROM_LEFT
from .zonebrackets import layout_zones


LARGE_TEXT = 1.25  # text scale above which words are shortened to one line rather than wrapped


def large_text(c) -> bool:
    """Text enlarged by the user on a full picture (a strip's panels always wrap: their words must be whole)."""
    return c.text_scale > LARGE_TEXT and not c.compact


def label_text(s, key: str) -> str:
    """The words for a structure, name or zone key: strings "label.<key>" (or "zone.<key>" for zones)."""
    if f"label.{key}" not in s.data and f"zone.{key}" in s.data:
        return s(f"zone.{key}")
    return s(f"label.{key}")  # a missing key is a content error that names the file and key


@dataclass
class TextRun:
    text: str
    font: QtGui.QFont
    rect: QtCore.QRectF
    strong: bool


@dataclass
class Overlay:
    """Every word drawn over the pictures, in scene pixels (what tests check for overlaps)."""

    caption: list = field(default_factory=list)  # TextRun
    inset_title: QtCore.QRectF = field(default_factory=QtCore.QRectF)
    inset_title_text: str = ""
    inset_title_font: QtGui.QFont | None = None
    zones: list = field(default_factory=list)  # PlacedZone
    labels: list = field(default_factory=list)  # (key, anchor, box) on the organ
    inset_labels: list = field(default_factory=list)  # (key, anchor, box) on the inset
    names: list = field(default_factory=list)  # (key, text, box)
    label_texts: list = field(default_factory=list)  # the words in each label box, organ labels first
    inset_bar: QtCore.QRectF = field(default_factory=QtCore.QRectF)  # the inset's scale bar, outside it (null: inside)
    inset_bar_um: float | None = None  # its length (a shorter bar where the longer one would leave the inset's width)


def compute_overlay(c) -> Overlay:
    """Where every word goes on canvas c now (its layout done): labels, inset labels, zones, names."""
    f = c.frame
    u = c._ui()
    s = strings(c.lang)
    lay = Overlay()
    if c.show_caption:
        lay.caption = caption_runs(c, u, s)
    ir = c._inset_rect
    if f.inset is not None:
        lay.inset_title_font, lay.inset_title_text, lay.inset_title = inset_title(c, u, s, max(ir.width(), 40 * u))
        if c.show_scale:
            lay.inset_bar, lay.inset_bar_um = inset_bar_box(c, u, lay.inset_title)
            bar = lay.inset_bar
            if not bar.isNull() and bar.bottom() <= ir.top() and bar.right() > ir.right() + 0.5:  # above the inset but
                # past its edge (no room beside the whole title nor under the inset): the title makes room (the focus alone, as when it is too long for the inset), rather than
                # the bar sticking out past the inset
                titled = inset_title(c, u, s, max(ir.width() - bar.width() - 12 * u, 40 * u))
                bar, bar_um = inset_bar_box(c, u, titled[2])
                if not bar.isNull() and bar.right() <= ir.right() + 0.5:
                    (lay.inset_title_font, lay.inset_title_text, lay.inset_title), lay.inset_bar, lay.inset_bar_um = \
                        titled, bar, bar_um
        lay.zones = zone_layout(c, u, s, lay.inset_bar)
    lfm = metrics(c._font(c.LABEL_PX * u, True))

    def sized(key, room):  # the label's words (wrapped onto lines if they cannot fit, never cut) and its box size
        if large_text(c):  # enlarged text: one line, shortened if need be (no room for more lines)
            text = lfm.elidedText(label_text(s, key), QtCore.Qt.TextElideMode.ElideRight, max(room - 14 * u, 20 * u))
        else:
            text = wrap_text(lfm, label_text(s, key), max(room - 14 * u, 20 * u))
        w, h = text_size(lfm, text)
        return text, QtCore.QSizeF(w + 14 * u, h + 8 * u)

    blocked = [run.rect for run in lay.caption] + [r for r in (lay.inset_title, lay.inset_bar) if not r.isNull()]
    if c.show_labels and f.labels:
        a = f.main.aspect
        points = [c.main_vb.childGroup.mapToScene(QtCore.QPointF(x, y * a)) for _, x, y in f.labels]
        organ = c.organ_scene_rect()
        area = c._label_area
        top = max([r.rect.bottom() for r in lay.caption] + [area.top() - 10 * u])
        wide = organ.width() > organ.height()
        bottom = lay.inset_title.top() if wide and not lay.inset_title.isNull() else area.bottom()
        two_lines = 2 * lfm.height() + 24 * u  # a tall organ with room above and below: rows there too
        rows_fit = not large_text(c) and min(organ.top() - top, bottom - organ.bottom()) >= two_lines
        if wide or rows_fit:  # rows above and below the organ
            sized_all = [sized(k, area.width()) for k, _, _ in f.labels]
            rects = [QtCore.QRectF()] * len(points)
            right = area.right()
            avoid = list(blocked)
            if f.inset is not None and c._inset_rect.left() > organ.right():  # beside the organ: may use the room above the inset
                right = (c._legend_rect.left() if c.show_legend else c.width()) - 8 * u
                avoid += [c._inset_rect] + [z.box for z in lay.zones]
            for above in (True, False) if wide else ():  # a long bone: rows whatever it takes
                idx = [i for i, pt in enumerate(points) if (pt.y() < organ.center().y()) == above]
                room = (organ.top() - top) if above else (bottom - organ.bottom())
                rows = min(3, max(1, int(room // (lfm.height() + 16 * u))))
                edge = organ.top() if above else max([organ.bottom()] + [r.bottom() for r in edge_names(c, u, organ)])
                placed = None
                for hi, strict in ((right if above else area.right(), True), (area.right(), True), (right, False)):
                    placed = rows_that_fit([points[i] for i in idx], [f.labels[i][0] for i in idx], sized,
                                                 area.left(), hi, edge, not above, u, rows, avoid, strict)
                    if placed is not None:
                        break
                for i, (r, text, sz) in zip(idx, placed):
                    rects[i] = r
                    sized_all[i] = (text, sz)
            ok = not wide
            for above in (True, False) if not wide else ():  # a tall organ: clean rows above and below, else columns
                idx = [i for i, pt in enumerate(points) if (pt.y() < organ.center().y()) == above]
                room = (organ.top() - top) if above else (bottom - organ.bottom())
                rows = min(3, max(1, int(room // (lfm.height() + 16 * u))))
                placed = rows_that_fit([points[i] for i in idx], [f.labels[i][0] for i in idx], sized, area.left(),
                                       right if above else area.right(), organ.top() if above else organ.bottom(),
                                       not above, u, rows, avoid, True)
                fits = placed is not None and all((r.top() >= top) if above else (r.bottom() <= bottom) for r, _, _ in placed)
                if not fits:
                    ok = False
                    break
                for i, (r, text, sz) in zip(idx, placed):
                    rects[i] = r
                    sized_all[i] = (text, sz)
        if not (wide or rows_fit) or (not wide and not ok):
            # columns left and right of the organ
            left, right = organ.left() - area.left() - 8 * u, area.right() - organ.right() - 8 * u
            sized_all = [sized(k, left if pt.x() < organ.center().x() else right) for (k, _, _), pt in zip(f.labels, points)]
            rects = layout_labels(points, [sz for _, sz in sized_all], organ, area, False, 8 * u)
        lay.labels = [(k, pt, r) for (k, _, _), pt, r in zip(f.labels, points, rects)]
        lay.label_texts += [t for t, _ in sized_all]
    if c.show_labels and f.inset is not None and f.inset_labels:
        lay.inset_labels, texts = inset_label_layout(c, u, sized, lay)
        lay.label_texts += texts
    if lay.labels or lay.inset_labels:
        untangle_labels(c, u, lay, blocked + ([main_bar_box(c, u)] if c.show_scale else [])
                        + (edge_names(c, u, c.organ_scene_rect()) if f.names else []))
    lay.names = name_layout(c, u, s, lay)
    return lay


def edge_names(c, u: float, organ: QtCore.QRectF) -> list:
    """The boxes of names written on the organ's lower edge (e.g. the fracture line's, under its far-cortex gap):
    label rows start under them and labels keep off them, so no name is pushed onto the structure it names."""
    f, a = c.frame, c.frame.main.aspect
    fm = metrics(c._font(c.NAME_PX * u, True))
    h = fm.height() + 2 * u
    out = []
    site = organ.height() / f.main.tissue.shape[0]
    for key, x, y in f.names:
        p = c.main_vb.childGroup.mapToScene(QtCore.QPointF(x, y * a))
        if organ.bottom() - 1.5 * site <= p.y() <= organ.bottom() + h and key not in NAMES_FROM_LEFT:
            w = fm.horizontalAdvance(label_text(strings(c.lang), key)) + 8 * u
            out.append(QtCore.QRectF(p.x() - w / 2, p.y() - h / 2, w, h).adjusted(-4 * u, 0, 4 * u, 4 * u))
    return out


def untangle_labels(c, u: float, lay, blocked) -> None:
    """Move label boxes until every leader can be followed: none crosses another or runs over another dot."""
    placed = lay.labels + lay.inset_labels
    edge = 16 * u  # labels keep off the picture's edges like the names (a projector's overscan cuts them)
    bounds = QtCore.QRectF(edge, edge, c.width() - 2 * edge, c.height() - 2 * edge)
    if c.show_legend:
        bounds.setRight(c._legend_rect.left() - 2 * u)
    placed = [(k, a, r.translated(min(max(r.left(), bounds.left()), bounds.right() - r.width()) - r.left(), 0.0))
              for k, a, r in placed]  # a row placed up to the edge moves in first
    keep_out = [c.organ_scene_rect()] + ([c._inset_rect] if c.frame.inset is not None else [])
    organ = keep_out[0]
    midlines = [QtCore.QLineF(organ.center().x(), organ.top(), organ.center().x(), organ.bottom())]
    rects = untangle([a for _, a, _ in placed], [r for _, _, r in placed], bounds,
                     list(blocked) + [z.box for z in lay.zones], keep_out, c.connectors(), 6 * u, 6 * u, midlines)
    done = [(k, a, r) for (k, a, _), r in zip(placed, rects)]
    lay.labels, lay.inset_labels = done[:len(lay.labels)], done[len(lay.labels):]

def caption_runs(c, u: float, s) -> list:
    """The caption as text runs: age (and GA), process and phase, the organ and how the process's clock counts."""
    f = c.frame
    r = c._caption_rect
    content = process_content(f.process, c.lang)
    clock = registry.get(f.process).clock
    age, ga = format_age(f.day, c.lang, clock)
    runs = []

    def run(text, font, x, baseline, strong):
        fm = metrics(font)
        w = fm.horizontalAdvance(text)
        if not text:
            return 0.0
        runs.append(TextRun(text, font, QtCore.QRectF(x, baseline - fm.ascent(), w, fm.height()), strong))
        return w

    big = c._font(40 * u, True)
    fm = metrics(big)
    x = r.left() + run(age, big, r.left(), r.top() + fm.ascent(), True) + 16 * u
    if ga:
        x += run(f"({ga})", c._font(22 * u), x, r.top() + fm.ascent(), False) + 16 * u
    title = f"{content.title} · {content.phase(f.phase.id).title}"
    for px in (27, 25, 23, 21, 19, 17, 15):  # a long title steps its size down rather than end in "…"
        title_font = c._font(px * u, True)
        fm2 = metrics(title_font)
        if fm2.horizontalAdvance(title) <= r.width() * 0.62:
            break
    run(title, title_font, r.left(), r.top() + fm.height() + fm2.ascent(), True)
    left_end = max(x, r.left() + fm2.horizontalAdvance(title) + 16 * u)
    organ = s("caption.organ", organ=s(f"organ.{f.process}"), size=format_length(f.organ_mm))
    if f.extras.get("shaft_mm"):  # before birth: the ossified shaft (what ultrasound measures) beside the whole bone
        organ = s("caption.organ_shaft", shaft=format_length(f.extras["shaft_mm"], c.lang), size=format_length(f.organ_mm))
    note = clock.footnote(f.day, s)
    room = r.right() - left_end
    fits = False
    # the organ and the note on the right, wrapped (at most three lines in the caption); enlarged text (presentation)
    # keeps to the larger sizes (13 px and up, times its scale: no smaller than normal text's largest) on up to 4 lines
    large = large_text(c)
    for px in (19, 17, 15, 13) if large else (19, 17, 15, 13, 11):
        small = c._font(px * u)
        fm3 = metrics(small)
        lines = [line for text in (f"{process_content(f.process, c.lang).subtitle} · {organ}", note)
                 for line in wrap_text(fm3, text, room, 3).split("\n")]
        fits = (len(lines) <= (4 if large else 3) and all(fm3.horizontalAdvance(line) <= room for line in lines)
                and fm3.height() * 1.05 * len(lines) <= r.height())
        if fits:
            break
    if large and not fits:  # enlarged text that fits no way above: two lines, shortened (a last resort)
        small = c._font(19 * u)
        fm3 = metrics(small)
        lines = [fm3.elidedText(t, QtCore.Qt.TextElideMode.ElideRight, max(room, 0.0))
                 for t in (f"{process_content(f.process, c.lang).subtitle} · {organ}", note)]
    step = fm3.height() * (1.25 if len(lines) <= 2 else 1.05)
    for i, text in enumerate(lines):
        w = fm3.horizontalAdvance(text)
        run(text, small, r.right() - w, r.top() + fm3.ascent() + i * step, False)
    return runs

def inset_title(c, u: float, s, room: float) -> tuple[QtGui.QFont, str, QtCore.QRectF]:
    """The inset's title in `room` pixels: its font, words and box above the inset's top-left corner (the whole
    title, else the focus alone, else on two lines, smaller)."""
    f, ir = c.frame, c._inset_rect
    font = c._font(20 * u, True)
    fm = metrics(font)
    focus = s('focus.' + f.phase.focus)
    title = f"{s('inset.title')}: {focus}"
    if large_text(c):  # enlarged text: one line (the room above the inset holds one): the whole title, else the
        if fm.horizontalAdvance(title) > room:  # focus alone, smaller if need be, shortened only as a last resort
            for px in (20, 17, 14):
                font = c._font(px * u, True)
                fm = metrics(font)
                if fm.horizontalAdvance(focus) <= room:
                    break
            title = fm.elidedText(focus, QtCore.Qt.TextElideMode.ElideRight, room)
    elif c.compact or fm.horizontalAdvance(title) > room:
        for px in (20, 17, 14):
            font = c._font(px * u, True)
            fm = metrics(font)
            title = wrap_text(fm, focus, room, 2)
            if text_size(fm, title)[0] <= room:
                break
    w, h = text_size(fm, title)
    return font, title, QtCore.QRectF(ir.left(), ir.top() - 10 * u - fm.ascent() - (h - fm.height()), w, h)


def inset_bar_box(c, u: float, title: QtCore.QRectF) -> tuple[QtCore.QRectF, float | None]:
    """Where the inset's scale bar goes, and its length in µm: just above the inset's top edge, right of its title,
    within the inset's width and clear of the lines from the organ, shorter (1-2-5 steps, down to about 6 % of the
    inset's width) rather than past the inset's edge (a null rect when there is no such room: the bar then stays in the
    inset's corner)."""
    from .canvas import length_label, nice_length_um  # the canvas draws the bar with these

    f, ir, vb = c.frame, c._inset_rect, c.inset_vb
    px_per_site = vb.mapViewToScene(QtCore.QPointF(1, 0)).x() - vb.mapViewToScene(QtCore.QPointF(0, 0)).x()
    if px_per_site <= 0 or ir.width() <= 0:
        return QtCore.QRectF(), None
    um_per_px = f.inset.site_um / px_per_site
    fm = metrics(c._font(18 * u, True))
    h = fm.height() + 24 * u
    left = title.right() + 12 * u if not title.isNull() else ir.left()
    limit = (c._legend_rect.left() if c.show_legend else c.width()) - 4 * u
    lines = c.connectors()

    def width(length_um: float) -> float:
        return max(length_um / um_per_px, fm.horizontalAdvance(length_label(length_um))) + 16 * u

    for share in (0.22, 0.15, 0.1, 0.06):
        length_um = nice_length_um(ir.width() * share * um_per_px)
        w = width(length_um)
        for step in range(0, 40):
            box = QtCore.QRectF(ir.right() - w - step * 8 * u, ir.top() - h + 6 * u, w, h - 8 * u)
            if box.left() < left:
                break
            if not any(segment_hits(ln.p1(), ln.p2(), box, 0.0) for ln in lines):
                return box, length_um
    length_um = nice_length_um(ir.width() * 0.22 * um_per_px)
    w = width(length_um)
    axes = {z[3] for z in c.frame.inset_zones}

    def fits(box: QtCore.QRectF, axis: str) -> bool:  # (zone names take the inset's side (y) or underside (x))
        return box.right() <= limit and box.bottom() <= c.height() - 2 * u and axis not in axes

    below = QtCore.QRectF(ir.right() - w, ir.bottom() + 2 * u, w, h - 8 * u)  # under the inset's right-hand corner
    if c.compact:  # a strip's panel: no room beside the title: right of the inset, or below it, never over the tissue
        for box, axis in ((QtCore.QRectF(ir.right() + 6 * u, ir.top(), w, h - 8 * u), "y"), (below, "x")):
            if fits(box, axis):
                return box, length_um
        return QtCore.QRectF(), None
    box = QtCore.QRectF(max(left, ir.right() - w), ir.top() - h + 6 * u, w, h - 8 * u)
    if box.right() > limit or box.top() <= 0:
        return QtCore.QRectF(), None
    if box.right() > ir.right() + 0.5 and fits(below, "x"):  # past the inset's edge beside the whole title: under its
        return below, length_um  # corner instead, the title kept whole
    return box, length_um

def main_bar_box(c, u: float) -> QtCore.QRectF:
    """Where the canvas draws the organ's scale bar (the corner of the organ's area with least tissue under it)."""
    from .canvas import length_label, nice_length_um  # the canvas draws the bar with these

    f, area, vb = c.frame, c._main_rect, c.main_vb
    px_per_site = vb.mapViewToScene(QtCore.QPointF(1, 0)).x() - vb.mapViewToScene(QtCore.QPointF(0, 0)).x()
    if px_per_site <= 0 or area.width() <= 0 or vb.viewRect().width() <= 0:
        return QtCore.QRectF()
    um_per_px = f.main.site_um / px_per_site
    length_um = nice_length_um(area.width() * 0.22 * um_per_px)
    fm = metrics(c._font(18 * u, True))
    w = max(length_um / um_per_px, fm.horizontalAdvance(length_label(length_um))) + 16 * u
    box = QtCore.QRectF(area.left() + 6 * u, area.bottom() - fm.height() - 16 * u, w, fm.height() + 24 * u)
    return min(c._corners(area, box, u), key=lambda r: c._tissue_under(r, vb, f.main))


def zone_layout(c, u: float, s, bar: QtCore.QRectF = QtCore.QRectF()) -> list:
    """Bracketed zone names beside the inset, below its scale bar when the bar stands over their band."""
    f = c.frame
    inset = f.inset
    rows, cols = inset.tissue.shape
    g = c.inset_vb.childGroup
    fm = metrics(c._font(c.ZONE_PX * u))
    out = []
    for axis in ("x", "y"):
        spans = []
        limit = cols if axis == "x" else rows * inset.aspect
        for key, a, b, ax in f.inset_zones:
            if ax != axis:
                continue
            scale = 1.0 if axis == "x" else inset.aspect
            a, b = sorted((max(0.0, a * scale), min(limit, b * scale)))
            if b - a <= 0:
                continue
            pa = g.mapToScene(QtCore.QPointF(a, 0) if axis == "x" else QtCore.QPointF(0, a))
            pb = g.mapToScene(QtCore.QPointF(b, 0) if axis == "x" else QtCore.QPointF(0, b))
            lo, hi = (pa.x(), pb.x()) if axis == "x" else (pa.y(), pb.y())
            spans.append((key, label_text(s, key), min(lo, hi), max(lo, hi)))
        band = QtCore.QRectF(c._zone_band[axis])
        if not bar.isNull() and bar.right() + 12 * u > band.left() and bar.left() < band.right() and bar.bottom() > band.top() \
                and bar.top() < c._inset_rect.top():  # (a bar under the inset stands over no band beside it)
            band.setTop(min(bar.bottom() + 2 * u, band.bottom()))
        # enlarged text: names under the inset on one line each (shortened if need be: rows are short of room);
        # names beside it wrap onto two lines, as at normal size (a column has the height)
        out += layout_zones(spans, axis, band, fm, u, not large_text(c) or axis == "y", c.zone_hints())
    return out

def inset_label_layout(c, u: float, sized, lay) -> tuple[list, list]:
    """Labels on the inset, outside it with leader lines: beside it (femur) or in rows below it (vault)."""
    f = c.frame
    named = {z.key for z in lay.zones}  # a zone named by its bracket gets no second name on a leader
    f = replace(f, inset_labels=tuple(lab for lab in f.inset_labels if lab[0] not in named))
    a = f.inset.aspect
    g = c.inset_vb.childGroup
    ir = c._inset_rect
    points = [g.mapToScene(QtCore.QPointF(x, y * a)) for _, x, y in f.inset_labels]
    block = QtCore.QRectF(ir)
    for z in lay.zones:
        block = block.united(z.box)
    area = c._label_area
    if c._main_rect.bottom() < ir.top():  # femur: columns left and right of the inset
        room = max(ir.left() - area.left(), area.right() - ir.right()) - 8 * u
        sized_all = [sized(k, room) for k, _, _ in f.inset_labels]
        top = ir.top() if lay.inset_title.right() <= ir.right() else max(ir.top(), lay.inset_title.bottom() + 2 * u)
        band = QtCore.QRectF(area.left(), top, area.width(), ir.bottom() - top)  # beside the inset, under a wide title
        rects = layout_labels(points, [sz for _, sz in sized_all], ir, band, False, 8 * u)
    else:  # vault: rows below the section (and its zone names)
        right = c._legend_rect.left() - 6 * u if c.show_legend else c.width() - 6 * u
        placed = rows_that_fit(points, [k for k, _, _ in f.inset_labels], sized, ir.left(), right,
                                     block.bottom(), True, u, 3, [z.box for z in lay.zones]
                                     + ([lay.inset_bar] if not lay.inset_bar.isNull() else []))  # a bar below it
        rects = [r for r, _, _ in placed]
        sized_all = [(t, sz) for _, t, sz in placed]
    return [(k, pt, r) for (k, _, _), pt, r in zip(f.inset_labels, points, rects)], [t for t, _ in sized_all]

def rows_that_fit(points, keys, sized, lo, hi, edge, below, u, rows, avoid, strict=False, lines=()) -> list | None:
    """(box, text, size) per label in rows beside an edge, shortening the words until no leader crosses a box
    (None if `strict` and no such rows exist)."""
    for share in (1.0, 0.5, 0.34, 0.25):
        sized_all = [sized(k, (hi - lo) * share) for k in keys]
        rects = stack_rows(points, [sz for _, sz in sized_all], lo, hi, edge, below, 8 * u, rows, avoid, True, lines)
        if rects is not None:
            break
    else:
        if strict:
            return None
        rects = stack_rows(points, [sz for _, sz in sized_all], lo, hi, edge, below, 8 * u, rows, avoid, False, lines)
    return [(r, t, sz) for r, (t, sz) in zip(rects, sized_all)]

def name_layout(c, u: float, s, lay) -> list:
    """Bone names and orientation words where the model puts them, moved off any label they would cover."""
    f = c.frame
    font = c._font(c.NAME_PX * u, True)
    fm = metrics(font)
    a = f.main.aspect
    blocked = [r for _, _, r in lay.labels + lay.inset_labels] + [run.rect for run in lay.caption]
    blocked += [r for r in (lay.inset_title, lay.inset_bar) if not r.isNull()]
    edge = 16 * u  # off the picture's very edge: a projector's overscan would cut a name that touches it
    bounds = QtCore.QRectF(edge, 0, c.width() - 2 * edge, c.height())
    if c.show_legend:
        bounds.setRight(c._legend_rect.left() - 2 * u)
    out = []
    # what every name keeps off: the same for all of them (worked out once)
    lines = [QtCore.QLineF(anchor, leader_end(anchor, rect)) for _, anchor, rect in lay.labels + lay.inset_labels]
    lines += [z.leader for z in lay.zones if z.leader is not None]
    # the lines from the focus on the organ (the section mark) to the inset, and the focus's own edges: a name struck
    # through is hard to read, so it moves off them, but only a little up or down (else it stays where it is: a name
    # moved away from its part names the next one)
    guides = c.connectors()
    focus = c._focus_scene_rect() if f.inset is not None else None
    if focus is not None:
        guides += [QtCore.QLineF(focus.topLeft(), focus.topRight()), QtCore.QLineF(focus.bottomLeft(), focus.bottomRight()),
                   QtCore.QLineF(focus.topLeft(), focus.bottomLeft()), QtCore.QLineF(focus.topRight(), focus.bottomRight())]
    zone_boxes = [z.box for z in lay.zones]
    frame_box = [c._inset_rect.adjusted(-8 * u, -8 * u, 8 * u, 8 * u)] if f.inset is not None else []
    for key, x, y in f.names:
        text = label_text(s, key)
        pt = c.main_vb.childGroup.mapToScene(QtCore.QPointF(x, y * a))
        w, h = fm.horizontalAdvance(text) + 8 * u, fm.height() + 2 * u
        r = QtCore.QRectF(pt.x() - w / 2, pt.y() - h / 2, w, h)
        if key in NAMES_FROM_LEFT:  # written rightwards from the point beside its part, whatever its length
            r.moveLeft(pt.x())
        r.moveLeft(min(max(r.left(), bounds.left()), bounds.right() - w))
        r.moveTop(min(max(r.top(), bounds.top()), bounds.bottom() - h))
        # clear of the section inset's frame too (a name on it reads as part of the close-up)
        taken = blocked + [o[2] for o in out] + zone_boxes + frame_box
        twin = sum(k == key for k, _, _ in f.names) > 1  # a paired bone's name never drifts onto its twin
        r = free_spot(r, taken, bounds, h * 0.6, 12, lines, max(w, 90 * u) if twin else float("inf"), 2 * u if twin else 0.0)
        if any(segment_hits(ln.p1(), ln.p2(), r, 0.0) for ln in guides):  # struck through: a nudge up or down only,
            r = free_spot(r, taken, bounds, h * 0.6, 2, lines + guides, 0.0)  # two steps at most (no reach sideways:
            # it would drift onto the next bone)
        out.append((key, text, r))
    return out
