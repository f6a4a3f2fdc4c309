"""Every trigger-point marker sits on the drawn figure, over a part of the body that fits its muscle.

Markers were placed by content authors before the body chart was drawn. A marker outside the
silhouette shows a dot floating in the air; one over the wrong body part (a chest point on the arm
after the lateral arm swung forward) teaches the student a wrong location. These checks run against
the bundled drawing (resources/bodychart/geometry.json) and every muscle file.
"""

from __future__ import annotations

from functools import cache

import pytest

from studyapp.bodychart.geometry import Geometry, load_geometry, point_in_polygon
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas, Marker, Muscle, TriggerPoint

ARM = "arm_forearm_hand"

# Body areas that meet on the figure: a trigger point may sit just across the border of its
# muscle's area (the upper trapezius on the top of the shoulder, a hip muscle on the lower back).
ADJACENT_AREAS = frozenset(
    frozenset(pair)
    for pair in (
        ("head_face", "neck"),
        ("neck", "shoulder_upper_back"),
        ("shoulder_upper_back", ARM),
        (ARM, "trunk"),
        ("shoulder_upper_back", "trunk"),
        ("trunk", "hip_thigh"),
        ("hip_thigh", "leg_foot"),
    )
)

# Real anatomy that crosses more than one border of the table above. Keep this list short and say why.
EXTRA_AREAS: dict[str, frozenset[str]] = {
    # The platysma is a skin muscle of the face and neck whose sheet runs from the jaw over the
    # clavicle onto the upper chest; its lower trigger point lies on the clavicle.
    "platysma": frozenset({"shoulder_upper_back"}),
}

# In the lateral view the right arm hangs in front of the side of the trunk (its own outline is the
# view's second polygon). Only arm muscles and the shoulder muscles that cover the top of the humerus
# may have a lateral marker on it; chest-wall and axillary points must sit beside it.
OVER_THE_HUMERUS = frozenset({"deltoid", "supraspinatus"})  # supraspinatus: its tendon's trigger point


@cache
def _atlas() -> Atlas:
    return load_atlas().atlas


@cache
def _geometry() -> Geometry:
    return load_geometry()


def _where(muscle: Muscle, tp: TriggerPoint, marker: Marker) -> str:
    return f"{muscle.id}/{tp.id} {marker.view} marker at ({marker.x:g}, {marker.y:g})"


def outside_figure(geometry: Geometry, muscle: Muscle, tp: TriggerPoint, marker: Marker) -> str | None:
    if not geometry[marker.view].contains(marker.x, marker.y):
        return f"{_where(muscle, tp, marker)} lies outside the drawn figure"
    return None


def wrong_body_area(
    atlas: Atlas, geometry: Geometry, muscle: Muscle, tp: TriggerPoint, marker: Marker
) -> str | None:
    hit = geometry[marker.view].region_at(marker.x, marker.y)
    if hit is None:
        return f"{_where(muscle, tp, marker)} is over no region"
    area = atlas.regions[hit[0]].parent
    if area == muscle.area or frozenset({area, muscle.area}) in ADJACENT_AREAS:
        return None
    if area in EXTRA_AREAS.get(muscle.id, ()):
        return None
    return f"{_where(muscle, tp, marker)} is over {hit[0]} ({area}), far from the muscle's area {muscle.area}"


def wrong_side_of_arm(geometry: Geometry, muscle: Muscle, tp: TriggerPoint, marker: Marker) -> str | None:
    """Arm muscles on the arm, everything else off it: in the lateral view the arm covers the chest."""
    view = geometry[marker.view]
    if marker.view != "lateral":
        return None
    on_arm = point_in_polygon(view.outline[1], marker.x, marker.y)
    belongs = muscle.area == ARM or muscle.id in OVER_THE_HUMERUS
    if on_arm and not belongs:
        return f"{_where(muscle, tp, marker)} is on the arm, which hangs in front of the chest there"
    if belongs and not on_arm:
        return f"{_where(muscle, tp, marker)} is beside the arm, not on it"
    return None


def _markers(muscle: Muscle) -> list[tuple[TriggerPoint, Marker]]:
    return [(tp, marker) for tp in muscle.trigger_points for marker in tp.markers]


MUSCLE_IDS = sorted(_atlas().muscles)


def test_the_drawing_and_the_atlas_are_there() -> None:
    assert len(MUSCLE_IDS) > 100
    assert {"anterior", "posterior", "lateral"} <= set(_geometry().views)
    assert len(_geometry()["lateral"].outline) == 2, "the lateral view should draw the arm as its own outline"


@pytest.mark.parametrize("muscle_id", MUSCLE_IDS)
def test_markers_lie_inside_the_figure(muscle_id: str) -> None:
    muscle, geometry = _atlas().muscles[muscle_id], _geometry()
    problems = [outside_figure(geometry, muscle, tp, marker) for tp, marker in _markers(muscle)]
    assert [p for p in problems if p] == []


@pytest.mark.parametrize("muscle_id", MUSCLE_IDS)
def test_markers_sit_over_the_muscles_body_area(muscle_id: str) -> None:
    atlas, geometry = _atlas(), _geometry()
    muscle = atlas.muscles[muscle_id]
    problems = [wrong_body_area(atlas, geometry, muscle, tp, marker) for tp, marker in _markers(muscle)]
    problems += [wrong_side_of_arm(geometry, muscle, tp, marker) for tp, marker in _markers(muscle)]
    assert [p for p in problems if p] == []


@pytest.mark.parametrize(
    ("muscle_id", "tp_id", "view", "x", "y", "expected"),
    [
        # Positions authors used before the drawing existed; the checks must catch each kind.
        ("sternocleidomastoid", "tp5", "anterior", 165, 128, "outside the drawn figure"),
        ("abductor_hallucis", "tp1", "foot_dorsal", 128, 285, "outside the drawn figure"),
        ("brachialis", "tp1", "lateral", 207, 325, "beside the arm"),
        ("internal_intercostals", "tp1", "lateral", 240, 300, "on the arm"),
        ("serratus_anterior", "tp1", "lateral", 202, 262, "on the arm"),
        ("gluteus_maximus", "tp1", "anterior", 200, 60, "far from the muscle's area"),
        ("temporalis", "tp1", "posterior", 250, 700, "far from the muscle's area"),
    ],
)
def test_the_checks_catch_misplaced_markers(
    muscle_id: str, tp_id: str, view: str, x: float, y: float, expected: str
) -> None:
    atlas, geometry = _atlas(), _geometry()
    muscle = atlas.muscles[muscle_id]
    tp = next(tp for tp in muscle.trigger_points if tp.id == tp_id)
    marker = Marker(view, x, y)
    found = [
        outside_figure(geometry, muscle, tp, marker),
        wrong_body_area(atlas, geometry, muscle, tp, marker),
        wrong_side_of_arm(geometry, muscle, tp, marker),
    ]
    assert any(p and expected in p and f"{muscle_id}/{tp_id} {view}" in p for p in found), found
