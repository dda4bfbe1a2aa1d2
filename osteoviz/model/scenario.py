"""A scenario: a process plus named experiments (parameter and rule overrides); frozen, hashable, cacheable."""

from __future__ import annotations

from dataclasses import dataclass

from . import registry


class UnknownExperiment(ValueError):
    """An experiment id that is not defined for the scenario's process."""


@dataclass(frozen=True)
class Experiment:
    """A named change to the rules of one process, written as parameter overrides the rules read."""

    id: str
    process: str
    overrides: tuple[tuple[str, object], ...]


EXPERIMENTS: dict[tuple[str, str], Experiment] = {}  # (process, id): one id may exist in several processes


def define(experiment: Experiment) -> Experiment:
    """Add an experiment; its overrides must name fields of its process's parameters."""
    fields = registry.get(experiment.process).params_type.__dataclass_fields__
    bad = [name for name, _ in experiment.overrides if name not in fields]
    if bad:
        raise ValueError(f"experiment {experiment.id!r}: {', '.join(bad)} is not a parameter of {experiment.process}")
    EXPERIMENTS[(experiment.process, experiment.id)] = experiment
    return experiment


_LOADED: set[str] = set()


def _ensure_defined(process: str) -> None:
    """Import the process's experiments module once (it calls define() for each of its experiments)."""
    if process not in _LOADED:
        _LOADED.add(process)
        registry.load_module(process, "experiments")


def experiments_for(process: str) -> tuple[Experiment, ...]:
    """The experiments defined for a process, in the order they were defined."""
    _ensure_defined(process)
    return tuple(e for e in EXPERIMENTS.values() if e.process == process)


@dataclass(frozen=True)
class Scenario:
    """What is simulated: a process and the experiments switched on (sorted, so equal scenarios hash equal)."""

    process: str
    experiments: tuple[str, ...] = ()

    def __post_init__(self):
        registry.get(self.process)  # unknown process: one-line error
        _ensure_defined(self.process)
        for eid in self.experiments:
            e = EXPERIMENTS.get((self.process, eid))
            if e is None:
                choices = ", ".join(e.id for e in experiments_for(self.process)) or "none"
                raise UnknownExperiment(f"unknown experiment {eid!r} for {self.process}: choose {choices}")
        object.__setattr__(self, "experiments", tuple(sorted(set(self.experiments))))

    @property
    def spec(self) -> registry.ProcessSpec:
        return registry.get(self.process)

    def overrides(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for eid in self.experiments:
            out.update(dict(EXPERIMENTS[(self.process, eid)].overrides))
        return out

    def params(self):
        return self.spec.params(**self.overrides())

    def model(self):
        return self.spec.model_type(self.params())

    def phases(self) -> tuple:
        """The phases on this scenario's clock: the model's own for these parameters where it scales them
        (fracture repair: by the pace of healing), else the registry's."""
        phases_for = getattr(self.spec.model_type, "phases_for", None)
        return tuple(phases_for(self.params())) if phases_for is not None else self.spec.phases

    @property
    def key(self) -> str:
        """A short stable name: 'endochondral' or 'endochondral+pthrp_loss' (file names, PNG text, cache)."""
        return "+".join((self.process, *self.experiments))

    @classmethod
    def parse(cls, text: str) -> "Scenario":
        """The inverse of `key`."""
        process, *experiments = text.split("+")
        return cls(process, tuple(experiments))

    @property
    def is_normal(self) -> bool:
        return not self.experiments
