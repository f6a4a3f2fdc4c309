"""The Course tab as a student uses it: install, study, fail and pass the post-test, certificate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.course.completion import check_record
from studyapp.course.model import QuestionKind
from studyapp.course.pack import PackError, build_pack
from studyapp.course.records import CourseRecords
from studyapp.course.roster import build_roster
from studyapp.storage.userdata import UserData
from studyapp.ui.course_panel import CoursePanel
from studyapp.ui.main_window import MainWindow
from studyapp.ui.posttest_dialog import PostTestDialog
from studyapp.ui.quiz_chart import TextChart, text_chart_factory
from studyapp.ui.quiz_panel import QuizPanel
from tests.helpers.clock import Clock
from tests.helpers.state import make_state

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hip-low-back"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas().atlas


@pytest.fixture
def records(tmp_path: Path, clock: Clock) -> Iterator[CourseRecords]:
    r = CourseRecords.open(tmp_path / "data", now=clock, keep_backups=0)
    yield r
    r.close()


def _answer(dialog: PostTestDialog, right: bool) -> None:
    """Answer every question as a student would, by keys, typing and ticking regions."""
    for index, entry in enumerate(dialog.drawn):
        dialog.go(index)
        question = entry.question
        if question.kind is QuestionKind.CHOICE:
            wrong = next(c for c in entry.choices if c not in question.answers)
            for target in question.answers if right else (wrong,):
                dialog.choose(entry.choices.index(target))
        elif question.kind is QuestionKind.TYPED:
            dialog.answer_typed(question.answers[0] if right else "no idea")
        else:
            assert isinstance(dialog.chart, TextChart)
            for rid in question.answers if right else ["sacrum"]:
                if rid in dialog.chart.boxes:
                    dialog.chart.pick(rid)
    dialog.finish()


def test_a_student_installs_a_course_fails_passes_and_gets_a_certificate(
    qtbot: QtBot, tmp_path: Path, atlas: Atlas, records: CourseRecords, clock: Clock
) -> None:
    panel = CoursePanel(
        atlas,
        tmp_path / "data" / "courses",
        records,
        mastery=lambda: {"gluteus_medius": 1.0},
        chart_factory=text_chart_factory(atlas),
        now=clock,
    )
    qtbot.addWidget(panel)
    assert panel.page is None  # the empty state explains where packs come from
    pack = tmp_path / "hip.studypack"
    build_pack(EXAMPLE, pack, atlas)
    course = panel.install(pack)
    page = panel.page
    assert page is not None and page.course.id == course.id
    assert page.lesson_bars["gluteals"].value() == 50  # medius mastered, minimus not yet
    assert page.lesson_bars["low_back"].value() == 0
    requested: list[tuple[str, list[str]]] = []
    page.studyRequested.connect(lambda name, ids: requested.append((name, ids)))
    page.studyRequested.emit(course.title, list(course.muscles))
    assert requested[0][1][:2] == ["gluteus_medius", "gluteus_minimus"]

    failed = page.run_post_test(lambda d: _answer(d, right=False))
    assert failed is not None and not failed.passed
    assert not page.certificate_button.isEnabled() and page.start_button.isEnabled()
    assert "Attempts left: 2" in page.test_status.text()
    assert "answers are shown after you pass" in page.review.text()

    clock.advance(hours=2)
    passed = page.run_post_test(lambda d: _answer(d, right=True))
    assert passed is not None and passed.passed and passed.score == 100.0
    assert page.certificate_button.isEnabled() and not page.start_button.isEnabled()
    assert "Right answer" not in page.review.text() and "✓" in page.review.text()

    with pytest.raises(ValueError):
        page.save_certificate("  ", "", tmp_path / "nobody.pdf")
    pdf = tmp_path / "certificate.pdf"
    code = page.save_certificate("Alex Student", "LMT-1", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert [c.code for c in records.certificates_for(course.id)] == [code]
    again = page.save_certificate("Alex Student", "LMT-1", tmp_path / "reissued.pdf")
    assert again == code  # a reissue from the record carries the same code

    out = tmp_path / "record.json"
    page.export_record("Alex Student", "LMT-1", out)
    record = check_record(json.loads(out.read_text(encoding="utf-8")))
    assert record["certificate"]["code"] == code
    assert out.with_suffix(".csv").read_text(encoding="utf-8").startswith("participant,licence,course_id")
    assert [row.status for row in build_roster([out])] == ["ok"]


def test_a_hostile_pack_is_refused_and_the_page_is_unchanged(
    qtbot: QtBot, tmp_path: Path, atlas: Atlas, records: CourseRecords, clock: Clock
) -> None:
    panel = CoursePanel(atlas, tmp_path / "courses", records, dict, text_chart_factory(atlas), clock)
    qtbot.addWidget(panel)
    bad = tmp_path / "bad.studypack"
    bad.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(PackError):
        panel.install(bad)
    assert panel.page is None and panel.courses == []


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, atlas: Atlas, isolated_data_dir: Path) -> Iterator[MainWindow]:
    """The whole window on the bundled atlas, a throw-away settings file and data folder."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with UserData() as store:
        state = make_state(atlas, store, settings)
        shown = MainWindow(state)
        qtbot.addWidget(shown)
        shown.destroyed.connect(state.close)
        shown.show()
        yield shown
        shown.close()


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")  # offscreen window
def test_the_course_tab_lives_in_the_window_and_a_lesson_opens_its_deck_in_the_quiz(
    window: MainWindow, tmp_path: Path, atlas: Atlas
) -> None:
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())].count("Course") == 1
    assert any(
        a.shortcut().toString() == "Ctrl+O" and "course pack" in a.text() for a in window.all_actions()
    )
    panel = window.show_tab("course")
    assert isinstance(panel, CoursePanel) and panel.page is None
    build_pack(EXAMPLE, tmp_path / "hip.studypack", atlas)
    course = panel.install(tmp_path / "hip.studypack")
    assert (window.state.courses_folder / course.id / "course.yaml").is_file()
    assert panel.page is not None
    lesson = course.lessons[2]
    panel.page.studyRequested.emit(lesson.title, list(lesson.muscles))
    quiz = window.panels["quiz"]
    assert isinstance(quiz, QuizPanel) and window.tabs.currentWidget() is window.tab_holders["quiz"]
    assert quiz.deck_combo.currentText() == lesson.title
    deck_cards = quiz.deck().select(quiz.cards)
    muscles = {c.sibling_key for c in deck_cards if not c.sibling_key.startswith("zone.")}
    assert muscles == set(lesson.muscles)  # plus the pain-region cards these muscles answer


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")  # offscreen window
def test_a_muscle_handout_is_saved_as_pdf_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    assert any(a.shortcut().toString() == "Ctrl+P" for a in window.all_actions())
    window.select_muscle("piriformis")
    out = window.save_muscle_handout(tmp_path / "piriformis.pdf")
    assert out is not None and out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
