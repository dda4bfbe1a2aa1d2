"""Command line: `osteoviz` opens the window; `osteoviz render` and `osteoviz movie` export headless."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import signal
import sys
from pathlib import Path

from . import cancel
from .atomic import TargetExists
from .content import LANGUAGES, format_age, strings
from .errors import OsteovizError, describe_error
from .model.clock import TimeParseError, parse_time
from .model import registry
PROFILES = ("screen", "projector", "colourblind")
SIZE_PRESETS = {"720p": (1280, 720), "1080p": (1920, 1080), "1440p": (2560, 1440), "4k": (3840, 2160), "8k": (7680, 4320)}
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MOVIE_SUFFIXES = (".mp4", ".webm", ".gif")


class UsageError(OsteovizError):
    """Bad command-line input (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit code 2, no usage dump
        print(f"osteoviz: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def parse_size(text: str) -> tuple[int, int]:
    if text.strip().lower() in SIZE_PRESETS:
        return SIZE_PRESETS[text.strip().lower()]
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m or not all(200 <= int(v) <= 8000 for v in m.groups()):
        raise UsageError(strings()("cli.bad_size", value=text))
    return int(m.group(1)), int(m.group(2))


def parse_clock_time(text: str, process: str) -> float:
    p = registry.get(process)
    try:
        day = p.clock.parse(text)  # on the process's own clock (after fertilisation, after injury)
    except TimeParseError as exc:
        raise UsageError(strings()("cli.bad_time", message=str(exc))) from None
    if not (p.start_day - 1e-6 <= day <= p.end_day + 1e-6):
        raise UsageError(strings()("cli.time_range", value=text, process=process,
                                   start=format_age(p.start_day, clock=p.clock)[0],
                                   end=format_age(p.end_day, clock=p.clock)[0]))
    return min(max(day, p.start_day), p.end_day)


def check_folder(folder: Path) -> Path:
    s = strings()
    if not folder.exists():
        raise UsageError(s("cli.no_dir", path=folder))
    if not folder.is_dir():
        raise UsageError(s("cli.not_dir", path=folder))
    if not os.access(folder, os.W_OK):
        raise UsageError(s("cli.bad_output", path=folder, reason="the folder is not writable"))
    return folder


def check_output(path: Path, force: bool, suffixes=PICTURE_SUFFIXES) -> Path:
    s = strings()
    if path.suffix.lower() not in suffixes:
        raise UsageError(s("cli.bad_format", message=f"{path}: unknown format: use one of {', '.join(suffixes)}"))
    check_folder(path.parent)
    if path.exists() and not force:
        raise UsageError(s("cli.exists", path=path))
    return path


def _add_picture_options(p: argparse.ArgumentParser) -> None:
    s = strings()
    p.add_argument("--process", choices=registry.process_ids())  # required (checked after parsing: not for --skeleton)
    p.add_argument("--experiment", action="append", default=[], metavar="NAME", help=s("cli.experiment_help"))
    p.add_argument("--signals", action="store_true", help=s("cli.signals_help"))
    p.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT, or 720p, 1080p, 1440p, 4k, 8k (default 1080p)")
    p.add_argument("--profile", default="screen", choices=PROFILES)
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the caption, legend and labels")
    p.add_argument("--transparent", action="store_true", help="transparent background (PNG, SVG)")
    p.add_argument("--no-caption", action="store_true", help="leave out the caption (process, age, phase)")
    p.add_argument("--no-legend", action="store_true", help="leave out the legend")
    p.add_argument("--no-scale-bar", action="store_true", help="leave out the scale bars")
    p.add_argument("--labels", action="store_true", help="label the structures with leader lines")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--force", action="store_true", help="overwrite existing files")


def build_parser() -> argparse.ArgumentParser:
    s = strings()
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="osteoviz", description=s("cli.description"), epilog=s("cli.examples_main"), formatter_class=raw)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--install-desktop", action="store_true", help=s("cli.install_desktop_help"))
    parser.add_argument("--process", choices=registry.process_ids(), help="process to open the window on")
    parser.add_argument("--lang", choices=LANGUAGES, help="language to open the window in (remembered)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    r = sub.add_parser("render", help=s("cli.render_help"), description=s("cli.render_help"),
                       epilog=s("cli.examples_render"), formatter_class=raw)
    _add_picture_options(r)
    r.add_argument("--time", help="a time on the process's clock: 8w, 38w or birth, 6m, 10y on the developmental clock "
                   "(weeks after fertilisation; months/years after birth); 3d, 2w, 6m, 1y or injury on the injury clock")
    r.add_argument("--phases", action="store_true", help=s("cli.phases_help"))
    r.add_argument("--format", default="png", choices=("png", "jpg", "svg"), help="picture format for --phases")
    r.add_argument("--strip", action="store_true", help=s("cli.strip_help"))
    r.add_argument("--compare", action="store_true", help=s("cli.compare_help"))
    r.add_argument("--skeleton", action="store_true", help=s("cli.skeleton_help"))
    sub.add_parser("experiments", help=s("cli.experiments_help"))
    m = sub.add_parser("movie", help=s("cli.movie_help"), description=s("cli.movie_help"),
                       epilog=s("cli.examples_movie"), formatter_class=raw)
    _add_picture_options(m)
    m.add_argument("--from", dest="start", help="start time (default 8w on the developmental clock, the injury on the injury clock)")
    m.add_argument("--to", dest="end", help="end time (default: the end of the clock)")
    m.add_argument("--fps", type=int, default=30)
    m.add_argument("--duration", type=float, help="length in seconds (default: the pace of 1x playback)")
    return parser


def _options(args):
    from .qt.export_picture import PictureOptions

    width, height = parse_size(args.size)
    return PictureOptions(width=width, height=height, profile=args.profile, lang=args.lang, transparent=args.transparent,
                          caption=not args.no_caption, legend=not args.no_legend, scale_bar=not args.no_scale_bar,
                          labels=args.labels, signals=args.signals)


def _scenario(args):
    """The scenario the options name: --process with every --experiment (unknown names: a one-line error)."""
    from .model.scenario import Scenario

    if not args.process:
        raise UsageError("the following arguments are required: --process")
    return Scenario(args.process, tuple(args.experiment))


def _experiments() -> int:
    """`osteoviz experiments`: every process's experiments, id and title, as --experiment takes them."""
    from .model.scenario import experiments_for
    from .qt.experimentspanel import texts_for

    s = strings()
    for pid in registry.process_ids():
        print(f"{pid}:")
        found = experiments_for(pid)
        texts = texts_for(pid, "en")
        for e in found:
            t = texts.get(e.id)
            print(f"  {e.id:<28} {t.title + ' — ' + t.condition if t else ''}".rstrip())
        if not found:
            print(f"  {s('cli.no_experiments')}")
    return 0


def _skeleton(args, argv) -> int:
    """`osteoviz render --skeleton --time 20w -o map.png`: the skeleton map picture."""
    s = strings()
    for flag, on in (("--process", args.process), ("--experiment", args.experiment), ("--compare", args.compare),
                     ("--phases", args.phases), ("--strip", args.strip), ("--signals", args.signals)):
        if on:
            raise UsageError(s("cli.skeleton_only", option=flag))
    if not args.time:
        raise UsageError("--time is required")
    try:
        day = parse_time(args.time)
    except TimeParseError as exc:
        raise UsageError(s("cli.bad_time", message=str(exc))) from None
    width, height = parse_size(args.size)
    out = check_output(Path(args.output), args.force, (".png",))
    from .qt.skeletonview import save_skeleton_picture

    save_skeleton_picture(out, day, width, height, "origin", args.profile, args.lang, args.force, _command_line(argv))
    print(s("cli.wrote", path=out))
    return 0


def _command_line(argv: list[str]) -> str:
    return shlex.join(["osteoviz", *argv])


def _render(args, argv) -> int:
    s = strings()
    if args.skeleton:
        return _skeleton(args, argv)
    sc = _scenario(args)
    opts = _options(args)
    for flag, on in (("--phases", args.phases), ("--strip", args.strip)):
        if on and args.compare:
            raise UsageError(s("cli.not_with", option="--compare", other=flag))
    if args.compare and sc.is_normal:
        raise UsageError(s("cli.compare_needs_experiment"))
    if args.strip and not sc.is_normal:
        raise UsageError(s("cli.not_with", option="--experiment", other="--strip"))
    if args.strip:  # every phase as one figure
        from .qt.strip import strip_from_cli

        return strip_from_cli(args, opts, check_output(Path(args.output), args.force), _command_line(argv))
    if args.phases:
        from .qt.export_picture import export_phase_set, recreate_command

        folder, created = phase_folder(Path(args.output))

        def command_for(phase_id, path):

            spec = next(p for p in sc.phases() if p.id == phase_id)
            return recreate_command(sc, spec.representative_day, opts, path)

        written = export_phase_set(sc.key, folder, opts, "." + args.format.replace("jpeg", "jpg"), args.force,
                                   command_for, created_folder=created)
        print(s("cli.wrote_set", n=len(written), path=folder))
        return 0
    if not args.time:
        raise UsageError("--time is required (or --phases)")
    day = parse_clock_time(args.time, args.process)
    out = check_output(Path(args.output), args.force)
    from .qt.export_picture import export_compare, export_picture

    if args.compare:
        export_compare(sc, day, out, opts, _command_line(argv), args.force)
    else:
        export_picture(sc.key, day, out, opts, _command_line(argv), args.force)
    print(s("cli.wrote", path=out))
    return 0


def phase_folder(folder: Path) -> tuple[Path, Path | None]:
    """The folder of a phase set, made if it does not exist yet (its parent must); (folder, folder if made)."""
    if not folder.exists() and not folder.is_symlink() and folder.parent.is_dir():
        try:
            folder.mkdir()
        except OSError as exc:
            raise UsageError(strings()("cli.bad_output", path=folder, reason=exc.strerror or str(exc))) from None
        return folder, folder
    return check_folder(folder), None


def _movie(args, argv) -> int:
    s = strings()
    sc = _scenario(args)
    opts = _options(args)
    start_text = args.start if args.start is not None else registry.get(args.process).clock.default_from()
    start = parse_clock_time(start_text, args.process)
    end = parse_clock_time(args.end, args.process) if args.end else registry.get(args.process).end_day
    if not end > start:
        raise UsageError(s("cli.time_order", start=start_text, end=args.end))
    if not 1 <= args.fps <= 60:
        raise UsageError(s("cli.bad_fps", value=args.fps))
    if args.duration is not None and not 1 <= args.duration <= 600:
        raise UsageError(s("cli.bad_duration", value=args.duration))
    out = check_output(Path(args.output), args.force, MOVIE_SUFFIXES)
    from .qt.export_movie import MovieSpec, write_movie
    from .qt.headless import ensure_app

    ensure_app()
    tty = sys.stderr.isatty()

    def progress(done, total, eta):
        if tty:
            bar = "#" * int(30 * done / total)
            eta_text = "?" if eta != eta else f"{eta:.0f}"
            sys.stderr.write(f"\r[{bar:<30}] " + s("cli.progress", done=done, total=total, eta=eta_text))
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    spec = MovieSpec(sc.key, start, end, args.fps, args.duration, opts)
    write_movie(spec, out, args.force, progress)
    print(s("cli.wrote", path=out))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.version:
            from . import __version__

            print(f"osteoviz {__version__}")
            return 0
        if args.install_desktop:
            from .desktop import install_desktop

            for path in install_desktop():
                print(strings()("cli.installed", path=path))
            return 0
        from .validate import check_all

        check_all()  # every text, palette and string file checked before anything is drawn or opened
        if args.command in ("render", "movie"):
            cancel.install()  # SIGTERM and SIGHUP behave like Ctrl+C: cancelled cleanly, nothing left
        if args.command == "experiments":
            return _experiments()
        if args.command == "render":
            return _render(args, argv)
        if args.command == "movie":
            return _movie(args, argv)
        from .qt.launch import run_app

        return run_app(process=args.process, lang=args.lang)
    except UsageError as exc:
        print(f"osteoviz: error: {exc}", file=sys.stderr)
        return 2
    except TargetExists as exc:
        print(f"osteoviz: error: {strings()('cli.exists', path=exc)}", file=sys.stderr)
        return 2
    except (OsteovizError, ValueError) as exc:
        print(f"osteoviz: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"osteoviz: error: {describe_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print(f"osteoviz: {strings()('cli.cancelled')}", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, cancel.Terminated) else signal.SIGINT)
    finally:
        cancel.reset()  # a stop request ends with the command it stopped


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
