"""A point card in the quiz window: locating a point is answered by picking the region under it."""

from __future__ import annotations

import pytest
from fsrs import Rating
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.bodychart.tp_acupoints import build_links
from studyapp.content.loader import load_atlas
from studyapp.quiz.cards import generate_cards
from studyapp.quiz.questions import AnswerMode
from studyapp.quiz.session import QuizSession
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.ui.quiz_chart import TextChart
from studyapp.ui.quiz_view import QuizView
from tests.helpers.clock import Clock

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def test_locating_a_point_in_the_quiz_is_a_pick_of_the_region_under_it(
    qtbot: QtBot, store: ReviewStore, clock: Clock
) -> None:
    atlas = load_atlas().atlas
    cards = generate_cards(atlas, build_links(atlas))
    locate = next(c for c in cards if c.id == "point.ST36:point_locate")
    deck = [locate, *[c for c in cards if c.point == "LI4"]]
    view = QuizView(QuizSession(Study(store, deck, StudySettings(fuzz=False), now=clock), atlas))
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.start()
    assert view.question is not None and view.question.card == locate
    assert view.question.mode is AnswerMode.CLICK and view.chart_box.isVisible()
    assert view.prompt_label.text() == "Click where ST36 (Zúsānlǐ) lies."
    chart = view.chart
    assert isinstance(chart, TextChart)
    (region,) = locate.zones
    chart.pick(region)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.revealed and view.suggested == Rating.Easy and "Found 1 of 1" in view.feedback_label.text()
