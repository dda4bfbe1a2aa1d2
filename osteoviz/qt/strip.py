"""A textbook strip: every phase of a process as one multi-panel figure, each panel with its age and labels."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from ..atomic import atomic_path
from ..content import format_age, process_content, strings
from ..model import registry
from ..model.kinds import Tissue
from .export_picture import PictureOptions, picture_format
from .headless import frame_for, offscreen_canvas, picture_metadata
from .labels import text_size, wrap_text
from .overlay import label_text

PANEL_ASPECT = 16 / 10  # width / height a panel is best at (organ above or beside its inset)
PANEL_ASPECT_OF = {"fracture": 1.1}  # a long shaft over its inset: taller panels let both grow
ONE_SCALE = ("fracture",)  # every panel's organ at one scale (a band for names kept in each, named or not)
MAX_PANEL_LABELS = {"fracture": 5, "endochondral": 5}  # names on organ and inset together: more cross their leaders round a small organ
RECALL_OF = ("fracture",)  # strips whose bare panels name again what their phase's summary names
RECALL = 3  # a panel with nothing new names again up to this many structures its phase's summary names
ORIENTATION = ("proximal", "distal", "anterior", "posterior")  # named in every panel
ZONE_PX_STRIP = {"endochondral": 24, "intramembranous": 23, "fracture": 24}  # 23: 14 px in a 1080p panel  # zone-name size (before scaling) in a panel, where the default reads too small
ZONE_SHARE = {"intramembranous": 0.25}  # a column of layer names beside a wide panel's section: each name on one line
ZONE_PX_MIN = 19  # ... made smaller (to this at least) only where a zone name would reach past its panel
NAME_ON_BONE = 0.1  # a name whose box lies more than this share on bone hides it (small panels): left out
BONE_KINDS = (Tissue.BONE, Tissue.OSTEOID, Tissue.COMPACT, Tissue.BONE_SPICULE, Tissue.TRABECULAR)
NAME_CLEAR_PX = 8  # ... or lies closer to it than this (at 1080 p)
TOO_SMALL_IN_STRIP = {"erythrocyte"}  # cells whose glyph a strip panel draws too small to point at
MAX_NEW_LABELS = 6  # a panel names at most this many new structures on its organ; more crowd a small organ
SHARED = ("endochondral",)  # panels whose organ and inset share the height as each needs (organ_share below)
ORGAN_SHARES = tuple(round(0.18 + 0.02 * i, 2) for i in range(23))  # organ band's share of a panel's height, tried
ORGAN_MIN = 0.5  # ... the organ at least this share of the panel's width (a 140-px fetal femur names nothing) ...
INSET_MIN_PX = 200  # ... while the inset keeps at least this width (at 1080 p): its cells stay readable


def _recalled(frame, raw, summary: str, label_of) -> object:
    """A panel left with no name at all: the structures its phase's summary names (by their label's words, before
    any bracket), named again, so every panel says what is new in it (bridging woven bone, osteoclasts ...)."""
    if frame.labels or frame.inset_labels or frame.inset_zones or not summary:
        return frame
    text = " ".join(summary.lower().split())

    def named(key):
        words = label_of(key).split("(")[0].strip().lower()
        return len(words) > 3 and words in text

    picked = [lab for lab in raw.inset_labels if named(lab[0])][:RECALL]  # the cells first: the summary's actors
    keys = {lab[0] for lab in picked}
    organ = [lab for lab in raw.labels if named(lab[0]) and lab[0] not in keys][:max(RECALL - len(picked), 1)]
    return replace(frame, labels=tuple(organ), inset_labels=tuple(picked))


def _quieter_later(frames: list, n: int, zones: set[str], seen: set[str], drawn: set[str]) -> bool:
    """Whether a later panel shows the same zones and has fewer new names than panel n draws (`drawn`): a plate's
    zone names go under its larger inset there, not round a small one crowded with other names."""
    for g in frames[n + 1:]:
        if {z[0] for z in g.inset_zones} == zones:
            return len({k for k, *_ in g.labels + g.inset_labels} - seen - drawn) < len(drawn)
    return False


def unseen_dropped(frame):
    """The frame without the inset labels of cells too small to see in a strip's panel (a red cell is ~2 px there:
    its ring would hold only speckle)."""
    return replace(frame, inset_labels=tuple(lab for lab in frame.inset_labels if lab[0] not in TOO_SMALL_IN_STRIP))


def first_mentions(frames: list, max_labels: int | None = None, summaries=None, label_of=None,
                   defer_zones: bool = False) -> list:
    """The frames as a textbook strip labels them: each structure named where it first appears, zones by their
    brackets alone (in the first panel that shows them), orientation in every panel; later panels keep organ and
    inset large instead of repeating names. max_labels: names on organ and inset together in one panel (what a
    later panel shows is named there); summaries: each phase's summary, whose structures a panel with nothing new
    names again (label_of: a key's label text); defer_zones: a panel crowded with names leaves its zones' brackets
    to a later, quieter panel that shows the same zones."""
    seen: set[str] = set()
    bracketed: set[str] = set()
    out = []
    for n, f in enumerate(frames):
        zones = {z[0] for z in f.inset_zones}
        labels = tuple(lab for i, lab in enumerate(f.labels)  # once per panel too (two centres: one label)
                       if lab[0] not in seen and lab[0] not in {k for k, *_ in f.labels[:i]})
        labels = tuple(lab for lab in labels if lab[0] not in zones)  # named by the inset's bracket: its label
        # columns beside a small vault would only narrow the section
        if len(labels) > MAX_NEW_LABELS:  # too many for one small organ: what the next panel shows is named there
            later = {k for k, *_ in frames[n + 1].labels} if n + 1 < len(frames) else set()
            labels = tuple(lab for lab in labels if lab[0] not in later)[:MAX_NEW_LABELS]
        inset = tuple(lab for lab in f.inset_labels if lab[0] not in seen | zones | {k for k, *_ in labels})
        if max_labels is not None and len(labels) + len(inset) > max_labels:  # the later panels name the rest
            later = {k for g in frames[n + 1:] for k, *_ in g.labels + g.inset_labels}
            for key in [k for k, *_ in reversed(labels + inset) if k in later]:
                if len(labels) + len(inset) <= max_labels:
                    break
                labels = tuple(lab for lab in labels if lab[0] != key)
                inset = tuple(lab for lab in inset if lab[0] != key)
        drawn = {k for k, *_ in labels + inset}
        names = tuple(n for n in f.names if n[0] in ORIENTATION or n[0] not in seen)
        deferred = {k for k, *_ in f.labels + f.inset_labels} - drawn - seen
        seen |= ({lab[0] for lab in f.labels + f.inset_labels + f.names} - deferred) | zones
        inset_zones = () if zones <= bracketed else f.inset_zones  # the zones bracketed once, where they first show
        if inset_zones and defer_zones and _quieter_later(frames, n, zones, seen, drawn):
            inset_zones, zones = (), set()  # ... or in a later, quieter panel showing them: not in a crowded one
        bracketed |= zones
        g = replace(f, labels=labels, inset_labels=inset, names=names, inset_zones=inset_zones)
        if summaries is not None and label_of is not None:
            g = _recalled(g, f, summaries[n], label_of)
        out.append(g)
    return out


def _stray_names(canvas, frame, placed) -> set[str]:
    """Part names the layout had to push further than about a name's height from their part (a small organ in a
    panel): a name scattered away from the bone names nothing, so the panel leaves it out (orientation stays)."""
    from ..model.structures import NAMES_FROM_LEFT

    where = {k: (x, y) for k, x, y in frame.names}
    out = set()
    for key, _text, r in placed:
        if key in ORIENTATION or key not in where:
            continue
        x, y = where[key]
        pt = canvas.main_vb.childGroup.mapToScene(QtCore.QPointF(x, y * frame.main.aspect))
        ref = QtCore.QPointF(r.left(), r.center().y()) if key in NAMES_FROM_LEFT else r.center()
        if math.hypot(ref.x() - pt.x(), ref.y() - pt.y()) > 1.2 * r.height():
            out.add(key)
    return out


def grid(n: int, width: float, height: float, aspect: float = PANEL_ASPECT) -> tuple[int, int]:
    """(columns, rows) for n panels in width x height that makes the panels largest at about `aspect`."""
    best, best_size = (n, 1), -1.0
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        w, h = width / cols, height / rows
        size = min(w, h * aspect)
        if size > best_size + 1e-9:
            best, best_size = (cols, rows), size
    return best


def row_counts(n: int, rows: int) -> list[int]:
    """Panels per row, as even as can be (the first rows take one more): no row left two-thirds empty."""
    return [n // rows + (1 if r < n % rows else 0) for r in range(rows)]


def panel_rects(n: int, area: QtCore.QRectF, gap: float, aspect: float = PANEL_ASPECT) -> list[QtCore.QRectF]:
    """n panel rectangles filling the area: rows from `grid`, each row's panels sharing its whole width."""
    cols, rows = grid(n, area.width(), area.height(), aspect)
    ph = area.height() / rows
    out, i = [], 0
    for r, k in enumerate(row_counts(n, rows)):
        pw = area.width() / k
        for j in range(k):  # whole pixels: crisp frames
            out.append(QtCore.QRectF(QtCore.QRect(round(area.left() + j * pw), round(area.top() + r * ph), int(pw - gap), int(ph - gap))))
            i += 1
    return out


def names_on_bone(canvas, names, share: float = NAME_ON_BONE) -> set[tuple]:
    """The frame's name entries (key, x, y) whose box lies on another bone of the organ picture (more than `share`
    of the box, or a few sites: a whole young centre)."""
    from ..model.vault import BONES, bone_of
    from ..model.vault_top import SPAN

    f = canvas.frame
    organ = canvas.organ_scene_rect()
    rows, cols = f.main.tissue.shape
    yy, xx = np.mgrid[0:rows, 0:cols]
    own = bone_of((xx - (cols - 1) / 2) / ((cols - 1) / 2) * SPAN, (yy - (rows - 1) / 2) / ((rows - 1) / 2) * SPAN)
    owner_key = np.array([b[0].split("_")[0] for b in BONES])[own]
    out = set()
    pad = NAME_CLEAR_PX * canvas._ui()  # a box right beside another bone's centre reads as naming it too
    for key, _text, r in names:
        if key in ORIENTATION:
            continue
        r = r.adjusted(-pad, -pad, pad, pad)
        bone = np.isin(f.main.tissue, BONE_KINDS) & (owner_key != key)
        x0, x1 = (int(np.clip((v - organ.left()) / organ.width() * cols, 0, cols)) for v in (r.left(), r.right()))
        y0, y1 = (int(np.clip((v - organ.top()) / organ.height() * rows, 0, rows)) for v in (r.top(), r.bottom()))
        if x1 > x0 and y1 > y0 and (bone[y0:y1, x0:x1].mean() > share or bone[y0:y1, x0:x1].sum() >= 4):
            c = r.center()  # the frame's entry this box was placed for: same key, nearest anchor
            mine = [n for n in f.names if n[0] == key]
            out.add(min(mine, key=lambda n: abs(organ.left() + n[1] / cols * organ.width() - c.x())
                        + abs(organ.top() + n[2] / rows * organ.height() - c.y())))
    return out


def rows_per_px(canvas) -> float:
    """Main-layer rows per scene pixel of the organ picture."""
    return canvas.frame.main.tissue.shape[0] / max(canvas.organ_scene_rect().height(), 1.0)


def orientation_on_organ(canvas, names) -> set[str]:
    """The orientation words (anterior, posterior ...) written on the organ: the centre of their box on its tissue
    (a marker on the bone reads as naming it; an oval vault's edge may touch a box's corners)."""
    f = canvas.frame
    organ = canvas.organ_scene_rect()
    rows, cols = f.main.tissue.shape
    out = set()
    for key, _text, r in names:
        c = r.center()
        x, y = int((c.x() - organ.left()) / organ.width() * cols), int((c.y() - organ.top()) / organ.height() * rows)
        if key in ORIENTATION and 0 <= x < cols and 0 <= y < rows and f.main.tissue[y, x] != Tissue.BACKGROUND:
            out.add(key)
    return out


class Strip:
    """Lays out and paints the figure: a heading, one framed panel per phase, one legend for all of them."""

    def __init__(self, process: str, opts: PictureOptions):
        self.process, self.opts = process, opts
        self.specs = registry.get(process).phases
        self.canvas = offscreen_canvas(opts.profile, opts.lang)
        self.u = max(0.55, min(opts.width / 1920.0, opts.height / 1080.0))
        self.raw = [unseen_dropped(frame_for(process, spec.representative_day, True)) for spec in self.specs]
        content, s = process_content(process, opts.lang), strings(opts.lang)
        recall = process in RECALL_OF  # (the skull strip names each structure once: a bare panel is rare there)
        self.frames = first_mentions(self.raw, MAX_PANEL_LABELS.get(process),
                                     [content.phase(spec.id).summary for spec in self.specs] if recall else None,
                                     lambda k: label_text(s, k), process in SHARED)
        w, h, u = opts.width, opts.height, self.u
        margin = 16 * u
        self.head_h = (64 * u) if opts.caption else margin
        legend_w = min(300 * u, 0.2 * w) if opts.legend else 0.0
        self.legend_rect = QtCore.QRectF(w - legend_w - margin * 0.5, self.head_h, legend_w, h - self.head_h - margin)
        area = QtCore.QRectF(margin, self.head_h, w - 2 * margin - legend_w, h - self.head_h - margin)
        self.panels = panel_rects(len(self.specs), area, 8 * u, PANEL_ASPECT_OF.get(process, PANEL_ASPECT))

    def _font(self, px: float, bold: bool = False) -> QtGui.QFont:
        return self.canvas._font(px, bold)

    def paint(self, p: QtGui.QPainter) -> list[dict]:
        """Draw the whole figure; returns what each panel shows (phase, age, where) for the file's metadata."""
        opts, u, canvas = self.opts, self.u, self.canvas
        prof = canvas.profile
        s = strings(opts.lang)
        content = process_content(self.process, opts.lang)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        if opts.caption:
            p.setPen(QtGui.QColor(prof.text))
            head = f"{content.title} — {content.subtitle}"
            room = self.opts.width - 32 * u
            for px in (30, 27, 24, 21, 19):  # a long subtitle: a smaller title rather than one cut at the edge
                p.setFont(self._font(px * u, True))
                fm = QtGui.QFontMetricsF(p.font())
                if fm.horizontalAdvance(head) <= room:
                    break
            if fm.horizontalAdvance(head) > room:
                head = content.title  # still too long: the process's name alone
            p.drawText(QtCore.QPointF(16 * u, 10 * u + fm.ascent()), head)
            p.setPen(QtGui.QColor(prof.muted_text))
            p.setFont(self._font(17 * u))
            fm2 = QtGui.QFontMetricsF(p.font())
            spec = registry.get(self.process)
            note = s("strip.note", clock=spec.clock.footnote(spec.start_day, s))  # the process's own clock
            p.drawText(QtCore.QPointF(16 * u, 10 * u + fm.height() + fm2.ascent()), note)
        canvas.show_caption, canvas.show_legend, canvas.show_scale = False, False, opts.scale_bar
        canvas.show_labels = True
        canvas.compact = True
        canvas.keep_band = self.process in ONE_SCALE  # one organ scale in every panel
        # the femur's zone names under its plate insets: large enough to read in a hall (>= 14 px at 1080p)
        canvas.zone_px = ZONE_PX_STRIP.get(self.process)
        canvas.zone_share = ZONE_SHARE.get(self.process, 0.0)
        canvas.set_transparent(opts.transparent)
        text_scale = canvas.text_scale
        panels = []
        carry: set[str] = set()  # names a panel had no room for, given to the next panel that shows them
        try:
            for i, (spec, frame, rect) in enumerate(zip(self.specs, self.frames, self.panels)):
                if carry:
                    have = {k for k, *_ in frame.labels + frame.inset_labels}
                    frame = replace(frame, labels=frame.labels + tuple(
                        lab for lab in self.raw[i].labels if lab[0] in carry - have and not have.add(lab[0])),
                        names=frame.names + tuple(n for n in self.raw[i].names if n[0] in carry - have
                                                  and n[0] not in {k for k, *_ in frame.names}))
                canvas.zone_px = ZONE_PX_STRIP.get(self.process)  # each panel starts at the strip's size
                panel, dropped, drawn = self._panel(p, i, spec, frame, rect, s, content)
                panels.append(panel)
                carry = (carry - drawn) | dropped
        finally:
            canvas.show_caption = canvas.show_legend = canvas.show_scale = True
            canvas.show_labels = canvas.compact = canvas.keep_band = False
            canvas.zone_px = canvas.organ_share = None
            canvas.zone_share = 0.0
            canvas.text_scale = text_scale
            canvas.set_transparent(False)
            canvas._key = None
        if opts.legend:
            self._legend(p)
        return panels

    def _panel(self, p, i, spec, frame, rect, s, content) -> dict:
        u, canvas, prof = self.u, self.canvas, self.canvas.profile
        age, ga = format_age(spec.representative_day, self.opts.lang, registry.get(self.process).clock)
        title = content.phase(spec.id).title
        head = self._font(18 * u, True)
        fm = QtGui.QFontMetricsF(head)
        letter = chr(ord("A") + i) if i < 26 else str(i + 1)
        line = f"{letter}  {age}" + (f" ({ga})" if ga else "") + f" · {title}"
        line = wrap_text(fm, line, rect.width() - 12 * u, 2)  # a long title on two lines, never cut
        # every panel's heading as tall as the tallest: the same picture height, so one organ scale throughout
        head_h = text_size(fm, line)[1] + 8 * u
        if self.process in ONE_SCALE:
            head_h = max(self._head_heights(fm, rect.width() - 12 * u, content)) + 8 * u
        p.setPen(QtGui.QColor(prof.text))
        p.setFont(head)
        p.drawText(QtCore.QRectF(rect.left() + 6 * u, rect.top() + 2 * u, rect.width() - 12 * u, head_h),
                   QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter, line)
        body = QtCore.QRectF(rect.left(), rect.top() + head_h, rect.width(), rect.height() - head_h)
        # a panel is drawn as a small picture of its own: the canvas lays organ, inset and labels out for it
        canvas.text_scale = self._panel_text_scale(body)
        w, h = max(int(body.width()), 64), max(int(body.height()), 64)
        img, dropped, drawn = self._fitted(frame, w, h)
        p.drawImage(body.topLeft(), img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        p.setPen(QtGui.QPen(QtGui.QColor(prof.frame), max(1, round(1.2 * u))))
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.drawRect(rect.toRect())
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        return {"phase": spec.id, "age": age + (f" ({ga})" if ga else ""), "day": round(spec.representative_day, 2),
                "rect": [round(rect.left()), round(rect.top()), round(rect.width()), round(rect.height())]}, dropped, drawn

    def _head_heights(self, fm, room: float, content) -> list[float]:
        """The heights of every panel's heading (one or two lines) wrapped into `room`."""
        clock = registry.get(self.process).clock
        out = []
        for i, spec in enumerate(self.specs):
            age, ga = format_age(spec.representative_day, self.opts.lang, clock)
            letter = chr(ord("A") + i) if i < 26 else str(i + 1)
            line = f"{letter}  {age}" + (f" ({ga})" if ga else "") + f" · {content.phase(spec.id).title}"
            out.append(text_size(fm, wrap_text(fm, line, room, 2))[1])
        return out

    def _organ_share(self, frame, w: int, h: int) -> float | None:
        """The share of the panel's height the organ's band takes: the smallest that draws the organ across half the
        panel while the inset stays INSET_MIN_PX wide; else the largest that keeps the inset so wide (a short fetal
        femur grows, a crowded plate inset keeps its room); None: the canvas's own layout."""
        if self.process not in SHARED or frame.inset is None:
            return None
        canvas = self.canvas
        rows, cols = frame.main.tissue.shape
        ratio = cols / (rows * frame.main.aspect)
        fits = []
        for share in ORGAN_SHARES:
            canvas.organ_share = share
            canvas.frame = frame
            canvas._key = None
            canvas.prepare(w, h)
            m, ins = canvas._main_rect, canvas._inset_rect
            fits.append((share, min(m.width(), m.height() * ratio), ins.width()))
        inset_min = INSET_MIN_PX * self.u
        ok = [f for f in fits if f[2] >= inset_min]
        if not ok:
            return max(fits, key=lambda f: f[2])[0]
        long_enough = [f for f in ok if f[1] >= ORGAN_MIN * w]
        return (long_enough[0] if long_enough else ok[-1])[0]

    def _fitted(self, frame, w: int, h: int):
        """The panel's picture with every label inside it: labels that would be cut off at the panel's edge are
        left out (a long language can need more room than the panel has); returns (image, keys left out, drawn)."""
        canvas, bounds = self.canvas, QtCore.QRectF(0, 0, w, h)
        canvas.organ_share = self._organ_share(frame, w, h)
        # orientation first: it takes its place off the vault's edge, a bone's name moves round it (B: 'anterior'
        # was pushed onto the vault between the two frontal names)
        frame = replace(frame, names=tuple(sorted(frame.names, key=lambda n: n[0] not in ORIENTATION)))
        dropped: set[str] = set()
        moved = 0
        while True:
            canvas.frame = frame
            canvas._key = None
            img = canvas.render_image(w, h)
            lay = canvas.overlay()
            out = {k for k, _, r in lay.labels + lay.inset_labels if not bounds.contains(r)}
            drawn = {k for k, *_ in frame.labels + frame.inset_labels + frame.names}
            covering = names_on_bone(canvas, lay.names) if self.process == "intramembranous" else set()
            on_organ = orientation_on_organ(canvas, lay.names) if self.process == "intramembranous" else set()
            if on_organ and moved < 4:  # a label took its place off the vault: its anchor a name's height further out
                moved += 1
                step = 2.0 * rows_per_px(canvas) * lay.names[0][2].height()
                frame = replace(frame, names=tuple(
                    (k, x, y - step if y < frame.main.tissue.shape[0] / 2 else y + step) if k in on_organ else (k, x, y)
                    for k, x, y in frame.names))
                continue
            if covering:  # a small panel's vault: a bone's name pushed onto another bone is left out (named later)
                frame = replace(frame, names=tuple(n for n in frame.names if n not in covering))
                dropped |= {n[0] for n in covering} - {n[0] for n in frame.names}
                continue
            # part names pushed away from a small organ (the vault's bone names are placed by names_on_bone above)
            stray = _stray_names(canvas, frame, lay.names) if self.process != "intramembranous" else set()
            if not out and not stray:
                if self._zones_cut(lay, w, h) and canvas.zone_px and canvas.zone_px > ZONE_PX_MIN:
                    canvas.zone_px -= 2  # a zone name reaching past the panel's edge: a size smaller, never cut
                    canvas._overlay = None  # (the overlay's cache does not know the zone size)
                    continue
                return img, dropped, drawn
            dropped |= out
            frame = replace(frame, labels=tuple(x for x in frame.labels if x[0] not in out),
                            inset_labels=tuple(x for x in frame.inset_labels if x[0] not in out),
                            names=tuple(n for n in frame.names if n[0] not in stray))

    def _zones_cut(self, lay, w: int, h: int) -> bool:
        """Whether a zone name of the layout reaches past the panel's picture (w x h)."""
        canvas = self.canvas
        zfm = QtGui.QFontMetricsF(canvas._font(canvas.ZONE_PX * canvas._ui()))
        for z in lay.zones:
            tw, th = text_size(zfm, z.text)
            edge = 4 * canvas._ui()  # clear of the panel's frame
            if max(z.box.left() + tw, z.box.right()) > w - edge or z.box.bottom() > h - 1 or z.box.left() < 0:
                return True
        return False

    def _panel_text_scale(self, body: QtCore.QRectF) -> float:
        """Text in a panel as large as in the figure's heading (the canvas would shrink it to the panel)."""
        panel_u = max(0.55, min(body.width() / 1920.0, body.height() / 1080.0))
        return max(0.8, min(2.6, self.u * 0.6 / panel_u))  # 4k: as large on the slide as at 1080p

    def _legend(self, p) -> None:
        """One legend for the figure: every tissue and cell drawn in any panel."""
        canvas = self.canvas
        organ, detail, cells = set(), set(), set()
        for frame in self.frames:
            o, d, c = canvas._legend_parts(frame)
            organ |= set(o)
            detail |= set(d)
            cells |= set(c)
        detail -= organ
        canvas.frame = self.frames[-1]
        canvas._paint_legend(p, self.u, (sorted(organ), sorted(detail), sorted(cells)), self.legend_rect)


def export_strip(process: str, path: Path, opts: PictureOptions, command: str = "", force: bool = False) -> Path:
    """Write the strip of all phases of a process (PNG, JPEG or SVG), atomically."""
    path = Path(path)
    fmt = picture_format(path)
    strip = Strip(process, opts)
    canvas = strip.canvas
    background = QtGui.QColor(0, 0, 0, 0) if opts.transparent else QtGui.QColor(canvas.profile.background)
    with atomic_path(path, force) as tmp:
        if fmt == "SVG":
            gen = QtSvg.QSvgGenerator()
            gen.setFileName(str(tmp))
            gen.setSize(QtCore.QSize(opts.width, opts.height))
            gen.setViewBox(QtCore.QRect(0, 0, opts.width, opts.height))
            p = QtGui.QPainter(gen)
            try:
                p.fillRect(QtCore.QRectF(0, 0, opts.width, opts.height), background)
                panels = strip.paint(p)
            finally:
                p.end()
            return path
        img = QtGui.QImage(opts.width, opts.height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(background)
        p = QtGui.QPainter(img)
        try:
            panels = strip.paint(p)
        finally:
            p.end()
        canvas.frame = strip.frames[0]
        meta = picture_metadata(canvas, command)
        meta.pop("osteoviz:time_days", None)
        meta["osteoviz:age"] = ", ".join(panel["age"] for panel in panels)
        meta["osteoviz:phase"] = "all"
        meta["osteoviz:strip"] = json.dumps(panels)
        meta["osteoviz:options"] = json.dumps(dict(opts.__dict__))
        if fmt == "JPEG":
            img = img.convertToFormat(QtGui.QImage.Format.Format_RGB32)
        for k, v in meta.items():
            img.setText(k, v)
        if not img.save(str(tmp), fmt, 92 if fmt == "JPEG" else -1):
            raise OSError(strings()("export.encode_failed", path=path))
    return path


def strip_from_cli(args, opts: PictureOptions, out: Path, command: str) -> int:
    """`osteoviz render --strip`: every phase in one figure (no --time, no --phases)."""
    s = strings()
    if args.time or args.phases:
        raise ValueError(s("cli.strip_alone"))
    export_strip(args.process, out, opts, command, args.force)
    print(s("cli.wrote", path=out))
    return 0


def strip_action(window, s) -> QtGui.QAction:
    """File → Export strip…: the current process, profile and language as a 2560 x 1440 figure."""
    action = QtGui.QAction(s("action.export_strip"), window)

    def run():
        lang = window.lang
        name = f"osteoviz-{window.clock.process}-strip.png"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(window, s("action.export_strip"), name, "PNG (*.png);;JPEG (*.jpg);;SVG (*.svg)")
        if not path:
            return
        opts = PictureOptions(width=2560, height=1440, profile=window.canvas.profile.name, lang=lang, labels=True)
        try:
            export_strip(window.clock.process, Path(path), opts, force=True)  # the dialog asked about overwriting
        except (ValueError, OSError) as exc:
            window.tell_error(str(exc))
            return
        window.tell_done(Path(path))

    action.triggered.connect(run)
    window.strip_action = action
    return action

