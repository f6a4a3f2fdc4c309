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
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from studyapp.bodychart import muscle_shapes
from studyapp.bodychart.geometry import ViewGeometry
from studyapp.bodychart.muscle_shapes import MuscleShape, MuscleShapeError, Point, catmull_rom
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


def _cosmetic(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    pen.setCosmetic(True)
    return pen


def _child(parent: QGraphicsItem, path: QPainterPath, pen: QPen, brush: QBrush) -> QGraphicsPathItem:
    item = QGraphicsPathItem(path, parent)
    item.setPen(pen)
    item.setBrush(brush)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def muscle_items(
    shape: MuscleShape, colour: QColor, mirrored: bool, parent: QGraphicsItem
) -> list[QGraphicsItem]:
    """The muscle as stock scene items (Qt paints them without calling back into Python): the
    body (fill, fibres) under the zones, its outline and attachments over them, so a solid zone
    does not hide where the muscle lies. Same look as `paint_muscle`; returns the items added."""
    path = outline_path(shape, mirrored=mirrored)
    ink = QColor(colour).darker(160)
    superficial = shape.depth == "superficial"
    fill = QColor(colour)
    fill.setAlphaF(SUPERFICIAL_FILL_ALPHA if superficial else DEEP_FILL_ALPHA)
    body = _child(parent, path, QPen(Qt.PenStyle.NoPen), QBrush(fill))
    body.setData(0, "muscle")
    body.setData(1, "left" if mirrored else "right")  # which side it is drawn for
    body.setZValue(Z_MUSCLE)
    added: list[QGraphicsItem] = [body]
    if superficial and shape.fibres:
        fibres = QPainterPath()
        for line in shape.fibres:
            fibres.addPolygon(QPolygonF(_mirror(line, shape.view_width, mirrored)))
        fibre_colour = QColor(ink)
        fibre_colour.setAlphaF(FIBRE_ALPHA)
        body.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        _child(body, fibres, _cosmetic(fibre_colour, FIBRE_PX), QBrush())
    edge_colour = QColor(ink)
    edge_colour.setAlphaF(EDGE_OVER_ZONES_ALPHA)
    pen = _cosmetic(edge_colour, OUTLINE_PX)
    if not superficial:
        pen.setDashPattern(list(DASH))
    edge = _child(parent, path, pen, QBrush())
    edge.setData(0, "muscle edge")
    edge.setZValue(Z_MUSCLE_EDGE)
    added.append(edge)
    for points, origin in ((shape.origin, True), (shape.insertion, False)):
        mark = QPainterPath()
        if len(points) == 1:
            mark.addEllipse(_mirror(points, shape.view_width, mirrored)[0], 0.01, 0.01)  # sized by the pen
            width = ATTACHMENT_PX + 1.2
        else:
            smooth = catmull_rom(points, 6, closed=False)
            mark.addPolygon(QPolygonF(_mirror(smooth, shape.view_width, mirrored)))
            width = ATTACHMENT_PX
        # Origin: solid dark; insertion: the same shape, hollow (a white core in a dark rim).
        rim = _child(parent, mark, _cosmetic(ink, width), QBrush())
        rim.setZValue(Z_MUSCLE_EDGE + 0.1)
        added.append(rim)
        if not origin:
            core = _child(parent, mark, _cosmetic(QColor("#ffffff"), width * 0.45), QBrush())
            core.setZValue(Z_MUSCLE_EDGE + 0.2)
            added.append(core)
    return added


# After the window's first frame: a zero timer would still run before the first paint.
LOAD_DELAY_MS = 120


class MuscleLayer:
    """Adds the shown muscles' shapes to the chart: where each lies, on the sides its points are shown."""

    def __init__(self, on_ready: Callable[[], None] | None = None) -> None:
        """With `on_ready`, the shapes are read after the window is first painted (they are not
        needed for the first frame) and `on_ready` redraws; without it they are read at once."""
        self._failed = False
        self._on_ready = on_ready
        self._waiting = False

    def _load_later(self) -> None:
        if self._waiting:
            return
        self._waiting = True

        def load() -> None:
            self._waiting = False
            self._on_ready = None  # from now on shapes are read at once (they are cached)
            if self._shape_loaded() and callback is not None:
                callback()

        callback = self._on_ready
        QTimer.singleShot(LOAD_DELAY_MS, load)

    def _shape_loaded(self) -> bool:
        try:
            muscle_shapes.default_shapes()
        except MuscleShapeError as exc:
            log.warning("muscle shapes unusable: %s", exc)
            self._failed = True
            return False
        return True

    @staticmethod
    def matches(view_id: str, drawing: ViewGeometry) -> bool:
        """Muscle shapes are drawn on the bundled figure; another figure (a test's, a pack's) would
        put them in the wrong place, so they are left out there."""
        from studyapp.ui.bodychart_shapes import load_drawings

        return load_drawings().get(view_id) is drawing

    def _shape(self, muscle_id: str, view_id: str) -> MuscleShape | None:
        if self._failed:
            return None
        if self._on_ready is not None and muscle_shapes.default_shapes.cache_info().currsize == 0:
            self._load_later()
            return None
        try:
            return muscle_shapes.shapes_for(muscle_id).get(view_id)
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
        drawing: ViewGeometry,
    ) -> list[QGraphicsItem]:
        items: list[QGraphicsItem] = []
        if not self.matches(view_id, drawing):
            return items
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
                for item in muscle_items(shape, colour, mirrored, parent):
                    item.setPos(offset, 0)
                    items.append(item)
        return items
