"""Error types that carry a one-line message for the user (file and field named where relevant)."""

from __future__ import annotations


class OsteovizError(Exception):
    """An error with a message fit to print as one line, without a traceback."""


class ContentError(OsteovizError):
    """A shipped or user content/settings/palette file is malformed; names the file and field."""

    def __init__(self, path, field: str, problem: str):
        self.path, self.field, self.problem = str(path), field, problem
        super().__init__(f"{self.path}: field '{field}': {problem}")


def describe_error(exc: BaseException, lang: str = "en") -> str:
    """One line for the user: a write error names the user's file and says nothing was written."""
    if isinstance(exc, FileExistsError) and not exc.strerror:
        from .content import strings

        return strings(lang)("cli.exists", path=exc)
    if isinstance(exc, OSError) and exc.strerror:
        from .content import strings

        return strings(lang)("cli.write_failed", path=exc.filename or "", reason=exc.strerror)
    return str(exc)
