"""Cell types differ by shape, not only colour: every symbol's silhouette is its own."""

import itertools

import numpy as np
from PySide6 import QtCore, QtGui

from osteoviz.model.kinds import Cell, cell_key
from osteoviz.qt.symbols import SHAPES, symbol_path


def silhouette(symbol, n: int = 48, scale: float = 1.0) -> np.ndarray:
    """The symbol filled in an n x n mask (its unit path scaled to the mask, times `scale`)."""
    img = QtGui.QImage(n, n, QtGui.QImage.Format.Format_Grayscale8)
    img.fill(0)
    p = QtGui.QPainter(img)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
    p.translate(n / 2, n / 2)
    p.scale(n * 0.9 * scale, n * 0.9 * scale)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(QtGui.QColor(255, 255, 255))
    p.drawPath(symbol_path(symbol))
    p.end()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(n, img.bytesPerLine())[:, :n]
    return buf.copy() > 127


def test_every_cell_type_has_a_shape_of_its_own(qapp):
    assert set(SHAPES) == {c for c in Cell if c != Cell.NONE}
    masks = {c: silhouette(sym) for c, (sym, _) in SHAPES.items()}
    for c, m in masks.items():
        assert m.sum() > 40, cell_key(c)
    for a, b in itertools.combinations(masks, 2):
        ra, rb = SHAPES[a][1], SHAPES[b][1]
        if max(ra, rb) / min(ra, rb) >= 1.5:
            continue  # told apart by size (a resting chondrocyte beside a swollen hypertrophic one)
        overlap = (masks[a] & masks[b]).sum() / (masks[a] | masks[b]).sum()
        assert overlap < 0.8, f"{cell_key(a)} and {cell_key(b)} look alike ({overlap:.2f})"


def runs(line: np.ndarray) -> int:
    """How many separate filled stretches a row of a mask crosses."""
    return int(np.count_nonzero(np.diff(line.astype(int)) == 1) + int(line[0]))


def test_osteocyte_has_canaliculi_and_hypertrophic_cell_sits_in_a_lacuna(qapp):
    n = 96
    osteocyte = silhouette(SHAPES[Cell.OSTEOCYTE][0], n)
    yy, xx = np.mgrid[0:n, 0:n] - n / 2
    ring = np.abs(np.hypot(xx, yy) - 0.38 * n) < 1.0  # a circle well outside the cell body
    angles = np.arctan2(yy[ring & osteocyte], xx[ring & osteocyte])
    assert len(np.unique(np.round(angles * 3))) >= 8  # thin processes radiate all round
    assert osteocyte.mean() < 0.2  # a small body with thin lines, not a filled star
    hyper = silhouette(SHAPES[Cell.HYPERTROPHIC][0], n)
    assert runs(hyper[n // 2 + 4]) >= 3  # rim of the lacuna, clear space, the cell: several stretches across
    assert not hyper[n // 2 - 4, n // 2 + 6]  # the nucleus (a dark hole in the pale cell)
    assert hyper.mean() > 0.4  # large and rounded, not a thin outline


def test_cells_that_matter_have_a_minimum_size_on_screen(qapp):
    from osteoviz.model import registry
    from osteoviz.qt.headless import offscreen_canvas
    from osteoviz.qt.symbols import MIN_PX
    from osteoviz.simcache import load

    model, history = load("endochondral")
    canvas = offscreen_canvas("screen", "en")
    canvas.frame = model.frame(history, registry.get("endochondral").phases[5].representative_day)
    canvas._key = None
    canvas.render_image(1920, 1080)
    drawn = [c for c in (Cell.HAEMATOPOIETIC, Cell.OSTEOCYTE) if len(canvas.frame.inset.cells.get(c, ())) > 0]
    assert drawn
    for c in drawn:
        assert canvas.scatters[int(c)].size_px >= MIN_PX[c] - 1e-6, cell_key(c)
