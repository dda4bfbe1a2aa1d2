"""Skeleton map widget: the whole skeleton coloured by embryonic origin or mechanism, ossifying on the app's clock.

Public API (kept small for the main window and the CLI):

    view = SkeletonView(lang="en", profile="screen", colour_by="origin")
    view.set_day(day)              # days after fertilisation (osteoviz.model.clock), redraws
    view.set_language("nl")        # "en" or "nl": names, legend, hover text
    view.set_profile("projector")  # colour profile: screen, projector, colourblind
    view.set_colour_by("mechanism")  # "origin" or "mechanism"
    view.render_image(w, h) -> QImage  # headless picture of the current state, exactly w x h
    view.bone_at(QPointF) -> str | None  # bone id under a widget position
    view.bone_point(bone_id, w, h) -> QPointF  # a point inside a drawn bone, in a w x h picture
    view.hover_text(bone_id) -> str   # name, origin, mechanism, onset, secondary centres, sources (as the tooltip)
    view.picture_metadata(command) -> dict  # PNG text chunks (day, age, colour_by, profile, language, ...)
    view.view_transform(view_name, w, h) -> QTransform  # drawing units -> pixels; views: "front", "skull_side",
                                                        # and the zooms "hand" and "foot" (parts of the front view)

Signals:
    boneHovered(str bone_id, str text)  # "" and "" when the pointer leaves all bones
    boneClicked(str bone_id)
    openProcess(str process_id, float day)  # femur -> "endochondral", vault bones -> "intramembranous",
                                            # day = the bone's primary-centre onset

With its origin/mechanism switch: osteoviz.qt.skeletonpanel.SkeletonPanel (same set_* methods, .view for signals).
Side panel page: osteoviz.qt.aboutskeleton.about_skeleton_html(profile, lang, text_px).
Data: osteoviz.model.skeleton.load_bones() (bones.json, state_at(day)); prose: osteoviz.skeletoncontent
(skeleton_text(lang): names, legend, hover text, About page, and .stops = presenter stops with speaker notes).

Headless: save_skeleton_picture(path, day, width, height, colour_by, profile, lang, force, command) for the CLI;
demo: python -m osteoviz.qt.skeletonview --day 20w -o out.png [--colour-by mechanism] [--profile projector]
      [--lang nl] [--size 1600x900] [--force]
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import NamedTuple

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..colours import PROFILES, load_profile
from ..content import format_age
from ..model.skeleton import SkeletonState, load_bones
from ..skeletoncontent import hover_lines, skeleton_text
from .skeletonshapes import PATTERNS, View, load_drawing, load_skeleton_palette

COLOUR_BY = ("origin", "mechanism")


class PlacedLabel(NamedTuple):
    """A bone's name written beside a drawing, with a leader line from `end` to `anchor` on the bone."""

    bone: str
    text: str
    rect: QtCore.QRectF
    anchor: QtCore.QPointF
    end: QtCore.QPointF
    px: int
# Schematic only: after its onset a bone's ossified area spreads from the centre of the drawn bone
# and fills it within this many days (long-bone shafts are ossified by about week 12).
SPREAD_DAYS = 42.0
# A secondary centre grows from this fraction of its epiphysis radius to 0.9 by the time it fuses.
CENTRE_START = 0.5


def _qc(hex_colour: str, alpha: int = 255) -> QtGui.QColor:
    c = QtGui.QColor(hex_colour)
    c.setAlpha(alpha)
    return c


class SkeletonView(QtWidgets.QWidget):
    """Front view of the skeleton plus a skull side view and a legend; hover and click on bones."""

    boneHovered = QtCore.Signal(str, str)
    boneClicked = QtCore.Signal(str)
    openProcess = QtCore.Signal(str, float)

    def __init__(self, lang: str = "en", profile: str = "screen", colour_by: str = "origin", parent=None):
        super().__init__(parent)
        self.data = load_bones()
        self.views = load_drawing()
        self.lang = lang
        self.colour_by = "origin"
        self.set_colour_by(colour_by)
        self.profile = load_profile(profile)
        self.palette_ = load_skeleton_palette(profile)
        self.day = 20 * 7.0
        self.state: SkeletonState = self.data.state_at(self.day)
        self._quantise()
        self._layer: QtGui.QImage | None = None
        self._layer_key = None
        self.hovered: str | None = None
        self._parts = {name: self._bone_parts(v) for name, v in self.views.items()}
        self._pieces = {name: self._bone_pieces(v) for name, v in self.views.items()}
        self.setMouseTracking(True)
        self.setMinimumSize(480, 320)

    # ---- public API ------------------------------------------------------------------------
    def set_day(self, day: float) -> None:
        self.day = float(day)
        self.state = self.data.state_at(self.day)
        self._quantise()
        self.update()

    def _quantise(self) -> None:
        """What the drawing shows at this day, in steps: how far each bone's ossified area has spread (60 steps)
        and how big each secondary centre is (40 steps). Frames with the same steps are drawn from a cache."""
        d = self.data
        self._spread_k = np.round(np.clip((self.day - d.onset) / SPREAD_DAYS, 0.0, 1.0) * 60) / 60
        span = np.where(np.isfinite(d.centre_fuse), d.centre_fuse - d.centre_appear, 5 * 365.25)
        self._centre_g = np.round(np.clip((self.day - d.centre_appear) / span, 0.0, 1.0) * 40) / 40

    def set_language(self, lang: str) -> None:
        skeleton_text(lang)  # fail early on a bad content file
        self.lang = lang
        self.update()

    def set_profile(self, name: str) -> None:
        self.profile = load_profile(name)
        self.palette_ = load_skeleton_palette(name)
        self.update()

    def set_colour_by(self, mode: str) -> None:
        if mode not in COLOUR_BY:
            raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}, not {mode!r}")
        self.colour_by = mode
        self.update()

    def render_image(self, width: int, height: int) -> QtGui.QImage:
        """Draw the current state at exactly width x height pixels (not a grab of the window)."""
        img = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtGui.QColor(self.profile.background))
        painter = QtGui.QPainter(img)
        try:
            self.paint_to(painter, width, height, hovered=None)
        finally:
            painter.end()
        return img

    def bone_at(self, pos: QtCore.QPointF, width: int | None = None, height: int | None = None) -> str | None:
        """The bone drawn at a position (widget pixels, or a width x height picture); topmost wins."""
        w, h = (width, height) if width else (self.width(), self.height())
        for name, view in self.views.items():
            t = self.view_transform(name, w, h)
            inv, ok = t.inverted()
            if not ok or not t.mapRect(view.viewbox).contains(QtCore.QPointF(pos)):
                continue
            p = inv.map(QtCore.QPointF(pos))
            for kind, bone_id, path in reversed(view.layers):
                if kind == "hole" and path.contains(p):
                    break
                if kind == "bone" and path.contains(p):
                    return bone_id
        return None

    def bone_point(self, bone_id: str, width: int, height: int, view: str = "front", part: int = 0) -> QtCore.QPointF:
        """A point well inside a drawn bone (part 0: the person's left side for paired bones) in a picture."""
        rect = self._parts[view][bone_id][part]
        path = self.views[view].bone_paths[bone_id]
        best, best_d = None, math.inf
        c = rect.center()
        for fx in np.linspace(0.05, 0.95, 19):
            for fy in np.linspace(0.05, 0.95, 19):
                q = QtCore.QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
                d = math.hypot(q.x() - c.x(), q.y() - c.y())
                if d < best_d and path.contains(q) and self._topmost(view, q) == bone_id:
                    best, best_d = q, d
        if best is None:
            raise KeyError(f"{bone_id} is not visible in the {view} view")
        return self.view_transform(view, width, height).map(best)

    def bone_samples(self, bone_id: str, width: int, height: int, view: str = "front", n: int = 24) -> list[QtCore.QPointF]:
        """Points on an n x n grid over a bone where it is the topmost shape, in a width x height picture."""
        t = self.view_transform(view, width, height)
        out = []
        for rect in self._parts[view][bone_id]:
            for fx in np.linspace(0.02, 0.98, n):
                for fy in np.linspace(0.02, 0.98, n):
                    q = QtCore.QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
                    if self._topmost(view, q) == bone_id:
                        out.append(t.map(q))
        return out

    def label_layout(self, width: int, height: int, view: str = "skull_side") -> list[PlacedLabel]:
        """Name labels of a view (skull_side, hand, foot) in a picture; empty when they would not fit apart."""
        v, txt, lay = self.views[view], skeleton_text(self.lang), self._layout(width, height)
        if not v.labels:
            return []
        t = self.view_transform(view, width, height)
        fs = self._font_px(width, height)
        font = QtGui.QFont()
        font.setPixelSize(max(1, round(fs * 0.85)))
        fm = QtGui.QFontMetricsF(font)
        m = 0.03 * min(width, height)
        room = {"left": lambda x: x - (lay[view].left() - m * 0.5), "right": lambda x: lay[view].right() + m * 0.5 - x}
        scale = 1.0
        for lab in v.labels:
            x = t.map(lab.text).x()
            need = fm.horizontalAdvance(txt.labels[lab.bone])
            scale = min(scale, max(0.1, room[lab.side](x)) / need)
        if scale < 0.6:  # no room beside the drawing (e.g. a very tall picture): names stay in the hover text
            return []
        px = max(1, int(fs * 0.85 * scale))
        font.setPixelSize(px)
        fm = QtGui.QFontMetricsF(font)
        out = []
        for lab in v.labels:
            text = txt.labels[lab.bone]
            p = t.map(lab.text)
            wdt, hgt = fm.horizontalAdvance(text), fm.height()
            left = p.x() - wdt if lab.side == "left" else p.x()
            rect = QtCore.QRectF(left, p.y() - hgt / 2, wdt, hgt)
            end = QtCore.QPointF(p.x() + (0.3 if lab.side == "left" else -0.3) * fs, p.y())
            out.append(PlacedLabel(lab.bone, text, rect, t.map(lab.anchor), end, px))
        rects = [o.rect for o in out]
        if any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:]):
            return []  # too cramped to write the names apart
        return out

    def picture_metadata(self, command: str = "") -> dict[str, str]:
        """Text chunks for an exported PNG: what is drawn, when, and how to make it again."""
        from .. import __version__

        age, ga = format_age(self.day, self.lang)
        started = [self.data.ids[i] for i in np.flatnonzero(self.state.status > 0)]
        return {
            "Software": f"osteoviz {__version__}",
            "osteoviz:version": __version__,
            "osteoviz:view": "skeleton",
            "osteoviz:time_days": f"{self.day:.2f}",
            "osteoviz:age": age + (f" ({ga})" if ga else ""),
            "osteoviz:colour_by": self.colour_by,
            "osteoviz:profile": self.profile.name,
            "osteoviz:language": self.lang,
            "osteoviz:ossifying": ",".join(started),
            "osteoviz:command": command,
        }

    def hover_text(self, bone_id: str) -> str:
        return "\n".join(hover_lines(self.data, self.data.bone(bone_id), self.day, self.lang))

    # ---- geometry --------------------------------------------------------------------------
    def _topmost(self, view: str, q: QtCore.QPointF) -> str | None:
        for kind, bone_id, path in reversed(self.views[view].layers):
            if path.contains(q):
                return bone_id if kind == "bone" else None
        return None

    @staticmethod
    def _bone_parts(view: View) -> dict[str, list[QtCore.QRectF]]:
        """Per bone, the bounding box of each separate piece (left and right copies are separate)."""
        parts: dict[str, list[QtCore.QRectF]] = {}
        for kind, bone_id, path in view.layers:
            if kind != "bone":
                continue
            polys = path.toFillPolygons()
            rects = [p.boundingRect() for p in polys]
            axis_side: dict[bool, QtCore.QRectF] = {}
            for r in rects:  # merge pieces on each side of the midline
                side = r.center().x() >= 50.0 if view.split else True
                axis_side[side] = axis_side[side].united(r) if side in axis_side else r
            ordered = [axis_side[s] for s in (True, False) if s in axis_side]
            parts.setdefault(bone_id, []).extend(ordered)
        return parts

    @staticmethod
    def _bone_pieces(view: View) -> dict[str, list[QtCore.QRectF]]:
        """Per bone, the bounding box of every separate shape (each rib, metacarpal, vertebra ossifies on its own)."""
        return {bone_id: [p.boundingRect() for p in path.toFillPolygons()] for bone_id, path in view.bone_paths.items()}

    def _layout(self, w: int, h: int) -> dict[str, QtCore.QRectF]:
        """Where each view and the legend go in a w x h picture (each view has a caption line above it)."""
        m = 0.03 * min(w, h)
        fs = self._font_px(w, h)
        cap = 1.6 * fs
        top = m + 3.5 * fs + cap
        content_h = h - top - m
        front_w = content_h * self.views["front"].viewbox.width() / self.views["front"].viewbox.height()
        front = QtCore.QRectF(m, top, front_w, content_h)
        right_x = front.right() + 2 * m
        if w - right_x > 1.25 * content_h:  # landscape: views in the middle, a legend column on the right
            legend_w = max(0.26 * w, 16 * fs)
            legend = QtCore.QRectF(w - m - legend_w, top - cap, legend_w, content_h + cap)
            mid_w = legend.left() - 2 * m - right_x
            skull = QtCore.QRectF(right_x, top, mid_w, content_h * 0.56)
            zoom_top = skull.bottom() + cap + 0.5 * fs
            zoom_h = h - m - zoom_top
        else:  # narrow: the skull on top, then the two zooms and the legend side by side
            mid_w = w - m - right_x
            skull = QtCore.QRectF(right_x, top, mid_w, content_h * 0.42)
            zoom_top = skull.bottom() + cap + 0.5 * fs
            zoom_h = h - m - zoom_top
            zoom_w = min(zoom_h * 0.6, mid_w * 0.22)
            hand = QtCore.QRectF(right_x, zoom_top, zoom_w, zoom_h)
            foot = QtCore.QRectF(hand.right() + m, zoom_top, zoom_w, zoom_h)
            legend = QtCore.QRectF(foot.right() + 1.5 * m, zoom_top - cap, w - m - foot.right() - 1.5 * m, zoom_h + cap)
            return {"front": front, "skull_side": skull, "hand": hand, "foot": foot, "legend": legend}
        half = (mid_w - 2 * m) / 2
        hand = QtCore.QRectF(right_x, zoom_top, half, zoom_h)
        foot = QtCore.QRectF(right_x + half + 2 * m, zoom_top, half, zoom_h)
        return {"front": front, "skull_side": skull, "hand": hand, "foot": foot, "legend": legend}

    @staticmethod
    def _font_px(w: int, h: int) -> float:
        return max(10.0, min(w, 1.8 * h) * 0.0135)

    def view_transform(self, view: str, w: int, h: int) -> QtGui.QTransform:
        target = self._layout(w, h)[view]
        vb = self.views[view].viewbox
        s = min(target.width() / vb.width(), target.height() / vb.height())
        spare = 0.0 if view in ("hand", "foot") else (target.width() - s * vb.width()) / 2  # zooms: labels to the right
        dx = target.left() + spare - s * vb.left()
        dy = target.top() + (target.height() - s * vb.height()) / 2 - s * vb.top()
        return QtGui.QTransform(s, 0, 0, s, dx, dy)

    # ---- painting --------------------------------------------------------------------------
    def _category(self, bone_id: str) -> tuple[str, str | None]:
        b = self.data.bone(bone_id)
        pal = self.palette_
        if self.colour_by == "origin":
            return pal.origin[b.origin], PATTERNS[pal.origin_pattern[b.origin]]
        return pal.mechanism[b.mechanism], PATTERNS[pal.mechanism_pattern[b.mechanism]]

    def _fill(self, painter: QtGui.QPainter, path: QtGui.QPainterPath, colour: str, pattern) -> None:
        painter.fillPath(path, _qc(colour))
        if pattern is not None:
            painter.fillPath(path, QtGui.QBrush(_qc(self.palette_.outline, 150), pattern))

    def _draw_view(self, painter: QtGui.QPainter, name: str, w: int, h: int, hovered: str | None) -> None:
        view = self.views[name]
        t = self.view_transform(name, w, h)
        scale = t.m11()
        pal = self.palette_
        painter.save()
        painter.setTransform(t)
        outline_w = max(0.8, self.profile.outline_width) / scale * (h / 900) ** 0.5
        centres_by_bone: dict[str, list] = {}
        for mark in view.centres:
            centres_by_bone.setdefault(mark.bone, []).append(mark)
        centre_index = {(bid, c.id): j for j, (bid, c) in enumerate(self.data.centres)}
        visible = painter.clipBoundingRect() if painter.hasClipping() else None  # in drawing units (after setTransform)
        for layer_no, (kind, bone_id, path) in enumerate(view.layers):
            if visible is not None and not visible.intersects(path.boundingRect()):
                continue  # a zoom draws only what it shows
            if kind == "hole":
                painter.fillPath(path, _qc(pal.hole))
                painter.strokePath(path, QtGui.QPen(_qc(pal.outline), outline_w * 0.8))
                continue
            if kind == "cartilage":
                painter.fillPath(path, _qc(pal.unossified_fill))
                painter.strokePath(path, QtGui.QPen(_qc(pal.unossified_edge), outline_w * 0.7))
                continue
            i = self.data.index(bone_id)
            status = int(self.state.status[i])
            if status == 0:
                painter.fillPath(path, _qc(pal.unossified_fill))
                pen = QtGui.QPen(_qc(pal.unossified_edge), outline_w, QtCore.Qt.PenStyle.DashLine)
                painter.strokePath(path, pen)
            else:
                colour, pattern = self._category(bone_id)
                k = float(self._spread_k[i])
                marks = centres_by_bone.get(bone_id, [])
                pending_ids = tuple(m.centre for m in marks
                                    if not self.state.centre_fused[centre_index[(bone_id, m.centre)]])
                region = self._region(view, bone_id, layer_no, path, k, pending_ids, marks)
                if region is not path:  # part of the bone is still cartilage or membrane
                    painter.fillPath(path, _qc(pal.unossified_fill))
                self._fill(painter, region, colour, pattern)
                for mark in marks:
                    j = centre_index[(bone_id, mark.centre)]
                    if self.state.centre_present[j]:
                        rr = mark.radius * (CENTRE_START + (0.9 - CENTRE_START) * float(self._centre_g[j]))
                        dot = self._dot(view, bone_id, layer_no, mark, path, round(rr, 3))
                        self._fill(painter, dot, colour, pattern)
                        painter.strokePath(dot, QtGui.QPen(_qc(pal.centre_edge), outline_w * 0.6))
                painter.strokePath(path, QtGui.QPen(_qc(pal.outline), outline_w))
            if bone_id == hovered:
                painter.strokePath(path, QtGui.QPen(_qc(self.profile.accent), outline_w * 3))
        painter.restore()

    def _cached(self, key, make):
        """Path boolean operations are the slow part of a frame: keep their results (a bone's ossified area
        changes only in its first weeks and when a centre fuses)."""
        cache = self.__dict__.setdefault("_paths", {})
        if key not in cache:
            if len(cache) > 4000:
                cache.clear()
            cache[key] = make()
        return cache[key]

    def _region(self, view: View, bone_id: str, layer_no: int, path, k: float, pending_ids, marks):
        def make():
            region = path
            if k < 1.0:
                region = region.intersected(self._spread(view, bone_id, k))
            pending = QtGui.QPainterPath()  # cartilage ends whose centre has not fused yet
            for mark in marks:
                if mark.centre in pending_ids:
                    for q in mark.points:
                        pending.addEllipse(q, mark.radius, mark.radius)
            return region.subtracted(pending) if not pending.isEmpty() else region

        return self._cached(("region", view.name, layer_no, k, pending_ids), make)

    def _dot(self, view: View, bone_id: str, layer_no: int, mark, path, rr: float):
        def make():
            dot = QtGui.QPainterPath()
            for q in mark.points:
                dot.addEllipse(q, rr, rr)
            return dot.intersected(path)

        return self._cached(("dot", view.name, layer_no, mark.centre, rr), make)

    def _spread(self, view: View, bone_id: str, k: float) -> QtGui.QPainterPath:
        """The area ossified k (0..1) of the way from the primary centre(s) to the whole drawn bone."""
        grow = QtGui.QPainterPath()
        starts = view.ossify_from.get(bone_id)
        rects = self._parts[view.name][bone_id] if starts else self._pieces[view.name][bone_id]
        if starts:
            reach = max(math.hypot(c.x() - q.x(), c.y() - q.y()) for q in starts
                        for r in rects for c in (r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()))
            for q in starts:
                grow.addEllipse(q, reach * (0.12 + 0.88 * k), reach * (0.12 + 0.88 * k))
        else:
            f = (0.22 + 0.78 * k) * math.sqrt(2)
            for r in rects:
                grow.addEllipse(r.center(), r.width() / 2 * f, r.height() / 2 * f)
        return grow

    def _text(self, painter, rect: QtCore.QRectF, text: str, px: float, colour: str, bold=False,
              flags=QtCore.Qt.AlignmentFlag.AlignLeft, wrap: bool = True, draw: bool = True) -> float:
        """Draw text in rect (wrapped, or shrunk to fit one line); return its height."""
        font = QtGui.QFont(painter.font())
        font.setPixelSize(max(1, round(px)))
        font.setBold(bold)
        if not wrap:
            width = QtGui.QFontMetricsF(font).horizontalAdvance(text)
            if width > rect.width() > 0:
                font.setPixelSize(max(1, int(px * rect.width() / width)))
        painter.setFont(font)
        painter.setPen(_qc(colour))
        f = int(flags) | (int(QtCore.Qt.TextFlag.TextWordWrap) if wrap else 0)
        bound = painter.boundingRect(rect, f, text)
        if draw:
            painter.drawText(rect, f, text)
        return bound.height()

    def _swatch(self, painter, rect: QtCore.QRectF, kind: str, colour: str | None = None, pattern=None) -> None:
        pal = self.palette_
        path = QtGui.QPainterPath()
        path.addRoundedRect(rect, rect.height() * 0.2, rect.height() * 0.2)
        if kind == "category":
            self._fill(painter, path, colour, pattern)
            painter.strokePath(path, QtGui.QPen(_qc(pal.outline), 1.2))
            return
        painter.fillPath(path, _qc(pal.unossified_fill))
        if kind == "unossified":
            painter.strokePath(path, QtGui.QPen(_qc(pal.unossified_edge), 1.5, QtCore.Qt.PenStyle.DashLine))
            return
        colour = colour or self.palette_.origin["lateral_plate_mesoderm"]
        if kind == "ossified":
            inner = QtGui.QPainterPath()
            inner.addEllipse(rect.center(), rect.width() * 0.38, rect.height() * 0.42)
            painter.fillPath(inner, _qc(colour))
        else:  # secondary centre in a cartilage end
            body = QtGui.QPainterPath()
            body.addRect(QtCore.QRectF(rect.left(), rect.top(), rect.width() * 0.55, rect.height()))
            painter.fillPath(body.intersected(path), _qc(colour))
            dot = QtGui.QPainterPath()
            r = rect.height() * 0.28
            dot.addEllipse(QtCore.QPointF(rect.left() + rect.width() * 0.78, rect.center().y()), r, r)
            painter.fillPath(dot, _qc(colour))
            painter.strokePath(dot, QtGui.QPen(_qc(pal.centre_edge), 1.2))
        painter.strokePath(path, QtGui.QPen(_qc(pal.outline), 1.2))

    def paint_to(self, painter: QtGui.QPainter, w: int, h: int, hovered: str | None = None) -> None:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        prof, txt = self.profile, skeleton_text(self.lang)
        fs = self._font_px(w, h)
        m = 0.03 * min(w, h)
        age, ga = format_age(self.day, self.lang)
        head = f"{txt.title} · {age}" + (f" · {ga}" if ga else "")
        self._text(painter, QtCore.QRectF(m, m, w - 2 * m, 2 * fs), head, fs * 1.55, prof.text, bold=True)
        self._text(painter, QtCore.QRectF(m, m + 2.0 * fs, w - 2 * m, 1.4 * fs), txt["colour_by"][self.colour_by],
                   fs * 1.05, prof.muted_text)
        lay = self._layout(w, h)
        painter.drawImage(QtCore.QRectF(0, 0, w, h), self._bones_layer(painter, w, h, hovered))
        for name in ("front", "skull_side", "hand", "foot"):
            drawn = self.view_transform(name, w, h).mapRect(self.views[name].viewbox)
            caption_w = max(drawn.width(), lay[name].right() - drawn.left())
            self._text(painter, QtCore.QRectF(drawn.left(), drawn.top() - 1.6 * fs, caption_w, 1.5 * fs),
                       txt["views"][name], fs * 0.95, prof.muted_text, wrap=False)
        labels = [lab for name in ("skull_side", "hand", "foot") for lab in self.label_layout(w, h, name)]
        if labels:
            font = QtGui.QFont(painter.font())
            font.setBold(False)
            for bone_id, text, rect, anchor, end, px in labels:
                font.setPixelSize(px)
                painter.setFont(font)
                painter.setPen(QtGui.QPen(_qc(prof.muted_text), max(1.0, fs * 0.06)))
                painter.drawLine(anchor, end)
                painter.setBrush(_qc(prof.muted_text))
                painter.drawEllipse(anchor, fs * 0.12, fs * 0.12)
                painter.setPen(_qc(prof.accent if bone_id == hovered else prof.text))
                painter.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignVCenter), text)
        self._legend_px = self.legend_px(painter, lay["legend"], fs)
        self._paint_legend(painter, lay["legend"], self._legend_px)

    def _bones_layer(self, painter: QtGui.QPainter, w: int, h: int, hovered: str | None) -> QtGui.QImage:
        """All drawings (views, zoom frames) as one transparent picture, redrawn only when what it shows changes."""
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        st = self.state
        key = (w, h, dpr, self.colour_by, self.profile.name, hovered, st.status.tobytes(), self._spread_k.tobytes(),
               st.centre_present.tobytes(), st.centre_fused.tobytes(), self._centre_g.tobytes())
        if key == self._layer_key and self._layer is not None:
            return self._layer
        layer = QtGui.QImage(round(w * dpr), round(h * dpr), QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        layer.setDevicePixelRatio(dpr)
        layer.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(layer)
        try:
            p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            muted = _qc(self.profile.muted_text)
            for name in ("front", "skull_side", "hand", "foot"):
                drawn = self.view_transform(name, w, h).mapRect(self.views[name].viewbox)
                zoom = name in ("hand", "foot")
                if zoom:
                    p.save()
                    p.setClipRect(drawn)
                self._draw_view(p, name, w, h, hovered)
                if zoom:
                    p.restore()
                    p.setPen(QtGui.QPen(muted, 1.0))
                    p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                    p.drawRect(drawn)
                    # and where the zoom sits on the front view
                    p.setPen(QtGui.QPen(muted, 1.0, QtCore.Qt.PenStyle.DashLine))
                    p.drawRect(self.view_transform("front", w, h).mapRect(self.views[name].viewbox))
        finally:
            p.end()
        self._layer, self._layer_key = layer, key
        return layer

    def _paint_legend(self, painter, rect: QtCore.QRectF, fs: float, draw: bool = True) -> float:
        """Draw the legend at text size fs (or only measure it); return the y where it ends."""
        prof, txt, pal = self.profile, skeleton_text(self.lang), self.palette_
        y, x = rect.top(), rect.left()
        sw = QtCore.QSizeF(fs * 1.9, fs * 1.15)
        line = fs * 1.55
        label_w = rect.width() - sw.width() - 0.6 * fs

        def text(r, t, px, colour, bold=False):
            return self._text(painter, r, t, px, colour, bold=bold, draw=draw)

        def entry(kind, label, colour=None, pattern=None):
            nonlocal y
            if draw:
                self._swatch(painter, QtCore.QRectF(QtCore.QPointF(x, y + 0.1 * fs), sw), kind, colour, pattern)
            y += max(line, text(QtCore.QRectF(x + sw.width() + 0.6 * fs, y, label_w, 4 * line), label, fs, prof.text)
                     + 0.3 * fs)

        y += text(QtCore.QRectF(x, y, rect.width(), 3 * fs), txt["legend"][self.colour_by], fs * 1.1, prof.text,
                  bold=True) + 0.3 * fs
        keys = txt["origins"] if self.colour_by == "origin" else txt["mechanisms"]
        colours = pal.origin if self.colour_by == "origin" else pal.mechanism
        patterns = pal.origin_pattern if self.colour_by == "origin" else pal.mechanism_pattern
        for key, label in keys.items():
            entry("category", label, colours[key], PATTERNS[patterns[key]])
        y += 0.6 * fs
        y += text(QtCore.QRectF(x, y, rect.width(), 3 * fs), txt["legend"]["state"], fs * 1.1, prof.text, bold=True) + 0.3 * fs
        sample = next(iter(colours.values()))
        for key in ("unossified", "ossified", "secondary"):
            entry(key, txt["legend"][key], sample)
        y += 0.6 * fs
        started = int(np.count_nonzero(self.state.status > 0))
        y += text(QtCore.QRectF(x, y, rect.width(), 4 * line), txt["legend"]["count"].format(n=started, total=len(self.data)),
                  fs, prof.text) + 0.5 * fs
        y += text(QtCore.QRectF(x, y, rect.width(), 6 * line), txt["legend"]["source_line"], fs * 0.8, prof.muted_text)
        return y

    def legend_px(self, painter, rect: QtCore.QRectF, fs: float) -> float:
        """The largest legend text size up to fs at which the whole legend fits in rect."""
        px = fs
        while px > 6 and self._paint_legend(painter, rect, px, draw=False) > rect.bottom():
            px *= 0.92
        return px

    # ---- Qt events -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        try:
            painter.fillRect(self.rect(), QtGui.QColor(self.profile.background))
            self.paint_to(painter, self.width(), self.height(), hovered=self.hovered)
        finally:
            painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        bone_id = self.bone_at(event.position())
        if bone_id != self.hovered:
            self.hovered = bone_id
            text = self.hover_text(bone_id) if bone_id else ""
            self.boneHovered.emit(bone_id or "", text)
            if text:
                QtWidgets.QToolTip.showText(event.globalPosition().toPoint(), text, self)
            else:
                QtWidgets.QToolTip.hideText()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self.hovered is not None:
            self.hovered = None
            self.boneHovered.emit("", "")
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            bone_id = self.bone_at(event.position())
            if bone_id:
                self.boneClicked.emit(bone_id)
                bone = self.data.bone(bone_id)
                if bone.process:
                    self.openProcess.emit(bone.process, float(bone.onset_day))
        super().mousePressEvent(event)


def save_skeleton_picture(path, day: float, width: int = 1600, height: int = 900, colour_by: str = "origin",
                          profile: str = "screen", lang: str = "en", force: bool = False, command: str = "") -> None:
    """Render the skeleton map at `day` headless and write it atomically as a PNG with metadata (for the CLI).

    Raises TargetExists when the file exists and force is not set, OsteovizError when it cannot be written.
    """
    from ..atomic import atomic_path
    from ..errors import OsteovizError
    from .headless import ensure_app

    ensure_app(headless=True)
    view = SkeletonView(lang=lang, profile=profile, colour_by=colour_by)
    view.set_day(day)
    img = view.render_image(width, height)
    for key, value in view.picture_metadata(command).items():
        img.setText(key, value)
    with atomic_path(path, force=force) as tmp:
        if not img.save(str(tmp), "PNG"):
            raise OsteovizError(f"could not write {path}")


def main(argv: list[str] | None = None) -> int:
    """Headless demo: render the skeleton map at a day to a PNG."""
    from ..atomic import TargetExists
    from ..errors import OsteovizError
    from ..model.clock import TimeParseError, parse_time

    ap = argparse.ArgumentParser(prog="python -m osteoviz.qt.skeletonview", description=main.__doc__)
    ap.add_argument("--day", default="20w", help="time: 8w, 38w, birth, 6m, 10y or 60d (default 20w)")
    ap.add_argument("-o", "--output", required=True, help="PNG file to write")
    ap.add_argument("--colour-by", choices=COLOUR_BY, default="origin")
    ap.add_argument("--profile", choices=PROFILES, default="screen")
    ap.add_argument("--lang", choices=("en", "nl"), default="en")
    ap.add_argument("--size", default="1600x900", help="WIDTHxHEIGHT in pixels (default 1600x900)")
    ap.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = ap.parse_args(argv)
    try:
        day = parse_time(args.day)
        try:
            w, h = (int(v) for v in args.size.lower().split("x"))
            if not (64 <= w <= 16384 and 64 <= h <= 16384):
                raise ValueError
        except ValueError:
            raise OsteovizError(f"size {args.size!r} is not understood: use e.g. 1600x900 (64 to 16384 pixels)") from None
        command = "python -m osteoviz.qt.skeletonview " + " ".join(argv if argv is not None else sys.argv[1:])
        save_skeleton_picture(args.output, day, w, h, args.colour_by, args.profile, args.lang, args.force, command)
    except TargetExists:
        print(f"error: {args.output} exists (use --force to overwrite)", file=sys.stderr)
        return 1
    except (OsteovizError, TimeParseError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
