"""Phase sets are all or nothing: the folder is made, every -o spelling works, a clash or interrupt leaves nothing new."""

import signal
import subprocess
import sys
import time

from PySide6 import QtGui

from osteoviz.cli import main
from osteoviz.model import registry

N_FILES = len(registry.get("intramembranous").phases) + 2  # pictures + captions.md + captions.csv
BASE = ["render", "--process", "intramembranous", "--phases", "--size", "320x240"]


def test_output_folder_is_made_in_an_empty_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main([*BASE, "-o", "slides/"]) == 0  # the README's own example
    assert len(list((tmp_path / "slides").iterdir())) == N_FILES
    assert main([*BASE, "--output=joined"]) == 0
    assert main([*BASE, "-oglued"]) == 0
    for name in ("joined", "glued"):
        pics = sorted((tmp_path / name).glob("*.png"))
        assert len(pics) == N_FILES - 2
        command = QtGui.QImage(str(pics[0])).text("osteoviz:command")
        assert f"-o {name}/{pics[0].name}" in command and "--phases" not in command  # redraws exactly that picture
    out = capsys.readouterr()
    assert ".part" not in out.out + out.err and out.err == ""
    assert main([*BASE, "-o", str(tmp_path / "no" / "such" / "place")]) == 2
    assert "does not exist" in capsys.readouterr().err and not (tmp_path / "no").exists()


def test_one_clash_means_no_file_is_written(tmp_path, capsys):
    first = tmp_path / "01-condensation.png"
    last = tmp_path / "captions.csv"
    last.write_text("my own captions")
    assert main([*BASE, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "captions.csv" in err and "--force" in err and "\n" not in err
    assert not first.exists() and [p.name for p in tmp_path.iterdir()] == ["captions.csv"]
    assert last.read_text() == "my own captions"


def written_temp(folder):
    try:
        return any(p.name.startswith(".osteoviz-") and p.stat().st_size > 0 for p in folder.iterdir())
    except OSError:  # a temporary file renamed or removed while we looked
        return False


def wait_for_temp(folder, proc, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if written_temp(folder):
            return True  # the first picture of the set is written
        time.sleep(0.005)
    return False


def interrupt_mid_set(tmp_path, sig, made_here):
    folder = tmp_path / "set"
    if not made_here:
        folder.mkdir()
        (folder / "keep.txt").write_text("mine")
    proc = subprocess.Popen([sys.executable, "-m", "osteoviz", *BASE[:-1], "3840x2160", "--format", "svg",
                             "-o", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_for_temp(folder, proc), "the set never started writing"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err, folder


def test_sigterm_mid_set_leaves_nothing_new(tmp_path):
    code, out, err, folder = interrupt_mid_set(tmp_path, signal.SIGTERM, made_here=False)
    assert code == 128 + signal.SIGTERM, out + err
    assert "cancelled" in err and err.strip().count("\n") == 0 and "Traceback" not in err
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_ctrl_c_mid_set_removes_the_folder_it_made(tmp_path):
    code, out, err, folder = interrupt_mid_set(tmp_path, signal.SIGINT, made_here=True)
    assert code == 128 + signal.SIGINT, out + err
    assert not folder.exists() and list(tmp_path.iterdir()) == []


def test_sighup_mid_set_behaves_like_ctrl_c(tmp_path):
    code, out, err, folder = interrupt_mid_set(tmp_path, signal.SIGHUP, made_here=False)
    assert code == 128 + signal.SIGHUP and "cancelled" in err
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
