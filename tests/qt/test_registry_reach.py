"""Adding a process to the registry alone makes it appear in the CLI, settings, controls, menus and content checks."""

import pytest

from osteoviz import cli, validate
from osteoviz.errors import ContentError
from osteoviz.model import registry
from osteoviz.qt.controls import Controls
from osteoviz.qt.clockstate import ClockState
from osteoviz.qt.settings import SettingsFile, load_preferences


@pytest.fixture
def toy(monkeypatch):
    """A third process built from the femur's model, registered and nothing else."""
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    femur = registry.get("endochondral")
    return registry.register(registry.ProcessSpec("toybone", femur.params_type, femur.model_type, femur.phases))


def test_cli_offers_the_new_process(toy, capsys):
    args = cli.build_parser().parse_args(["render", "--process", "toybone", "--time", "20w", "-o", "x.png"])
    assert args.process == "toybone"
    assert cli.parse_clock_time("20w", "toybone") == pytest.approx(140.0)


def test_settings_accept_the_new_process(toy, tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[General]\nprocess=toybone\n")
    prefs, warnings = load_preferences(SettingsFile(path))
    assert prefs.process == "toybone" and warnings == []


def test_controls_list_the_new_process(toy, qtbot, monkeypatch):
    import osteoviz.qt.controls as controls_module
    real = controls_module.process_name
    monkeypatch.setattr(controls_module, "process_name", lambda p, lang: "Toy bone" if p == "toybone" else real(p, lang))
    clock = ClockState("toybone")
    from PySide6 import QtGui
    actions = {k: QtGui.QAction(k) for k in ("reset", "prev_phase", "step_back", "play", "step_forward", "next_phase")}
    controls = Controls(clock, actions)
    qtbot.addWidget(controls)
    ids = [controls.process.itemData(i) for i in range(controls.process.count())]
    assert ids == list(registry.process_ids()) and "toybone" in ids
    assert controls.process.currentData() == "toybone" and controls.process.currentText() == "Toy bone"
    clock.set_process("endochondral")
    assert controls.process.currentData() == "endochondral"


def test_content_checks_ask_for_the_new_process_texts(toy):
    with pytest.raises(ContentError, match="toybone"):
        validate.check_all()
