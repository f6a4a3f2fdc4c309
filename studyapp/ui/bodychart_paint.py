"""Painting pieces shared by the chart on screen and its PNG/SVG export: markers (an X), hatch
(compare mode), legend.

Kept apart from the widget so the export draws exactly what the screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from studyapp.bodychart.overlay import SINGLE_COLOUR
from studyapp.ui.bodychart_muscles import SINGLE_MUSCLE_COLOUR, SUPERFICIAL_FILL_ALPHA
from studyapp.ui.bodychart_shapes import Point, hatch_segments

MARKER_RADIUS_PX = 7.0
MIN_MARKER_RADIUS_PX = 4.5
FULL_SIZE_PPU = 0.6  # from this many pixels per view unit (a 600 px tall figure) markers are full size
HATCH_SPACING = 7.0  # view units between hatch lines
HATCH_WIDTH_PX = 1.6
SPILLOVER_TINT_ALPHA = 0.10  # a faint wash under the stipple, so a sparse zone still reads as one


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def contrast_ink(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour` (relative luminance, WCAG)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )
    return QColor("#000000") if lum > 0.30 else QColor("#ffffff")


def figure_colours(palette: QPalette) -> dict[str, QColor]:
    """Figure colours from the palette, so the figure is legible in light and dark themes."""
    dark = is_dark(palette)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    skin = QColor("#3a3d44") if dark else QColor("#fbfaf8")
    border = QColor(text)
    border.setAlphaF(0.28 if dark else 0.22)
    contour = QColor(text)
    contour.setAlphaF(0.45 if dark else 0.38)
    return {
        "background": window,
        "skin": skin,
        "outline": text,
        "border": border,
        "contour": contour,
        "text": text,
        "highlight": palette.color(QPalette.ColorRole.Highlight),
    }


def hatch_path(points: list[Point], angle: float, spacing: float = HATCH_SPACING) -> QPainterPath:
    path = QPainterPath()
    for (x1, y1), (x2, y2) in hatch_segments(points, angle, spacing):
        path.moveTo(x1, y1)
        path.lineTo(x2, y2)
    return path


def marker_ink(colour: QColor, halo: QColor) -> QColor:
    """The X in the muscle's colour, darkened on a light figure (nearly black, as in the manuals)
    and lightened on a dark one, so it reads on top of its own solid zone."""
    return QColor(colour).lighter(165) if halo.lightnessF() < 0.5 else QColor(colour).darker(250)


def _cross(arm: float) -> QPainterPath:
    cross = QPainterPath()
    cross.moveTo(-arm, -arm)
    cross.lineTo(arm, arm)
    cross.moveTo(-arm, arm)
    cross.lineTo(arm, -arm)
    return cross


def paint_marker(painter: QPainter, centre: QPointF, radius: float, colour: QColor, halo: QColor) -> None:
    """The chart convention for a trigger point: an X (with a thin halo so it reads on any zone)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(centre)
    cross = _cross(radius * 0.8)
    cap = Qt.PenCapStyle.RoundCap
    painter.setPen(QPen(halo, radius * 0.75, Qt.PenStyle.SolidLine, cap))
    painter.drawPath(cross)
    painter.setPen(QPen(marker_ink(colour, halo), radius * 0.36, Qt.PenStyle.SolidLine, cap))
    painter.drawPath(cross)
    painter.restore()


class MarkerItem(QGraphicsPathItem):
    """A trigger-point marker (an X over a halo) that keeps its size whatever the zoom.

    Built from stock items, so Qt paints it without calling back into Python on every frame.
    """

    def __init__(
        self, colour: QColor, halo: QColor, label: str, muscle_id: str = "", tp_id: str = ""
    ) -> None:
        r = MARKER_RADIUS_PX
        super().__init__(_cross(r * 0.8))
        self._label = label
        self.muscle_id = muscle_id
        self.tp_id = tp_id
        self.colour = QColor(colour)
        cap = Qt.PenCapStyle.RoundCap
        self.setPen(QPen(marker_ink(colour, halo), r * 0.36, Qt.PenStyle.SolidLine, cap))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        ring = QGraphicsPathItem(_cross(r * 0.8), self)
        ring.setPen(QPen(halo, r * 0.75, Qt.PenStyle.SolidLine, cap))
        ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)

    def set_pixel_scale(self, pixels_per_unit: float) -> None:
        """Undo the view's zoom so the marker keeps MARKER_RADIUS_PX on screen and in exports.

        On a figure drawn very small (a narrow dock) it shrinks a little, so it never hides the
        zone it sits in; zooming in never makes it bigger.
        """
        ppu = max(pixels_per_unit, 1e-6)
        radius = min(MARKER_RADIUS_PX, max(MIN_MARKER_RADIUS_PX, MARKER_RADIUS_PX * ppu / FULL_SIZE_PPU))
        self.setScale(radius / MARKER_RADIUS_PX / ppu)

    @property
    def label(self) -> str:
        return self._label


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    colour: str
    hatch_angle: int


def legend_size(entries: list[LegendEntry], font: QFont) -> tuple[float, float]:
    metrics = QFontMetricsF(font)
    line = metrics.height() * 1.35
    keys = ["Essential zone", "Spillover zone", "Trigger point"]
    width = max(metrics.horizontalAdvance(t) for t in [*(e.label for e in entries), *keys]) + line * 1.6 + 16
    return width, line * (len(entries) + len(keys)) + 12 + (line * 0.4 if entries else 0)


def paint_legend(
    painter: QPainter, top_left: QPointF, entries: list[LegendEntry], palette: QPalette, font: QFont
) -> QRectF:
    """Muscle names with their colours, then the key (essential, spillover, trigger point)."""
    colours = figure_colours(palette)
    metrics = QFontMetricsF(font)
    line = metrics.height() * 1.35
    width, height = legend_size(entries, font)
    box = QRectF(top_left, top_left + QPointF(width, height))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    back = QColor(colours["background"])
    back.setAlphaF(0.88)
    painter.setPen(QPen(colours["border"], 1))
    painter.setBrush(back)
    painter.drawRoundedRect(box, 6, 6)
    swatch = metrics.height() * 0.95
    x = box.left() + 8
    y = box.top() + 6
    key_colour = QColor(entries[0].colour) if len(entries) == 1 else QColor(colours["text"])
    rows: list[tuple[str, str, QColor, int]] = [
        (e.label, "muscle", QColor(e.colour), e.hatch_angle) for e in entries
    ]
    compare = len(entries) > 1  # compared muscles: essential zones are outlined, lightly filled
    rows += [
        (label, "essential_outline" if compare and kind == "essential" else kind, key_colour, 45)
        for label, kind in KEY_ROWS
    ]
    for i, (label, kind, colour, angle) in enumerate(rows):
        if i == len(entries) and entries:
            y += line * 0.4
        rect = QRectF(x, y + (line - swatch) / 2, swatch * 1.3, swatch)
        paint_swatch(painter, rect, kind, colour, angle, colours["background"])
        painter.setPen(colours["text"])
        painter.drawText(
            QRectF(rect.right() + 8, y, width, line),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            label,
        )
        y += line
    painter.restore()
    return box


KEY_ROWS = (
    ("Muscle", "muscle_shape"),
    ("Essential zone", "essential"),
    ("Spillover zone", "spillover"),
    ("Trigger point", "marker"),
)


def paint_swatch(
    painter: QPainter, rect: QRectF, kind: str, colour: QColor, angle: int, background: QColor
) -> None:
    """A legend sample: solid ("muscle", "essential"), stippled ("spillover") or an X ("marker")."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if kind == "muscle_shape":
        # The muscle as the chart draws it: a light fill, a darker edge, the origin a dark dot.
        tone = QColor(SINGLE_MUSCLE_COLOUR) if colour == QColor(SINGLE_COLOUR) else QColor(colour)
        fill = QColor(tone)
        fill.setAlphaF(SUPERFICIAL_FILL_ALPHA)
        painter.setPen(QPen(tone.darker(160), 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 1.5, -0.5, -1.5), rect.height() / 2.5, rect.height() / 2.5)
        painter.setBrush(tone.darker(160))
        painter.drawEllipse(QPointF(rect.left() + rect.height() * 0.35, rect.center().y()), 1.6, 1.6)
    elif kind == "essential_outline":
        fill = QColor(colour)
        fill.setAlphaF(0.3)
        painter.setPen(QPen(colour, 2.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    elif kind in ("muscle", "essential"):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(rect)
    elif kind == "spillover":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        step = max(3.0, rect.height() / 3.2)
        dot = step * 0.2
        row = 0
        y = rect.top() + step / 2
        while y < rect.bottom():
            x = rect.left() + step / 2 + (step / 2 if row % 2 else 0.0)
            while x < rect.right():
                painter.drawEllipse(QPointF(x, y), dot, dot)
                x += step
            y += step * 0.87
            row += 1
    else:
        paint_marker(painter, rect.center(), rect.height() * 0.45, colour, background)
    painter.restore()
