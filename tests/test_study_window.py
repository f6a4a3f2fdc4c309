"""The study path in the whole window, on the bundled atlas, at the sizes students use (issue #13).

Long cards wrap instead of widening the window, the quiz keys work as soon as the Quiz tab shows,
the body chart and pain finder belong to Browse, and a timed exam is closed-book.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.quiz.cards import Card, Template, generate_cards
from studyapp.quiz.decks import CARD_GROUPS
from studyapp.quiz.exam import Exam
from studyapp.quiz.questions import AnswerMode, build_question
from studyapp.storage.userdata import UserData
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.dialogs import ShortcutsDialog, table_rows
from studyapp.ui.exam_view import ExamView
from studyapp.ui.main_window import MainWindow
from studyapp.ui.painfinder_panel import MUSCLE_ID_ROLE, PainFinderPanel
from studyapp.ui.progress_panel import ProgressPanel
from studyapp.ui.quiz_panel import QuizPanel
from tests.helpers.state import make_state
from tests.test_search import load_fixture_atlas

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


@pytest.fixture(scope="module")
def long_cards(atlas: Atlas) -> list[Card]:
    return longest_cards(generate_cards(atlas), atlas)


def longest_cards(cards: list[Card], atlas: Atlas) -> list[Card]:
    """The needling card with the longest answer, then the cards with the longest options."""
    needling = max((c for c in cards if c.template is Template.NEEDLING), key=lambda c: len(c.answer))

    def longest_option(card: Card) -> int:
        question = build_question(card, AnswerMode.CHOICE, cards, atlas, 0)
        return max((len(o) for o in question.options), default=0)

    return [needling, *sorted(cards, key=longest_option, reverse=True)[:20]]


@pytest.mark.parametrize("text_pt", [10.0, 16.0])
def test_the_longest_cards_wrap_at_1024x640_and_every_control_stays_in_view(
    qtbot: QtBot, atlas: Atlas, store: UserData, tmp_path: Path, text_pt: float, long_cards: list[Card]
) -> None:
    window = open_window(qtbot, atlas, store, tmp_path, (1024, 640))
    window.set_font_size(text_pt)
    quiz = quiz_tab(window)
    assert quiz.view is not None
    holder = window.tab_holders["quiz"]
    for mode in (AnswerMode.SHOW, AnswerMode.CHOICE):
        quiz.view.set_mode(mode)
        for card in long_cards[:3]:
            # the card first, with its kind's other cards behind it to supply the wrong options
            quiz.study.set_deck([card, *(c for c in quiz.cards if c.template is card.template and c != card)])
            quiz.view.start()
            assert quiz.view.question is not None and quiz.view.question.card == card
            if mode is AnswerMode.CHOICE and quiz.view.question.mode is AnswerMode.CHOICE:
                assert len(quiz.view.option_buttons) >= 3
                quiz.view.choose(0)
            else:
                quiz.view.reveal()
            settle(qtbot)
            assert not holder.horizontalScrollBar().isVisible(), card.id
            grades = list(quiz.view.grade_buttons.values())
            for control in (quiz.settings_button, quiz.exam_button, quiz.view.undo_button, *grades):
                assert inside_window(window, control), (card.id, control.text())
            for option in quiz.view.option_buttons:
                assert option.isVisible() and option.width() <= holder.viewport().width()
                assert option.label.height() >= option.label.heightForWidth(option.label.width())  # not cut
    # an exam of the cards with the longest options
    exam = quiz.run_exam(Exam(quiz.cards, atlas, now=window.state.now, only=long_cards[1:6]))
    for _ in exam.exam.questions:
        settle(qtbot)
        assert exam.question is not None and len(exam.option_buttons) >= 3
        assert not holder.horizontalScrollBar().isVisible()
        for control in (exam.finish_button, exam.clock_label, exam.next_button, *exam.option_buttons):
            assert inside_window(window, control), control.accessibleName()
        exam.confirm()


@pytest.fixture(scope="module")
def small_atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_fixture_atlas(tmp_path_factory.mktemp("atlas"))


@pytest.fixture
def window(qtbot: QtBot, small_atlas: Atlas, store: UserData, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, small_atlas, store, tmp_path, (1280, 820))


def test_ctrl_2_then_space_and_a_digit_study_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.navigator.search_box.setFocus()  # where the focus is after browsing
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    quiz = window.panel("quiz")
    assert isinstance(quiz, QuizPanel) and quiz.view is not None and quiz.view.question is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert quiz.view.revealed
    first = quiz.view.question.card.id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert quiz.view.question is not None and quiz.view.question.card.id != first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert quiz.view.question.card.id == first  # Ctrl+Z brought the graded card back


def test_clicking_the_quiz_tab_then_enter_checks_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.detail.browser.setFocus()
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    quiz = window.panel("quiz")
    assert isinstance(quiz, QuizPanel) and quiz.view is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert quiz.view.revealed


def test_f1_lists_the_quiz_and_exam_keys(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = next(d for d in window.findChildren(ShortcutsDialog) if d.isVisible())
    rows = [(keys, text) for keys, text in table_rows(dialog.table)]
    quiz = window.panel("quiz")
    assert isinstance(quiz, QuizPanel) and quiz.view is not None
    # every key the quiz binds is listed, because both come from the same table
    bound = {seq.toString() for action in quiz.view.actions() for seq in action.shortcuts()}
    assert {"Space", "Return", "Enter", "Ctrl+Z", "1", "4", "9"} <= bound

    def listed(keys: str, start: str) -> bool:
        return any(k == keys and text.startswith(start) for k, text in rows)

    assert listed("Space", "Quiz: show the answer") and listed("1-9", "Quiz: pick option")
    assert listed("Enter", "Quiz: check") and listed("Ctrl+Z", "Quiz: undo")
    assert listed("Ctrl+Shift+E", "Quiz: start a timed exam")
    assert listed("1-9", "Exam: pick") and listed("Enter", "Exam: confirm")
    dialog.close()


def test_chart_and_pain_finder_belong_to_browse(qtbot: QtBot, window: MainWindow) -> None:
    chart, finder = window.docks["chart"], window.docks["finder"]
    assert chart.isVisible() and finder.isVisible()
    finder.close()  # the student closed the pain finder: it stays closed
    for tab in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert not chart.isVisible() and not finder.isVisible()
    window.tabs.setCurrentIndex(0)
    assert chart.isVisible() and not finder.isVisible()


def test_a_timed_exam_is_closed_book_and_the_atlas_opens_again_after(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    quiz = quiz_tab(window)
    exam = quiz.start_exam(3, timedelta(minutes=5), seed=2)
    assert not window.tabs.isTabEnabled(0)
    assert not window.tabs.isTabEnabled(window.tabs.indexOf(window.tab_holders["course"]))
    for key in ("points", "tp_points"):  # the point atlas answers the point cards
        assert not window.tabs.isTabEnabled(window.tabs.indexOf(window.tab_holders[key]))
    assert window.save_muscle_handout(tmp_path / "handout.pdf") is None  # no notes on paper either
    assert not (tmp_path / "handout.pdf").exists()
    assert not window.docks["chart"].isVisible() and not window.docks["finder"].isVisible()
    assert not window.docks["chart"].toggleViewAction().isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1: Browse
    assert window.tabs.currentIndex() == 1
    assert not window.select_muscle("piriformis")  # a link or the progress map cannot open it
    window.state.request_point("GB30")  # nor can a point link
    assert window.tabs.currentIndex() == 1
    exam.finish()
    assert window.tabs.isTabEnabled(0) and window.tabs.isTabEnabled(window.tabs.count() - 1)
    assert window.select_muscle("piriformis") and window.docks["chart"].isVisible()


def answer_exam(qtbot: QtBot, exam: ExamView, right: set[int]) -> None:
    """Answer every question with the keys: right for the numbers in `right`, wrong for the rest."""
    for n, question in enumerate(exam.exam.questions):
        wrong = sorted(set(range(len(question.options))) - question.correct)
        picks = sorted(question.correct) if n in right or not wrong else [wrong[0]]
        if question.mode is not AnswerMode.MULTI:
            picks = picks[:1]
        for i in picks:
            qtbot.keyClick(exam, Qt.Key(Qt.Key.Key_1.value + i))
        qtbot.keyClick(exam, Qt.Key.Key_Return)


def test_the_exam_review_lists_every_question_links_muscles_retakes_and_saves_a_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    quiz = quiz_tab(window)
    exam = quiz.start_exam(4, timedelta(minutes=10), seed=1)
    answer_exam(qtbot, exam, right={0})
    report = exam.report_view
    assert exam.stack.currentWidget() is report
    text = report.questions.toPlainText()
    for question in exam.exam.questions:
        assert question.card.prompt in text
    asked = len(exam.exam.questions)
    assert asked >= 3 and text.count("Your answer:") == asked and text.count("Right answer:") == asked
    assert text.count("✗") == len(exam.exam.missed()) == asked - 1
    assert window.tabs.isTabEnabled(0)  # the exam is over: the atlas is open again
    muscle = next(r.muscle_id for r in exam.exam.review() if r.muscle_id)
    assert f"Open {window.atlas.muscles[muscle].name}" in text
    report.questions.anchorClicked.emit(QUrl(f"muscle:{muscle}"))
    assert window.current == muscle and window.tabs.currentIndex() == 0

    pdf = report.save_pdf(tmp_path / "result.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    assert (
        "Every question" in report.result_html()
        and exam.exam.questions[1].card.prompt in report.result_html()
    )

    quiz_tab(window)
    qtbot.mouseClick(report.retake_button, Qt.MouseButton.LeftButton)
    again = quiz.exam_view
    assert again is not None and again is not exam
    assert [q.card.id for q in again.exam.questions] == [c.id for c in exam.exam.missed()]
    assert not window.tabs.isTabEnabled(0)  # the retake is closed-book too


def test_progress_at_1024x640_shows_many_muscles_and_scrolls_to_every_one(
    qtbot: QtBot, atlas: Atlas, store: UserData, tmp_path: Path
) -> None:
    window = open_window(qtbot, atlas, store, tmp_path, (1024, 640))
    window.show_tab("progress")
    progress = window.panel("progress")
    assert isinstance(progress, ProgressPanel)
    settle(qtbot)
    view, scroll = progress.view, progress.scroll_area
    view.grab()  # paints every row, so each muscle leaves its tooltip area
    rows = {tip.text.split(":")[0]: tip.rect for tip in view._tips if tip.text.endswith("not studied yet")}
    assert set(rows) == {m.name for m in atlas.muscles.values()}  # every muscle, no "+N more"
    visible = QRectF(0, scroll.verticalScrollBar().value(), view.width(), scroll.viewport().height())
    shown = [name for name, rect in rows.items() if visible.contains(rect)]
    assert len(shown) >= 8, shown
    assert not scroll.horizontalScrollBar().isVisible() and scroll.verticalScrollBar().maximum() > 0


def visible_result_rows(finder: PainFinderPanel) -> list[str]:
    """The result rows (muscles and their reasons) drawn whole inside the list's viewport."""
    view, model = finder.results, finder.model
    area = view.viewport().rect()
    shown = []
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        for index in (parent, *(model.index(r, 0, parent) for r in range(model.rowCount(parent)))):
            if area.contains(view.visualRect(index)):
                shown.append(str(index.data()))
    return shown


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900)])
def test_the_pain_finder_shows_eight_results_marks_why_and_shows_the_chosen_pattern(
    qtbot: QtBot, atlas: Atlas, store: UserData, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = open_window(qtbot, atlas, store, tmp_path, size)
    settle(qtbot)
    finder, chart = window.panels["finder"], window.panels["chart"]
    assert isinstance(finder, PainFinderPanel) and isinstance(chart, BodyChartView)
    assert not window.tabifiedDockWidgets(window.docks["finder"])  # not hidden behind the chart's tab
    chart_dock, finder_dock = window.docks["chart"], window.docks["finder"]
    assert chart_dock.height() > 3 * finder_dock.height()  # no region yet: the figure has the room
    chart.set_view("anterior")
    finder.region_edit.setText("greater trochanter")
    qtbot.keyClick(finder.region_edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert chart.current_view() == "lateral"  # the typed region brought the chart to a view showing it
    assert chart.selected_regions() == ["greater_trochanter"]
    assert finder.isVisible() and finder.results.isVisible()
    shown = visible_result_rows(finder)
    muscles = [r for r in shown if r.split(".")[0].isdigit()]
    assert len(muscles) >= 8, shown
    rows = [str(finder.model.index(r, 0).data()) for r in range(finder.model.rowCount())]
    minimus = next(r for r in rows if "Gluteus minimus" in r)
    assert "spillover" in minimus and "pain guide" in minimus  # marked as `find-pain` marks it
    assert any(r.endswith("(pain guide)") for r in rows)  # listed by the pain guide alone
    first = finder.model.index(0, 0)
    bar = finder.results
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=bar.visualRect(first).center())
    chosen = str(first.data(MUSCLE_ID_ROLE))
    assert window.current == chosen and chart.overlay.shown_ids() == [chosen]
    assert "greater_trochanter" in chart.selected_regions()  # the pattern over the selected region
    reasons = [str(finder.model.index(r, 0, first).data()) for r in range(finder.model.rowCount(first))]
    assert reasons and all(r in visible_result_rows(finder) for r in reasons)  # the click says why


def choose_deck(quiz: QuizPanel, data: str) -> None:
    index = quiz.deck_combo.findData(data)
    assert index >= 0, f"no deck {data!r} in the list"
    quiz.deck_combo.setCurrentIndex(index)


def test_a_deck_can_choose_its_kinds_of_card_and_the_choice_is_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, small_atlas: Atlas, store: UserData
) -> None:
    quiz = quiz_tab(window)
    assert quiz.card_types.all_chosen() and quiz.card_types.text() == "Cards: all"
    kinds = {c.template for c in quiz.study.cards}
    assert Template.REFERRAL_TO_MUSCLE in kinds and Template.ORIGIN in kinds
    quiz.card_types.set_groups(["referral"])
    assert {c.template for c in quiz.study.cards} <= CARD_GROUPS["referral"]
    assert quiz.view is not None and quiz.view.question is not None
    assert quiz.view.question.card.template in CARD_GROUPS["referral"]
    assert quiz.card_types.text() == f"Cards: 1 of {len(CARD_GROUPS)} kinds"
    for action in quiz.card_types.actions_by_group.values():
        action.setChecked(False)  # unticking every kind leaves the last one ticked
    assert quiz.card_types.groups() == ["referral"]
    # the next start remembers the choice
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = QuizPanel(make_state(small_atlas, store, settings))
    qtbot.addWidget(again)
    assert again.card_types.groups() == ["referral"]


def test_channel_decks_study_the_point_cards(qtbot: QtBot, window: MainWindow) -> None:
    quiz = quiz_tab(window)
    points = window.state.point_atlas
    assert points is not None and "GB" in points.channels
    assert all(not c.point for c in quiz.study.cards)  # "All muscles" is about muscles
    choose_deck(quiz, "channel:GB")
    assert "(GB)" in quiz.deck_combo.currentText()
    codes = set(points.channels["GB"].points)
    assert quiz.study.cards and all(c.point in codes for c in quiz.study.cards)
    assert quiz.view is not None and quiz.view.question is not None
    assert quiz.view.question.card.point in codes


def test_empty_lists_say_why_and_offer_the_pain_finder_filters_and_favourites(
    qtbot: QtBot, window: MainWindow
) -> None:
    navigator = window.navigator
    navigator.favourites_only.setChecked(True)
    assert not navigator.view.isVisible() and navigator.empty_label.isVisible()
    assert "No favourites yet: press ☆ on a muscle or Ctrl+D" in navigator.empty_label.text()
    navigator.empty_label.linkActivated.emit("all")
    assert not navigator.favourites_only.isChecked() and navigator.view.isVisible()
    assert not navigator.empty_label.isVisible()

    qtbot.keyClicks(navigator.search_box, "zzqx")
    text = navigator.empty_label.text()
    assert navigator.empty_label.isVisible() and "Nothing matches" in text
    assert all(f'href="{key}"' in text for key in ("finder", "filters", "clear_search"))
    navigator.empty_label.linkActivated.emit("filters")
    assert navigator.filters_box.isVisible()
    navigator.empty_label.linkActivated.emit("finder")
    finder = window.panels["finder"]
    assert isinstance(finder, PainFinderPanel) and window.docks["finder"].isVisible()
    assert finder.region_edit.text() == "zzqx" and finder.region_edit.hasFocus()
    navigator.empty_label.linkActivated.emit("clear_search")
    assert navigator.search_box.text() == "" and navigator.view.isVisible()


def test_an_empty_favourites_deck_says_how_to_add_one(qtbot: QtBot, window: MainWindow) -> None:
    quiz = quiz_tab(window)
    choose_deck(quiz, "favourites")
    assert quiz.view is not None and quiz.view.question is None
    text = quiz.view.empty_label.text()
    assert "No favourites yet: press ☆ on a muscle or Ctrl+D" in text and "Well done" not in text


SCALED_QUIZ = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QPoint, QRect, QSettings
    from PySide6.QtWidgets import QApplication
    from studyapp.content.loader import load_atlas
    from studyapp.quiz.cards import Template
    from studyapp.quiz.questions import AnswerMode
    from studyapp.storage.userdata import UserData
    from studyapp.ui.main_window import MainWindow
    from tests.helpers.state import make_state

    app = QApplication(["t"])
    width, height, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    settings = QSettings(folder + "/s.ini", QSettings.Format.IniFormat)
    window = MainWindow(make_state(load_atlas().atlas, UserData(), settings))
    window.resize(width, height)
    window.show()
    window.show_tab("quiz")
    quiz = window.panel("quiz")
    risk = [c for c in quiz.cards if c.template is Template.NEEDLING_RISK]
    quiz.view.set_mode(AnswerMode.CHOICE)
    quiz.study.set_deck(risk)
    quiz.view.start()
    quiz.view.choose(0)
    for _ in range(5):
        app.processEvents()

    def inside(widget):
        corner = widget.mapTo(window, QPoint(0, 0))
        return widget.isVisible() and window.rect().contains(QRect(corner, widget.size()))

    controls = [quiz.settings_button, quiz.exam_button, quiz.view.undo_button]
    controls += list(quiz.view.grade_buttons.values())
    print(json.dumps({
        "ratio": window.devicePixelRatio(),
        "sideways": window.tab_holders["quiz"].horizontalScrollBar().isVisible(),
        "cut": [c.text() for c in controls if not inside(c)],
        "options": len(quiz.view.option_buttons),
    }))
    """
)


@pytest.mark.parametrize(("scale", "size"), [("2", (1024, 640)), ("1", (3840, 2160))])
def test_the_quiz_fits_at_twice_the_scale_and_on_a_4k_screen(
    tmp_path: Path, scale: str, size: tuple[int, int]
) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR=scale,
        STUDYAPP_DATA_DIR=str(tmp_path / "data"),
    )
    done = subprocess.run(
        [sys.executable, "-c", SCALED_QUIZ, str(size[0]), str(size[1]), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == float(scale)
    assert not seen["sideways"] and seen["cut"] == [] and seen["options"] >= 3
