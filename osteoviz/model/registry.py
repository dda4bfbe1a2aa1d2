"""The one registry of processes: id, clock, phases, parameters, model and layout; everything else reads it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Callable

from . import clocks
from .clocks import DEVELOPMENTAL, Clock
from .params import PhaseSpec


class UnknownProcess(ValueError):
    """A process id that is not in the registry."""


@dataclass(frozen=True)
class ProcessSpec:
    """What the app needs to know about a process; adding one to REGISTRY makes it appear everywhere.

    id            used on the command line, in settings, in content file names (assets/content/<lang>/<id>.json)
    params_type   a frozen dataclass of parameters (with start_day and end_day) — its defaults are "normal"
    model_type    called with a params instance; has simulate() -> History and frame(history, day, labels)
    phases        the named phases on the clock, in order
    clock         the process's Clock (osteoviz.model.clocks): DEVELOPMENTAL (days after fertilisation) or INJURY
                  (days after injury); it parses, writes, shows, scales and ticks this process's days (a clock id
                  string is accepted and looked up)
    layout        how the canvas arranges organ and inset: "long" (a long bone) or "vault" (seen from above)
    default_time  the time shown first (as the command line writes it)
    experiments   module in osteoviz.model that defines this process's experiments (scenario.define), or ""
    measures      module in osteoviz.model with `measure(model, history, day) -> dict[str, float]` and
                  `MEASURES` (name -> unit), the quantities compared side by side, or ""
    """

    id: str
    params_type: type
    model_type: Callable[[Any], Any]
    phases: tuple[PhaseSpec, ...]
    clock: Clock = DEVELOPMENTAL
    layout: str = "long"
    default_time: str = "20w"
    experiments: str = ""
    measures: str = ""

    def __post_init__(self):
        if isinstance(self.clock, str):
            object.__setattr__(self, "clock", clocks.get(self.clock))

    def params(self, **overrides):
        """Default parameters with `overrides` (field name -> value) applied."""
        base = self.params_type()
        return replace(base, **overrides) if overrides else base

    @cached_property
    def start_day(self) -> float:  # (cached: asked at every tick of playback, and the defaults never change)
        return float(self.params_type().start_day)

    @cached_property
    def end_day(self) -> float:
        return float(self.params_type().end_day)


def _builtin() -> dict[str, ProcessSpec]:
    from .endochondral import EndochondralModel
    from .intramembranous import IntramembranousModel
    from .params import ENDOCHONDRAL_PHASES, INTRAMEMBRANOUS_PHASES, EndochondralParams, IntramembranousParams

    specs = (
        ProcessSpec("endochondral", EndochondralParams, EndochondralModel, ENDOCHONDRAL_PHASES, layout="long",
                    default_time="20w", experiments="experiments_endochondral", measures="measures_endochondral"),
        ProcessSpec("intramembranous", IntramembranousParams, IntramembranousModel, INTRAMEMBRANOUS_PHASES,
                    layout="vault", default_time="birth", experiments="experiments_intramembranous",
                    measures="measures_intramembranous"),
        _fracture(),
    )
    return {s.id: s for s in specs}


def _fracture() -> ProcessSpec:
    from .fracture import FractureModel
    from .fracture_params import FRACTURE_PHASES, FractureParams

    return ProcessSpec("fracture", FractureParams, FractureModel, FRACTURE_PHASES, clock=clocks.INJURY, layout="long",
                       default_time="20d", experiments="experiments_fracture", measures="measures_fracture")


REGISTRY: dict[str, ProcessSpec] = _builtin()


def register(spec: ProcessSpec) -> ProcessSpec:
    """Add (or replace) a process; the CLI, settings, controls and content checks pick it up from here."""
    REGISTRY[spec.id] = spec
    return spec


def process_ids() -> tuple[str, ...]:
    """Every registered process id, in registration order."""
    return tuple(REGISTRY)


def get(process_id: str) -> ProcessSpec:
    """The spec of a process; an unknown id is a one-line error naming the choices."""
    try:
        return REGISTRY[process_id]
    except KeyError:
        raise UnknownProcess(f"unknown process {process_id!r}: choose {', '.join(process_ids())}") from None


def load_module(process_id: str, which: str):
    """The process's experiments or measures module (None where it names none or it does not exist yet)."""
    import importlib

    name = getattr(get(process_id), which)
    if not name:
        return None
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__package__}.{name}":
            return None
        raise
