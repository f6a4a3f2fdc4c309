"""What the student sees when storage fails: a read-only data folder, a damaged or newer notes file,
an answer the disk refuses, a repair declined with "Not now", and a second copy of the app."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fsrs import Rating
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from studyapp.quiz.store import DB_NAME, CardState, ReviewStore
from studyapp.storage import WriteFailed, list_backups
from studyapp.storage import datafolder as datafolder_module
from studyapp.storage.datafolder import DataFolder, open_data_folder
from studyapp.storage.userdata import FILE_NAME, SCHEMA_VERSION, UserData
from studyapp.ui.app import open_store
from studyapp.ui.progress_panel import ProgressPanel
from studyapp.ui.quiz_chart import text_chart_factory
from studyapp.ui.quiz_panel import QuizPanel
from studyapp.ui.recovery import CANCEL, RESTORE
from tests.helpers.clock import Clock
from tests.helpers.demo import demo_atlas
from tests.helpers.state import make_state

ROOT = Path(__file__).resolve().parents[1]
ATLAS = demo_atlas()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def with_answers(folder: Path, clock: Clock, n: int) -> None:
    store = ReviewStore.open(folder, now=clock)
    for i in range(n):
        store.record_answer(None, CardState.new(f"m{i}:origin", clock()), 3, clock(), None, "show")
    store.close()
    clock.advance(days=1)
    ReviewStore.open(folder, now=clock).close()  # the next day's start backs the answers up


def with_notes(folder: Path, clock: Clock) -> None:
    with UserData(folder / FILE_NAME, now=clock) as notes:
        notes.set_note("piriformis", "SLR test")
        notes.set_favourite("piriformis", True)
    UserData(folder / FILE_NAME, now=clock).close()  # the start that backs it up


def quiz_panel(qtbot: QtBot, store: UserData, tmp_path: Path, clock: Clock, ask: str = CANCEL) -> QuizPanel:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    panel = QuizPanel(
        make_state(ATLAS, store, settings, now=clock, ask=lambda _error: ask),
        chart_factory=text_chart_factory(ATLAS),
    )
    qtbot.addWidget(panel)
    return panel


@pytest.fixture
def read_only_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The folder's disk refuses writes (as a read-only mount does); reading still works."""

    def refuse(_fd: int) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(datafolder_module.os, "fsync", refuse)
    yield


def test_a_read_only_data_folder_opens_read_only_with_the_real_history(
    qtbot: QtBot, folder: Path, tmp_path: Path, clock: Clock, read_only_disk: None
) -> None:
    with_answers(folder, clock, 40)
    with_notes(folder, clock)
    before = (folder / DB_NAME).read_bytes()
    data = open_data_folder(folder)
    assert data.read_only_reason == "the disk is read-only"
    store, warning = open_store(data)
    assert warning is not None and "read-only" in warning and str(folder) in warning
    assert store.read_only and store.note("piriformis") == "SLR test"
    with pytest.raises(WriteFailed):
        store.set_note("piriformis", "changed")
    panel = quiz_panel(qtbot, store, tmp_path, clock)
    assert panel.reviews is not None and panel.reviews.review_count() == 40  # not an empty temp store
    assert Path(panel.reviews.db.path) == folder / DB_NAME
    assert panel.notice.isVisibleTo(panel) and "Read-only" in panel.notice.text()
    view = panel.view
    assert view is not None and view.question is not None
    view.reveal()
    question = view.question
    view.grade(Rating.Good)  # refused, said, kept on screen
    assert view.question is question and view.save_error.isVisibleTo(view)
    store.close()
    assert (folder / DB_NAME).read_bytes() == before


def test_a_data_folder_that_is_a_file_is_refused_in_words(tmp_path: Path) -> None:
    env = {**os.environ, "STUDYAPP_DATA_DIR": "/dev/null/x", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "studyapp"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "/dev/null/x" in lines[0] and "not a folder" in lines[0]


def test_a_damaged_notes_file_is_restored_from_its_backup(folder: Path, clock: Clock) -> None:
    with_notes(folder, clock)
    assert list_backups(folder / "backups", "userdata")
    (folder / FILE_NAME).write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    store, warning = open_store(DataFolder(folder), ask=lambda _error: RESTORE)
    assert warning is None
    assert store.note("piriformis") == "SLR test" and store.favourites() == {"piriformis"}
    store.close()
    assert list(folder.glob(f"{FILE_NAME}.corrupt-*"))  # the damaged file is kept


def test_a_declined_notes_repair_refuses_saves_instead_of_losing_them(folder: Path, clock: Clock) -> None:
    with_notes(folder, clock)
    (folder / FILE_NAME).write_bytes(b"garbage" * 1000)
    store, warning = open_store(DataFolder(folder), ask=lambda _error: CANCEL)
    assert warning is not None and "damaged" in warning
    with pytest.raises(WriteFailed):
        store.set_note("piriformis", "typed into a store that cannot keep it")
    assert Path(store.path).parent == folder  # the reviews beside it are the real ones
    store.close()


def test_a_newer_notes_file_is_refused_and_left_alone(folder: Path, clock: Clock) -> None:
    with_notes(folder, clock)
    conn = sqlite3.connect(folder / FILE_NAME)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = (folder / FILE_NAME).read_bytes()
    store, warning = open_store(DataFolder(folder))
    assert warning is not None and "update studyapp" in warning
    assert store.read_only and store.folder_read_only is None  # the review history stays writable
    store.close()
    assert (folder / FILE_NAME).read_bytes() == before


def test_a_refused_answer_stays_on_screen_and_is_saved_on_retry(
    qtbot: QtBot, folder: Path, tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    with_answers(folder, clock, 1)
    store = UserData(folder / FILE_NAME)
    panel = quiz_panel(qtbot, store, tmp_path, clock)
    reviews, view = panel.reviews, panel.view
    assert reviews is not None and view is not None and view.question is not None
    pages = reviews.db.conn.execute("PRAGMA page_count").fetchone()[0]
    reviews.db.conn.execute(f"PRAGMA max_page_count={pages}")
    refused = None
    for _ in range(100):  # free pages absorb the first few answers; then the disk is "full"
        view.reveal()
        question = view.question
        view.grade(Rating.Good)
        if view.save_error.isVisibleTo(view):
            refused = question
            break
    assert refused is not None and view.question is refused and view.revealed
    assert "disk is full" in view.save_error.text()
    logged = reviews.review_count()
    reviews.db.conn.execute(f"PRAGMA max_page_count={pages * 100}")
    view._retry_save()  # what the retry timer does
    assert reviews.review_count() == logged + 1 and not view.save_error.isVisibleTo(view)
    assert view.question is not refused
    assert "Traceback" not in capsys.readouterr().err
    store.close()


def test_after_not_now_both_tabs_offer_the_backup_and_one_repair_serves_both(
    qtbot: QtBot, folder: Path, tmp_path: Path, clock: Clock
) -> None:
    with_answers(folder, clock, 3)
    (folder / DB_NAME).write_bytes(b"not a database" * 500)
    store = UserData(folder / FILE_NAME)
    answers = iter([CANCEL, RESTORE])  # "not now" at start, "restore" from the Progress tab later
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    state = make_state(ATLAS, store, settings, now=clock, ask=lambda _error: next(answers))
    quiz = QuizPanel(state, chart_factory=text_chart_factory(ATLAS))
    progress = ProgressPanel(state)
    qtbot.addWidget(quiz)
    qtbot.addWidget(progress)
    for notice in (quiz.unavailable, progress.unavailable):
        assert notice is not None
        assert "backup can be restored" in notice.text() and "no backup" not in notice.text()
        assert notice.button.isVisibleTo(notice)
    assert progress.unavailable is not None
    progress.unavailable.repair()
    assert progress.unavailable is None and progress.tracker is not None
    assert quiz.unavailable is None and quiz.view is not None  # the one store serves both tabs
    assert state.reviews is not None and state.reviews.review_count() == 3  # the backup holds all three
    state.close()
    store.close()


def test_open_reviews_follows_the_folder_into_read_only_mode(
    folder: Path, clock: Clock, read_only_disk: None
) -> None:
    from studyapp.ui.recovery import open_reviews

    with_answers(folder, clock, 2)
    reviews = open_reviews(folder, lambda _error: CANCEL, clock)
    assert reviews is not None and reviews.db.read_only and reviews.review_count() == 2
    reviews.close()
    store, warning = open_store(folder)  # a plain path is checked the same way
    assert store.read_only and warning is not None and "read-only" in warning
    store.close()
