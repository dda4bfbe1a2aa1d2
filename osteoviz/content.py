"""Load and validate the prose in assets/ (phases, cells, references, UI strings) per language."""

from __future__ import annotations

import string
from dataclasses import dataclass, field as field_
from functools import lru_cache

from .errors import ContentError
from .jsonfile import field, read_json
from .model.clocks import DEVELOPMENTAL, EMBRYONIC_WEEKS  # noqa: F401 (EMBRYONIC_WEEKS: kept for importers)
from .model.kinds import Cell, Tissue, cell_key, tissue_key
from .model import registry
from .paths import assets_dir

LANGUAGES = ("en", "nl")  # English first; every other language must have all of en.json's keys


@dataclass(frozen=True)
class PhaseText:
    id: str
    title: str
    when: str
    summary: str
    paragraphs: tuple[str, ...]
    cells: tuple[str, ...]
    signals: tuple[tuple[str, str], ...]
    refs: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class ProcessContent:
    process: str
    title: str
    subtitle: str
    intro: str
    phases: tuple[PhaseText, ...]
    # this process's own names for shared tissues (tissue key -> name), e.g. the callus's progenitor cells
    # drawn in the vault's mesenchyme colour; every other tissue keeps its glossary name
    tissues: dict = field_(default_factory=dict)

    def tissue_name(self, key: str, gloss: "Glossary") -> str:
        return self.tissues.get(key) or gloss.tissues[key]

    def phase(self, phase_id: str) -> PhaseText:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)


@dataclass(frozen=True)
class Glossary:
    cells: dict[str, dict[str, str]]
    tissues: dict[str, str]
    references: dict[str, str]


class Strings:
    """UI strings with {placeholders}; a missing key is a content error, not a silent blank."""

    def __init__(self, path, data: dict[str, str]):
        self.path, self.data = path, data

    def __call__(self, key: str, **kw) -> str:
        if key not in self.data:
            raise ContentError(self.path, key, "missing")
        try:
            return self.data[key].format(**kw)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise ContentError(self.path, key, f"placeholder {exc} is not one this text can have") from None


class _Any:
    """Stands in for any value when a text's placeholders are tried out."""

    def __format__(self, spec):
        return "x"

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self

    def __repr__(self):
        return "x"


def _placeholders(text: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    if "" in names or any(n.split(".")[0].split("[")[0].isdigit() for n in names):
        raise ValueError("use named placeholders like {path}, not {} or {0}")
    text.format(**{n.split(".")[0].split("[")[0]: _Any() for n in names})  # a bad conversion or spec fails here
    return {n.split(".")[0].split("[")[0] for n in names}


@lru_cache(maxsize=None)
def strings(lang: str = "en") -> Strings:
    """The UI strings of a language, checked against English: the same keys, the same {placeholders}."""
    path = assets_dir() / "strings" / f"{lang}.json"
    data = read_json(path)
    for k, v in data.items():
        if not isinstance(v, str):
            raise ContentError(path, k, "expected a string")
        try:
            _placeholders(v)
        except (ValueError, KeyError, IndexError) as exc:
            raise ContentError(path, k, f"malformed placeholder: {exc}") from None
    if lang != "en":
        english = strings("en").data
        for k, v in english.items():
            if k not in data:
                raise ContentError(path, k, "missing (every language has the keys of en.json)")
            if _placeholders(data[k]) != _placeholders(v):
                raise ContentError(path, k, "placeholders differ from en.json: " + ", ".join(sorted(_placeholders(v))))
    return Strings(path, data)


@lru_cache(maxsize=None)
def glossary(lang: str = "en") -> Glossary:
    folder = assets_dir() / "content" / lang
    cpath = folder / "cells.json"
    data = read_json(cpath)
    cells_data = field(cpath, data, "cells", dict)
    cells = {}
    for c in Cell:
        if c == Cell.NONE:
            continue
        entry = field(cpath, cells_data, cell_key(c), dict, "cells")
        where = f"cells.{cell_key(c)}"
        cells[cell_key(c)] = {
            "name": field(cpath, entry, "name", str, where),
            "role": field(cpath, entry, "role", str, where),
            "markers": entry.get("markers", "") if isinstance(entry.get("markers", ""), str) else "",
        }
    tissue_data = field(cpath, data, "tissues", dict)
    tissues = {tissue_key(t): field(cpath, tissue_data, tissue_key(t), str, "tissues") for t in Tissue}
    rpath = folder / "references.json"
    refs = field(rpath, read_json(rpath), "references", dict)
    for k, v in refs.items():
        if not isinstance(v, str) or not v.strip():
            raise ContentError(rpath, f"references.{k}", "expected a non-empty string")
    return Glossary(cells, tissues, refs)


def process_name(process: str, lang: str = "en") -> str:
    """The short name of a process in menus and controls: the UI strings' "process.<id>" where a language
    gives one, else the title in the process's own content file (so a new process needs only its content)."""
    short = strings(lang).data.get(f"process.{process}")
    return short if isinstance(short, str) else process_content(process, lang).title


@lru_cache(maxsize=None)
def process_content(process: str, lang: str = "en") -> ProcessContent:
    """The phase texts of a process, checked against the model's phases and the glossary."""
    path = assets_dir() / "content" / lang / f"{process}.json"
    data = read_json(path)
    gloss = glossary(lang)
    specs = registry.get(process).phases
    raw = field(path, data, "phases", list)
    if [p.get("id") if isinstance(p, dict) else None for p in raw] != [s.id for s in specs]:
        raise ContentError(path, "phases", "phase ids must be, in order: " + ", ".join(s.id for s in specs))
    phases = []
    for i, entry in enumerate(raw):
        where = f"phases[{i}]"
        cells = tuple(field(path, entry, "cells", list, where))
        for c in cells:
            if c not in gloss.cells:
                raise ContentError(path, f"{where}.cells", f"unknown cell type {c!r}")
        refs = tuple(field(path, entry, "refs", list, where))
        for r in refs:
            if r not in gloss.references:
                raise ContentError(path, f"{where}.refs", f"unknown reference {r!r}")
        signals = []
        for j, s in enumerate(field(path, entry, "signals", list, where)):
            sw = f"{where}.signals[{j}]"
            if not isinstance(s, dict):
                raise ContentError(path, sw, "expected an object with name and role")
            signals.append((field(path, s, "name", str, sw), field(path, s, "role", str, sw)))
        paragraphs = tuple(field(path, entry, "paragraphs", list, where))
        if not paragraphs or not all(isinstance(p, str) and p.strip() for p in paragraphs):
            raise ContentError(path, f"{where}.paragraphs", "expected a list of non-empty strings")
        phases.append(PhaseText(
            id=entry["id"],
            title=field(path, entry, "title", str, where),
            when=field(path, entry, "when", str, where),
            summary=field(path, entry, "summary", str, where),
            paragraphs=paragraphs,
            cells=cells,
            signals=tuple(signals),
            refs=refs,
            notes=field(path, entry, "notes", str, where),
        ))
    tissues = data.get("tissues", {})
    if not isinstance(tissues, dict) or not all(k in gloss.tissues and isinstance(v, str) and v.strip()
                                                for k, v in tissues.items()):
        raise ContentError(path, "tissues", "expected known tissue keys with non-empty names")
    return ProcessContent(
        process=process,
        title=field(path, data, "title", str),
        subtitle=field(path, data, "subtitle", str),
        intro=field(path, data, "intro", str),
        phases=tuple(phases),
        tissues=dict(tissues),
    )


@dataclass(frozen=True)
class ExperimentText:
    """The side panel's explanation of one experiment."""

    id: str
    title: str  # short, for menus ("PTHrP loss")
    gene: str  # what is switched off or on, and how
    condition: str  # the human condition or mouse model it explains
    watch: str  # what to watch for on screen
    text: str  # one paragraph: why the bone grows differently
    refs: tuple[str, ...]


@lru_cache(maxsize=None)
def experiment_texts(process: str, lang: str = "en") -> dict[str, ExperimentText]:
    """Explanations of a process's experiments (assets/content/<lang>/experiments_<process>.json), checked
    against the experiments the model defines: every experiment explained, none unknown, references known."""
    from .model.scenario import experiments_for

    ids = [e.id for e in experiments_for(process)]
    path = assets_dir() / "content" / lang / f"experiments_{process}.json"
    if not ids and not path.exists():
        return {}
    data = read_json(path)
    gloss = glossary(lang)
    raw = field(path, data, "experiments", list)
    out: dict[str, ExperimentText] = {}
    for i, entry in enumerate(raw):
        where = f"experiments[{i}]"
        eid = field(path, entry, "id", str, where)
        if eid not in ids:
            raise ContentError(path, f"{where}.id", f"{eid!r} is not an experiment of {process}: " + ", ".join(ids))
        refs = tuple(field(path, entry, "refs", list, where))
        for r in refs:
            if r not in gloss.references:
                raise ContentError(path, f"{where}.refs", f"unknown reference {r!r}")
        out[eid] = ExperimentText(eid, *(field(path, entry, k, str, where)
                                         for k in ("title", "gene", "condition", "watch", "text")), refs)
    missing = [e for e in ids if e not in out]
    if missing:
        raise ContentError(path, "experiments", "no explanation for " + ", ".join(missing))
    return out


def format_age(day: float, lang: str = "en", clock=DEVELOPMENTAL) -> tuple[str, str]:
    """('week 12', 'GA 14 wk') before birth; ('3 months', '') or ('2 years', '') after — on `clock`
    (a process's registry.get(pid).clock; developmental by default): ('day 3 after injury', '') on the injury clock."""
    return clock.format(day, strings(lang))


def format_length(mm: float, lang: str = "en") -> str:
    """A true size, in mm below 10 cm, in cm above; below 1 mm to a tenth (never a false "0 mm")."""
    if 0 < mm < 1:
        return f"{mm:.1f} mm".replace(".", "," if lang == "nl" else ".")
    return f"{mm:.0f} mm" if mm < 100 else f"{mm / 10:.0f} cm"
