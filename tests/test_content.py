"""Content files: complete, traced to references, free of the source article's errors; bad files named."""

import json
import re

import pytest

import osteoviz.content as content
from osteoviz.model import registry
from osteoviz.errors import ContentError
from osteoviz.paths import assets_dir


@pytest.mark.parametrize("lang", content.LANGUAGES)
@pytest.mark.parametrize("process", ["endochondral", "intramembranous"])
def test_every_phase_has_text_cells_and_references(process, lang):
    c = content.process_content(process, lang)
    assert [p.id for p in c.phases] == [s.id for s in registry.get(process).phases]
    for p in c.phases:
        assert p.title and p.summary and p.paragraphs and p.cells and p.refs and p.notes


def all_prose(lang: str = "en") -> str:
    texts = []
    for path in (assets_dir() / "content" / lang).glob("*.json"):
        texts.append(path.read_text())
    return "\n".join(texts)


def test_source_article_errors_are_not_repeated():
    text = all_prose().lower()
    assert not re.search(r"osteoblasts? (destroy|resorb|break down)", text)
    assert "osteoclast" in text and "resorb" in text
    assert "scleraxix" not in text
    assert "hydroxyapatite" in text and "calcium phosphate" in text
    for m in re.finditer(r"calcium carbonate", text):  # only ever mentioned as the error it is
        assert "not calcium carbonate" in text[max(0, m.start() - 4):m.end()]
    assert not re.search(r"pax1[^.]*(switch|master)", text)
    assert "sox9" in text
    assert "pluripotent" not in text


def test_dutch_prose_does_not_repeat_the_source_article_errors():
    text = all_prose("nl").lower()
    assert not re.search(r"osteoblast(en)? (breken|vernietigen|resorberen)", text)
    assert "osteoclasten breken" in text
    assert "scleraxix" not in text
    assert "hydroxyapatiet" in text and "calciumfosfaat" in text
    for m in re.finditer(r"calciumcarbonaat", text):
        assert "geen calciumcarbonaat" in text[max(0, m.start() - 5):m.end()]
    assert not re.search(r"pax1[^.]*(hoofd|schakel)", text)
    assert "sox9" in text and "pluripotent" not in text


def test_dutch_timings_match_the_english_ones():
    for process in registry.process_ids():
        en, nl = content.process_content(process, "en"), content.process_content(process, "nl")
        for a, b in zip(en.phases, nl.phases):
            assert re.findall(r"\d+", a.when) == re.findall(r"\d+", b.when), a.id
            assert a.cells == b.cells and a.refs == b.refs and len(a.signals) == len(b.signals)
            assert a.title != b.title  # translated, not copied


def test_a_language_missing_a_string_names_the_file_and_key(tmp_path, monkeypatch):
    src = assets_dir()
    (tmp_path / "strings").mkdir()
    en = json.loads((src / "strings" / "en.json").read_text())
    nl = json.loads((src / "strings" / "nl.json").read_text())
    (tmp_path / "strings" / "en.json").write_text(json.dumps(en))
    monkeypatch.setattr(content, "assets_dir", lambda: tmp_path)
    content.strings.cache_clear()
    try:
        del nl["legend.cells"]
        (tmp_path / "strings" / "nl.json").write_text(json.dumps(nl))
        with pytest.raises(ContentError, match=r"nl.json: field 'legend.cells': missing"):
            content.strings("nl")
        nl["legend.cells"] = "Cellen"
        nl["age.week"] = "week {aantal}"
        (tmp_path / "strings" / "nl.json").write_text(json.dumps(nl))
        content.strings.cache_clear()
        with pytest.raises(ContentError, match=r"nl.json: field 'age.week': placeholders differ"):
            content.strings("nl")
    finally:
        content.strings.cache_clear()


def test_key_timings_match_the_fact_sheet():
    endo = {p.id: p for p in content.process_content("endochondral").phases}
    intra = {p.id: p for p in content.process_content("intramembranous").phases}
    assert "week 8" in endo["primary_centre"].when
    assert "31-32" in endo["secondary_centres"].when  # facts.md: distal femur about week 31-32 p.f.
    assert "14 months" in intra["fontanelle_closure"].when  # median anterior closure (Pindrik 2014, facts.md)
    assert "week 8" in intra["ossification_centre"].when


def test_malformed_content_names_file_and_field(tmp_path, monkeypatch):
    src = assets_dir()
    for sub in ("strings", "palettes"):
        (tmp_path / sub).mkdir()
        for f in (src / sub).glob("*.json"):
            (tmp_path / sub / f.name).write_text(f.read_text())
    (tmp_path / "content" / "en").mkdir(parents=True)
    for f in (src / "content" / "en").glob("*.json"):
        (tmp_path / "content" / "en" / f.name).write_text(f.read_text())
    data = json.loads((tmp_path / "content" / "en" / "endochondral.json").read_text())
    data["phases"][2]["title"] = ""
    (tmp_path / "content" / "en" / "endochondral.json").write_text(json.dumps(data))
    monkeypatch.setattr(content, "assets_dir", lambda: tmp_path)
    content.process_content.cache_clear()
    content.glossary.cache_clear()
    try:
        with pytest.raises(ContentError) as err:
            content.process_content("endochondral")
        assert "endochondral.json" in str(err.value) and "phases[2].title" in str(err.value)
        (tmp_path / "content" / "en" / "endochondral.json").write_text("{ not json")
        content.process_content.cache_clear()
        with pytest.raises(ContentError, match="endochondral.json.*line 1"):
            content.process_content("endochondral")
    finally:
        content.process_content.cache_clear()
        content.glossary.cache_clear()


def test_ages_are_written_the_way_each_language_writes_numbers():
    assert content.format_age(60.0, "en") == ("week 8.6", "GA 11 wk")
    assert content.format_age(60.0, "nl") == ("week 8,6", "AD 11 wk")
    two_and_a_half = 266.0 + 2.5 * 365.25
    assert content.format_age(two_and_a_half, "nl")[0] == "2,5 jaar"
    assert content.format_age(two_and_a_half, "en")[0] == "2.5 years"
    assert content.format_age(266.0 + 30.44, "nl")[0] == "1 maand"


def test_embryonic_ages_are_whole_weeks_not_false_decimals():
    assert content.format_age(48.3, "en")[0] == "weeks 6–7"  # 6.9 weeks after fertilisation
    assert content.format_age(52.5, "nl")[0] == "week 7–8"
    assert content.format_age(56.0, "en")[0] == "week 8"  # from week 8 on, tenths of a week again


def test_lengths_below_a_millimetre_are_not_stamped_zero():
    from osteoviz.content import format_length

    assert format_length(0.32) == "0.3 mm" and format_length(0.32, "nl") == "0,3 mm"
    assert format_length(22.4) == "22 mm" and format_length(270.0) == "27 cm"
