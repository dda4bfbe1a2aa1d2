"""Skeleton-map drawing and palette from assets/skeleton/ as Qt painter paths and colours (validated)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6 import QtCore, QtGui

from ..colours import PROFILES, _colour
from ..errors import ContentError
from ..jsonfile import field, read_json
from ..model.skeleton import MECHANISMS, ORIGINS, load_bones
from ..paths import assets_dir

VIEWS = ("front", "skull_side")
ZOOMS = ("hand", "foot")  # magnified parts of the front view
PATTERNS = {"none": None, "hatch": QtCore.Qt.BrushStyle.BDiagPattern, "cross": QtCore.Qt.BrushStyle.DiagCrossPattern,
            "dots": QtCore.Qt.BrushStyle.Dense6Pattern}


@dataclass(frozen=True)
class CentreMark:
    bone: str
    centre: str
    points: tuple[QtCore.QPointF, ...]
    radius: float


@dataclass(frozen=True)
class Label:
    bone: str
    anchor: QtCore.QPointF  # on the bone
    text: QtCore.QPointF  # where the label's near end sits (vertically centred)
    side: str  # "left": text ends at text.x(); "right": text starts there


@dataclass(frozen=True)
class View:
    """One drawing: its viewbox, the layers back to front, and where secondary centres sit."""

    name: str
    viewbox: QtCore.QRectF
    split: bool  # paired bones are mirrored about x = 50: treat each side as its own piece
    layers: tuple[tuple[str, str | None, QtGui.QPainterPath], ...]  # (kind: bone/hole/cartilage, bone id, path)
    bone_paths: dict[str, QtGui.QPainterPath]
    ossify_from: dict[str, tuple[QtCore.QPointF, ...]]  # where a bone's primary ossification starts, if not its middle
    centres: tuple[CentreMark, ...]
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class SkeletonPalette:
    origin: dict[str, str]
    mechanism: dict[str, str]
    origin_pattern: dict[str, str]
    mechanism_pattern: dict[str, str]
    unossified_fill: str
    unossified_edge: str
    outline: str
    hole: str
    centre_fill: str
    centre_edge: str


def _shape(path, s, where: str) -> QtGui.QPainterPath:
    p = QtGui.QPainterPath()
    p.setFillRule(QtCore.Qt.FillRule.WindingFill)
    if not isinstance(s, dict):
        raise ContentError(path, where, "expected a shape object")
    if "poly" in s:
        pts = field(path, s, "poly", list, where)
        if len(pts) < 3:
            raise ContentError(path, f"{where}.poly", "a polygon needs at least 3 points")
        p.addPolygon(QtGui.QPolygonF([QtCore.QPointF(*_point(path, q, f"{where}.poly")) for q in pts]))
        p.closeSubpath()
    elif "ellipse" in s:
        e = field(path, s, "ellipse", list, where)
        if len(e) != 4 or not all(isinstance(v, (int, float)) for v in e):
            raise ContentError(path, f"{where}.ellipse", "expected [cx, cy, rx, ry]")
        p.addEllipse(QtCore.QPointF(e[0], e[1]), e[2], e[3])
    elif "stroke" in s:
        pts = field(path, s, "stroke", list, where)
        width = field(path, s, "width", (int, float), where)
        line = QtGui.QPainterPath()
        line.addPolygon(QtGui.QPolygonF([QtCore.QPointF(*_point(path, q, f"{where}.stroke")) for q in pts]))
        stroker = QtGui.QPainterPathStroker()
        stroker.setWidth(float(width))
        stroker.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
        stroker.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
        p = stroker.createStroke(line).simplified()
    else:
        raise ContentError(path, where, "expected one of poly, ellipse, stroke")
    return p


def _point(path, q, where: str) -> tuple[float, float]:
    if not (isinstance(q, list) and len(q) == 2 and all(isinstance(v, (int, float)) for v in q)):
        raise ContentError(path, where, f"expected a point [x, y], got {q!r}")
    return float(q[0]), float(q[1])


def _labels(path, raw, where: str, bone_paths) -> tuple[Label, ...]:
    labels = []
    for k, lab in enumerate(raw):
        lw = f"{where}.labels[{k}]"
        if not isinstance(lab, dict):
            raise ContentError(path, lw, "expected an object")
        bone_id = field(path, lab, "bone", str, lw)
        if bone_id not in bone_paths:
            raise ContentError(path, f"{lw}.bone", f"{bone_id!r} is not drawn in this view")
        side = field(path, lab, "side", str, lw)
        if side not in ("left", "right"):
            raise ContentError(path, f"{lw}.side", "expected left or right")
        labels.append(Label(bone_id, QtCore.QPointF(*_point(path, lab.get("anchor"), f"{lw}.anchor")),
                            QtCore.QPointF(*_point(path, lab.get("text"), f"{lw}.text")), side))
    return tuple(labels)


@lru_cache(maxsize=None)
def load_drawing() -> dict[str, View]:
    """assets/skeleton/drawing.json as painter paths; every drawn bone must exist in bones.json."""
    path = assets_dir() / "skeleton" / "drawing.json"
    data = read_json(path)
    ids = set(load_bones().ids)
    views_data = field(path, data, "views", dict)
    views = {}
    for name in VIEWS:
        v = field(path, views_data, name, dict, "views")
        where = f"views.{name}"
        vb = field(path, v, "viewbox", list, where)
        axis = float(field(path, v, "axis", (int, float), where))
        mirror_t = QtGui.QTransform(-1, 0, 0, 1, 2 * axis, 0)
        layers, bone_paths, ossify_from = [], {}, {}
        for i, layer in enumerate(field(path, v, "layers", list, where)):
            lw = f"{where}.layers[{i}]"
            if not isinstance(layer, dict):
                raise ContentError(path, lw, "expected an object")
            united = QtGui.QPainterPath()
            united.setFillRule(QtCore.Qt.FillRule.WindingFill)
            for j, s in enumerate(field(path, layer, "shapes", list, lw)):
                shape = _shape(path, s, f"{lw}.shapes[{j}]")
                united = united.united(shape)
                if layer.get("mirror", False):
                    united = united.united(mirror_t.map(shape))
            bone_id = layer.get("bone")
            if bone_id is not None:
                if bone_id not in ids:
                    raise ContentError(path, f"{lw}.bone", f"{bone_id!r} is not a bone in bones.json")
                kind = "bone"
                if "from" in layer:
                    pts = [QtCore.QPointF(*_point(path, q, f"{lw}.from")) for q in field(path, layer, "from", list, lw)]
                    if layer.get("mirror", False):
                        pts += [mirror_t.map(q) for q in pts]
                    ossify_from[bone_id] = ossify_from.get(bone_id, ()) + tuple(pts)
                bone_paths[bone_id] = bone_paths[bone_id].united(united) if bone_id in bone_paths else united
            elif layer.get("hole"):
                kind = "hole"
            elif layer.get("cartilage"):
                kind = "cartilage"
            else:
                raise ContentError(path, lw, "expected 'bone', 'hole' or 'cartilage'")
            layers.append((kind, bone_id, united))
        bones = load_bones()
        centres = []
        for bone_id, cs in field(path, v, "centres", dict, where).items():
            if bone_id not in ids:
                raise ContentError(path, f"{where}.centres.{bone_id}", "not a bone in bones.json")
            known = {c.id for c in bones.bone(bone_id).secondary}
            for cid, spec in cs.items():
                cw = f"{where}.centres.{bone_id}.{cid}"
                if cid not in known:
                    raise ContentError(path, cw, f"{bone_id} has no secondary centre {cid!r} in bones.json")
                pts = [QtCore.QPointF(*_point(path, q, cw)) for q in field(path, spec, "at", list, cw)]
                if layers and any(la[1] == bone_id for la in layers):
                    mirrored = next(la for la in field(path, v, "layers", list, where) if la.get("bone") == bone_id)
                    if mirrored.get("mirror", False):
                        pts += [mirror_t.map(q) for q in pts]
                centres.append(CentreMark(bone_id, cid, tuple(pts), float(field(path, spec, "r", (int, float), cw))))
        split = any(la.get("mirror", False) for la in field(path, v, "layers", list, where))
        labels = _labels(path, v.get("labels", []), where, bone_paths)
        views[name] = View(name, QtCore.QRectF(*[float(x) for x in vb]), split, tuple(layers), bone_paths, ossify_from,
                           tuple(centres), labels)
    zooms = field(path, data, "zooms", dict)
    for name in ZOOMS:
        z = field(path, zooms, name, dict, "zooms")
        base = views[field(path, z, "of", str, f"zooms.{name}")] if z.get("of") in views else None
        if base is None:
            raise ContentError(path, f"zooms.{name}.of", f"expected one of {', '.join(VIEWS)}")
        vb = field(path, z, "viewbox", list, f"zooms.{name}")
        views[name] = View(name, QtCore.QRectF(*[float(x) for x in vb]), base.split, base.layers, base.bone_paths,
                           base.ossify_from, base.centres, _labels(path, z.get("labels", []), f"zooms.{name}",
                                                                   base.bone_paths))
    return views


@lru_cache(maxsize=None)
def load_skeleton_palette(profile: str) -> SkeletonPalette:
    """The skeleton-map colours of a profile from assets/skeleton/palette.json."""
    if profile not in PROFILES:
        raise ValueError(f"unknown colour profile {profile!r}")
    path = assets_dir() / "skeleton" / "palette.json"
    data = field(path, read_json(path), profile, dict)

    def group(name, keys, values=None):
        block = field(path, data, name, dict, profile)
        out = {}
        for k in keys:
            if values is None:
                out[k] = _colour(path, block, k, f"{profile}.{name}")
            else:
                out[k] = field(path, block, k, str, f"{profile}.{name}")
                if out[k] not in values:
                    raise ContentError(path, f"{profile}.{name}.{k}", f"expected one of {', '.join(values)}")
        return out

    return SkeletonPalette(
        origin=group("origin", ORIGINS),
        mechanism=group("mechanism", MECHANISMS),
        origin_pattern=group("origin_pattern", ORIGINS, PATTERNS),
        mechanism_pattern=group("mechanism_pattern", MECHANISMS, PATTERNS),
        **{k: _colour(path, data, k, profile) for k in ("unossified_fill", "unossified_edge", "outline", "hole",
                                                         "centre_fill", "centre_edge")},
    )
