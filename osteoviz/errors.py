"""Error types that carry a one-line message for the user (file and field named where relevant)."""

from __future__ import annotations


class OsteovizError(Exception):
    """An error with a message fit to print as one line, without a traceback."""


class ContentError(OsteovizError):
    """A shipped or user content/settings/palette file is malformed; names the file and field."""

    def __init__(self, path, field: str, problem: str):
        self.path, self.field, self.problem = str(path), field, problem
        super().__init__(f"{self.path}: field '{field}': {problem}")
