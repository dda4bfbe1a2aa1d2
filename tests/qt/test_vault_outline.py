"""The vault from above has a smooth outline: no notch or step where a suture meets its rim."""

import numpy as np
import pytest

from osteoviz.model import registry
from osteoviz.model.scenario import Scenario
from osteoviz.qt.export_picture import PictureOptions, configured_canvas

W, H = 1920, 1080


@pytest.mark.parametrize("phase_id", ["condensation", "sutures_fontanelles", "tables_diploe", "suture_fusion"])
def test_vault_outline_has_no_steps(qapp, phase_id):
    spec = next(p for p in registry.get("intramembranous").phases if p.id == phase_id)
    canvas = configured_canvas(Scenario("intramembranous"), spec.representative_day, PictureOptions(W, H))
    canvas.text_scale, canvas.compact, canvas._key = 1.0, False, None  # a full picture, not a strip panel's settings
    img = canvas.render_image(W, H)
    img = img.convertToFormat(img.Format.Format_RGB888)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(H, img.bytesPerLine())
    px = rows[:, :W * 3].reshape(H, W, 3).astype(int)
    organ = canvas.organ_scene_rect()
    bg = px[5, W // 2]
    x0, x1 = int(organ.left()) - 4, int(organ.center().x())
    y0, y1 = int(organ.top() + 0.25 * organ.height()), int(organ.top() + 0.8 * organ.height())
    # the left rim (the right one has the section's connector lines crossing it), rows clear of the bone names
    named = [r.adjusted(-8, -8, 8, 8) for _k, _t, r in canvas.overlay().names]
    edges = []
    for y in range(y0, y1):
        off = np.flatnonzero(np.abs(px[y, x0:x1] - bg).sum(axis=1) > 40)
        covered = any(r.top() <= y <= r.bottom() and r.left() < x1 for r in named)
        edges.append(np.nan if covered or not off.size else off[0])
    e = np.array(edges, float)
    assert np.isfinite(e).sum() > 0.6 * len(e)
    # seen from above the vault is convex: along the left rim the edge's x is a convex function of y, so no row
    # lies further in than the chord between the rows K above and K below it (a notch or a step does)
    k = 6
    mid, chord = e[k:-k], 0.5 * (e[:-2 * k] + e[2 * k:])
    ok = np.isfinite(mid) & np.isfinite(chord)
    assert ok.sum() > 0.4 * len(e)
    dent = (mid - chord)[ok].max()
    assert dent <= 2.5, dent  # old: notches of 3.5 px or more where the coronal and lambdoid sutures meet the rim
