"""Remembered preferences in an INI file read and written by us: plain values only, never unpickled; bad values fall back."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from PySide6 import QtCore

from ..atomic import atomic_path, write_bytes
from ..colours import PROFILES
from ..content import LANGUAGES
from ..model import registry
from .clockstate import SPEEDS
from .lecture import valid_order

TEXT_SCALES = (0.7, 2.5)
MAX_BYTES = 256 * 1024  # a settings file is a few hundred bytes; anything huge is not ours
KEY = re.compile(r"^[A-Za-z0-9_]{1,64}$")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            '"': '"', "'": "'", "?": "?", "\\": "\\", ";": ";", ",": ",", "=": "="}


@dataclass
class Preferences:
    profile: str = "screen"
    text_scale: float = 1.0
    speed: float = 1.0
    language: str = "en"
    stop_at_phases: bool = True
    process: str = "endochondral"
    labels: bool = False
    lecture_order: str = "*"  # processes of a lecture in presentation: ids, "*" = every other one (lecture.py)
    geometry: QtCore.QByteArray | None = field(default=None, repr=False)


def _unescape(raw: str) -> str:
    """An INI value as Qt writes it: optional "quotes", backslash escapes (\\n, \\xHH, octal), ';' comments."""
    out, i, quoted = [], 0, False
    while i < len(raw):
        ch = raw[i]
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            break
        elif ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt == "x":
                m = re.match(r"[0-9A-Fa-f]+", raw[i + 2:])
                if not m:
                    raise ValueError("bad \\x escape")
                out.append(chr(int(m.group(0), 16) & 0xFFFF))
                i += 2 + len(m.group(0))
                continue
            m = re.match(r"[0-7]{1,3}", raw[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            if nxt not in _ESCAPES:
                raise ValueError(f"unknown escape \\{nxt}")
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        else:
            out.append(ch)
        i += 1
    if quoted:
        raise ValueError("unclosed quote")
    text = "".join(out)
    return text.strip() if not raw.lstrip().startswith('"') else text


def _escape(text: str) -> str:
    """A plain string as a quoted INI value (Qt's QSettings reads it back as the same string)."""
    body = []
    for ch in text:
        if ch in '"\\':
            body.append("\\" + ch)
        elif ch == "\n":
            body.append("\\n")
        elif ch == "\t":
            body.append("\\t")
        elif ch == "\r":
            body.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            continue  # no control characters in a setting
        else:
            body.append(ch)
    return '"' + "".join(body) + '"'


class SettingsFile:
    """A QSettings-like store (value/setValue/beginGroup/sync) over an INI file that we parse ourselves.

    Qt's QSettings turns `@Variant(...)` into a Python object by unpickling it while it reads the file,
    so a crafted settings file could run code. Here every value is a plain string; a byte array
    (`@ByteArray(...)`) is kept only as bytes; anything else starting with `@` is refused with a warning.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.entries: dict[str, tuple[str, object]] = {}  # "group/key" -> ("str", text) | ("bytes", b) | ("typed", tag)
        self.damaged: str | None = None
        self.warnings: list[str] = []
        self._group = ""
        self._load()

    # reading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            size = self.path.stat().st_size
            if size > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES // 1024} KB")
            text = self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            self.damaged = exc.strerror or "unreadable"
            return
        except UnicodeDecodeError:
            self.damaged = "not UTF-8 text"
            return
        except ValueError as exc:
            self.damaged = str(exc)
            return
        section = ""
        for n, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line[0] in ";#":
                continue
            if line.startswith("[") and line.endswith("]"):
                name = line[1:-1].strip()
                section = "" if name == "General" else name.replace("%General", "General")
                continue
            if "=" not in line:
                self.damaged = f"line {n} is not key=value"
                self.entries.clear()
                return
            key, raw = (part.strip() for part in line.split("=", 1))
            if not KEY.match(key) or (section and not KEY.match(section)):
                continue  # not one of ours; kept out, never interpreted
            full = f"{section}/{key}" if section else key
            try:
                value = _unescape(raw)
            except ValueError as exc:
                self.entries[full] = ("typed", f"unreadable ({exc})")
                continue
            if value.startswith("@@"):
                self.entries[full] = ("str", value[1:])
            elif value.startswith("@ByteArray(") and value.endswith(")"):
                try:
                    self.entries[full] = ("bytes", value[len("@ByteArray("):-1].encode("latin-1"))
                except UnicodeEncodeError:
                    self.entries[full] = ("typed", "a damaged @ByteArray")
            elif value.startswith("@"):
                self.entries[full] = ("typed", value.split("(", 1)[0][:32])
            else:
                self.entries[full] = ("str", value)

    def fileName(self) -> str:
        return str(self.path)

    def _full(self, key: str) -> str:
        return f"{self._group}/{key}" if self._group else key

    def contains(self, key: str) -> bool:
        return self._full(key) in self.entries

    def entry(self, key: str):
        """(kind, value) of a key, kind 'str', 'bytes' or 'typed' (refused); None if absent."""
        return self.entries.get(self._full(key))

    def value(self, key: str, default=None):
        """The plain string stored under key, else `default` (a refused typed value is warned about, never read)."""
        e = self.entry(key)
        if e is None:
            return default
        if e[0] != "str":
            self.warnings.append(f"{self.path}: field '{self._full(key)}': {e[1] if e[0] == 'typed' else 'bytes'} "
                                 "is not a plain value; ignored, using the default")
            return default
        return e[1]

    def bytes_value(self, key: str) -> bytes | None:
        e = self.entry(key)
        return e[1] if e is not None and e[0] == "bytes" else None

    # writing ---------------------------------------------------------------------------------
    def beginGroup(self, name: str) -> None:
        if not KEY.match(name):
            raise ValueError(name)
        self._group = name

    def endGroup(self) -> None:
        self._group = ""

    def setValue(self, key: str, value) -> None:
        if not KEY.match(key):
            raise ValueError(key)
        if isinstance(value, (QtCore.QByteArray, bytes, bytearray)):
            self.entries[self._full(key)] = ("bytes", bytes(value))
        elif isinstance(value, bool):
            self.entries[self._full(key)] = ("str", "true" if value else "false")
        elif isinstance(value, (str, int, float)):
            self.entries[self._full(key)] = ("str", str(value))
        else:
            raise TypeError(f"settings hold plain values only, not {type(value).__name__}")

    def text(self) -> str:
        """The INI text: [General] first, then one section per group; typed values we refused are dropped."""
        sections: dict[str, list[str]] = {"": []}
        for full, (kind, value) in self.entries.items():
            group, _, key = full.rpartition("/")
            if kind == "str":
                line = f"{key}={_escape(value)}"
            elif kind == "bytes":
                line = f"{key}=@ByteArray(" + "".join(f"\\x{b:02x}" for b in value) + ")"
            else:
                continue
            sections.setdefault(group, []).append(line)
        parts = []
        for group, lines in sections.items():
            if lines:
                name = "General" if not group else ("%General" if group == "General" else group)
                parts.append(f"[{name}]\n" + "\n".join(lines) + "\n")
        return "\n".join(parts)

    def sync(self) -> None:
        """Write the whole file atomically (a temporary file renamed into place)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(self.path, force=True) as tmp:
            write_bytes(tmp, self.text().encode("utf-8"))


def settings_path() -> Path:
    """The settings file: $OSTEOVIZ_SETTINGS if set (tests, portable use), else <config>/osteoviz/osteoviz.ini."""
    path = os.environ.get("OSTEOVIZ_SETTINGS")
    if path:
        return Path(path)
    base = os.environ.get("XDG_CONFIG_HOME") or QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.GenericConfigLocation) or str(Path.home() / ".config")
    return Path(base) / "osteoviz" / "osteoviz.ini"


def settings_store() -> SettingsFile:
    return SettingsFile(settings_path())


def load_preferences(store: SettingsFile | None = None) -> tuple[Preferences, list[str]]:
    """Read preferences; every bad, unreadable or non-plain value is replaced by its default and reported."""
    store = store or settings_store()
    prefs = Preferences()
    where = store.fileName()
    if store.damaged:
        return prefs, [f"{where}: the settings file is damaged ({store.damaged}); using defaults"]
    warnings: list[str] = []

    def read(key, check, convert):
        if not store.contains(key):
            return
        raw = store.value(key)
        if raw is None:
            warnings.extend(store.warnings)
            store.warnings.clear()
            return
        try:
            value = convert(raw)
            if not check(value):
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            warnings.append(f"{where}: field '{key}': {raw[:40]!r} is not valid; using the default")
            return
        setattr(prefs, key, value)

    def as_bool(v):
        if str(v).lower() in ("true", "1", "yes"):
            return True
        if str(v).lower() in ("false", "0", "no"):
            return False
        raise ValueError

    read("profile", lambda v: v in PROFILES, str)
    read("text_scale", lambda v: TEXT_SCALES[0] <= v <= TEXT_SCALES[1], float)
    read("speed", lambda v: v in SPEEDS, float)
    read("language", lambda v: v in LANGUAGES, str)
    read("stop_at_phases", lambda v: True, as_bool)
    read("process", lambda v: v in registry.process_ids(), str)
    read("labels", lambda v: True, as_bool)
    read("lecture_order", valid_order, str)
    if store.contains("geometry"):
        geometry = store.bytes_value("geometry")
        if geometry is not None and len(geometry) <= 4096:
            prefs.geometry = QtCore.QByteArray(geometry)
        else:
            kind = store.entry("geometry")[1] if store.entry("geometry")[0] == "typed" else "not a byte array"
            warnings.append(f"{where}: field 'geometry': {kind} is not valid; using the default")
    return prefs, warnings


def save_preferences(prefs: Preferences, store: SettingsFile | None = None) -> None:
    store = store or settings_store()
    for f in fields(prefs):
        value = getattr(prefs, f.name)
        if value is not None:
            store.setValue(f.name, value)
    store.sync()
