"""Skeleton-map prose in both languages: every bone named, the About page correct and referenced."""

import json
import re

import numpy as np

import pytest

import osteoviz.skeletoncontent as sc
from osteoviz.colours import load_profile
from osteoviz.errors import ContentError
from osteoviz.model.skeleton import load_bones
from osteoviz.paths import assets_dir
from osteoviz.qt.aboutskeleton import about_skeleton_html


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_bone_centre_and_event_is_named(lang):
    t, data = sc.skeleton_text(lang), load_bones()
    assert set(data.ids) <= set(t.bones)
    assert {c.id for _, c in data.centres} <= set(t.centres)
    for b in data.bones:
        text = "\n".join(sc.hover_lines(data, b, 140.0, lang))
        assert t.bones[b.id] in text and t["origins"][b.origin] in text and t["mechanisms"][b.mechanism] in text


def test_dutch_is_translated_not_copied():
    en, nl = sc.skeleton_text("en"), sc.skeleton_text("nl")
    assert en.bones["frontal"] != nl.bones["frontal"] and en["origins"] != nl["origins"]
    for a, b in zip(en.about, nl.about):
        assert a.heading != b.heading and a.refs == b.refs and len(a.paragraphs) == len(b.paragraphs)
        assert re.findall(r"\d+", " ".join(a.paragraphs)) == re.findall(r"\d+", " ".join(b.paragraphs))


def test_about_page_says_what_bone_is_and_cites_its_sources():
    page = about_skeleton_html(load_profile("screen"), "en").lower()
    for must in ("type i collagen", "hydroxyapatite", "calcium phosphate", "not calcium carbonate", "osteoblasts",
                 "osteoclasts", "neural crest", "paraxial mesoderm", "lateral plate mesoderm", "endochondral",
                 "intramembranous", "remodel"):
        assert must in page, must
    assert re.search(r"osteoclasts[^.]*resorb", page) and not re.search(r"osteoblasts? (destroy|resorb)", page)
    assert re.search(r"sternum", page) and re.search(r"hyoid", page)
    assert page.count("<li>") >= 5 and "ross mh" in page
    assert "ca<sub>10</sub>(po<sub>4</sub>)<sub>6</sub>(oh)<sub>2</sub>" in page
    nl = about_skeleton_html(load_profile("projector"), "nl").lower()
    for must in ("hydroxyapatiet", "calciumfosfaat", "geen calciumcarbonaat", "osteoclasten breken", "neurale lijst",
                 "paraxiaal mesoderm", "laterale plaatmesoderm", "enchondra", "desmale"):
        assert must in nl, must


def test_a_missing_bone_name_names_the_file_and_field(tmp_path, monkeypatch):
    src = assets_dir()
    for sub in ("skeleton", "strings", "content/en"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
        for f in (src / sub).glob("*.json"):
            (tmp_path / sub / f.name).write_text(f.read_text())
    data = json.loads((tmp_path / "content/en/skeleton.json").read_text())
    del data["bones"]["femur"]
    (tmp_path / "content/en/skeleton.json").write_text(json.dumps(data))
    monkeypatch.setattr(sc, "assets_dir", lambda: tmp_path)
    sc.skeleton_text.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"skeleton.json: field 'bones.femur': missing"):
            sc.skeleton_text("en")
    finally:
        sc.skeleton_text.cache_clear()


def test_presenter_stops_match_in_both_languages_and_agree_with_the_data():
    en, nl = sc.skeleton_text("en"), sc.skeleton_text("nl")
    assert len(en.stops) >= 6 and [s.day for s in en.stops] == [s.day for s in nl.stops]
    for a, b in zip(en.stops, nl.stops):
        assert a.title != b.title and a.refs == b.refs
        assert re.findall(r"\d+", a.notes) == re.findall(r"\d+", b.notes)
    data = load_bones()
    first = data.state_at(en.stops[0].day)
    assert {data.ids[i] for i in np.flatnonzero(first.status)} <= {"clavicle", "mandible", "occipital_basilar"}
    birth = next(s for s in en.stops if "birth" in s.title.lower())
    at_birth = data.state_at(birth.day)
    assert at_birth.status[data.index("cuboid")] > 0 and at_birth.status[data.index("capitate")] == 0
