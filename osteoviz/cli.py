"""Command line: `osteoviz` opens the window; `osteoviz render ...` draws a PNG headless."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from pathlib import Path

from .content import format_age, strings
from .errors import OsteovizError
from .model.clock import TimeParseError, parse_time
from .model.params import EndochondralParams, IntramembranousParams

CLOCKS = {"endochondral": EndochondralParams(), "intramembranous": IntramembranousParams()}
PROFILES = ("screen", "projector", "colourblind")


class UsageError(OsteovizError):
    """Bad command-line input (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit code 2, no usage dump
        print(f"osteoviz: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m or not all(200 <= int(v) <= 8000 for v in m.groups()):
        raise UsageError(strings()("cli.bad_size", value=text))
    return int(m.group(1)), int(m.group(2))


def parse_clock_time(text: str, process: str) -> float:
    try:
        day = parse_time(text)
    except TimeParseError as exc:
        raise UsageError(strings()("cli.bad_time", message=str(exc))) from None
    p = CLOCKS[process]
    if not (p.start_day - 1e-6 <= day <= p.end_day + 1e-6):
        raise UsageError(strings()("cli.time_range", value=text, process=process,
                                   start=format_age(p.start_day)[0], end=format_age(p.end_day)[0]))
    return day


def check_output(path: Path, force: bool, suffixes=(".png",)) -> Path:
    s = strings()
    if path.suffix.lower() not in suffixes:
        raise UsageError(s("cli.not_png", path=path))
    if not path.parent.exists():
        raise UsageError(s("cli.no_dir", path=path.parent))
    if not os.access(path.parent, os.W_OK):
        raise UsageError(s("cli.bad_output", path=path, reason="the folder is not writable"))
    if path.exists() and not force:
        raise UsageError(s("cli.exists", path=path))
    return path


def build_parser() -> argparse.ArgumentParser:
    s = strings()
    parser = _Parser(prog="osteoviz", description=s("cli.description"))
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--process", choices=sorted(CLOCKS), help="process to open the window on")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    r = sub.add_parser("render", help=s("cli.render_help"))
    r.add_argument("--process", required=True, choices=sorted(CLOCKS))
    r.add_argument("--time", required=True, help="8w, 38w or birth, 6m, 10y (weeks after fertilisation; months/years after birth)")
    r.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in pixels (default 1920x1080)")
    r.add_argument("--profile", default="screen", choices=PROFILES)
    r.add_argument("-o", "--output", required=True, help="PNG file to write")
    r.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def _render(args) -> int:
    day = parse_clock_time(args.time, args.process)
    width, height = parse_size(args.size)
    out = check_output(Path(args.output), args.force)
    from .qt.headless import picture_metadata, render_picture, save_png_atomic

    canvas, img = render_picture(args.process, day, width, height, args.profile)
    command = shlex.join(["osteoviz", "render", "--process", args.process, "--time", args.time,
                          "--size", f"{width}x{height}", "--profile", args.profile, "-o", str(out)])
    try:
        save_png_atomic(img, out, picture_metadata(canvas, command))
    except OSError as exc:
        raise UsageError(strings()("cli.bad_output", path=out, reason=exc.strerror or str(exc))) from None
    print(strings()("cli.wrote", path=out))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.version:
            from . import __version__

            print(f"osteoviz {__version__}")
            return 0
        if args.command == "render":
            return _render(args)
        from .qt.launch import run_app

        return run_app(process=args.process)
    except UsageError as exc:
        print(f"osteoviz: error: {exc}", file=sys.stderr)
        return 2
    except OsteovizError as exc:
        print(f"osteoviz: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
