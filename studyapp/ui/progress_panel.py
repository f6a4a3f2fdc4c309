"""The Progress tab: reviews per day, the load ahead, mastery per muscle and the mastery map.

It shares the application's review store and scheduler with the Quiz tab and follows each answer
the state reports (`AppState.answered`), updating only what that answer changed; an undo or a
settings change makes it read the database again on the next show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from studyapp.quiz.progress import ProgressTracker
from studyapp.ui.mastery_map import MasteryMap
from studyapp.ui.progress_view import ProgressView
from studyapp.ui.recovery import RecoveryNotice
from studyapp.ui.state import AnswerEvent, AppState

WIDE_PROGRESS_PX = 820  # below this the Progress tab stacks its map under the charts


class ProgressPanel(QWidget):
    """Progress charts and the mastery map, following each answer the state reports."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.atlas = state.atlas
        self._layout = QVBoxLayout(self)
        self.tracker: ProgressTracker | None = None
        self.unavailable: RecoveryNotice | None = None
        self._stale = True  # drawn on the next show
        state.answered.connect(self._on_answered)
        state.undone.connect(self._reread)
        state.studySettingsChanged.connect(self._reread)
        state.reviewsOpened.connect(self._on_reviews_opened)
        if state.study is None:  # damaged and "not now": say so and offer the repair again
            self.unavailable = RecoveryNotice(state.reviews_opener(), state.ask, state.reviews_problem())
            self.unavailable.repaired.connect(state.adopt_reviews)
            self._layout.addWidget(self.unavailable)
            return
        self._build()

    def _on_reviews_opened(self) -> None:
        """Repaired from this tab or from the Quiz tab: build on the store both share."""
        if self.unavailable is not None:
            self._layout.removeWidget(self.unavailable)
            self.unavailable.deleteLater()
            self.unavailable = None
        if self.tracker is None:
            self._build()
        else:
            self._reread()

    def _build(self) -> None:
        study = self.state.study
        assert study is not None
        self.tracker = ProgressTracker(study, self.state.cards)
        self.view = ProgressView()
        # Every muscle has a row, weakest first: the charts and the list scroll, the map stays put.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setAccessibleName("Study progress, scrolls")
        self.map = MasteryMap(self.atlas)
        self.map.muscleChosen.connect(self.state.request_muscle)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.scroll_area)
        self.split.addWidget(self.map)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self._layout.addWidget(self.split)
        if self.isVisible():
            self.refresh()

    def _on_answered(self, event: AnswerEvent) -> None:
        if self.tracker is not None:
            self.tracker.apply(event.answered, event.rating)
            self._changed()

    def _reread(self, *_args: object) -> None:
        if self.tracker is not None:
            self.tracker.invalidate()
            self._changed()

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Draw the tracker's report (it reads the database only when first built or invalidated)."""
        if self.tracker is None:
            return
        names = {m.id: m.name for m in self.atlas.muscles.values()}
        report = self.tracker.report()
        self.view.set_report(report, names)
        self.map.set_mastery({m: v for m, v in report.mastery.items() if m in report.studied})
        self._stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.tracker is None:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.tracker is None:
            return
        # Side by side when there is room; in a narrow window the map goes under the charts.
        wide = event.size().width() >= WIDE_PROGRESS_PX
        want = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != want:
            self.split.setOrientation(want)
