"""The overlay model: colours, trigger-point toggles, sides and what gets drawn where, without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.bodychart.overlay import (
    OKABE_ITO,
    PALETTE,
    PANEL_GAP,
    SINGLE_COLOUR,
    Change,
    OverlayModel,
    Side,
)
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from tests.helpers.atlas_files import make_root, muscle, trigger_point, write_muscle


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    root = make_root(tmp_path)
    write_muscle(
        root,
        muscle(
            id="gluteus_minimus",
            name="Gluteus minimus",
            aliases=[],
            trigger_points=[
                trigger_point(
                    "tp1",
                    ["greater_trochanter"],
                    ["lateral_thigh_upper"],
                    {"lateral": [220, 480], "posterior": [260, 470]},
                ),
                trigger_point(
                    "tp2", ["buttock_lower_medial"], ["greater_trochanter"], {"posterior": [250, 471]}
                ),
            ],
        ),
    )
    for i, mid in enumerate(
        [
            "piriformis",
            "gluteus_medius",
            "vastus_lateralis",
            "sartorius",
            "gracilis",
            "pectineus",
            "adductor_longus",
            "rectus_femoris",
        ]
    ):
        write_muscle(
            root,
            muscle(
                id=mid,
                name=mid.replace("_", " ").capitalize(),
                aliases=[],
                trigger_points=[trigger_point("tp1", ["lateral_hip"], [], {"posterior": [210 + i, 500]})],
            ),
        )
    result = load_atlas(root)
    assert result.ok, result.problems
    return result.atlas


def test_a_single_muscle_is_vermillion_red(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    assert model.colour_of("gluteus_minimus") == SINGLE_COLOUR == OKABE_ITO["vermillion"]


def test_compared_muscles_get_distinct_okabe_ito_colours_that_stay_put(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    model.add("piriformis")
    model.add("gluteus_medius")
    colours = [model.colour_of(m) for m in model.shown_ids()]
    assert colours == [SINGLE_COLOUR, OKABE_ITO["sky blue"], OKABE_ITO["bluish green"]]
    model.remove("piriformis")
    assert model.colour_of("gluteus_minimus") == SINGLE_COLOUR
    assert model.colour_of("gluteus_medius") == OKABE_ITO["bluish green"]
    model.add("vastus_lateralis")  # takes the freed colour
    assert model.colour_of("vastus_lateralis") == OKABE_ITO["sky blue"]
    assert len({s.hatch_angle for s in model.shown}) == 3
    assert "#000000" not in PALETTE  # black disappears on the dark theme


def test_more_muscles_than_colours_still_get_a_colour(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.set_muscles(list(atlas.muscles))
    assert len(model.shown) == 9
    assert all(s.colour in PALETTE for s in model.shown)
    assert len({s.colour for s in model.shown[: len(PALETTE)]}) == len(PALETTE)


def test_zones_list_spillover_before_essential_so_essential_paints_on_top(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    zones = model.zones()
    assert [(z.region, z.essential, z.tp_id) for z in zones] == [
        ("lateral_thigh_upper", False, "tp1"),
        ("greater_trochanter", False, "tp2"),
        ("greater_trochanter", True, "tp1"),
        ("buttock_lower_medial", True, "tp2"),
    ]
    assert {z.colour for z in zones} == {SINGLE_COLOUR}


def test_hiding_a_trigger_point_removes_its_zones_and_marker(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    changes: list[Change] = []
    model.subscribe(changes.append)
    model.show("gluteus_minimus")
    model.set_tp_visible("gluteus_minimus", "tp1", False)
    assert {z.tp_id for z in model.zones()} == {"tp2"}
    assert [m.tp_id for m in model.markers("posterior", one_sided=False)] == ["tp2"]
    assert model.markers("lateral", one_sided=True) == []
    model.set_tp_visible("gluteus_minimus", "tp1", False)  # no change, no event
    model.set_tp_visible("gluteus_minimus", "tp1", True)
    assert changes == [Change.MUSCLES, Change.VISIBILITY, Change.VISIBILITY]
    model.show_only_tp("gluteus_minimus", "tp2")
    assert not model.is_tp_visible("gluteus_minimus", "tp1")
    with pytest.raises(KeyError):
        model.set_tp_visible("gluteus_minimus", "tp9", True)


def test_left_side_mirrors_markers_on_two_sided_views(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    model.set_tp_visible("gluteus_minimus", "tp2", False)
    assert [(m.x, m.y, m.side) for m in model.markers("posterior", False)] == [(260, 470, "right")]
    model.set_side(Side.LEFT)
    assert [(m.x, m.side) for m in model.markers("posterior", False)] == [(140, "left")]
    (panel,) = model.panels("posterior", one_sided=False)
    assert panel.draw_sides == {"left", "midline"} and not panel.mirrored
    model.set_side("both")
    assert sorted((m.x, m.side) for m in model.markers("posterior", False)) == [(140, "left"), (260, "right")]
    assert model.panels("posterior", False)[0].draw_sides == {"left", "right", "midline"}


def test_one_sided_views_are_mirrored_whole_or_drawn_twice(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    (right,) = model.panels("lateral", one_sided=True)
    assert (right.side_label, right.mirrored, right.offset) == ("Right", False, 0)
    model.set_side(Side.LEFT)
    (left,) = model.panels("lateral", one_sided=True)
    assert (left.side_label, left.mirrored) == ("Left", True)
    assert [(m.x, m.side) for m in model.markers("lateral", True)] == [(180, "left")]
    model.set_side(Side.BOTH)
    panels = model.panels("lateral", one_sided=True)
    assert [(p.side_label, p.mirrored, p.offset) for p in panels] == [
        ("Right", False, 0),
        ("Left", True, 400 + PANEL_GAP),
    ]
    assert model.scene_width("lateral", True) == 800 + PANEL_GAP
    xs = sorted(m.x for m in model.markers("lateral", True))
    assert xs == [220, 400 + PANEL_GAP + 180]


def test_opacity_is_clamped_and_only_real_changes_notify(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    changes: list[Change] = []
    unsubscribe = model.subscribe(changes.append)
    model.set_opacity(3)
    assert model.opacity == 1.0
    model.set_opacity(0)
    assert model.opacity > 0.1  # never invisible by accident
    model.set_side(Side.RIGHT)  # already right
    unsubscribe()
    model.set_opacity(0.5)
    assert changes == [Change.OPACITY, Change.OPACITY]


def test_unknown_muscle_is_refused(atlas: Atlas) -> None:
    with pytest.raises(KeyError, match="unknown muscle id 'nope'"):
        OverlayModel(atlas).show("nope")


def test_views_with_zones_points_to_where_the_pattern_is_drawn(atlas: Atlas) -> None:
    model = OverlayModel(atlas)
    model.show("gluteus_minimus")
    assert model.views_with_zones()[0] == "lateral"  # greater trochanter twice + lateral thigh
    assert set(model.views_with_zones()) == {"lateral", "posterior"}
