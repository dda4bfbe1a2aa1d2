"""The section's rules, worked out on the plate's band of rows only, give exactly the grids of the whole grid."""

import numpy as np
import pytest

from osteoviz.model import vault_section
from osteoviz.model.scenario import Scenario


def _run(scenario_key, margin, monkeypatch, every=6):
    """Tissue and cell grids of the section at every `every`-th step, with the band's margin set to `margin`
    (a margin wider than the grid makes the band the whole grid: the plain, unbanded rules)."""
    monkeypatch.setattr(vault_section, "BAND_MARGIN", margin)
    model = Scenario.parse(scenario_key).model()
    p = model.p
    days = model.scale.to_day(np.linspace(0.0, 1.0, p.steps))
    sec = vault_section.VaultSection(p, np.random.default_rng(p.seed + 1))
    out, prev = [], float(days[0])
    for i, t in enumerate(days):
        sec.step(float(t), float(t) - prev)
        prev = float(t)
        if i % every == 0 or i == len(days) - 1:
            out.append((sec.tissue.copy(), sec.cells.copy()))
    return out


@pytest.mark.parametrize("key", ["intramembranous", "intramembranous+oi_type3", "intramembranous+sagittal_synostosis"])
def test_the_banded_section_equals_the_whole_grid(key, monkeypatch):
    banded = _run(key, vault_section.BAND_MARGIN, monkeypatch)
    whole = _run(key, 10_000, monkeypatch)
    assert len(banded) == len(whole) > 100
    for i, ((t1, c1), (t2, c2)) in enumerate(zip(banded, whole)):
        assert np.array_equal(t1, t2), f"tissue differs at sample {i}"
        assert np.array_equal(c1, c2), f"cells differ at sample {i}"


def test_a_band_without_margin_would_differ(monkeypatch):
    """The comparison above can fail: cut the band at the plate's own rows and the surfaces' cells change."""
    tight = _run("intramembranous", 0, monkeypatch, every=24)
    whole = _run("intramembranous", 10_000, monkeypatch, every=24)
    assert any(not np.array_equal(c1, c2) for (_, c1), (_, c2) in zip(tight, whole))
