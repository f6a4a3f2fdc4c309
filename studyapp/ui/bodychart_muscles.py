"""Drawing one muscle on the body chart, the way anatomy atlases and trigger-point manuals do.

Superficial muscles get a light fill, a thin darker outline and a few fibre lines, so the student
sees the direction the muscle pulls; deep muscles get a dashed outline and only a faint wash, so the
muscles over them stay readable. The origin is a solid dark mark and the insertion a hollow one
(a dot for a point attachment, a short bar along a line), the same in the legend.

The painter is expected in view units (the caller scales it); line widths are cosmetic (pixels) so
the muscle reads the same at any size.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from studyapp.bodychart.muscle_shapes import MuscleShape, MuscleShapeError, Point, catmull_rom, shapes_for
from studyapp.bodychart.overlay import OverlayModel, Panel

log = logging.getLogger(__name__)

SUPERFICIAL_FILL_ALPHA = 0.28
DEEP_FILL_ALPHA = 0.07
OUTLINE_PX = 1.3
FIBRE_PX = 0.8
FIBRE_ALPHA = 0.45
ATTACHMENT_PX = 4.0  # diameter of a point attachment, thickness of a line one
DASH = (4.0, 3.0)  # dash, gap in pen widths


def _mirror(points: Sequence[Point], width: float, mirrored: bool) -> list[QPointF]:
    return [QPointF(width - x if mirrored else x, y) for x, y in points]


def outline_path(shape: MuscleShape, *, mirrored: bool = False) -> QPainterPath:
    """The muscle's outline as a closed painter path in view units (for drawing or hit-testing)."""
    path = QPainterPath()
    path.addPolygon(QPolygonF(_mirror(shape.points, shape.view_width, mirrored)))
    path.closeSubpath()
    return path


def _pixels_per_unit(painter: QPainter) -> float:
    t = painter.worldTransform()
    return max(1e-6, (abs(t.m11()) + abs(t.m22())) / 2)


def paint_muscle(painter: QPainter, shape: MuscleShape, colour: QColor, *, mirrored: bool) -> None:
    """Fill, outline, fibres and attachment marks of one muscle on one view."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = outline_path(shape, mirrored=mirrored)
    ink = QColor(colour).darker(160)
    superficial = shape.depth == "superficial"
    fill = QColor(colour)
    fill.setAlphaF(SUPERFICIAL_FILL_ALPHA if superficial else DEEP_FILL_ALPHA)
    painter.setBrush(QBrush(fill))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(path)
    if superficial:
        fibre_colour = QColor(ink)
        fibre_colour.setAlphaF(FIBRE_ALPHA)
        fibre_pen = QPen(fibre_colour, FIBRE_PX)
        fibre_pen.setCosmetic(True)
        painter.save()
        painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
        painter.setPen(fibre_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for line in shape.fibres:
            painter.drawPolyline(QPolygonF(_mirror(line, shape.view_width, mirrored)))
        painter.restore()
    pen = QPen(ink, OUTLINE_PX)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if not superficial:
        pen.setDashPattern(list(DASH))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    ppu = _pixels_per_unit(painter)
    paint_attachment(
        painter, shape.origin, ink, origin=True, ppu=ppu, width=shape.view_width, mirrored=mirrored
    )
    paint_attachment(
        painter, shape.insertion, ink, origin=False, ppu=ppu, width=shape.view_width, mirrored=mirrored
    )
    painter.restore()


def paint_attachment(
    painter: QPainter,
    points: Sequence[Point],
    ink: QColor,
    *,
    origin: bool,
    ppu: float,
    width: float = 400.0,
    mirrored: bool = False,
) -> None:
    """Origin: solid dark dot or bar. Insertion: the same shape, hollow (white inside a dark rim)."""
    mapped = _mirror(points, width, mirrored)
    size = ATTACHMENT_PX / ppu
    painter.save()
    if len(mapped) == 1:
        painter.setPen(QPen(ink, 1.2 / ppu))
        painter.setBrush(QBrush(ink if origin else QColor("#ffffff")))
        painter.drawEllipse(mapped[0], size / 2, size / 2)
    else:
        rim = QPen(ink, size, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(rim)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        line = QPolygonF(_mirror(catmull_rom(points, 6, closed=False), width, mirrored))  # a smooth bar
        painter.drawPolyline(line)
        if not origin:
            core = QPen(QColor("#ffffff"), size * 0.45, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            painter.setPen(core)
            painter.drawPolyline(line)
    painter.restore()


SINGLE_MUSCLE_COLOUR = "#a8553c"  # a muscle-red brown: darker than the skin, apart from the zone red
SINGLE_MUSCLE_COLOUR_DARK = "#e0a088"
EDGE_OVER_ZONES_ALPHA = 0.75
Z_MUSCLE, Z_MUSCLE_EDGE = 0.0, 5.0  # under the zones (1-4), its outline over them


class MuscleItem(QGraphicsItem):
    """One muscle on one side of one view, painted by `paint_muscle` (or only its outline, drawn
    over the zones so a solid zone does not hide where the muscle lies). Cached as a pixmap until
    the zoom changes, so Python paints it once, not every frame."""

    def __init__(
        self, shape: MuscleShape, colour: QColor, mirrored: bool, parent: QGraphicsItem, *, edge_only: bool
    ) -> None:
        super().__init__(parent)
        self.shape_data = shape
        self.colour = QColor(colour)
        self.mirrored = mirrored
        self.edge_only = edge_only
        self._rect = outline_path(shape, mirrored=mirrored).boundingRect().adjusted(-6, -6, 6, 6)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setData(0, "muscle")

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        if not self.edge_only:
            paint_muscle(painter, self.shape_data, self.colour, mirrored=self.mirrored)
            return
        ink = QColor(self.colour).darker(160)
        ink.setAlphaF(EDGE_OVER_ZONES_ALPHA)
        pen = QPen(ink, OUTLINE_PX)
        pen.setCosmetic(True)
        if self.shape_data.depth != "superficial":
            pen.setDashPattern(list(DASH))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline_path(self.shape_data, mirrored=self.mirrored))
        painter.restore()


class MuscleLayer:
    """Adds the shown muscles' shapes to the chart: where each lies, on the sides its points are shown."""

    def __init__(self) -> None:
        self._failed = False

    def _shape(self, muscle_id: str, view_id: str) -> MuscleShape | None:
        if self._failed:
            return None
        try:
            return shapes_for(muscle_id).get(view_id)
        except MuscleShapeError as exc:  # a bug in bundled data: say so once, keep the chart working
            log.warning("muscle shapes unusable: %s", exc)
            self._failed = True
            return None

    def add(
        self,
        parent: QGraphicsItem,
        overlay: OverlayModel,
        view_id: str,
        one_sided: bool,
        panels: Sequence[Panel],
        width: float,
    ) -> list[QGraphicsItem]:
        items: list[QGraphicsItem] = []
        single = len(overlay.shown) == 1
        dark = parent.scene() is not None and parent.scene().backgroundBrush().color().lightnessF() < 0.5
        for shown in overlay.shown:
            shape = self._shape(shown.muscle.id, view_id)
            if shape is None:
                continue
            if single:
                colour = QColor(SINGLE_MUSCLE_COLOUR_DARK if dark else SINGLE_MUSCLE_COLOUR)
            else:
                colour = QColor(shown.colour)
            placements: list[tuple[bool, float]] = []
            if one_sided:
                placements = [(p.mirrored, p.offset) for p in panels if p.body_side in overlay.tp_sides()]
            else:
                placements = [(side == "left", 0.0) for side in sorted(overlay.tp_sides(), reverse=True)]
            for mirrored, offset in placements:
                for edge_only, z in ((False, Z_MUSCLE), (True, Z_MUSCLE_EDGE)):
                    item = MuscleItem(shape, colour, mirrored, parent, edge_only=edge_only)
                    item.setPos(offset, 0)
                    item.setZValue(z)
                    items.append(item)
        return items
