"""A movie's memory does not grow with its length: frames are rendered, encoded and dropped one by one."""

import subprocess
import sys


def peak_rss_mb(tmp_path, args: list[str]) -> float:
    """Peak memory (MB) of `osteoviz movie ARGS` for the endochondral process, run in its own interpreter."""
    code = (
        "import resource\n"
        "from osteoviz.cli import main\n"
        f"rc = main(['movie', '--process', 'endochondral', *{args!r}, '--force', '-o', {str(tmp_path / 'm.mp4')!r}])\n"
        "assert rc == 0\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return float(out.stdout.strip().splitlines()[-1])


def _long(tmp_path, seconds: float) -> float:
    return peak_rss_mb(tmp_path, ["--from", "20w", "--to", "40w", "--fps", "12", "--duration", str(seconds), "--size", "720p"])


def _4k(tmp_path, frames: int) -> float:
    return peak_rss_mb(tmp_path, ["--from", "20w", "--to", "21w", "--fps", str(frames), "--duration", "1", "--size", "4k"])


def test_movie_memory_is_independent_of_length(tmp_path):
    short = _long(tmp_path, 3)  # 36 frames: past the encoder's warm-up (its look-ahead buffers are full)
    long = _long(tmp_path, 12)  # 144 frames: four times as many
    assert long < short + 40, (short, long)  # a frame at 720p is 2.7 MB: keeping frames would add ~290 MB


def test_large_movie_memory_does_not_grow_while_the_encoder_warms_up(tmp_path):
    # at 4K a frame is 25 MB as RGB: an encoder that holds frames back for look-ahead and B-frames grows by
    # ~35 MB a frame for its first dozens of frames (8K: 2.8-7.3 GB); big movies hold none back
    few = _4k(tmp_path, 2)
    more = _4k(tmp_path, 12)
    assert more < few + 75, (few, more)
