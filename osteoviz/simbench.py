"""Simulation benchmark: `python -m osteoviz.simbench [PROCESS ...]` times every scenario's rules, per step too."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

AIM_SECONDS = 3.0  # issue 10: a scenario simulates in <= 3 s on the 2-core machine


@dataclass(frozen=True)
class SimTime:
    key: str  # scenario key, e.g. "endochondral+pthrp_loss"
    wall: float  # seconds
    cpu: float  # seconds of this process's CPU (robust on a machine shared with other work)
    steps: int
    history_bytes: int

    @property
    def ms_per_step(self) -> float:
        """CPU milliseconds the rules take per simulated step."""
        return 1000.0 * self.cpu / max(self.steps, 1)


def time_scenario(scenario) -> SimTime:
    """Simulate a scenario from scratch (no cache) and time it."""
    model = scenario.model()
    t0, c0 = time.perf_counter(), time.process_time()
    history = model.simulate()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return SimTime(scenario.key, wall, cpu, len(history.days), history.nbytes())


def scenarios(processes=None):
    """Normal and every experiment of each process (all registered processes by default)."""
    from .model import registry
    from .model.scenario import Scenario, experiments_for

    for pid in processes or registry.process_ids():
        yield Scenario(pid, ())
        for e in experiments_for(pid):
            yield Scenario(pid, (e.id,))


def line(t: SimTime) -> str:
    mark = "" if t.cpu <= AIM_SECONDS else "  over the aim"
    return (f"simulation {t.key:40s} {t.wall:6.2f} s   ({t.cpu:5.2f} s CPU, {t.steps} steps, "
            f"{t.ms_per_step:5.2f} ms/step; aim <= {AIM_SECONDS:g} s){mark}")


def summary(times: list[SimTime]) -> str:
    """One closing line: how many scenarios are over the aim, and the slowest."""
    if not times:
        return "no scenarios"
    over = [t for t in times if t.cpu > AIM_SECONDS]
    slow = max(times, key=lambda t: t.cpu)
    return (f"{len(over)} of {len(times)} scenarios over the aim of {AIM_SECONDS:g} s; slowest {slow.key} "
            f"{slow.cpu:.2f} s CPU ({slow.ms_per_step:.2f} ms/step)")


def report(processes=None, out=print) -> list[SimTime]:
    """Time and print every scenario of the processes, then the summary; returns the timings."""
    times = []
    for sc in scenarios(processes):
        t = time_scenario(sc)
        out(line(t))
        times.append(t)
    out(summary(times))
    return times


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from .model import registry

    try:
        for pid in argv:
            registry.get(pid)
    except ValueError as exc:
        print(f"osteoviz.simbench: error: {exc}", file=sys.stderr)
        return 2
    report(argv or None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
