"""The paced scale gives every phase the same share of the timeline and maps back exactly."""

import numpy as np
import pytest

from osteoviz.model.pacing import SECONDS_PER_PHASE, PacedScale
from osteoviz.model.params import (ENDOCHONDRAL_PHASES, INTRAMEMBRANOUS_PHASES, EndochondralParams,
                                   IntramembranousParams)

CASES = [(ENDOCHONDRAL_PHASES, EndochondralParams()), (INTRAMEMBRANOUS_PHASES, IntramembranousParams())]


@pytest.mark.parametrize("phases,params", CASES)
def test_every_phase_gets_the_same_playing_time(phases, params):
    scale = PacedScale(phases, params.start_day, params.end_day)
    bounds = [max(p.start_day, params.start_day) for p in phases] + [params.end_day]
    shares = np.diff([scale.to_pos(d) for d in bounds]) * scale.seconds_at_1x
    assert shares == pytest.approx([SECONDS_PER_PHASE] * len(phases))
    assert 4.0 <= SECONDS_PER_PHASE <= 8.0


@pytest.mark.parametrize("phases,params", CASES)
def test_day_and_position_round_trip_and_stay_in_order(phases, params):
    scale = PacedScale(phases, params.start_day, params.end_day)
    pos = np.linspace(0, 1, 501)
    days = scale.to_day(pos)
    assert np.all(np.diff(days) > 0)
    assert scale.to_pos(days) == pytest.approx(pos)
    assert scale.to_day(0.0) == params.start_day and scale.to_day(1.0) == params.end_day
    assert scale.to_pos(params.start_day - 10) == 0.0 and scale.to_pos(params.end_day + 10) == 1.0


def test_a_short_fetal_phase_gets_as_much_room_as_childhood():
    p = EndochondralParams()
    scale = PacedScale(ENDOCHONDRAL_PHASES, p.start_day, p.end_day)
    first = ENDOCHONDRAL_PHASES[1]  # lasts about a day
    late = ENDOCHONDRAL_PHASES[-2]  # lasts years
    width = lambda a, b: scale.to_pos(b.start_day) - scale.to_pos(a.start_day)
    assert width(first, ENDOCHONDRAL_PHASES[2]) == pytest.approx(width(late, ENDOCHONDRAL_PHASES[-1]))
