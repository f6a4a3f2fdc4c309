"""The bundled body chart: every catalogue region is drawn where it should be, and points land right.

Checks the generated resources/bodychart/geometry.json against regions.yaml (the contract content is
written against) and against the generator in tools/bodychart (the file must be up to date).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studyapp.bodychart.geometry import (
    Geometry,
    GeometryError,
    ViewGeometry,
    contains,
    load_geometry,
    parse_geometry,
    region_at,
)
from studyapp.content.loader import load_atlas
from studyapp.content.model import Region
from studyapp.paths import resource

ROOT = Path(__file__).resolve().parents[1]
# Views that show one side of the body only (COMMON.md): the left side is the whole view mirrored.
ONE_SIDED = {"lateral", "head_side", "hand_dorsal", "hand_palmar", "foot_dorsal", "foot_plantar"}
SIZES = {"anterior": (400, 1000), "posterior": (400, 1000), "lateral": (400, 1000)}
ALL_VIEWS = [*SIZES, "head_front", "head_side", "hand_dorsal", "hand_palmar", "foot_dorsal", "foot_plantar"]


@pytest.fixture(scope="module")
def geometry() -> Geometry:
    return load_geometry()


@pytest.fixture(scope="module")
def regions() -> dict[str, Region]:
    return load_atlas().atlas.regions


def _views_of(region: Region) -> list[str]:
    return [region.view, *region.also_in]


def test_all_nine_views_are_drawn_at_their_size(geometry: Geometry) -> None:
    assert set(geometry.views) == set(ALL_VIEWS)
    for view_id, view in geometry.views.items():
        assert (view.width, view.height) == SIZES.get(view_id, (400, 400))
        assert view.outline and view.contours and view.regions
        assert view.one_sided == (view_id in ONE_SIDED)


def test_every_catalogue_region_is_drawn_in_its_views_on_the_right_sides(
    geometry: Geometry, regions: dict[str, Region]
) -> None:
    missing = []
    for region in regions.values():
        for view_id in _views_of(region):
            drawn = {shape.side for shape in geometry[view_id].shapes_of(region.id)}
            if region.side == "midline":
                expected = {"midline"}
            else:
                expected = {"right"} if view_id in ONE_SIDED else {"right", "left"}
            if drawn != expected:
                missing.append(f"{view_id}: {region.id} drawn {sorted(drawn)}, expected {sorted(expected)}")
    assert missing == []


def test_every_drawn_region_is_in_the_catalogue(geometry: Geometry, regions: dict[str, Region]) -> None:
    unknown = {
        (v, s.region) for v, view in geometry.views.items() for s in view.regions if s.region not in regions
    }
    assert unknown == set()
    wrong_side = [
        (view_id, shape.region, shape.side)
        for view_id, view in geometry.views.items()
        for shape in view.regions
        if (shape.side == "midline") != (regions[shape.region].side == "midline")
    ]
    assert wrong_side == []


def test_bilateral_regions_are_mirror_images_in_two_sided_views(geometry: Geometry) -> None:
    for view_id in ("anterior", "posterior", "head_front"):
        view = geometry[view_id]
        for region_id in view.region_ids():
            right = [s.bbox for s in view.shapes_of(region_id) if s.side == "right"]
            left = [s.bbox for s in view.shapes_of(region_id) if s.side == "left"]
            assert len(right) == len(left), (view_id, region_id)
            mirrored = sorted((400 - x1, y0, 400 - x0, y1) for x0, y0, x1, y1 in right)
            for a, b in zip(sorted(left), mirrored, strict=True):
                assert a == pytest.approx(b, abs=0.25), (view_id, region_id)


def test_patients_right_is_on_the_side_the_brief_says(geometry: Geometry) -> None:
    def centre_x(view_id: str, region_id: str, side: str) -> float:
        (shape,) = [s for s in geometry[view_id].shapes_of(region_id) if s.side == side]
        return (shape.bbox[0] + shape.bbox[2]) / 2

    assert centre_x("anterior", "patella", "right") < 200 < centre_x("anterior", "patella", "left")
    assert centre_x("posterior", "calf_upper", "right") > 200 > centre_x("posterior", "calf_upper", "left")
    assert centre_x("head_front", "cheek", "right") < 200
    # close-ups: thumb on the viewer's left on the back of the hand, right on the palm; big toe likewise
    assert (
        centre_x("hand_dorsal", "thumb_dorsal", "right")
        < 200
        < centre_x("hand_palmar", "thumb_palmar", "right")
    )
    assert (
        centre_x("foot_dorsal", "big_toe_dorsal", "right")
        < 200
        < centre_x("foot_plantar", "big_toe_plantar", "right")
    )
    # lateral and head_side face +x
    assert centre_x("lateral", "patella", "right") > centre_x("lateral", "popliteal_fossa", "right")
    assert centre_x("head_side", "nose_side", "right") > centre_x("head_side", "occiput_lateral", "right")


def test_every_polygon_lies_inside_its_view_box(geometry: Geometry) -> None:
    for view_id, view in geometry.views.items():
        lines = [*view.outline, *view.contours, *(s.points for s in view.regions)]
        for line in lines:
            for x, y in line:
                assert 0 <= x <= view.width and 0 <= y <= view.height, (view_id, x, y)


def _grid(view: ViewGeometry, step: float) -> Iterator[tuple[float, float]]:
    y = step * 0.37
    while y < view.height:
        x = step * 0.61
        while x < view.width:
            yield x, y
            x += step
        y += step


@pytest.mark.parametrize("view_id", ALL_VIEWS)
def test_regions_tile_the_silhouette(geometry: Geometry, view_id: str) -> None:
    """A patient can point anywhere on the figure and hit exactly one region."""
    view = geometry[view_id]
    step = 5.0 if view.height > 400 else 3.0
    inside = gaps = overlaps = stray = 0
    for x, y in _grid(view, step):
        hits = sum(1 for s in view.regions if s.contains(x, y))
        if contains(view, x, y):
            inside += 1
            gaps += hits == 0
            overlaps += hits > 1
        elif hits:
            stray += 1
    assert inside > 500
    assert gaps / inside < 0.01, f"{gaps} of {inside} points inside the figure hit no region"
    assert overlaps / inside < 0.01, f"{overlaps} of {inside} points hit two regions"
    assert stray / inside < 0.01, f"{stray} region points fall outside the silhouette"


@pytest.mark.parametrize(
    ("view_id", "x", "y", "expected"),
    [
        ("anterior", 162, 729, ("patella", "right")),  # x < 200 is the patient's right
        ("anterior", 238, 729, ("patella", "left")),
        ("anterior", 200, 380, ("umbilicus", "midline")),
        ("anterior", 200, 250, ("sternum_lower", "midline")),
        ("anterior", 160, 240, ("pectoral", "right")),
        ("anterior", 162, 570, ("anterior_thigh_upper", "right")),
        ("anterior", 200, 60, ("forehead", "midline")),
        ("posterior", 287, 500, ("greater_trochanter", "right")),  # x > 200 is the patient's right
        ("posterior", 113, 500, ("greater_trochanter", "left")),
        ("posterior", 200, 465, ("sacrum", "midline")),
        ("posterior", 260, 230, ("infraspinous", "right")),
        ("posterior", 361, 352, ("lateral_epicondyle", "right")),  # outer side of the elbow
        ("posterior", 343, 352, ("olecranon", "right")),
        ("posterior", 228, 790, ("calf_medial", "right")),
        ("lateral", 200, 505, ("greater_trochanter", "right")),
        ("lateral", 200, 300, ("lateral_chest", "right")),
        ("lateral", 210, 560, ("lateral_thigh_upper", "right")),
        ("lateral", 198, 945, ("lateral_malleolus", "right")),
        ("head_front", 150, 200, ("behind_eye", "right")),
        ("head_side", 176, 236, ("ear", "right")),
        ("hand_dorsal", 135, 265, ("thumb_web", "right")),
        ("hand_palmar", 110, 300, ("hypothenar_eminence", "right")),
        ("foot_plantar", 200, 360, ("heel_plantar", "right")),
    ],
)
def test_region_at_finds_the_anatomy(
    geometry: Geometry, view_id: str, x: float, y: float, expected: tuple[str, str]
) -> None:
    assert region_at(geometry[view_id], x, y) == expected


def test_outside_the_figure_is_no_region(geometry: Geometry) -> None:
    anterior = geometry["anterior"]
    for x, y in ((5, 5), (200, 600), (95, 300)):  # corner, between the legs, between arm and trunk
        assert region_at(anterior, x, y) is None
        assert not contains(anterior, x, y)
    assert contains(anterior, 200, 300) and anterior.region_at(200, 300) is not None


def test_small_landmarks_win_over_the_region_around_them(geometry: Geometry) -> None:
    """The navel is drawn inside the abdomen: pointing at it must give the navel, not the belly."""
    view = geometry["anterior"]
    (navel,) = view.shapes_of("umbilicus")
    assert navel.area < min(s.area for s in view.shapes_of("mid_abdomen"))
    assert view.region_at(200, 380) == ("umbilicus", "midline")


def test_malformed_geometry_is_reported_clearly(tmp_path: Path) -> None:
    with pytest.raises(GeometryError, match="views"):
        parse_geometry({})
    with pytest.raises(GeometryError, match="side"):
        parse_geometry(
            {"views": {"v": {"width": 1, "height": 1, "regions": [{"region": "x", "side": "up"}]}}}
        )
    bad = tmp_path / "geometry.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GeometryError, match="not valid JSON"):
        load_geometry(bad)
    assert load_geometry(tmp_path / "missing.json").views == {}


def _generator() -> Any:
    sys.path.insert(0, str(ROOT / "tools" / "bodychart"))
    try:
        from chartgen import build  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return build


def test_geometry_json_and_svgs_are_up_to_date_with_the_generator() -> None:
    build = _generator()
    geometry = build.build_geometry()
    assert build.problems(geometry) == []
    on_disk = resource("bodychart", "geometry.json").read_text(encoding="utf-8")
    assert on_disk == build.dumps(geometry), "run: .venv/bin/python tools/bodychart/generate.py"
    for view_id, view in geometry["views"].items():
        svg = resource("bodychart", f"{view_id}.svg").read_text(encoding="utf-8")
        assert svg == build.svg_for(view_id, view), f"{view_id}.svg is stale: run tools/bodychart/generate.py"
    assert json.loads(on_disk) == geometry


def test_svgs_name_every_region_and_qt_can_render_them(geometry: Geometry, qapp: Any) -> None:
    from PySide6.QtSvg import QSvgRenderer

    for view_id, view in geometry.views.items():
        path = resource("bodychart", f"{view_id}.svg")
        tree = ET.parse(path)
        ns = {"svg": "http://www.w3.org/2000/svg"}
        paths = tree.getroot().findall(".//svg:g[@id='regions']/svg:path", ns)
        assert len(paths) == len(view.regions)
        assert {(p.get("data-region"), p.get("data-side")) for p in paths} == {
            (s.region, s.side) for s in view.regions
        }
        ids = [p.get("id") for p in paths]
        assert len(set(ids)) == len(ids)
        assert all(str(p.get("id")).startswith(f"{p.get('data-region')}-{p.get('data-side')}") for p in paths)
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid(), view_id
        assert renderer.viewBoxF().width() == view.width


# The landmarks the body-chart issue names, and the catalogue ids that draw them (finer where the
# trigger-point literature needs it: the forearm and shin in thirds, the neck in upper and lower).
NAMED_LANDMARKS = {
    "temple": ["temple"], "eyebrow": ["eyebrow"], "behind the eye": ["behind_eye"], "occiput": ["occiput"],
    "vertex": ["vertex"], "angle of jaw": ["angle_of_jaw"], "upper molars": ["upper_molars"],
    "lower molars": ["lower_molars"], "teeth": ["upper_incisors", "lower_incisors"], "ear": ["ear"],
    "posterior neck": ["posterior_neck_upper", "posterior_neck_lower"], "suprascapular": ["suprascapular"],
    "medial scapular border": ["medial_scapular_border"], "anterior deltoid": ["anterior_deltoid"],
    "posterior deltoid": ["posterior_deltoid"], "lateral epicondyle": ["lateral_epicondyle"],
    "medial epicondyle": ["medial_epicondyle"],
    "dorsal forearm": ["forearm_dorsal_upper", "forearm_dorsal_lower"],
    "volar forearm": ["forearm_volar_upper", "forearm_volar_lower"], "dorsal wrist": ["dorsal_wrist"],
    "thenar eminence": ["thenar_eminence"], "thumb web": ["thumb_web"], "chest": ["pectoral", "upper_chest"],
    "lower abdomen": ["lower_abdomen"], "iliac crest": ["iliac_crest"],
    "lumbar paraspinal": ["lumbar_paraspinal"],
    "sacrum": ["sacrum"], "SI joint": ["si_joint"], "coccyx": ["coccyx"],
    "buttock": [f"buttock_{level}_{part}" for level in ("upper", "lower") for part in ("medial", "lateral")],
    "greater trochanter": ["greater_trochanter"], "groin": ["groin"],
    "thigh": [f"{side}_thigh_{third}" for side in ("anterior", "lateral", "medial", "posterior")
              for third in ("upper", "middle", "lower")],
    "patella": ["patella"], "medial knee": ["medial_knee"], "popliteal fossa": ["popliteal_fossa"],
    "calf": ["calf_upper", "calf_lower"], "shin": ["shin_upper", "shin_lower"],
    "lateral leg": ["lateral_leg_upper", "lateral_leg_lower"], "medial malleolus": ["medial_malleolus"],
    "lateral malleolus": ["lateral_malleolus"], "anterior ankle": ["anterior_ankle"], "heel": ["heel"],
    "dorsum of foot": ["dorsum_of_foot"], "arch": ["arch"], "forefoot": ["ball_of_foot", "dorsal_forefoot"],
    "toes": ["big_toe_dorsal", "lesser_toes_dorsal", "big_toe_plantar", "lesser_toes_plantar"],
}  # fmt: skip


def test_the_catalogue_has_200_regions_including_every_named_landmark(
    geometry: Geometry, regions: dict[str, Region]
) -> None:
    assert len(regions) >= 200
    drawn = {shape.region for view in geometry.views.values() for shape in view.regions}
    missing = {name: ids for name, ids in NAMED_LANDMARKS.items() if not set(ids) <= set(regions) & drawn}
    assert missing == {}
    assert all(region.side in {"left", "right", "midline", "bilateral"} for region in regions.values())
    assert not [r for r in regions if r.startswith(("left_", "right_")) or r.endswith(("_left", "_right"))]


def _svg_root(view_id: str) -> ET.Element:
    return ET.parse(resource("bodychart", f"{view_id}.svg")).getroot()


SVG_NS = {"svg": "http://www.w3.org/2000/svg"}


def _render(svg_text: str, width: int, height: int) -> Any:
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg_text.encode("utf-8"))).render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


@pytest.mark.parametrize("view_id", ALL_VIEWS)
def test_svgs_draw_no_region_grid_by_default(geometry: Geometry, view_id: str, qapp: Any) -> None:
    """The figure is skin, outline and a few landmark lines; region borders only show on demand."""
    regions = _svg_root(view_id).find("svg:g[@id='regions']", SVG_NS)
    assert regions is not None and len(regions) == len(geometry[view_id].regions)
    assert regions.get("stroke-opacity") == "0" and regions.get("fill") == "none"
    assert all(p.get("stroke") is None and p.get("style") is None for p in regions)
    # rendered, the SVG looks exactly as it does with the region layer taken out
    text = resource("bodychart", f"{view_id}.svg").read_text(encoding="utf-8")
    start, end = text.index('<g id="regions"'), text.index("</g>", text.index('<g id="regions"'))
    without = text[:start] + text[end + len("</g>") :]
    width, height = (200, 500) if view_id in SIZES else (200, 200)
    default = _render(text, width, height)
    assert default == _render(without, width, height)
    # ... and the borders are there for the UI to show (hover, picking): one attribute turns them on
    group = text[start : text.index(">", start)]
    shown = text.replace(group, group.replace('stroke-opacity="0"', 'stroke-opacity="1"'), 1)
    assert _render(shown, width, height) != default


# What students palpate on each whole-body view, as the landmarks layer names it.
PALPATED = {
    "anterior": {"clavicle", "sternocleidomastoid", "pectoral border", "deltoid", "costal margin",
                 "rectus abdominis", "umbilicus", "iliac crest", "inguinal fold", "greater trochanter",
                 "patella", "tibial crest", "lateral malleolus", "medial malleolus"},
    "posterior": {"scapular spine", "scapula", "trapezius", "spinous processes", "iliac crest", "sacrum",
                  "gluteal fold", "greater trochanter", "deltoid", "popliteal crease", "gastrocnemius",
                  "achilles tendon", "lateral malleolus", "medial malleolus"},
    "lateral": {"clavicle", "scapular spine", "deltoid", "iliac crest", "greater trochanter", "gluteal fold",
                "iliotibial band", "patella", "fibular head", "gastrocnemius", "achilles tendon",
                "lateral malleolus"},
}  # fmt: skip


@pytest.mark.parametrize("view_id", sorted(PALPATED))
def test_whole_body_views_draw_the_palpated_landmarks_as_their_own_light_layer(
    geometry: Geometry, view_id: str
) -> None:
    root = _svg_root(view_id)
    layer = root.find("svg:g[@id='landmarks']", SVG_NS)
    silhouette = root.find("svg:g[@id='silhouette']", SVG_NS)
    assert layer is not None and silhouette is not None
    names = {str(p.get("data-landmark")) for p in layer}
    assert PALPATED[view_id] <= names, sorted(PALPATED[view_id] - names)
    # lighter than the outline, so the outline and any referral zone stay the strongest lines
    assert float(str(layer.get("stroke-width"))) < float(str(silhouette.get("stroke-width")))
    view = geometry[view_id]
    points = [(float(x), float(y)) for p in layer for x, y in _path_points(str(p.get("d")))]
    outside = [pt for pt in points if not contains(view, *pt)]
    assert len(outside) <= len(points) * 0.01, outside[:5]
    # geometry.json names the same lines, so the app can draw them too
    raw = json.loads(resource("bodychart", "geometry.json").read_text(encoding="utf-8"))["views"][view_id]
    assert set(raw["landmarks"]) == names
    assert sum(len(ix) for ix in raw["landmarks"].values()) == len(layer)
    assert all(0 <= k < len(view.contours) for ix in raw["landmarks"].values() for k in ix)


def _path_points(d: str) -> list[tuple[str, str]]:
    import re

    return [(x, y) for x, y in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", d)]
