"""Write files atomically: a temporary name in the same folder, flushed to disk, renamed into place only when complete."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import tempfile
import time
from pathlib import Path

from . import cancel

# Our temporary files: ".osteoviz-<pid>-<random>.part<.suffix>" -- short whatever the target's name
# (a legal target name never makes an illegal temporary one), and the pid tells a dead run's leftovers.
TEMP_PREFIX = ".osteoviz-"
TEMP_PATTERN = re.compile(r"^\.osteoviz-(\d+)-[A-Za-z0-9_]{6,12}\.part(\.[A-Za-z0-9]{1,8})?$")
STALE_SECONDS = 60.0  # a leftover of a dead process older than this is swept


class TargetExists(FileExistsError):
    """The output exists and overwriting was not asked for."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(folder: Path, min_age: float = STALE_SECONDS) -> list[Path]:
    """Remove our own temporary files left by a killed run (dead pid, older than min_age); never anything else."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = TEMP_PATTERN.match(entry.name)
        if not m or int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1))):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime >= min_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _temp_name(folder: Path, suffix: str) -> Path:
    suffix = suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix or "") else ""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=f".part{suffix}")
    os.close(fd)
    return Path(tmp)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is already on disk
    finally:
        os.close(fd)


def _publishable(tmp: Path) -> None:
    """Make a finished temporary file world-readable as a normal export (mkstemp makes private files), on disk."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    _fsync_file(tmp)


def user_error(exc: OSError, path: Path) -> OSError:
    """The same error, naming the user's file instead of our temporary one."""
    if isinstance(exc, TargetExists):
        return exc
    return OSError(exc.errno or errno.EIO, exc.strerror or str(exc), str(path))


@contextlib.contextmanager
def _signals_blocked():
    """Hold Ctrl+C, SIGTERM and SIGHUP for the few renames that publish a set (delivered right after)."""
    sigs = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def atomic_path(path: Path, force: bool = False):
    """Yield a temporary path beside `path`; on success it replaces `path`, on any error it is removed.

    The temporary file is flushed to disk before the rename, so a crash or a full disk never leaves a
    truncated file under the user's name; an existing file is only replaced when `force` is set.
    Write errors are re-raised naming `path`, never the temporary name.
    """
    with atomic_paths([path], force) as tmps:
        yield tmps[0]


@contextlib.contextmanager
def atomic_paths(paths, force: bool = False, created_folder: Path | None = None):
    """All or nothing for several files: every target checked first, all written to temporary names,
    then all renamed into place together; on any error or interrupt nothing new remains.

    `created_folder`: a folder made for this set, removed again (when empty) if the set fails.
    """
    paths = [Path(p) for p in paths]
    if not force:
        for p in paths:
            if p.exists():
                raise TargetExists(str(p))
    for folder in {p.parent for p in paths}:
        sweep_stale(folder)
    tmps: list[Path] = []
    published: list[Path] = []
    current = paths[0] if paths else None
    try:
        for p in paths:
            current = p
            tmps.append(_temp_name(p.parent, p.suffix))
        current = paths[0] if len(paths) == 1 else (paths[0].parent if paths else None)
        yield tmps
        cancel.check()  # a stop asked for during the last write: publish nothing
        for p, tmp in zip(paths, tmps):
            current = p
            _publishable(tmp)
        with _signals_blocked():
            if not force:
                for p in paths:
                    if p.exists():
                        raise TargetExists(str(p))
            for p, tmp in zip(paths, tmps):
                current = p
                os.replace(tmp, p)
                published.append(p)
            for folder in {p.parent for p in paths}:
                _fsync_dir(folder)
    except OSError as exc:
        _undo(tmps, published, created_folder)
        named = {str(t): p for t, p in zip(tmps, paths)}.get(str(exc.filename), current)
        raise user_error(exc, named) from None
    except BaseException:
        _undo(tmps, published, created_folder)
        raise
    finally:
        for tmp in tmps:
            with contextlib.suppress(OSError):
                if tmp.exists():
                    tmp.unlink()


def _undo(tmps, published, created_folder) -> None:
    for f in [*tmps, *published]:
        with contextlib.suppress(OSError):
            f.unlink()
    if created_folder is not None:
        with contextlib.suppress(OSError):
            created_folder.rmdir()


def write_bytes(path: Path, data: bytes) -> None:
    """Write all of `data` to `path` (an error such as a full disk or a size limit is raised, never ignored)."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
