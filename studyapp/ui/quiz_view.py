"""The flashcard screen: one question at a time, driven from the keyboard.

Keys: Space shows the answer (then grades with the suggested rating), 1-4 grade Again/Hard/Good/
Easy once the answer shows (before that they pick or tick options), Enter checks a typed, ticked or
clicked answer, Ctrl+Z undoes the last answer. All decisions are made by `QuizSession`; this widget
draws what it is given and reports what happened through signals.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from functools import partial

from fsrs import Rating
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.cards import Template
from studyapp.quiz.questions import AnswerMode, Question, Verdict, preselected_rating
from studyapp.quiz.session import QuizSession
from studyapp.quiz.study import Idle
from studyapp.storage.errors import StorageError
from studyapp.ui.option_button import OptionButton
from studyapp.ui.qtcompat import emit
from studyapp.ui.quiz_card import CardPage, QuizHeader, SaveError
from studyapp.ui.quiz_chart import ChartFactory, QuizChart, TextChart
from studyapp.ui.quiz_keys import QUIZ_KEYS
from studyapp.ui.quiz_labels import (
    CHART_TEMPLATES,
    IDLE_TEXT,
    KIND_LABELS,
    RATING_LABELS,
    format_interval,
    is_dark,
    quiz_colours,
)

LONG_ANSWER = 160  # characters: longer answers are set in the normal weight


class QuizView(QWidget):
    """Shows `session`'s questions. `chart_factory(parent)` supplies the body chart for picture cards;
    without one, patterns and regions are shown as text (`TextChart`)."""

    MAX_COLUMN = 960

    answered = Signal(str, int)  # card id, rating
    recorded = Signal(object, int)  # the committed Answered (what changed), rating
    undone = Signal(str)  # card id put back on screen
    leechFound = Signal(str)  # card id that just became a leech
    countsChanged = Signal(int, int, int)  # new, learning, review left today
    finished = Signal()  # nothing is due now

    def __init__(
        self, session: QuizSession, chart_factory: ChartFactory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.question: Question | None = None
        self.verdict: Verdict | None = None
        self.revealed = False
        self.suggested = Rating.Good
        self.chosen: int | None = None  # the option picked in a multiple-choice question
        self.empty_deck_text = IDLE_TEXT[Idle.EMPTY_DECK]  # the deck's own words (set by the Quiz tab)
        self.option_buttons: list[OptionButton] = []
        self._build()
        self.save_error = SaveError(self._retry_save)  # an answer the disk refused, tried again
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.save_error)
        self.chart: QuizChart = (
            chart_factory(self.chart_box) if chart_factory else TextChart(session.atlas, self.chart_box)
        )
        self.chart_layout.addWidget(self.chart.widget)
        self._shortcuts()
        self.setAccessibleName("Flashcards")

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QuizHeader(self.session.mode)
        self.counts_label, self.leech_label = header.counts_label, header.leech_label
        self.mode_combo, self.undo_button = header.mode_combo, header.undo_button
        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self.undo_button.clicked.connect(self.undo)
        outer.addWidget(header)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.card_page = CardPage(self.MAX_COLUMN)
        page = self.card_page
        self.card_layout, self.kind_label, self.prompt_label = (
            page.card_layout,
            page.kind_label,
            page.prompt_label,
        )
        self.chart_box, self.chart_layout = page.chart_box, page.chart_layout
        self.options_box, self.options_layout = page.options_box, page.options_layout
        self.typed_edit, self.feedback_label, self.answer_label = (
            page.typed_edit,
            page.feedback_label,
            page.answer_label,
        )
        # The card scrolls inside the view, so the counts, Undo and the grade buttons stay in sight
        # however long the answer (a needling card's answer runs to 1,400 characters).
        self.card_scroll = QScrollArea()
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_scroll.setWidget(self.card_page)
        self.stack.addWidget(self.card_scroll)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("Nothing due")
        self.stack.addWidget(self.empty_label)

        footer = QHBoxLayout()
        self.show_button = QPushButton("Show answer   [Space]")
        self.show_button.clicked.connect(self.reveal)
        self.check_button = QPushButton("Check   [Enter]")
        self.check_button.clicked.connect(self.submit)
        footer.addStretch(1)
        footer.addWidget(self.show_button)
        footer.addWidget(self.check_button)
        self.grade_buttons: dict[Rating, QPushButton] = {}
        for rating in Rating:
            button = QPushButton()
            button.setAccessibleName(f"Grade {RATING_LABELS[rating]}")
            button.clicked.connect(lambda _checked=False, r=rating: self.grade(r))
            button.setMinimumWidth(96)
            self.grade_buttons[rating] = button
            footer.addWidget(button)
        footer.addStretch(1)
        for button in (self.show_button, self.check_button, *self.grade_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must not "click" a focused button
        outer.addLayout(footer)

    def _shortcuts(self) -> None:
        """One action per entry of `QUIZ_KEYS` (the table F1 lists), live while the focus is here."""
        slots: dict[str, Callable[[], None]] = {
            "space": self._on_space,
            "enter": self._on_enter,
            "undo": self.undo,
        }
        for key in QUIZ_KEYS:
            if key.name == "digit":
                for n, keys in enumerate(key.keys, start=1):
                    self._bind(key.text, (keys,), partial(self._on_digit, n))
            else:
                self._bind(key.text, key.keys, slots[key.name])

    def _bind(self, text: str, keys: tuple[str, ...], slot: Callable[[], None]) -> None:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # -- showing questions -------------------------------------------------------------------------
    def start(self) -> None:
        """Show the next due question (or the "nothing due" page)."""
        self._show(self.session.next_question())

    def _colours(self) -> dict[str, str]:
        return quiz_colours(is_dark(self))

    def _update_counts(self) -> None:
        counts = self.session.counts()
        c = self._colours()
        self.counts_label.setText(
            f"<span style='color:{c['new']}'>New <b>{counts.new}</b></span> &nbsp; "
            f"<span style='color:{c['learning']}'>Learning <b>{counts.learning}</b></span> &nbsp; "
            f"<span style='color:{c['review']}'>Review <b>{counts.review}</b></span>"
        )
        self.undo_button.setEnabled(self.session.can_undo())
        emit(self.countsChanged, counts.new, counts.learning, counts.review)

    def _clear_options(self) -> None:
        self.card_page.clear_options()
        self.option_buttons = []

    def _show(self, question: Question | None) -> None:
        self.question = question
        self.verdict = None
        self.revealed = False
        self.chosen = None
        self._clear_options()
        self._update_counts()
        if question is None:
            self._show_empty()
            return
        self.stack.setCurrentWidget(self.card_scroll)
        self.card_scroll.verticalScrollBar().setValue(0)
        card = question.card
        c = self._colours()
        self.kind_label.setText(KIND_LABELS.get(card.template, ""))
        self.kind_label.setStyleSheet(f"color: {c['muted']}")
        self.prompt_label.setText(card.prompt)
        leech = self.session.is_leech(card.id)
        self.leech_label.setVisible(leech)
        self.leech_label.setStyleSheet(
            f"color: white; background: {c['wrong'] if not is_dark(self) else '#8c1d18'};"
            " border-radius: 4px; padding: 1px 6px; font-weight: bold"
        )
        self.feedback_label.clear()
        self.answer_label.clear()
        self.answer_label.hide()
        self.chart.clear()
        self.chart_box.setVisible(card.template in CHART_TEMPLATES)
        # a drawn chart wants room; the text stand-in only while it lists regions to tick
        expand = not isinstance(self.chart, TextChart) or question.mode is AnswerMode.CLICK
        self.card_layout.setStretchFactor(self.chart_box, 3 if expand else 0)
        if card.template is Template.REFERRAL_TO_MUSCLE:
            self.chart.show_pattern(card.muscle_id, card.tp_id, card.zones, card.spillover)
        elif card.template in (Template.REGION_TO_MUSCLES, Template.NAME_HIGHLIGHTED):
            self.chart.show_regions(card.zones)
        elif question.mode is AnswerMode.CLICK:
            self.chart.start_picking(card.zones)
        self.typed_edit.setVisible(question.mode is AnswerMode.TYPED)
        self.typed_edit.clear()
        self.typed_edit.setReadOnly(False)
        self.options_box.setVisible(question.mode in (AnswerMode.CHOICE, AnswerMode.MULTI))
        self.option_buttons = self.card_page.set_options(
            question.options, ticked=question.mode is AnswerMode.MULTI, choose=self.choose
        )
        self.show_button.setVisible(question.mode in (AnswerMode.SHOW, AnswerMode.CHOICE))
        self.check_button.setVisible(question.mode in (AnswerMode.TYPED, AnswerMode.MULTI, AnswerMode.CLICK))
        for button in self.grade_buttons.values():
            button.hide()
        if question.mode is AnswerMode.TYPED:
            self.typed_edit.setFocus()
        else:
            self.setFocus()

    def _show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty_label)
        self.chart.clear()
        self.leech_label.hide()
        for button in (self.show_button, self.check_button, *self.grade_buttons.values()):
            button.hide()
        reason = self.session.study.idle_reason()
        due = self.session.study.next_due()
        if reason is Idle.LEARNING_LATER and due is not None:
            minutes = max(1, round((due - self.session.study.now()).total_seconds() / 60))
            text = f"Nothing to study right now.\nThe next learning card is due in {minutes} min."
        elif reason is Idle.EMPTY_DECK:
            text = self.empty_deck_text
        else:
            text = IDLE_TEXT[reason]
        self.empty_label.setText(text)
        emit(self.finished)

    # -- answering ---------------------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Pick option `index` of a multiple-choice question."""
        if self.question is None or self.revealed or self.question.mode is not AnswerMode.CHOICE:
            return
        if 0 <= index < len(self.question.options):
            self.chosen = index
            self._submit_response(index)

    def toggle(self, index: int) -> None:
        """Tick or untick option `index` of a multi-select question."""
        if self.question is None or self.revealed or self.question.mode is not AnswerMode.MULTI:
            return
        if 0 <= index < len(self.option_buttons):
            box = self.option_buttons[index]
            box.setChecked(not box.isChecked())

    def submit(self) -> None:
        """Check the typed text, the ticked options or the clicked regions."""
        q = self.question
        if q is None or self.revealed:
            return
        if q.mode is AnswerMode.TYPED:
            self._submit_response(self.typed_edit.text())
        elif q.mode is AnswerMode.MULTI:
            self._submit_response([i for i, b in enumerate(self.option_buttons) if b.isChecked()])
        elif q.mode is AnswerMode.CLICK:
            self._submit_response(self.chart.picked_regions())
        else:
            self.reveal()

    def _submit_response(self, response: str | int | list[int] | list[str]) -> None:
        self.verdict = self.session.check(response)
        colour = self._colours()["right" if self.verdict.correct else "wrong"]
        mark = "✓" if self.verdict.correct else "✗"
        self.feedback_label.setText(f"{mark}  {self.verdict.feedback}")
        self.feedback_label.setStyleSheet(f"color: {colour}; font-weight: bold")
        self.reveal()

    def reveal(self) -> None:
        """Show the answer and the grade buttons (with the next interval each would give)."""
        q = self.question
        if q is None or self.revealed:
            return
        self.revealed = True
        card = q.card
        c = self._colours()
        detail = (
            f"<br><span style='color:{c['muted']}'>{html.escape(card.detail)}</span>" if card.detail else ""
        )
        answer = html.escape(card.answer)
        # a short answer stands out in bold; a paragraph in bold is hard to read
        self.answer_label.setText(
            f"{f'<b>{answer}</b>' if len(card.answer) <= LONG_ANSWER else answer}{detail}"
        )
        self.answer_label.show()
        self.card_scroll.verticalScrollBar().setValue(0)  # the answer is read from its start
        for i, option in enumerate(self.option_buttons):
            right = i in q.correct
            picked = option.isChecked() if option.isCheckable() else i == self.chosen
            if right:
                option.set_emphasis(c["right"], bold=True)
            elif picked:
                option.set_emphasis(c["wrong"])
            option.setEnabled(right or picked)
        if card.template in (Template.CLICK_REFERRAL, Template.REFERRAL_TO_MUSCLE):
            self.chart.reveal_pattern(card.muscle_id, card.tp_id, card.zones, card.spillover)
        elif card.template in (Template.POINT_LOCATE, Template.CLICK_MUSCLE):
            self.chart.show_regions(card.zones)  # the region under the point, or the muscle
        self.typed_edit.setReadOnly(True)
        self.setFocus()
        self.suggested = preselected_rating(q, self.verdict)
        previews = self.session.preview()
        now = self.session.study.now()
        for rating, button in self.grade_buttons.items():
            due = previews.get(rating)
            interval = format_interval(due - now) if isinstance(due, datetime) else ""
            button.setText(f"{int(rating)}  {RATING_LABELS[rating]}\n{interval}")
            button.setDefault(rating == self.suggested)
            font = button.font()
            font.setBold(rating == self.suggested)
            button.setFont(font)
            button.show()
        self.show_button.hide()
        self.check_button.hide()

    def grade(self, rating: Rating | int) -> None:
        """Record the answer (saved to disk before the next card appears) and move on."""
        if self.question is None or not self.revealed:
            return
        rating = Rating(int(rating))
        try:
            result = self.session.grade(rating)
        except StorageError as error:
            self.save_error.failed(rating, error)
            return
        self.save_error.saved()
        emit(self.answered, result.card_id, int(rating))
        emit(self.recorded, result, int(rating))
        if result.became_leech:
            emit(self.leechFound, result.card_id)
        self.start()

    def _retry_save(self) -> None:
        if self.question is not None and self.revealed:
            self.grade(self.save_error.rating)

    def undo(self) -> None:
        """Undo the last answer and show that card again."""
        if not self.session.can_undo():
            return
        question = self.session.undo()
        if question is not None:
            emit(self.undone, question.card.id)
        self._show(question)

    def set_mode(self, mode: AnswerMode) -> None:
        index = self.mode_combo.findData(mode.value)
        if index >= 0:
            self.mode_combo.setCurrentIndex(index)

    def _on_mode(self, index: int) -> None:
        mode = AnswerMode(self.mode_combo.itemData(index))
        if mode is self.session.mode:
            return
        question = self.session.set_mode(mode)
        if question is not None and not self.revealed:
            self._show(question)

    # -- keys --------------------------------------------------------------------------------------
    def _on_space(self) -> None:
        if self.question is None:
            return
        if self.revealed:
            self.grade(self.suggested)
        elif self.question.mode in (AnswerMode.SHOW, AnswerMode.CHOICE):
            self.reveal()
        else:
            self.submit()

    def _on_enter(self) -> None:
        if self.question is None:
            return
        if self.revealed:
            self.grade(self.suggested)
        else:
            self.submit()

    def _on_digit(self, n: int) -> None:
        if self.question is None:
            return
        if self.revealed:
            if n <= 4:
                self.grade(n)
        elif self.question.mode is AnswerMode.CHOICE:
            self.choose(n - 1)
        elif self.question.mode is AnswerMode.MULTI:
            self.toggle(n - 1)
