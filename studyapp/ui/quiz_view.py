"""The flashcard screen: one question at a time, driven from the keyboard.

Keys: Space shows the answer (then grades with the suggested rating), 1-4 grade Again/Hard/Good/
Easy once the answer shows (before that they pick or tick options), Enter checks a typed, ticked or
clicked answer, Ctrl+Z undoes the last answer. All decisions are made by `QuizSession`; this widget
draws what it is given and reports what happened through signals.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from fsrs import Rating
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.cards import CARD_TYPES, Template
from studyapp.quiz.questions import AnswerMode, Question, Verdict, preselected_rating
from studyapp.quiz.session import QuizSession
from studyapp.quiz.study import Idle
from studyapp.storage.errors import StorageError
from studyapp.ui.qtcompat import emit
from studyapp.ui.quiz_chart import ChartFactory, QuizChart, TextChart

KIND_LABELS = {template: card_type.label for template, card_type in CARD_TYPES.items()}
MODE_LABELS = {
    AnswerMode.SHOW: "Show and grade",
    AnswerMode.CHOICE: "Multiple choice",
    AnswerMode.TYPED: "Type the answer",
}
IDLE_TEXT = {
    Idle.EMPTY_DECK: "This deck has no cards yet.\nFor Favourites: press ☆ on a muscle (Ctrl+D) to add it.",
    Idle.LEARNING_LATER: "Nothing to study right now.\nA learning card comes back later today.",
    Idle.LIMIT_REACHED: (
        "Today's limit is reached; more cards are waiting.\nCome back tomorrow, or raise the daily limits."
    ),
    Idle.SIBLINGS_TOMORROW: "The cards left are about muscles you studied today.\nThey come back tomorrow.",
    Idle.DONE: "Well done: nothing more is due today.\nCome back tomorrow.",
}
RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
RETRY_MS = 10_000  # how soon an answer the disk refused is saved again
CHART_TEMPLATES = {
    Template.REFERRAL_TO_MUSCLE,
    Template.CLICK_REFERRAL,
    Template.REGION_TO_MUSCLES,
    Template.POINT_LOCATE,
}


def format_interval(delta: timedelta) -> str:
    """Anki-style short intervals for the grade buttons: <1m, 10m, 5h, 3d, 2.5mo, 1.2y."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


class QuizView(QWidget):
    """Shows `session`'s questions. `chart_factory(parent)` supplies the body chart for picture cards;
    without one, patterns and regions are shown as text (`TextChart`)."""

    MAX_COLUMN = 960

    answered = Signal(str, int)  # card id, rating
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
        self.option_buttons: list[QAbstractButton] = []
        self._build()
        # shown when an answer could not be saved (disk full, I/O error, read-only folder)
        self.save_error = QLabel()
        self.save_error.setWordWrap(True)
        self.save_error.setAccessibleName("Answer not saved")
        self.save_error.setStyleSheet("color: #b3261e; font-weight: bold")
        self.save_error.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.save_error)
        self._retry_rating = Rating.Good
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._retry_save)
        self.chart: QuizChart = (
            chart_factory(self.chart_box) if chart_factory else TextChart(session.atlas, self.chart_box)
        )
        self.chart_layout.addWidget(self.chart.widget)
        self._shortcuts()
        self.setAccessibleName("Flashcards")

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setAccessibleName("Cards left today")
        self.leech_label = QLabel("Leech")
        self.leech_label.setToolTip(
            "You have forgotten this card many times. Consider rewriting it in your own words or "
            "studying the muscle in the atlas first."
        )
        self.leech_label.setAccessibleName("This card is a leech")
        self.leech_label.hide()
        self.mode_combo = QComboBox()
        self.mode_combo.setAccessibleName("Answer mode")
        self.mode_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for mode, label in MODE_LABELS.items():
            self.mode_combo.addItem(label, mode.value)
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(self.session.mode.value)))
        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last answer (Ctrl+Z)")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo)
        header.addWidget(self.counts_label)
        header.addWidget(self.leech_label)
        header.addStretch(1)
        header.addWidget(QLabel("Answer by:"))
        header.addWidget(self.mode_combo)
        header.addWidget(self.undo_button)
        outer.addLayout(header)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.card_page = QFrame()
        self.card_page.setFrameShape(QFrame.Shape.StyledPanel)
        centre = QHBoxLayout(self.card_page)
        centre.setContentsMargins(16, 12, 16, 12)
        column = QWidget()
        column.setMaximumWidth(self.MAX_COLUMN)  # long lines are hard to read on a wide screen
        centre.addStretch(0)
        centre.addWidget(column, 1)
        centre.addStretch(0)
        card = QVBoxLayout(column)
        card.setContentsMargins(0, 0, 0, 0)
        self.card_layout = card
        self.kind_label = QLabel()
        self.kind_label.setAccessibleName("Kind of card")
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_label.setAccessibleName("Question")
        font = QFont(self.prompt_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.prompt_label.setFont(font)
        card.addWidget(self.kind_label)
        card.addWidget(self.prompt_label)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        card.addWidget(self.chart_box, 3)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 4, 0, 4)
        card.addWidget(self.options_box)
        self.typed_edit = QLineEdit()
        self.typed_edit.setPlaceholderText("Type the name, then press Enter")
        self.typed_edit.setAccessibleName("Your answer")
        card.addWidget(self.typed_edit)
        self.feedback_label = QLabel()
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setAccessibleName("Feedback")
        card.addWidget(self.feedback_label)
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_label.setAccessibleName("Answer")
        self.answer_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        card.addWidget(self.answer_label)
        card.addStretch(1)
        self.stack.addWidget(self.card_page)

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
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def bind(keys: QKeySequence.StandardKey | str, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

        bind("Space", self._on_space)
        bind("Return", self._on_enter)
        bind("Enter", self._on_enter)
        bind(QKeySequence.StandardKey.Undo, self.undo)
        for n in range(1, 10):
            bind(str(n), partial(self._on_digit, n))

    # -- showing questions -------------------------------------------------------------------------
    def start(self) -> None:
        """Show the next due question (or the "nothing due" page)."""
        self._show(self.session.next_question())

    def _colours(self) -> dict[str, str]:
        dark = _is_dark(self)
        return {
            "new": "#8ab4f8" if dark else "#1755b8",
            "learning": "#ff8a80" if dark else "#b3261e",
            "review": "#81c995" if dark else "#1e7d32",
            "right": "#81c995" if dark else "#1e7d32",
            "wrong": "#ff8a80" if dark else "#b3261e",
            "muted": "#a4a9b3" if dark else "#5a5f69",
        }

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
        for button in self.option_buttons:
            button.deleteLater()
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
        self.stack.setCurrentWidget(self.card_page)
        card = question.card
        c = self._colours()
        self.kind_label.setText(KIND_LABELS.get(card.template, ""))
        self.kind_label.setStyleSheet(f"color: {c['muted']}")
        self.prompt_label.setText(card.prompt)
        leech = self.session.is_leech(card.id)
        self.leech_label.setVisible(leech)
        self.leech_label.setStyleSheet(
            f"color: white; background: {c['wrong'] if not _is_dark(self) else '#8c1d18'};"
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
        elif card.template is Template.REGION_TO_MUSCLES:
            self.chart.show_regions(card.zones)
        elif question.mode is AnswerMode.CLICK:
            self.chart.start_picking(card.zones)
        self.typed_edit.setVisible(question.mode is AnswerMode.TYPED)
        self.typed_edit.clear()
        self.typed_edit.setReadOnly(False)
        self.options_box.setVisible(question.mode in (AnswerMode.CHOICE, AnswerMode.MULTI))
        for i, option in enumerate(question.options):
            text = f"{i + 1}   {option}" if i < 9 else option
            button: QAbstractButton
            if question.mode is AnswerMode.MULTI:
                button = QCheckBox(text)
            else:
                button = QPushButton(text)
                button.setStyleSheet("text-align: left; padding: 6px 10px")
                button.clicked.connect(lambda _checked=False, i=i: self.choose(i))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"Option {i + 1}: {option}")
            self.options_layout.addWidget(button)
            self.option_buttons.append(button)
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
        self.answer_label.setText(f"<b>{html.escape(card.answer)}</b>{detail}")
        self.answer_label.show()
        for i, button in enumerate(self.option_buttons):
            right = i in q.correct
            picked = button.isChecked() if isinstance(button, QCheckBox) else i == self.chosen
            if right:
                button.setStyleSheet(
                    f"text-align: left; padding: 6px 10px; color: {c['right']}; font-weight: bold"
                )
            elif picked:
                button.setStyleSheet(f"text-align: left; padding: 6px 10px; color: {c['wrong']}")
            button.setEnabled(right or picked)
        if card.template in (Template.CLICK_REFERRAL, Template.REFERRAL_TO_MUSCLE):
            self.chart.reveal_pattern(card.muscle_id, card.tp_id, card.zones, card.spillover)
        elif card.template is Template.POINT_LOCATE:
            self.chart.show_regions(card.zones)  # the region under the point
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
            self._save_failed(rating, error)
            return
        self._retry.stop()
        self.save_error.hide()
        emit(self.answered, result.card_id, int(rating))
        if result.became_leech:
            emit(self.leechFound, result.card_id)
        self.start()

    def _save_failed(self, rating: Rating, error: StorageError) -> None:
        """The answer stays on screen, the student is told why, and saving is tried again."""
        self.save_error.setText(
            f"Your answer was not saved ({error.why()}). It stays on screen: grade it "
            f"again, or studyapp tries again in {RETRY_MS // 1000} s."
        )
        self.save_error.show()
        self._retry_rating = rating
        self._retry.start()

    def _retry_save(self) -> None:
        if self.question is not None and self.revealed:
            self.grade(self._retry_rating)

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
