"""The Quiz panel as a student uses it: exams, study settings, leeches, and a damaged review database.

Real widgets on a real review store in tmp_path; study settings go to an INI file in tmp_path, never
to the student's QSettings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fsrs import State
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.quiz.questions import AnswerMode
from studyapp.quiz.store import CardState, ReviewStore
from studyapp.storage.backups import list_backups
from studyapp.storage.userdata import UserData
from studyapp.ui.exam_view import ExamView
from studyapp.ui.progress_panel import WIDE_PROGRESS_PX, ProgressPanel
from studyapp.ui.quiz_chart import text_chart_factory
from studyapp.ui.quiz_panel import QuizPanel
from studyapp.ui.recovery import CANCEL, RESTORE
from tests.helpers.clock import Clock
from tests.helpers.demo import demo_atlas
from tests.helpers.state import make_state

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")

ATLAS = demo_atlas()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def user_data(folder: Path) -> Iterator[UserData]:
    store = UserData(folder / "userdata.sqlite3")
    yield store
    store.close()


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def qsettings(ini: Path) -> QSettings:
    return QSettings(str(ini), QSettings.Format.IniFormat)


def make_panel(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock, ask: str = CANCEL, activate: bool = True
) -> QuizPanel:
    state = make_state(ATLAS, user_data, qsettings(ini), now=clock, ask=lambda _error: ask)
    panel = QuizPanel(state, chart_factory=text_chart_factory(ATLAS))
    qtbot.addWidget(panel)
    panel.destroyed.connect(state.close)
    panel.resize(900, 650)
    if activate:
        panel.show()
        qtbot.waitExposed(panel)
        panel.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)  # shortcuts need the active window
    return panel


def log_rows(panel: QuizPanel) -> int:
    assert panel.reviews is not None
    return int(panel.reviews.db.query("SELECT count(*) FROM review_log")[0][0])


def current_exam(panel: QuizPanel) -> ExamView:
    assert panel.exam_view is not None
    return panel.exam_view


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)


DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


# -- exam --------------------------------------------------------------------------------------------


def test_exam_runs_n_questions_reports_by_area_and_leaves_the_schedule_alone(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    panel = make_panel(qtbot, user_data, ini, clock)
    assert panel.view is not None
    press(qtbot, panel.view, Qt.Key.Key_Space)  # one real review first, so the log is not empty
    press(qtbot, panel.view, Qt.Key.Key_3)
    assert log_rows(panel) == 1
    assert panel.reviews is not None
    states_before = panel.reviews.states()
    counts_before = panel.study.counts()

    qtbot.mouseClick(panel.exam_button, Qt.MouseButton.LeftButton)
    setup = panel.setup_dialog
    assert setup is not None and setup.isVisible()
    setup.questions_spin.setValue(5)
    setup.minutes_spin.setValue(10)
    setup.accept()
    exam = current_exam(panel)
    assert panel.stack.currentWidget() is exam
    assert not panel.exam_button.isEnabled() and not panel.deck_combo.isEnabled()
    assert exam.clock_label.text() == "10:00"

    expected: dict[str, list[float]] = {}
    for n, question in enumerate(exam.exam.questions):
        assert exam.progress_label.text() == f"Question {n + 1} of 5"
        assert exam.prompt_label.text() == question.card.prompt
        right = n % 2 == 0  # every other question right, the rest wrong
        if question.mode is AnswerMode.MULTI:
            picks = (
                sorted(question.correct)
                if right
                else [min(set(range(len(question.options))) - question.correct)]
            )
        else:
            picks = [
                min(question.correct) if right else min(set(range(len(question.options))) - question.correct)
            ]
        for i in picks:
            press(qtbot, exam, DIGITS[i])
        label = ATLAS.areas[question.card.area].label
        expected.setdefault(label, []).append(1.0 if right else 0.0)
        press(qtbot, exam, Qt.Key.Key_Return)

    assert exam.stack.currentWidget() is exam.report_view
    report = exam.report
    assert report is not None and report.total == 5 and report.answered == 5 and not report.timed_out
    assert {a.label: (a.score, a.total) for a in report.by_area} == {
        label: (sum(v), len(v)) for label, v in expected.items()
    }
    assert exam.report_view.score_label.text().startswith(f"{report.percent:.0f}%")
    for label, values in expected.items():  # the bars say it too (for screen readers)
        assert f"{label}: {sum(values):g} of {len(values)}" in exam.report_view.bars.accessibleDescription()
    assert "schedule is unchanged" in exam.report_view.summary_label.text()

    assert log_rows(panel) == 1  # the exam wrote nothing to the review log
    assert panel.reviews.states() == states_before
    qtbot.mouseClick(exam.report_view.back_button, Qt.MouseButton.LeftButton)
    assert panel.exam_view is None
    assert panel.stack.currentWidget() is panel.view
    assert panel.exam_button.isEnabled()
    assert panel.study.counts() == counts_before


def test_running_out_of_time_finishes_the_exam(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    panel = make_panel(qtbot, user_data, ini, clock)
    exam = panel.start_exam(8, timedelta(minutes=2), seed=3)
    assert exam.clock_label.text() == "2:00"
    question = exam.exam.questions[0]
    press(qtbot, exam, DIGITS[min(question.correct)])
    press(qtbot, exam, Qt.Key.Key_Return)
    clock.t += timedelta(seconds=90)
    qtbot.waitUntil(lambda: exam.clock_label.text() == "0:30", timeout=2000)  # the countdown runs by itself
    clock.t += timedelta(seconds=31)
    qtbot.waitUntil(lambda: exam.report is not None, timeout=2000)
    report = exam.report
    assert report is not None
    assert report.timed_out and report.answered == 1 and report.total == 8
    assert exam.stack.currentWidget() is exam.report_view
    assert "time ran out" in exam.report_view.summary_label.text()
    press(qtbot, exam, Qt.Key.Key_1)  # keys after the end change nothing
    assert exam.exam.verdicts.keys() == {0}
    press(qtbot, exam, Qt.Key.Key_Return)  # Enter on the report goes back to reviews
    assert panel.exam_view is None


def test_ctrl_shift_e_opens_the_exam_setup_for_the_current_deck(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    panel = make_panel(qtbot, user_data, ini, clock)
    panel.deck_combo.setCurrentIndex(panel.deck_combo.findData("hip_thigh"))
    expand_all = QAction("Expand all sections", panel)  # a window-level action on the same keys
    expand_all.setShortcut(QKeySequence("Ctrl+Shift+E"))
    panel.addAction(expand_all)
    expanded: list[bool] = []
    expand_all.triggered.connect(lambda: expanded.append(True))
    assert panel.view is not None
    qtbot.keyClick(
        panel.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert expanded == []  # inside the quiz panel the exam wins
    setup = panel.setup_dialog
    assert setup is not None and setup.isVisible()
    assert setup.deck_label.text().startswith("Hip and thigh")
    setup.questions_spin.setValue(4)
    setup.accept()
    exam = current_exam(panel)
    assert len(exam.exam.questions) == 4
    assert {q.card.area for q in exam.exam.questions} == {"hip_thigh"}


# -- settings ----------------------------------------------------------------------------------------


def test_settings_change_the_counts_and_persist(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    panel = make_panel(qtbot, user_data, ini, clock)
    assert panel.view is not None
    assert "New <b>20</b>" in panel.view.counts_label.text()
    dialog = panel.open_settings()
    assert dialog.no_exam_box.isChecked() and not dialog.exam_edit.isEnabled()
    dialog.new_spin.setValue(3)
    dialog.reviews_spin.setValue(50)
    dialog.leech_spin.setValue(5)
    dialog.no_exam_box.setChecked(False)
    assert dialog.exam_edit.isEnabled()
    dialog.set_exam_date(date(2025, 6, 20))
    dialog.accept()
    assert "New <b>3</b>" in panel.view.counts_label.text()
    settings = panel.study.settings
    assert (settings.new_per_day, settings.reviews_per_day, settings.leech_threshold) == (3, 50, 5)
    assert settings.exam_date == date(2025, 6, 20)

    panel.close()
    panel.deleteLater()
    again = make_panel(qtbot, user_data, ini, clock, activate=False)  # a new start reads the file
    assert again.view is not None
    assert "New <b>3</b>" in again.view.counts_label.text()
    assert again.study.settings.exam_date == date(2025, 6, 20)
    dialog = again.open_settings()
    assert dialog.new_spin.value() == 3 and not dialog.no_exam_box.isChecked()
    dialog.no_exam_box.setChecked(True)  # back to no exam
    dialog.accept()
    assert qsettings(ini).value("study/exam_date") == ""
    assert again.study.settings.exam_date is None


def test_bad_values_in_the_settings_file_fall_back_to_defaults(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    store = qsettings(ini)
    store.setValue("study/new_per_day", "lots")
    store.setValue("study/reviews_per_day", -4)
    store.setValue("study/exam_date", "next spring")
    store.sync()
    panel = make_panel(qtbot, user_data, ini, clock, activate=False)
    settings = panel.study.settings
    assert (settings.new_per_day, settings.reviews_per_day, settings.exam_date) == (20, 200, None)


# -- leeches -----------------------------------------------------------------------------------------


def test_leeches_are_counted_and_listed_by_muscle_and_kind(
    qtbot: QtBot, user_data: UserData, folder: Path, ini: Path, clock: Clock
) -> None:
    with_leech = ReviewStore.open(folder, now=clock, keep_backups=0)
    leech = CardState("piriformis:origin", State.Relearning, 0, 2.0, 7.0, clock.t, clock.t, 12, 8, True)
    with_leech.record_answer(None, leech, 1, clock.t, None, "show")
    with_leech.close()
    panel = make_panel(qtbot, user_data, ini, clock, activate=False)
    assert panel.leech_button.text() == "Leeches (1)"
    dialog = panel.show_leeches()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Piriformis — Origin"]
    dialog.close()
    panel.deck_combo.setCurrentIndex(panel.deck_combo.findData("neck"))  # the list follows the deck
    assert panel.leech_lines() == []


# -- a damaged review database -----------------------------------------------------------------------


def damage(folder: Path, clock: Clock) -> bytes:
    """A store with one answer and its backup (made when it is opened), then garbage in its place."""
    first = ReviewStore.open(folder, now=clock)
    first.record_answer(None, CardState.new("piriformis:origin", clock()), 3, clock(), None, "show")
    first.close()
    ReviewStore.open(folder, now=clock).close()
    assert list_backups(folder / "backups", "reviews")
    garbage = b"this is not a database" * 100
    ReviewStore.path_in(folder).write_bytes(garbage)
    return garbage


def test_restoring_a_backup_opens_the_quiz_and_keeps_the_damaged_file(
    qtbot: QtBot, user_data: UserData, folder: Path, ini: Path, clock: Clock
) -> None:
    garbage = damage(folder, clock)
    panel = make_panel(qtbot, user_data, ini, clock, ask=RESTORE, activate=False)
    assert panel.view is not None and panel.view.question is not None
    kept = list(folder.glob("reviews.sqlite3.corrupt-*"))
    assert [p.read_bytes() for p in kept if p.name.endswith(tuple("0123456789Z"))] == [garbage]
    assert ReviewStore.path_in(folder).read_bytes()[:16] == b"SQLite format 3\x00"


def test_declining_recovery_shows_the_message_and_touches_nothing(
    qtbot: QtBot, user_data: UserData, folder: Path, ini: Path, clock: Clock
) -> None:
    garbage = damage(folder, clock)
    panel = make_panel(qtbot, user_data, ini, clock, ask=CANCEL, activate=False)
    assert panel.view is None
    assert panel.unavailable is not None
    assert "is damaged" in panel.unavailable.text() and "backup can be restored" in panel.unavailable.text()
    assert ReviewStore.path_in(folder).read_bytes() == garbage
    assert not list(folder.glob("reviews.sqlite3.corrupt-*"))


# -- progress -----------------------------------------------------------------------------------------


def test_progress_paints_only_studied_muscles_on_the_body_and_stacks_when_narrow(
    qtbot: QtBot, user_data: UserData, ini: Path, clock: Clock
) -> None:
    from fsrs import Rating

    quiz = make_panel(qtbot, user_data, ini, clock, activate=False)
    answered = set()
    for _ in range(3):
        card = quiz.study.next_card()
        assert card is not None
        quiz.study.answer(card.id, Rating.Good)
        answered.add(card.muscle_id)
    progress = ProgressPanel(quiz.state)  # the same state: one store, one scheduler
    qtbot.addWidget(progress)
    progress.resize(WIDE_PROGRESS_PX + 300, 800)
    progress.show()
    qtbot.waitExposed(progress)
    assert set(progress.map.mastery) == answered  # the muscles never studied stay off the map
    muscle_id = next(iter(answered))
    view_id = next(v for v in progress.map.drawings if muscle_id in progress.map.sites(v))
    progress.map.set_view(view_id)
    painted = {m for site in progress.map.by_site.values() for m, _ in site.muscles}
    assert painted == {m for m in answered if m in progress.map.sites(view_id)}
    assert progress.split.orientation() == Qt.Orientation.Horizontal
    progress.resize(WIDE_PROGRESS_PX - 200, 800)
    qtbot.waitUntil(lambda: progress.split.orientation() == Qt.Orientation.Vertical)
