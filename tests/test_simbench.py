"""The simulation benchmark times each scenario and reports the rules' CPU time per step."""

import time

import numpy as np

from osteoviz import simbench
from osteoviz.model.history import HistoryRecorder


class _SlowModel:
    """Ten steps of about 20 ms of CPU each."""

    def simulate(self):
        rec = HistoryRecorder(("tissue",))
        for day in range(10):
            c0 = time.process_time()
            while time.process_time() - c0 < 0.02:
                pass
            rec.record(float(day), {"tissue": np.full((4, 4), day, np.uint8)})
        return rec.finish()


class _Scenario:
    key = "toy+slow"

    def model(self):
        return _SlowModel()


def test_time_scenario_counts_steps_and_cpu_per_step():
    t = simbench.time_scenario(_Scenario())
    assert t.key == "toy+slow" and t.steps == 10
    assert 0.2 <= t.cpu < 1.0 and 20.0 <= t.ms_per_step < 100.0
    text = simbench.line(t)
    assert "toy+slow" in text and "10 steps" in text and f"{t.ms_per_step:5.2f} ms/step" in text
    assert "over the aim" not in text


def test_a_scenario_over_three_seconds_is_marked():
    t = simbench.SimTime("slow", 4.0, 3.5, 700, 0)
    assert "over the aim" in simbench.line(t) and abs(t.ms_per_step - 5.0) < 1e-9


def test_every_experiment_of_each_process_is_listed():
    from osteoviz.model.scenario import experiments_for

    keys = [s.key for s in simbench.scenarios(["intramembranous"])]
    assert keys[0] == "intramembranous" and len(keys) == 1 + len(experiments_for("intramembranous"))


def test_unknown_process_is_a_one_line_error(capsys):
    assert simbench.main(["nosuch"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "nosuch" in err
