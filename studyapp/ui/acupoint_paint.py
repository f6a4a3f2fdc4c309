"""One scene item that paints a whole acupoint layer: channel lines, point dots, labels, cun scales.

A single item with one `paint` call instead of hundreds of small items keeps a full view (about 150
points and 14 lines) cheap to repaint. Dots, labels and line widths keep their size in pixels
whatever the zoom, on screen and in exports alike (sizes come from the painter's transform).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

DOT_RADIUS_PX = 3.6
LINE_WIDTH_PX = 2.0
HALO_WIDTH_PX = 4.5
LABEL_PT = 7.0
LABEL_CELL_PX = 4.0  # grid for keeping labels apart
Z_ACUPOINTS = 30.0  # above zones, fills and trigger-point markers' halos, below the selection outline


@dataclass(slots=True)
class Dot:
    x: float  # scene units
    y: float
    colour: QColor
    label: str = ""


@dataclass(slots=True)
class Line:
    path: QPainterPath  # scene units
    colour: QColor
    dashed: bool = False


@dataclass(slots=True)
class Ticks:
    """A cun scale: its line, one short tick per cun across it, and a few labels."""

    line: QPainterPath
    ticks: list[tuple[QPointF, QPointF]]  # (position, unit vector along the scale)
    labels: list[tuple[QPointF, str]]
    colour: QColor


@dataclass(slots=True)
class LayerPicture:
    lines: list[Line] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    scales: list[Ticks] = field(default_factory=list)
    halo: QColor = field(default_factory=lambda: QColor("#ffffff"))
    ink: QColor = field(default_factory=lambda: QColor("#000000"))


class LayerItem(QGraphicsItem):
    """Paints a `LayerPicture`; mouse events pass through to the canvas."""

    def __init__(self, picture: LayerPicture) -> None:
        super().__init__()
        self.picture = picture
        self.setZValue(Z_ACUPOINTS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        box = QRectF()
        for line in picture.lines:
            box = box.united(line.path.boundingRect())
        for scale in picture.scales:
            box = box.united(scale.line.boundingRect())
        for dot in picture.dots:
            box = box.united(QRectF(dot.x - 1, dot.y - 1, 2, 2))
        self._box = box.adjusted(-60, -30, 60, 30)  # room for labels drawn in pixels beside the dots
        self._font = QFont()
        self._font.setPointSizeF(LABEL_PT)
        self._widths: dict[str, int] = {}

    def boundingRect(self) -> QRectF:
        return self._box

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        pic = self.picture
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = max(painter.worldTransform().m11(), 1e-6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for line in pic.lines:
            halo = QPen(pic.halo, HALO_WIDTH_PX / scale)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(line.path)
            pen = QPen(line.colour, LINE_WIDTH_PX / scale)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPath(line.path)
        for ticks in pic.scales:
            self._paint_scale(painter, ticks, scale)
        radius = DOT_RADIUS_PX / scale
        painter.setPen(QPen(pic.halo, 1.2 / scale))
        for dot in pic.dots:
            painter.setBrush(QBrush(dot.colour))
            painter.drawEllipse(QPointF(dot.x, dot.y), radius, radius)
        self._paint_labels(painter, scale)
        painter.restore()

    def _paint_scale(self, painter: QPainter, ticks: Ticks, scale: float) -> None:
        painter.setPen(QPen(self.picture.halo, HALO_WIDTH_PX / scale))
        painter.drawPath(ticks.line)
        pen = QPen(ticks.colour, 1.4 / scale)
        painter.setPen(pen)
        painter.drawPath(ticks.line)
        half = 5.0 / scale
        for at, along in ticks.ticks:
            across = QPointF(-along.y() * half, along.x() * half)
            painter.drawLine(at - across, at + across)

    def _paint_labels(self, painter: QPainter, scale: float) -> None:
        """Labels in device pixels, so the text stays readable at every zoom. A label that would
        overlap one already drawn is left out (zooming in brings it back); the dot stays."""
        pic = self.picture
        transform = painter.worldTransform()
        painter.resetTransform()
        painter.setFont(self._font)
        metrics = painter.fontMetrics()
        height, ascent = metrics.height(), metrics.ascent()
        taken: set[tuple[int, int]] = set()

        def free(x: float, y: float, text: str) -> bool:
            width = self._widths.get(text)
            if width is None:
                width = self._widths[text] = metrics.horizontalAdvance(text)
            top = y - ascent
            cells = {
                (i, j)
                for i in range(int(x // LABEL_CELL_PX), int((x + width) // LABEL_CELL_PX) + 1)
                for j in range(int(top // LABEL_CELL_PX), int((top + height) // LABEL_CELL_PX) + 1)
            }
            if cells & taken:
                return False
            taken.update(cells)
            return True

        for ticks in pic.scales:
            for position, text in ticks.labels:  # left of the scale: point labels sit on the right
                at = transform.map(position)
                left = at.x() - 8.0 - metrics.horizontalAdvance(text)
                if free(left, at.y() + 3.0, text):
                    self._outlined_text(painter, QPointF(left, at.y() + 3.0), text, ticks.colour)
        offset = DOT_RADIUS_PX + 2.0
        for dot in pic.dots:
            if not dot.label:
                continue
            at = transform.map(QPointF(dot.x, dot.y))
            x, y = at.x() + offset, at.y() + 3.0
            if free(x, y, dot.label):
                self._outlined_text(painter, QPointF(x, y), dot.label, pic.ink)
        painter.setTransform(transform)

    def _outlined_text(self, painter: QPainter, at: QPointF, text: str, ink: QColor) -> None:
        painter.setPen(self.picture.halo)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            painter.drawText(at + QPointF(dx, dy), text)
        painter.setPen(ink)
        painter.drawText(at, text)
