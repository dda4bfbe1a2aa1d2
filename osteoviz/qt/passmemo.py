"""Answers kept for one paint pass: a frame's parts ask the canvas the same questions while its state stands still."""

from __future__ import annotations

import functools
from contextlib import contextmanager


def per_pass(method):
    """A method without arguments whose answer is kept while one frame is drawn (see `painting`); outside a
    pass it is asked afresh each time. Its answer must depend only on state a paint does not change."""
    name = method.__name__

    @functools.wraps(method)
    def kept(self):
        memo = self.__dict__.get("_pass_memo")
        if memo is None:
            return method(self)
        if name not in memo:
            memo[name] = method(self)
        return memo[name]

    return kept


@contextmanager
def painting(owner):
    """One paint pass of `owner`: its `per_pass` answers are kept until the pass ends (a pass inside a pass
    shares the outer one's)."""
    if owner.__dict__.get("_pass_memo") is not None:
        yield
        return
    owner._pass_memo = {}
    try:
        yield
    finally:
        owner._pass_memo = None
