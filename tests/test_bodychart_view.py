"""The body chart on screen: zones change pixels, toggles remove them, clicks select, exports work.

Runs against a small synthetic figure (same JSON format as resources/bodychart/geometry.json) so
the test pins the widget's behaviour, not the drawing's artwork.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from studyapp.bodychart.overlay import SINGLE_COLOUR, Side
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_shapes import Drawing, drawings_from_json, hatch_segments, load_drawings
from studyapp.ui.bodychart_view import BodyChartView
from tests.helpers.atlas_files import make_root, muscle, write_muscle

# The offscreen platform cannot propagate size hints; that says nothing about the chart.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def _mirror(points: list[list[float]]) -> list[list[float]]:
    return [[400 - x, y] for x, y in points]


def synthetic_geometry() -> dict[str, Any]:
    """Posterior: both halves drawn (patient's right at x > 200). Lateral: right side only."""
    body = [[140, 20], [260, 20], [300, 440], [290, 980], [110, 980], [100, 440]]
    posterior_right = {
        "buttock_upper_lateral": _rect(240, 440, 290, 500),
        "buttock_lower_medial": _rect(205, 500, 250, 560),
        "posterior_thigh_upper": _rect(205, 580, 290, 680),
    }
    regions = [{"region": "sacrum", "side": "midline", "points": _rect(185, 440, 215, 495)}]
    for rid, pts in posterior_right.items():
        regions.append({"region": rid, "side": "right", "points": pts})
        regions.append({"region": rid, "side": "left", "points": _mirror(pts)})
    lateral = [
        {"region": "greater_trochanter", "side": "right", "points": _rect(170, 470, 250, 530)},
        {"region": "lateral_thigh_upper", "side": "right", "points": _rect(160, 540, 250, 660)},
    ]
    return {
        "views": {
            "posterior": {
                "width": 400,
                "height": 1000,
                "outline": [body],
                "contours": [[[200, 440], [200, 540]]],
                "regions": regions,
            },
            "lateral": {"width": 400, "height": 1000, "outline": [body], "contours": [], "regions": lateral},
        }
    }


@pytest.fixture
def drawings() -> dict[str, Drawing]:
    return drawings_from_json(synthetic_geometry())


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    root = make_root(tmp_path)
    tps = [
        {
            "id": "tp1",
            "label": "TP1",
            "location": "Upper outer buttock.",
            "markers": {"posterior": [265, 470], "lateral": [210, 500]},
            "essential_zones": ["buttock_upper_lateral", "greater_trochanter"],
            "spillover_zones": ["posterior_thigh_upper", "lateral_thigh_upper"],
        },
        {
            "id": "tp2",
            "label": "TP2",
            "location": "Lower inner buttock.",
            "markers": {"posterior": [225, 530]},
            "essential_zones": ["buttock_lower_medial"],
            "spillover_zones": [],
        },
    ]
    write_muscle(root, muscle(id="gluteus_minimus", name="Gluteus minimus", aliases=[], trigger_points=tps))
    other = [{**tps[1], "id": "tp1", "essential_zones": ["sacrum"], "markers": {"posterior": [200, 470]}}]
    write_muscle(root, muscle(id="piriformis", name="Piriformis", aliases=[], trigger_points=other))
    result = load_atlas(root)
    assert result.ok, result.problems
    return result.atlas


@pytest.fixture
def chart(qtbot: Any, atlas: Atlas, drawings: dict[str, Drawing]) -> BodyChartView:
    view = BodyChartView(atlas, drawings)
    qtbot.addWidget(view)
    view.resize(600, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_view("posterior")
    view.auto_view = False  # these tests look at the painting; the view choice has its own tests
    return view


def _scene_colour(view: BodyChartView, x: float, y: float) -> QColor:
    image = view.canvas.viewport().grab().toImage()
    point = view.canvas.mapFromScene(QPointF(x, y))
    return image.pixelColor(point)


def _is_vermillion(colour: QColor) -> bool:
    target = QColor(SINGLE_COLOUR)
    return colour.red() > 150 and colour.red() - colour.blue() > 80 and abs(colour.hue() - target.hue()) < 15


def test_essential_zone_paints_its_region_and_not_others(chart: BodyChartView) -> None:
    assert not _is_vermillion(_scene_colour(chart, 270, 450))
    chart.show_muscle("gluteus_minimus")
    assert _is_vermillion(_scene_colour(chart, 270, 450))  # buttock_upper_lateral, right side
    assert not _is_vermillion(_scene_colour(chart, 130, 450))  # the same region on the left: not shown
    assert not _is_vermillion(_scene_colour(chart, 200, 470))  # sacrum is not in this pattern


def test_spillover_is_stippled_not_solid(chart: BodyChartView) -> None:
    chart.show_muscle("gluteus_minimus")
    image = chart.canvas.viewport().grab().toImage()
    top_left = chart.canvas.mapFromScene(QPointF(215, 590))
    bottom_right = chart.canvas.mapFromScene(QPointF(280, 670))
    strong = weak = 0
    for x in range(top_left.x(), bottom_right.x(), 2):
        for y in range(top_left.y(), bottom_right.y(), 2):
            if _is_vermillion(image.pixelColor(x, y)):
                strong += 1
            else:
                weak += 1
    assert strong > 20 and weak > 20  # dots with lighter gaps between them


def test_hiding_a_trigger_point_removes_its_zone(chart: BodyChartView, qtbot: Any) -> None:
    chart.show_muscle("gluteus_minimus")
    assert _is_vermillion(_scene_colour(chart, 230, 545))  # buttock_lower_medial, TP2
    top = chart.legend.topLevelItem(0)
    tp2 = top.child(1)
    assert tp2.text(0) == "TP2"
    tp2.setCheckState(0, Qt.CheckState.Unchecked)  # what a click on the legend's box does
    assert not chart.overlay.is_tp_visible("gluteus_minimus", "tp2")
    assert not _is_vermillion(_scene_colour(chart, 230, 545))
    assert _is_vermillion(_scene_colour(chart, 270, 450))  # TP1's zone stays
    chart.overlay.set_tp_visible("gluteus_minimus", "tp2", True)
    assert tp2.checkState(0) == Qt.CheckState.Checked
    assert _is_vermillion(_scene_colour(chart, 230, 545))


def test_clicking_a_region_emits_its_id_and_ctrl_click_adds(chart: BodyChartView, qtbot: Any) -> None:
    canvas = chart.canvas
    with qtbot.waitSignal(chart.regionsSelected) as first:
        qtbot.mouseClick(
            canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(270, 450))
        )
    assert first.args == [["buttock_upper_lateral"]]
    with qtbot.waitSignal(chart.regionsSelected) as second:
        qtbot.mouseClick(
            canvas.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            canvas.mapFromScene(QPointF(200, 460)),
        )
    assert second.args == [["buttock_upper_lateral", "sacrum"]]
    with qtbot.waitSignal(chart.regionsSelected) as third:
        qtbot.mouseClick(
            canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(130, 600))
        )
    assert third.args == [["posterior_thigh_upper"]]  # a plain click replaces; the left side is the same id
    with qtbot.waitSignal(chart.regionsSelected) as cleared:
        qtbot.mouseClick(
            canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(20, 20))
        )
    assert cleared.args == [[]]


def test_tooltip_names_the_region_and_the_zone(chart: BodyChartView) -> None:
    chart.show_muscle("gluteus_minimus")
    text = chart.canvas.tooltip_at(chart.canvas.mapFromScene(QPointF(270, 620)))
    assert "Posterior thigh, upper third" in text and "(right)" in text
    assert "Gluteus minimus, TP1: spillover zone" in text
    assert chart.canvas.tooltip_at(chart.canvas.mapFromScene(QPointF(20, 20))) == ""


def test_left_side_mirrors_zones_and_markers(chart: BodyChartView) -> None:
    chart.show_muscle("gluteus_minimus")
    chart.set_side(Side.LEFT)
    assert chart.side_buttons[Side.LEFT].isChecked()
    assert _is_vermillion(_scene_colour(chart, 130, 450))  # left buttock now
    assert not _is_vermillion(_scene_colour(chart, 270, 450))
    chart.set_side(Side.BOTH)
    assert _is_vermillion(_scene_colour(chart, 130, 450)) and _is_vermillion(_scene_colour(chart, 270, 450))
    xs = sorted(round(m.pos().x()) for m in chart.canvas._markers if m.label == "TP1")
    assert xs == [135, 265]


def test_one_sided_view_is_mirrored_whole_for_the_left(chart: BodyChartView) -> None:
    chart.show_muscle("gluteus_minimus")
    chart.set_view("lateral")
    assert _is_vermillion(_scene_colour(chart, 210, 480))  # greater trochanter, right lateral
    chart.set_side(Side.LEFT)
    assert _is_vermillion(_scene_colour(chart, 400 - 210, 480))
    assert not _is_vermillion(_scene_colour(chart, 240, 480))
    chart.set_side(Side.BOTH)
    assert chart.canvas.scene().sceneRect().width() >= 840
    assert _is_vermillion(_scene_colour(chart, 210, 480))
    assert _is_vermillion(_scene_colour(chart, 440 + 190, 480))


def test_showing_a_muscle_switches_to_a_view_that_draws_it(chart: BodyChartView) -> None:
    chart.auto_view = True
    chart.set_view("lateral")
    chart.show_muscle("piriformis")  # sacrum: only the posterior view draws it
    assert chart.current_view() == "posterior"
    assert chart.view_combo.currentData() == "posterior"


def test_a_muscle_opens_on_the_view_showing_most_of_its_pattern(chart: BodyChartView) -> None:
    """Posterior shows under 90 % of gluteus minimus (its thigh zones are on the lateral view)."""
    chart.auto_view = True
    composition = chart.composition()
    assert composition is None
    chart.show_muscle("gluteus_minimus")
    composition = chart.composition()
    assert composition is not None
    assert (
        composition.shares["posterior"] < 0.9 < 1
        and composition.shares["lateral"] > composition.shares["posterior"]
    )
    assert chart.current_view() == "lateral"
    chart.set_view("posterior")  # the student may still pick any view
    assert chart.current_view() == "posterior"


def test_a_view_that_shows_the_whole_pattern_is_kept(chart: BodyChartView) -> None:
    chart.auto_view = True
    chart.show_muscle("piriformis")  # sacrum and a posterior marker: all on the posterior view
    assert chart.current_view() == "posterior"


def test_zoom_keys_and_wheel_change_the_scale(chart: BodyChartView, qtbot: Any) -> None:
    canvas = chart.canvas
    canvas.setFocus()
    before = canvas.transform().m11()
    qtbot.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.transform().m11() > before
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.transform().m11() == pytest.approx(before)
    canvas.set_zoom(3.0, QPoint(100, 100))
    assert canvas.zoom == 3.0
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == 1.0


def test_png_and_svg_exports_are_valid_files(chart: BodyChartView, tmp_path: Path) -> None:
    chart.show_muscle("gluteus_minimus")
    chart.overlay.add("piriformis")
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    assert chart.export_png(png, scale=1.0)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 400 and image.height() >= 1000
    vermillion = sum(
        _is_vermillion(image.pixelColor(x, y))
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    )
    assert vermillion > 100
    assert chart.export_svg(svg)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text(encoding="utf-8")
    assert "Gluteus minimus" in text and "Piriformis" in text
    assert SINGLE_COLOUR.lower() in text.lower()


def test_dark_palette_keeps_the_figure_visible(chart: BodyChartView) -> None:
    from studyapp.ui import theme

    chart.setPalette(theme.palette(theme.DARK))
    background = _scene_colour(chart, 20, 20)
    skin = _scene_colour(chart, 200, 300)
    assert background.lightnessF() < 0.3
    assert abs(skin.lightnessF() - background.lightnessF()) > 0.05


def test_missing_or_broken_geometry_says_so(qtbot: Any, atlas: Atlas, tmp_path: Path) -> None:
    broken = tmp_path / "geometry.json"
    broken.write_text('{"views": {"posterior": {"width": 400}}}', encoding="utf-8")
    assert load_drawings(tmp_path / "missing.json") == {}
    assert load_drawings(broken) == {}
    view = BodyChartView(atlas, {})
    qtbot.addWidget(view)
    assert "missing" in view.hint.text()
    assert not view.view_combo.isEnabled()
    view.show_muscle("gluteus_minimus")  # must not fail


def test_hatch_lines_stay_inside_the_polygon() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    segments = hatch_segments(square, 45, 2.0)
    assert len(segments) > 5
    for a, b in segments:
        for x, y in (a, b):
            assert -1e-6 <= x <= 10 + 1e-6 and -1e-6 <= y <= 10 + 1e-6


def test_dragging_pans_without_selecting(chart: BodyChartView, qtbot: Any) -> None:
    canvas = chart.canvas
    canvas.set_zoom(4.0)
    centre_before = canvas.mapToScene(canvas.viewport().rect().center())
    emitted: list[list[str]] = []
    chart.regionsSelected.connect(emitted.append)
    start = canvas.viewport().rect().center()
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(canvas.viewport(), start + QPoint(0, 20 * step))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(0, 100))
    centre_after = canvas.mapToScene(canvas.viewport().rect().center())
    assert centre_after.y() < centre_before.y() - 10  # dragged down: the figure moved down, view went up
    assert emitted == []


def test_hovering_a_marker_names_the_muscle_and_point(chart: BodyChartView) -> None:
    chart.show_muscle("gluteus_minimus")
    text = chart.canvas.tooltip_at(chart.canvas.mapFromScene(QPointF(265, 470)))
    assert "<b>Gluteus minimus</b>, trigger point: TP1" in text
    assert "Upper outer buttock." in text


def test_bundled_figure_shows_gluteus_minimus(qtbot: Any) -> None:
    """The shipped drawing and content together: the posterior TP's zone is painted on the figure."""
    drawings = load_drawings()
    atlas = load_atlas().atlas
    if "posterior" not in drawings or "gluteus_minimus" not in atlas.muscles:
        pytest.skip("needs the bundled geometry and the gluteus minimus file")
    chart = BodyChartView(atlas, drawings)
    qtbot.addWidget(chart)
    chart.resize(600, 800)
    chart.show()
    qtbot.waitExposed(chart)
    chart.show_muscle("gluteus_minimus")
    chart.set_view("posterior")
    essential = next(tp for tp in atlas.muscles["gluteus_minimus"].trigger_points if tp.essential_zones)
    shape = next(
        s
        for rid in essential.essential_zones
        for s in drawings["posterior"].shapes_of(rid)
        if s.side == "right"
    )
    x0, y0, x1, y1 = shape.bbox
    grid = [(x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * j / 8) for i in range(1, 8) for j in range(1, 8)]
    inside = [p for p in grid if shape.contains(*p)]
    painted = [p for p in inside if _is_vermillion(_scene_colour(chart, *p))]
    assert len(painted) > len(inside) / 2  # contour lines may cross a few sample points
