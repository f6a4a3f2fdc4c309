"""Muscle pictures with the acupoints near their trigger points (the trigger-point link on the chart).

For every trigger point shown on the chart, its nearest points in the same muscle (from
`bodychart.tp_acupoints`) are drawn as dots labelled with code and distance, joined to the trigger
point by a dashed line in the muscle's colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from studyapp.bodychart.acupoint_marks import PointDot, marker_on, nearest_dot
from studyapp.bodychart.tp_acupoints import NEAR_CM, TpAcupointLinks
from studyapp.ui.acupoint_layer import HOVER_PX, channel_colour
from studyapp.ui.acupoint_paint import Dot, LayerItem, LayerPicture, Line
from studyapp.ui.bodychart_paint import figure_colours
from studyapp.ui.chart_layers import placements
from studyapp.ui.point_card import point_card_html

if TYPE_CHECKING:
    from studyapp.ui.bodychart_canvas import BodyChartCanvas


class NearbyPointsLayer:
    """Draws the points nearest each shown trigger point on the canvas's view, when switched on."""

    def __init__(self, links: TpAcupointLinks) -> None:
        self.links = links
        self.visible = False
        self._dots: list[PointDot] = []

    def set_visible(self, canvas: BodyChartCanvas, visible: bool) -> None:
        self.visible = visible
        canvas.refresh_layers()

    def pairs(self, canvas: BodyChartCanvas) -> list[tuple[str, str, str, float]]:
        """(muscle id, trigger point id, point code, cm) on the current view: each shown trigger
        point's nearest points in the same muscle that lie within NEAR_CM of it there."""
        view = canvas.current_view()
        found = []
        for shown in canvas.overlay.shown:
            visible = set(shown.visible_tps())
            for tp in shown.muscle.trigger_points:
                if tp.id not in visible or not any(m.view == view for m in tp.markers):
                    continue
                for link in self.links.nearest_points(shown.muscle.id, tp.id):
                    on_view = next((d for d in link.distances if d.view == view), None)
                    if on_view is not None and on_view.cm <= NEAR_CM:
                        found.append((shown.muscle.id, tp.id, link.code, on_view.cm))
        return found

    def items(self, canvas: BodyChartCanvas) -> list[QGraphicsItem]:
        self._dots = []
        drawing = canvas.drawings.get(canvas.current_view())
        if not self.visible or drawing is None:
            return []
        view, width = drawing.id, drawing.width
        colours = figure_colours(canvas.palette())
        picture = LayerPicture(halo=QColor(colours["skin"]), ink=QColor(colours["text"]))
        muscles = {shown.muscle.id: shown for shown in canvas.overlay.shown}
        nearest: dict[str, float] = {}  # a point near two trigger points is labelled once, nearest
        for _muscle, _tp, code, cm in self.pairs(canvas):
            nearest[code] = min(cm, nearest.get(code, cm))
        for muscle_id, tp_id, code, cm in self.pairs(canvas):
            shown = muscles[muscle_id]
            tp = next(t for t in shown.muscle.trigger_points if t.id == tp_id)
            start = next((m.x, m.y) for m in tp.markers if m.view == view)
            point = self.links.points.points[code]
            end = marker_on(point, view)
            if end is None:
                continue
            self._dots.append(PointDot(code, point.channel, end[0], end[1]))
            for offset, mirrored in placements(canvas):
                x0 = offset + (width - start[0] if mirrored else start[0])
                x1 = offset + (width - end[0] if mirrored else end[0])
                path = QPainterPath()
                path.moveTo(x0, start[1])
                path.lineTo(x1, end[1])
                picture.lines.append(Line(path, QColor(shown.colour), dashed=True))
                if cm == nearest[code]:
                    label = f"{code} {cm:.1f} cm"
                    picture.dots.append(Dot(x1, end[1], channel_colour(point.channel), label))
        return [LayerItem(picture)] if picture.dots else []

    def tooltip_at(self, canvas: BodyChartCanvas, view_pos: QPoint) -> str:
        drawing = canvas.drawings.get(canvas.current_view())
        if not self._dots or drawing is None:
            return ""
        scene = canvas.mapToScene(view_pos)
        radius = HOVER_PX / max(canvas.transform().m11(), 1e-6)
        for offset, mirrored in placements(canvas):
            x = scene.x() - offset
            dot = nearest_dot(self._dots, drawing.width - x if mirrored else x, scene.y(), radius)
            if dot is not None:
                return point_card_html(self.links.points.points[dot.code])
        return ""
