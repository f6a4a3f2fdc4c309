"""Drawing one muscle on the body chart, the way anatomy atlases and trigger-point manuals do.

Superficial muscles get a light fill, a thin darker outline and a few fibre lines, so the student
sees the direction the muscle pulls; deep muscles get a dashed outline and only a faint wash, so the
muscles over them stay readable. The origin is a solid dark mark and the insertion a hollow one
(a dot for a point attachment, a short bar along a line), the same in the legend.

The painter is expected in view units (the caller scales it); line widths are cosmetic (pixels) so
the muscle reads the same at any size.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from studyapp.bodychart.muscle_shapes import MuscleShape, Point, catmull_rom

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
