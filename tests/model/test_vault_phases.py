"""Each intramembranous phase is shown when its structure is visibly formed: the frame holds what the phase names."""

import numpy as np
import pytest

import osteoviz.content as content
from osteoviz.model.clock import BIRTH_DAY
from osteoviz.model.kinds import Cell as C, Tissue as T
from osteoviz.simcache import load

BONE = (T.BONE, T.BONE_SPICULE, T.COMPACT)
MATRIX = (T.OSTEOID, T.BONE, T.COMPACT, T.TRABECULAR)


@pytest.fixture(scope="module")
def run():
    return load("intramembranous")


def _frame(run, phase_id):
    model, h = run
    spec = next(p for p in model.phases if p.id == phase_id)
    return model.frame(h, spec.representative_day, labels=True), spec


def test_representative_days_lie_inside_their_phases(run):
    model, _ = run
    phases = model.phases
    for a, b in zip(phases, phases[1:]):
        assert a.start_day <= a.representative_day < b.start_day, a.id
    assert phases[-1].start_day <= phases[-1].representative_day <= model.p.end_day


@pytest.mark.parametrize("lang", content.LANGUAGES)
def test_cells_named_by_each_phase_are_in_its_picture(run, lang):
    model, _ = run
    text = {p.id: p for p in content.process_content("intramembranous", lang).phases}
    for spec in model.phases:
        f, _ = _frame(run, spec.id)
        drawn = {C(code).name.lower() for code, pos in f.inset.cells.items() if len(pos) >= 3}
        missing = set(text[spec.id].cells) - drawn
        assert not missing, (spec.id, missing)


def _has(tis, kind, n=5):
    return np.count_nonzero(tis == kind) >= n


def test_each_phase_shows_its_structure(run):
    model, _ = run
    own = model.vault.own
    zones = {}
    for spec in model.phases:
        f, _ = _frame(run, spec.id)
        zones[spec.id] = [z[0] for z in f.inset_zones]
        vault, inset = f.main.tissue, f.inset.tissue
        cells = f.inset.cells
        n = {C(code).name.lower(): len(p) for code, p in cells.items()}
        if spec.id == "condensation":
            assert not np.isin(vault, BONE).any() and _has(inset, T.VESSEL)
            assert n.get("mesenchymal", 0) > 100
        elif spec.id == "ossification_centre":
            centre = BONE + (T.OSTEOID,)  # the parietal centre is still osteoid in the vault, as in its section
            assert np.isin(vault[np.isin(own, (0, 1))], centre).sum() > np.isin(vault[np.isin(own, (2, 3))], centre).sum() > 0
            assert not np.isin(vault[np.isin(own, (2, 3))], BONE).any() and not (inset == T.BONE).any()
            assert _has(inset, T.OSTEOID, 3) and n.get("osteoblast", 0) >= 6
        elif spec.id == "osteoid":
            assert _has(inset, T.OSTEOID, 10) and _has(inset, T.BONE, 5)
        elif spec.id == "osteocytes":
            # drawn apart, each large enough to show its lacuna and canaliculi (the model keeps every one)
            assert n.get("osteocyte", 0) >= 8
        elif spec.id == "trabeculae":
            rays = (vault == T.MARROW) & (model.vault.d_centre > 0.06) & (model.vault.d_centre < 0.3)
            assert rays.sum() >= 500 and _has(inset, T.MARROW, 20)  # spaces between radiating trabeculae
            assert n.get("haematopoietic", 0) > 10 and n.get("osteoclast", 0) >= 2
        elif spec.id == "periosteum":
            assert "periosteum" in zones[spec.id] and _has(inset, T.PERIOSTEUM, 50)
        elif spec.id == "sutures_fontanelles":
            assert _has(vault, T.SUTURE, 300) and _has(vault, T.FONTANELLE, 100) and _has(inset, T.SUTURE, 20)
        elif spec.id == "fontanelle_closure":
            birth = model.frame(run[1], BIRTH_DAY).main.tissue
            assert 0 < np.count_nonzero(vault == T.FONTANELLE) < 0.25 * np.count_nonzero(birth == T.FONTANELLE)
            assert _has(inset, T.SUTURE, 10)
        elif spec.id == "tables_diploe":
            assert ["outer_table", "diploe", "inner_table"] == [z for z in zones[spec.id] if "table" in z or z == "diploe"]
            assert n.get("osteoclast", 0) >= 2 and _has(inset, T.MARROW, 50)
        elif spec.id == "suture_fusion":
            earlier = model.frame(run[1], spec.start_day - 365).main.tissue
            assert np.count_nonzero(vault == T.SUTURE) < 0.8 * np.count_nonzero(earlier == T.SUTURE)
            assert _has(inset, T.SUTURE, 3) and _has(inset, T.COMPACT, 500)
    # scalp above and dura and brain below from the time the section is shown at full size
    for pid in ("trabeculae", "periosteum", "sutures_fontanelles", "tables_diploe", "suture_fusion"):
        z = zones[pid]
        assert z[0] == "scalp" and z[-2:] == ["dura", "brain"], (pid, z)


def test_inset_labels_point_at_what_they_name(run):
    for pid, wanted in (("osteoid", {"osteoid_seam", "osteoblast_layer"}),
                        ("trabeculae", {"osteoid_seam", "osteoblast_layer", "osteocyte", "osteoclast", "red_marrow"}),
                        ("sutures_fontanelles", {"suture"}), ("tables_diploe", {"osteocyte", "osteoclast"})):
        f, _ = _frame(run, pid)
        got = {k: (x, y) for k, x, y in f.inset_labels}
        assert wanted <= set(got), (pid, got)
        tis = f.inset.tissue
        for key, (x, y) in got.items():
            t = tis[int(y), int(x)]
            if key == "osteoid_seam":
                assert t == T.OSTEOID
            elif key == "suture":
                assert t == T.SUTURE
            elif key in ("osteocyte",):
                assert t in MATRIX


@pytest.mark.parametrize("lang", content.LANGUAGES)
def test_vault_words_name_tables_never_a_collar(run, lang):
    """Everything a vault picture can say (names, labels, zones, tissue names, phase text) avoids 'collar'."""
    model, h = run
    s, gloss = content.strings(lang), content.glossary(lang)
    words = []
    for spec in model.phases:
        f = model.frame(h, spec.representative_day, labels=True)
        keys = [k for k, _, _ in f.names + f.labels + f.inset_labels] + [z[0] for z in f.inset_zones]
        words += [s("label." + k) for k in keys]
        tissues = set(np.unique(f.main.tissue)) | set(np.unique(f.inset.tissue))
        words += [gloss.tissues[T(t).name.lower()] for t in tissues]
    text = content.process_content("intramembranous", lang)
    words += [p.title + p.summary + " ".join(p.paragraphs) + p.notes for p in text.phases]
    joined = " ".join(words).lower()
    assert "collar" not in joined and "manchet" not in joined and "kraag" not in joined
    assert ("outer table" if lang == "en" else "lamina externa") in joined
