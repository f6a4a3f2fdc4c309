"""The Quiz and Progress panels of the main window, built from the atlas and the user's data folder.

Both open the review store in the same folder as the user's notes; each panel owns its connection
(SQLite in WAL mode serves both), so neither needs to know the other exists. A damaged review
database is never opened silently: the student is asked whether to restore the latest backup or
start afresh, and the damaged file is always kept under a new name.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.quiz.cards import Card, generate_cards
from studyapp.quiz.clock import Clock, utc_now
from studyapp.quiz.decks import Deck, by_area, everything, favourites
from studyapp.quiz.exam import Exam
from studyapp.quiz.progress import Progress
from studyapp.quiz.session import QuizSession
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage.backups import Retention
from studyapp.storage.database import Check
from studyapp.storage.errors import StorageError
from studyapp.storage.userdata import UserData
from studyapp.ui.exam_view import EXAM_TEMPLATES, ExamSetupDialog, ExamView
from studyapp.ui.mastery_map import MasteryMap
from studyapp.ui.progress_view import ProgressView
from studyapp.ui.quiz_chart import ChartFactory, body_chart_factory
from studyapp.ui.quiz_view import KIND_LABELS, QuizView
from studyapp.ui.recovery import (  # noqa: F401 (CANCEL, FRESH, RESTORE: the answers callers pass)
    CANCEL,
    FRESH,
    RESTORE,
    AskRecovery,
    RecoveryNotice,
    ask_recovery,
    open_with_recovery,
)
from studyapp.ui.study_settings import (
    StudySettingsDialog,
    app_settings,
    load_study_settings,
    save_study_settings,
)

EXAM_KEY = "Ctrl+Shift+E"
WIDE_PROGRESS_PX = 820  # below this the Progress tab stacks its map under the charts


def review_folder(store: UserData) -> tuple[Path, bool]:
    """Reviews live beside the notes; an in-memory notes store (screenshots) gets a throw-away folder.

    Returns the folder and whether it is a scratch folder the panel must remove when it goes. The
    student's own store is never in memory: a data folder that cannot be written opens read-only.
    """
    if store.path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="studyapp-reviews-")), True
    return Path(store.path).parent, False


def _release(reviews: ReviewStore | None, scratch: Path | None) -> None:
    if reviews is not None:
        reviews.close()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def reviews_opener(folder: Path, store: UserData, *, first: bool = True) -> Callable[[], ReviewStore]:
    """Opens the review store in `folder`, read-only when the whole data folder is.

    The `first` view of the file takes the backup and runs the full integrity check; a second view
    (Progress) only lists the backups and runs the quicker page check (schema and values still).
    """
    read_only = store.folder_read_only is not None
    keep = Retention().recent if first else 0
    check: Check = "full" if first else "quick"
    return lambda: ReviewStore.open(folder, now=utc_now, read_only=read_only, keep_backups=keep, check=check)


def store_notices(reviews: ReviewStore) -> list[str]:
    """What the student should know about a store that did open: lost answers, a failed backup."""
    notices = []
    missing = reviews.missing_answers()
    if missing:
        notices.append(
            f"Your saved schedule counts {missing} more answer(s) than the review history holds: "
            "some recent answers were lost (for example after a crash followed by a lost journal "
            "file). Your schedule is kept; the statistics may show fewer reviews."
        )
    if reviews.db.backup_warning:
        notices.append(f"No backup was made at start: {reviews.db.backup_warning}.")
    return notices


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


class QuizPanel(QWidget):
    """Deck chooser and study tools above the flashcards; an exam replaces the flashcards while it runs.

    `settings` is where study settings persist (default: the app's QSettings); `now` is the clock of
    the study queue and the exam timer.
    """

    def __init__(
        self,
        atlas: Atlas,
        store: UserData,
        ask: AskRecovery = ask_recovery,
        *,
        settings: QSettings | None = None,
        now: Clock = utc_now,
        chart_factory: ChartFactory | None = None,
    ) -> None:
        super().__init__()
        self.atlas = atlas
        self.user_store = store
        self.now = now
        self.settings_store = settings if settings is not None else app_settings()
        self.exam_view: ExamView | None = None
        self.setup_dialog: ExamSetupDialog | None = None
        self.settings_dialog: StudySettingsDialog | None = None
        self._exams = 0
        self._ask = ask
        folder, scratch = review_folder(store)
        self._folder = folder
        self.view: QuizView | None = None
        self.unavailable: RecoveryNotice | None = None
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Storage notice")
        self.notice.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.addWidget(self.notice)
        self._chart_factory = chart_factory
        opener = reviews_opener(folder, store)
        error: StorageError | None = None
        try:
            self.reviews: ReviewStore | None = open_with_recovery(opener, ask)
        except StorageError as failure:
            self.reviews, error = None, failure
        weakref.finalize(self, _release, self.reviews, folder if scratch else None)
        if self.reviews is None:
            if error is None:
                error = self._pending_damage(opener)
            self.unavailable = RecoveryNotice(opener, ask, error)
            self.unavailable.repaired.connect(self._on_repaired)
            self._layout.addWidget(self.unavailable)
            return
        self._build_quiz()

    @staticmethod
    def _pending_damage(opener: Callable[[], ReviewStore]) -> StorageError | None:
        """The damage the student said "not now" to, so the notice can describe it and its backups."""
        try:
            opener().close()
        except StorageError as error:
            return error
        return None

    def _on_repaired(self, reviews: ReviewStore) -> None:
        if self.unavailable is not None:
            self._layout.removeWidget(self.unavailable)
            self.unavailable.deleteLater()
            self.unavailable = None
        self.reviews = reviews
        weakref.finalize(self, _release, reviews, None)
        self._build_quiz()

    def _build_quiz(self) -> None:
        assert self.reviews is not None
        atlas, now, layout = self.atlas, self.now, self._layout
        notices = store_notices(self.reviews)
        if self.user_store.folder_read_only is not None:
            notices.insert(0, f"Read-only: {self.user_store.folder_read_only}. Answers are not saved.")
        if notices:
            self.notice.setText("\n".join(notices))
            self.notice.show()
        chart_factory = self._chart_factory
        self.chart_factory = chart_factory if chart_factory is not None else body_chart_factory(atlas)
        self.cards: list[Card] = generate_cards(atlas)
        deck = everything().select(self.cards)  # "All muscles", in study order
        self.study = Study(self.reviews, deck, load_study_settings(self.settings_store), now=now)
        row = QHBoxLayout()
        row.addWidget(QLabel("Deck:"))
        self.deck_combo = QComboBox()
        self.deck_combo.setAccessibleName("Deck")
        self.deck_combo.addItem("All muscles", "all")
        for area in atlas.areas.values():
            if atlas.muscles_in_area(area.id):
                self.deck_combo.addItem(area.label, area.id)
        self.deck_combo.addItem("Favourites", "favourites")
        self.deck_combo.currentIndexChanged.connect(self._on_deck)
        row.addWidget(self.deck_combo, 1)
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
        self.tools = [self.deck_combo, self.leech_button, self.exam_button, self.settings_button]
        layout.addLayout(row)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.session = QuizSession(self.study, atlas)
        self.view = QuizView(self.session, self.chart_factory)
        self.view.answered.connect(self._refresh_leeches)
        self.stack.addWidget(self.view)
        self.view.start()
        self._refresh_leeches()

    def deck(self) -> Deck:
        key = self.deck_combo.currentData()
        if key == "favourites":
            return favourites(sorted(self.user_store.favourites()))
        if key == "all":
            return everything()
        return by_area(self.atlas, str(key))

    def _on_deck(self, _index: int) -> None:
        self.study.set_deck(self.deck().select(self.cards))
        if self.view is not None:
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
        save_study_settings(self.settings_store, settings)
        self.study.set_settings(settings)
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
        view = ExamView(exam, self.chart_factory)
        view.back.connect(self.close_exam)
        self.exam_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        for widget in self.tools:
            widget.setEnabled(False)  # no deck change or second exam mid-exam
        view.start()
        return view

    def close_exam(self) -> None:
        """Back to the flashcards, exactly where the schedule left them."""
        view, self.exam_view = self.exam_view, None
        if view is None:
            return
        view.timer.stop()
        self.stack.removeWidget(view)
        view.deleteLater()
        for widget in self.tools:
            widget.setEnabled(True)
        if self.view is not None:
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


class ProgressPanel(QWidget):
    """Progress charts, recomputed from the review log whenever the panel comes into view."""

    muscleChosen = Signal(str)  # a muscle clicked on the mastery map

    def __init__(self, atlas: Atlas, store: UserData, ask: AskRecovery = ask_recovery) -> None:
        super().__init__()
        self.atlas = atlas
        folder, scratch = review_folder(store)
        self._layout = QVBoxLayout(self)
        self.unavailable: RecoveryNotice | None = None
        # the Quiz tab takes the backups; this second view of the same file only lists them
        opener = reviews_opener(folder, store, first=False)
        try:
            self.reviews: ReviewStore | None = opener()
        except StorageError as error:
            self.reviews = None
            _release(None, folder if scratch else None)
            self.unavailable = RecoveryNotice(opener, ask, error)
            self.unavailable.repaired.connect(self._on_repaired)
            self._layout.addWidget(self.unavailable)
            return
        weakref.finalize(self, _release, self.reviews, folder if scratch else None)
        self._build()

    def _on_repaired(self, reviews: ReviewStore) -> None:
        if self.unavailable is not None:
            self._layout.removeWidget(self.unavailable)
            self.unavailable.deleteLater()
            self.unavailable = None
        self.reviews = reviews
        weakref.finalize(self, _release, reviews, None)
        self._build()

    def _build(self) -> None:
        assert self.reviews is not None
        atlas = self.atlas
        self.study = Study(self.reviews, generate_cards(atlas), now=utc_now)
        self.view = ProgressView()
        self.map = MasteryMap(atlas)
        self.map.muscleChosen.connect(self.muscleChosen)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.view)
        self.split.addWidget(self.map)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self._layout.addWidget(self.split)
        self.refresh()

    def refresh(self) -> None:
        if self.reviews is None:
            return
        names = {m.id: m.name for m in self.atlas.muscles.values()}
        report = Progress(self.study).report()
        self.view.set_report(report, names)
        self.map.set_mastery({m: v for m, v in report.mastery.items() if m in report.studied})

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.reviews is None:
            return
        # Side by side when there is room; in a narrow window the map goes under the charts.
        wide = event.size().width() >= WIDE_PROGRESS_PX
        want = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != want:
            self.split.setOrientation(want)


def create_quiz_panel(atlas: Atlas, store: UserData) -> QWidget:
    return QuizPanel(atlas, store)


def create_progress_panel(atlas: Atlas, store: UserData) -> QWidget:
    return ProgressPanel(atlas, store)
