"""The exam's result on screen: the score, the time used, a bar per body area, and every question
with the student's answer, the right one and a link to the muscle; retake the missed ones, or save
the whole result as a PDF."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.exam import AreaScore, ExamReport, QuestionReview
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


def review_html(reviews: Sequence[QuestionReview], names: dict[str, str], colours: dict[str, str]) -> str:
    """Every question: ✓/✗, the prompt, your answer, the right answer and a link to the muscle."""
    rows = []
    for r in reviews:
        mark, colour = ("✓", colours["right"]) if r.correct else ("✗", colours["wrong"])
        yours = html.escape(r.your_answer) if r.your_answer else "<i>not answered</i>"
        name = html.escape(names.get(r.muscle_id, r.muscle_id))
        link = f' · <a href="muscle:{html.escape(r.muscle_id)}">Open {name}</a>' if r.muscle_id else ""
        rows.append(
            f"<p><b style='color:{colour}'>{mark} {r.number}.</b> {html.escape(r.prompt)}<br>"
            f"Your answer: {yours}<br>"
            f"Right answer: <b>{html.escape(r.right_answer)}</b>{link}</p>"
        )
    return "".join(rows)


class ExamReportView(QWidget):
    """The result: total score, time used, the bars by area and every question; "Back to reviews"
    leaves exam mode, "Retake the missed" starts a new exam of the missed questions."""

    back = Signal()
    retake = Signal()
    muscleChosen = Signal(str)
    MAX_COLUMN = 760

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: ExamReport | None = None
        self.reviews: tuple[QuestionReview, ...] = ()
        self.names: dict[str, str] = {}
        self._colours = {"right": "#1e7d32", "wrong": "#b3261e"}
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
        self.back_button.clicked.connect(self.back)
        self.retake_button = QPushButton("Retake the missed")
        self.retake_button.setToolTip("A new timed exam of only the questions you missed")
        self.retake_button.clicked.connect(self.retake)
        self.pdf_button = QPushButton("Save as PDF…")
        self.pdf_button.setToolTip("The score, the areas and every question with its answers, as a PDF")
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.questions = QTextBrowser()
        self.questions.setAccessibleName("Every question with your answer and the right one")
        self.questions.setOpenLinks(False)
        self.questions.anchorClicked.connect(self._on_link)
        self.questions.setMinimumHeight(160)
        layout.addWidget(title)
        layout.addWidget(self.score_label)
        layout.addWidget(self.summary_label)
        layout.addSpacing(8)
        by_area = QLabel("By body area")
        by_area.setStyleSheet("font-weight: bold")
        layout.addWidget(by_area)
        layout.addWidget(self.bars)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(self.retake_button)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        each = QLabel("Every question")
        each.setStyleSheet("font-weight: bold")
        layout.addWidget(each)
        layout.addWidget(self.questions, 1)
        for button in (self.back_button, self.retake_button, self.pdf_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays "Back to reviews"

    def set_report(
        self,
        report: ExamReport,
        reviews: Sequence[QuestionReview] = (),
        names: dict[str, str] | None = None,
        colours: dict[str, str] | None = None,
    ) -> None:
        self.report = report
        self.reviews = tuple(reviews)
        self.names = dict(names or {})
        self.score_label.setText(f"{report.percent:.0f}%  ·  {_points(report.score)} / {report.total}")
        used = format_clock(report.elapsed)
        parts = [f"You answered {report.answered} of {report.total} questions in {used}."]
        if report.timed_out:
            parts.append("The time ran out; unanswered questions score zero.")
        parts.append("Your review schedule is unchanged.")
        self.summary_label.setText(" ".join(parts))
        self.bars.set_scores(report.by_area)
        if colours:
            self._colours = colours
        self.questions.setHtml(review_html(self.reviews, self.names, self._colours))
        missed = sum(1 for r in self.reviews if not r.correct)
        self.retake_button.setText(f"Retake the missed ({missed})")
        self.retake_button.setEnabled(missed > 0)

    def _on_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("muscle:"):
            emit(self.muscleChosen, target.removeprefix("muscle:"))

    def result_html(self) -> str:
        """The whole result as one document (for the PDF): score, summary, areas, every question."""
        report = self.report
        if report is None:
            return ""
        areas = "".join(
            f"<tr><td>{html.escape(a.label)}</td><td>{a.percent:.0f}%</td>"
            f"<td>{_points(a.score)} / {a.total}</td></tr>"
            for a in report.by_area
        )
        return (
            f"<h1>Exam result: {report.percent:.0f}%</h1>"
            f"<p>{html.escape(self.summary_label.text())}</p>"
            f"<h2>By body area</h2><table cellpadding='4'>{areas}</table>"
            f"<h2>Every question</h2>{review_html(self.reviews, self.names, self._colours)}"
        )

    def save_pdf(self, path: Path) -> Path:
        """Write the result to `path` as an A4 PDF; raises OSError when it cannot be written."""
        writer = QPdfWriter(str(path))
        writer.setTitle("studyapp exam result")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        document = QTextDocument()
        document.setHtml(self.result_html())
        document.print_(writer)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"could not write {path}")
        return path

    def ask_pdf(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the exam result", "exam-result.pdf", "PDF (*.pdf)"
        )
        if name:
            try:
                self.save_pdf(Path(name))
            except OSError as error:
                self.summary_label.setText(f"{self.summary_label.text()} The PDF was not saved: {error}.")
