"""The exam's result on screen: the score, the time used and a bar per body area."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.exam import AreaScore, ExamReport
from studyapp.ui.qtcompat import emit


def format_clock(left: timedelta) -> str:
    """mm:ss (h:mm:ss past an hour), rounded up so 0:00 means the time is really over."""
    seconds = max(0, int(-(-left.total_seconds() // 1)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def score_colour(widget: QWidget, kind: str) -> QColor:
    dark = _is_dark(widget)
    return QColor(
        {
            "good": "#81c995" if dark else "#188038",
            "fair": "#f6ae2d" if dark else "#c26401",
            "poor": "#ff8a80" if dark else "#c5221f",
            "track": "#3c4043" if dark else "#e3e6ea",
        }[kind]
    )


class AreaBars(QWidget):
    """One horizontal bar per body area: the share of the credit earned, with "score / total"."""

    ROW = 34.0
    MARGIN = 12.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores: tuple[AreaScore, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Score by body area")

    def set_scores(self, scores: Sequence[AreaScore]) -> None:
        self.scores = tuple(scores)
        self.setAccessibleDescription(
            "; ".join(f"{s.label}: {_points(s.score)} of {s.total} ({s.percent:.0f}%)" for s in self.scores)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, int(self.MARGIN * 2 + self.ROW * max(1, len(self.scores))))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, int(self.MARGIN * 2 + self.ROW * max(1, len(self.scores))))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        label_w = min(
            max((metrics.horizontalAdvance(s.label) for s in self.scores), default=0) + 12.0,
            self.width() * 0.4,
        )
        value_w = metrics.horizontalAdvance("100%  (00.5 / 00)") + 12.0
        bar_x = self.MARGIN + label_w
        bar_w = max(40.0, self.width() - bar_x - value_w - self.MARGIN)
        for i, score in enumerate(self.scores):
            top = self.MARGIN + i * self.ROW
            text_rect = QRectF(self.MARGIN, top, label_w - 8, self.ROW - 8)
            painter.setPen(ink)
            label = metrics.elidedText(score.label, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(
                text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), label
            )
            track = QRectF(bar_x, top + 6, bar_w, self.ROW - 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(score_colour(self, "track"))
            painter.drawRoundedRect(track, 4, 4)
            share = score.score / score.total if score.total else 0.0
            kind = "good" if share >= 0.8 else "fair" if share >= 0.5 else "poor"
            if share > 0:
                fill = QRectF(track.left(), track.top(), max(6.0, track.width() * share), track.height())
                painter.setBrush(score_colour(self, kind))
                painter.drawRoundedRect(fill, 4, 4)
            painter.setPen(ink)
            value = f"{score.percent:.0f}%  ({_points(score.score)} / {score.total})"
            value_rect = QRectF(track.right() + 10, top, value_w, self.ROW - 8)
            painter.drawText(
                value_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), value
            )
        painter.end()


def _points(score: float) -> str:
    return f"{score:.1f}".removesuffix(".0")


class ExamReportView(QWidget):
    """The result: total score, time used, and the bars by area; "Back to reviews" leaves exam mode."""

    back = Signal()
    MAX_COLUMN = 760

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: ExamReport | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        column = QWidget()
        column.setMaximumWidth(self.MAX_COLUMN)  # bars across a wide screen are hard to compare
        outer.addStretch(0)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Exam result")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        self.score_label = QLabel()
        big = QFont(self.score_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.score_label.setFont(big)
        self.score_label.setAccessibleName("Exam score")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Exam summary")
        self.bars = AreaBars()
        self.back_button = QPushButton("Back to reviews")
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(lambda: emit(self.back))
        layout.addWidget(title)
        layout.addWidget(self.score_label)
        layout.addWidget(self.summary_label)
        layout.addSpacing(8)
        by_area = QLabel("By body area")
        by_area.setStyleSheet("font-weight: bold")
        layout.addWidget(by_area)
        layout.addWidget(self.bars)
        layout.addSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_report(self, report: ExamReport) -> None:
        self.report = report
        self.score_label.setText(f"{report.percent:.0f}%  ·  {_points(report.score)} / {report.total}")
        used = format_clock(report.elapsed)
        parts = [f"You answered {report.answered} of {report.total} questions in {used}."]
        if report.timed_out:
            parts.append("The time ran out; unanswered questions score zero.")
        parts.append("Your review schedule is unchanged.")
        self.summary_label.setText(" ".join(parts))
        self.bars.set_scores(report.by_area)
