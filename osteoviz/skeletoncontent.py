"""Skeleton-map prose per language (assets/content/<lang>/skeleton.json): names, legend, hover text, About page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .content import format_age
from .errors import ContentError
from .jsonfile import field, read_json
from .model.clock import TimeParseError, parse_time
from .model.skeleton import MECHANISMS, ORIGINS, PROCESS_MECHANISM, Bone, SkeletonData, Status, load_bones
from .paths import assets_dir

_TEXT_GROUPS = {
    "views": ("front", "skull_side", "hand", "foot"),
    "colour_by": ("origin", "mechanism"),
    "origins": ORIGINS,
    "mechanisms": MECHANISMS,
    "legend": ("origin", "mechanism", "state", "unossified", "ossified", "secondary", "count", "source_line"),
    "status": ("unossified", "primary", "secondary", "fused"),
    "hover": ("origin", "mechanism", "onset", "secondary", "centre", "centre_open", "complete", "now", "sources",
              "opens", "note"),
    "processes": tuple(PROCESS_MECHANISM),
}
STATUS_KEYS = {Status.UNOSSIFIED: "unossified", Status.PRIMARY: "primary", Status.SECONDARY: "secondary",
               Status.FUSED: "fused"}


@dataclass(frozen=True)
class AboutSection:
    heading: str
    paragraphs: tuple[str, ...]
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Stop:
    """A presenter stop on the skeleton map's timeline: a day, a title and speaker notes."""

    day: float
    title: str
    notes: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class SkeletonText:
    """Everything the skeleton map and the About page say, in one language."""

    lang: str
    title: str
    groups: dict[str, dict[str, str]]  # views, colour_by, origins, mechanisms, legend, status, hover, processes
    bones: dict[str, str]
    labels: dict[str, str]  # short names written beside the drawing
    centres: dict[str, str]
    events: dict[str, str]
    notes: dict[str, str]
    about_title: str
    about: tuple[AboutSection, ...]
    references: dict[str, str]
    stops: tuple[Stop, ...] = ()

    def __getitem__(self, group: str) -> dict[str, str]:
        return self.groups[group]


def _strings(path, data: dict, name: str, keys=None) -> dict[str, str]:
    block = field(path, data, name, dict)
    if keys is not None:
        for k in keys:
            field(path, block, k, str, name)
    for k, v in block.items():
        if not isinstance(v, str) or not v.strip():
            raise ContentError(path, f"{name}.{k}", "expected a non-empty string")
    return dict(block)


@lru_cache(maxsize=None)
def skeleton_text(lang: str = "en") -> SkeletonText:
    """Load and check skeleton.json of a language against bones.json (every bone, centre and event named)."""
    path = assets_dir() / "content" / lang / "skeleton.json"
    data = read_json(path)
    bones = load_bones()
    groups = {g: _strings(path, data, g, keys) for g, keys in _TEXT_GROUPS.items()}
    names = _strings(path, data, "bones", bones.ids)
    labels = _strings(path, data, "labels")
    for k in labels:
        if k not in bones.ids:
            raise ContentError(path, f"labels.{k}", "not a bone in bones.json")
    centres = _strings(path, data, "centres", sorted({c.id for _, c in bones.centres}))
    events = _strings(path, data, "events", sorted({b.complete_event for b in bones.bones if b.complete_event}))
    notes = _strings(path, data, "notes")
    for k in notes:
        if k not in bones.ids:
            raise ContentError(path, f"notes.{k}", "not a bone in bones.json")
    references = _strings(path, data, "references")
    about = field(path, data, "about", dict)
    sections = []
    for i, s in enumerate(field(path, about, "sections", list, "about")):
        where = f"about.sections[{i}]"
        if not isinstance(s, dict):
            raise ContentError(path, where, "expected an object")
        paragraphs = field(path, s, "paragraphs", list, where)
        if not paragraphs or not all(isinstance(p, str) and p.strip() for p in paragraphs):
            raise ContentError(path, f"{where}.paragraphs", "expected a list of non-empty strings")
        refs = field(path, s, "refs", list, where) if s.get("refs") else []
        for r in refs:
            if r not in references:
                raise ContentError(path, f"{where}.refs", f"unknown reference {r!r}")
        sections.append(AboutSection(field(path, s, "heading", str, where), tuple(paragraphs), tuple(refs)))
    stops = []
    for i, st in enumerate(field(path, data, "stops", list)):
        where = f"stops[{i}]"
        if not isinstance(st, dict):
            raise ContentError(path, where, "expected an object")
        try:
            day = parse_time(field(path, st, "at", str, where))
        except TimeParseError as exc:
            raise ContentError(path, f"{where}.at", str(exc)) from None
        if stops and day <= stops[-1].day:
            raise ContentError(path, f"{where}.at", "stops must be in time order")
        refs = field(path, st, "refs", list, where)
        for r in refs:
            if r not in references:
                raise ContentError(path, f"{where}.refs", f"unknown reference {r!r}")
        stops.append(Stop(day, field(path, st, "title", str, where), field(path, st, "notes", str, where), tuple(refs)))
    return SkeletonText(lang, field(path, data, "title", str), groups, names, labels, centres, events, notes,
                        field(path, about, "title", str, "about"), tuple(sections), references, tuple(stops))


def short_source(key: str, citation: str) -> str:
    """'Gray 1918' from a citation 'Gray H. Anatomy ...' and its key 'gray1918'."""
    surname = re.split(r"[ ,.]", citation.strip(), maxsplit=1)[0]
    year = re.search(r"(\d{4})", key)
    return f"{surname} {year.group(1)}" if year else surname


def _age(day: float, lang: str) -> str:
    return format_age(day, lang)[0]


def hover_lines(data: SkeletonData, bone: Bone, day: float, lang: str = "en") -> list[str]:
    """The hover text of one bone at a day, one line per fact (name first)."""
    t = skeleton_text(lang)
    h = t["hover"]
    lines = [t.bones[bone.id],
             h["origin"].format(origin=t["origins"][bone.origin]),
             h["mechanism"].format(mechanism=t["mechanisms"][bone.mechanism]),
             h["onset"].format(age=_age(bone.onset_day, lang), start=_age(bone.onset_range[0], lang),
                               end=_age(bone.onset_range[1], lang))]
    if bone.secondary:
        lines.append(h["secondary"])
        for c in bone.secondary:
            name = t.centres[c.id]
            if c.fuse_day is None:
                lines.append("  " + h["centre_open"].format(name=name, appear=_age(c.appear_day, lang)))
            else:
                lines.append("  " + h["centre"].format(name=name, appear=_age(c.appear_day, lang),
                                                       fuse=_age(c.fuse_day, lang)))
    if bone.complete_day is not None:
        lines.append(h["complete"].format(event=t.events[bone.complete_event], age=_age(bone.complete_day, lang)))
    if bone.id in t.notes:
        lines.append(h["note"].format(note=t.notes[bone.id]))
    status = Status(int(data.state_at(day).status[data.index(bone.id)]))
    lines.append(h["now"].format(age=_age(day, lang), status=t["status"][STATUS_KEYS[status]]))
    lines.append(h["sources"].format(list="; ".join(short_source(k, data.sources[k]) for k in bone.sources)))
    if bone.process:
        lines.append(h["opens"].format(process=t["processes"][bone.process], age=_age(bone.onset_day, lang)))
    return lines
