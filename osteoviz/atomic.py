"""Write files atomically: a temporary name in the same folder, renamed into place only when complete."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class TargetExists(FileExistsError):
    """The output exists and overwriting was not asked for."""


@contextlib.contextmanager
def atomic_path(path: Path, force: bool = False):
    """Yield a temporary path beside `path`; on success it replaces `path`, on any error it is removed.

    A cancelled or failed export therefore leaves no partial file and never touches an
    existing one unless `force` is set.
    """
    path = Path(path)
    if path.exists() and not force:
        raise TargetExists(str(path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f".part{path.suffix}")
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; an export is not private
        if path.exists() and not force:
            raise TargetExists(str(path))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
