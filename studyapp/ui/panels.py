"""The panels of the main window, each built by a typed factory from the application state.

Every factory is an ordinary function using ordinary imports, so a misspelt class or module fails
mypy and the import (the tabs' factories import when they run, and a test builds every panel). A
factory builds its panel and connects it to the `AppState` signals; the main window only places
the widgets. A factory that raises is reported as `PanelFailed` naming the panel: start-up stops
with that message (the app shows it in a dialog), and no panel is ever silently replaced by a
placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QWidget

from studyapp.bodychart.overlay import Change
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.painfinder_panel import PainFinderPanel
from studyapp.ui.state import AppState

if TYPE_CHECKING:
    from studyapp.ui.course_panel import CoursePanel
    from studyapp.ui.progress_panel import ProgressPanel
    from studyapp.ui.quiz_panel import QuizPanel

Place = Literal["dock", "tab"]


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel: its key, its title, where it goes, and the factory that builds it."""

    key: str
    title: str
    place: Place
    build: Callable[[AppState], QWidget]


class PanelFailed(RuntimeError):
    """A panel could not be built; the message names it and says why."""

    def __init__(self, panel: Panel, error: BaseException) -> None:
        super().__init__(f"The {panel.title} panel could not be built: {error.__class__.__name__}: {error}")
        self.panel = panel


def build_chart(state: AppState) -> BodyChartView:
    chart = BodyChartView(state.atlas)
    state.muscleChanged.connect(chart.show_muscle)
    state.regionsChanged.connect(chart.set_selected_regions)
    state.sideChanged.connect(chart.set_side)
    chart.regionsSelected.connect(state.set_regions)
    chart.muscleChosen.connect(state.request_muscle)

    def follow_side(change: Change) -> None:
        if change is Change.SIDE:
            state.set_side(chart.overlay.side)

    chart.destroyed.connect(chart.overlay.subscribe(follow_side))
    return chart


def build_finder(state: AppState) -> PainFinderPanel:
    finder = PainFinderPanel(state.atlas)
    state.regionsChanged.connect(finder.set_regions)
    finder.regionsChanged.connect(state.set_regions)
    finder.muscleChosen.connect(state.request_muscle)
    return finder


# The tabs are built when first shown, so their modules (and the scheduler's) load only then.


def build_quiz(state: AppState) -> QuizPanel:
    from studyapp.ui.quiz_panel import QuizPanel

    return QuizPanel(state)


def build_progress(state: AppState) -> ProgressPanel:
    from studyapp.ui.progress_panel import ProgressPanel

    return ProgressPanel(state)


def build_course(state: AppState) -> CoursePanel:
    from studyapp.ui.course_panel import CoursePanel
    from studyapp.ui.quiz_chart import body_chart_factory

    panel = CoursePanel(
        state.atlas,
        state.courses_folder,
        state.course_records,
        state.mastery_by_muscle,
        body_chart_factory(state.atlas),
        state.now,
    )
    panel.studyRequested.connect(state.request_deck)
    panel.muscleChosen.connect(state.request_muscle)
    state.answered.connect(lambda _event: panel.page.refresh() if panel.page is not None else None)
    return panel


PANELS: tuple[Panel, ...] = (
    Panel("chart", "Body chart", "dock", build_chart),
    Panel("finder", "Pain finder", "dock", build_finder),
    Panel("quiz", "Quiz", "tab", build_quiz),
    Panel("progress", "Progress", "tab", build_progress),
    Panel("course", "Course", "tab", build_course),
)


def build_panel(panel: Panel, state: AppState) -> QWidget:
    """The panel's widget; any error while building it becomes `PanelFailed` naming the panel."""
    try:
        return panel.build(state)
    except Exception as error:  # re-raised with the panel's name, never swallowed
        raise PanelFailed(panel, error) from error
