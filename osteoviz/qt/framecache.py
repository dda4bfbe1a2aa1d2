"""Frames drawn to an image redraw only what changed: tissue kept as a base image, cells and caption repainted."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from .inkparts import ink_parts, repaint_plan, style_key
from .passmemo import painting

_CLIPS = QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape
_SOURCE = QtGui.QPainter.CompositionMode.CompositionMode_Source


class FrameCache:
    """For one canvas: the picture without its cells (background, tissue, focus marks) at the render size, kept
    while the tissue and layout stay (several frames in a row while playing: the model's state changes a few
    times a second), and what the reused buffer holds, so that a frame differing only in its cells, its age
    and its progress bar repaints just the inset and the caption (everything there, clipped to them).

    The pixels are those of a full render: the base is the same scene drawn without the cell layers, and
    whatever is repainted is repainted whole (base, cells, every word) within an integer-aligned clip."""

    def __init__(self, canvas):
        self.c = canvas
        self.base: tuple | None = None  # (base key, QImage)
        self.last_base_key = None  # the base key of the frame drawn last
        self.held = None  # the key of everything but cells and caption in the buffer now (None: unknown)
        self.legend_held = None  # the legend (SceneCanvas.legend_key) the buffer shows, opaque and clear of words
        self.dirty = QtCore.QRect()  # caption area of the frame in the buffer (its words may have been longer)
        self.ink: tuple | None = None  # (style key, the parts of the picture in the buffer: inkparts) or None
        self.stats = {"direct": 0, "base": 0, "partial": 0, "built": 0, "legend_kept": 0, "parts_kept": 0}
        self._own: set = set()  # see note_own_items
        self._known: set = set()

    # -- keys ------------------------------------------------------------------------------
    def note_own_items(self) -> None:
        """Remember the items the canvas made (its layers, marks and pyqtgraph's own): any other is foreign."""
        c = self.c
        self._own = {c.main_img, c.inset_img, c.focus_box, c.section_item, *c.scatters.values()}
        self._known = set(c.scene().items())

    def _foreign(self) -> bool:
        """Something not made by the canvas is shown in its scene (the heat map, ...): draw without the cache.
        (Asked several times a frame: items the canvas made are skipped by a set look-up before Qt is asked
        whether they are shown or where they hang.)"""
        c = self.c
        own = self._own
        for vb in (c.main_vb, c.inset_vb):
            if any(item not in own and item.isVisible() for item in vb.addedItems):
                return True
        known = self._known
        return any(item not in known and item.parentItem() is None and item.isVisible() for item in c.scene().items())

    def keys(self, width: int, height: int) -> tuple | None:
        """(base key, key of all but cells and caption) for the canvas's prepared frame, or None if not cacheable."""
        c = self.c
        if c.frame is None or c._picture is None or self._foreign():
            return None
        f = c.frame
        geometry = tuple(tuple(vb.sceneBoundingRect().getRect()) + tuple(vb.viewRect().getRect())
                         for vb in (c.main_vb, c.inset_vb)) + (c.inset_vb.isVisible(),)
        base = (width, height, c.transparent, c.profile.name, c.profile.background, c._key, c.main_img.key,
                c.inset_img.key, geometry, c.focus_box.isVisible(), c.section_item.isVisible())
        p = c._picture  # see SceneCanvas._picture_key: (layout, main, inset, cells, signals, process, phase, site,
        # age, before birth, organ size, extras, lang, profile, transparent, caption, legend, scale, compact,
        # presentation, progress): all but the cells' places, the caption's words and the progress bar
        inset = f.inset
        cells = None if inset is None else (tuple(sorted(k for k, v in inset.cells.items() if len(v))), inset.site_um,
                                            inset.origin, repr(inset.cell_sizes))
        c.overlay()  # the words' layout (computed once per layout)
        extras = tuple(kv for kv in p[11] if kv[0] != "shaft_mm")  # the shaft's length is only in the caption
        rest = (base, p[:3], cells, p[4:8], extras, p[12:20], c._overlay[0], c.show_labels, c.text_scale)
        return base, rest

    # -- drawing ---------------------------------------------------------------------------
    def render(self, img: QtGui.QImage, width: int, height: int) -> None:
        """Draw the prepared frame into img (the canvas's reused buffer)."""
        with painting(self.c):  # the canvas's state stands still until the frame is drawn
            self._render(img, width, height)

    def _render(self, img: QtGui.QImage, width: int, height: int) -> None:
        c = self.c
        keys = self.keys(width, height)
        painter = QtGui.QPainter(img)
        held, self.legend_held = self.legend_held, None
        ink, self.ink = self.ink, None  # (known again only once this frame is drawn whole)
        style = style_key(c)
        parts = ink_parts(c, width, height) if keys is not None else None
        # what the buffer holds that this frame does not (or shows differently): only there is it cleared and
        # drawn again; parts of the frame before that stay as they are are left out of the paint
        plan = None
        if ink is not None and parts is not None and ink[0] == style and not c.transparent:
            plan = repaint_plan(ink[1], parts)
        c.legend_drawn = None
        try:
            if keys is None:
                # (the background is not cleared under an opaque legend: its pixels stay)
                c.legend_kept = held if c.keep_legend(held) else None
                self._direct(painter, img, width, height, None)
                self.base, self.last_base_key, self.held = None, None, None  # (the ink stays unknown: something
                # the canvas did not make may have been drawn anywhere)
                self._note_legend()
                return
            base_key, rest = keys
            have = self.base is not None and self.base[0] == base_key and self.base[1].size() == img.size()
            if not have and base_key == self.last_base_key:  # the second frame on this tissue: keep it from now on
                self.base = (base_key, self._build(width, height))
                self.stats["built"] += 1
                have = True
            self.last_base_key = base_key
            if not have:
                # (with a plan, the plan alone keeps the legend or repaints it whole: see inkparts.repaint_plan)
                c.legend_kept = held if plan is None and c.keep_legend(held) else None
                self._direct(painter, img, width, height, plan)
            else:
                clip = self._clip(width, height) if rest == self.held else None
                painter.setCompositionMode(_SOURCE)
                if clip is not None:
                    painter.setClipRegion(clip)
                    self.stats["partial"] += 1
                else:
                    self.stats["base"] += 1
                painter.drawImage(0, 0, self.base[1])
                painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceOver)
                painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.SmoothPixmapTransform)
                self._cells(painter)
                c.paint_overlay(painter)
            self.held = rest
            self.dirty = self._caption_area()
            self.ink = style, parts
            self._note_legend()
        finally:
            c.legend_kept = None
            c.overlay_kept = frozenset()
            painter.end()

    def _note_legend(self) -> None:
        """Remember the legend the buffer now shows, if it was drawn (or kept) opaque with no word over it."""
        c = self.c
        self.legend_held = c.legend_drawn if c.legend_drawn is not None and c.legend_clear() else None

    def _direct(self, painter, img, width: int, height: int, plan: tuple | None) -> None:
        """The frame drawn whole over a cleared background; given a repaint plan (inkparts.repaint_plan), cleared
        only where it says, and the parts it keeps left out."""
        c = self.c
        self.stats["direct"] += 1
        self.stats["legend_kept"] += c.legend_kept is not None
        dirty, kept = plan if plan is not None else (None, frozenset())
        c.overlay_kept = kept
        self.stats["parts_kept"] += len(kept)
        if ("legend",) in kept:  # the legend the buffer shows stays: it is the one this frame shows
            c.legend_drawn = c.legend_key()
        c._clear(painter, img, dirty)
        c.paint_to(painter, width, height)

    def _build(self, width: int, height: int) -> QtGui.QImage:
        """The scene without its cells, on the cleared background."""
        img = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        painter = QtGui.QPainter(img)
        layers = list(self.c.scatters.values())
        try:
            for layer in layers:
                layer.suppressed = True
            self.c._clear(painter, img)
            painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.SmoothPixmapTransform)
            target = QtCore.QRectF(0, 0, width, height)
            self.c.scene().render(painter, target, target)
        finally:
            for layer in layers:
                layer.suppressed = False
            painter.end()
        return img

    def _cells(self, painter: QtGui.QPainter) -> None:
        """The cell layers as the scene draws them: in stacking order, clipped by their view box."""
        c = self.c
        if not c.inset_vb.isVisible():
            return
        layers = sorted(enumerate(c.scatters.values()), key=lambda t: (t[1].zValue(), t[0]))
        option = QtWidgets.QStyleOptionGraphicsItem()
        for _i, layer in layers:
            if not layer.isVisible() or len(layer.pos) == 0:
                continue
            painter.save()
            chain, parent = [], layer.parentItem()
            while parent is not None:
                if parent.flags() & _CLIPS:
                    chain.append(parent)
                parent = parent.parentItem()
            for clipper in reversed(chain):  # outermost first, as the scene sets them
                painter.setTransform(clipper.sceneTransform())
                painter.setClipPath(clipper.shape(), QtCore.Qt.ClipOperation.IntersectClip)
            painter.setTransform(layer.sceneTransform())
            layer.paint(painter, option, None)
            painter.restore()

    def _caption_area(self) -> QtCore.QRect:
        c = self.c
        lay = c._overlay[1] if c._overlay is not None else None
        r = QtCore.QRectF(c._caption_rect)
        for run in (lay.caption if lay is not None and c.show_caption else []):
            r = r.united(run.rect)
        return r.toAlignedRect().adjusted(-3, -3, 3, 3)

    def _clip(self, width: int, height: int) -> QtGui.QRegion:
        """What may differ from the frame in the buffer: the inset (its cells), the caption, the progress bar."""
        c = self.c
        region = QtGui.QRegion(self.dirty).united(QtGui.QRegion(self._caption_area()))
        if c.inset_vb.isVisible():
            region = region.united(QtGui.QRegion(c.inset_vb.sceneBoundingRect().toAlignedRect().adjusted(-2, -2, 2, 2)))
        if c.presentation:
            region = region.united(QtGui.QRegion(0, height - 40, width, 40))
        return region.intersected(QtGui.QRegion(0, 0, width, height))
