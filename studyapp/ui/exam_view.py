"""Exam mode on screen: a setup dialog, timed questions one at a time, and a score report by area.

The view only draws an `Exam` (studyapp.quiz.exam) and passes answers to it; the exam never sees the
review store, so nothing done here can change the schedule. Keys: 1-9 pick (or tick) an option,
Enter confirms and moves on (an empty answer skips the question).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.cards import CARD_TYPES, AnswerKind, Template
from studyapp.quiz.exam import Exam, ExamClosed, ExamReport
from studyapp.quiz.questions import AnswerMode, Question
from studyapp.ui.exam_report import ExamReportView, format_clock, score_colour
from studyapp.ui.option_button import OptionButton
from studyapp.ui.qtcompat import emit
from studyapp.ui.quiz_chart import ChartFactory, QuizChart, TextChart
from studyapp.ui.quiz_keys import EXAM_KEYS
from studyapp.ui.quiz_labels import KIND_LABELS, is_dark, quiz_colours

# answerable by choice: not the cards answered by clicking the chart (referral zones, locating a point)
EXAM_TEMPLATES = frozenset(t for t in Template if CARD_TYPES[t].answer is not AnswerKind.REGIONS)
OPTION_STYLE = (
    "QPushButton { text-align: left; padding: 6px 10px }"
    " QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); border-radius: 3px }"
)
PICTURE_TEMPLATES = {Template.REFERRAL_TO_MUSCLE, Template.REGION_TO_MUSCLES, Template.NAME_HIGHLIGHTED}


class ExamView(QWidget):
    """Runs one exam: question pages with a countdown, then the report."""

    finished = Signal(object)  # ExamReport
    back = Signal()
    retake = Signal()  # retake the missed questions
    muscleChosen = Signal(str)  # a muscle linked from the review
    TICK_MS = 250
    MAX_COLUMN = 960

    def __init__(
        self, exam: Exam, chart_factory: ChartFactory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.exam = exam
        self.index = 0
        self.selected: int | None = None
        self.option_buttons: list[OptionButton] = []
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
        self.report_view.back.connect(self.back)
        self.report_view.retake.connect(self.retake)
        self.report_view.muscleChosen.connect(self.muscleChosen)
        self.stack.addWidget(self.report_view)

    def _shortcuts(self) -> None:
        """One action per entry of `EXAM_KEYS` (the table F1 lists), live while the exam has the focus."""
        for key in EXAM_KEYS:
            if key.name == "digit":
                for n, keys in enumerate(key.keys):
                    self._bind(key.text, (keys,), partial(self.pick, n))
            else:
                self._bind(key.text, key.keys, self._on_enter)

    def _bind(self, text: str, keys: tuple[str, ...], slot: Callable[[], None]) -> None:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

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
        self.clock_label.setStyleSheet(f"color: {score_colour(self, 'poor').name()}" if urgent else "")
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
        elif q.card.template in (Template.REGION_TO_MUSCLES, Template.NAME_HIGHLIGHTED):
            self.chart.show_regions(q.card.zones or (q.card.region_id,))
        for i, option in enumerate(q.options):
            text = f"{i + 1}   {option}" if i < 9 else option
            button = OptionButton(text, ticked=q.mode is AnswerMode.MULTI)
            if q.mode is AnswerMode.MULTI:
                button.toggled.connect(self._update_next)
            else:
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
            button.set_emphasis(bold=i == index)
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
        names = {mid: m.name for mid, m in self.exam.atlas.muscles.items()}
        colours = quiz_colours(is_dark(self))
        self.report_view.set_report(self.report, self.exam.review(), names, colours)
        self.stack.setCurrentWidget(self.report_view)
        self.setFocus()  # Enter now means "Back to reviews"
        emit(self.finished, self.report)
        return self.report
