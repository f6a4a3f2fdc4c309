"""The Quiz tab: a deck chooser and study tools above the flashcards, or an exam while one runs.

It studies with the application's one scheduler (`AppState.study`) and tells the state what each
answer changed, so the Progress tab follows without reading the database again.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from fsrs import Rating
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.cards import Card
from studyapp.quiz.decks import Deck, all_muscles, by_area, by_channel, by_muscles, favourites
from studyapp.quiz.exam import Exam
from studyapp.quiz.session import QuizSession
from studyapp.quiz.study import Answered, Idle, StudySettings
from studyapp.ui.deck_picker import CardTypesButton, fill_decks
from studyapp.ui.exam_setup import ExamSetupDialog
from studyapp.ui.exam_view import EXAM_TEMPLATES, ExamView
from studyapp.ui.quiz_chart import ChartFactory, body_chart_factory
from studyapp.ui.quiz_keys import EXAM_KEY as EXAM_SHORTCUT
from studyapp.ui.quiz_labels import IDLE_TEXT, KIND_LABELS
from studyapp.ui.quiz_view import QuizView
from studyapp.ui.recovery import RecoveryNotice
from studyapp.ui.state import AppState, store_notices
from studyapp.ui.study_settings import StudySettingsDialog

EXAM_KEY = EXAM_SHORTCUT.keys[0]


class LeechDialog(QDialog):
    """The cards the student keeps forgetting, named so they can be looked up and rewritten."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Leeches")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Cards forgotten many times. Study these muscles in the atlas, or rewrite the fact in your own "
            "words, before reviewing them again."
            if lines
            else "No leeches: no card has been forgotten often enough to be one."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Leech cards")
        self.list.addItems(lines)
        self.list.setVisible(bool(lines))
        layout.addWidget(self.list, 1)
        if not lines:
            layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 360 if lines else 120)


def _muscle_card_in(deck: Deck, card: Card) -> bool:
    return not card.point and deck.include(card)


class QuizPanel(QWidget):
    """Deck chooser and study tools above the flashcards; an exam replaces the flashcards while it runs.

    Everything comes from the application state: the shared review store and scheduler, the study
    settings, the clock (of the study queue and the exam timer) and the favourites.
    """

    def __init__(self, state: AppState, *, chart_factory: ChartFactory | None = None) -> None:
        super().__init__()
        self.state = state
        self.atlas = state.atlas
        self.now = state.now
        self.exam_view: ExamView | None = None
        self.setup_dialog: ExamSetupDialog | None = None
        self.settings_dialog: StudySettingsDialog | None = None
        self._exams = 0
        self._chart_factory = chart_factory
        self.view: QuizView | None = None
        self.unavailable: RecoveryNotice | None = None
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Storage notice")
        self.notice.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.addWidget(self.notice)
        state.reviewsOpened.connect(self._on_reviews_opened)
        self.reviews = state.reviews
        if self.reviews is None:  # damaged and "not now", or unusable: say so and offer the repair again
            self.unavailable = RecoveryNotice(state.reviews_opener(), state.ask, state.reviews_problem())
            self.unavailable.repaired.connect(state.adopt_reviews)
            self._layout.addWidget(self.unavailable)
            return
        self._build_quiz()

    def _on_reviews_opened(self) -> None:
        """Repaired from this tab or from the Progress tab: study on the store both share."""
        if self.view is not None:
            return
        if self.unavailable is not None:
            self._layout.removeWidget(self.unavailable)
            self.unavailable.deleteLater()
            self.unavailable = None
        self.reviews = self.state.reviews
        self._build_quiz()

    def _build_quiz(self) -> None:
        study = self.state.study
        assert self.reviews is not None and study is not None
        atlas, layout = self.atlas, self._layout
        notices = store_notices(self.reviews)
        if self.state.user_data.folder_read_only is not None:
            notices.insert(0, f"Read-only: {self.state.user_data.folder_read_only}. Answers are not saved.")
        if notices:
            self.notice.setText("\n".join(notices))
            self.notice.show()
        chart_factory = self._chart_factory
        self.chart_factory = chart_factory if chart_factory is not None else body_chart_factory(atlas)
        self.cards: list[Card] = self.state.cards
        self.study = study
        row = QHBoxLayout()
        row.addWidget(QLabel("Deck:"))
        self.deck_combo = QComboBox()
        self.deck_combo.setAccessibleName("Deck")
        self.deck_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.deck_combo.setMinimumContentsLength(16)  # a long channel name must not widen the tab
        fill_decks(self.deck_combo, atlas, self.state.point_atlas)
        self.deck_combo.currentIndexChanged.connect(self._on_deck)
        self.state.deckRequested.connect(self.study_muscles)
        row.addWidget(self.deck_combo, 1)
        self.card_types = CardTypesButton(self.state.settings)
        self.card_types.changed.connect(self._on_card_types)
        row.addWidget(self.card_types)
        self.leech_button = QPushButton()
        self.leech_button.setToolTip("Cards you keep forgetting")
        self.leech_button.clicked.connect(self.show_leeches)
        self.exam_button = QPushButton("Exam…")
        self.exam_button.setToolTip(f"A timed exam on this deck ({EXAM_KEY}); it never changes the schedule")
        self.exam_button.clicked.connect(self.open_exam_setup)
        self.settings_button = QPushButton("Settings…")
        self.settings_button.setToolTip("Daily limits, exam date and leech threshold")
        self.settings_button.clicked.connect(self.open_settings)
        for button in (self.leech_button, self.exam_button, self.settings_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the quiz keys stay with the quiz
            row.addWidget(button)
        self.card_types.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tools = [
            self.deck_combo,
            self.card_types,
            self.leech_button,
            self.exam_button,
            self.settings_button,
        ]
        layout.addLayout(row)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.session = QuizSession(self.study, atlas)
        self.view = QuizView(self.session, self.chart_factory)
        self.view.recorded.connect(self._on_recorded)
        self.view.undone.connect(self.state.undone)
        self.stack.addWidget(self.view)
        self.setFocusProxy(self.view)  # the window focuses the panel when the tab shows: keys work at once
        self.view.start()
        self._refresh_leeches()
        if self.state.requested_deck is not None:
            self.study_muscles(*self.state.requested_deck)

    def study_muscles(self, name: str, muscle_ids: list[str]) -> None:
        """A deck of these muscles (a course lesson), added to the deck list and chosen."""
        key = ("muscles", name, tuple(muscle_ids))
        index = self.deck_combo.findText(name)
        if index < 0:
            self.deck_combo.addItem(name, key)
            index = self.deck_combo.count() - 1
        self.deck_combo.setCurrentIndex(index)

    def deck(self) -> Deck:
        """The chosen deck, limited to the kinds of card ticked under "Cards"."""
        deck = self._chosen_deck()
        return deck if self.card_types.all_chosen() else deck.only_groups(self.card_types.groups())

    def _chosen_deck(self) -> Deck:
        key = self.deck_combo.currentData()
        if isinstance(key, tuple):
            _kind, name, muscle_ids = key
            return by_muscles(name, muscle_ids)
        if key == "favourites":
            return favourites(sorted(self.state.user_data.favourites()))
        if key == "all":
            return all_muscles()
        points = self.state.point_atlas
        if str(key).startswith("channel:") and points is not None:
            channel = points.channels[str(key).removeprefix("channel:")]
            return by_channel(self.deck_combo.currentText(), channel.points)
        area = by_area(self.atlas, str(key))  # the muscles of an area; points have their channel decks
        return Deck(area.name, partial(_muscle_card_in, area))

    def empty_deck_text(self) -> str:
        """What an empty deck says: how to fill it, in the words of that deck."""
        if self.deck_combo.currentData() == "favourites" and not self.state.user_data.favourites():
            return (
                "No favourites yet: press ☆ on a muscle or Ctrl+D to add it.\n"
                "Its cards then come here, to study on their own."
            )
        if not self.card_types.all_chosen() and self._chosen_deck().select(self.cards):
            return "This deck has none of the kinds of card ticked under “Cards”.\nTick more kinds of card."
        return IDLE_TEXT[Idle.EMPTY_DECK]

    def _on_card_types(self) -> None:
        self._on_deck(self.deck_combo.currentIndex())

    def _on_deck(self, _index: int) -> None:
        self.study.set_deck(self.deck().select(self.cards))
        if self.view is not None:
            self.view.empty_deck_text = self.empty_deck_text()
            self.view.start()

    # -- leeches -----------------------------------------------------------------------------------
    def leech_lines(self) -> list[str]:
        """One line per leech of the current deck: the muscle (or pain region), then the kind of card."""
        lines = []
        for card_id in self.study.leeches():
            card = self.study.by_id[card_id]
            if card.region_id:
                region = self.atlas.regions.get(card.region_id)
                subject = f"Pain in the {region.label.lower() if region else card.region_id}"
            else:
                muscle = self.atlas.muscles.get(card.muscle_id)
                subject = muscle.name if muscle else card.muscle_id
            lines.append(f"{subject} — {KIND_LABELS.get(card.template, card.template.value)}")
        return lines

    def _on_recorded(self, answered: Answered, rating: int) -> None:
        self.state.record(answered, Rating(rating))
        if answered.became_leech:
            self._refresh_leeches()

    def _refresh_leeches(self) -> None:
        count = len(self.study.leeches())
        self.leech_button.setText(f"Leeches ({count})")
        self.leech_button.setAccessibleName(f"Leeches: {count}")

    def show_leeches(self) -> LeechDialog:
        dialog = LeechDialog(self.leech_lines(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- settings ----------------------------------------------------------------------------------
    def open_settings(self) -> StudySettingsDialog:
        """Show the settings dialog (window-modal, non-blocking); accepting it saves and applies."""
        dialog = StudySettingsDialog(self.study.settings, self.now().astimezone().date(), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def apply_settings(self, settings: StudySettings) -> None:
        self.state.set_study_settings(settings)
        if self.view is not None and self.exam_view is None:
            self.view.start()  # redraws the counts under the new limits
        self._refresh_leeches()

    # -- exam --------------------------------------------------------------------------------------
    def exam_cards(self) -> list[Card]:
        return [c for c in self.deck().select(self.cards) if c.template in EXAM_TEMPLATES]

    def open_exam_setup(self) -> ExamSetupDialog | None:
        """Ask for the number of questions and the time limit, then start (non-blocking)."""
        if self.exam_view is not None:
            return None
        cards = self.exam_cards()
        if not cards:
            QMessageBox.information(self, "Exam", "This deck has no cards to examine. Choose another deck.")
            return None
        dialog = ExamSetupDialog(self.deck_combo.currentText(), len(cards), self)
        dialog.accepted.connect(lambda: self.start_exam(dialog.n_questions(), dialog.time_limit()))
        dialog.finished.connect(dialog.deleteLater)
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def start_exam(self, n_questions: int, time_limit: timedelta, seed: int | None = None) -> ExamView:
        if self.exam_view is not None:
            return self.exam_view
        self._exams += 1
        seed = seed if seed is not None else int(self.now().timestamp()) + self._exams
        exam = Exam(
            self.exam_cards(),
            self.atlas,
            now=self.now,
            n_questions=n_questions,
            time_limit=time_limit,
            seed=seed,
        )
        return self.run_exam(exam)

    def run_exam(self, exam: Exam) -> ExamView:
        """Show `exam` in place of the flashcards, closed-book, until the student goes back."""
        if self.exam_view is not None:
            return self.exam_view
        view = ExamView(exam, self.chart_factory)
        view.back.connect(self.close_exam)
        view.retake.connect(self.retake_missed)
        view.muscleChosen.connect(self.state.request_muscle)
        view.finished.connect(self._on_exam_finished)
        self.exam_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        for widget in self.tools:
            widget.setEnabled(False)  # no deck change or second exam mid-exam
        self.setFocusProxy(view)
        self.state.set_exam_running(True)  # closed-book: no atlas, chart or pain finder meanwhile
        view.start()
        return view

    def retake_missed(self) -> ExamView | None:
        """A new timed exam of the questions missed in the one just finished."""
        if self.exam_view is None or not self.exam_view.exam.missed():
            return None
        again = self.exam_view.exam.retake_missed()
        self.close_exam()
        return self.run_exam(again)

    def _on_exam_finished(self, _report: object) -> None:
        self.state.set_exam_running(False)  # the review may link to the atlas again

    def close_exam(self) -> None:
        """Back to the flashcards, exactly where the schedule left them."""
        view, self.exam_view = self.exam_view, None
        if view is None:
            return
        view.timer.stop()
        self.state.set_exam_running(False)
        self.stack.removeWidget(view)
        view.deleteLater()
        for widget in self.tools:
            widget.setEnabled(True)
        if self.view is not None:
            self.setFocusProxy(self.view)
            self.stack.setCurrentWidget(self.view)
            self.view.start()
            self.view.setFocus()

    # -- keys --------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # The main window binds the same keys to "expand all sections"; inside this panel the exam wins.
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and self._is_exam_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_exam_key(event):
            event.accept()
            if self.view is not None and self.exam_button.isEnabled():
                self.open_exam_setup()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_exam_key(event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()) == QKeySequence(EXAM_KEY)
