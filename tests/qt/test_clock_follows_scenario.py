"""The clock's stops and phase titles follow the scenario shown; an adult fracture's phase set uses its own days."""

import csv

from PySide6 import QtGui

from osteoviz.cli import main
from osteoviz.model import registry
from osteoviz.model.scenario import Scenario
from osteoviz.qt.clockstate import ClockState


def test_clock_stops_and_phase_follow_the_adult_scenario_and_reset_with_the_process():
    clock = ClockState("fracture")
    child_stops = clock.stops()
    clock.set_phases(Scenario.parse("fracture+adult").phases())
    adult_stops = clock.stops()
    assert all(a > c for a, c in zip(adult_stops[1:], child_stops[1:]))
    clock.set_day(42.0)  # 6 weeks: the child is bridging, the adult still in hard callus
    assert clock.phase().id == "hard_callus"
    for day in adult_stops:
        clock.set_day(day)
        assert clock.phase().id == clock.phases[adult_stops.index(day)].id
    clock.set_process("endochondral")
    assert clock.phases == registry.get("endochondral").phases


def test_adult_phase_set_draws_each_phase_at_the_adult_day(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", "--process", "fracture", "--experiment", "adult", "--phases", "--size", "320x240",
                 "-o", "adult/"]) == 0
    adult = Scenario.parse("fracture+adult").phases()
    bridging = next(p for p in adult if p.id == "bridging")
    pic = QtGui.QImage(str(tmp_path / "adult" / "05-bridging.png"))
    command = pic.text("osteoviz:command")
    assert "--experiment adult" in command and f"--time {round(bridging.representative_day)}d" in command
    with open(tmp_path / "adult" / "captions.csv", newline="", encoding="utf-8") as f:
        rows = {r["phase_id"]: r for r in csv.DictReader(f)}
    child_bridging = next(p for p in registry.get("fracture").phases if p.id == "bridging")
    assert rows["bridging"]["age"] != rows["soft_callus"]["age"]
    weeks = str(round(bridging.representative_day / 7))
    assert weeks in rows["bridging"]["age"] and str(round(child_bridging.representative_day)) not in rows["bridging"]["age"]
