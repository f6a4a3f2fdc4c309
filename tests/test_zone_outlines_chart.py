"""The chart draws a drawn zone outline (smooth, mirrored for a `both` zone) instead of the regions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from studyapp.bodychart.overlay import SINGLE_COLOUR
from studyapp.content.loader import load_atlas
from studyapp.ui.bodychart_outlines import outline_path
from studyapp.ui.bodychart_shapes import load_drawings
from studyapp.ui.bodychart_view import BodyChartView


def _is_vermillion(colour: QColor) -> bool:
    target = QColor(SINGLE_COLOUR)
    return colour.red() > 150 and colour.red() - colour.blue() > 80 and abs(colour.hue() - target.hue()) < 15


# The offscreen platform says it cannot propagate size hints when the trigger-point list grows to
# four rows; that is a note about the test platform, not about the chart.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_rectus_abdominis_back_band_is_drawn_as_its_outline_on_both_sides(qtbot: Any) -> None:
    atlas = load_atlas().atlas
    chart = BodyChartView(atlas, load_drawings())
    qtbot.addWidget(chart)
    chart.resize(600, 800)
    chart.show()
    qtbot.waitExposed(chart)
    chart.show_muscle("rectus_abdominis")
    chart.overlay.show_only_tp("rectus_abdominis", "tp1")
    chart.set_view("posterior")
    image = chart.canvas.viewport().grab().toImage()

    def painted(x: float, y: float) -> bool:
        return _is_vermillion(image.pixelColor(chart.canvas.mapFromScene(QPointF(x, y))))

    assert painted(255, 352)  # inside the band, patient's right (posterior view: right of the midline)
    assert painted(145, 352)  # the mirrored band on the left: the zone's side is `both`
    assert not painted(215, 374)  # the paraspinal region below the band is covered, but not painted
    assert not painted(255, 400)  # nothing else of the back is solid


def test_outline_path_keeps_the_curves() -> None:
    path = outline_path("M 0 0 C 10 0 10 10 0 10 Z")
    assert path.elementCount() == 5  # move, three cubic control/end elements, close back to the start
    assert path.contains(QPointF(5, 5)) and not path.contains(QPointF(9.5, 0.5))
