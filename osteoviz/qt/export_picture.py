"""Picture exports (PNG, JPEG, SVG) and phase sets, drawn at the target size by the one renderer."""

from __future__ import annotations

import csv
import errno
import io
import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg

from .. import cancel
from ..atomic import atomic_path, atomic_paths, write_bytes
from ..content import format_age, process_content, strings
from .headless import frame_for, offscreen_canvas, picture_metadata

PICTURE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
PRESETS = {"720p": (1280, 720), "1080p": (1920, 1080), "1440p": (2560, 1440), "4k": (3840, 2160), "8k": (7680, 4320)}


class UnknownFormat(ValueError):
    """An output name whose ending is not a picture format osteoviz writes."""


@dataclass
class PictureOptions:
    width: int = 1920
    height: int = 1080
    profile: str = "screen"
    lang: str = "en"
    transparent: bool = False
    caption: bool = True
    legend: bool = True
    scale_bar: bool = True
    labels: bool = False


def picture_format(path: Path) -> str:
    fmt = PICTURE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UnknownFormat(strings()("export.unknown_format", path=path, formats=", ".join(sorted(PICTURE_FORMATS))))
    return fmt


def recreate_command(process: str, day: float, opts: PictureOptions, path: Path) -> str:
    """The `osteoviz render` command line that draws the same picture again."""
    args = ["osteoviz", "render", "--process", process, "--time", f"{day:.6g}d", "--size", f"{opts.width}x{opts.height}",
            "--profile", opts.profile]
    if opts.lang != "en":
        args += ["--lang", opts.lang]
    for flag, on in (("--transparent", opts.transparent), ("--no-caption", not opts.caption),
                     ("--no-legend", not opts.legend), ("--no-scale-bar", not opts.scale_bar), ("--labels", opts.labels)):
        if on:
            args.append(flag)
    return shlex.join([*args, "-o", str(path)])


def configured_canvas(process: str, day: float, opts: PictureOptions):
    """The offscreen canvas set up with the options and holding the frame at `day`."""
    canvas = offscreen_canvas(opts.profile, opts.lang)
    canvas.show_caption, canvas.show_legend, canvas.show_scale = opts.caption, opts.legend, opts.scale_bar
    canvas.show_labels = opts.labels
    canvas.set_transparent(opts.transparent)
    canvas.frame = frame_for(process, day, opts.labels)
    return canvas


def export_picture(process: str, day: float, path: Path, opts: PictureOptions, command: str = "",
                   force: bool = False) -> Path:
    """Write one picture at opts.width x opts.height; PNGs carry their metadata in text chunks.

    The picture is encoded in memory first; its bytes are then written, checked and flushed to a
    temporary file that replaces `path` only when complete (a full disk leaves the old file as it was).
    """
    path = Path(path)
    data = picture_bytes(process, day, path, opts, command)
    with atomic_path(path, force) as tmp:
        write_bytes(tmp, data)
    return path


def picture_bytes(process: str, day: float, path: Path, opts: PictureOptions, command: str = "") -> bytes:
    """The encoded picture (format from the name of `path`), or OSError naming `path` if encoding failed."""
    fmt = picture_format(path)
    canvas = configured_canvas(process, day, opts)
    meta = picture_metadata(canvas, command or recreate_command(process, day, opts, path))
    meta["osteoviz:options"] = json.dumps({k: v for k, v in opts.__dict__.items()})
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    with cancel.deferred():  # Ctrl+C/SIGTERM acted on once Qt has finished drawing
        if fmt == "SVG":
            ok = _write_svg(canvas, buf, opts, meta)
        else:
            img = canvas.render_image(opts.width, opts.height)
            if fmt == "JPEG":
                img = img.convertToFormat(QtGui.QImage.Format.Format_RGB32)
            for k, v in meta.items():
                img.setText(k, v)
            ok = img.save(buf, fmt, 92 if fmt == "JPEG" else -1)
        buf.close()
    data = bytes(buf.data())
    if not ok or not data:
        raise OSError(errno.EIO, strings()("export.encode_failed", path=path), str(path))
    return data


def _write_svg(canvas, device: QtCore.QIODevice, opts: PictureOptions, meta: dict) -> bool:
    """Draw the picture as SVG into `device`; False if the generator or painter reported a failure."""
    gen = QtSvg.QSvgGenerator()
    gen.setOutputDevice(device)
    gen.setSize(QtCore.QSize(opts.width, opts.height))
    gen.setViewBox(QtCore.QRect(0, 0, opts.width, opts.height))
    gen.setTitle(f"osteoviz {meta['osteoviz:process']} {meta['osteoviz:age']}")
    gen.setDescription(json.dumps(meta))
    canvas.prepare(opts.width, opts.height)
    painter = QtGui.QPainter()
    if not painter.begin(gen):  # the cell layers draw vector paths on an SVG engine
        return False
    try:
        if not opts.transparent:
            painter.fillRect(QtCore.QRectF(0, 0, opts.width, opts.height), QtGui.QColor(canvas.profile.background))
        canvas.paint_to(painter, opts.width, opts.height)
    finally:
        ended = painter.end()
    return bool(ended)


def phase_set_targets(process: str, folder: Path, suffix: str = ".png") -> list[Path]:
    """The files a phase set writes into `folder`: one picture per phase, captions.md and captions.csv."""
    from ..model import registry

    names = [f"{i:02d}-{spec.id}{suffix}" for i, spec in enumerate(registry.get(process).phases, start=1)]
    return [Path(folder) / n for n in names] + [Path(folder) / "captions.md", Path(folder) / "captions.csv"]


def export_phase_set(process: str, folder: Path, opts: PictureOptions, suffix: str = ".png", force: bool = False,
                     command_for=lambda phase_id, path: "", created_folder: Path | None = None) -> list[Path]:
    """One picture per phase at its representative time, plus captions.md and captions.csv -- all or nothing.

    `created_folder`: the folder was made for this set and is removed again if the set fails.
    """
    folder = Path(folder)
    picture_format(Path("x" + suffix))
    content = process_content(process, opts.lang)
    model_phases = frame_for(process, 60.0).phase  # make sure the simulation is loaded
    del model_phases
    from ..model import registry

    s = strings(opts.lang)
    specs = list(registry.get(process).phases)
    targets = phase_set_targets(process, folder, suffix)
    names = [t.name for t in targets[:-2]]
    rows = []
    # all or nothing: every target is checked before the first write, every file is written to a temporary
    # name, and only a complete set is renamed into place (a failure or Ctrl+C leaves nothing new)
    with atomic_paths(targets, force, created_folder) as tmps:
        for spec, name, path, tmp in zip(specs, names, targets, tmps):
            text = content.phase(spec.id)
            write_bytes(tmp, picture_bytes(process, spec.representative_day, path, opts, command_for(spec.id, path)))
            rows.append((name, spec.id, format_age(spec.representative_day, opts.lang)[0], text.title, text.summary))
        md = io.StringIO()
        md.write(f"# {content.title} — {content.subtitle}\n\n")
        md.write(f"| {s('export.col_file')} | {s('export.col_age')} | {s('export.col_phase')} | {s('export.col_summary')} |\n|---|---|---|---|\n")
        for name, _pid, age, title, summary in rows:
            md.write(f"| ![{title}]({name}) | {age} | {title} | {summary} |\n")
        write_bytes(tmps[-2], md.getvalue().encode("utf-8"))
        out = io.StringIO(newline="")
        w = csv.writer(out)
        w.writerow(["file", "phase_id", "age", "title", "summary"])
        w.writerows(rows)
        write_bytes(tmps[-1], out.getvalue().encode("utf-8"))
    return targets
