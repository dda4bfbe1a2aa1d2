"""OI matrix is hypermineralised: its bone is drawn slightly brighter than normal bone, in the same hue."""

import numpy as np

from osteoviz.colours import load_profile
from osteoviz.model.clock import parse_time
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.scenario import Scenario
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from osteoviz.qt.mineral import mineral_lut


def _pixels(img) -> np.ndarray:
    img = img.convertToFormat(img.Format.Format_RGB888)
    ptr = img.constBits()
    rows = np.frombuffer(ptr, np.uint8, img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    return rows[:, :img.width() * 3].reshape(img.height(), img.width(), 3).copy()  # a copy: img's memory goes


def _count(px, rgb) -> int:
    return int(np.count_nonzero(np.all(px == np.array(rgb, np.uint8), axis=2)))


def test_oi_bone_is_drawn_brighter_than_normal_bone(qapp):
    day = parse_time("6y")
    opts = PictureOptions(1280, 720, legend=False)
    lut = load_profile("screen").tissue_lut(transparent_background=False)
    bright = mineral_lut(lut, 0.07)
    compact, compact_oi = (tuple(int(v) for v in x[T.COMPACT][:3]) for x in (lut, bright))
    assert sum(compact_oi) > sum(compact) + 20
    counts = []
    for sc in (Scenario("endochondral"), Scenario("endochondral", ("oi_type1",))):
        canvas = configured_canvas(sc, day, opts)
        px = _pixels(canvas.render_image(1280, 720))
        cols, n = np.unique(px.reshape(-1, 3), axis=0, return_counts=True)
        counts.append((_count(px, compact), _count(px, compact_oi)))
    (normal_plain, normal_bright), (oi_plain, oi_bright) = counts
    assert normal_plain > 100 and normal_bright == 0  # the normal cortex in its own colour
    assert oi_bright > 50 and oi_plain == 0  # the OI cortex only in the brighter one
