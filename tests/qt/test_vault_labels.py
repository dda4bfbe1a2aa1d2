"""Labelled vault pictures: inset leaders spread and never cross (birth), the anterior-fontanelle leader off the
metopic line, and the young occipital's name beside its centre, not on it (week 9.4)."""

import numpy as np
import pytest
from PySide6 import QtCore

from osteoviz.model import registry
from osteoviz.model.kinds import Tissue as T
from osteoviz.model.scenario import Scenario
from osteoviz.model.vault import OCCIPITAL
from osteoviz.qt.export_picture import PictureOptions, configured_canvas
from osteoviz.qt.labels import leader_end

W, H = 1920, 1080


def _canvas(phase_id, lang="en"):
    spec = next(p for p in registry.get("intramembranous").phases if p.id == phase_id)
    canvas = configured_canvas(Scenario("intramembranous"), spec.representative_day,
                               PictureOptions(W, H, labels=True, lang=lang))
    canvas.text_scale, canvas.compact, canvas._key = 1.0, False, None  # a full picture (the shared canvas may hold
    canvas.render_image(W, H)  # a strip panel's settings from an earlier test)
    return canvas


def _cross(p, q, r, s):
    def ccw(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return ccw(p, q, r) * ccw(p, q, s) < 0 and ccw(r, s, p) * ccw(r, s, q) < 0


def _leaders(placed):
    out = []
    for key, a, r in placed:
        e = leader_end(a, r)
        out.append((key, (a.x(), a.y()), (e.x(), e.y())))
    return out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_birth_inset_leaders_spread_over_both_bone_edges_and_never_cross(qapp, lang):
    c = _canvas("sutures_fontanelles", lang)
    lay = c.overlay()
    inset = _leaders(lay.inset_labels)
    assert len(inset) >= 5
    for i, (k1, p, q) in enumerate(inset):
        for k2, r, s in inset[i + 1:]:
            assert not _cross(p, q, r, s), (k1, k2)  # old picture: the red-marrow leader crossed the others
    # the suture sits mid-inset; cell labels point at both bone edges, not four at one piece
    suture_x = next(a[0] for k, a, _ in inset if k == "suture")
    cells = [a[0] for k, a, _ in inset if k not in ("suture",)]
    left = sum(x < suture_x for x in cells)
    assert 2 <= left <= len(cells) - 2, (left, cells)


def test_anterior_fontanelle_leader_starts_off_the_metopic_line(qapp):
    c = _canvas("sutures_fontanelles")
    lay = c.overlay()
    organ = c.organ_scene_rect()
    mid_x = organ.center().x()  # the vault is drawn centred: the metopic / sagittal line
    key, a, r = next(t for t in lay.labels if t[0] == "anterior_fontanelle")
    e = leader_end(a, r)
    assert abs(a.x() - mid_x) >= 25, (a.x(), mid_x)  # old: anchored on the midline, a second metopic line
    assert min(abs(a.x() - mid_x), abs(e.x() - mid_x)) >= 20


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_young_occipital_name_does_not_cover_its_centre(qapp, lang):
    c = _canvas("osteocytes", lang)
    lay = c.overlay()
    f = c.frame
    organ = c.organ_scene_rect()
    rows, cols = f.main.tissue.shape
    box = next(r for k, _t, r in lay.names if k == "occipital")
    # the sites under the name box
    x0 = int(np.floor((box.left() - organ.left()) / organ.width() * cols))
    x1 = int(np.ceil((box.right() - organ.left()) / organ.width() * cols))
    y0 = int(np.floor((box.top() - organ.top()) / organ.height() * rows))
    y1 = int(np.ceil((box.bottom() - organ.top()) / organ.height() * rows))
    from osteoviz.simcache import load

    model, _ = load("intramembranous")
    sub = f.main.tissue[max(y0, 0):y1, max(x0, 0):x1]
    own = model.vault.own[max(y0, 0):y1, max(x0, 0):x1]
    assert not (np.isin(sub, (T.BONE, T.OSTEOID)) & (own == OCCIPITAL[0])).any()  # old: the box on the centre
