"""The quiz view driven from the keyboard, as a student uses it, on a real store in tmp_path."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import pytest
from fsrs import Rating
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from studyapp.quiz.cards import Card, generate_cards
from studyapp.quiz.progress import Progress
from studyapp.quiz.questions import AnswerMode
from studyapp.quiz.session import QuizSession
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.ui.progress_view import ProgressView
from studyapp.ui.quiz_chart import TextChart
from studyapp.ui.quiz_labels import format_interval
from studyapp.ui.quiz_view import QuizView
from tests.helpers.clock import Clock
from tests.helpers.demo import demo_atlas

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")

ATLAS = demo_atlas()
CARDS = generate_cards(ATLAS)
BY_ID = {c.id: c for c in CARDS}


def first(*ids: str) -> list[Card]:
    """The demo deck with these cards in front, so a test knows what comes first."""
    return [BY_ID[i] for i in ids] + [c for c in CARDS if c.id not in ids]


def make_view(
    qtbot: QtBot,
    store: ReviewStore,
    clock: Clock,
    deck: list[Card] | None = None,
    mode: AnswerMode = AnswerMode.SHOW,
    **settings: Any,
) -> QuizView:
    study = Study(store, deck or CARDS, StudySettings(fuzz=False, **settings), now=clock)
    view = QuizView(QuizSession(study, ATLAS, mode=mode))
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)  # shortcuts go to the active window
    view.start()
    return view


def test_space_shows_the_answer_and_a_digit_grades(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock)
    card = view.question.card if view.question else None
    assert card is not None and view.prompt_label.text() == card.prompt
    assert not view.answer_label.isVisible() and "New <b>20</b>" in view.counts_label.text()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.answer_label.isVisible() and card.answer in view.answer_label.text()
    assert all(b.isVisible() for b in view.grade_buttons.values())
    assert view.grade_buttons[Rating.Good].text().endswith("10m")  # the interval Good would give
    clock.t += timedelta(seconds=7)
    with qtbot.waitSignal(view.answered) as answered:
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert answered.args == [card.id, 3]
    (entry,) = store.entries()
    assert (entry.card_id, entry.rating, entry.duration_ms, entry.mode) == (card.id, 3, 7000, "show")
    assert view.question is not None and view.question.card != card  # the next card is on screen
    assert "Learning <b>1</b>" in view.counts_label.text()


def test_digits_do_nothing_before_the_answer_shows(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock)
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert store.entries() == [] and not view.revealed


def test_ctrl_z_undoes_the_last_answer(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock)
    card = view.question.card if view.question else None
    assert card is not None
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert store.state(card.id) is not None and view.undo_button.isEnabled()
    with qtbot.waitSignal(view.undone) as undone:
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone.args == [card.id]
    assert view.question is not None and view.question.card == card and not view.revealed
    assert store.state(card.id) is None
    assert [e.kind for e in store.entries()] == ["review", "undo"]
    assert "New <b>20</b>" in view.counts_label.text() and not view.undo_button.isEnabled()


def test_multiple_choice_by_number_key(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock, first("gluteus_medius:origin_to_muscle"), mode=AnswerMode.CHOICE)
    question = view.question
    assert question is not None and question.mode is AnswerMode.CHOICE
    assert [b.option_text().split(maxsplit=1)[1] for b in view.option_buttons] == list(question.options)
    right = next(iter(question.correct))
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{right + 1}"))
    assert view.revealed and "Correct" in view.feedback_label.text()
    assert view.suggested == Rating.Good and view.grade_buttons[Rating.Good].font().bold()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # Space after the answer: the suggested grade
    assert [(e.card_id, e.rating, e.mode) for e in store.entries()] == [
        ("gluteus_medius:origin_to_muscle", 3, "choice")
    ]


def test_a_wrong_choice_suggests_again(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock, first("gluteus_medius:origin_to_muscle"), mode=AnswerMode.CHOICE)
    assert view.question is not None
    wrong = next(i for i in range(len(view.question.options)) if i not in view.question.correct)
    view.choose(wrong)
    assert view.suggested == Rating.Again and "Not this one" in view.feedback_label.text()


def test_typed_answer_is_lenient_and_space_types_a_space(
    qtbot: QtBot, store: ReviewStore, clock: Clock
) -> None:
    view = make_view(qtbot, store, clock, first("piriformis:origin_to_muscle"), mode=AnswerMode.TYPED)
    assert view.typed_edit.isVisible() and view.typed_edit.hasFocus()
    qtbot.keyClicks(view.typed_edit, "m. piriformus")
    assert view.typed_edit.text() == "m. piriformus" and not view.revealed  # Space went into the text
    qtbot.keyClick(view.typed_edit, Qt.Key.Key_Return)
    assert view.revealed and "Correct" in view.feedback_label.text()
    assert "Piriformis" in view.answer_label.text()


def test_click_card_without_a_chart_offers_region_labels(
    qtbot: QtBot, store: ReviewStore, clock: Clock
) -> None:
    view = make_view(qtbot, store, clock, first("gluteus_medius:click_referral:tp1"))
    assert view.question is not None and view.question.mode is AnswerMode.CLICK
    chart = view.chart
    assert isinstance(chart, TextChart)
    assert {"iliac_crest", "si_joint", "sacrum"} <= set(chart.boxes)
    for region in ("iliac_crest", "si_joint", "sacrum"):
        chart.pick(region)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.revealed and view.suggested == Rating.Easy and "Found 3 of 3" in view.feedback_label.text()


def test_referral_picture_shows_the_pattern_not_the_name(
    qtbot: QtBot, store: ReviewStore, clock: Clock
) -> None:
    view = make_view(qtbot, store, clock, first("piriformis:referral:tp1"))
    chart = view.chart
    assert isinstance(chart, TextChart) and chart.text.isVisible()
    assert "Sacroiliac joint" in chart.text.text() and "Piriformis" not in chart.text.text()
    assert "Piriformis" not in view.prompt_label.text()


class RecordingChart:
    """A minimal chart plugged in through the factory, recording what the quiz asked it to show."""

    def __init__(self, parent: QWidget) -> None:
        self._widget = QLabel("chart", parent)
        self.calls: list[tuple[str, tuple[str, ...]]] = []
        self.picked: list[str] = []

    @property
    def widget(self) -> QWidget:
        return self._widget

    def show_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        self.calls.append(("pattern", (muscle_id, tp_id)))

    def show_regions(self, region_ids: Iterable[str]) -> None:
        self.calls.append(("regions", tuple(region_ids)))

    def start_picking(self, hint_regions: tuple[str, ...]) -> None:
        self.calls.append(("pick", hint_regions))

    def reveal_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        self.calls.append(("reveal", (muscle_id, tp_id)))

    def picked_regions(self) -> list[str]:
        return self.picked

    def clear(self) -> None:
        self.calls.append(("clear", ()))


def test_a_chart_widget_can_be_plugged_in(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    study = Study(
        store,
        first("piriformis:referral:tp1", "gluteus_medius:click_referral:tp1"),
        StudySettings(fuzz=False, bury_siblings=False),
        now=clock,
    )
    charts: list[RecordingChart] = []

    def factory(parent: QWidget) -> RecordingChart:
        charts.append(RecordingChart(parent))
        return charts[-1]

    view = QuizView(QuizSession(study, ATLAS), chart_factory=factory)
    qtbot.addWidget(view)
    view.start()
    (chart,) = charts
    assert chart.widget.parent() is not None
    assert ("pattern", ("piriformis", "tp1")) in chart.calls
    view.reveal()
    view.grade(Rating.Good)
    assert chart.calls[-1] == ("pick", ("iliac_crest", "si_joint", "sacrum"))
    chart.picked = ["iliac_crest"]
    view.submit()
    assert chart.calls[-1] == ("reveal", ("gluteus_medius", "tp1"))  # the right answer drawn
    assert view.suggested == Rating.Again  # 1 of 3 regions is marked wrong: Space records no pass


def test_leech_tag_is_shown(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    card = CARDS[0]
    study = Study(store, CARDS, StudySettings(fuzz=False, leech_threshold=1), now=clock)
    study.answer(card.id, Rating.Easy)
    state = study.state(card.id)
    assert state is not None
    clock.t = state.due
    view = make_view(qtbot, store, clock, new_per_day=0, leech_threshold=1)
    assert view.question is not None and view.question.card == card and view.leech_label.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.leechFound) as found:
        qtbot.keyClick(view, Qt.Key.Key_1)
    assert found.args == [card.id]
    assert view.question is not None and view.question.card == card  # relearning, shown again
    assert view.leech_label.isVisible()


def test_nothing_due_shows_a_message(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock, new_per_day=0)
    assert view.question is None and view.stack.currentWidget() is view.empty_label
    assert "limit is reached" in view.empty_label.text()  # new cards wait: not "well done"
    assert not view.show_button.isVisible()


def test_an_empty_deck_says_how_to_fill_it(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    empty = QuizView(QuizSession(Study(store, [], StudySettings(fuzz=False), now=clock), ATLAS))
    qtbot.addWidget(empty)
    empty.start()
    assert "no cards yet" in empty.empty_label.text() and "Ctrl+D" in empty.empty_label.text()
    assert "Well done" not in empty.empty_label.text()


def test_switching_mode_rebuilds_the_question(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    view = make_view(qtbot, store, clock, first("gluteus_medius:origin_to_muscle"))
    assert not view.options_box.isVisible()
    view.set_mode(AnswerMode.CHOICE)
    assert view.question is not None and view.question.mode is AnswerMode.CHOICE
    assert view.options_box.isVisible() and len(view.option_buttons) == 4


def test_interval_labels() -> None:
    assert [
        format_interval(timedelta(seconds=s)) for s in (30, 600, 7200, 3 * 86400, 75 * 86400, 800 * 86400)
    ] == [
        "<1m",
        "10m",
        "2h",
        "3d",
        "2.5mo",
        "2.2y",
    ]


def test_progress_view_draws_the_report(qtbot: QtBot, store: ReviewStore, clock: Clock) -> None:
    study = Study(store, CARDS, StudySettings(fuzz=False, bury_siblings=False), now=clock)
    for _ in range(5):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Easy)
    report = Progress(study).report()
    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.set_report(report, {m.id: m.name for m in ATLAS.muscles.values()})
    image = view.grab().toImage()
    assert not image.isNull()
    assert "5 reviews" in view.accessibleDescription()
    tips = [view.tooltip_at(QPointF(x, y)) for x in range(0, 1400, 10) for y in range(0, 900, 10)]
    assert any(t.endswith(": 5 reviews") for t in tips)  # today's bar
    assert any(t.startswith("Sternocleidomastoid: ") for t in tips)  # a mastery row
    view.resize(420, 360)
    view.grab()
    # narrow: one column, and the view asks for the height of a row per muscle (its tab scrolls)
    assert view.minimumHeight() >= view.heightForWidth(420) > 360
    view.resize(420, view.minimumHeight())
    view.grab()
    tips = {
        view.tooltip_at(QPointF(x, y)).split(":")[0]
        for x in range(0, 420, 20)
        for y in range(0, view.height(), 6)
    }
    assert {m.name for m in ATLAS.muscles.values()} <= tips  # every muscle, none "+N more"


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def test_the_real_body_chart_is_picked_by_plain_clicks(
    qtbot: QtBot, store: ReviewStore, clock: Clock
) -> None:
    from studyapp.ui.bodychart_shapes import drawings_from_json
    from studyapp.ui.quiz_chart import BodyChartQuizChart, body_chart_factory

    body = [[140, 20], [260, 20], [300, 440], [290, 980], [110, 980], [100, 440]]
    shapes = {"iliac_crest": _rect(215, 400, 290, 430), "si_joint": _rect(205, 440, 230, 470)}
    regions = [{"region": "sacrum", "side": "midline", "points": _rect(185, 440, 204, 495)}]
    for rid, pts in shapes.items():
        regions.append({"region": rid, "side": "right", "points": pts})
        regions.append({"region": rid, "side": "left", "points": [[400 - x, y] for x, y in pts]})
    geometry = {
        "views": {
            "posterior": {"width": 400, "height": 1000, "outline": [body], "contours": [], "regions": regions}
        }
    }
    drawings = drawings_from_json(geometry)
    study = Study(store, first("gluteus_medius:click_referral:tp1"), StudySettings(fuzz=False), now=clock)
    view = QuizView(QuizSession(study, ATLAS), chart_factory=body_chart_factory(ATLAS, drawings))
    qtbot.addWidget(view)
    view.resize(800, 900)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.start()
    chart = view.chart
    assert isinstance(chart, BodyChartQuizChart) and chart.canvas.current_view() == "posterior"
    canvas = chart.canvas

    def click(x: float, y: float) -> None:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(x, y)))

    click(250, 415)  # iliac crest
    click(218, 455)  # SI joint
    click(195, 470)  # sacrum: plain clicks add regions
    assert sorted(chart.picked_regions()) == ["iliac_crest", "sacrum", "si_joint"]
    click(218, 455)  # a second click removes
    assert sorted(chart.picked_regions()) == ["iliac_crest", "sacrum"]
    click(218, 455)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.revealed and view.suggested == Rating.Easy
    assert sorted(canvas.selected_regions()) == ["iliac_crest", "sacrum", "si_joint"]  # the picks stay
    assert chart.overlay.shown_ids() == ["gluteus_medius"]  # with the pattern drawn over them
    assert body_chart_factory(ATLAS, {})(view).__class__ is TextChart  # no drawings: the text stand-in
