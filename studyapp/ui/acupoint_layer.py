"""The acupoint layer of the body chart: point dots labelled by code, channel lines, cun scales.

It draws on a `BodyChartCanvas` through the canvas's layer hook (`chart_layers`), from the pure
rules in `bodychart.acupoint_marks`. Which channels and scales are shown is this object's state;
changing it redraws only the layer. Hovering a dot shows the point's card.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from studyapp.bodychart.acupoint_marks import (
    CHANNEL_COLOURS,
    PointDot,
    nearest_dot,
    pathways,
    point_dots,
    scale_drawing,
    scales_on,
)
from studyapp.content.acupoints import CHANNELS, PointAtlas
from studyapp.ui.acupoint_paint import DOT_RADIUS_PX, Dot, LayerItem, LayerPicture, Line, Ticks
from studyapp.ui.bodychart_paint import figure_colours
from studyapp.ui.chart_layers import placements
from studyapp.ui.point_card import point_card_html

if TYPE_CHECKING:
    from studyapp.ui.bodychart_canvas import BodyChartCanvas

SCALE_COLOUR = "#444444"
HOVER_PX = DOT_RADIUS_PX + 4.0


def channel_colour(channel: str) -> QColor:
    return QColor(CHANNEL_COLOURS.get(channel, "#555555"))


class AcupointLayer:
    """Shows the chosen channels' points and lines, and the chosen cun scales, on the canvas."""

    def __init__(self, points: PointAtlas) -> None:
        self.points = points
        self.visible = False
        self.channels: set[str] = set(CHANNELS)  # "EX" adds the extra points (dots only)
        self.scales: set[str] = set()
        self.labels = True
        self._dots: list[PointDot] = []  # what the last build drew, for hovering

    # -- state ------------------------------------------------------------------------------------
    def set_visible(self, canvas: BodyChartCanvas, visible: bool) -> None:
        self.visible = visible
        canvas.refresh_layers()

    def set_channel(self, canvas: BodyChartCanvas, channel: str, shown: bool) -> None:
        (self.channels.add if shown else self.channels.discard)(channel)
        canvas.refresh_layers()

    def set_channels(self, canvas: BodyChartCanvas, channels: Iterable[str]) -> None:
        self.channels = set(channels)
        canvas.refresh_layers()

    def set_scale(self, canvas: BodyChartCanvas, scale_id: str, shown: bool) -> None:
        (self.scales.add if shown else self.scales.discard)(scale_id)
        canvas.refresh_layers()

    # -- ChartLayer ---------------------------------------------------------------------------------
    def items(self, canvas: BodyChartCanvas) -> list[QGraphicsItem]:
        self._dots = []
        view = canvas.current_view()
        drawing = canvas.drawings.get(view)
        if drawing is None:
            return []
        picture = self.picture(view, drawing.width, placements(canvas))
        colours = figure_colours(canvas.palette())
        picture.halo, picture.ink = QColor(colours["skin"]), QColor(colours["text"])
        if not (picture.dots or picture.scales):
            return []
        return [LayerItem(picture)]

    def picture(self, view: str, width: float, places: list[tuple[float, bool]]) -> LayerPicture:
        """What to paint on `view`, placed in each drawn copy (offset, mirrored) of the figure."""
        picture = LayerPicture()
        shown_scales = [s for s in scales_on(view) if s.id in self.scales]
        if not self.visible and not shown_scales:
            return picture

        def place(x: float, offset: float, mirrored: bool) -> float:
            return offset + (width - x if mirrored else x)

        if self.visible:
            self._dots = point_dots(self.points, view, self.channels)
            for channel, runs in pathways(self.points, view).items():
                if channel not in self.channels:
                    continue
                path = QPainterPath()
                for offset, mirrored in places:
                    for run in runs:
                        path.moveTo(place(run[0][0], offset, mirrored), run[0][1])
                        for x, y in run[1:]:
                            path.lineTo(place(x, offset, mirrored), y)
                picture.lines.append(Line(path, channel_colour(channel)))
            seen: set[tuple[float, float]] = set()
            for offset, mirrored in places:
                for dot in self._dots:
                    x = place(dot.x, offset, mirrored)
                    if (x, dot.y) in seen:  # a midline point drawn once when both sides show
                        continue
                    seen.add((x, dot.y))
                    label = dot.code if self.labels else ""
                    picture.dots.append(Dot(x, dot.y, channel_colour(dot.channel), label))
        for scale in shown_scales:
            drawn = scale_drawing(scale, self.points, width)
            if drawn is None:
                continue
            offset, mirrored = places[0] if places else (0.0, False)
            line = QPainterPath()
            line.moveTo(place(drawn.line[0][0], offset, mirrored), drawn.line[0][1])
            for x, y in drawn.line[1:]:
                line.lineTo(place(x, offset, mirrored), y)
            sign = -1.0 if mirrored else 1.0
            ticks = [
                (QPointF(place(t.x, offset, mirrored), t.y), QPointF(sign * t.dx, t.dy)) for t in drawn.ticks
            ]
            first, last = ticks[0][0], ticks[-1][0]
            labels = [(first, "0"), (last, f"{scale.cun} cun")]
            picture.scales.append(Ticks(line, ticks, labels, QColor(SCALE_COLOUR)))
        return picture

    def tooltip_at(self, canvas: BodyChartCanvas, view_pos: QPoint) -> str:
        """The card of the point whose dot is under the cursor."""
        if not self.visible or not self._dots:
            return ""
        drawing = canvas.drawings.get(canvas.current_view())
        if drawing is None:
            return ""
        scene = canvas.mapToScene(view_pos)
        radius = HOVER_PX / max(canvas.transform().m11(), 1e-6)
        for offset, mirrored in placements(canvas):
            x = scene.x() - offset
            if mirrored:
                x = drawing.width - x
            dot = nearest_dot(self._dots, x, scene.y(), radius)
            if dot is not None:
                return point_card_html(self.points.points[dot.code])
        return ""

    def dot_scene_positions(self, canvas: BodyChartCanvas, code: str) -> list[QPointF]:
        """Where a point's dot is drawn in the scene (one per drawn copy; none when not shown)."""
        drawing = canvas.drawings.get(canvas.current_view())
        dot = next((d for d in self._dots if d.code == code), None)
        if drawing is None or dot is None:
            return []
        return [
            QPointF(offset + (drawing.width - dot.x if mirrored else dot.x), dot.y)
            for offset, mirrored in placements(canvas)
        ]
