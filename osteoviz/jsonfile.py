"""Read a JSON asset and pick typed fields from it, failing with the file and field named."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ContentError


def read_json(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, "(file)", "file is missing") from None
    except json.JSONDecodeError as exc:
        raise ContentError(path, f"(line {exc.lineno})", f"not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ContentError(path, "(top level)", "expected an object")
    return data


def field(path: Path, data: dict, name: str, kind: type | tuple, where: str = ""):
    """data[name], checked to be of `kind`; the error names the dotted field."""
    label = f"{where}.{name}" if where else name
    if name not in data:
        raise ContentError(path, label, "missing")
    value = data[name]
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ContentError(path, label, f"expected a non-empty {expected}")
    return value
