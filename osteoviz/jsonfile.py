"""Read a JSON asset and pick typed fields from it, failing with the file and field named."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from .errors import ContentError

MAX_BYTES = 4 * 1024 * 1024  # the largest shipped asset is a few tens of KB
MAX_DEPTH = 16  # the deepest shipped asset nests 4 levels


class _NotFinite(ValueError):
    pass


def _reject_constant(name):
    raise _NotFinite(name)


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _depth(value) -> int:
    """Nesting depth, without recursion (a hostile file cannot exhaust the stack here)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            deepest = max(deepest, d)
            if d > MAX_DEPTH:
                return d
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return deepest


def read_json(path: Path) -> dict:
    """A JSON object from an asset file; every problem (missing, not UTF-8, bad syntax, NaN or Infinity,
    huge, absurdly deep) is one ContentError naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise ContentError(path, "(file)", f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        text = raw.decode("utf-8-sig")
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except FileNotFoundError:
        raise ContentError(path, "(file)", "file is missing") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"(byte {exc.start})", "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ContentError(path, f"(line {exc.lineno})", f"not valid JSON: {exc.msg}") from None
    except _NotFinite as exc:
        m = re.search(re.escape(str(exc)), text)
        line = text.count("\n", 0, m.start()) + 1 if m else "?"
        raise ContentError(path, f"(line {line})", f"{exc} is not a finite number") from None
    except RecursionError:
        raise ContentError(path, "(top level)", f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise ContentError(path, "(file)", f"not valid JSON: {str(exc)[:80]}") from None
    except OSError as exc:
        raise ContentError(path, "(file)", exc.strerror or "unreadable") from None
    if not isinstance(data, dict):
        raise ContentError(path, "(top level)", "expected an object")
    if _depth(data) > MAX_DEPTH:
        raise ContentError(path, "(top level)", f"nested more than {MAX_DEPTH} levels deep")
    return data


def field(path: Path, data: dict, name: str, kind: type | tuple, where: str = ""):
    """data[name], checked to be of `kind`; the error names the dotted field."""
    label = f"{where}.{name}" if where else name
    if not isinstance(data, dict):
        raise ContentError(path, where or "(top level)", "expected an object")
    if name not in data:
        raise ContentError(path, label, "missing")
    value = data[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        value = None  # true/false is not a number here
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ContentError(path, label, f"expected a non-empty {expected}")
    return value
