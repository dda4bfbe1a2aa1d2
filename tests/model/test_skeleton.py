"""Skeleton-map data: enough bones, mechanisms that match the process they open, onsets in the documented order."""

import json
import subprocess
import sys

import numpy as np
import pytest

from osteoviz.errors import ContentError
from osteoviz.model.clock import BIRTH_DAY, DAYS_PER_YEAR, parse_time
from osteoviz.model.skeleton import MECHANISMS, ORIGINS, PROCESS_MECHANISM, Status, default_path, load_bones

LONG_BONES = ("humerus", "radius", "ulna", "femur", "tibia", "fibula")
CARPALS = ("capitate", "hamate", "triquetrum", "lunate", "scaphoid", "trapezium", "trapezoid", "pisiform")
VAULT = ("frontal", "parietal", "occipital_interparietal", "temporal_squama")


@pytest.fixture(scope="module")
def data():
    return load_bones()


def test_at_least_thirty_bones_each_with_origin_mechanism_and_sources(data):
    assert len(data) >= 30
    for b in data.bones:
        assert b.origin in ORIGINS and b.mechanism in MECHANISMS
        assert b.sources and all(k in data.sources for k in b.sources)
        assert b.onset_range[0] <= b.onset_day <= b.onset_range[1], b.id
    cited = {k for b in data.bones for k in b.sources}
    assert cited == set(data.sources)  # every listed source is used, none is missing


def test_every_bone_that_opens_a_process_has_that_processs_mechanism(data):
    opening = {b.id: b.process for b in data.bones if b.process}
    assert opening["femur"] == "endochondral"
    assert all(opening[v] == "intramembranous" for v in VAULT)
    for b in data.bones:
        if b.process:
            assert b.mechanism == PROCESS_MECHANISM[b.process], b.id


def test_the_source_articles_origin_errors_are_not_repeated(data):
    assert data.bone("hyoid").origin == "neural_crest"
    assert data.bone("ossicles").origin == "neural_crest"
    assert data.bone("sternum").origin == "lateral_plate_mesoderm"
    assert data.bone("frontal").origin == "neural_crest" and data.bone("parietal").origin == "paraxial_mesoderm"
    assert {data.bone(v).origin for v in ("vertebrae_thoracic", "ribs")} == {"paraxial_mesoderm"}
    assert {data.bone(b).origin for b in LONG_BONES} == {"lateral_plate_mesoderm"}


def test_onsets_in_the_documented_order(data):
    order = [data.ids[i] for i in np.argsort(data.onset, kind="stable")]
    assert order[:2] == ["clavicle", "mandible"]  # clavicle first, then the mandible: membrane bones first
    assert {data.bone(b).mechanism for b in order[:2]} == {"intramembranous"}
    for b in LONG_BONES:  # long-bone shafts at weeks 7-8
        assert parse_time("7w") <= data.bone(b).onset_day <= parse_time("8.5w"), b
    calc, talus = data.bone("calcaneus").onset_day, data.bone("talus").onset_day
    assert parse_time("18w") < calc < talus < parse_time("30w")  # mid-fetal, calcaneus before talus
    assert abs(data.bone("cuboid").onset_day - BIRTH_DAY) <= 3 * 7  # around birth
    carpals = sorted(CARPALS, key=lambda c: data.bone(c).onset_day)
    assert all(data.bone(c).onset_day > BIRTH_DAY for c in CARPALS)  # all carpals postnatal
    assert carpals[0] == "capitate" and carpals[-1] == "pisiform"
    assert data.bone("pisiform").onset_day >= BIRTH_DAY + 9 * DAYS_PER_YEAR
    assert data.bone("pisiform").onset_day > data.bone("hamate").onset_day > data.bone("capitate").onset_day
    tarsals = ("calcaneus", "talus", "cuboid", "cuneiform_lateral", "cuneiform_medial", "cuneiform_intermediate",
               "navicular")
    assert max(tarsals, key=lambda t: data.bone(t).onset_day) == "navicular"  # the last tarsal


def test_state_at_a_day_moves_each_bone_through_its_stages(data):
    early = data.state_at(parse_time("6w") + 1)
    assert {data.ids[i] for i in np.flatnonzero(early.status)} == {"clavicle", "mandible"}
    f = data.index("femur")
    stages = [int(data.state_at(parse_time(t)).status[f]) for t in ("7w", "20w", "birth", "10y", "25y")]
    assert stages == [Status.UNOSSIFIED, Status.PRIMARY, Status.SECONDARY, Status.SECONDARY, Status.FUSED]
    fractions = [data.state_at(parse_time(t)).fraction[f] for t in ("7w", "9w", "birth", "10y", "25y")]
    assert fractions[0] == 0 and all(b > a for a, b in zip(fractions, fractions[1:4])) and fractions[-1] == 1
    assert data.state_at(parse_time("birth")).status[data.index("capitate")] == Status.UNOSSIFIED
    # the frontal bone has no secondary centres: it is finished when the metopic suture closes
    fr = data.index("frontal")
    assert [int(data.state_at(parse_time(t)).status[fr]) for t in ("20w", "2y")] == [Status.PRIMARY, Status.FUSED]


def test_secondary_centres_appear_then_fuse_and_are_never_both(data):
    days = [parse_time(t) for t in ("20w", "birth", "1y", "5y", "12y", "18y", "30y")]
    counts = []
    for d in days:
        s = data.state_at(d)
        assert not np.any(s.centre_present & s.centre_fused)
        counts.append((int(s.centre_present.sum()), int(s.centre_fused.sum())))
    assert counts[0] == (0, 0)
    assert [c[1] for c in counts] == sorted(c[1] for c in counts)  # fusion only accumulates
    assert counts[-1][0] < counts[4][0]  # by 30 y most centres have fused
    # the distal femoral centre is there before birth, the femoral head after
    names = [(b, c.id) for b, c in data.centres]
    at_birth = data.state_at(BIRTH_DAY).centre_present
    assert at_birth[names.index(("femur", "distal"))] and not at_birth[names.index(("femur", "head"))]


def _write(tmp_path, mutate):
    raw = json.loads(default_path().read_text())
    mutate(raw)
    path = tmp_path / "bones.json"
    path.write_text(json.dumps(raw))
    return path


def _bone(raw, bone_id):
    return next(b for b in raw["bones"] if b["id"] == bone_id)


@pytest.mark.parametrize("mutate, field", [
    (lambda r: _bone(r, "femur").update(origin="mesoderm"), "origin"),
    (lambda r: _bone(r, "femur").update(onset="7 weeks"), "onset"),
    (lambda r: _bone(r, "femur").update(process="intramembranous"), "process"),
    (lambda r: _bone(r, "femur").update(sources=["nobody2020"]), "sources"),
    (lambda r: _bone(r, "femur")["secondary"][0].update(fuse="1w"), "secondary[0].fuse"),
    (lambda r: _bone(r, "femur").pop("mechanism"), "mechanism"),
])
def test_a_bad_bones_file_names_the_file_and_the_field(tmp_path, mutate, field):
    path = _write(tmp_path, mutate)
    with pytest.raises(ContentError) as err:
        load_bones(path)
    message = str(err.value)
    index = [b["id"] for b in json.loads(default_path().read_text())["bones"]].index("femur")
    assert "bones.json" in message and f"bones[{index}].{field}" in message
    assert "\n" not in message


def test_a_missing_or_broken_bones_file_is_named(tmp_path):
    with pytest.raises(ContentError, match="nothere.json"):
        load_bones(tmp_path / "nothere.json")
    (tmp_path / "broken.json").write_text('{"bones": [')
    with pytest.raises(ContentError, match="broken.json.*line 1"):
        load_bones(tmp_path / "broken.json")


def test_the_skeleton_model_and_its_prose_load_no_qt():
    code = ("import sys\n"
            "from osteoviz.model.skeleton import load_bones\n"
            "from osteoviz.skeletoncontent import hover_lines\n"
            "d = load_bones(); d.state_at(100.0); hover_lines(d, d.bone('femur'), 100.0, 'nl')\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
            "raise SystemExit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
