"""Skeleton map data: per-bone origin, mechanism and ossification timing (assets/skeleton/bones.json), state at a day."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

import numpy as np

from ..errors import ContentError
from ..jsonfile import field, read_json
from .clock import BIRTH_DAY, DAYS_PER_YEAR, TimeParseError, parse_time

ORIGINS = ("neural_crest", "paraxial_mesoderm", "lateral_plate_mesoderm", "mixed")
MECHANISMS = ("endochondral", "intramembranous", "mixed")
# The osteoviz process a bone can open, and the mechanism that bone must then have.
PROCESS_MECHANISM = {"endochondral": "endochondral", "intramembranous": "intramembranous"}
MATURITY_DAY = BIRTH_DAY + 25 * DAYS_PER_YEAR  # skeleton mature by about 25 y (medial clavicle last)


class Status(IntEnum):
    """Where a bone is at a day: its primary centre not yet there, present, with secondary centres, or fused."""

    UNOSSIFIED = 0
    PRIMARY = 1
    SECONDARY = 2
    FUSED = 3


@dataclass(frozen=True)
class Centre:
    """A secondary ossification centre: appears, and later fuses (fuse_day None when the sources give no age)."""

    id: str
    appear_day: float
    appear_range: tuple[float, float]
    fuse_day: float | None
    fuse_range: tuple[float, float] | None


@dataclass(frozen=True)
class Bone:
    id: str
    origin: str
    mechanism: str
    onset_day: float
    onset_range: tuple[float, float]
    secondary: tuple[Centre, ...]
    complete_day: float | None  # when the bone's parts have united (e.g. metopic suture), if given
    complete_range: tuple[float, float] | None
    complete_event: str | None
    process: str | None  # the osteoviz process this bone opens
    sources: tuple[str, ...]

    @property
    def fused_day(self) -> float:
        """When the bone is finished: its parts united and every dated secondary centre fused (inf if never)."""
        days = [c.fuse_day for c in self.secondary if c.fuse_day is not None]
        if self.complete_day is not None:
            days.append(self.complete_day)
        return max(days) if days else float("inf")


@dataclass(frozen=True)
class SkeletonState:
    """Every bone and secondary centre at one day (arrays in the order of SkeletonData.bones / .centres)."""

    day: float
    status: np.ndarray  # (n,) int8, Status values
    fraction: np.ndarray  # (n,) growth since onset as a fraction of onset -> maturity, 0 before onset
    centre_present: np.ndarray  # (m,) bool: appeared and not yet fused
    centre_fused: np.ndarray  # (m,) bool


class SkeletonData:
    """The validated bone table with vectorised timing arrays."""

    def __init__(self, path: Path, bones: tuple[Bone, ...], sources: dict[str, str]):
        self.path, self.bones, self.sources = path, bones, sources
        self.ids = tuple(b.id for b in bones)
        self._index = {b.id: i for i, b in enumerate(bones)}
        self.onset = np.array([b.onset_day for b in bones])
        self.fused = np.array([b.fused_day for b in bones])
        self.first_secondary = np.array([min((c.appear_day for c in b.secondary), default=np.inf) for b in bones])
        self.mature = np.where(np.isfinite(self.fused), self.fused, MATURITY_DAY)
        self.centres = tuple((b.id, c) for b in bones for c in b.secondary)
        self.centre_bone = np.array([self._index[bid] for bid, _ in self.centres], dtype=int)
        self.centre_appear = np.array([c.appear_day for _, c in self.centres])
        self.centre_fuse = np.array([np.inf if c.fuse_day is None else c.fuse_day for _, c in self.centres])

    def __len__(self) -> int:
        return len(self.bones)

    def index(self, bone_id: str) -> int:
        return self._index[bone_id]

    def bone(self, bone_id: str) -> Bone:
        return self.bones[self._index[bone_id]]

    def state_at(self, day: float) -> SkeletonState:
        """Status of every bone and secondary centre at `day` (days after fertilisation); no per-bone loop."""
        t = float(day)
        status = np.where(t < self.onset, Status.UNOSSIFIED,
                          np.where(t >= self.fused, Status.FUSED,
                                   np.where(t >= self.first_secondary, Status.SECONDARY, Status.PRIMARY)))
        span = np.maximum(self.mature - self.onset, 1.0)
        fraction = np.clip((t - self.onset) / span, 0.0, 1.0)
        bone_fused = t >= self.fused[self.centre_bone]
        fused = (t >= self.centre_fuse) | bone_fused
        present = (t >= self.centre_appear) & ~fused
        return SkeletonState(t, status.astype(np.int8), fraction, present, fused & (t >= self.centre_appear))


def default_path() -> Path:
    from ..paths import assets_dir

    return assets_dir() / "skeleton" / "bones.json"


def _time(path, data: dict, name: str, where: str) -> float:
    text = field(path, data, name, str, where)
    try:
        return parse_time(text)
    except TimeParseError as exc:
        raise ContentError(path, f"{where}.{name}", str(exc)) from None


def _range(path, data: dict, name: str, where: str) -> tuple[float, float]:
    value = field(path, data, name, list, where)
    label = f"{where}.{name}"
    if len(value) != 2 or not all(isinstance(v, str) for v in value):
        raise ContentError(path, label, "expected two times, e.g. [\"7w\", \"8w\"]")
    try:
        lo, hi = parse_time(value[0]), parse_time(value[1])
    except TimeParseError as exc:
        raise ContentError(path, label, str(exc)) from None
    if hi < lo:
        raise ContentError(path, label, "the range ends before it starts")
    return lo, hi


def _choice(path, data: dict, name: str, choices, where: str) -> str:
    value = field(path, data, name, str, where)
    if value not in choices:
        raise ContentError(path, f"{where}.{name}", f"{value!r} is not one of {', '.join(choices)}")
    return value


def _centre(path, data, where: str, onset: float) -> Centre:
    if not isinstance(data, dict):
        raise ContentError(path, where, "expected an object")
    appear = _time(path, data, "appear", where)
    if appear <= onset:
        raise ContentError(path, f"{where}.appear", "a secondary centre must appear after the primary centre")
    fuse = _time(path, data, "fuse", where) if "fuse" in data else None
    if fuse is not None and fuse <= appear:
        raise ContentError(path, f"{where}.fuse", "must come after 'appear'")
    return Centre(field(path, data, "id", str, where), appear, _range(path, data, "appear_range", where),
                  fuse, _range(path, data, "fuse_range", where) if fuse is not None else None)


def _bone(path, data, where: str, sources: dict) -> Bone:
    if not isinstance(data, dict):
        raise ContentError(path, where, "expected an object")
    onset = _time(path, data, "onset", where)
    mechanism = _choice(path, data, "mechanism", MECHANISMS, where)
    process = data.get("process")
    if process is not None:
        process = _choice(path, data, "process", tuple(PROCESS_MECHANISM), where)
        if PROCESS_MECHANISM[process] != mechanism:
            raise ContentError(path, f"{where}.process", f"opens {process!r} but the bone is {mechanism}")
    secondary = tuple(_centre(path, c, f"{where}.secondary[{j}]", onset)
                      for j, c in enumerate(data.get("secondary", [])))
    if len({c.id for c in secondary}) != len(secondary):
        raise ContentError(path, f"{where}.secondary", "centre ids must be unique within a bone")
    complete = complete_range = event = None
    if "complete" in data:
        cdata = field(path, data, "complete", dict, where)
        cw = f"{where}.complete"
        complete = _time(path, cdata, "at", cw)
        if complete <= onset:
            raise ContentError(path, f"{cw}.at", "must come after the onset")
        complete_range = _range(path, cdata, "range", cw)
        event = field(path, cdata, "event", str, cw)
    refs = field(path, data, "sources", list, where)
    if not refs:
        raise ContentError(path, f"{where}.sources", "at least one source is needed")
    for r in refs:
        if r not in sources:
            raise ContentError(path, f"{where}.sources", f"unknown source {r!r} (list it under 'sources')")
    return Bone(
        id=field(path, data, "id", str, where),
        origin=_choice(path, data, "origin", ORIGINS, where),
        mechanism=mechanism,
        onset_day=onset,
        onset_range=_range(path, data, "onset_range", where),
        secondary=secondary,
        complete_day=complete,
        complete_range=complete_range,
        complete_event=event,
        process=process,
        sources=tuple(refs),
    )


_CACHE: dict[Path, SkeletonData] = {}


def load_bones(path: Path | str | None = None) -> SkeletonData:
    """Load and validate bones.json (default: the shipped one); a bad file raises ContentError naming the field."""
    path = Path(path) if path is not None else default_path()
    key = path.resolve()
    if key in _CACHE:
        return _CACHE[key]
    data = read_json(path)
    sources = field(path, data, "sources", dict)
    for k, v in sources.items():
        if not isinstance(v, str) or not v.strip():
            raise ContentError(path, f"sources.{k}", "expected a non-empty string")
    raw = field(path, data, "bones", list)
    if not raw:
        raise ContentError(path, "bones", "expected at least one bone")
    bones = tuple(_bone(path, b, f"bones[{i}]", sources) for i, b in enumerate(raw))
    seen = set()
    for i, b in enumerate(bones):
        if b.id in seen:
            raise ContentError(path, f"bones[{i}].id", f"duplicate id {b.id!r}")
        seen.add(b.id)
    result = SkeletonData(path, bones, dict(sources))
    _CACHE[key] = result
    return result
