"""The bundled atlas obeys the content rules students rely on (issue: the atlas, item 4)."""

from __future__ import annotations

import pytest

from studyapp.content.lint import lint_atlas
from studyapp.content.loader import LoadResult, load_atlas


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_atlas()


def test_every_file_loads_without_problems(loaded: LoadResult) -> None:
    assert [str(p) for p in loaded.problems] == []
    assert loaded.skipped == []


def test_links_are_reciprocal_or_explained_and_sources_sufficient(loaded: LoadResult) -> None:
    assert [str(w) for w in lint_atlas(loaded.atlas)] == []


def test_every_muscle_has_trigger_points_zones_and_two_sources(loaded: LoadResult) -> None:
    for muscle in loaded.atlas.muscles.values():
        assert muscle.trigger_points, muscle.id
        assert len(muscle.sources) >= 2, muscle.id
        for tp in muscle.trigger_points:
            assert tp.essential_zones, f"{muscle.id}/{tp.id} has no essential zone"
            assert tp.markers, f"{muscle.id}/{tp.id} has no marker"


def test_names_and_aliases_are_unique(loaded: LoadResult) -> None:
    seen: dict[str, str] = {}
    for muscle in loaded.atlas.muscles.values():
        for label in {muscle.name.lower(), *(a.lower() for a in muscle.aliases)}:
            assert label not in seen, f"'{label}' used by {seen.get(label)} and {muscle.id}"
            seen[label] = muscle.id


def test_gluteal_region_is_complete(loaded: LoadResult) -> None:
    gluteal = ["gluteus_maximus", "gluteus_medius", "gluteus_minimus", "piriformis", "tensor_fasciae_latae"]
    for mid in gluteal:
        muscle = loaded.atlas.muscles[mid]
        assert muscle.needling is not None and muscle.needling.structures_to_avoid, mid
        for name in (
            "aliases",
            "synergists",
            "antagonists",
            "perpetuating_factors",
            "differential_diagnosis",
            "palpation",
            "self_care",
            "acupoints",
            "blood_supply",
            "action_notes",
        ):
            assert getattr(muscle, name), f"{mid}.{name} is empty"


def test_facts_the_seeds_got_wrong_are_right(loaded: LoadResult) -> None:
    """Seed articles contain errors; the atlas follows the textbooks."""
    medius = loaded.atlas.muscles["gluteus_medius"]
    assert "greater trochanter" in medius.insertion.lower()
    assert "lesser" not in medius.insertion.lower()
    assert medius.innervation.nerve.lower().startswith("superior gluteal")
    maximus = loaded.atlas.muscles["gluteus_maximus"]
    assert maximus.innervation.nerve.lower().startswith("inferior gluteal")
    minimus = loaded.atlas.muscles["gluteus_minimus"]
    assert any(a.movement == "abduction" and a.joint == "hip" for a in minimus.actions)
    assert any(
        "sciatic" in s.lower() for s in loaded.atlas.muscles["piriformis"].needling.structures_to_avoid
    )  # type: ignore[union-attr]
