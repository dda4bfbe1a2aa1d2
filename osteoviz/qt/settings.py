"""Remembered preferences (QSettings): validated on load; a damaged store falls back to defaults with a warning."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

from PySide6 import QtCore

from ..colours import PROFILES
from ..content import LANGUAGES
from .clockstate import SPEEDS

PROCESSES = ("endochondral", "intramembranous")
TEXT_SCALES = (0.7, 2.5)


@dataclass
class Preferences:
    profile: str = "screen"
    text_scale: float = 1.0
    speed: float = 1.0
    language: str = "en"
    stop_at_phases: bool = True
    process: str = "endochondral"
    labels: bool = False
    geometry: QtCore.QByteArray | None = field(default=None, repr=False)


def settings_store() -> QtCore.QSettings:
    """The settings file: $OSTEOVIZ_SETTINGS if set (tests, portable use), else the user's Qt location."""
    path = os.environ.get("OSTEOVIZ_SETTINGS")
    if path:
        return QtCore.QSettings(path, QtCore.QSettings.Format.IniFormat)
    return QtCore.QSettings(QtCore.QSettings.Format.IniFormat, QtCore.QSettings.Scope.UserScope, "osteoviz", "osteoviz")


def load_preferences(store: QtCore.QSettings | None = None) -> tuple[Preferences, list[str]]:
    """Read preferences; every bad or unreadable value is replaced by its default and reported."""
    store = store or settings_store()
    prefs = Preferences()
    warnings: list[str] = []
    where = store.fileName()
    if store.status() != QtCore.QSettings.Status.NoError:
        return prefs, [f"{where}: the settings file is damaged; using defaults"]

    def read(key, check, convert):
        if not store.contains(key):
            return
        raw = store.value(key)
        try:
            value = convert(raw)
            if not check(value):
                raise ValueError
        except (TypeError, ValueError):
            warnings.append(f"{where}: field '{key}': {raw!r} is not valid; using the default")
            return
        setattr(prefs, key, value)

    def as_bool(v):
        if isinstance(v, bool):
            return v
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
    read("process", lambda v: v in PROCESSES, str)
    read("labels", lambda v: True, as_bool)
    geometry = store.value("geometry")
    if isinstance(geometry, QtCore.QByteArray):
        prefs.geometry = geometry
    return prefs, warnings


def save_preferences(prefs: Preferences, store: QtCore.QSettings | None = None) -> None:
    store = store or settings_store()
    for f in fields(prefs):
        value = getattr(prefs, f.name)
        if value is not None:
            store.setValue(f.name, value)
    store.sync()
