"""The one renderer: draws a model Frame (tissue, cells, inset, legend, caption, scale bars) on screen or to an image."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from ..colours import Profile, load_profile
from ..content import format_age, glossary, strings
from ..model.clock import BIRTH_DAY
from ..model.kinds import Cell, Tissue, cell_key, tissue_key
from ..model.scene import Frame
from .boxes import draw_box
from .celllayer import CellLayer
from .digests import Digests
from .framecache import FrameCache
from .hover import item_at
from .metrics import metrics
from .labels import RING_PX, leader_end, text_size, wrap_text
from .mineral import mineral_lut
from .outlines import TissueItem, TraceAhead, digest
from .overlay import Overlay, caption_runs, compute_overlay, label_text
from .passmemo import painting, per_pass
from .sectionmark import OutlinedLine
from .zonebrackets import draw_zones, rows_needed, zone_fills
from .symbols import MIN_PX, SHAPES, paint_symbol, symbol_path

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)

FONT_FAMILY = "DejaVu Sans"
CELL_SCALE_UM = 30.0  # above this a grid site is larger than a cell
LEGEND_MIN_SHARE = 2e-4  # a tissue on fewer sites of its layer than this share is a stray speck: not listed


def _seen(tissue: np.ndarray) -> set[int]:
    """The tissue codes that cover enough of a layer to be seen (stray single sites are not listed)."""
    least = max(1.0, LEGEND_MIN_SHARE * tissue.size)
    if tissue.dtype.kind == "u" and tissue.dtype.itemsize <= 2 and tissue.size:  # a count per code: no sort
        counts = np.bincount(tissue.ravel(), minlength=1)
        return set(np.flatnonzero(counts >= least).tolist())
    codes, counts = np.unique(tissue, return_counts=True)
    return set(codes[counts >= least].tolist())
_FONTS: dict[tuple[int, bool], QtGui.QFont] = {}


def two_lines(fm, text: str) -> float:
    """The width a name needs on at most two lines (split at its best word break)."""
    return text_size(fm, wrap_text(fm, text, 0.0, 2))[0]  # (a compound may break after its hyphen)


def nice_length_um(target_um: float) -> float:
    """A round scale-bar length (1, 2 or 5 x 10^k micrometres) not above target."""
    if target_um <= 0:
        return 1.0
    k = math.floor(math.log10(target_um))
    for m in (5, 2, 1):
        if m * 10**k <= target_um:
            return m * 10**k
    return 10**k


def length_label(um: float) -> str:
    if um >= 10000:
        return f"{um / 10000:g} cm"
    if um >= 1000:
        return f"{um / 1000:g} mm"
    return f"{um:g} µm"


# cells drawn as a hole in the matrix: their legend glyph stands on that tissue's colour (a dark ring on the dark
# legend could not be seen)
ON_MATRIX = {int(Cell.EMPTY_LACUNA): "dead_bone", int(Cell.FIBRIN): "haematoma"}  # fibrin: pale strands on the clot

BACKDROP_CELLS = {Cell.ERYTHROCYTE, Cell.FIBRIN}  # the clot's mass: drawn under the cells a lecturer points at
BACKDROP_Z = 4
CELL_LABELS = {c.name.lower() for c in Cell} - {"hypertrophic", "proliferative", "none"}  # label keys naming one cell
MIN_BAR_PX = 30  # the shortest scale bar drawn on an organ (1080p)


class SceneCanvas(pg.GraphicsView):
    """Draws frames. The window shows one; exports and `osteoviz render` make one at the target size."""

    hovered = QtCore.Signal(str)  # what is under the pointer ("" when nothing)
    # font sizes at 1080 px high: names and zones readable on a projector (at least 20 px); with text enlarged
    # (presentation: 1.5x) the names on the organ still come out over a fifth larger (17 x 1.5), labels and zone
    # names a little less (the zone names under the femur's inset need the room)
    LABEL_PX = property(lambda self: 21 if self.text_scale <= 1.25 else 19)
    NAME_PX = property(lambda self: 20 if self.text_scale <= 1.25 else 17)
    ZONE_PX = property(lambda self: getattr(self, "zone_px", None) or (20 if self.text_scale <= 1.25 else 15))

    def __init__(self, profile: str = "screen", lang: str = "en", parent=None):
        self.frame: Frame | None = None
        super().__init__(parent)
        self.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.SmoothPixmapTransform)
        self.setMouseTracking(True)  # hovering names the cell or tissue under the pointer
        # set_frame repaints the whole canvas once per frame; items changing must not ask for a second paint
        self.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        # the view paints every pixel of its viewport (its background first): the widgets behind it (window,
        # splitter, panels, each with a style-sheet background) need not be painted under it at every frame
        self.viewport().setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        # the background is filled where the picture does not paint it anyway (drawBackground), not copied whole
        # from a cached pixmap at every frame (pyqtgraph caches it: its holes would then be those of another frame)
        self.setCacheMode(QtWidgets.QGraphicsView.CacheModeFlag.CacheNone)
        self.lang = lang
        self.text_scale = 1.0
        self.show_caption = True
        self.show_legend = True
        self.show_scale = True
        self.show_labels = False
        self.presentation = False
        self.compact = False  # a panel of a figure: the inset titled by its focus alone, no scale note
        self.progress: float | None = None  # 0..1 clock position, drawn as a thin line in presentation
        self.transparent = False
        self._key = None
        self._cells_key = None
        self._legend_cache = None
        self._legend_image = None
        self._buffer: QtGui.QImage | None = None  # reused between renders of the same size
        self.frame_cache = FrameCache(self)  # what the buffer holds, and the picture without its cells
        self._digests = Digests()  # the tissue maps' content hashes, each map hashed once
        self.playing = False  # the window plays: see set_playing
        self.moving = False  # the timeline is being dragged: see set_moving
        self._zone_hints: dict = {}
        self.legend_drawn = None  # the legend_key of the legend the last paint drew (or kept)
        self.legend_kept = None  # a legend the paint target already shows: not drawn again (set by the frame cache)
        self.overlay_kept: frozenset = frozenset()  # ids of overlay parts the target shows already (see inkparts)
        self._legend_on_screen = None  # the legend the viewport shows now
        # its items move at every frame while playing: a spatial index would be rebuilt for nothing (Qt's advice
        # for dynamic scenes); the scene holds a few dozen items
        self.scene().setItemIndexMethod(QtWidgets.QGraphicsScene.ItemIndexMethod.NoIndex)
        self.main_vb = pg.ViewBox(lockAspect=True, enableMouse=False, invertY=True, enableMenu=False)
        self.inset_vb = pg.ViewBox(lockAspect=True, enableMouse=False, invertY=True, enableMenu=False)
        for vb in (self.main_vb, self.inset_vb):
            self.addItem(vb)
        self.main_img = TissueItem()  # tissue as smooth filled outlines, crisp at any size
        self.inset_img = TissueItem()
        self.main_vb.addItem(self.main_img)
        self.inset_vb.addItem(self.inset_img)
        self.focus_box = QtWidgets.QGraphicsRectItem()
        self.focus_box.setZValue(10)
        self.main_vb.addItem(self.focus_box)
        self.section_item = OutlinedLine()  # a dark edge: the marker shows on bone of its own colour
        self.section_item.setZValue(10)
        self.main_vb.addItem(self.section_item)
        self.scatters: dict[int, CellLayer] = {}
        for code, (symbol, _rel) in SHAPES.items():
            layer = CellLayer(symbol)
            layer.setZValue(BACKDROP_Z if code in BACKDROP_CELLS else 6 if code == Cell.OSTEOCLAST else 5)
            self.inset_vb.addItem(layer)
            self.scatters[int(code)] = layer
        self.set_profile(profile)
        self._main_rect = QtCore.QRectF()
        self._inset_rect = QtCore.QRectF()
        self._legend_rect = QtCore.QRectF()
        self._caption_rect = QtCore.QRectF()
        self._label_area = QtCore.QRectF()
        self._zone_band = {"x": QtCore.QRectF(), "y": QtCore.QRectF()}
        self._overlay = None
        self._zone_rows: dict = {}
        self._picture = None  # what the last set_frame showed (see _picture_key)
        self._boxes_key = None  # what the last _relayout depended on
        self.repaints_skipped = 0
        self.frame_cache.note_own_items()  # what the scene holds now is the canvas's own (and pyqtgraph's)

    # -- configuration ---------------------------------------------------------------
    def set_profile(self, name: str) -> None:
        self.profile: Profile = load_profile(name)
        self._set_lut(self.profile.tissue_lut(transparent_background=self.transparent))  # (a transparent export stays so)
        self.setBackground(self.profile.background)
        self._cell_colours = {c: (self.profile.cells[cell_key(c)]["fill"], self.profile.cells[cell_key(c)]["edge"])
                              for c in SHAPES}
        pen = QtGui.QPen(QtGui.QColor(self.profile.accent), 2.0 * self.profile.outline_width)
        pen.setCosmetic(True)
        self.focus_box.setPen(pen)
        self.section_item.setPen(pen)
        self._key = None
        if self.frame is not None:
            self.set_frame(self.frame)

    def set_transparent(self, on: bool) -> None:
        self.transparent = on
        self._set_lut(self.profile.tissue_lut(transparent_background=on))
        self._key = None

    def _set_lut(self, lut: np.ndarray) -> None:
        """RGBA LUT, also viewed as one uint32 per label so a lookup is a single take."""
        self._lut = lut

    def _lut_for(self, frame: Frame) -> np.ndarray:
        """The tissue LUT, with bone slightly brighter where the frame's matrix is hypermineralised (OI)."""
        excess = float(frame.extras.get("mineral_excess", 0.0))
        if excess <= 0.0:
            return self._lut
        key = (id(self._lut), excess)
        if getattr(self, "_mineral", (None, None))[0] != key:
            self._mineral = (key, mineral_lut(self._lut, excess))
        return self._mineral[1]

    def trace_job(self):
        """For the play pipeline: a function that traces a frame's tissue outlines (organ and inset) into the
        outline cache on a worker thread, so that set_frame finds them there. Reads the canvas only here."""
        base, bg = self._lut, int(Tissue.BACKGROUND)
        skip = bg if QtGui.QColor(*(int(v) for v in base[bg])) == QtGui.QColor(self.profile.background) else None
        ahead = self.__dict__.setdefault("_trace_ahead", (TraceAhead(), TraceAhead()))

        def trace(frame: Frame) -> None:
            excess = float(frame.extras.get("mineral_excess", 0.0))
            lut = mineral_lut(base, excess) if excess > 0.0 else base
            keys = self._digests.made(frame.main.tissue, frame.inset.tissue if frame.inset is not None else None)
            ahead[0](frame.main.tissue, lut, skip, bg, keys[0])
            if frame.inset is not None:
                ahead[1](frame.inset.tissue, lut, skip, bg, keys[1])
        return trace

    # -- drawing a frame -------------------------------------------------------------
    def set_frame(self, frame: Frame) -> None:
        """Show a frame; cheap when nothing changed since the last one."""
        self.frame = frame
        inset = frame.inset
        # by content: the history hands out new arrays for the same step (made on the worker while playing)
        main_digest, inset_digest = self._digests.of(frame.main.tissue, inset.tissue if inset is not None else None)
        lut = self._lut_for(frame)
        key = (frame.process, frame.main.tissue.shape, frame.main.aspect, inset.tissue.shape if inset else None,
               inset.aspect if inset else None, self.width(), self.height(), self.show_labels, self.text_scale,
               frame.labels, frame.names, frame.inset_labels, frame.inset_zones, frame.inset_rect, frame.section_line,
               id(lut), self.profile.outline_width, frame.extras.get("organ_scale", 1.0))
        picture = self._picture_key(frame, key, main_digest, inset_digest)
        if picture == self._picture and key == self._key:  # the very same picture: nothing to draw again
            self.repaints_skipped += 1
            return
        self._picture = picture
        if key != self._key:  # the layout: boxes, ranges, focus marks
            # the boxes depend on fewer things than the marks: while playing, the focus moves at every step
            boxes = (key[:9], (frame.labels, frame.inset_labels) if self.show_labels else None, frame.inset_zones)
            if self._key is None or boxes != self._boxes_key:
                self._boxes_key = boxes
                self._cells_key = None
                self._relayout()
            self._key = key
            self._draw_layers()
        bg = int(Tissue.BACKGROUND)  # the canvas is already the background's colour: not filled again
        skip = bg if QtGui.QColor(*(int(v) for v in self._lut[bg])) == QtGui.QColor(self.profile.background) else None
        self.main_img.set_labels(frame.main.tissue, frame.main.aspect, lut, main_digest, skip, bg)
        if inset is not None:
            self.inset_img.set_labels(inset.tissue, inset.aspect, lut, inset_digest, skip, bg)
            # the very dict of cells, held (an id alone is reused once the last frame's dict is freed: the new
            # frame's cells then looked drawn already) and the map they lie on
            held = self._cells_key
            if held is None or held[0] is not inset.cells or held[1] != inset_digest:
                self._cells_key = (inset.cells, inset_digest)
                self._draw_cells()
        # view boxes set their transforms now, not at the start of the paint (where the change would
        # schedule a second paint of the same frame)
        self.scene().prepareForPaint()
        with painting(self):
            self.viewport().update(self.dirty_region())

    def dirty_region(self) -> QtGui.QRegion:
        """What of the viewport the frame just set changes: all of it, but for the legend when the same legend
        is on screen already (its pixels stay; the paint is clipped to the rest, the legend's rim included)."""
        region = QtGui.QRegion(self.viewport().rect())
        if self.keep_legend(self._legend_on_screen):
            region = region.subtracted(QtGui.QRegion(self._legend_hole()))
        return region

    def _picture_key(self, frame: Frame, layout_key, main_digest: bytes, inset_digest: bytes | None) -> tuple:
        """Everything a picture shows besides the layout: equal keys draw equal pixels (the clock may still have
        moved: at 1x the model often shows the same state for several ticks)."""
        inset = frame.inset
        cells = None
        if inset is not None:
            h = hashlib.blake2b(digest_size=12)
            for code in sorted(inset.cells):
                h.update(int(code).to_bytes(2, "little"))
                h.update(np.ascontiguousarray(inset.cells[code]).tobytes())
            cells = (h.digest(), inset.site_um, inset.origin, repr(inset.cell_sizes))
        signals = tuple(sorted((k, digest(v)) for k, v in frame.signals.items())) if frame.signals else ()
        progress = float(self.progress) if self.presentation and self.progress is not None else None
        extras = tuple((k, digest(v) if isinstance(v, np.ndarray) else repr(v)) for k, v in sorted(frame.extras.items()))
        return (layout_key, main_digest, inset_digest, cells, signals, frame.process, frame.phase.id,
                frame.main.site_um, format_age(frame.day, self.lang), frame.day < BIRTH_DAY + 1, frame.organ_mm,
                extras, self.lang, self.profile.name, self.transparent,
                self.show_caption, self.show_legend, self.show_scale, self.compact, self.presentation, progress)

    def _draw_layers(self) -> None:
        """Everything that changes only with the layout: view ranges, focus box, section line."""
        f = self.frame
        main = f.main
        rows, cols = main.tissue.shape
        # beside a larger organ (Compare) this one takes only its true share of the box: one scale for both
        k = min(max(float(f.extras.get("organ_scale", 1.0)), 0.05), 1.0)
        w, h = cols / k, rows * main.aspect / k
        self._set_range(self.main_vb, QtCore.QRectF((cols - w) / 2, (rows * main.aspect - h) / 2, w, h), 0.01)
        if f.inset_rect is not None:
            x, y, w, h = f.inset_rect
            self.focus_box.setRect(QtCore.QRectF(x, y * main.aspect, w, h * main.aspect))
            self.focus_box.show()
        else:
            self.focus_box.hide()
        if f.section_line is not None:
            x0, y0, x1, y1 = f.section_line
            self.section_item.setLine(x0, y0 * main.aspect, x1, y1 * main.aspect)
            self.section_item.show()
        else:
            self.section_item.hide()
        inset = f.inset
        if inset is None:
            self.inset_vb.hide()
            return
        self.inset_vb.show()
        irows, icols = inset.tissue.shape
        self._set_range(self.inset_vb, QtCore.QRectF(0, 0, icols, irows * inset.aspect), 0.0)

    @staticmethod
    def _set_range(vb: pg.ViewBox, rect: QtCore.QRectF, padding: float) -> None:
        """Set a view box's range only when it differs: each setRange schedules another paint."""
        want = (tuple(rect.getRect()), padding, tuple(vb.geometry().getRect()))
        if getattr(vb, "_osteoviz_range", None) != want:
            vb._osteoviz_range = want
            vb.setRange(rect, padding=padding)

    def _draw_cells(self) -> None:
        """The cells of the inset, one layer per type (they move at every step)."""
        inset = self.frame.inset
        icols = inset.tissue.shape[1]
        site_px = self._inset_rect.width() / max(icols, 1)
        edge_width = 0.8 * self.profile.outline_width
        for code, layer in self.scatters.items():
            pos = inset.cells.get(code)
            if pos is None or len(pos) == 0:  # hidden: the view neither paints it nor asks where it is
                if len(layer.pos):
                    layer.set_cells(np.zeros((0, 2)), 1.0, "#000000", "#000000", 1.0)
                layer.setVisible(False)
                continue
            layer.setVisible(True)
            rel = SHAPES[code][1]
            if inset.cell_sizes and code in inset.cell_sizes:
                rel = inset.cell_sizes[code]
            if inset.aspect != 1.0:
                pos = pos * np.array([1.0, inset.aspect], np.float32)
            fill, edge = self._cell_colours[code]
            layer.set_cells(pos, max(2.0, MIN_PX.get(code, 0.0) * self._ui(), rel * site_px), fill, edge, edge_width,
                            (inset.cell_scale or {}).get(code))

    # -- layout ------------------------------------------------------------------------
    def set_playing(self, on: bool) -> None:
        """While playing (or while the timeline is dragged: `moving`), zone names keep the arrangement of the frame
        before as long as it stays clean (no search at every frame, no flicker between arrangements); a still
        picture is laid out afresh, as an export is."""
        if on == self.playing:
            return
        self.playing = on
        if not on:
            self.settle()

    def set_moving(self, on: bool) -> None:
        """The picture follows the timeline being dragged or stepped through quickly (see set_playing)."""
        if on != self.moving:
            self.moving = on
            if not on and not self.playing:
                self.settle()

    def settle(self) -> None:
        """Lay the picture out afresh (and draw it) if it kept an arrangement of an earlier frame."""
        kept, self._zone_hints = self._zone_hints, {}
        if kept and self.frame is not None:
            self._key = None
            self._zone_rows = {}
            self._overlay = None
            self.set_frame(self.frame)

    def zone_hints(self) -> dict | None:
        return self._zone_hints if self.playing or self.moving else None

    def _ui(self) -> float:
        """Text scale for the current size: 1.0 at 1080 px high."""
        return max(0.55, min(self.width() / 1920.0, self.height() / 1080.0)) * self.text_scale

    def _relayout(self) -> None:
        w, h = float(self.width()), float(self.height())
        u = self._ui()
        margin = 18 * u
        cap_h = (92 * u) if self.show_caption else margin
        legend_w = min(330 * u, 0.24 * w) if self.show_legend else 0.0
        self._caption_rect = QtCore.QRectF(margin, margin * 0.6, w - 2 * margin, cap_h - margin * 0.6)
        area = QtCore.QRectF(margin, cap_h, w - 2 * margin - legend_w, h - cap_h - margin)
        self._legend_rect = QtCore.QRectF(area.right() + margin * 0.6, cap_h, legend_w - margin * 0.6, area.height())
        f = self.frame
        wide = f is not None and f.main.tissue.shape[1] > 2 * f.main.tissue.shape[0] * f.main.aspect
        label_h = 34 * u
        band = ((40 if self.compact else 36) * u) if self.show_labels else 0.0
        if self.compact and f is not None and not f.labels and not getattr(self, "keep_band", False):  # nothing new to name on the organ
            band = 0.0
        zones = {z[3] for z in f.inset_zones} if f is not None and f.inset is not None else set()
        s = strings(self.lang)
        zfm = metrics(self._font(self.ZONE_PX * u))

        def zone_h(left: float, iw: float, right: float) -> float:  # brackets and rows of names below the inset
            if "x" not in zones:
                return 0.0
            cols = f.inset.tissue.shape[1]
            spans = [(k, label_text(s, k), left + a / cols * iw, left + b / cols * iw) for k, a, b, ax in f.inset_zones if ax == "x"]
            key = (tuple((k, t, round(a, 1), round(b, 1)) for k, t, a, b in spans), round(area.left(), 1), round(right, 1), zfm.height())
            rows = self._zone_rows.get(key)
            if rows is None:  # cached: the layout is redone at every step while playing
                rows = self._zone_rows[key] = rows_needed(spans, area.left(), right, zfm, u, self.text_scale <= 1.25 or self.compact,
                                                          self.zone_hints())
                if len(self._zone_rows) > 256:
                    self._zone_rows.clear()
            return 18 * u + rows * (zfm.height() + 2 * u) + (rows - 1) * 5 * u

        zone_w = 0.0
        if "y" in zones:
            widest = max(zfm.horizontalAdvance(label_text(s, z[0])) for z in f.inset_zones if z[3] == "y")
            word = max(two_lines(zfm, label_text(s, z[0])) for z in f.inset_zones if z[3] == "y")  # names wrap onto 2
            zone_w = min(widest + 30 * u, max(0.2 * area.width(), word + 36 * u))  # names wrap, a long word stays whole
            if widest + 30 * u <= getattr(self, "zone_share", 0.0) * area.width():  # a wide panel: each name on one line
                zone_w = widest + 30 * u
        inset_labels = self.show_labels and f is not None and f.inset is not None and bool(f.inset_labels)
        lfm = metrics(self._font(self.LABEL_PX * u, True))
        self._label_area = area
        if wide:  # long bone: organ on top, cellular inset below
            big = min(0.46, 0.44 + 0.02 * (self.text_scale - 1))  # the inset keeps 90 % at normal text size
            main_h = area.height() * (((getattr(self, "organ_share", None) or 0.38) if self.compact else big) if self.show_labels else 0.40)
            self._main_rect = QtCore.QRectF(area.left(), area.top() + band, area.width(), main_h - 2 * band)
            side = 0.0
            if inset_labels:  # room beside the inset for its labels
                side = min(max(text_size(lfm, wrap_text(lfm, label_text(s, k), 220 * u))[0] for k, _, _ in f.inset_labels) + 40 * u,
                           (0.22 if self.compact else 0.3) * area.width())  # long names wrap rather than narrow the inset
            iw = 0.0
            zh = zone_h(area.left(), area.width(), area.right())
            for _ in range(2):  # the rows of zone names depend on the inset's width, which depends on them
                ih = area.height() - main_h - label_h - margin - zh
                iw = max(min(area.width() - 2 * side - zone_w, ih * 16 / 9), 40.0)
                zh = zone_h(area.left() + (area.width() - iw - zone_w) / 2, iw, area.right())
            ih = area.height() - main_h - label_h - margin - zh
            ih = max(min(ih, iw * 9 / 16) if inset_labels else ih, 40.0)
            self._inset_rect = QtCore.QRectF(area.left() + (area.width() - iw - zone_w) / 2, area.top() + main_h + margin + label_h, iw, ih)
        else:  # vault: organ left, section right
            side = 0.0  # labels go in rows above and below the vault (overlay.py): it keeps its size with L on,
            if self.show_labels and f is not None and f.labels:  # unless they cannot fit there (or text is enlarged): columns
                rows, cols = f.main.tissue.shape
                organ_h = min(area.height(), min(area.width() * 0.46, area.height()) * rows * f.main.aspect / cols)
                n = int(max(area.height() - organ_h, 0) / 2 // (lfm.height() + 24 * u))
                need = sum(lfm.horizontalAdvance(label_text(s, k)) + 30 * u for k, _, _ in f.labels)
                if n * 2 * 0.7 * area.width() < need or self.text_scale > 1.25:
                    cap = 0.27 if self.compact else 0.2
                    side = min(max(lfm.horizontalAdvance(label_text(s, k)) for k, _, _ in f.labels) + 30 * u, cap * area.width())
            if side:  # a panel leaves its section room too
                share = 0.54 if self.compact else 0.58
            elif self.compact or (self.show_labels and f is not None and f.labels):  # labels in rows round the vault
                share = 0.46
            else:  # nothing to place round the vault: the section (the histology, most of what a phase teaches)
                share = 0.38  # takes that room (half as much area again), the vault still over a third of the width
            mw = min(area.width() * share, area.height() + 2 * side)
            if self.compact:  # a figure's panel: the label columns never squeeze the vault below half its share
                side = min(side, 0.25 * mw)
            self._main_rect = QtCore.QRectF(area.left() + side, area.top(), max(mw - 2 * side, 40.0), area.height())
            self._label_area = QtCore.QRectF(area.left(), area.top(), mw, area.height())
            iw = max(area.width() - mw - margin - zone_w, 40.0)
            zh = zone_h(area.left() + mw + margin, iw, area.right())
            n_rows = min(3, len(f.inset_labels)) if self.compact and inset_labels else 3  # a panel: the rows it needs
            below = n_rows * (lfm.height() + 8 * u) + 24 * u if inset_labels else 0.0  # up to three rows of labels
            ih = max(min(area.height() - label_h - zh - below, iw * 9 / 16), 40.0)
            self._inset_rect = QtCore.QRectF(area.left() + mw + margin, area.top() + label_h + (area.height() - label_h - ih - zh - below) / 2, iw, ih)
        if f is not None and f.inset is not None:  # the frame hugs the picture: no empty band inside it
            irows, icols = f.inset.tissue.shape
            ratio = icols / max(irows * f.inset.aspect, 1e-6)
            r = self._inset_rect
            if r.width() > r.height() * ratio:
                w2 = r.height() * ratio
                self._inset_rect = QtCore.QRectF(r.left() + (r.width() - w2) / 2, r.top(), w2, r.height())
            else:
                h2 = r.width() / ratio
                top = r.top() if wide else r.top() + (r.height() - h2) / 2
                self._inset_rect = QtCore.QRectF(r.left(), top, r.width(), h2)
        ir = self._inset_rect
        zone_left = area.left() if wide else ir.left()  # names may spread beyond the inset's width
        self._zone_band = {"x": QtCore.QRectF(zone_left, ir.bottom(), area.right() - zone_left, zh),
                           "y": QtCore.QRectF(ir.right(), ir.top(), zone_w, ir.height())}
        self.main_vb.setGeometry(self._main_rect)
        self.inset_vb.setGeometry(self._inset_rect)

    def paintEvent(self, ev):
        with painting(self):  # (the view's background, items and overlay: one pass)
            return super().paintEvent(ev)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._key = None
        if getattr(self, "profile", None) is not None and self.frame is not None:
            self.set_frame(self.frame)

    # -- overlay: caption, legend, scale bars, connectors -----------------------------------
    @per_pass
    def _underlay_holes(self) -> list[QtCore.QRect]:
        """The pixels the opaque tissue underlays surely paint (the background need not be filled there)."""
        return [h for h in (self.main_img.covered(), self.inset_img.covered()) if not h.isEmpty()]

    def drawBackground(self, painter: QtGui.QPainter, rect) -> None:
        """On screen: the background's colour, except where an opaque tissue underlay paints every pixel anyway
        (as _clear does for images; the view has no transform of its own, so scene pixels are the viewport's)."""
        holes = self._underlay_holes()
        brush = self.backgroundBrush()
        if not holes or brush.style() == QtCore.Qt.BrushStyle.NoBrush or not self.viewportTransform().isIdentity():
            super().drawBackground(painter, rect)
            return
        region = QtGui.QRegion(rect.toAlignedRect())
        for h in holes:
            region = region.subtracted(QtGui.QRegion(h))
        for r in region:
            painter.fillRect(r, brush)

    def drawForeground(self, painter: QtGui.QPainter, rect) -> None:
        super().drawForeground(painter, rect)
        if self.frame is not None:
            self.legend_drawn = None
            self.paint_overlay(painter)  # (a paint that leaves the legend out is clipped to the rest: see set_frame)
            self._legend_on_screen = self.legend_drawn if self.show_legend and self.legend_clear() else None

    def _font(self, px: float, bold: bool = False) -> QtGui.QFont:
        key = (max(7, int(round(px))), bold)
        font = _FONTS.get(key)
        if font is None:
            font = _FONTS[key] = QtGui.QFont(FONT_FAMILY)
            font.setPixelSize(key[0])
            font.setBold(bold)
        return font

    def paint_overlay(self, p: QtGui.QPainter) -> None:
        """Caption, inset frame and connectors, scale bars, legend, zones, names and labels; a part the target
        shows already (ids in `overlay_kept`, set by the frame cache: see inkparts) is left out."""
        f = self.frame
        u = self._ui()
        prof = self.profile
        text = QtGui.QColor(prof.text)
        muted = QtGui.QColor(prof.muted_text)
        kept = self.overlay_kept
        p.save()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        lay = self.overlay()
        for i, run in enumerate(lay.caption):
            if ("caption", i) not in kept:
                p.setFont(run.font)
                p.setPen(text if run.strong else muted)
                p.drawText(run.rect, QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignBottom, run.text)
        # connectors from the focus on the organ to the inset
        if f.inset is not None and ("frame",) not in kept:
            pen = QtGui.QPen(QtGui.QColor(prof.accent), max(1.0, 1.6 * u * prof.outline_width))
            p.setPen(pen)
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawRect(self._inset_rect)
            lines = self.connectors()
            if not self.transparent:  # a dark rim first, so the lines show over tissue of their own colour (yellow bone)
                p.setPen(QtGui.QPen(QtGui.QColor(prof.background), pen.widthF() + 2 * max(1.2, 1.5 * u)))
                for line in lines:
                    p.drawLine(line)
                p.setPen(pen)
            for line in lines:
                p.drawLine(line)
        if f.inset is not None and ("title",) not in kept:
            p.setPen(text)
            p.setFont(lay.inset_title_font or self._font(20 * u, True))
            p.drawText(lay.inset_title, QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignBottom, lay.inset_title_text)
        note = self.scale_note()
        if note is not None and ("note",) not in kept:
            box, words = note
            p.setFont(self._font(16 * u))
            halo = QtGui.QColor(prof.background)
            halo.setAlpha(215)
            draw_box(p, box, 4 * u, halo)
            p.setPen(text)
            p.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, words)
        for which, args in self._bar_args():
            if ("bar", which) not in kept:
                self._scale_bar(p, *args)
        if self.show_legend and ("legend",) not in kept:
            self._legend(p, u)
        zones = [z for i, z in enumerate(lay.zones) if ("zone", i) not in kept]
        if zones:
            draw_zones(p, zones, self._font(self.ZONE_PX * u), text, u, zone_fills(self._lut))
        self._names(p, u, [n for i, n in enumerate(lay.names) if ("name", i) not in kept])
        if self.show_labels:
            placed = [(pl, t) for i, (pl, t) in enumerate(zip(lay.labels + lay.inset_labels, lay.label_texts))
                      if ("label", i) not in kept]
            self._labels(p, u, [pl for pl, _t in placed], [t for _pl, t in placed])
        if self.presentation and self.progress is not None and ("progress",) not in kept:
            h = max(3.0, 5 * u)
            p.fillRect(QtCore.QRectF(0, self.height() - h, self.width(), h), QtGui.QColor(prof.frame))
            p.fillRect(QtCore.QRectF(0, self.height() - h, self.width() * self.progress, h), QtGui.QColor(prof.accent))
        p.restore()

    @per_pass
    def scale_note(self) -> tuple[QtCore.QRectF, str] | None:
        """The box in the inset's corner saying a symbol stands for a group of cells, and its words (None: not
        shown here; the legend says it)."""
        f = self.frame
        if f.inset is None or not (f.inset.site_um > CELL_SCALE_UM and not self.compact and not self.show_legend):
            return None
        u = self._ui()
        ir = self._inset_rect
        fm = metrics(self._font(16 * u))
        note = wrap_text(fm, strings(self.lang)("legend.scale_note"), ir.width() - 30 * u, 3)
        nw, nh = text_size(fm, note)
        return QtCore.QRectF(ir.right() - nw - 22 * u, ir.top() + 8 * u, nw + 14 * u, nh + 8 * u), note

    def scale_bars(self) -> list[tuple[str, tuple | None]]:
        """("main" | "inset", where its scale bar goes (see _place_bar) or None) for the bars drawn now."""
        return [(which, self._place_bar(*args)) for which, args in self._bar_args()]

    def _bar_args(self) -> list[tuple[str, tuple]]:
        """("main" | "inset", the arguments _scale_bar and _place_bar take after the painter) for each bar shown:
        the organ's (placed in the corner covering least tissue) and the inset's (where the layout made room)."""
        f = self.frame
        if not self.show_scale or f is None:
            return []
        u = self._ui()
        out = [("main", (self._main_rect, self.main_vb, f.main.site_um, u, f.main))]
        if f.inset is not None:
            lay = self.overlay()
            out.append(("inset", (self._inset_rect, self.inset_vb, f.inset.site_um, u, None, lay.inset_bar,
                                  lay.inset_bar_um)))
        return out

    def organ_scene_rect(self) -> QtCore.QRectF:
        """The organ's picture (main layer) in scene pixels."""
        f = self.frame
        rows, cols = f.main.tissue.shape
        return self.main_vb.childGroup.mapRectToScene(QtCore.QRectF(0, 0, cols, rows * f.main.aspect))

    def label_rects(self) -> list[tuple[str, QtCore.QPointF, QtCore.QRectF]]:
        """(structure key, anchor, label box) for every organ label drawn now, in scene pixels."""
        return list(self.overlay().labels)

    @per_pass
    def overlay(self) -> Overlay:
        """Where every word of the overlay goes now (computed once per layout)."""
        f = self.frame
        shapes = (f.main.tissue.shape, f.main.aspect) + ((f.inset.tissue.shape, f.inset.aspect) if f.inset is not None else ())
        key = (self.lang, self.show_caption, self.show_labels, self.show_legend, self.text_scale, self.compact, self.width(),
               self.height(), f.process, f.phase.id, f.labels, f.names, f.inset_labels, f.inset_zones, shapes,
               tuple(self._main_rect.getRect()), tuple(self._inset_rect.getRect()),
               # where the organ's names and labels land (its view zooms as it grows) and what places the inset's bar
               # (the lines from the focus, the inset's scale)
               tuple(self.main_vb.viewRect().getRect()), tuple(self.inset_vb.viewRect().getRect()), f.inset_rect,
               f.section_line, f.inset.site_um if f.inset is not None else None)
        fresh = self._overlay is None or self._overlay[0] != key
        if fresh:  # words move only when the layout does
            self._overlay = (key, compute_overlay(self))
        lay = self._overlay[1]
        said = (key, f.day, f.organ_mm, f.extras.get("shaft_mm"))  # what the caption says (the age changes at every step)
        if self.show_caption and not fresh and said != getattr(self, "_caption_said", None):
            lay.caption = caption_runs(self, self._ui(), strings(self.lang))
        self._caption_said = said
        return lay

    def _names(self, p, u: float, names) -> None:
        if not names:
            return
        prof = self.profile
        halo = QtGui.QColor(prof.background)
        halo.setAlpha(170)
        p.setFont(self._font(self.NAME_PX * u, True))
        for _key, text, r in names:
            draw_box(p, r, 3 * u, halo)
            p.setPen(QtGui.QColor(prof.text))
            p.drawText(r, QtCore.Qt.AlignmentFlag.AlignCenter, text)

    def _labels(self, p, u: float, placed, texts) -> None:
        prof = self.profile
        font = self._font(self.LABEL_PX * u, True)
        line = QtGui.QPen(QtGui.QColor(prof.text), max(1.5, 2 * u))
        box_bg = QtGui.QColor(prof.background)
        box_bg.setAlpha(235)
        ring = QtGui.QPen(QtGui.QColor(prof.accent), max(2.0, 2.5 * u))
        edge = QtGui.QPen(QtGui.QColor(prof.background), max(3.5, 4.5 * u))
        for (key, anchor, rect), label in zip(placed, texts):
            end = leader_end(anchor, rect)
            if key in CELL_LABELS:  # a ring round the cell named: a dot would hide the one cell it points at
                r = RING_PX * u
                d = QtCore.QLineF(anchor, end)
                start = d.pointAt(min(1.0, r / d.length())) if d.length() > r else end
                p.setPen(line)
                p.drawLine(start, end)
                p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                for pen in (edge, ring):  # dark under the accent, so the ring shows on any tissue
                    p.setPen(pen)
                    p.drawEllipse(anchor, r, r)
            else:
                p.setPen(line)
                p.drawLine(anchor, end)
                p.setBrush(QtGui.QColor(prof.accent))
                p.drawEllipse(anchor, 4 * u, 4 * u)
            draw_box(p, rect, 5 * u, box_bg, QtGui.QPen(QtGui.QColor(prof.frame), max(1.0, u)))
            p.setFont(font)
            p.setPen(QtGui.QColor(prof.text))
            p.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, label)

    def connectors(self) -> list[QtCore.QLineF]:
        """The two lines from the focus on the organ to the inset's corners."""
        src = self._focus_scene_rect()
        ir = self._inset_rect
        if src is None or self.frame.inset is None:
            return []
        if src.bottom() < ir.top():
            return [QtCore.QLineF(src.bottomLeft(), ir.topLeft()), QtCore.QLineF(src.bottomRight(), ir.topRight())]
        return [QtCore.QLineF(src.topRight(), ir.topLeft()), QtCore.QLineF(src.bottomRight(), ir.bottomLeft())]

    def _focus_scene_rect(self) -> QtCore.QRectF | None:
        f = self.frame
        if f.inset_rect is not None:
            x, y, w, h = f.inset_rect
            a = f.main.aspect
            return self.main_vb.childGroup.mapRectToScene(QtCore.QRectF(x, y * a, w, h * a))
        if f.section_line is not None:
            x0, y0, x1, y1 = f.section_line
            a = f.main.aspect
            return self.main_vb.childGroup.mapRectToScene(QtCore.QRectF(x0, y0 * a - 1, x1 - x0, 2))
        return None

    def _scale_bar(self, p, area: QtCore.QRectF, vb: pg.ViewBox, site_um: float, u: float, layer=None, given=None,
                   given_um: float | None = None) -> None:
        placed = self._place_bar(area, vb, site_um, u, layer, given, given_um)
        if placed is None:
            return
        box, length_px, label = placed
        x0, y0 = box.left() + 8 * u, box.bottom() - 8 * u
        p.setFont(self._font(18 * u, True))
        halo = QtGui.QColor(self.profile.background)
        halo.setAlpha(200)
        draw_box(p, box, 4 * u, halo)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QtGui.QColor(self.profile.text))
        p.drawRect(QtCore.QRectF(x0, y0 - 5 * u, length_px, 5 * u))
        p.setPen(QtGui.QColor(self.profile.text))
        p.drawText(QtCore.QPointF(x0, y0 - 10 * u), label)

    def _place_bar(self, area: QtCore.QRectF, vb: pg.ViewBox, site_um: float, u: float, layer=None, given=None,
                   given_um: float | None = None) -> tuple[QtCore.QRectF, float, str] | None:
        """Where a scale bar goes: (its box, the bar's length in pixels, its words), or None (no bar). Asked for
        the frame's ink before it is drawn and again as it is drawn: kept for the paint pass."""
        memo = self.__dict__.get("_pass_memo")
        key = ("bar", id(vb), area.getRect(), site_um, u, id(layer), None if given is None else given.getRect(), given_um)
        if memo is not None and key in memo:
            return memo[key]
        placed = self._find_bar(area, vb, site_um, u, layer, given, given_um)
        if memo is not None:
            memo[key] = placed
        return placed

    def _find_bar(self, area, vb, site_um, u, layer, given, given_um):
        """_place_bar's answer, worked out."""
        view = vb.viewRect()
        if view.width() <= 0 or area.width() <= 0:
            return None
        px_per_site = vb.mapViewToScene(QtCore.QPointF(1, 0)).x() - vb.mapViewToScene(QtCore.QPointF(0, 0)).x()
        if px_per_site <= 0:
            return None
        um_per_px = site_um / px_per_site
        fm = metrics(self._font(18 * u, True))
        tried = []
        for share in (0.22, 0.15, 0.1, 0.06):  # on the organ: a shorter bar where the long one's box covers tissue
            length_um = nice_length_um(area.width() * share * um_per_px)
            if layer is None and given is not None and not given.isNull() and given_um is not None:
                length_um = given_um  # the inset's bar outside it, as long as overlay.py made room for
            if layer is not None and length_um / um_per_px < MIN_BAR_PX * u:  # a bar of a few pixels is no scale
                if tried:
                    break
                length_um = nice_length_um(2.5 * MIN_BAR_PX * u * um_per_px)  # (1-2-5 steps: at least the least)
            length_px = length_um / um_per_px
            label = length_label(length_um)
            box_w = max(length_px, fm.horizontalAdvance(label)) + 16 * u
            box_h = fm.height() + 24 * u
            box = QtCore.QRectF(area.left() + 6 * u, area.bottom() - box_h + 8 * u, box_w, box_h)
            if layer is None:
                break
            # the corner where the bar covers the least tissue
            box = min(self._corners(area, box, u), key=lambda r: self._tissue_under(r, vb, layer))
            tried.append((self._tissue_under(box, vb, layer), -length_px, box, length_px, label))
            if tried[-1][0] == 0:
                break
        if tried:  # none clear of tissue: the one covering least (a shorter bar only where it covers less)
            _cover, _neg, box, length_px, label = min(tried, key=lambda t: t[:2])
        if layer is None and given is not None and not given.isNull():  # the inset's bar outside it (overlay.py)
            box = QtCore.QRectF(given)
        return box, length_px, label

    @staticmethod
    def _corners(area: QtCore.QRectF, box: QtCore.QRectF, u: float) -> list[QtCore.QRectF]:
        """The box moved to each corner of the area, bottom-left first (the usual place)."""
        w, h = box.width(), box.height()
        left, right = area.left() + 6 * u, area.right() - w - 6 * u
        top, bottom = area.top() - 8 * u, area.bottom() - h + 8 * u
        return [QtCore.QRectF(x, y, w, h) for y in (bottom, top) for x in (left, right)]

    @staticmethod
    def _tissue_under(box: QtCore.QRectF, vb: pg.ViewBox, layer) -> int:
        """How many tissue sites (not background) a box on the canvas covers."""
        vb.updateMatrix()  # (as mapSceneToView: the scene's transform of the view's contents, inverted)
        inverse, ok = vb.childGroup.sceneTransform().inverted()
        r = inverse.mapRect(box) if ok else vb.mapSceneToView(box).boundingRect()
        rows, cols = layer.tissue.shape
        x0, x1 = max(int(r.left()), 0), min(int(math.ceil(r.right())), cols)
        y0, y1 = max(int(r.top() / layer.aspect), 0), min(int(math.ceil(r.bottom() / layer.aspect)), rows)
        if x1 <= x0 or y1 <= y0:
            return 0
        return int(np.count_nonzero(layer.tissue[y0:y1, x0:x1] != int(Tissue.BACKGROUND)))

    def legend_entries(self) -> tuple[list[int], list[int]]:
        """Tissue codes and cell codes drawn in the current frame (what the legend lists)."""
        f = self.frame
        key = (id(f.main.tissue), id(f.inset.tissue) if f.inset else None, id(f.inset.cells) if f.inset else None)
        if self._legend_cache is not None and self._legend_cache[0] == key:
            return self._legend_cache[1]
        result = self._compute_legend_entries(f)
        self._legend_cache = (key, result)
        return result

    # -- what is under the pointer ---------------------------------------------------------
    def describe_at(self, scene_pos: QtCore.QPointF) -> str:
        """The name (and role, for a cell) of what is drawn at a point of the canvas; "" if nothing."""
        f = self.frame
        if f is None:
            return ""
        if f.inset is not None and self.inset_vb.isVisible() and self._inset_rect.contains(scene_pos):
            layer, vb = f.inset, self.inset_vb
        elif self._main_rect.contains(scene_pos):
            layer, vb = f.main, self.main_vb
        else:
            return ""
        view = vb.mapSceneToView(scene_pos)

        def radius(code: int) -> float:
            size = (layer.cell_sizes or {}).get(code, SHAPES[code][1]) if code in SHAPES else 0.0
            return max(0.6 * size, 0.35)

        found = item_at(layer, view.x(), view.y(), radius)
        if found is None:
            return ""
        kind, key = found
        gloss = glossary(self.lang)
        if kind == "cell":
            return f"{gloss.cells[key]['name']} — {gloss.cells[key]['role']}"
        from ..content import process_content

        return process_content(f.process, self.lang).tissue_name(key, gloss)

    def mouseMoveEvent(self, ev):
        super().mouseMoveEvent(ev)
        text = self.describe_at(self.mapToScene(ev.position().toPoint()))
        if text:
            QtWidgets.QToolTip.showText(ev.globalPosition().toPoint(), text, self)
        else:
            QtWidgets.QToolTip.hideText()
        self.hovered.emit(text)

    def _compute_legend_entries(self, f) -> tuple[list[int], list[int]]:
        organ, detail, cells = self._legend_parts(f)
        return sorted(set(organ) | set(detail)), cells

    @staticmethod
    def _legend_parts(f) -> tuple[list[int], list[int], list[int]]:
        """Tissues drawn on the organ; tissues drawn only in the inset; cells drawn in the inset."""
        organ = _seen(f.main.tissue) - {int(Tissue.BACKGROUND)}
        detail = _seen(f.inset.tissue) - organ - {int(Tissue.BACKGROUND)} if f.inset is not None else set()
        cells = sorted(c for c, pos in (f.inset.cells.items() if f.inset else []) if len(pos))
        return sorted(organ), sorted(detail), cells

    def legend_parts(self) -> tuple[list[int], list[int], list[int]]:
        """What the legend lists now: organ tissues, tissues only in the cellular detail, cells (kept while the
        tissue maps and the kinds of cells present stay: redone by content, not at every frame)."""
        f = self.frame
        inset = f.inset
        key = (*self._digests.of(f.main.tissue, inset.tissue if inset is not None else None, shown=True),
               tuple(sorted(c for c, pos in inset.cells.items() if len(pos))) if inset is not None else ())
        memo = getattr(self, "_legend_parts_memo", None)
        if memo is None or memo[0] != key:
            memo = self._legend_parts_memo = (key, self._legend_parts(f))
        organ, detail, cells = memo[1]
        return list(organ), list(detail), list(cells)

    def _legend(self, p, u: float) -> None:
        """Draw the legend from a cached image (it changes only when its entries or the size do)."""
        r = self._legend_rect
        if r.width() <= 10:
            return
        if p.paintEngine() is not None and p.paintEngine().type() == QtGui.QPaintEngine.Type.SVG:
            self._paint_legend(p, u, self.legend_parts())  # vector output: real text and paths, not a cached image
            return
        key = self.legend_key()
        self.legend_drawn = key
        if self._legend_image is None or self._legend_image[0] != key:
            entries = self.legend_parts()
            dpr = 1.0
            img = QtGui.QImage(int(r.width() * dpr) + 2, int(r.height() * dpr) + 2, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(QtGui.QColor(self.profile.background) if key[-1] else QtCore.Qt.GlobalColor.transparent)
            painter = QtGui.QPainter(img)
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
            painter.translate(-r.left(), -r.top())
            try:
                self._paint_legend(painter, u, entries)
            finally:
                painter.end()
            if key[-1]:  # opaque: drawn as a plain copy, not blended
                img = img.convertToFormat(QtGui.QImage.Format.Format_RGB32)
            self._legend_image = (key, img)
        if key != self.legend_kept:  # (else the target already shows this legend there: see keep_legend)
            p.drawImage(self._legend_origin(), self._legend_image[1])  # on whole pixels: a plain copy, crisp

    def _legend_origin(self) -> QtCore.QPoint:
        return QtCore.QPoint(round(self._legend_rect.left()), round(self._legend_rect.top()))

    @per_pass
    def legend_key(self) -> tuple:
        """Everything the legend's pixels depend on (its entries, place, size, language, colours)."""
        r = self._legend_rect
        entries = self.legend_parts()
        return (tuple(entries[0]), tuple(entries[1]), tuple(entries[2]), r.getRect(), self.profile.name, self._ui(),
                self.lang, self.frame.process, self.frame.inset is not None and self.frame.inset.site_um > CELL_SCALE_UM,
                self.compact, self._legend_opaque() and self.profile.background)

    def keep_legend(self, held) -> bool:
        """Whether a target that holds the legend `held` (its legend_key, drawn opaque) may keep those pixels for
        the current frame: the same legend, nothing of the overlay over it, and the background not cleared there
        (see _legend_hole)."""
        return (held is not None and self.show_legend and self.frame is not None and not self._legend_hole().isEmpty()
                and self.legend_key() == held and self.legend_clear())

    @per_pass
    def legend_clear(self) -> bool:
        """No word of the overlay lies over the legend's opaque image (so its pixels are the legend's alone)."""
        hole = QtCore.QRectF(self._legend_hole())
        if hole.isEmpty():
            return False
        lay = self.overlay()
        boxes = [run.rect for run in lay.caption] + [z.box for z in lay.zones] + [b for _k, _t, b in lay.names]
        boxes += [b for _k, _a, b in lay.labels + lay.inset_labels] + [lay.inset_title, lay.inset_bar]
        return not any(b.intersects(hole) for b in boxes if not b.isNull())

    @per_pass
    def _legend_opaque(self) -> bool:
        """The legend's image carries the background itself: nothing else is drawn where it goes."""
        return not self.transparent and not self.frame_cache._foreign()

    @per_pass
    def _legend_hole(self) -> QtCore.QRect:
        """Pixels the opaque legend image will surely paint (see _legend; empty when it will not)."""
        r = self._legend_rect
        if not self.show_legend or r.width() <= 10 or self.frame is None or not self._legend_opaque():
            return QtCore.QRect()
        return QtCore.QRect(self._legend_origin(), QtCore.QSize(int(r.width()) + 2, int(r.height()) + 2))  # its image

    def _tissue_namer(self, gloss):
        """Tissue code -> its name in the legend: the process's own name where its content gives one."""
        from ..content import process_content

        own = process_content(self.frame.process, self.lang) if self.frame is not None else None
        return lambda t: own.tissue_name(tissue_key(t), gloss) if own is not None else gloss.tissues[tissue_key(t)]

    def _paint_legend(self, p, u: float, entries, rect: QtCore.QRectF | None = None) -> None:
        """Organ tissues, then the cellular detail (its own tissues and its cells), each under a heading."""
        r = rect if rect is not None else self._legend_rect
        s = strings(self.lang)
        gloss = glossary(self.lang)
        organ, detail, cells = entries
        split = self.frame is not None and self.frame.inset is not None and (detail or cells)
        note = (split and rect is None and not self.compact and self.frame.inset.site_um > CELL_SCALE_UM)  # off the picture
        n_rows = len(organ) + len(detail) + len(cells) + (4 if split else 2) + 1 + (2 if note else 0)
        row = min(34 * u, r.height() / max(n_rows, 1))
        tname = self._tissue_namer(gloss)
        names = [tname(t) for t in organ + detail] + [gloss.cells[cell_key(c)]["name"] for c in cells]
        fm0 = QtGui.QFontMetricsF(self._font(row * 0.56))
        extra = sum(wrap_text(fm0, n, r.width() - row * 0.93 - 10 * u, 2).count("\n") for n in names)  # second lines
        row = min(row, r.height() / max(n_rows + 0.7 * extra, 1))
        size = row * 0.62
        font = self._font(row * 0.56)
        head = self._font(row * 0.62, True)
        sub = self._font(row * 0.56, True)
        y = r.top() + row * 0.2
        text = QtGui.QColor(self.profile.text)
        muted = QtGui.QColor(self.profile.muted_text)
        edge = QtGui.QPen(QtGui.QColor(self.profile.frame), max(1.0, u))

        def heading(label, font=head, colour=text):
            nonlocal y
            p.setFont(font)
            p.setPen(colour)
            fm = QtGui.QFontMetricsF(font)
            p.drawText(QtCore.QPointF(r.left(), y + fm.ascent()), label)
            y += row

        def tissue_rows(tissues):
            nonlocal y
            for t in tissues:
                p.setPen(edge)
                p.setBrush(QtGui.QColor(self.profile.tissue[tissue_key(t)]))
                p.drawRoundedRect(QtCore.QRectF(r.left(), y + (row - size) / 2, size * 1.5, size), 3 * u, 3 * u)
                y += self._legend_text(p, font, tname(t), r.left() + size * 1.5 + 10 * u, y, row, r.right())

        if split:
            heading(s("legend.organ"))
            tissue_rows(organ)
            y += row * 0.3
            heading(s("inset.title"))
            if note:  # "schematic: each symbol stands for a group of cells", under its heading, not over the cells
                small = self._font(row * 0.5)
                fm = QtGui.QFontMetricsF(small)
                p.setFont(small)
                p.setPen(muted)
                for line in wrap_text(fm, s("legend.scale_note"), r.width(), 3).split("\n"):
                    p.drawText(QtCore.QPointF(r.left(), y + fm.ascent() - row * 0.2), line)
                    y += fm.height()
                y += row * 0.2
            if detail:
                heading(s("legend.tissues"), sub, muted)
                tissue_rows(detail)
        else:
            heading(s("legend.tissues"))
            tissue_rows(sorted(set(organ) | set(detail)))
        if cells:
            y += row * 0.3
            heading(s("legend.cells"), sub if split else head, muted if split else text)
            for c in cells:
                symbol, rel = SHAPES[c]
                path = symbol_path(symbol)
                if c in ON_MATRIX:  # a glyph that is a hole in matrix: drawn on its matrix's swatch, not the dark
                    p.setPen(QtCore.Qt.PenStyle.NoPen)
                    p.setBrush(QtGui.QColor(self.profile.tissue[ON_MATRIX[c]]))
                    p.drawRoundedRect(QtCore.QRectF(r.left(), y + (row - size) / 2, size * 1.5, size), 3 * u, 3 * u)
                p.save()
                p.translate(r.left() + size * 0.75, y + row / 2)
                scale = size * min(1.25, max(0.8, rel))
                p.scale(scale, scale)
                colours = self.profile.cells[cell_key(c)]
                paint_symbol(p, path, colours["fill"], colours["edge"], 1.0 / scale * max(1.0, u), 1.0 / scale * max(1.0, u))
                p.restore()
                y += self._legend_text(p, font, gloss.cells[cell_key(c)]["name"], r.left() + size * 1.5 + 10 * u, y, row, r.right())

    def _legend_text(self, p, font, label, x, y, row, right) -> float:
        """One legend entry's words, wrapped onto a second line rather than cut; returns the height used."""
        p.setFont(font)
        p.setPen(QtGui.QColor(self.profile.text))
        fm = QtGui.QFontMetricsF(font)
        lines = wrap_text(fm, label, right - x, 2).split("\n")
        for i, line in enumerate(lines):
            p.drawText(QtCore.QPointF(x, y + (row + fm.ascent() - fm.descent()) / 2 + i * fm.height()), line)
        return row + (len(lines) - 1) * fm.height()

    # -- rendering to an image at any size (exports, headless CLI) -------------------------
    def prepare(self, width: int, height: int) -> None:
        """Lay the current frame out for a width x height target (exports draw at their own size)."""
        if (self.width(), self.height()) != (width, height):
            self.resize(width, height)
            self.setSceneRect(QtCore.QRectF(0, 0, width, height))
            self._key = None
        self.set_frame(self.frame)

    def paint_to(self, painter: QtGui.QPainter, width: int, height: int) -> None:
        """Draw the prepared frame with any painter: an image, an SVG generator, a printer."""
        painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing | QtGui.QPainter.RenderHint.SmoothPixmapTransform)
        target = QtCore.QRectF(0, 0, width, height)
        with painting(self):
            self.scene().render(painter, target, target)
            self.paint_overlay(painter)

    def _clear(self, painter: QtGui.QPainter, img: QtGui.QImage, dirty: QtGui.QRegion | None = None) -> None:
        """The background under the picture, except where an opaque tissue underlay paints every pixel anyway
        (at 4K that is half the frame: a whole clear costs as much as drawing the tissue). `dirty`: where the
        image must be cleared (what the frame cache repaints: see inkparts.repaint_plan); None: anywhere."""
        if self.transparent:
            img.fill(QtGui.QColor(0, 0, 0, 0))
            return
        colour = QtGui.QColor(self.profile.background)
        holes = self._underlay_holes() + ([] if self._legend_hole().isEmpty() else [self._legend_hole()])
        if not holes and dirty is None:
            img.fill(colour)
            return
        region = QtGui.QRegion(img.rect()) if dirty is None else dirty
        for h in holes:
            region = region.subtracted(QtGui.QRegion(h))
        painter.save()
        painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_Source)
        for r in region:
            painter.fillRect(r, colour)
        painter.restore()

    def render_image(self, width: int, height: int) -> QtGui.QImage:
        """Draw the current frame at exactly width x height pixels (not a grab of the window)."""
        self.prepare(width, height)
        if self._buffer is None or self._buffer.size() != QtCore.QSize(width, height):
            self._buffer = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
            self.frame_cache.held = None  # a new buffer holds no frame
            self.frame_cache.legend_held = None
            self.frame_cache.ink = None
        img = self._buffer
        self.frame_cache.render(img, width, height)  # only what changed since the frame in the buffer
        return QtGui.QImage(img)  # implicitly shared: a caller keeping it makes the next render detach
