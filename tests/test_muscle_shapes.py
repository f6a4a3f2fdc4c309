"""Each atlas muscle is drawn where it lies: shapes load, sit inside the figure and cover the muscle's
own trigger points; bad shape data is reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.bodychart.geometry import load_geometry
from studyapp.bodychart.muscle_shapes import (
    inside_figure,
    load_muscle_shapes,
    shapes_for,
)
from studyapp.content.loader import load_atlas

# A trigger point may sit this far (view units) outside its muscle's drawn outline: markers are
# placed by hand from the manuals' figures and outlines are drawn at the figure's scale (a whole-body
# view is 1000 units tall, so 6 units is about 1 cm on a 170 cm person; close-ups are 2.8x larger).
# Authors may put an attachment up to FIGURE_TOLERANCE (4 units) outside the skin line; the loader
# moves overshooting outline points back onto the skin, so a drawn muscle never leaves the figure by
# more than rounding (the skin test works on unit rows and columns).
SKIN_TOLERANCE = 1.0
MARKER_TOLERANCE = {"anterior": 6.0, "posterior": 6.0, "lateral": 6.0}
CLOSE_UP_TOLERANCE = 12.0


@pytest.fixture(scope="module")
def atlas():  # type: ignore[no-untyped-def]
    return load_atlas().atlas


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    shapes, problems = load_muscle_shapes()
    assert [str(p) for p in problems] == []
    return shapes


def test_every_atlas_muscle_is_drawn_on_at_least_one_view(atlas, bundled) -> None:  # type: ignore[no-untyped-def]
    missing = sorted(m for m in atlas.muscles if not bundled.shapes_for(m))
    assert missing == []


def test_shapes_for_gives_path_depth_and_attachments() -> None:
    shapes = shapes_for("gluteus_medius")
    assert {"posterior", "lateral"} <= set(shapes)
    lateral = shapes["lateral"]
    assert lateral.depth in ("superficial", "deep")
    assert lateral.path.startswith("M ") and lateral.path.endswith("Z")
    assert lateral.origin and lateral.insertion
    assert shapes_for("no_such_muscle") == {}


def test_every_shape_lies_within_its_figure(bundled) -> None:  # type: ignore[no-untyped-def]
    geometry = load_geometry()
    outside = [
        f"{shape.source} {shape.muscle} {shape.view} ({x:g}, {y:g})"
        for views in bundled.by_muscle.values()
        for shape in views.values()
        for x, y in shape.points
        if not inside_figure(geometry[shape.view], (x, y), SKIN_TOLERANCE)
    ]
    assert outside == []


def test_trigger_points_lie_on_their_muscle(atlas, bundled) -> None:  # type: ignore[no-untyped-def]
    off = []
    for muscle in atlas.muscles.values():
        views = bundled.shapes_for(muscle.id)
        for tp in muscle.trigger_points:
            for marker in tp.markers:
                shape = views.get(marker.view)
                if shape is None or tp.id in shape.off_shape:
                    continue
                limit = MARKER_TOLERANCE.get(marker.view, CLOSE_UP_TOLERANCE)
                gap = shape.distance(marker.x, marker.y)
                if gap > limit:
                    off.append(f"{shape.source} {muscle.id} {tp.id} on {marker.view}: {gap:.1f} units off")
    assert off == []


def test_listed_exceptions_name_real_trigger_points(atlas, bundled) -> None:  # type: ignore[no-untyped-def]
    unknown = [
        f"{shape.source} {muscle_id} {tp_id}"
        for muscle_id, views in bundled.by_muscle.items()
        for shape in views.values()
        for tp_id in shape.off_shape
        if tp_id not in {tp.id for tp in atlas.muscles[muscle_id].trigger_points}
    ]
    assert unknown == []


def test_superficial_and_deep_are_both_used(bundled) -> None:  # type: ignore[no-untyped-def]
    depths = {shape.depth for views in bundled.by_muscle.values() for shape in views.values()}
    assert depths == {"superficial", "deep"}


def test_a_generated_belly_is_widest_in_the_middle_and_tapers_to_its_tendons() -> None:
    from studyapp.bodychart.muscle_shapes import generated_outline

    points = generated_outline([(200.0, 100.0)], [(200.0, 300.0)], 20.0)

    def half_width(y: float) -> float:
        xs = [x for x, py in points if abs(py - y) < 2]
        return (max(xs) - min(xs)) / 2

    assert half_width(200) > 18
    assert half_width(101) < 4 and half_width(299) < 4


def shape_file(
    muscle: str = "gluteus_medius",
    view: str = "posterior",
    depth: str = "deep",
    origin: str = "[[230, 450]]",
    last: str = "width: 2",
) -> str:
    """One shape entry: the muscle id is on line 3, the view on 4, depth 5, origin 6, `last` 8."""
    return (
        f"schema: 1\nmuscles:\n  {muscle}:\n    {view}:\n      depth: {depth}\n      origin: {origin}\n"
        f"      insertion: [[280, 490]]\n      {last}\n"
    )


BAD = {
    "unknown muscle": (shape_file(muscle="no_such_muscle"), 3, "muscles.no_such_muscle", "unknown muscle id"),
    "unknown view": (shape_file(view="dorsal"), 4, "muscles.gluteus_medius.dorsal", "unknown view"),
    "outside the figure": (
        shape_file(origin="[[5, 5]]"),
        6,
        "muscles.gluteus_medius.posterior.origin",
        "outside the figure",
    ),
    "open path": (
        shape_file(last="path: M 230 450 L 280 490 L 250 470"),
        8,
        "muscles.gluteus_medius.posterior.path",
        "not closed",
    ),
    "bad depth": (
        shape_file(depth="middling"),
        5,
        "muscles.gluteus_medius.posterior.depth",
        "superficial, deep",
    ),
    "copy without a map": (
        shape_file(view="posterior") + "    lateral: {same_as: hand_dorsal}\n",
        9,
        "muscles.gluteus_medius.lateral.same_as",
        "no figure map",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_shape_data_names_file_line_and_field(tmp_path: Path, case: str) -> None:
    text, line, field, words = BAD[case]
    (tmp_path / "hip.yaml").write_text(text, encoding="utf-8")
    shapes, problems = load_muscle_shapes(tmp_path, muscle_ids={"gluteus_medius"})
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file.endswith("hip.yaml")
    assert (problem.line, problem.field) == (line, field)
    assert words in problem.message
    assert "posterior" not in shapes.shapes_for("gluteus_medius") or case == "copy without a map"


def test_a_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "hip.yaml").write_text(shape_file(), encoding="utf-8")
    shapes, problems = load_muscle_shapes(tmp_path, muscle_ids={"gluteus_medius"})
    assert problems == []
    assert set(shapes.shapes_for("gluteus_medius")) == {"posterior"}


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "hip.yaml").write_text("schema: 1\nmuscles: [unclosed\n", encoding="utf-8")
    _, problems = load_muscle_shapes(tmp_path, muscle_ids={"gluteus_medius"})
    assert len(problems) == 1 and "not valid YAML" in problems[0].message


def test_close_up_maps_are_the_figure_generators_own() -> None:
    """A head muscle copied onto a whole-body view lands where the generator drew that head."""
    import sys

    from studyapp.bodychart.muscle_shapes import CLOSE_UP_MAPS

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools" / "bodychart"))
    try:
        from chartgen import body, head_side  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    expected = {("anterior", "head_front"): body.HEAD_MAP, ("lateral", "head_side"): head_side.LATERAL_MAP}
    assert set(CLOSE_UP_MAPS) == set(expected)
    for pair, affine in expected.items():
        assert CLOSE_UP_MAPS[pair] == pytest.approx(tuple(affine))


def test_a_copied_head_shape_follows_its_close_up() -> None:
    masseter = shapes_for("masseter")
    close_up, body_view = masseter["head_side"], masseter["lateral"]
    assert len(close_up.points) == len(body_view.points)
    # The body view's head is the close-up at 120/340 of its size: so is the muscle.
    width = close_up.bbox[2] - close_up.bbox[0]
    assert body_view.bbox[2] - body_view.bbox[0] == pytest.approx(width * 120 / 340, abs=0.05)
    assert body_view.depth == close_up.depth


def test_same_as_needs_a_shape_to_copy(tmp_path: Path) -> None:
    text = "schema: 1\nmuscles:\n  masseter:\n    lateral: {same_as: head_side}\n"
    (tmp_path / "head.yaml").write_text(text, encoding="utf-8")
    shapes, problems = load_muscle_shapes(tmp_path, muscle_ids={"masseter"})
    assert shapes.by_muscle == {}
    assert [(p.line, p.field) for p in problems] == [(4, "muscles.masseter.lateral.same_as")]
    assert "no shape on 'head_side'" in problems[0].message


def test_the_json_export_lists_the_views_each_muscle_is_drawn_on(atlas) -> None:  # type: ignore[no-untyped-def]
    from studyapp.content.export import atlas_to_dict

    exported = {m["id"]: m for m in atlas_to_dict(atlas)["muscles"]}
    assert set(exported["gluteus_medius"]["shape_views"]) == set(shapes_for("gluteus_medius"))
    assert all(m["shape_views"] for m in exported.values())
