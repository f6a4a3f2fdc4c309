"""Pain finder: which muscles explain the regions a patient points to, in a defensible order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studyapp.bodychart.painfinder import PainFinder
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from tests.helpers.atlas_files import make_root, muscle, trigger_point, write_muscle


def _atlas(tmp_path: Path, specs: dict[str, tuple[str, list[dict[str, Any]]]]) -> Atlas:
    root = make_root(tmp_path)
    for mid, (name, tps) in specs.items():
        write_muscle(root, muscle(id=mid, name=name, aliases=[], trigger_points=tps))
    result = load_atlas(root)
    assert result.ok, result.problems
    return result.atlas


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    return _atlas(
        tmp_path,
        {
            "gluteus_minimus": (
                "Gluteus minimus",
                [
                    trigger_point("tp1", ["greater_trochanter"], ["lateral_thigh_upper"]),
                    trigger_point("tp2", ["buttock_lower_medial"]),
                ],
            ),
            "vastus_lateralis": (
                "Vastus lateralis",
                [trigger_point("tp1", ["lateral_thigh_upper", "lateral_thigh_middle"])],
            ),
            "tensor_fasciae_latae": (
                "Tensor fasciae latae",
                [trigger_point("tp1", ["lateral_hip"], ["greater_trochanter"])],
            ),
            "piriformis": (
                "Piriformis",
                [trigger_point("tp1", ["buttock_lower_medial"], ["posterior_thigh_upper"])],
            ),
        },
    )


def test_reason_names_the_trigger_point_and_both_kinds_of_zone(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["greater_trochanter", "lateral_thigh_upper"])
    top = answer.matches[0]
    assert top.muscle_id == "gluteus_minimus"
    assert top.trigger_points == ("tp1",)
    assert top.essential == ("greater_trochanter",)
    assert top.spillover == ("lateral_thigh_upper",)
    assert (
        top.reason
        == "TP1: essential zone covers Greater trochanter; spillover covers Lateral thigh, upper third"
    )


def test_essential_coverage_ranks_above_spillover(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["greater_trochanter"])
    assert [m.muscle_id for m in answer.matches] == ["gluteus_minimus", "tensor_fasciae_latae"]
    assert answer.matches[0].score > answer.matches[1].score
    assert answer.matches[1].reason == "TP1: spillover zone covers Greater trochanter"


def test_covering_more_selected_regions_ranks_higher(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["lateral_thigh_upper", "lateral_thigh_middle"])
    ids = [m.muscle_id for m in answer.matches]
    assert ids == ["vastus_lateralis", "gluteus_minimus"]
    assert answer.matches[0].score == 1.0
    assert answer.matches[0].reason == (
        "TP1: essential zone covers Lateral thigh, upper third and Lateral thigh, middle third"
    )


def test_equal_scores_are_ordered_by_name(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["buttock_lower_medial"])
    assert [m.muscle_name for m in answer.matches] == ["Gluteus minimus", "Piriformis"]
    assert answer.matches[0].score == answer.matches[1].score


def test_several_trigger_points_each_get_their_sentence(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["greater_trochanter", "buttock_lower_medial"])
    top = answer.matches[0]
    assert top.muscle_id == "gluteus_minimus"
    assert top.trigger_points == ("tp1", "tp2")
    assert top.reason == (
        "TP1: essential zone covers Greater trochanter. TP2: essential zone covers Buttock, lower medial"
    )


def test_essential_in_one_point_beats_spillover_in_another_of_the_same_muscle(tmp_path: Path) -> None:
    atlas = _atlas(
        tmp_path,
        {"m": ("Muscle", [trigger_point("tp1", [], ["lateral_hip"]), trigger_point("tp2", ["lateral_hip"])])},
    )
    (match,) = PainFinder(atlas).query(["lateral_hip"]).matches
    assert match.essential == ("lateral_hip",)
    assert match.spillover == ()
    assert match.score == 1.0


def test_unknown_region_is_reported_with_a_suggestion(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["greater_trochanterr", "greater_trochanter"])
    assert answer.unknown == ("greater_trochanterr",)
    assert answer.selected == ("greater_trochanter",)
    assert answer.messages == (
        "Unknown region 'greater_trochanterr' (did you mean 'greater_trochanter'?); it was left out.",
    )
    assert answer.matches[0].muscle_id == "gluteus_minimus"


def test_known_region_without_referrals_says_so(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query(["vertex"])
    assert answer.matches == ()
    assert answer.messages == ("No muscle in the atlas refers pain to Vertex (top of head).",)


def test_empty_query_finds_nothing_and_complains_about_nothing(atlas: Atlas) -> None:
    answer = PainFinder(atlas).query([])
    assert answer.matches == () and answer.messages == ()
