"""Export the chart's current view to PNG or SVG: title band on top, figure, legend on the right.

The whole view is exported whatever the zoom, so a saved chart is complete and printable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator

from studyapp.ui.bodychart_paint import figure_colours, legend_size, paint_legend

if TYPE_CHECKING:
    from studyapp.ui.bodychart_canvas import BodyChartCanvas

MARGIN = 12.0
# Markers keep the size they have on a typical screen relative to the figure (about 9 units).
MARKER_PIXELS_PER_UNIT = 0.75


def _font(canvas: BodyChartCanvas, scale: float) -> QFont:
    font = QFont(canvas.font())
    font.setPointSizeF(max(8.0, 7.5 * scale))
    return font


def _layout(canvas: BodyChartCanvas, scale: float) -> tuple[QRectF, QRectF, float, float, float]:
    """(scene source, figure target, title band height, image width, image height)."""
    source = canvas.content_rect().adjusted(-10, -10, 10, 10)
    font = _font(canvas, scale)
    title_h = QFontMetricsF(font).height() * 2.0 + MARGIN
    entries = canvas.legend_entries()
    legend_w, legend_h = legend_size(entries, font) if entries else (0.0, 0.0)
    target = QRectF(0, title_h, source.width() * scale, source.height() * scale)
    width = target.width() + (legend_w + 2 * MARGIN if entries else 0)
    height = title_h + max(target.height(), legend_h + MARGIN)
    return source, target, title_h, width, height


def _paint(canvas: BodyChartCanvas, painter: QPainter, scale: float) -> None:
    source, target, title_h, width, height = _layout(canvas, scale)
    colours = figure_colours(canvas.palette())
    font = _font(canvas, scale)
    painter.fillRect(QRectF(0, 0, width, height), colours["background"])
    canvas.render_scene(painter, target, source, MARKER_PIXELS_PER_UNIT)
    entries = canvas.legend_entries()
    if entries:
        paint_legend(painter, QPointF(target.right() + MARGIN, title_h), entries, canvas.palette(), font)
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSizeF(font.pointSizeF() * 1.25)
    painter.setFont(title_font)
    painter.setPen(colours["text"])
    names = " vs ".join(e.label for e in entries) if entries else "No muscle shown"
    side = canvas.overlay.side.value
    title = f"{names} — {canvas.view_label(canvas.current_view())}, {side} side" + (
        "s" if side == "both" else ""
    )
    painter.drawText(
        QRectF(MARGIN, MARGIN / 2, width - 2 * MARGIN, title_h - MARGIN / 2),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        title,
    )


def export_png(canvas: BodyChartCanvas, path: str | Path, scale: float = 2.0) -> bool:
    *_, width, height = _layout(canvas, scale)
    image = QImage(round(width), round(height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _paint(canvas, painter, scale)
    painter.end()
    writer = QImageWriter(str(path))
    writer.setFormat(b"png")  # whatever the file name ends with
    return writer.write(image)


def export_svg(canvas: BodyChartCanvas, path: str | Path) -> bool:
    scale = 1.0
    *_, width, height = _layout(canvas, scale)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(width), round(height)))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(f"Body chart: {canvas.view_label(canvas.current_view())}")
    generator.setDescription(", ".join(e.label for e in canvas.legend_entries()) or "No muscle shown")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _paint(canvas, painter, scale)
    return painter.end()
