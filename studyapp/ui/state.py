"""The application's one state: what is selected, the student's stores and settings, and the clock.

The app builds one `AppState` and hands it to every panel. Panels read from it, change it through
its methods and follow its signals; they never reach into each other or into the main window.
The review store and the scheduler (`Study`) are opened once, on first use, and shared by the Quiz
and Progress tabs, so an answer given in one is what the other shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from studyapp.bodychart.overlay import Side
from studyapp.content.model import Atlas
from studyapp.quiz.clock import Clock
from studyapp.storage.userdata import UserData
from studyapp.ui.qtcompat import emit

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the quiz loads when the Quiz or Progress tab is first shown, not at start-up
    from fsrs import Rating

    from studyapp.bodychart.tp_acupoints import TpAcupointLinks
    from studyapp.content.acupoints import PointAtlas
    from studyapp.course.records import CourseRecords
    from studyapp.quiz.cards import Card
    from studyapp.quiz.store import ReviewStore
    from studyapp.quiz.study import Answered, Study, StudySettings
    from studyapp.storage.errors import StorageError
    from studyapp.ui.recovery import AskRecovery


class PointsUnavailable(RuntimeError):
    """The acupoint atlas could not be read (the log says why)."""


@dataclass(frozen=True, slots=True)
class AnswerEvent:
    """What one answer changed: the card's state before and after, and the rating given."""

    answered: Answered
    rating: Rating


class AppState(QObject):
    """Selection, theme and side; the student's stores, settings and data folder; the clock."""

    muscleChanged = Signal(str)
    regionsChanged = Signal(list)
    muscleRequested = Signal(str)  # a panel asks for a muscle; the window decides (history, tabs)
    pointRequested = Signal(str)  # a panel asks for an acupoint (WHO code); the Points tab shows it
    sideChanged = Signal(object)  # Side
    themeChanged = Signal(str)
    answered = Signal(object)  # AnswerEvent
    undone = Signal(str)  # card id
    studySettingsChanged = Signal(object)  # StudySettings
    reviewsOpened = Signal()  # the review store was repaired and opened after start
    examChanged = Signal(bool)  # a timed exam started (True) or ended: the window goes closed-book
    tabRequested = Signal(str)  # a panel asks the window to show another tab (by panel key)
    deckRequested = Signal(str, list)  # study these muscles now: deck name, muscle ids

    def __init__(
        self,
        atlas: Atlas,
        user_data: UserData,
        settings: QSettings,
        data_folder: Path,
        *,
        now: Clock,
        ask: AskRecovery | None = None,
    ) -> None:
        """`ask` (how to ask about a damaged database) defaults to the recovery dialog."""
        super().__init__()
        self.atlas = atlas
        self.user_data = user_data
        self.settings = settings
        self.data_folder = data_folder
        self.now = now
        self._ask = ask
        self.muscle = ""
        self.regions: list[str] = []
        self.side = Side.RIGHT
        self.theme = "system"
        self.exam_running = False
        self._study_settings: StudySettings | None = None
        self._cards: list[Card] | None = None
        self._links: TpAcupointLinks | None = None
        self._links_tried = False
        self._reviews: ReviewStore | None = None
        self._study: Study | None = None
        self._reviews_tried = False
        self._course_records: CourseRecords | None = None
        self._points: PointAtlas | None = None
        self.requested_deck: tuple[str, list[str]] | None = None
        self._reviews_error: StorageError | None = None

    # -- selection --------------------------------------------------------------------------------
    def set_muscle(self, muscle_id: str) -> None:
        """The muscle shown everywhere (the window calls this after recording its history)."""
        self.muscle = muscle_id
        emit(self.muscleChanged, muscle_id)

    def request_muscle(self, muscle_id: str) -> None:
        emit(self.muscleRequested, muscle_id)

    def request_point(self, code: str) -> None:
        emit(self.pointRequested, code)

    @property
    def tp_links(self) -> TpAcupointLinks:
        """The point atlas with its trigger-point link (`point_links`); raises `PointsUnavailable`
        when the point files or the drawn chart cannot be read, so a panel can say so."""
        links = self.point_links
        if links is None:
            raise PointsUnavailable("the acupoint files or the body chart drawing could not be read")
        return links

    def set_regions(self, region_ids: list[str]) -> None:
        regions = list(region_ids)
        if regions != self.regions:
            self.regions = regions
            emit(self.regionsChanged, regions)

    def set_side(self, side: Side) -> None:
        if side is not self.side:
            self.side = side
            emit(self.sideChanged, side)

    def set_theme(self, mode: str) -> None:
        if mode != self.theme:
            self.theme = mode
            emit(self.themeChanged, mode)

    def set_exam_running(self, running: bool) -> None:
        """While a timed exam runs the atlas, the body chart and the pain finder are closed."""
        if running != self.exam_running:
            self.exam_running = running
            emit(self.examChanged, running)

    # -- study ------------------------------------------------------------------------------------
    @property
    def study_settings(self) -> StudySettings:
        """The student's study settings (read from `settings` on first use)."""
        if self._study_settings is None:
            from studyapp.ui.study_settings import load_study_settings

            self._study_settings = load_study_settings(self.settings)
        return self._study_settings

    @property
    def cards(self) -> list[Card]:
        """Every card of the atlas (generated once; a deck selects from these)."""
        if self._cards is None:
            from studyapp.quiz.cards import generate_cards

            self._cards = generate_cards(self.atlas, self.point_links)
        return self._cards

    @property
    def point_links(self) -> TpAcupointLinks | None:
        """The point atlas and its link to the trigger points, for the point cards (read once);
        None when the point files or the drawn chart cannot be read (then there are no point cards)."""
        if not self._links_tried:
            self._links_tried = True
            from studyapp.bodychart.tp_acupoints import build_links

            try:
                self._links = build_links(self.atlas, self.points)
            except (OSError, ValueError) as error:
                log.warning("no acupoint cards: %s", error)
        return self._links

    @property
    def points(self) -> PointAtlas:
        """The acupoint atlas, read once on first use: by search, the point cards and the Points tab."""
        if self._points is None:
            from studyapp.content.acupoints import load_points  # with the YAML reader: not at start

            self._points = load_points(muscle_ids=self.atlas.muscles, views=self.atlas.views).atlas
        return self._points

    @property
    def point_atlas(self) -> PointAtlas | None:
        links = self.point_links
        return links.points if links is not None else None

    @property
    def ask(self) -> AskRecovery:
        """How the student is asked about a damaged database (a dialog; tests answer for them)."""
        from studyapp.ui.recovery import ask_recovery

        return self._ask or ask_recovery

    def reviews_opener(self) -> Callable[[], ReviewStore]:
        """Opens the review store in the data folder (read-only when the folder is), with backups."""
        from studyapp.quiz.store import ReviewStore
        from studyapp.storage.backups import Retention

        folder, now = self.data_folder, self.now
        read_only = self.user_data.folder_read_only is not None
        keep = Retention().recent
        return lambda: ReviewStore.open(folder, now=now, read_only=read_only, keep_backups=keep, check="full")

    @property
    def reviews(self) -> ReviewStore | None:
        """The review store, opened on first use; None when it is damaged and the student said
        "not now", or when it cannot be used (`reviews_problem()` says why)."""
        if not self._reviews_tried:
            from studyapp.storage.errors import StorageError
            from studyapp.ui.recovery import open_with_recovery

            self._reviews_tried = True
            try:
                self._reviews = open_with_recovery(self.reviews_opener(), self.ask, self.now)
            except StorageError as error:
                self._reviews_error = error
        return self._reviews

    def reviews_problem(self) -> StorageError | None:
        """Why the review store is not open: the error, or the damage the student said "not now" to."""
        from studyapp.storage.errors import StorageError

        if self._reviews_error is not None or self._reviews is not None:
            return self._reviews_error
        try:
            self.reviews_opener()().close()
        except StorageError as error:
            return error
        return None

    def adopt_reviews(self, reviews: ReviewStore) -> None:
        """The store a repair opened after start: the Quiz and Progress tabs both use it from now on."""
        self._reviews, self._reviews_error, self._study = reviews, None, None
        emit(self.reviewsOpened)

    @property
    def study(self) -> Study | None:
        """The one scheduler over the review store, shared by the Quiz and Progress tabs."""
        if self._study is None and self.reviews is not None:
            from studyapp.quiz.decks import all_muscles
            from studyapp.quiz.study import Study

            deck = all_muscles().select(self.cards)  # "All muscles", in study order
            self._study = Study(self.reviews, deck, self.study_settings, now=self.now)
        return self._study

    def set_study_settings(self, settings: StudySettings) -> None:
        from studyapp.ui.study_settings import save_study_settings

        save_study_settings(self.settings, settings)
        self._study_settings = settings
        if self._study is not None:
            self._study.set_settings(settings)
        emit(self.studySettingsChanged, settings)

    def record(self, answered: Answered, rating: Rating) -> None:
        """Tell every panel what an answer changed (the answer itself is already committed)."""
        emit(self.answered, AnswerEvent(answered, rating))

    # -- courses ----------------------------------------------------------------------------------
    @property
    def courses_folder(self) -> Path:
        """Where installed course packs live (each is also a layered content root)."""
        from studyapp.content.loader import PACKS_FOLDER

        return self.data_folder / PACKS_FOLDER

    @property
    def course_records(self) -> CourseRecords:
        """Post-test attempts and certificates, opened on first use like the review log."""
        if self._course_records is None:
            from studyapp.course.records import CourseRecords

            self._course_records = CourseRecords.open(self.data_folder, now=self.now)
        return self._course_records

    def mastery_by_muscle(self) -> dict[str, float]:
        """Recall per muscle from the shared scheduler (empty when the review store is unavailable)."""
        if self.study is None:
            return {}
        from studyapp.quiz.progress import Progress

        return Progress(self.study).mastery_by_muscle()

    def request_deck(self, name: str, muscle_ids: list[str]) -> None:
        """Study these muscles in the Quiz tab (a course lesson, the course deck)."""
        self.requested_deck = (name, list(muscle_ids))
        emit(self.tabRequested, "quiz")
        emit(self.deckRequested, name, list(muscle_ids))

    def close(self) -> None:
        if self._reviews is not None:
            self._reviews.close()
            self._reviews = None
            self._study = None
        if self._course_records is not None:
            self._course_records.close()
            self._course_records = None


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
