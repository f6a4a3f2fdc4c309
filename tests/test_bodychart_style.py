"""The chart reads like a trigger-point manual: no grid, smooth zones, stippled spillover, an X per
trigger point, the muscle itself, compare mode in distinct colours, and a quiz picture that is big
where it matters. Pixel tests run on the synthetic figure of test_bodychart_view."""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsItem, QWidget
from pytestqt.qtbot import QtBot

from studyapp.content.loader import load_atlas
from studyapp.ui.bodychart_paint import figure_colours
from studyapp.ui.bodychart_shapes import load_drawings
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.bodychart_zones import smooth_union
from studyapp.ui.quiz_chart import BodyChartQuizChart
from tests.test_bodychart_view import _is_vermillion, atlas, chart, drawings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _grab(view: BodyChartView) -> QImage:
    return view.canvas.viewport().grab().toImage()


def _at(view: BodyChartView, image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(view.canvas.mapFromScene(QPointF(x, y)))


def _differs(a: QColor, b: QColor, by: int = 18) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > by


def test_no_region_borders_unless_hovering_or_picking(chart: BodyChartView) -> None:  # noqa: F811
    canvas = chart.canvas
    edge, inside = (250, 580), (250, 620)  # the top edge of posterior_thigh_upper, and its middle
    image = _grab(chart)
    assert not canvas.borders_visible()
    assert not _differs(_at(chart, image, *edge), _at(chart, image, *inside))  # no grid line
    canvas.hover(canvas.mapFromScene(QPointF(*inside)))
    image = _grab(chart)
    assert canvas.hovered_region() is not None
    assert canvas.hovered_region().region == "posterior_thigh_upper"  # type: ignore[union-attr]
    assert _differs(_at(chart, image, *edge), _at(chart, image, 150, 620))  # hovered region outlined
    assert not _differs(_at(chart, image, 240, 440), _at(chart, image, 240, 420))  # others: no border
    canvas.hover(canvas.mapFromScene(QPointF(380, 100)))  # off the figure: the outline goes
    canvas.set_picking(True)
    image = _grab(chart)
    assert canvas.borders_visible()
    assert _differs(_at(chart, image, 240, 440), _at(chart, image, 240, 420))  # every border now
    canvas.set_picking(False)
    assert not canvas.borders_visible()
    canvas.set_selected_regions(["sacrum"])  # the pain finder: picking by selecting
    assert canvas.borders_visible()
    canvas.clear_selection()
    assert not canvas.borders_visible()


def _longest_run(mask: list[list[bool]], dx: int, dy: int) -> int:
    height, width = len(mask), len(mask[0])
    best = 0
    for y0 in range(height):
        for x0 in range(width):
            if not mask[y0][x0] or (
                0 <= x0 - dx < width and 0 <= y0 - dy < height and mask[y0 - dy][x0 - dx]
            ):
                continue
            n, x, y = 0, x0, y0
            while 0 <= x < width and 0 <= y < height and mask[y][x]:
                n, x, y = n + 1, x + dx, y + dy
            best = max(best, n)
    return best


def test_spillover_is_stippled_with_dots_not_lines(chart: BodyChartView) -> None:  # noqa: F811
    chart.show_muscle("gluteus_minimus")
    chart.canvas.set_zoom(2.0)
    chart.canvas.centerOn(QPointF(248, 630))
    image = _grab(chart)
    top_left = chart.canvas.mapFromScene(QPointF(220, 600))
    bottom_right = chart.canvas.mapFromScene(QPointF(275, 660))
    mask = [
        [_is_vermillion(image.pixelColor(x, y)) for x in range(top_left.x(), bottom_right.x())]
        for y in range(top_left.y(), bottom_right.y())
    ]
    dots = sum(row.count(True) for row in mask)
    assert dots > 30 and dots < 0.6 * len(mask) * len(mask[0])  # coloured dots with skin between
    # A dot is short in every direction; a hatch line would run across the zone in one of them.
    for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1)):
        assert _longest_run(mask, dx, dy) <= 8


def test_a_trigger_point_is_an_x_not_a_circle(chart: BodyChartView) -> None:  # noqa: F811
    chart.show_muscle("gluteus_minimus")
    image = _grab(chart)
    centre = chart.canvas.mapFromScene(QPointF(265, 470))  # TP1, inside its essential zone

    def dark(dx: int, dy: int) -> bool:
        return image.pixelColor(centre.x() + dx, centre.y() + dy).lightness() < 90

    assert dark(0, 0) and dark(3, 3) and dark(-3, 3) and dark(3, -3) and dark(-3, -3)  # both arms
    assert not dark(0, 4) and not dark(4, 0) and not dark(0, -4) and not dark(-4, 0)  # no disc


def test_a_zone_is_one_smooth_shape_without_holes() -> None:
    # Four cells around a small landmark cell that is not part of the zone (a trochanter, a patella).
    cells = [
        [(0, 0), (100, 0), (100, 40), (0, 40)],
        [(0, 60), (100, 60), (100, 100), (0, 100)],
        [(0, 40), (40, 40), (40, 60), (0, 60)],
        [(60, 40), (100, 40), (100, 60), (60, 60)],
    ]
    path, rings = smooth_union(cells)
    assert len(rings) == 1  # one shape, the hole filled
    assert path.contains(QPointF(50, 50))  # the landmark cell is covered: no white hole
    assert path.contains(QPointF(50, 20)) and path.contains(QPointF(20, 50))
    assert not path.contains(QPointF(1, 1))  # the cell corner is rounded off, not square
    assert not path.contains(QPointF(99, 99))


def test_compare_mode_draws_each_muscle_in_its_own_colour(chart: BodyChartView) -> None:  # noqa: F811
    chart.compare_muscles(["gluteus_minimus", "piriformis"])
    image = _grab(chart)
    first, second = (
        QColor(c) for c in (chart.overlay.colour_of("gluteus_minimus"), chart.overlay.colour_of("piriformis"))
    )
    assert abs(first.hue() - second.hue()) > 60
    glute = _at(chart, image, 275, 470)
    sacrum = _at(chart, image, 200, 480)
    skin = figure_colours(chart.palette())["skin"]
    assert _differs(glute, skin) and _differs(sacrum, skin)
    assert abs(glute.hue() - first.hue()) < 20 and abs(sacrum.hue() - second.hue()) < 25
    edge = _at(chart, image, 200, 441)  # the essential zone's outline is in the full colour
    assert edge.saturation() > glute.saturation() or _differs(edge, sacrum)


@pytest.fixture
def real_chart(qtbot: Any) -> BodyChartView:
    view = BodyChartView(load_atlas().atlas, load_drawings())
    qtbot.addWidget(view)
    view.resize(600, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_muscle_is_drawn_mirrored_for_the_left_side_and_can_be_hidden(
    real_chart: BodyChartView, qtbot: QtBot
) -> None:
    real_chart.auto_view = False
    real_chart.set_view("posterior")
    real_chart.show_muscle("infraspinatus")

    def muscle_items() -> list[QGraphicsItem]:
        return [i for i in real_chart.canvas.scene().items() if i.data(0) == "muscle"]

    qtbot.waitUntil(lambda: bool(muscle_items()))  # the shapes are read just after the first frame
    muscles = muscle_items()
    assert muscles and all(i.data(1) == "right" for i in muscles)
    real_chart.set_side("left")
    muscles = [i for i in real_chart.canvas.scene().items() if i.data(0) == "muscle"]
    assert muscles and all(i.data(1) == "left" for i in muscles)
    real_chart.muscle_toggle.setChecked(False)
    assert not [i for i in real_chart.canvas.scene().items() if i.data(0) == "muscle"]


def test_the_muscle_changes_pixels_where_it_lies(real_chart: BodyChartView) -> None:
    from studyapp.bodychart.muscle_shapes import shapes_for

    real_chart.auto_view = False
    real_chart.set_view("posterior")
    shape = shapes_for("infraspinatus")["posterior"]
    x0, y0, x1, y1 = shape.bbox
    inside = next(
        (x, y)
        for x in range(int(x0), int(x1))
        for y in range(int(y0), int(y1))
        if shape.distance(x, y) == 0 and min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) > 6
    )
    before = _at(real_chart, _grab(real_chart), *inside)
    real_chart.show_muscle("infraspinatus")
    real_chart.canvas.set_show_muscle(True)
    after = _at(real_chart, _grab(real_chart), *inside)
    assert _differs(before, after, 8)


def test_quiz_picture_uses_the_close_up_and_zooms_on_a_small_region(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    quiz = BodyChartQuizChart(load_atlas().atlas, parent, load_drawings())
    quiz.widget.resize(700, 600)
    parent.show()
    quiz.show_pattern("masseter", "tp1", ("upper_molars", "maxillary_sinus"), ())
    assert quiz.canvas.current_view() in ("head_side", "head_front")  # the close-up, not the body
    quiz.show_regions(["greater_trochanter"])
    assert quiz.canvas.zoom > 1.5  # a small landmark is shown big enough to read
    assert not quiz.canvas.borders_visible()  # a highlight, not a grid
    quiz.start_picking(("greater_trochanter",))
    assert quiz.canvas.borders_visible() and quiz.canvas.zoom == 1.0
    quiz.clear()
    assert not quiz.canvas.borders_visible()
