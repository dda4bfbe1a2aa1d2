"""A clock per process: the developmental clock wraps today's behaviour; the injury clock counts from the injury."""

import numpy as np
import pytest

from osteoviz.content import strings
from osteoviz.model import clocks, registry
from osteoviz.model.clock import BIRTH_DAY, TimelineScale, TimeParseError, parse_time
from osteoviz.model.clocks import DEVELOPMENTAL, INJURY

EN, NL = strings("en"), strings("nl")


def test_registry_processes_carry_a_clock_object():
    for pid in registry.process_ids():
        assert isinstance(registry.get(pid).clock, clocks.Clock)
    assert registry.get("endochondral").clock is DEVELOPMENTAL
    femur = registry.get("endochondral")
    spec = registry.ProcessSpec("x", femur.params_type, femur.model_type, femur.phases, clock="injury")
    assert spec.clock is INJURY


@pytest.mark.parametrize("text", ["8w", "birth", "6m", "10y", "60d", "12.5w"])
def test_developmental_parses_and_writes_back_as_before(text):
    day = DEVELOPMENTAL.parse(text)
    assert day == parse_time(text)
    assert DEVELOPMENTAL.parse(DEVELOPMENTAL.text(day)) == pytest.approx(day, abs=1e-4)


def test_developmental_scale_ticks_and_birth_line_as_before():
    a, b = DEVELOPMENTAL.scale(42, BIRTH_DAY + 22 * 365.25), TimelineScale(42, BIRTH_DAY + 22 * 365.25)
    days = np.linspace(42, BIRTH_DAY + 22 * 365.25, 20)
    assert np.array_equal(a.to_pos(days), b.to_pos(days))
    ticks = dict((label, day) for day, label in DEVELOPMENTAL.ticks(42, BIRTH_DAY + 22 * 365.25, EN))
    assert ticks["birth"] == BIRTH_DAY and ticks["week 20"] == 140 and "30 years" not in ticks
    assert DEVELOPMENTAL.landmarks(42, 9000, EN) == [(BIRTH_DAY, "birth")]
    assert DEVELOPMENTAL.format(84, EN) == ("week 12", "GA 14 wk")
    assert "fertilisation" in DEVELOPMENTAL.footnote(100, EN)


@pytest.mark.parametrize("text, day", [("injury", 0.0), ("0d", 0.0), ("3d", 3.0), ("2w", 14.0), ("6h", 0.25),
                                       ("6m", 6 * 365.25 / 12), ("1y", 365.25), (" 4W ", 28.0)])
def test_injury_parse(text, day):
    assert INJURY.parse(text) == pytest.approx(day)
    assert INJURY.parse(INJURY.text(INJURY.parse(text))) == pytest.approx(day, abs=1e-4)


@pytest.mark.parametrize("text", ["", "birth", "3", "-3d", "week 2", "3x"])
def test_injury_parse_rejects_in_one_line(text):
    with pytest.raises(TimeParseError) as err:
        INJURY.parse(text)
    msg = str(err.value)
    assert "\n" not in msg and "injury" in msg and "3d" in msg and "fertilisation" not in msg


@pytest.mark.parametrize("day, en, nl", [(0.0, "at injury", "bij de breuk"), (0.25, "6 hours after injury", "6 uur na de breuk"),
                                         (3.0, "day 3 after injury", "dag 3 na de breuk"),
                                         (35.0, "week 5 after injury", "week 5 na de breuk"),
                                         (4 * 30.4375, "4 months after injury", "4 maanden na de breuk"),
                                         (365.25, "1 year after injury", "1 jaar na de breuk")])
def test_injury_format(day, en, nl):
    assert INJURY.format(day, EN) == (en, "")
    assert INJURY.format(day, NL) == (nl, "")


def test_injury_scale_starts_at_zero_and_gives_the_first_days_room():
    s = INJURY.scale(0.0, 365.0)
    days = np.linspace(0.0, 365.0, 40)
    assert np.allclose(s.to_day(s.to_pos(days)), days)
    assert s.to_pos(0.0) == 0.0 and s.to_pos(365.0) == pytest.approx(1.0)
    assert s.to_pos(7.0) > 0.3  # the inflammatory first week is a third of the bar, not 2 %
    assert s.to_pos(7.0) - s.to_pos(0.0) > s.to_pos(365.0) - s.to_pos(180.0)


def test_injury_ticks_landmarks_and_footnote_never_mention_birth():
    ticks = INJURY.ticks(0.0, 365.0, EN)
    labels = [label for _, label in ticks]
    assert ticks[0] == (0.0, "injury") and "day 3" in labels and "wk 2" in labels and "6 mo" in labels
    assert [d for d, _ in ticks] == sorted(d for d, _ in ticks) and all(0 <= d <= 365 for d, _ in ticks)
    assert INJURY.landmarks(0.0, 365.0, EN) == []
    text = " ".join(labels + [INJURY.footnote(10, EN), INJURY.footnote(10, NL)])
    for word in ("fertilisation", "GA", "birth", "bevruchting", "geboorte"):
        assert word not in text
    assert "injury" in INJURY.footnote(10, EN) and "breuk" in INJURY.footnote(10, NL)


def test_plot_axis_names_the_clock():
    assert DEVELOPMENTAL.axis_label(EN) == EN("compare.clock") and "Developmental" in DEVELOPMENTAL.axis_label(EN)
    assert "injury" in INJURY.axis_label(EN) and "breuk" in INJURY.axis_label(NL)


def test_a_movie_starts_at_week_8_or_at_the_injury():
    assert DEVELOPMENTAL.parse(DEVELOPMENTAL.default_from()) == 56.0
    assert INJURY.parse(INJURY.default_from()) == 0.0


def test_only_the_developmental_clock_gives_a_day_after_fertilisation():
    assert DEVELOPMENTAL.developmental_day(140.0) == 140.0
    assert INJURY.developmental_day(3.0) is None
