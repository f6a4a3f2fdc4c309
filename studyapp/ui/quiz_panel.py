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
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from studyapp.content.model import Atlas
from studyapp.quiz.cards import Card, generate_cards
from studyapp.quiz.clock import utc_now
from studyapp.quiz.decks import Deck, by_area, everything, favourites
from studyapp.quiz.progress import Progress
from studyapp.quiz.session import QuizSession
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study
from studyapp.storage.backups import restore_backup, set_aside
from studyapp.storage.errors import DatabaseCorrupt, StorageError
from studyapp.storage.userdata import UserData
from studyapp.ui.progress_view import ProgressView
from studyapp.ui.quiz_chart import body_chart_factory
from studyapp.ui.quiz_view import QuizView

RESTORE, FRESH, CANCEL = "restore", "fresh", "cancel"
AskRecovery = Callable[[DatabaseCorrupt], str]


def ask_recovery(error: DatabaseCorrupt) -> str:
    """Ask the student what to do with a damaged review database (restore, fresh or cancel)."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Review history is damaged")
    latest = error.latest_backup
    box.setText(f"The review history file {error.path.name} cannot be read ({error.reason}).")
    restore = None
    if latest is not None:
        box.setInformativeText(
            f"The latest backup is from {latest.taken_at.astimezone():%d %b %Y %H:%M}. Restoring it keeps "
            "the damaged file beside it, renamed, so nothing is deleted."
        )
        restore = box.addButton("Restore latest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("No backup is available. Starting afresh keeps the damaged file, renamed.")
    fresh = box.addButton("Start afresh", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return FRESH if clicked is fresh else CANCEL


def review_folder(store: UserData) -> tuple[Path, bool]:
    """Reviews live beside the notes; an in-memory notes store (screenshots) gets a throw-away folder.

    Returns the folder and whether it is a scratch folder the panel must remove when it goes.
    """
    if store.path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="studyapp-reviews-")), True
    return Path(store.path).parent, False


def _release(reviews: ReviewStore | None, scratch: Path | None) -> None:
    if reviews is not None:
        reviews.close()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def open_reviews(folder: Path, ask: AskRecovery = ask_recovery) -> ReviewStore | None:
    """Open the review store, offering recovery when it is damaged; None when the student declines."""
    try:
        return ReviewStore.open(folder, now=utc_now)
    except DatabaseCorrupt as error:
        choice = ask(error)
        path = ReviewStore.path_in(folder)
        if choice == RESTORE and error.latest_backup is not None:
            restore_backup(error.latest_backup, path, utc_now())
        elif choice == FRESH:
            set_aside(path, utc_now())
        else:
            return None
        return ReviewStore.open(folder, now=utc_now)


class _Unavailable(QLabel):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setMargin(24)
        self.setAccessibleName("Quiz unavailable")


class QuizPanel(QWidget):
    """Deck chooser above the flashcards; the deck is re-read when the student picks another."""

    def __init__(self, atlas: Atlas, store: UserData, ask: AskRecovery = ask_recovery) -> None:
        super().__init__()
        self.atlas = atlas
        self.user_store = store
        folder, scratch = review_folder(store)
        self.reviews = open_reviews(folder, ask)
        weakref.finalize(self, _release, self.reviews, folder if scratch else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if self.reviews is None:
            layout.addWidget(
                _Unavailable("The review history could not be opened; restart to be asked again.")
            )
            self.view: QuizView | None = None
            return
        self.cards: list[Card] = generate_cards(atlas)
        self.study = Study(self.reviews, self.cards, now=utc_now)
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
        layout.addLayout(row)
        self.session = QuizSession(self.study, atlas)
        self.view = QuizView(self.session, body_chart_factory(atlas))
        layout.addWidget(self.view, 1)
        self.view.start()

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


class ProgressPanel(QWidget):
    """Progress charts, recomputed from the review log whenever the panel comes into view."""

    def __init__(self, atlas: Atlas, store: UserData) -> None:
        super().__init__()
        self.atlas = atlas
        folder, scratch = review_folder(store)
        layout = QVBoxLayout(self)
        try:
            self.reviews: ReviewStore | None = ReviewStore.open(folder, now=utc_now, keep_backups=0)
        except StorageError as error:
            self.reviews = None
            _release(None, folder if scratch else None)
            layout.addWidget(
                _Unavailable(f"Progress is unavailable: {error}. Open the Quiz tab to repair it.")
            )
            return
        weakref.finalize(self, _release, self.reviews, folder if scratch else None)
        self.study = Study(self.reviews, generate_cards(atlas), now=utc_now)
        self.view = ProgressView()
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        if self.reviews is None:
            return
        names = {m.id: m.name for m in self.atlas.muscles.values()}
        self.view.set_report(Progress(self.study).report(), names)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


def create_quiz_panel(atlas: Atlas, store: UserData) -> QWidget:
    return QuizPanel(atlas, store)


def create_progress_panel(atlas: Atlas, store: UserData) -> QWidget:
    return ProgressPanel(atlas, store)
