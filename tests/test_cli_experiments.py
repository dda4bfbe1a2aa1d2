"""The command line's experiments: listing them, --experiment, --compare, --signals, and the skeleton map picture."""

import numpy as np
import pytest
from PySide6 import QtGui

from osteoviz.cli import main
from osteoviz.model import registry
from osteoviz.model.scenario import experiments_for


def pixels(img):
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    return np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def test_experiments_lists_what_experiments_for_returns(toy_experiment, capsys):
    assert main(["experiments"]) == 0
    out = capsys.readouterr().out
    for pid in registry.process_ids():
        assert f"{pid}:" in out
        for e in experiments_for(pid):
            assert e.id in out
    assert f"{toy_experiment}" in out and f"Toy {toy_experiment}" in out
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ") and not line.strip().startswith("(")]
    assert sorted(listed) == sorted(e.id for pid in registry.process_ids() for e in experiments_for(pid))


def test_render_with_an_experiment_records_the_scenario(toy_experiment, tmp_path, capsys):
    normal, exp = tmp_path / "normal.png", tmp_path / "exp.png"
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "960x540", "-o", str(normal)]) == 0
    assert main(["render", "--process", "endochondral", "--experiment", toy_experiment, "--time", "20w",
                 "--size", "960x540", "-o", str(exp)]) == 0
    img = QtGui.QImage(str(exp))
    assert (img.width(), img.height()) == (960, 540)
    assert img.text("osteoviz:scenario") == f"endochondral+{toy_experiment}"
    assert f"--experiment {toy_experiment}" in img.text("osteoviz:command")
    assert np.any(pixels(img) != pixels(QtGui.QImage(str(normal))), axis=2).mean() > 0.01


def test_compare_renders_normal_and_the_experiment_side_by_side(toy_experiment, tmp_path, capsys):
    out = tmp_path / "cmp.png"
    assert main(["render", "--process", "endochondral", "--experiment", toy_experiment, "--compare",
                 "--time", "20w", "--size", "1280x720", "-o", str(out)]) == 0
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    assert img.text("osteoviz:scenario") == f"endochondral | endochondral+{toy_experiment}"
    assert "--compare" in img.text("osteoviz:command")
    px = pixels(img)
    left, right = px[:, :640], px[:, 640:]
    assert np.any(left != right, axis=2).mean() > 0.01  # the two halves differ where the bone differs
    band = px[: int(720 * 0.04)]
    assert np.any(band[:, :640] != band[:, 640:], axis=2).mean() > 0.3  # the experiment's title band is accented


def test_the_phase_set_and_movie_take_experiments(toy_experiment, tmp_path, capsys):
    folder = tmp_path / "set"
    assert main(["render", "--process", "endochondral", "--experiment", toy_experiment, "--phases",
                 "--size", "640x360", "-o", str(folder)]) == 0
    first = sorted(folder.glob("*.png"))[0]
    assert QtGui.QImage(str(first)).text("osteoviz:scenario") == f"endochondral+{toy_experiment}"
    movie = tmp_path / "m.gif"
    assert main(["movie", "--process", "endochondral", "--experiment", toy_experiment, "--from", "8w", "--to", "12w",
                 "--fps", "12", "--duration", "1", "--size", "320x240", "-o", str(movie)]) == 0
    assert movie.stat().st_size > 0


@pytest.mark.parametrize("args,message", [
    (["--experiment", "no_such_thing"], "unknown experiment 'no_such_thing'"),
    (["--compare"], "--compare needs an --experiment"),
])
def test_bad_experiment_options_are_one_line(args, message, tmp_path, capsys):
    out = tmp_path / "x.png"
    code = main(["render", "--process", "endochondral", "--time", "20w", *args, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and not out.exists()


def test_render_skeleton_writes_the_skeleton_map(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["render", "--skeleton", "--time", "20w", "--size", "1280x720", "-o", str(out)]) == 0
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)
    assert "render --skeleton --time 20w" in img.text("osteoviz:command")
    assert float(img.text("osteoviz:time_days")) == pytest.approx(140.0)
    assert pixels(img).std() > 20  # a drawing, not an empty sheet
    code = main(["render", "--skeleton", "--process", "endochondral", "--time", "20w", "-o", str(tmp_path / "y.png")])
    assert code == 2 and "--process does not apply to --skeleton" in capsys.readouterr().err
