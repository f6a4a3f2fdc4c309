"""Exam mode on screen: a setup dialog, timed questions one at a time, and a score report by area.

The view only draws an `Exam` (studyapp.quiz.exam) and passes answers to it; the exam never sees the
review store, so nothing done here can change the schedule. Keys: 1-9 pick (or tick) an option,
Enter confirms and moves on (an empty answer skips the question).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.cards import CARD_TYPES, AnswerKind, Template
from studyapp.quiz.exam import AreaScore, Exam, ExamClosed, ExamReport
from studyapp.quiz.questions import AnswerMode, Question
from studyapp.ui.qtcompat import emit
from studyapp.ui.quiz_chart import ChartFactory, QuizChart, TextChart
from studyapp.ui.quiz_view import KIND_LABELS

# answerable by choice: not the cards answered by clicking the chart (referral zones, locating a point)
EXAM_TEMPLATES = frozenset(t for t in Template if CARD_TYPES[t].answer is not AnswerKind.REGIONS)
OPTION_STYLE = (
    "QPushButton { text-align: left; padding: 6px 10px }"
    " QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); border-radius: 3px }"
)
PICTURE_TEMPLATES = {Template.REFERRAL_TO_MUSCLE, Template.REGION_TO_MUSCLES}


def format_clock(left: timedelta) -> str:
    """mm:ss (h:mm:ss past an hour), rounded up so 0:00 means the time is really over."""
    seconds = max(0, int(-(-left.total_seconds() // 1)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _colour(widget: QWidget, kind: str) -> QColor:
    dark = _is_dark(widget)
    return QColor(
        {
            "good": "#81c995" if dark else "#188038",
            "fair": "#f6ae2d" if dark else "#c26401",
            "poor": "#ff8a80" if dark else "#c5221f",
            "track": "#3c4043" if dark else "#e3e6ea",
        }[kind]
    )


class ExamSetupDialog(QDialog):
    """Number of questions and time limit for an exam on the current deck."""

    def __init__(self, deck_name: str, available: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start an exam")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.deck_label = QLabel(f"{deck_name} ({available} questions available)")
        self.deck_label.setAccessibleName("Exam deck")
        form.addRow("Deck:", self.deck_label)
        self.questions_spin = QSpinBox()
        self.questions_spin.setRange(1, max(1, available))
        self.questions_spin.setValue(min(20, max(1, available)))
        self.questions_spin.setAccessibleName("Number of questions")
        form.addRow("Questions:", self.questions_spin)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 240)
        self.minutes_spin.setValue(20)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Time limit in minutes")
        form.addRow("Time limit:", self.minutes_spin)
        note = QLabel("Exam answers are scored by body area and never change your review schedule.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Start exam")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def n_questions(self) -> int:
        return self.questions_spin.value()

    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.minutes_spin.value())


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
            painter.setBrush(_colour(self, "track"))
            painter.drawRoundedRect(track, 4, 4)
            share = score.score / score.total if score.total else 0.0
            kind = "good" if share >= 0.8 else "fair" if share >= 0.5 else "poor"
            if share > 0:
                fill = QRectF(track.left(), track.top(), max(6.0, track.width() * share), track.height())
                painter.setBrush(_colour(self, kind))
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


class ExamView(QWidget):
    """Runs one exam: question pages with a countdown, then the report."""

    finished = Signal(object)  # ExamReport
    back = Signal()
    TICK_MS = 250
    MAX_COLUMN = 960

    def __init__(
        self, exam: Exam, chart_factory: ChartFactory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.exam = exam
        self.index = 0
        self.selected: int | None = None
        self.option_buttons: list[QAbstractButton] = []
        self.report: ExamReport | None = None
        self._build()
        self.chart: QuizChart = (
            chart_factory(self.chart_box) if chart_factory else TextChart(exam.atlas, self.chart_box)
        )
        self.chart_layout.addWidget(self.chart.widget)
        self._shortcuts()
        self.timer = QTimer(self)
        self.timer.setInterval(self.TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Exam")

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        page = QFrame()
        page.setFrameShape(QFrame.Shape.StyledPanel)
        centre = QHBoxLayout(page)
        centre.setContentsMargins(16, 12, 16, 12)
        column = QWidget()
        column.setMaximumWidth(self.MAX_COLUMN)
        centre.addWidget(column, 1)
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        self.column_layout = box
        header = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Question number")
        self.clock_label = QLabel()
        self.clock_label.setAccessibleName("Time left")
        clock_font = QFont(self.clock_label.font())
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.5)
        clock_font.setBold(True)
        clock_font.setStyleHint(QFont.StyleHint.Monospace)
        self.clock_label.setFont(clock_font)
        self.finish_button = QPushButton("Finish now")
        self.finish_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.finish_button.setToolTip("End the exam; unanswered questions score zero")
        self.finish_button.clicked.connect(self.finish)
        header.addWidget(self.progress_label)
        header.addStretch(1)
        header.addWidget(QLabel("Time left:"))
        header.addWidget(self.clock_label)
        header.addSpacing(12)
        header.addWidget(self.finish_button)
        box.addLayout(header)
        self.kind_label = QLabel()
        self.kind_label.setAccessibleName("Kind of question")
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAccessibleName("Question")
        font = QFont(self.prompt_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.prompt_label.setFont(font)
        box.addWidget(self.kind_label)
        box.addWidget(self.prompt_label)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.chart_box, 3)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 4, 0, 4)
        box.addWidget(self.options_box)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        box.addWidget(self.hint_label)
        box.addStretch(1)  # soaks up the height of text-only questions; a drawn chart takes it instead
        self.tail_stretch = box.count() - 1
        footer = QHBoxLayout()
        footer.addStretch(1)
        self.next_button = QPushButton()
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.setMinimumWidth(150)
        self.next_button.clicked.connect(self.confirm)
        footer.addWidget(self.next_button)
        box.addLayout(footer)
        self.question_page = page
        self.stack.addWidget(page)
        self.report_view = ExamReportView()
        self.report_view.back.connect(lambda: emit(self.back))
        self.stack.addWidget(self.report_view)

    def _shortcuts(self) -> None:
        def bind(keys: str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        bind("Return", self._on_enter)
        bind("Enter", self._on_enter)
        for n in range(1, 10):
            bind(str(n), partial(self.pick, n - 1))

    # -- running -----------------------------------------------------------------------------------
    @property
    def question(self) -> Question | None:
        if self.report is not None or self.index >= len(self.exam.questions):
            return None
        return self.exam.questions[self.index]

    def start(self) -> None:
        self.index = 0
        self.stack.setCurrentWidget(self.question_page)
        self.timer.start()
        self._show()
        self.tick()
        self.setFocus()

    def tick(self) -> None:
        """Update the countdown; when the time is up, the exam ends with what was answered."""
        if self.report is not None:
            return
        left = self.exam.remaining()
        self.clock_label.setText(format_clock(left))
        urgent = left < timedelta(minutes=1)
        self.clock_label.setStyleSheet(f"color: {_colour(self, 'poor').name()}" if urgent else "")
        if self.exam.expired:
            self.finish()

    def _clear_options(self) -> None:
        for button in self.option_buttons:
            self.options_layout.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop; the old options must go now
            button.deleteLater()
        self.option_buttons = []

    def _show(self) -> None:
        self.selected = None
        self._clear_options()
        q = self.question
        if q is None:
            self.finish()
            return
        total = len(self.exam.questions)
        self.progress_label.setText(f"Question {self.index + 1} of {total}")
        self.kind_label.setText(KIND_LABELS.get(q.card.template, ""))
        self.prompt_label.setText(q.card.prompt)
        self.chart.clear()
        pictured = q.card.template in PICTURE_TEMPLATES
        self.chart_box.setVisible(pictured)
        drawn = pictured and not isinstance(self.chart, TextChart)
        self.column_layout.setStretchFactor(self.chart_box, 1 if drawn else 0)
        self.column_layout.setStretch(self.tail_stretch, 0 if drawn else 1)
        if q.card.template is Template.REFERRAL_TO_MUSCLE:
            self.chart.show_pattern(q.card.muscle_id, q.card.tp_id, q.card.zones, q.card.spillover)
        elif q.card.template is Template.REGION_TO_MUSCLES:
            self.chart.show_regions(q.card.zones or (q.card.region_id,))
        for i, option in enumerate(q.options):
            text = f"{i + 1}   {option}" if i < 9 else option
            button: QAbstractButton
            if q.mode is AnswerMode.MULTI:
                button = QCheckBox(text)
                button.toggled.connect(self._update_next)
            else:
                button = QPushButton(text)
                button.setCheckable(True)
                button.setStyleSheet(OPTION_STYLE)
                button.clicked.connect(lambda _checked=False, i=i: self.pick(i))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"Option {i + 1}: {option}")
            self.options_layout.addWidget(button)
            self.option_buttons.append(button)
        multi = q.mode is AnswerMode.MULTI
        self.hint_label.setText(
            "Tick every right answer (keys 1-9), then press Enter."
            if multi
            else "Pick an answer (keys 1-9), then press Enter."
        )
        self.hint_label.setStyleSheet("color: palette(placeholder-text)")
        self._update_next()

    def _response(self) -> int | list[int] | None:
        q = self.question
        if q is None:
            return None
        if q.mode is AnswerMode.MULTI:
            ticked = [i for i, b in enumerate(self.option_buttons) if b.isChecked()]
            return ticked or None
        return self.selected

    def _update_next(self) -> None:
        last = self.index + 1 >= len(self.exam.questions)
        action = "Finish" if last else "Next"
        skip = self._response() is None
        self.next_button.setText(f"{'Skip' if skip and not last else action}   [Enter]")

    def pick(self, index: int) -> None:
        """Key n or a click: choose option n (multiple choice) or tick/untick it (multi-select)."""
        q = self.question
        if q is None or not 0 <= index < len(self.option_buttons):
            return
        if q.mode is AnswerMode.MULTI:
            box = self.option_buttons[index]
            box.setChecked(not box.isChecked())
            return
        self.selected = index
        for i, button in enumerate(self.option_buttons):
            button.setChecked(i == index)
            font = button.font()
            font.setBold(i == index)
            button.setFont(font)
        self._update_next()

    def _on_enter(self) -> None:
        if self.report is None:
            self.confirm()
        else:
            emit(self.back)

    def confirm(self) -> None:
        """Record the current answer (if any) and go on; after the last question, finish."""
        if self.question is None:
            return
        response = self._response()
        if response is not None:
            try:
                self.exam.answer(self.index, response)
            except ExamClosed:
                self.finish()
                return
        self.index += 1
        self._show()

    def finish(self) -> ExamReport:
        """End the exam (now, or when the time is over) and show the report."""
        if self.report is not None:
            return self.report
        self.timer.stop()
        self._clear_options()
        self.chart.clear()
        self.report = self.exam.finish()
        self.report_view.set_report(self.report)
        self.stack.setCurrentWidget(self.report_view)
        self.setFocus()  # Enter now means "Back to reviews"
        emit(self.finished, self.report)
        return self.report
