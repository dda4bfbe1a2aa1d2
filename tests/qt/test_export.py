"""Exports read back: sizes, metadata, crisp 4K, SVG text, phase sets, movies that decode, nothing left behind."""

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from osteoviz.atomic import TargetExists
from osteoviz.cli import main
from osteoviz.content import process_content
from osteoviz.model.clock import parse_time
from osteoviz.qt.export_movie import Cancelled, MovieSpec, write_movie
from osteoviz.qt.export_picture import PictureOptions, export_phase_set, export_picture


def rgba(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : 4 * img.width()].reshape(img.height(), img.width(), 4).copy()


def test_4k_png_has_metadata_and_crisp_edges(qapp, tmp_path):
    out = tmp_path / "femur.png"
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "4k", "--profile", "projector",
                 "-o", str(out)]) == 0
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (3840, 2160)
    assert img.text("osteoviz:profile") == "projector" and img.text("osteoviz:language") == "en"
    assert img.text("osteoviz:phase") == "growth_plates" and img.text("osteoviz:version")
    assert "--size 4k" in img.text("osteoviz:command") and "osteoviz render" in img.text("osteoviz:command")
    small = tmp_path / "small.png"
    assert main(["render", "--process", "endochondral", "--time", "20w", "--size", "1080p", "--profile", "projector",
                 "-o", str(small)]) == 0
    up = QtGui.QImage(str(small)).scaled(3840, 2160, QtCore.Qt.AspectRatioMode.IgnoreAspectRatio,
                                         QtCore.Qt.TransformationMode.SmoothTransformation)

    def sharp_blocks(a):  # 2x2 blocks with a hard edge inside, in the caption band
        g = a[:220, :2400, :3].astype(int).sum(axis=2)
        blocks = g.reshape(110, 2, 1200, 2).transpose(0, 2, 1, 3).reshape(110, 1200, 4)
        return ((blocks.max(axis=2) - blocks.min(axis=2)) > 300).sum()

    assert sharp_blocks(rgba(img)) > 1.5 * sharp_blocks(rgba(up))


def test_jpeg_svg_and_transparency(qapp, tmp_path):
    day = parse_time("birth")
    jpg = export_picture("intramembranous", day, tmp_path / "v.jpg", PictureOptions(1280, 720))
    assert QtGui.QImage(str(jpg)).size() == QtCore.QSize(1280, 720)
    svg = export_picture("intramembranous", day, tmp_path / "v.svg", PictureOptions(1280, 720, labels=True))
    root = ET.parse(svg).getroot()
    texts = ["".join(t.itertext()) for t in root.iter() if t.tag.endswith("text")]
    assert any("Sutures and fontanelles" in t for t in texts) and any("Fontanelle" in t for t in texts)
    assert any("anterior fontanelle" in t for t in texts)
    assert sum(1 for t in root.iter() if t.tag.endswith("image")) <= 2  # only the tissue fields are raster
    png = export_picture("endochondral", 100, tmp_path / "t.png",
                         PictureOptions(800, 450, transparent=True, caption=False, legend=False))
    a = rgba(QtGui.QImage(str(png)))
    assert a[2, 2, 3] == 0 and a[:, :, 3].max() == 255
    with_caption = export_picture("endochondral", 100, tmp_path / "c.png", PictureOptions(800, 450, transparent=True, legend=False))
    b = rgba(QtGui.QImage(str(with_caption)))
    # the caption (top band; bone names may sit there too) is drawn only when asked
    assert (b[:60, :, 3] > 0).sum() > (a[:60, :, 3] > 0).sum() + 500 and a[:60, :, 3].min() == 0


def test_phase_set_writes_every_phase_with_captions(qapp, tmp_path):
    written = export_phase_set("endochondral", tmp_path, PictureOptions(640, 360))
    phases = process_content("endochondral").phases
    pictures = sorted(tmp_path.glob("*.png"))
    assert len(pictures) == len(phases) and len(written) == len(phases) + 2
    rows = list(csv.DictReader(open(tmp_path / "captions.csv", encoding="utf-8")))
    assert [r["title"] for r in rows] == [p.title for p in phases]
    assert all((tmp_path / r["file"]).is_file() for r in rows)
    md = (tmp_path / "captions.md").read_text(encoding="utf-8")
    assert all(p.summary in md for p in phases)
    for pic, row in zip(pictures, rows):
        assert QtGui.QImage(str(pic)).text("osteoviz:phase") == row["phase_id"]


def count_frames(path):
    import av

    with av.open(str(path)) as c:
        return sum(1 for _ in c.decode(c.streams.video[0]))


@pytest.mark.parametrize("suffix", [".mp4", ".gif", ".webm"])
def test_movies_decode_to_the_requested_frames(qapp, tmp_path, suffix):
    spec = MovieSpec("endochondral", 56.0, parse_time("12w"), fps=12, duration_s=1.5, options=PictureOptions(480, 270))
    out = write_movie(spec, tmp_path / f"m{suffix}")
    assert count_frames(out) == 18
    assert [p.name for p in tmp_path.iterdir()] == [f"m{suffix}"]


def test_cancel_and_no_overwrite_leave_nothing_behind(qapp, tmp_path):
    spec = MovieSpec("intramembranous", 56.0, 200.0, fps=10, duration_s=2, options=PictureOptions(320, 240))
    calls = []
    with pytest.raises(Cancelled):
        write_movie(spec, tmp_path / "c.mp4", cancelled=lambda: calls.append(1) or len(calls) >= 3)
    assert list(tmp_path.iterdir()) == []
    keep = tmp_path / "keep.mp4"
    keep.write_bytes(b"lecture")
    with pytest.raises(TargetExists):
        write_movie(spec, keep)
    picture = keep.with_suffix(".png")
    picture.write_bytes(b"slide")
    with pytest.raises(TargetExists):
        export_picture("endochondral", 60, picture, PictureOptions(320, 240))
    assert picture.read_bytes() == b"slide"
    assert keep.read_bytes() == b"lecture" and sorted(p.name for p in tmp_path.iterdir()) == ["keep.mp4", "keep.png"]


@pytest.mark.parametrize("args, needle", [
    (["movie", "--process", "endochondral", "--fps", "0"], "fps"),
    (["movie", "--process", "endochondral", "--from", "20w", "--to", "10w"], "before"),
    (["movie", "--process", "endochondral", "--to", "90y"], "outside"),
    (["movie", "--process", "endochondral", "--size", "9x9"], "size"),
    (["render", "--process", "endochondral", "--time", "9w", "--size", "huge"], "size"),
])
def test_movie_and_render_errors(tmp_path, capsys, args, needle):
    out = tmp_path / ("out.mp4" if args[0] == "movie" else "out.png")
    assert main([*args, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "\n" not in err
    assert list(tmp_path.iterdir()) == []


def test_movie_output_problems(tmp_path, capsys):
    assert main(["movie", "--process", "endochondral", "-o", str(tmp_path / "m.avi")]) == 2
    assert "unknown format" in capsys.readouterr().err
    assert main(["movie", "--process", "endochondral", "-o", str(tmp_path / "none" / "m.mp4")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["render", "--process", "endochondral", "--phases", "-o", str(tmp_path / "none" / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err
