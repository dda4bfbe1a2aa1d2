"""The tissue of a layer drawn as smooth filled outlines (vector paths), crisp at any size and real paths in SVG."""

from __future__ import annotations

import hashlib
import math
import struct
import threading
from collections import OrderedDict

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..contours import outline_loops

_PATHS: OrderedDict = OrderedDict()  # (digest, shape, aspect) -> [(label, area, QPainterPath)], a few steps back
_PATHS_LOCK = threading.Lock()  # the play pipeline traces ahead on a worker thread into the same cache


def digest(labels: np.ndarray) -> bytes:
    """A short content hash of a label map (the history hands out new arrays for the same step): SHA-1, which
    processors with SHA instructions hash several times as fast as BLAKE2 (a key in memory, not a signature)."""
    a = np.ascontiguousarray(labels)
    return hashlib.sha1(a.view(np.uint8).reshape(-1)).digest() + repr((a.shape, a.dtype.str)).encode()


_ELEMENT = np.dtype([("c", ">i4"), ("x", ">f8"), ("y", ">f8")])  # a path element as QDataStream holds it
_FOOTER = struct.pack(">ii", 0, int(QtCore.Qt.FillRule.WindingFill.value))  # the current subpath's start, fill


def _qpaths(x: np.ndarray, y: np.ndarray, starts: np.ndarray, loop_lab: np.ndarray,
            aspect: float) -> dict[int, QtGui.QPainterPath]:
    """Per label: its loops as one closed path (filled by winding), read from one QDataStream for all labels.
    Every loop is closed on its first point, so a stroke has no gap, and begins with a move (no line between
    loops): the elements pg.arrayToQPath would make, with the winding fill rule set."""
    n, k = len(x), len(starts)
    if k == 0:
        return {}
    # each loop's points, then its first point again: point p of loop j goes to p + j
    sizes = np.empty_like(starts)
    np.subtract(starts[1:], starts[:-1], out=sizes[:-1])
    sizes[-1] = n - starts[-1]
    first = starts + np.arange(k)  # where each loop begins among the elements
    closers = first + sizes
    keep = np.ones(n + k, bool)
    keep[closers] = False
    elements = np.empty(n + k, _ELEMENT)
    elements["c"] = 1  # a line from the element before
    elements["c"][first] = 0  # a move
    elements["x"][keep] = x
    elements["x"][closers] = x[starts]
    ys = y * aspect
    elements["y"][keep] = ys
    elements["y"][closers] = ys[starts]
    data = elements.tobytes()
    new = np.flatnonzero(loop_lab[1:] != loop_lab[:-1]) + 1  # each label's first loop but the first
    lo = [0] + (first[new] * _ELEMENT.itemsize).tolist()
    hi = lo[1:] + [(n + k) * _ELEMENT.itemsize]
    parts = []
    for a, b in zip(lo, hi):
        parts += (struct.pack(">i", (b - a) // _ELEMENT.itemsize), data[a:b], _FOOTER)
    stream = QtCore.QDataStream(QtCore.QByteArray(b"".join(parts)))
    out = {}
    for value in [int(loop_lab[0])] + loop_lab[new].tolist():
        path = QtGui.QPainterPath()
        stream >> path
        out[value] = path
    return out


def _paths(labels: np.ndarray, aspect: float, only=None) -> dict[int, QtGui.QPainterPath]:
    """Per label: its closed, smoothed outline path."""
    smooth, _ = outline_loops(labels, only=only, stairs=False)
    return _qpaths(*smooth, aspect)


def stair_paths(labels: np.ndarray, aspect: float) -> dict[int, QtGui.QPainterPath]:
    """Per label: its region as the sites lie (pixel edges), for vector output's underlay."""
    _, stairs = outline_loops(labels)
    return _qpaths(*stairs, aspect)


def changes(old: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where two maps of a layer (of one shape) differ: the old map's labels there and the new map's."""
    at = np.flatnonzero(old != labels)
    return np.take(old, at), np.take(labels, at)


def site_counts(labels: np.ndarray, previous: tuple[np.ndarray, np.ndarray] | None = None,
                changed: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Sites per label value of a map; given the previous map of the layer and its counts, from what changed
    (a count of the whole map takes longer than tracing a small map). `changed`: changes(previous map, labels),
    when known."""
    if previous is None or previous[0].shape != labels.shape:
        return np.bincount(labels.ravel().astype(np.int64))
    old, old_counts = previous
    gone, came = changed if changed is not None else changes(old, labels)
    gone, came = gone.astype(np.int64), came.astype(np.int64)
    size = max(len(old_counts), int(came.max()) + 1 if len(came) else 0)
    counts = np.zeros(size, np.int64)
    counts[:len(old_counts)] = old_counts
    counts -= np.bincount(gone, minlength=size)
    counts += np.bincount(came, minlength=size)
    return counts


def label_paths(labels: np.ndarray, aspect: float, key: bytes | None = None,
                previous: tuple[np.ndarray, dict] | None = None,
                leave_out: frozenset = frozenset(),
                counts: np.ndarray | None = None,
                changed: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[int, int, QtGui.QPainterPath]]:
    """(label, area in sites, closed path in layer units: x in sites, y in sites x aspect), largest area first.

    Cached by content; given the `previous` map of the same layer and its paths by label, only the labels
    whose region changed are traced again (between two simulation steps most tissues stay as they were).
    Labels in `leave_out` (never drawn, such as the background) are not traced at all. `counts`: the map's
    site_counts, and `changed`: changes(previous map, labels), when known."""
    labels = np.asarray(labels)
    key = (key if key is not None else digest(labels), float(aspect), leave_out)
    with _PATHS_LOCK:
        found = _PATHS.get(key)
        if found is not None:
            _PATHS.move_to_end(key)
            return found
    if counts is None:
        counts = site_counts(labels)
    if previous is not None and previous[0].shape == labels.shape:
        old, old_paths = previous
        gone, came = changed if changed is not None else changes(old, labels)
        changed = set(np.unique(gone).tolist()) | set(np.unique(came).tolist())
        present = set(np.flatnonzero(counts).tolist()) - leave_out
        paths = {v: p for v, p in old_paths.items() if v in present and v not in changed}
        paths.update(_paths(labels, aspect, only=sorted(changed & present)) if changed & present else {})
    elif leave_out:
        paths = _paths(labels, aspect, only=sorted(set(np.flatnonzero(counts).tolist()) - leave_out))
    else:
        paths = _paths(labels, aspect)
    out = sorted(((v, int(counts[v]), p) for v, p in paths.items()), key=lambda t: (-t[1], t[0]))
    with _PATHS_LOCK:
        _PATHS[key] = out
        while len(_PATHS) > 24:
            _PATHS.popitem(last=False)
    return out


def cached_paths(key: bytes, leave_out: frozenset, aspect: float = 1.0) -> list | None:
    """label_paths' answer if a map of this content was traced already (ahead, on the play worker), else None."""
    with _PATHS_LOCK:
        found = _PATHS.get((key, float(aspect), leave_out))
        if found is not None:
            _PATHS.move_to_end((key, float(aspect), leave_out))
        return found


_UNDERLAYS: OrderedDict = OrderedDict()  # (digest, LUT bytes, skip, background) -> Underlay, a few steps back


class Underlay:
    """The tissues as the sites lie, drawn beneath the outlines (see TissueItem.set_labels): the image, the label
    map it shows, and whether it is opaque (paints the background's colour itself)."""

    def __init__(self, labels: np.ndarray, lut: np.ndarray, skip: int | None, background: int):
        # sites next to the background are left out, so its steps never stick out of the outline
        lab = np.ascontiguousarray(labels, dtype=np.uint8)
        rows, cols = lab.shape
        out = _pad_edge(lab == background)  # a crop's edge is not background (no notches there)
        # its 3 x 3 neighbourhood, one direction after the other (the same sites as the nine shifts at once)
        column = out[:-2] | out[1:-1]
        column |= out[2:]
        near = column[:, :-2] | column[:, 1:-1]
        near |= column[:, 2:]
        self.labels = lab.copy()
        np.copyto(self.labels, np.uint8(background), where=near)
        img = QtGui.QImage(self.labels.data, cols, rows, cols, QtGui.QImage.Format.Format_Indexed8)
        # on a canvas of the background's colour the underlay paints that colour itself (opaque: a plain copy
        # rather than a blend, and the canvas need not clear what it covers first)
        self.opaque = skip is not None and skip == background
        canvas = QtGui.qRgba(*(int(v) for v in np.asarray(lut)[background][:3]), 255) if self.opaque else None
        img.setColorTable(_colour_table(lut, background, canvas))
        fmt = QtGui.QImage.Format.Format_RGB32 if self.opaque else QtGui.QImage.Format.Format_ARGB32_Premultiplied
        self.image = img.convertToFormat(fmt)  # owns its pixels (a QImage may be made on any thread)


def _pad_edge(mask: np.ndarray) -> np.ndarray:
    """np.pad(mask, 1, mode="edge") without its overhead: one site more all round, copying the edge's sites."""
    rows, cols = mask.shape
    out = np.empty((rows + 2, cols + 2), mask.dtype)
    out[1:-1, 1:-1] = mask
    out[0, 1:-1] = mask[0]
    out[-1, 1:-1] = mask[-1]
    out[:, 0] = out[:, 1]
    out[:, -1] = out[:, -2]
    return out


def underlay(labels: np.ndarray, lut: np.ndarray, key: bytes, skip: int | None, background: int) -> Underlay:
    """The map's underlay, made once (ahead, on the play worker, or here) and remembered for a few steps."""
    lut = np.ascontiguousarray(lut, dtype=np.uint8)
    k = (key, lut.tobytes(), skip, background)
    with _PATHS_LOCK:
        found = _UNDERLAYS.get(k)
        if found is not None:
            _UNDERLAYS.move_to_end(k)
            return found
    found = Underlay(labels, lut, skip, background)
    with _PATHS_LOCK:
        _UNDERLAYS[k] = found
        while len(_UNDERLAYS) > 8:
            _UNDERLAYS.popitem(last=False)
    return found


def left_out(lut: np.ndarray, skip: int | None) -> frozenset:
    """Tissues never drawn (the background on a canvas of its colour, transparent ones): not traced."""
    return frozenset(np.flatnonzero(np.asarray(lut)[:, 3] == 0).tolist()) | ({skip} if skip is not None else set())


class LayerTrace:
    """A layer's maps traced one after another into the shared cache: only the labels whose region changed since
    the map before are traced again, and a map traced already (ahead, on the play worker) is not traced again."""

    def __init__(self):
        self._previous = None  # (labels, paths by label, labels left out, site counts or None) of the map before

    def __call__(self, labels: np.ndarray, lut: np.ndarray, skip: int | None, key: bytes) -> list:
        """label_paths' answer for the map (tissues never drawn left out)."""
        leave_out = left_out(lut, skip)
        last = self._previous
        found, counts = cached_paths(key, leave_out), None  # (traced already: nothing to count)
        if found is None:
            # what changed since the map before, found once for the count and the tracing
            changed = changes(last[0], labels) if last is not None and last[0].shape == labels.shape else None
            counts = site_counts(labels, (last[0], last[3]) if last is not None and last[3] is not None else None,
                                 changed)
            prev = last[:2] if last is not None and last[2] == leave_out else None
            found = label_paths(labels, 1.0, key, prev, leave_out, counts=counts, changed=changed)
        self._previous = (np.array(labels, copy=True), {v: p for v, _a, p in found}, leave_out, counts)
        return found


class TraceAhead(LayerTrace):
    """Traces a layer's outlines and makes its underlay into the shared caches ahead of the item that will show
    them (on the play pipeline's worker thread), with the same keys as TissueItem.set_labels, so that it finds
    them there."""

    def __call__(self, labels: np.ndarray, lut: np.ndarray, skip: int | None, background: int = 0,
                 key: bytes | None = None) -> None:
        key = key if key is not None else digest(labels)
        super().__call__(labels, lut, skip, key)
        underlay(labels, lut, key, skip, background)  # (its image too: the GUI thread only draws it)


_TABLES: dict = {}  # (LUT bytes, background) -> the underlay's colour table


def _colour_table(lut: np.ndarray, background: int, canvas: int | None = None) -> list[int]:
    """The underlay's colours: opaque tissues as in the LUT, the background and translucent ones left out
    (transparent), or given the canvas's colour (an opaque RGB value), painted in that colour instead."""
    rgba = np.ascontiguousarray(lut, dtype=np.uint8)
    key = (rgba.tobytes(), rgba.shape, background, canvas)
    table = _TABLES.get(key)
    if table is None:
        if len(_TABLES) > 16:
            _TABLES.clear()
        clear = 0 if canvas is None else canvas
        table = _TABLES[key] = [QtGui.qRgba(int(r), int(g), int(b), 255) if a == 255 and i != background else clear
                                for i, (r, g, b, a) in enumerate(rgba)]
    return table


class TissueItem(QtWidgets.QGraphicsObject):
    """A layer's tissue map as one filled, smoothed outline per tissue, in the coordinates of its view box."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rect = QtCore.QRectF()
        self._paths: list = []
        self._brushes: dict[bytes, tuple[QtGui.QBrush, QtGui.QPen]] = {}  # RGBA -> fill and outline
        self.key = None
        self._content = None  # what the traced outlines and underlay show (the map, LUT, skip): not the stretch
        self._aspect = 1.0  # the layer's height per site: the item's transform, never traced into the outlines
        self._trace = LayerTrace()  # the maps it showed, one after another
        self._underlay = QtGui.QImage()
        self._underlay_labels = np.zeros((0, 0), np.uint8)
        self._background = 0
        self._stairs = None
        self.opaque = False  # the underlay covers its whole rectangle (the background in the canvas's colour)
        self.traced = 0  # how many maps were traced (a new map, LUT or skip; not a new stretch)

    def set_labels(self, labels: np.ndarray, aspect: float, lut: np.ndarray, key: bytes | None = None,
                   skip: int | None = None, background: int = 0) -> None:
        """Show a label map with colours from an RGBA LUT, leaving out label `skip` (the background, when the
        canvas is already that colour); nothing is redone when map, LUT and skip are unchanged. The outlines are
        traced in sites and stretched by `aspect` as the item's transform: while playing the organ's proportions
        change at every frame, its tissue only at each step of the history."""
        key = key if key is not None else digest(labels)
        full = (key, float(aspect), id(lut), skip)
        if full == self.key:
            return
        self.key = full
        if float(aspect) != self._aspect:
            self._aspect = float(aspect)
            self.setTransform(QtGui.QTransform.fromScale(1.0, self._aspect))
        content = (key, id(lut), skip)
        if content == self._content:  # only the stretch changed
            self.update()
            return
        self._content = content
        self.traced += 1
        rows, cols = labels.shape
        self.prepareGeometryChange()
        self._rect = QtCore.QRectF(0, 0, cols, rows)
        self._paths = []
        # tissues never drawn (the background on a canvas of its colour, transparent ones) are not traced
        found = self._trace(labels, lut, skip, key)
        # beneath the outlines, the tissues as the sites lie (drawn unsmoothed, nearest pixel): where three
        # meet and each outline rounds its corner, the right tissue shows through the gap, not the background
        under = underlay(labels, lut, key, skip, background)
        self.opaque = under.opaque
        self._underlay = under.image
        self._underlay_labels = under.labels
        self._background = background
        self._stairs = None
        rgba = np.asarray(lut, np.uint8)
        for value, _area, path in found:
            a = int(rgba[value][3])
            if value == skip or a == 0:  # the background, already the canvas's colour (or transparent)
                continue
            brush, pen = self._brush_pen(rgba[value])
            opaque = a == 255
            self._paths.append((path, brush, pen, value if opaque else None))
        self.update()

    def _brush_pen(self, rgba: np.ndarray) -> tuple[QtGui.QBrush, QtGui.QPen]:
        """A tissue colour's fill and its one-pixel outline (none for a translucent tissue), made once per colour."""
        key = bytes(rgba)
        found = self._brushes.get(key)
        if found is None:
            r, g, b, a = (int(v) for v in rgba)
            colour = QtGui.QColor(r, g, b, a)
            pen = QtGui.QPen(colour, 1.0) if a == 255 else QtGui.QPen(QtCore.Qt.PenStyle.NoPen)
            pen.setCosmetic(True)
            if len(self._brushes) > 256:
                self._brushes.clear()
            found = self._brushes[key] = (QtGui.QBrush(colour), pen)
        return found

    def boundingRect(self) -> QtCore.QRectF:
        return self._rect

    def covered(self) -> QtCore.QRect:
        """Device pixels of the scene that the opaque underlay surely paints (an empty rectangle if it does not):
        its rectangle in the scene, within its clipping view box, less a pixel all round."""
        if not self.opaque or self._underlay.isNull() or not self.isVisible():
            return QtCore.QRect()
        r = self.mapRectToScene(self._rect)
        parent = self.parentItem()
        while parent is not None:
            if parent.flags() & QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape:
                r = r.intersected(parent.mapRectToScene(parent.boundingRect()))
            parent = parent.parentItem()
        left, top = math.ceil(r.left()) + 1, math.ceil(r.top()) + 1
        right, bottom = math.floor(r.right()) - 1, math.floor(r.bottom()) - 1
        return QtCore.QRect(left, top, right - left, bottom - top) if right > left and bottom > top else QtCore.QRect()

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        """Fills, then a one-pixel antialiased outline of each tissue in its own colour: the outline makes every
        boundary smooth and closes the seam two antialiased fills would leave between them."""
        painter.save()
        engine = painter.paintEngine()
        vector = engine is not None and engine.type() != QtGui.QPaintEngine.Type.Raster
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, vector)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        if not vector:
            painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(self._rect, self._underlay)
        else:  # vector output: the underlay as paths
            if self._stairs is None:
                self._stairs = stair_paths(self._underlay_labels, 1.0)
            for _path, brush, _pen, value in self._paths:
                if value is not None and value != self._background and value in self._stairs:
                    painter.setBrush(brush)
                    painter.drawPath(self._stairs[value])
        for path, brush, _pen, _value in self._paths:
            painter.setBrush(brush)
            painter.drawPath(path)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for path, _brush, pen, _value in self._paths:
            if pen.style() != QtCore.Qt.PenStyle.NoPen:
                painter.setPen(pen)
                painter.drawPath(path)
        painter.restore()
