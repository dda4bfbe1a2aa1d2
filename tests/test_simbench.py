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


def test_the_report_ends_with_how_many_are_over_the_aim_and_the_slowest():
    times = [simbench.SimTime("a", 1.0, 1.0, 100, 0), simbench.SimTime("b+slow", 4.0, 3.6, 720, 0),
             simbench.SimTime("c", 2.0, 2.0, 720, 0)]
    text = simbench.summary(times)
    assert text.startswith("1 of 3 scenarios over the aim") and "slowest b+slow 3.60 s CPU" in text
    assert "5.00 ms/step" in text


def test_report_prints_each_scenario_with_its_ms_per_step_then_the_summary(monkeypatch):
    monkeypatch.setattr(simbench, "scenarios", lambda processes=None: [_Scenario()])
    lines = []
    times = simbench.report(out=lines.append)
    assert len(times) == 1 and len(lines) == 2
    assert "toy+slow" in lines[0] and "ms/step" in lines[0]
    assert lines[1].startswith("0 of 1 scenarios over the aim") and "toy+slow" in lines[1]
