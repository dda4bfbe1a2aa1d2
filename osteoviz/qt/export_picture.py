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
from ..model import registry
from ..simcache import as_scenario, load
from .headless import frame_for, offscreen_canvas, picture_metadata
from .heatmap import HeatMap, frame_at

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
    signals: bool = False  # the signal fields as a heat map with its colour bar


def picture_format(path: Path) -> str:
    fmt = PICTURE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UnknownFormat(strings()("export.unknown_format", path=path, formats=", ".join(sorted(PICTURE_FORMATS))))
    return fmt


def recreate_command(process: str, day: float, opts: PictureOptions, path: Path, compare: bool = False) -> str:
    """The `osteoviz render` command line that draws the same picture again (`process`: an id or scenario key)."""
    sc = as_scenario(process)
    args = ["osteoviz", "render", "--process", sc.process]
    for eid in sc.experiments:
        args += ["--experiment", eid]
    if compare:
        args.append("--compare")
    args += ["--time", registry.get(sc.process).clock.text(day), "--size", f"{opts.width}x{opts.height}", "--profile", opts.profile]
    if opts.lang != "en":
        args += ["--lang", opts.lang]
    for flag, on in (("--transparent", opts.transparent), ("--no-caption", not opts.caption),
                     ("--no-legend", not opts.legend), ("--no-scale-bar", not opts.scale_bar), ("--labels", opts.labels),
                     ("--signals", opts.signals)):
        if on:
            args.append(flag)
    return shlex.join([*args, "-o", str(path)])


def configured_canvas(process: str, day: float, opts: PictureOptions):
    """The offscreen canvas set up with the options and holding the frame at `day`."""
    canvas = offscreen_canvas(opts.profile, opts.lang)
    canvas.show_caption, canvas.show_legend, canvas.show_scale = opts.caption, opts.legend, opts.scale_bar
    canvas.show_labels = opts.labels
    canvas.set_transparent(opts.transparent)
    model, history = load(process)
    canvas.frame = frame_at(model, history, day, opts.labels, opts.signals)
    heat = HeatMap.of(canvas)
    heat.visible = opts.signals
    heat.set_frame(canvas.frame)
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
    sc = as_scenario(process)
    if not sc.is_normal and fmt != "SVG":
        return _banded_bytes([sc], day, path, opts, command or recreate_command(sc, day, opts, path), fmt)
    canvas = configured_canvas(process, day, opts)
    meta = picture_metadata(canvas, command or recreate_command(process, day, opts, path))
    meta["osteoviz:options"] = json.dumps({k: v for k, v in opts.__dict__.items()})
    meta["osteoviz:scenario"] = sc.key
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    with cancel.deferred():  # Ctrl+C/SIGTERM acted on once Qt has finished drawing
        if fmt == "SVG":
            ok = _write_svg(canvas, buf, opts, meta)
        else:
            ok = _save_image(canvas.render_image(opts.width, opts.height), buf, fmt, meta)
        buf.close()
    data = bytes(buf.data())
    if not ok or not data:
        raise OSError(errno.EIO, strings()("export.encode_failed", path=path), str(path))
    return data


def scenario_title(sc, lang: str) -> str:
    """'Normal' or the experiments' titles ('PTHrP loss'), from the experiment texts where they exist."""
    from ..content import experiment_texts

    s = strings(lang)
    if sc.is_normal:
        return s("compare.normal")
    try:
        texts = experiment_texts(sc.process, lang)
    except Exception:  # texts not written yet: the ids
        texts = {}
    return " + ".join(texts[e].title if e in texts else e for e in sc.experiments)


def _band(img: QtGui.QImage, rect: QtCore.QRectF, text: str, opts: PictureOptions, accent: bool) -> None:
    """A title band over one panel: which scenario it shows."""
    from ..colours import load_profile

    prof = load_profile(opts.profile)
    p = QtGui.QPainter(img)
    try:
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.fillRect(rect, QtGui.QColor(prof.accent if accent else prof.panel))
        font = QtGui.QFont()
        font.setPixelSize(max(10, int(rect.height() * 0.6)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QtGui.QColor(prof.background if accent else prof.text))
        p.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), text)
    finally:
        p.end()


def compare_image(scenarios, day: float, opts: PictureOptions) -> tuple[QtGui.QImage, object]:
    """The scenarios side by side at one day, each panel the same size (same scale) under a title band."""
    n = len(scenarios)
    band = max(18, int(round(opts.height * 0.045)))
    w, h = opts.width // n, opts.height - band
    out = QtGui.QImage(opts.width, opts.height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    from ..colours import load_profile
    from ..model.scene import on_one_scale

    out.fill(QtGui.QColor(0, 0, 0, 0) if opts.transparent else QtGui.QColor(load_profile(opts.profile).background))
    canvas = None
    frames = on_one_scale([configured_canvas(sc, day, opts).frame for sc in scenarios])  # one scale for all
    for i, sc in enumerate(scenarios):
        canvas = configured_canvas(sc, day, opts)
        canvas.frame = frames[i]
        panel = canvas.render_image(w, h)
        p = QtGui.QPainter(out)
        p.drawImage(QtCore.QPointF(i * w, band), panel)
        p.end()
        _band(out, QtCore.QRectF(i * w, 0, w, band), scenario_title(sc, opts.lang), opts, accent=not sc.is_normal)
    return out, canvas


def _save_image(img: QtGui.QImage, buf: QtCore.QBuffer, fmt: str, meta: dict) -> bool:
    """Encode a picture into `buf` with its text chunks (JPEG has no alpha); False if the encoder failed."""
    if fmt == "JPEG":
        img = img.convertToFormat(QtGui.QImage.Format.Format_RGB32)
    for k, v in meta.items():
        img.setText(k, v)
    return img.save(buf, fmt, 92 if fmt == "JPEG" else -1)


def _banded_bytes(scenarios, day: float, path: Path, opts: PictureOptions, command: str, fmt: str) -> bytes:
    """PNG/JPEG bytes of one or more scenarios under title bands, with the scenario in the PNG text."""
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    with cancel.deferred():
        img, canvas = compare_image(scenarios, day, opts)
        meta = picture_metadata(canvas, command)
        meta["osteoviz:options"] = json.dumps({k: v for k, v in opts.__dict__.items()})
        meta["osteoviz:scenario"] = " | ".join(sc.key for sc in scenarios)
        ok = _save_image(img, buf, fmt, meta)
        buf.close()
    data = bytes(buf.data())
    if not ok or not data:
        raise OSError(errno.EIO, strings()("export.encode_failed", path=path), str(path))
    return data


def export_compare(scenario, day: float, path: Path, opts: PictureOptions, command: str = "", force: bool = False) -> Path:
    """Normal and `scenario` side by side in one picture (PNG or JPEG), written atomically."""
    from ..model.scenario import Scenario

    path = Path(path)
    sc = as_scenario(scenario)
    fmt = picture_format(path)
    if fmt == "SVG":
        raise UnknownFormat(strings()("export.compare_raster", path=path))
    data = _banded_bytes([Scenario(sc.process), sc], day, path, opts,
                         command or recreate_command(sc, day, opts, path, compare=True), fmt)
    with atomic_path(path, force) as tmp:
        write_bytes(tmp, data)
    return path


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
    names = [f"{i:02d}-{spec.id}{suffix}" for i, spec in enumerate(as_scenario(process).phases(), start=1)]
    return [Path(folder) / n for n in names] + [Path(folder) / "captions.md", Path(folder) / "captions.csv"]


def export_phase_set(process: str, folder: Path, opts: PictureOptions, suffix: str = ".png", force: bool = False,
                     command_for=lambda phase_id, path: "", created_folder: Path | None = None) -> list[Path]:
    """One picture per phase at its representative time, plus captions.md and captions.csv -- all or nothing.

    `created_folder`: the folder was made for this set and is removed again if the set fails.
    """
    folder = Path(folder)
    picture_format(Path("x" + suffix))
    target, process = process, as_scenario(process).process
    content = process_content(process, opts.lang)
    model_phases = frame_for(target, 60.0).phase  # make sure the simulation is loaded
    del model_phases
    from ..model import registry

    s = strings(opts.lang)
    specs = list(as_scenario(target).phases())  # the scenario's own days (an adult's repair is slower)
    targets = phase_set_targets(process, folder, suffix)
    names = [t.name for t in targets[:-2]]
    rows = []
    # all or nothing: every target is checked before the first write, every file is written to a temporary
    # name, and only a complete set is renamed into place (a failure or Ctrl+C leaves nothing new)
    with atomic_paths(targets, force, created_folder) as tmps:
        for spec, name, path, tmp in zip(specs, names, targets, tmps):
            text = content.phase(spec.id)
            write_bytes(tmp, picture_bytes(target, spec.representative_day, path, opts, command_for(spec.id, path)))
            rows.append((name, spec.id, format_age(spec.representative_day, opts.lang, registry.get(process).clock)[0], text.title, text.summary))
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
