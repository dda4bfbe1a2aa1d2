"""The benchmark's table of playing costs covers every phase of every process."""

from osteoviz import bench
from osteoviz.model.registry import get, process_ids


def test_phase_costs_cover_every_phase_with_measured_times(qapp):
    costs = bench.phase_costs(ticks=1)
    assert [(p, ph) for p, ph, *_ in costs] == [(p, ph.id) for p in process_ids() for ph in get(p).phases]
    assert all(worker > 0 and gui > 0 and most >= gui for _p, _ph, worker, gui, most in costs)
