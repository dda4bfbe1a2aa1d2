"""`osteoviz --install-desktop`: a desktop entry and icon in the user's XDG folders, so menus and docks list osteoviz."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .atomic import atomic_path, write_bytes
from .content import strings
from .paths import assets_dir

APP_ID = "osteoviz"  # the desktop file's name; Qt's desktopFileName names the same file
_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def _exec_arg(arg: str) -> str:
    """One argument of an Exec line, quoted as the Desktop Entry spec asks."""
    if arg and not (set(arg) & _RESERVED):
        return arg.replace("%", "%%")
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg).replace("%", "%%")
    return f'"{inner}"'


def _value(text: str) -> str:
    """A desktop-file string value (backslashes escaped, one line)."""
    return text.replace("\\", "\\\\").replace("\n", " ")


def desktop_entry(python: str | None = None) -> str:
    """The text of osteoviz.desktop: starts this Python's osteoviz, localised name and comment."""
    python = python or sys.executable
    exec_line = " ".join(_exec_arg(a) for a in (python, "-m", "osteoviz"))
    lines = ["[Desktop Entry]", "Type=Application", "Version=1.5", "Name=osteoviz"]
    en, nl = strings("en"), strings("nl")
    lines += [f"GenericName={_value(en('desktop.generic_name'))}", f"GenericName[nl]={_value(nl('desktop.generic_name'))}",
              f"Comment={_value(en('desktop.comment'))}", f"Comment[nl]={_value(nl('desktop.comment'))}",
              f"Keywords={_value(en('desktop.keywords'))}", f"Keywords[nl]={_value(nl('desktop.keywords'))}",
              f"Exec={_value(exec_line)}", f"Icon={APP_ID}", "Terminal=false",
              "Categories=Education;Science;Biology;MedicalSoftware;", f"StartupWMClass={APP_ID}"]
    return "\n".join(lines) + "\n"


def data_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"


def install_desktop() -> list[Path]:
    """Write the desktop entry and the icon (each atomically); returns the two paths."""
    base = data_home()
    entry = base / "applications" / f"{APP_ID}.desktop"
    icon = base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    for path, data in ((entry, desktop_entry().encode("utf-8")),
                       (icon, (assets_dir() / "icons" / f"{APP_ID}.svg").read_bytes())):
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path, force=True) as tmp:
            write_bytes(tmp, data)
    return [entry, icon]
