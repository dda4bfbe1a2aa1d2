"""A full disk (here: a file-size limit) never gives 'wrote' over a broken file: exit 2, one line, old file intact."""

import os
import resource
import signal
import subprocess
import sys

import pytest

LIMIT = 20_000  # bytes: every export below is larger than this


def run_limited(*args, limit=LIMIT):
    def limit_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "osteoviz", *args], capture_output=True, text=True,
                          preexec_fn=limit_size, timeout=300, env=os.environ.copy())


def check_failed_cleanly(result, folder, old_files):
    assert result.returncode == 2, result.stdout + result.stderr
    err = result.stderr.strip()
    assert err.count("\n") == 0 and "Traceback" not in err and "wrote" not in result.stdout
    assert ".part" not in err and ".osteoviz-" not in err  # the user's file is named, never our temporary one
    assert sorted(p.name for p in folder.iterdir()) == sorted(old_files)  # nothing new, nothing left over
    for name, content in old_files.items():
        assert (folder / name).read_bytes() == content
    return err


@pytest.mark.parametrize("name", ["lecture.svg", "lecture.png", "lecture.jpg"])
def test_picture_on_a_full_disk_keeps_the_old_file(tmp_path, name):
    old = {name: b"the good picture from last week"}
    (tmp_path / name).write_bytes(old[name])
    result = run_limited("render", "--process", "endochondral", "--time", "20w", "--size", "640x360",
                         "--force", "-o", str(tmp_path / name))
    err = check_failed_cleanly(result, tmp_path, old)
    assert str(tmp_path / name) in err and "too large" in err.lower()


@pytest.mark.parametrize("name", ["clip.mp4", "clip.gif"])
def test_movie_on_a_full_disk_keeps_the_old_file(tmp_path, name):
    old = {name: b"last week's movie"}
    (tmp_path / name).write_bytes(old[name])
    result = run_limited("movie", "--process", "intramembranous", "--from", "8w", "--to", "10w", "--fps", "12",
                         "--duration", "1", "--size", "320x240", "--force", "-o", str(tmp_path / name))
    err = check_failed_cleanly(result, tmp_path, old)
    assert str(tmp_path / name) in err


def test_phase_set_on_a_full_disk_writes_nothing(tmp_path):
    args = ["render", "--process", "endochondral", "--phases", "--format", "png", "--size", "400x240", "--force"]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert run_limited(*args, "-o", str(scratch), limit=resource.RLIM_INFINITY).returncode == 0
    sizes = [p.stat().st_size for p in sorted(scratch.glob("*.png"))]
    k = sizes.index(max(sizes))
    assert k > 0, sizes
    limit = max(sizes[:k]) + 1  # the first pictures fit, a later one does not: they must not stay behind
    target = tmp_path / "slides"
    target.mkdir()
    old = {sorted(p.name for p in scratch.glob("*.png"))[0]: b"old slide", "notes.txt": b"mine"}
    for n, c in old.items():
        (target / n).write_bytes(c)
    result = run_limited(*args, "-o", str(target), limit=limit)
    check_failed_cleanly(result, target, old)
