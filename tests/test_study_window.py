"""The study path in the whole window, on the bundled atlas, at the sizes students use (issue #13).

Long cards wrap instead of widening the window, the quiz keys work as soon as the Quiz tab shows,
the body chart and pain finder belong to Browse, and a timed exam is closed-book.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.quiz.cards import Card, Template
from studyapp.quiz.questions import AnswerMode, build_question
from studyapp.storage.userdata import UserData
from studyapp.ui.main_window import MainWindow
from studyapp.ui.quiz_panel import QuizPanel
from tests.helpers.state import make_state

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas().atlas


@pytest.fixture
def store(isolated_data_dir: Path) -> Iterator[UserData]:
    with UserData() as opened:
        yield opened


def open_window(
    qtbot: QtBot, atlas: Atlas, store: UserData, tmp_path: Path, size: tuple[int, int]
) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    state = make_state(atlas, store, settings)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.destroyed.connect(state.close)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def inside_window(window: MainWindow, widget: QWidget) -> bool:
    """The widget is shown and all of it lies inside the window (nothing cut off or scrolled away)."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def quiz_tab(window: MainWindow) -> QuizPanel:
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Quiz")
    window.tabs.setCurrentIndex(index)
    panel = window.panel("quiz")
    assert isinstance(panel, QuizPanel)
    return panel


def longest_cards(cards: list[Card], atlas: Atlas) -> list[Card]:
    """The needling card with the longest answer, then the cards with the longest options."""
    needling = max((c for c in cards if c.template is Template.NEEDLING), key=lambda c: len(c.answer))

    def longest_option(card: Card) -> int:
        question = build_question(card, AnswerMode.CHOICE, cards, atlas, 0)
        return max((len(o) for o in question.options), default=0)

    return [needling, *sorted(cards, key=longest_option, reverse=True)[:20]]


@pytest.mark.parametrize("text_pt", [10.0, 16.0])
def test_the_longest_cards_wrap_at_1024x640_and_every_control_stays_in_view(
    qtbot: QtBot, atlas: Atlas, store: UserData, tmp_path: Path, text_pt: float
) -> None:
    window = open_window(qtbot, atlas, store, tmp_path, (1024, 640))
    window.set_font_size(text_pt)
    quiz = quiz_tab(window)
    assert quiz.view is not None
    holder = window.tab_holders["quiz"]
    for mode in (AnswerMode.SHOW, AnswerMode.CHOICE):
        quiz.view.set_mode(mode)
        for card in longest_cards(quiz.cards, atlas)[:3]:
            quiz.study.set_deck([card])
            quiz.view.start()
            quiz.view.reveal()
            settle(qtbot)
            assert not holder.horizontalScrollBar().isVisible(), card.id
            for control in (quiz.settings_button, quiz.exam_button, quiz.view.undo_button):
                assert inside_window(window, control), (card.id, control.text())
            assert all(b.width() <= holder.viewport().width() for b in quiz.view.option_buttons)
    quiz.study.set_deck(longest_cards(quiz.cards, atlas)[1:])
    exam = quiz.start_exam(5, timedelta(minutes=10), seed=1)
    settle(qtbot)
    assert not holder.horizontalScrollBar().isVisible()
    assert inside_window(window, exam.finish_button) and inside_window(window, exam.clock_label)
