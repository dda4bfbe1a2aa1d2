"""Speaker notes are what a lecturer says in front of the picture: 3-5 sentences, both languages, no program talk."""

import re

import pytest

from osteoviz.content import process_content
from osteoviz.model import registry

SENTENCE_END = re.compile(r"[.?!](?=\s|$)")
# talk about the program or its sources belongs in the side panel, not in what the lecturer says
NOT_SPOKEN = re.compile(r"\b(model's rule|regel in het model|the model|het model|this app|deze app|the program|"
                        r"het programma|threshold|drempel|Hadlock|et al|\(\d{4}\)|\d{4}\b)", re.IGNORECASE)
POINTING = re.compile(r"\b(point|look|follow|find|show|read|name|walk|wijs|kijk|volg|zoek|laat|lees|benoem|loop)\b",
                      re.IGNORECASE)


@pytest.mark.parametrize("process", registry.process_ids())
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_notes_are_three_to_five_spoken_sentences_that_point_at_the_screen(process, lang):
    content = process_content(process, lang)
    assert [p.id for p in content.phases] == [p.id for p in registry.get(process).phases]
    for phase in content.phases:
        sentences = len(SENTENCE_END.findall(phase.notes))
        assert 3 <= sentences <= 5, (phase.id, sentences)
        assert not NOT_SPOKEN.search(phase.notes), (phase.id, NOT_SPOKEN.search(phase.notes).group(0))
        assert POINTING.search(phase.notes), phase.id  # names what to look at now


@pytest.mark.parametrize("process", registry.process_ids())
def test_dutch_notes_are_translations_not_copies(process):
    en = {p.id: p.notes for p in process_content(process, "en").phases}
    nl = {p.id: p.notes for p in process_content(process, "nl").phases}
    for pid, text in en.items():
        assert nl[pid] != text
        assert abs(len(SENTENCE_END.findall(nl[pid])) - len(SENTENCE_END.findall(text))) <= 1, pid
