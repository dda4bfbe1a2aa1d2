"""Movie exports (MP4/H.264, WebM/VP9, GIF) through PyAV's bundled FFmpeg, frame by frame from the one renderer."""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtGui

from .. import cancel
from ..atomic import atomic_path, user_error
from ..content import strings
from ..errors import describe_error
from ..model.pacing import PacedScale
from ..simcache import load
from .export_picture import PictureOptions, configured_canvas


MOVIE_FORMATS = {".mp4": ("mp4", "libx264", "yuv420p"), ".webm": ("webm", "libvpx-vp9", "yuv420p"),
                 ".gif": ("gif", "gif", "rgb8")}
FPS_PRESETS = (12, 24, 25, 30, 50, 60)


class Cancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass
class MovieSpec:
    process: str
    start_day: float
    end_day: float
    fps: int = 30
    duration_s: float | None = None  # None: the pace of 1x playback
    options: PictureOptions = None  # size, profile, what is drawn

    def frame_days(self) -> np.ndarray:
        """Times of the frames, evenly spaced on the paced timeline (each phase the same playing time)."""
        model, _ = load(self.process)
        scale = PacedScale(model.phases, model.scale.start_day, model.scale.end_day)
        a, b = scale.to_pos(self.start_day), scale.to_pos(self.end_day)
        seconds = self.duration_s if self.duration_s else max(1.0, scale.seconds_at_1x * abs(b - a))
        n = max(2, int(round(seconds * self.fps)))
        return np.atleast_1d(scale.to_day(np.linspace(a, b, n)))


def movie_format(path: Path) -> tuple[str, str, str]:
    fmt = MOVIE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(strings()("export.unknown_movie_format", path=path, formats=", ".join(sorted(MOVIE_FORMATS))))
    return fmt


def image_to_rgb(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(h, img.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).copy()


class CheckedFile:
    """The file the encoder writes through: remembers the first write error (FFmpeg may swallow it)."""

    def __init__(self, raw):
        self.raw, self.error = raw, None

    def write(self, data) -> int:
        try:
            n = self.raw.write(data)
        except OSError as exc:
            self.error = self.error or exc
            raise
        if n != len(data):
            self.error = self.error or OSError(errno.EIO, "short write")
            raise self.error
        return n

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def flush(self) -> None:
        self.raw.flush()

    def close_checked(self) -> None:
        """Flush to disk and close; raise the first write error if there was one."""
        try:
            if self.error is None:
                self.raw.flush()
                os.fsync(self.raw.fileno())
        except OSError as exc:
            self.error = exc
        finally:
            try:
                self.raw.close()
            except OSError as exc:
                self.error = self.error or exc
        if self.error is not None:
            raise self.error


BIG_FRAME = 2560 * 1440  # above this, every frame x264 holds back for look-ahead and B-frames costs 25+ MB


def x264_options(width: int, height: int) -> dict[str, str]:
    """H.264 settings: constant quality; for frames above QHD no look-ahead or B-frames (tune=zerolatency), so x264
    holds no queue of frames back and memory does not grow with the movie (8K: ~0.85 GB flat, not +95 MB a frame)."""
    opts = {"crf": "20", "preset": "veryfast"}
    if width * height > BIG_FRAME:
        opts["tune"] = "zerolatency"
    return opts


class MovieWriter:
    """Renders and encodes one frame per call to step(); the caller decides the pace (and may cancel)."""

    def __init__(self, spec: MovieSpec, path: Path, force: bool = False):
        import av  # the encoder ships in PyAV's wheel: no system ffmpeg, nothing downloaded at run time

        self.spec, self.path = spec, Path(path)
        container_fmt, codec, pix_fmt = movie_format(self.path)
        opts = spec.options or PictureOptions()
        # encoders want even sizes
        self.width, self.height = opts.width - opts.width % 2, opts.height - opts.height % 2
        self.opts = PictureOptions(**{**opts.__dict__, "width": self.width, "height": self.height, "transparent": False})
        self.days = spec.frame_days()
        self.done = 0
        self._canvas = None  # the canvas the frames are drawn on
        self._ctx = atomic_path(self.path, force)
        self._tmp = self._ctx.__enter__()
        self._fh = None
        try:
            self._fh = CheckedFile(open(self._tmp, "wb"))
            self.container = av.open(self._fh, mode="w", format=container_fmt)
            self.stream = self.container.add_stream(codec, rate=Fraction(spec.fps).limit_denominator(1000))
            self.stream.width, self.stream.height = self.width, self.height
            self.stream.pix_fmt = pix_fmt
            if codec == "libx264":
                self.stream.options = x264_options(self.width, self.height)
        except Exception as exc:
            if self._fh is not None:
                self._fh.raw.close()
            self._ctx.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._av = av
        self.started = time.monotonic()

    @property
    def total(self) -> int:
        return len(self.days)

    def eta_seconds(self) -> float:
        if self.done == 0:
            return float("nan")
        rate = (time.monotonic() - self.started) / self.done
        return rate * (self.total - self.done)

    def step(self) -> bool:
        """Render and encode the next frame; True while frames remain."""
        if self.done >= self.total:
            return False
        canvas = self._canvas = configured_canvas(self.spec.process, float(self.days[self.done]), self.opts)
        canvas.set_playing(True)  # a movie plays: zone names keep their arrangement while it stays clean (no flicker)
        with cancel.deferred():  # Ctrl+C/SIGTERM acted on once Qt has finished drawing
            rgb = image_to_rgb(canvas.render_image(self.width, self.height))
        frame = self._av.VideoFrame.from_ndarray(rgb, format="rgb24")
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        self.done += 1
        return self.done < self.total

    def _stop_playing(self) -> None:
        """The shared export canvas lays its next picture out afresh (a still picture, as exported alone)."""
        if self._canvas is not None:
            self._canvas.set_playing(False)
            self._canvas = None

    def finish(self) -> Path:
        self._stop_playing()
        try:
            for packet in self.stream.encode():
                self.container.mux(packet)
            self.container.close()
            self._fh.close_checked()  # every byte the encoder wrote is on disk, or OSError
        except BaseException as exc:
            self._ctx.__exit__(type(exc), exc, exc.__traceback__)  # removes the temporary file; names self.path
            raise
        self._ctx.__exit__(None, None, None)  # renames the complete file into place
        return self.path

    def cancel(self) -> None:
        self._stop_playing()
        for close in (lambda: self.container.close(), lambda: self._fh.raw.close()):
            try:
                close()
            except Exception:
                pass
        err = Cancelled()
        try:
            self._ctx.__exit__(Cancelled, err, None)  # removes the temporary file
        except Cancelled:
            pass


def write_movie(spec: MovieSpec, path: Path, force: bool = False, progress=None, cancelled=lambda: False) -> Path:
    """Write a whole movie synchronously (command line); progress(done, total, eta) after each frame."""
    writer = MovieWriter(spec, path, force)
    try:
        while writer.step():
            if progress:
                progress(writer.done, writer.total, writer.eta_seconds())
            if cancelled():
                raise Cancelled()
        if progress:
            progress(writer.done, writer.total, 0.0)
        return writer.finish()
    except OSError as exc:
        writer.cancel()
        raise user_error(exc, writer.path) from None
    except BaseException:
        writer.cancel()
        raise


class MovieJob(QtCore.QObject):
    """Exports a movie from the window without freezing it: one frame per event-loop turn, cancellable."""

    progress = QtCore.Signal(int, int, float)
    finished = QtCore.Signal(str)
    failed = QtCore.Signal(str)

    def __init__(self, spec: MovieSpec, path: Path, force: bool = False, parent=None):
        super().__init__(parent)
        self.spec, self.path, self.force = spec, Path(path), force
        self.writer: MovieWriter | None = None
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        try:
            self.writer = MovieWriter(self.spec, self.path, self.force)
        except Exception as exc:
            self.failed.emit(describe_error(exc))
            return
        self.timer.start()

    def _tick(self) -> None:
        writer = self.writer
        if writer is None:
            self.timer.stop()
            return
        try:
            more = writer.step()
            self.progress.emit(writer.done, writer.total, writer.eta_seconds())
            if not more:
                self.timer.stop()
                self.writer = None
                self.finished.emit(str(writer.finish()))
        except Exception as exc:
            self.timer.stop()
            self.writer = None
            writer.cancel()
            self.failed.emit(describe_error(user_error(exc, self.path) if isinstance(exc, OSError) else exc))

    def cancel(self) -> None:
        """Stop now; the temporary file is removed (a finished movie is left alone)."""
        self.timer.stop()
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.cancel()
