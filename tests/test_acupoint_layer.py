"""The acupoint layer on the body chart: dots at the points' markers, channel lines that a channel's
check box removes, cun scales with a tick per cun, the point's card on hover, and the points near
the trigger points of a shown muscle."""

from __future__ import annotations

import itertools
import math
from functools import cache
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from studyapp.bodychart.acupoint_marks import (
    CHANNEL_COLOURS,
    CUN_SCALES,
    channel_pathway,
    point_dots,
    points_by_area,
    scale_drawing,
)
from studyapp.bodychart.geometry import load_geometry
from studyapp.bodychart.tp_acupoints import NEAR_CM, TpAcupointLinks, build_links
from studyapp.content.acupoints import CHANNELS
from studyapp.content.loader import load_atlas
from studyapp.ui.acupoint_controls import AcupointControls, attach_acupoints
from studyapp.ui.bodychart_view import BodyChartView

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@cache
def _links() -> TpAcupointLinks:
    return build_links(load_atlas().atlas)


@pytest.fixture
def chart(qtbot: Any) -> tuple[BodyChartView, AcupointControls]:
    links = _links()
    view = BodyChartView(links.atlas)
    qtbot.addWidget(view)
    view.resize(700, 1000)
    view.show()
    qtbot.waitExposed(view)
    controls = attach_acupoints(view, lambda: links)
    return view, controls


def _pixel(view: BodyChartView, at: QPointF) -> QColor:
    image = view.canvas.viewport().grab().toImage()
    return image.pixelColor(view.canvas.mapFromScene(at))


def _near(colour: QColor, hex_colour: str, tolerance: int = 40) -> bool:
    want = QColor(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], want.getRgb()[:3], strict=True))


def _longest_segment(channel: str, view: str) -> tuple[tuple[float, float], tuple[float, float]]:
    runs = channel_pathway(_links().points, channel, view)
    pairs = [(a, b) for run in runs for a, b in itertools.pairwise(run)]
    return max(pairs, key=lambda ab: math.dist(*ab))


# -- the rules (no Qt) -----------------------------------------------------------------------------
def test_a_pathway_joins_only_the_points_drawn_on_the_view_in_channel_order() -> None:
    points = _links().points
    runs = channel_pathway(points, "GB", "lateral")
    on_view = [d.code for d in point_dots(points, "lateral", ["GB"])]
    numbers = [int(code[2:]) for code in on_view]
    assert numbers == sorted(numbers)
    joined = [xy for run in runs for xy in run]
    assert len(joined) <= len(on_view)
    assert all(len(run) >= 2 for run in runs)
    # GB30 is drawn on the posterior view only: the lateral line stops at GB29 and starts at GB31
    gb29 = next(d for d in point_dots(points, "lateral", ["GB"]) if d.code == "GB29")
    gb31 = next(d for d in point_dots(points, "lateral", ["GB"]) if d.code == "GB31")
    assert not any((gb29.x, gb29.y) in run and (gb31.x, gb31.y) in run for run in runs)


def test_the_bladder_line_breaks_between_the_knee_and_the_outer_line_of_the_back() -> None:
    points = _links().points
    runs = channel_pathway(points, "BL", "posterior")
    bl40 = next(d for d in point_dots(points, "posterior", ["BL"]) if d.code == "BL40")
    bl41 = next(d for d in point_dots(points, "posterior", ["BL"]) if d.code == "BL41")
    for run in runs:
        for a, b in itertools.pairwise(run):
            assert (a, b) != ((bl40.x, bl40.y), (bl41.x, bl41.y))


def test_every_cun_scale_is_drawn_with_one_tick_per_cun_and_the_forearm_is_12() -> None:
    points = _links().points
    geometry = load_geometry()
    for scale in CUN_SCALES:
        drawn = scale_drawing(scale, points, geometry[scale.view].width)
        assert drawn is not None, scale.id
        assert [t.cun for t in drawn.ticks] == list(range(scale.cun + 1))
    forearm = next(s for s in CUN_SCALES if s.id == "elbow_wrist")
    drawn = scale_drawing(forearm, points, 400)
    assert drawn is not None
    pc3, pc7 = (next(d for d in point_dots(points, "anterior") if d.code == c) for c in ("PC3", "PC7"))
    assert (drawn.ticks[0].x, drawn.ticks[0].y) == (pc3.x, pc3.y)  # elbow crease
    assert (drawn.ticks[12].x, drawn.ticks[12].y) == (pc7.x, pc7.y)  # wrist crease
    pc6 = next(d for d in point_dots(points, "anterior") if d.code == "PC6")
    assert (drawn.ticks[10].x, drawn.ticks[10].y) == (pc6.x, pc6.y)  # 2 cun above the wrist


def test_every_point_has_a_body_area_and_gb30_is_at_the_hip() -> None:
    links = _links()
    groups = points_by_area(links.points, load_geometry(), links.atlas)
    assert sorted(c for codes in groups.values() for c in codes) == sorted(links.points.points)
    assert "GB30" in groups["hip_thigh"]
    assert "LU9" in groups["arm_forearm_hand"]


# -- on the chart ----------------------------------------------------------------------------------
def test_showing_the_layer_paints_a_dot_in_the_channel_colour_at_a_points_marker(
    chart: tuple[BodyChartView, AcupointControls],
) -> None:
    view, controls = chart
    view.set_view("lateral")
    gb31 = next(d for d in point_dots(_links().points, "lateral") if d.code == "GB31")
    assert not _near(_pixel(view, QPointF(gb31.x, gb31.y)), CHANNEL_COLOURS["GB"])
    controls.show_points.setChecked(True)
    assert _near(_pixel(view, QPointF(gb31.x, gb31.y)), CHANNEL_COLOURS["GB"])


def test_unticking_a_channel_removes_its_line_and_keeps_the_others(
    chart: tuple[BodyChartView, AcupointControls],
) -> None:
    view, controls = chart
    view.set_view("lateral")
    controls.show_points.setChecked(True)
    controls.layer.labels = False
    view.canvas.refresh_layers()
    (x0, y0), (x1, y1) = _longest_segment("GB", "lateral")
    middle = QPointF((x0 + x1) / 2, (y0 + y1) / 2)
    assert _near(_pixel(view, middle), CHANNEL_COLOURS["GB"], 60)
    bl = next(d for d in point_dots(_links().points, "lateral") if d.channel == "BL")
    controls.channel_boxes["GB"].setChecked(False)
    assert not _near(_pixel(view, middle), CHANNEL_COLOURS["GB"], 60)
    assert _near(_pixel(view, QPointF(bl.x, bl.y)), CHANNEL_COLOURS["BL"])


def test_the_left_side_draws_the_mirror_image(chart: tuple[BodyChartView, AcupointControls]) -> None:
    view, controls = chart
    view.set_view("posterior")
    view.set_side("left")
    controls.show_points.setChecked(True)
    gb30 = next(d for d in point_dots(_links().points, "posterior") if d.code == "GB30")
    width = view.drawings["posterior"].width
    assert _near(_pixel(view, QPointF(width - gb30.x, gb30.y)), CHANNEL_COLOURS["GB"])
    assert not _near(_pixel(view, QPointF(gb30.x, gb30.y)), CHANNEL_COLOURS["GB"])


def test_hovering_a_dot_shows_the_points_card(chart: tuple[BodyChartView, AcupointControls]) -> None:
    view, controls = chart
    view.set_view("posterior")
    controls.show_points.setChecked(True)
    point = _links().points.points["GB30"]
    (at,) = controls.layer.dot_scene_positions(view.canvas, "GB30")
    text = view.canvas.tooltip_at(view.canvas.mapFromScene(at))
    for part in ("GB30", point.pinyin, point.han, point.english, point.needling.depth):
        assert part in text
    assert point.needling.cautions[0][:30] in text.replace("&#x27;", "'")
    assert "Location:" in text
    controls.show_points.setChecked(False)
    assert "GB30" not in view.canvas.tooltip_at(view.canvas.mapFromScene(at))


def test_a_cun_scale_is_offered_for_the_view_and_drawn_with_ticks(
    chart: tuple[BodyChartView, AcupointControls],
) -> None:
    view, controls = chart
    view.set_view("anterior")
    labels = [controls.scale_combo.itemText(i) for i in range(controls.scale_combo.count())]
    assert "Elbow crease to wrist crease: 12 cun" in labels
    view.set_view("lateral")
    labels = [controls.scale_combo.itemText(i) for i in range(controls.scale_combo.count())]
    assert "Elbow crease to wrist crease: 12 cun" not in labels
    view.set_view("anterior")
    controls.scale_combo.setCurrentIndex(controls.scale_combo.findData("elbow_wrist"))
    scale = next(s for s in CUN_SCALES if s.id == "elbow_wrist")
    drawn = scale_drawing(scale, _links().points, 400)
    assert drawn is not None
    tick = drawn.ticks[3]  # between the dots: a tick of the scale's own colour
    colour = _pixel(view, QPointF(tick.x, tick.y))
    assert _near(colour, "#444444", 70)
    controls.scale_combo.setCurrentIndex(0)
    assert not _near(_pixel(view, QPointF(tick.x, tick.y)), "#444444", 70)


def test_a_muscle_picture_can_show_the_points_near_its_trigger_points(
    chart: tuple[BodyChartView, AcupointControls],
) -> None:
    view, controls = chart
    view.show_muscle("gluteus_minimus")
    view.set_view("lateral")
    controls.show_nearby.setChecked(True)
    pairs = controls.nearby.pairs(view.canvas)
    assert ("gluteus_minimus", "anterior", "GB29") in [p[:3] for p in pairs]
    gb29 = next(d for d in point_dots(_links().points, "lateral") if d.code == "GB29")
    assert _near(_pixel(view, QPointF(gb29.x, gb29.y)), CHANNEL_COLOURS["GB"])
    text = view.canvas.tooltip_at(view.canvas.mapFromScene(QPointF(gb29.x, gb29.y)))
    assert "GB29" in text
    # the posterior trigger point's nearest point on this view (GB29 again) is 9 cm away: not "near"
    far = _links().nearest_points("gluteus_minimus", "posterior")
    assert any(k.code == "GB29" and k.cm > NEAR_CM for k in far)
    assert ("gluteus_minimus", "posterior", "GB29") not in [p[:3] for p in pairs]
    assert all(p[3] <= NEAR_CM for p in pairs)
    view.show_muscle("deltoid")  # another muscle: its own nearby points, not the gluteal ones
    assert all(p[0] == "deltoid" for p in controls.nearby.pairs(view.canvas))


def test_channel_boxes_are_labelled_and_greyed_where_the_view_has_none(
    chart: tuple[BodyChartView, AcupointControls],
) -> None:
    view, controls = chart
    assert [c for c in controls.channel_boxes if c != "EX"] == list(CHANNELS)
    assert controls.channel_boxes["GB"].toolTip() == "Gallbladder (GB)"
    view.set_view("hand_palmar")
    controls.show_points.setChecked(True)
    assert controls.channel_boxes["PC"].isEnabled()
    assert not controls.channel_boxes["BL"].isEnabled()


def test_the_windows_chart_panel_has_the_acupoint_controls(qtbot: Any, tmp_path: Any) -> None:
    from PySide6.QtCore import QSettings

    from studyapp.storage.userdata import UserData
    from studyapp.ui.panels import build_chart
    from tests.helpers.state import make_state

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with UserData() as store:
        state = make_state(_links().atlas, store, settings)
        chart = build_chart(state)
        qtbot.addWidget(chart)
        controls = chart.findChild(AcupointControls)
        assert controls is not None
        assert not chart.canvas.layers  # nothing loads until the student asks for points
        controls.show_points.setChecked(True)
        assert len(chart.canvas.layers) == 2
        state.close()


def test_unreadable_point_files_disable_the_controls_with_the_reason(qtbot: Any) -> None:
    from studyapp.ui.state import PointsUnavailable

    view = BodyChartView(_links().atlas)
    qtbot.addWidget(view)

    def broken() -> TpAcupointLinks:
        raise PointsUnavailable("the acupoint files could not be read")

    controls = attach_acupoints(view, broken)
    controls.show_points.setChecked(True)
    assert not controls.show_points.isChecked()
    assert not controls.show_points.isEnabled() and not controls.show_nearby.isEnabled()
    assert "could not be read" in controls.show_points.toolTip()
    assert not view.canvas.layers
