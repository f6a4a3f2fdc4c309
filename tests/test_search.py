"""Search as you type: typos, abbreviations, aliases and facet filters.

`write_fixture_resources` builds a small, valid atlas on disk (real region catalogue, eight muscles
from three areas); the window and start-up tests import it too.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.paths import resources_dir
from studyapp.search import Filters, SearchIndex, expand_roots, normalise

REAL_REGIONS = resources_dir() / "bodychart" / "regions.yaml"


def muscle_record(
    mid: str,
    name: str,
    area: str,
    group: str,
    *,
    aliases: tuple[str, ...] = (),
    actions: tuple[tuple[str, str], ...] = (("abduction", "hip"),),
    nerve: str = "Superior gluteal nerve",
    roots: tuple[str, ...] = ("L4", "L5", "S1"),
    zones: tuple[str, ...] = ("buttock_upper_lateral",),
    spillover: tuple[str, ...] = (),
    marker: tuple[str, float, float] = ("posterior", 250.0, 460.0),
    **extra: Any,
) -> dict[str, Any]:
    view, x, y = marker
    record: dict[str, Any] = {
        "id": mid,
        "name": name,
        "latin_name": f"Musculus {name.lower()}",
        "aliases": list(aliases),
        "area": area,
        "group": group,
        "origin": f"Origin of the {name.lower()}.",
        "insertion": f"Insertion of the {name.lower()}.",
        "actions": [{"movement": movement, "joint": joint} for movement, joint in actions],
        "innervation": {"nerve": nerve, "roots": list(roots)},
        "blood_supply": "Regional arteries.",
        "trigger_points": [
            {
                "id": "tp1",
                "label": "Central trigger point",
                "location": f"Middle of the {name.lower()} belly.",
                "markers": {view: [x, y]},
                "essential_zones": list(zones),
                "spillover_zones": list(spillover),
                "symptoms": ["Aching when sitting"],
            }
        ],
        "sources": [
            {"id": "simons1999", "citation": "Simons DG, Travell JG, Simons LS. Myofascial Pain (1999)."}
        ],
    }
    record.update(extra)
    return record


NEEDLING = {
    "patient_position": "Side-lying, affected side up.",
    "direction": "Perpendicular to the skin, toward the ilium.",
    "needle": "0.30 x 60 mm",
    "depth": "40-60 mm",
    "structures_to_avoid": ["Superior gluteal neurovascular bundle"],
    "cautions": "Stay above the piriformis line.",
}

FIXTURE_MUSCLES = [
    muscle_record(
        "gluteus_maximus",
        "Gluteus maximus",
        "hip_thigh",
        "Gluteal muscles",
        actions=(("extension", "hip"), ("lateral rotation", "hip")),
        nerve="Inferior gluteal nerve",
        roots=("L5", "S1", "S2"),
        zones=("sacrum", "gluteal_cleft"),
        spillover=("buttock_lower_medial",),
        synergists=["gluteus_medius"],
    ),
    muscle_record(
        "gluteus_medius",
        "Gluteus medius",
        "hip_thigh",
        "Gluteal muscles",
        roots=("L4–S1",),
        zones=("buttock_upper_lateral", "si_joint"),
        spillover=("posterior_thigh_upper",),
        synergists=["gluteus_minimus", "tensor_fasciae_latae"],
        antagonists=["gluteus_maximus"],
        associated_muscles=["piriformis", "quadratus_lumborum"],
        needling=NEEDLING,
        self_care=[
            {
                "name": "Clamshell stretch",
                "instructions": "Lie on the other side and rotate.",
                "dosage": "3 x 30 s",
            }
        ],
        acupoints=[{"code": "GB30", "name": "Huantiao"}],
        palpation="Side-lying, below the iliac crest.",
        notes=["References disagree on the spillover zones."],
    ),
    muscle_record(
        "gluteus_minimus",
        "Gluteus minimus",
        "hip_thigh",
        "Gluteal muscles",
        zones=("lateral_thigh_middle", "calf_upper"),
        spillover=("lateral_leg_upper",),
        marker=("lateral", 190.0, 470.0),
        synergists=["gluteus_medius"],
    ),
    muscle_record(
        "tensor_fasciae_latae",
        "Tensor fasciae latae",
        "hip_thigh",
        "Gluteal muscles",
        actions=(("abduction", "hip"), ("flexion", "hip")),
        zones=("greater_trochanter", "lateral_thigh_upper"),
        marker=("lateral", 230.0, 470.0),
    ),
    muscle_record(
        "piriformis",
        "Piriformis",
        "hip_thigh",
        "Deep lateral rotators",
        actions=(("lateral rotation", "hip"),),
        nerve="Nerve to piriformis",
        roots=("S1", "S2"),
        zones=("sacrum", "buttock_lower_lateral"),
        spillover=("posterior_thigh_upper",),
    ),
    muscle_record(
        "quadratus_lumborum",
        "Quadratus lumborum",
        "trunk",
        "Posterior abdominal wall",
        aliases=("QL",),
        actions=(("lateral flexion", "trunk"),),
        nerve="Ventral rami",
        roots=("T12-L4",),
        zones=("si_joint", "buttock_lower_medial"),
        spillover=("greater_trochanter",),
        marker=("posterior", 230.0, 420.0),
    ),
    muscle_record(
        "sternocleidomastoid",
        "Sternocleidomastoid",
        "neck",
        "Anterior neck",
        aliases=("SCM",),
        actions=(("flexion", "neck"), ("rotation", "head")),
        nerve="Accessory nerve",
        roots=("C2", "C3"),
        zones=("forehead", "behind_eye"),
        spillover=("ear",),
        marker=("anterior", 180.0, 160.0),
    ),
    muscle_record(
        "levator_scapulae",
        "Levator scapulae",
        "shoulder_upper_back",
        "Scapular elevators",
        actions=(("elevation", "scapula"),),
        nerve="Dorsal scapular nerve",
        roots=("C3", "C4", "C5"),
        zones=("neck_shoulder_angle",),
        spillover=("medial_scapular_border",),
        marker=("posterior", 230.0, 180.0),
    ),
]


def write_fixture_resources(root: Path, extra_files: dict[str, str] | None = None) -> Path:
    """A resources/ folder with the real region catalogue and the fixture muscles; returns its path."""
    resources = root / "resources"
    (resources / "bodychart").mkdir(parents=True, exist_ok=True)
    shutil.copy(REAL_REGIONS, resources / "bodychart" / "regions.yaml")
    for record in FIXTURE_MUSCLES:
        folder = resources / "muscles" / record["area"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False), encoding="utf-8"
        )
    for relative, text in (extra_files or {}).items():
        target = resources / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return resources


def load_fixture_atlas(root: Path) -> Atlas:
    result = load_atlas(write_fixture_resources(root))
    assert result.ok, [str(p) for p in result.problems]
    return result.atlas


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    atlas = load_fixture_atlas(tmp_path_factory.mktemp("atlas"))
    return SearchIndex(list(atlas.muscles.values()))


def top(index: SearchIndex, query: str, filters: Filters | None = None) -> str:
    hits = index.search(query, filters)
    assert hits, f"nothing found for {query!r}"
    return hits[0].muscle_id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("glut med", "gluteus_medius"),
        ("glut max", "gluteus_maximus"),
        ("glut min", "gluteus_minimus"),
        ("TFL", "tensor_fasciae_latae"),
        ("tfl", "tensor_fasciae_latae"),
        ("piriformus", "piriformis"),
        ("pirifromis", "piriformis"),
        ("SCM", "sternocleidomastoid"),
        ("sternocleido", "sternocleidomastoid"),
        ("QL", "quadratus_lumborum"),
        ("quadratus lumborm", "quadratus_lumborum"),
        ("Gluteus  Medius!", "gluteus_medius"),
        ("levator", "levator_scapulae"),
        ("musculus piriformis", "piriformis"),
        ("tensor fascia lata", "tensor_fasciae_latae"),
        ("gluteusmedius", "gluteus_medius"),
    ],
)
def test_typos_and_abbreviations_rank_the_intended_muscle_first(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert top(index, query) == expected


def test_exact_name_outranks_abbreviation_outranks_typo(index: SearchIndex) -> None:
    exact = index.search("piriformis")[0].score
    prefix = index.search("pirif")[0].score
    typo = index.search("piriformus")[0].score
    assert exact > prefix > typo


def test_a_half_typed_word_is_not_dropped_as_filler(index: SearchIndex) -> None:
    # "m" is also short for "musculus"; while typing it must still narrow the list.
    ids = {h.muscle_id for h in index.search("m")}
    assert "gluteus_medius" in ids and "piriformis" not in ids
    assert top(index, "piriformis m") == "piriformis"


def test_short_prefix_lists_names_first_then_group_members(index: SearchIndex) -> None:
    hits = index.search("glut")
    assert sorted(h.muscle_id for h in hits[:3]) == ["gluteus_maximus", "gluteus_medius", "gluteus_minimus"]
    group_hits = [(h.muscle_id, h.matched) for h in hits[3:]]
    assert group_hits == [("tensor_fasciae_latae", "group: Gluteal muscles")]
    assert hits[3].score < hits[2].score


def test_weak_matches_are_dropped_when_a_strong_one_exists(index: SearchIndex) -> None:
    assert [h.muscle_id for h in index.search("scm")] == ["sternocleidomastoid"]


def test_apostrophes_do_not_split_words() -> None:
    assert normalise("Tailor's muscle") == "tailors muscle"


def test_nonsense_finds_nothing(index: SearchIndex) -> None:
    assert index.search("zzqx") == []
    assert index.search("xylophone") == []


def test_the_alias_that_matched_is_reported(index: SearchIndex) -> None:
    assert index.search("SCM")[0].matched == "SCM"


def test_empty_query_lists_everything_in_atlas_order(index: SearchIndex) -> None:
    ids = [h.muscle_id for h in index.search("   ")]
    assert ids == index.ids
    assert ids.index("sternocleidomastoid") < ids.index("gluteus_maximus")  # neck before hip_thigh


def test_filters_by_area_action_nerve_root_and_region(index: SearchIndex) -> None:
    def found(**kwargs: Any) -> set[str]:
        return {h.muscle_id for h in index.search("", Filters(**kwargs))}

    assert found(area="trunk") == {"quadratus_lumborum"}
    assert found(action="hip abduction") == {"gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae"}
    assert found(nerve="Inferior gluteal nerve") == {"gluteus_maximus"}
    assert found(root="L5") == {
        "gluteus_maximus",
        "gluteus_medius",
        "gluteus_minimus",
        "tensor_fasciae_latae",
    }
    assert found(root="L2") == {"quadratus_lumborum"}  # "T12-L4" is expanded
    assert found(region="sacrum") == {"gluteus_maximus", "piriformis"}
    assert found(region="posterior_thigh_upper") == {"gluteus_medius", "piriformis"}  # spillover counts
    assert found(area="hip_thigh", action="hip abduction", region="calf_upper") == {"gluteus_minimus"}
    assert found(only=frozenset({"piriformis"})) == {"piriformis"}


def test_filters_combine_with_the_query(index: SearchIndex) -> None:
    ids = [h.muscle_id for h in index.search("glut", Filters(action="hip abduction"))]
    assert ids[:2] == ["gluteus_medius", "gluteus_minimus"]
    assert set(ids) == {"gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae"}  # TFL via its group


def test_facet_values_are_what_the_atlas_contains(index: SearchIndex) -> None:
    assert "hip abduction" in index.facet_values("action")
    roots = index.facet_values("root")
    assert roots.index("C2") < roots.index("T12") < roots.index("L1") < roots.index("S2")
    assert index.facet_count("action", "hip abduction") == 3


def test_normalise_and_roots() -> None:
    assert normalise("  Glutæus  Médius, pars ") == "glutaeus medius pars"
    assert expand_roots(["C5–C7"]) == ("C5", "C6", "C7")
    assert expand_roots(["T12-L2", "L2"]) == ("T12", "L1", "L2")
    assert expand_roots(["l4", "S1 "]) == ("L4", "S1")


REAL_EXPECTATIONS = [
    ("glut med", "gluteus_medius"),
    ("glut max", "gluteus_maximus"),
    ("TFL", "tensor_fasciae_latae"),
    ("piriformus", "piriformis"),
    ("SCM", "sternocleidomastoid"),
    ("QL", "quadratus_lumborum"),
]


@pytest.mark.parametrize(("query", "expected"), REAL_EXPECTATIONS)
def test_real_atlas_ranking(query: str, expected: str) -> None:
    atlas = _real_atlas()
    if expected not in atlas.muscles:
        pytest.skip(f"{expected} is not in the bundled atlas yet")
    assert top(SearchIndex(list(atlas.muscles.values())), query) == expected


_REAL: list[Atlas] = []


def _real_atlas() -> Atlas:
    if not _REAL:
        _REAL.append(load_atlas().atlas)
    return _REAL[0]
