"""The secondary-centre close-up, its cells placed faster, gives exactly what it gave before (kept as
epiphysis_window_reference): the same fine tissue and cells (order, dtype, bytes) for the femur's real crops over
the phase, with and without blood-forming marrow and with the spongiosa left as the organ has it."""

import numpy as np
import pytest

import epiphysis_window_reference as ref
from calls_of import calls_of
from osteoviz.model import epiphysis_window as ew
from osteoviz.model.kinds import Cell as C
from osteoviz.model.params import ENDOCHONDRAL_PHASES
from osteoviz.simcache import load


@pytest.fixture(scope="module")
def crops():
    model, history = load("endochondral")
    phase = next(p for p in ENDOCHONDRAL_PHASES if p.focus == "epiphysis")
    nxt = ENDOCHONDRAL_PHASES[ENDOCHONDRAL_PHASES.index(phase) + 1].start_day
    days = np.geomspace(phase.start_day, nxt - 0.01, 40)
    seen = calls_of(ew, "_closeup", lambda: [model.frame(history, float(d)) for d in days])
    assert len(seen) >= 10
    return seen


def same(args):
    want_t, want_c = ref._closeup(*args)
    got_t, got_c = ew._closeup(*args)
    assert np.array_equal(got_t, want_t)
    assert list(got_c) == list(want_c)
    for code in want_c:
        assert got_c[code].dtype == want_c[code].dtype and got_c[code].tobytes() == want_c[code].tobytes(), code


def test_the_femurs_crops(crops):
    for args in crops:
        same(args)


@pytest.mark.parametrize("spongiosa", [True, False])
def test_with_and_without_blood_and_spongiosa(crops, spongiosa):
    for coarse, cells, um, aspect, origin, seed, _sp in crops[::3]:
        no_blood = {k: v for k, v in cells.items() if k != C.HAEMATOPOIETIC}
        same((coarse, no_blood, um, aspect, origin, seed, spongiosa))
        same((coarse, cells, um, aspect, origin, seed + 2, spongiosa))
