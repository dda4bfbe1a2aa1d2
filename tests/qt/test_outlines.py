"""Tissue drawn as smooth outlines: SVG tissue is vector paths (no bitmap), and a 4K edge has no staircase."""

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np
from PySide6 import QtCore, QtGui, QtSvg

from osteoviz.model.kinds import Tissue
from osteoviz.qt.export_picture import PictureOptions, export_picture
from osteoviz.qt.headless import frame_for, offscreen_canvas


def rgb(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 3 * img.width()].reshape(img.height(), img.width(), 3).astype(int)


def test_svg_tissue_is_vector_paths_that_cover_the_tissue(qapp, tmp_path):
    day = 210.0
    opts = PictureOptions(1280, 720)
    svg = export_picture("intramembranous", day, tmp_path / "v.svg", opts)
    png = export_picture("intramembranous", day, tmp_path / "v.png", opts)
    root = ET.parse(svg).getroot()
    assert not [t for t in root.iter() if t.tag.endswith("image")]  # no embedded bitmap at all
    canvas = offscreen_canvas()
    frame = frame_for("intramembranous", day)
    text = svg.read_text()
    for t in set(np.unique(frame.main.tissue).tolist()) - {int(Tissue.BACKGROUND)}:  # a filled path per tissue colour
        colour = QtGui.QColor(*(int(v) for v in canvas.profile.tissue_lut()[t][:3])).name()
        assert re.search(f'fill="{colour}"', text, re.IGNORECASE), colour
    # drawn back, the paths put the tissue where the picture has it
    renderer = QtSvg.QSvgRenderer(str(svg))
    img = QtGui.QImage(1280, 720, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor(canvas.profile.background))
    painter = QtGui.QPainter(img)
    renderer.render(painter)
    painter.end()
    a, b = rgb(img), rgb(QtGui.QImage(str(png)))
    canvas.frame = frame
    canvas.prepare(1280, 720)
    r = canvas.organ_scene_rect().toRect().intersected(QtCore.QRect(0, 0, 1280, 720))
    sl = (slice(r.top(), r.bottom()), slice(r.left(), r.right()))
    background = np.array(QtGui.QColor(canvas.profile.background).getRgb()[:3])
    tissue = np.abs(b[sl] - background).sum(axis=2) > 30
    assert tissue.mean() > 0.3
    same = np.abs(a[sl] - b[sl]).sum(axis=2) < 40
    assert same[tissue].mean() > 0.95


def edge_positions(img: np.ndarray, rows, x0: int, x1: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Sub-pixel x of the left-to-right colour change on each image row (by how much of each pixel is `left`)."""
    seg = img[rows, x0:x1].astype(float)
    d = right - left
    frac_right = np.clip(((seg - left) @ d) / float(d @ d), 0, 1)
    return x0 + (1 - frac_right).sum(axis=1)


def test_a_4k_boundary_has_no_staircase(qapp):
    canvas = offscreen_canvas()
    base = frame_for("endochondral", 140.0)
    rows, cols = base.main.tissue.shape
    yy, xx = np.mgrid[:rows, :cols]
    tissue = np.where(xx < cols // 2 + (yy - rows // 2) / 3.0, Tissue.CARTILAGE, Tissue.MARROW).astype(np.uint8)
    canvas.show_labels, canvas.show_scale = False, False
    canvas.frame = replace(base, main=replace(base.main, tissue=tissue), names=(), labels=(), inset_rect=None)
    try:
        img = rgb(canvas.render_image(3840, 2160))
    finally:
        canvas.show_scale = True
    organ = canvas.organ_scene_rect()
    px_site = organ.width() / cols
    assert px_site > 6  # big enough that a staircase would show whole-site steps (Scale2x upscaling left 0.22 of a site here)
    lut = canvas.profile.tissue_lut()
    left, right = lut[int(Tissue.CARTILAGE)][:3].astype(float), lut[int(Tissue.MARROW)][:3].astype(float)
    y0, y1 = int(organ.top() + organ.height() * 0.25), int(organ.top() + organ.height() * 0.75)
    cx = organ.center().x()
    x = edge_positions(img, slice(y0, y1), int(cx - 25 * px_site), int(cx + 25 * px_site), left, right)
    ys = np.arange(y0, y1)
    fit = np.polyval(np.polyfit(ys, x, 1), ys)
    # a staircase of whole sites strays by up to half a step (several pixels); a smooth edge by under a pixel
    assert np.abs(x - fit).max() < 0.15 * px_site, np.abs(x - fit).max() / px_site
    # and the edge is antialiased: pixels on it are a blend of the two colours
    seg = img[y0:y1, int(cx - 25 * px_site):int(cx + 25 * px_site)].astype(float)
    blend = np.clip(((seg - left) @ (right - left)) / float((right - left) @ (right - left)), 0, 1)
    assert ((blend > 0.15) & (blend < 0.85)).sum() > 0.5 * (y1 - y0)


def test_retracing_only_changed_tissues_gives_the_same_outlines(qapp):
    from osteoviz.qt import outlines
    from osteoviz.simcache import load

    model, history = load("endochondral")
    pos = float(model.scale.to_pos(140.0))
    maps = [frame_for("endochondral", float(model.scale.to_day(pos + 0.002 * i))).inset.tissue for i in range(4)]
    maps.append(np.where(maps[-1] == maps[-1][0, 0], int(Tissue.BONE), maps[-1]).astype(np.uint8))  # one tissue gone
    previous = None
    for labels in maps:
        outlines._PATHS.clear()
        full = outlines.label_paths(labels, 1.5)
        outlines._PATHS.clear()
        again = outlines.label_paths(labels, 1.5, previous=previous)
        assert [(v, a) for v, a, _ in again] == [(v, a) for v, a, _ in full]
        assert all(p == q for (_, _, p), (_, _, q) in zip(full, again))
        previous = (labels.copy(), {v: p for v, _, p in again})


def test_leaving_out_undrawn_tissues_and_caching_keep_the_other_outlines(qapp):
    """The background is not traced when it is not drawn; every other tissue's outline is the one a full
    tracing gives, whether fresh, from the cache, or retraced from the step before."""
    from osteoviz.qt import outlines
    from osteoviz.simcache import load

    model, history = load("endochondral")
    pos = float(model.scale.to_pos(100.0))
    maps = [frame_for("endochondral", float(model.scale.to_day(pos + 0.003 * i))).main.tissue for i in range(3)]
    bg = int(Tissue.BACKGROUND)
    skip = frozenset({bg})
    previous = None
    for labels in maps:
        outlines._PATHS.clear()
        full = {v: p for v, _a, p in outlines.label_paths(labels, 2.0)}
        outlines._PATHS.clear()
        fresh = outlines.label_paths(labels, 2.0, leave_out=skip)
        cached = outlines.label_paths(labels, 2.0, leave_out=skip)
        outlines._PATHS.clear()
        stepped = outlines.label_paths(labels, 2.0, previous=previous, leave_out=skip)
        assert bg in full and bg not in {v for v, _a, _p in fresh}
        for got in (fresh, cached, stepped):
            assert {v for v, _a, _p in got} == set(full) - skip
            assert all(p == full[v] for v, _a, p in got)
        previous = (labels.copy(), {v: p for v, _a, p in stepped})
