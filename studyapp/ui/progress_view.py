"""Study progress drawn with QPainter: headline numbers, reviews per day, upcoming load, mastery.

Everything shown comes from a `ProgressReport` (studyapp.quiz.progress); the widget only lays it
out, so `set_report()` after each answer (or when the tab is shown) is all the wiring it needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from studyapp.quiz.progress import DayCount, ProgressReport

MARGIN = 16.0
GAP = 18.0


@dataclass(frozen=True, slots=True)
class _Tip:
    rect: QRectF
    text: str


def _month_day(day: DayCount) -> str:
    return f"{day.day.day} {day.day.strftime('%b')}"


class ProgressView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: ProgressReport | None = None
        self.names: dict[str, str] = {}
        self._tips: list[_Tip] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Study progress")

    def set_report(self, report: ProgressReport, muscle_names: Mapping[str, str] | None = None) -> None:
        self.report = report
        self.names = dict(muscle_names or {})
        retention = "no reviews yet" if report.retention is None else f"{report.retention:.0%}"
        self.setAccessibleDescription(
            f"{report.reviews_total} reviews; retention {retention}; "
            f"{report.cards_seen} of {report.cards_total} cards seen; {len(report.leeches)} leeches"
        )
        self._fit_height()
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, self.heightForWidth(800))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 360)

    # -- size: every muscle has a row, so the height grows with the atlas (the tab scrolls) ----------
    def _columns(self, width: float) -> int:
        return max(1, min(3, int((width - 2 * MARGIN) // 340)))

    def _row_h(self) -> float:
        return self.fontMetrics().height() + 8.0

    def _charts_h(self, width: float) -> float:
        return max(150.0, min(width * 0.25, 260.0))

    def _tiles_h(self, width: float) -> float:
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.9)
        return QFontMetrics(big).height() + self.fontMetrics().height() * 3 + 8.0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """Tiles, the two charts and one row per muscle in as many columns as fit."""
        muscles = len(self.report.mastery) if self.report is not None else 0
        rows = -(-muscles // self._columns(width)) if muscles else 1
        body = self._tiles_h(width) + GAP + self._charts_h(width) + GAP
        return int(2 * MARGIN + body + self._row_h() * (rows + 1) + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Ask the enclosing scroll area for room for every row at this width."""
        needed = self.heightForWidth(max(1, self.width()))
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    # -- colours -----------------------------------------------------------------------------------
    def _ink(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _muted(self) -> QColor:
        ink, bg = self._ink(), self.palette().color(QPalette.ColorRole.Window)
        return QColor(
            (ink.red() + bg.red() * 2) // 3 + 10,
            (ink.green() + bg.green() * 2) // 3 + 10,
            (ink.blue() + bg.blue() * 2) // 3 + 10,
        ).darker(130 if bg.lightness() > 128 else 70)

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _accent(self, kind: str) -> QColor:
        dark = self._dark()
        colours = {
            "reviews": "#8ab4f8" if dark else "#1a73e8",
            "upcoming": "#f6ae2d" if dark else "#c26401",
            "weak": "#ff8a80" if dark else "#c5221f",
            "strong": "#81c995" if dark else "#188038",
        }
        return QColor(colours[kind])

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._tips = []
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if self.report is None:
            painter.setPen(self._muted())
            painter.drawText(
                area, int(Qt.AlignmentFlag.AlignCenter), "No progress yet: study a few cards first."
            )
            painter.end()
            return
        try:
            self._paint_report(painter, area)
        finally:
            painter.end()  # an active painter left behind by an exception would crash Qt later

    def _paint_report(self, painter: QPainter, area: QRectF) -> None:
        tiles_h = self._paint_tiles(painter, area)
        rest = area.adjusted(0, tiles_h + GAP, 0, 0)
        charts_h = self._charts_h(area.width() + 2 * MARGIN)
        half = (rest.width() - GAP) / 2
        report = self.report
        assert report is not None  # paintEvent draws the empty state itself
        self._paint_bars(
            painter,
            QRectF(rest.left(), rest.top(), half, charts_h),
            "Reviews per day (last 30 days)",
            report.reviews_per_day,
            self._accent("reviews"),
            highlight=len(report.reviews_per_day) - 1,
            empty="No reviews in the last 30 days",
            unit="reviews",
        )
        self._paint_bars(
            painter,
            QRectF(rest.left() + half + GAP, rest.top(), half, charts_h),
            "Due per day (next 30 days)",
            report.upcoming,
            self._accent("upcoming"),
            highlight=0,
            empty="Nothing scheduled yet",
            unit="due",
        )
        self._paint_mastery(painter, rest.adjusted(0, charts_h + GAP, 0, 0))

    def _paint_tiles(self, painter: QPainter, area: QRectF) -> float:
        report = self.report
        assert report is not None
        today = report.reviews_per_day[-1].count if report.reviews_per_day else 0
        retention = "–" if report.retention is None else f"{report.retention:.0%}"
        tiles = [
            (str(today), "reviews today"),
            (retention, f"retention, 30 days ({report.retention_reviews} reviews)"),
            (f"{report.cards_seen}/{report.cards_total}", "cards seen"),
            (str(len(report.leeches)), "leeches" if len(report.leeches) != 1 else "leech"),
        ]
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.9)
        big.setBold(True)
        small = QFont(self.font())
        width = (area.width() - GAP * (len(tiles) - 1)) / len(tiles)
        widest = max((value for value, _ in tiles), key=QFontMetrics(big).horizontalAdvance)
        while big.pointSizeF() > self.font().pointSizeF() and (
            QFontMetrics(big).horizontalAdvance(widest) > width - 20
        ):
            big.setPointSizeF(big.pointSizeF() - 0.5)  # a narrow window shrinks the figures, never cuts them
        big_m, small_m = QFontMetrics(big), QFontMetrics(small)
        wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        label_h = max(
            small_m.boundingRect(QRect(0, 0, max(1, int(width) - 20), 1000), wrap, label).height()
            for _, label in tiles
        )
        height = big_m.height() + max(label_h, small_m.height() * 2) + 8
        for i, (value, label) in enumerate(tiles):
            rect = QRectF(area.left() + i * (width + GAP), area.top(), width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setFont(big)
            painter.setPen(self._accent("weak") if (i == 3 and report.leeches) else self._ink())
            painter.drawText(rect.adjusted(10, 4, -10, 0), int(Qt.AlignmentFlag.AlignLeft), value)
            painter.setFont(small)
            painter.setPen(self._muted())
            label_rect = rect.adjusted(10, big_m.height() + 4, -10, -2)
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            painter.drawText(label_rect, flags, label)
        painter.setFont(self.font())
        return height

    def _paint_bars(
        self,
        painter: QPainter,
        rect: QRectF,
        title: str,
        days: Sequence[DayCount],
        colour: QColor,
        *,
        highlight: int,
        empty: str,
        unit: str,
    ) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(self._ink())
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), line), int(Qt.AlignmentFlag.AlignLeft), title
        )
        painter.setFont(self.font())
        peak = max((d.count for d in days), default=0)
        axis_w = metrics.horizontalAdvance(str(max(peak, 10))) + 6
        plot = QRectF(
            rect.left() + axis_w, rect.top() + line + 8, rect.width() - axis_w, rect.height() - 2 * line - 14
        )
        painter.setPen(QPen(self._muted(), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if peak == 0:
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), empty)
            return
        painter.drawText(
            QRectF(rect.left(), plot.top() - line / 2, axis_w - 4, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(peak),
        )
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left() + 4, plot.top()))
        slot = plot.width() / max(1, len(days))
        bar_w = max(1.0, slot * 0.72)
        label_every = 7 if slot * 7 > metrics.horizontalAdvance("30 Mar") + 6 else 14
        for i, day in enumerate(days):
            x = plot.left() + i * slot + (slot - bar_w) / 2
            h = plot.height() * day.count / peak
            bar = QRectF(x, plot.bottom() - h, bar_w, h)
            fill = QColor(colour)
            if i != highlight:
                fill.setAlpha(170)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRect(bar)
            self._tips.append(
                _Tip(
                    QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()),
                    f"{_month_day(day)}: {day.count} {unit}",
                )
            )
            last = i == len(days) - 1
            if last or (i % label_every == 0 and len(days) - 1 - i >= label_every // 2):
                painter.setPen(self._muted())
                text = "today" if i == highlight else _month_day(day)
                width = metrics.horizontalAdvance(text)
                left = min(max(rect.left(), x + bar_w / 2 - width / 2), rect.right() - width)
                painter.drawText(
                    QRectF(left, plot.bottom() + 3, width + 2, line), int(Qt.AlignmentFlag.AlignLeft), text
                )

    def _paint_mastery(self, painter: QPainter, rect: QRectF) -> None:
        report = self.report
        assert report is not None
        metrics = self.fontMetrics()
        line = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(self._ink())
        title = "Mastery per muscle (weakest first; muscles not studied yet last)"
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), line), int(Qt.AlignmentFlag.AlignLeft), title
        )
        painter.setFont(self.font())
        studied = report.studied
        items = sorted(
            report.mastery.items(),
            key=lambda kv: (kv[0] not in studied, kv[1], self.names.get(kv[0], kv[0])),
        )
        if not items:
            painter.setPen(self._muted())
            painter.drawText(
                rect.adjusted(0, line + 6, 0, 0), int(Qt.AlignmentFlag.AlignLeft), "No muscles in this deck."
            )
            return
        row_h = self._row_h()
        body = rect.adjusted(0, line + 8, 0, 0)
        columns = self._columns(self.width())
        rows = max(1, -(-len(items) // columns))  # every muscle has a row: the tab scrolls
        shown = items
        col_w = (body.width() - GAP * (columns - 1)) / columns
        longest = max((metrics.horizontalAdvance(self.names.get(m, m)) for m, _ in shown), default=0)
        label_w = min(col_w * 0.5, longest + 8)  # `shown` is empty when only the "+N more" line fits
        weak, strong = self._accent("weak"), self._accent("strong")
        for index, (muscle_id, value) in enumerate(shown):
            col, row = divmod(index, rows)
            x = body.left() + col * (col_w + GAP)
            y = body.top() + row * row_h
            name = metrics.elidedText(
                self.names.get(muscle_id, muscle_id), Qt.TextElideMode.ElideRight, int(label_w - 6)
            )
            painter.setPen(self._ink())
            painter.drawText(QRectF(x, y, label_w, row_h), int(Qt.AlignmentFlag.AlignVCenter), name)
            percent = f"{value:.0%}" if muscle_id in studied else "new"
            pct_w = metrics.horizontalAdvance("100%") + 6
            track = QRectF(x + label_w, y + 4, col_w - label_w - pct_w, row_h - 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(track, 3, 3)
            mix = weak if value < 0.5 else (self._accent("upcoming") if value < 0.8 else strong)
            painter.setBrush(mix)
            if value > 0:
                painter.drawRoundedRect(
                    QRectF(track.left(), track.top(), max(3.0, track.width() * value), track.height()), 3, 3
                )
            painter.setPen(self._muted())
            painter.drawText(
                QRectF(track.right() + 4, y, pct_w, row_h), int(Qt.AlignmentFlag.AlignVCenter), percent
            )
            self._tips.append(
                _Tip(
                    QRectF(x, y, col_w, row_h),
                    f"{self.names.get(muscle_id, muscle_id)}: "
                    + (percent if muscle_id in studied else "not studied yet"),
                )
            )

    def tooltip_at(self, pos: QPointF) -> str:
        return next((tip.text for tip in self._tips if tip.rect.contains(pos)), "")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
