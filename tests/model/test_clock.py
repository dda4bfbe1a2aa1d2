"""Developmental clock: parsing, the timeline scale, age labels."""

import numpy as np
import pytest

from osteoviz.content import format_age
from osteoviz.model.clock import BIRTH_DAY, TimelineScale, TimeParseError, age_of, parse_time


@pytest.mark.parametrize("text, day", [("8w", 56), ("38w", 266), ("birth", 266), ("6m", 266 + 6 * 30.4375),
                                       ("10y", 266 + 3652.5), ("60d", 60), (" 12W ", 84)])
def test_parse_time(text, day):
    assert parse_time(text) == pytest.approx(day)


@pytest.mark.parametrize("text", ["", "8", "week 8", "-3w", "8x", "3.w"])
def test_parse_time_rejects(text):
    with pytest.raises(TimeParseError):
        parse_time(text)


def test_scale_round_trip_and_fetal_room():
    s = TimelineScale(56, BIRTH_DAY + 20 * 365.25)
    days = np.linspace(56, BIRTH_DAY + 20 * 365.25, 50)
    assert np.allclose(s.to_day(s.to_pos(days)), days)
    assert s.to_pos(56) == 0.0 and s.to_pos(BIRTH_DAY + 20 * 365.25) == pytest.approx(1.0)
    # the fetal period (weeks 8-38) gets a large share of the bar, week 8-9 more than years 10-20
    assert 0.4 < s.to_pos(BIRTH_DAY) < 0.6
    assert s.to_pos(63) - s.to_pos(56) > s.to_pos(BIRTH_DAY + 20 * 365.25) - s.to_pos(BIRTH_DAY + 10 * 365.25)


def test_age_labels():
    assert format_age(56) == ("week 8", "GA 10 wk")
    assert format_age(84) == ("week 12", "GA 14 wk")
    assert format_age(266) == ("week 38 (birth)", "GA 40 wk")
    assert format_age(266 + 3 * 30.44)[0] == "3 months"
    assert format_age(266 + 2 * 365.25)[0] == "2 years"
    assert format_age(266 + 16 * 365.25) == ("16 years", "")
    assert age_of(100).unit == "week" and age_of(266 + 800).unit == "year"
