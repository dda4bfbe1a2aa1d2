"""Every measure of every registered process has a name in both languages (the Compare readout and plot)."""

from osteoviz.content import strings
from osteoviz.model import registry
from osteoviz.qt.compare import measure_label


def test_every_measure_of_every_process_is_named_in_english_and_dutch():
    checked = 0
    for pid in registry.process_ids():
        module = registry.load_module(pid, "measures")
        if module is None:
            continue
        for name in module.MEASURES:
            en, nl = (measure_label(name, lang) for lang in ("en", "nl"))
            for lang, text in (("en", en), ("nl", nl)):
                assert f"measure.{name}" in strings(lang).data, (pid, name, lang)
                assert "_" not in text and text.strip(), (pid, name, lang)
            checked += 1
    assert checked >= 3 * 5  # all three processes have their measures
