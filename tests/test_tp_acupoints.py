"""The trigger-point link: classical points near each trigger point, measured on the chart, and
whether the point's channel runs through the trigger point's referral zone."""

from __future__ import annotations

import dataclasses
from functools import cache
from types import MappingProxyType

import pytest

from studyapp.bodychart.geometry import Geometry, RegionShape, ViewGeometry
from studyapp.bodychart.tp_acupoints import (
    CM_PER_UNIT,
    CORRESPONDING_CM,
    NEAR_CM,
    STUDIES,
    TpAcupointLinks,
    build_links,
    channel_pathway_regions,
    distances,
)
from studyapp.content.acupoints import Channel, Point, PointAtlas, PointNeedling, Structures
from studyapp.content.loader import load_atlas
from studyapp.content.model import Marker


@cache
def _links() -> TpAcupointLinks:
    return build_links(load_atlas().atlas)


def _pair(muscle: str, tp: str, code: str) -> tuple[float, bool, bool]:
    link = next(k for k in _links().nearest_points(muscle, tp, limit=99) if k.code == code)
    return link.cm, link.corresponds, link.channel_match


def test_distance_is_measured_on_shared_views_and_converted_with_the_view_scale() -> None:
    tp = (Marker("posterior", 200, 500), Marker("lateral", 100, 100))
    point = (Marker("posterior", 200, 596), Marker("anterior", 10, 10))
    found = distances(tp, point)
    assert [d.view for d in found] == ["posterior"]  # the anterior and lateral markers have no partner
    assert found[0].units == 96
    assert found[0].cm == pytest.approx(17.0)  # 960 units are the 170 cm figure
    assert CM_PER_UNIT["hand_dorsal"] < CM_PER_UNIT["head_front"] < CM_PER_UNIT["posterior"]


@pytest.mark.parametrize(
    ("muscle", "tp", "code", "runs_through"),
    [
        ("dorsal_interossei_hand", "tp1", "LI4", True),  # first dorsal interosseous, web of the thumb
        ("tibialis_anterior", "tp1", "ST36", True),  # ST runs down the shin to the front of the ankle
        ("trapezius_upper", "tp1", "GB21", True),  # GB runs up the side of the neck to the temple
        ("gluteus_minimus", "anterior", "GB29", True),  # GB runs down the side of the thigh
        ("deltoid", "tp1", "LI15", True),
        # the infraspinatus pattern is at the front of the shoulder; SI runs over the back of it
        ("infraspinatus", "tp1", "SI11", False),
    ],
)
def test_the_pairs_the_literature_names_correspond_and_the_channel_match_follows_the_chart(
    muscle: str, tp: str, code: str, runs_through: bool
) -> None:
    cm, corresponds, channel_match = _pair(muscle, tp, code)
    assert cm <= CORRESPONDING_CM and corresponds
    assert channel_match is runs_through


def test_each_trigger_points_points_are_in_its_muscle_and_nearest_first() -> None:
    links = _links()
    atlas = links.atlas
    listed = 0
    for muscle in atlas.muscles.values():
        for tp in muscle.trigger_points:
            found = links.nearest_points(muscle.id, tp.id)
            listed += bool(found)
            assert [k.cm for k in found] == sorted(k.cm for k in found)
            for link in found:
                assert muscle.id in links.points.points[link.code].structures.muscles
                assert link.same_muscle and link.distances
    assert listed > atlas.trigger_point_count() * 0.7


def test_an_extra_point_never_matches_by_channel() -> None:
    extra = [k for k in _links().all_links() if k.channel == "EX"]
    assert extra and not any(k.channel_match for k in extra)


def test_a_point_lists_the_trigger_points_near_it_from_any_muscle() -> None:
    near = _links().near_point("GB30")
    assert near and all(k.cm <= NEAR_CM for k in near)
    assert {k.muscle_id for k in near if k.same_muscle} >= {"quadratus_femoris", "piriformis"}
    # a trigger point of a muscle the point record does not list is still shown as near
    assert any(not k.same_muscle for k in near)
    assert [k.cm for k in near] == sorted(k.cm for k in near)
    wider = _links().near_point("GB30", radius_cm=10)
    assert len(wider) > len(near)
    assert _links().muscles_under("GB30") == _links().points.points["GB30"].structures.muscles
    assert _links().near_point("XX99") == _links().near_point("XX99", radius_cm=9) == []
    assert _links().muscles_under("XX99") == () and _links().nearest_points("nobody", "tp1") == []


def test_pairs_by_area_hold_only_corresponding_pairs_with_the_studies_as_sources() -> None:
    links = _links()
    areas = links.pairs_by_area()
    assert [a.area for a in areas] == sorted(
        (a.area for a in areas), key=lambda area: links.atlas.areas[area].order
    )
    pairs = [k for a in areas for k in a.pairs]
    assert len(pairs) == links.summary()["pairs_within_2cm"]
    for area in areas:
        assert {s.id for s in area.sources} >= {"melzack1977", "birch2003", "dorsher2008"}
        for link in area.pairs:
            assert link.corresponds and links.atlas.muscles[link.muscle_id].area == area.area
    assert {s.id for s in STUDIES} >= {"dorsher_fleckenstein2009"}


def _point(code: str, channel: str, number: int, *markers: Marker) -> Point:
    return Point(
        code=code,
        channel=channel,
        number=number,
        pinyin="",
        han="",
        english="",
        location="",
        structures=Structures(("m",), (), ("n",), ("v",)),
        needling=PointNeedling("perpendicular", "0.5 cun", ("c",)),
        categories=(),
        markers=markers,
        sources=(),
    )


def _square(region: str, x0: float, x1: float) -> RegionShape:
    return RegionShape.of(region, "right", [(x0, 0), (x1, 0), (x1, 100), (x0, 100)])


def test_the_pathway_counts_regions_between_points_not_only_under_them() -> None:
    """A channel's line crosses the middle region although no point of it lies there."""
    view = ViewGeometry(
        "anterior", 300, 100, (), (), (_square("a", 0, 100), _square("b", 100, 200), _square("c", 200, 300))
    )
    geometry = Geometry(MappingProxyType({"anterior": view}))
    first = _point("XX1", "LU", 1, Marker("anterior", 50, 50))
    second = _point("XX2", "LU", 2, Marker("anterior", 250, 50))
    lonely = _point("XX3", "LI", 1, Marker("anterior", 150, 50))
    points = PointAtlas(
        {p.code: p for p in (first, second, lonely)},
        {
            "LU": Channel("LU", "Lung", "", "", ("XX1", "XX2")),
            "LI": Channel("LI", "Large intestine", "", "", ("XX3",)),
        },
    )
    regions = channel_pathway_regions(points, geometry)
    assert regions["LU"] == {"a", "b", "c"}
    assert regions["LI"] == {"b"}  # a point with no drawn neighbour counts its own region
    # without the first point the line is gone: only the second point's region is left
    alone = dataclasses.replace(points, channels={"LU": Channel("LU", "Lung", "", "", ("XX2",))})
    assert channel_pathway_regions(alone, geometry)["LU"] == {"c"}


def test_the_json_export_adds_the_link_under_new_keys_and_keeps_every_other_key() -> None:
    from studyapp.content.acupoints_export import add_acupoints, atlas_with_points
    from studyapp.content.export import atlas_to_dict

    links = _links()
    plain = add_acupoints(atlas_to_dict(links.atlas), links.points)
    data = atlas_with_points(links.atlas, links.points)
    assert set(data) == set(plain) | {"tp_acupoint_link"}
    for before, after in zip(plain["muscles"], data["muscles"], strict=True):
        for tp_before, tp_after in zip(before["trigger_points"], after["trigger_points"], strict=True):
            assert set(tp_after) == set(tp_before) | {"nearby_points"}
    tibialis = next(m for m in data["muscles"] if m["id"] == "tibialis_anterior")
    nearest = tibialis["trigger_points"][0]["nearby_points"][0]
    assert nearest["code"] == "ST36" and nearest["corresponds"] and nearest["cm"] <= CORRESPONDING_CM
    for before, after in zip(plain["acupoints"], data["acupoints"], strict=True):
        assert set(after) == set(before) | {"near_trigger_points"}
    gb21 = next(p for p in data["acupoints"] if p["code"] == "GB21")
    assert gb21["near_trigger_points"][0] == {
        "muscle": "trapezius_upper",
        "trigger_point": "tp1",
        "cm": pytest.approx(0.95, abs=0.1),
        "view": "anterior",
        "same_muscle": True,
    }
    assert data["tp_acupoint_link"]["corresponding_cm"] == CORRESPONDING_CM
    assert {s["id"] for s in data["tp_acupoint_link"]["sources"]} >= {"melzack1977", "birch2003"}
