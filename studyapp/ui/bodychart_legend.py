"""The legend's pieces: a colour swatch per muscle and the key that explains solid and stippled zones."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from studyapp.bodychart.overlay import SINGLE_COLOUR
from studyapp.ui.bodychart_paint import KEY_ROWS, paint_swatch


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class LegendKey(QLabel):
    """One line under the figure: what solid, dotted and the X mean, in the shown colour.

    Drawn into a pixmap when it changes, not on every paint: Python paint code runs per frame.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor(SINGLE_COLOUR)
        self._compare = False
        self.setAccessibleName("Key: solid is the essential zone, dots the spillover zone, X a trigger point")
        self.setToolTip("Solid: essential zone · dots: spillover zone · X: trigger point")
        self.render_key()

    @property
    def colour(self) -> QColor:
        return self._colour

    def set_colour(self, colour: QColor, compare: bool = False) -> None:
        """The key's ink; `compare` when several muscles are shown (essential zones outlined)."""
        self._colour = QColor(colour)
        self._compare = compare
        self.render_key()

    def render_key(self) -> None:
        metrics = self.fontMetrics()
        swatch = metrics.height() * 0.9
        widths = [swatch * 1.3 + 5 + metrics.horizontalAdvance(label) + 14 for label, _ in KEY_ROWS]
        ratio = self.devicePixelRatioF()
        height = metrics.height() * 1.5
        pixmap = QPixmap(round(sum(widths) * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setFont(self.font())
        x = 2.0
        for (label, kind), width in zip(KEY_ROWS, widths, strict=True):
            rect = QRectF(x, (height - swatch) / 2, swatch * 1.3, swatch)
            shown = "essential_outline" if self._compare and kind == "essential" else kind
            paint_swatch(
                painter, rect, shown, self._colour, 45, self.palette().color(QPalette.ColorRole.Window)
            )
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text_rect = QRectF(rect.right() + 5, 0, width, height)
            painter.drawText(
                text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), label
            )
            x += width
        painter.end()
        self.setPixmap(pixmap)
