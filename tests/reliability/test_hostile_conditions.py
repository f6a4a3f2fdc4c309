"""A read-only and a full data folder, two instances at once, and a clock that jumps: each is said
in words, nothing committed is lost, and no exception escapes."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from studyapp.quiz.cards import generate_cards
from studyapp.quiz.store import DB_NAME, ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage import StorageError, WriteFailed, list_backups
from studyapp.storage import datafolder as datafolder_module
from studyapp.storage.datafolder import open_data_folder
from studyapp.storage.userdata import FILE_NAME, UserData
from tests.helpers.demo import demo_atlas
from tests.reliability.conftest import Tally

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
CARDS = generate_cards(demo_atlas())


def study_for(folder: Path, when: datetime, answers: int, **open_args: object) -> int:
    """Open as the app does and answer up to `answers` cards; the number that were saved."""
    store = ReviewStore.open(folder, now=lambda: when, **open_args)  # type: ignore[arg-type]
    try:
        study = Study(store, CARDS, StudySettings(new_per_day=999, fuzz=False), now=lambda: when)
        saved = 0
        for _ in range(answers):
            card = study.next_card()
            if card is None:
                break
            study.answer(card.id, Rating.Good)
            saved += 1
        return saved
    finally:
        store.close()


def reviews_in(folder: Path) -> int:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_read_only_folder(tally: Tally, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Writes refused by the OS: the folder opens read-only with the real history, saves are refused."""
    study_for(tmp_path, T0, 30)
    with UserData(tmp_path / FILE_NAME) as notes:
        notes.set_note("piriformis", "kept")
    before = {name: (tmp_path / name).read_bytes() for name in (DB_NAME, FILE_NAME)}

    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(datafolder_module.os, "fsync", refuse)
    folder = open_data_folder(tmp_path)
    tally.inputs += 1
    assert folder.read_only_reason
    store = ReviewStore.open(tmp_path, now=lambda: T0 + timedelta(days=1), read_only=True)
    notes = UserData(tmp_path / FILE_NAME, read_only=True)
    try:
        assert store.review_count() == 30 and notes.note("piriformis") == "kept"
        study = Study(store, CARDS, StudySettings(new_per_day=999), now=lambda: T0 + timedelta(days=1))
        card = study.next_card()
        assert card is not None
        for save in (lambda: study.answer(card.id, Rating.Good), lambda: notes.set_note("piriformis", "x")):
            with pytest.raises(WriteFailed):
                save()
            tally.clear_errors += 1
    finally:
        store.close()
        notes.close()
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert not list(tmp_path.glob("backups/*"))  # nothing written, not even a backup
    tally.opened_ok += 1


def test_full_data_folder(tally: Tally, tmp_path: Path) -> None:
    """The disk fills up mid-session (SQLite's page limit stands in for it): every refused answer is
    a WriteFailed, the database stays whole, and the answers retried with space again are saved."""
    study_for(tmp_path, T0, 10)
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)
    study = Study(store, CARDS, StudySettings(new_per_day=999, fuzz=False), now=lambda: T0)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count={pages}")
    saved = refused = 0
    pending = []
    for _ in range(150):
        card = study.next_card()
        if card is None:
            break
        tally.inputs += 1
        try:
            study.answer(card.id, Rating.Good)
            saved += 1
        except WriteFailed:
            refused += 1
            tally.clear_errors += 1
            pending.append(card.id)
            break
    assert refused == 1
    assert store.review_count() == 10 + saved
    store.db.conn.execute(f"PRAGMA max_page_count={pages * 1000}")
    for card_id in pending:  # what the quiz's retry does
        study.answer(card_id, Rating.Good)
    store.close()
    assert reviews_in(tmp_path) == 10 + saved + len(pending)
    assert ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0).review_count() == 10 + saved + 1
    tally.opened_ok += 1


def test_full_disk_at_start(tally: Tally, tmp_path: Path) -> None:
    """Too little space for a session: read-only, in words, before anything is written."""
    study_for(tmp_path, T0, 5)
    tally.inputs += 1
    folder = open_data_folder(tmp_path, min_free_bytes=1 << 62)
    assert folder.read_only_reason == "the disk is full"
    tally.clear_errors += 1


def test_unusable_data_folders(tally: Tally, tmp_path: Path) -> None:
    """Not a folder, below a file, a file named like it: one line each, exit status 4, no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for target in ("/dev/null/x", str(blocker), str(blocker / "below")):
        tally.inputs += 1
        env = {**os.environ, "STUDYAPP_DATA_DIR": target, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-m", "studyapp"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )
        if "Traceback" in done.stderr:
            tally.tracebacks += 1
        assert done.returncode == 4 and len(done.stderr.strip().splitlines()) == 1, done.stderr
        tally.clear_errors += 1


RACE = """
import sys, time
from pathlib import Path
from studyapp.ui.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
print("held" if lock.acquire() else "refused", flush=True)
done = Path(sys.argv[2])
for _ in range(600):  # hold until every contender has answered (the test then writes `done`)
    if done.exists():
        break
    time.sleep(0.05)
"""


def test_two_instances_race(tally: Tally, tmp_path: Path) -> None:
    """Four starts at once on one folder: exactly one holds it, the others are refused."""
    (tmp_path / "data").mkdir()
    for round_ in range(3):
        done = tmp_path / f"done{round_}"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", RACE, str(tmp_path / "data"), str(done)],
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            for _ in range(4)
        ]
        answers = []
        for child in children:
            assert child.stdout is not None
            answers.append(child.stdout.readline().strip())
        done.touch()
        for child in children:
            child.communicate(timeout=60)
        tally.inputs += 4
        assert sorted(answers) == ["held", "refused", "refused", "refused"], answers
        tally.opened_ok += 1
        tally.clear_errors += 3


def test_clock_jumps(tally: Tally, tmp_path: Path) -> None:
    """Real days pass; on some starts the clock is years off. Every start with a right clock backs up
    what was answered since (so no wrong clock stops backups), and no good copy is rotated away."""
    rng = random.Random(2031)
    real = T0
    total = 0
    for _ in range(40):
        real += timedelta(days=1)
        wrong = rng.random() < 0.25
        shown = real + timedelta(days=rng.choice([-3650, -400, -1, 1, 400, 2000])) if wrong else real
        tally.inputs += 1
        total += study_for(tmp_path, shown, 3)
        ReviewStore.open(tmp_path, now=lambda: shown + timedelta(hours=2)).close()  # noqa: B023
        newest = list_backups(tmp_path / "backups", "reviews")[0]
        conn = sqlite3.connect(newest.path)
        in_backup = conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
        conn.close()
        if not wrong:
            tally.answers_lost += total - in_backup
            tally.opened_ok += 1
    assert tally.answers_lost == 0
    assert len(list_backups(tmp_path / "backups", "reviews")) >= 8


def test_no_storage_error_escapes_as_anything_else(tally: Tally, tmp_path: Path) -> None:
    """A database file replaced by a folder, by a symlink loop, or made unreadable is a StorageError."""
    cases = {"folder": lambda p: p.mkdir(), "loop": lambda p: p.symlink_to(p)}
    for name, make in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        make(folder / DB_NAME)
        tally.inputs += 1
        try:
            ReviewStore.open(folder, now=lambda: T0).close()
            tally.opened_ok += 1
        except StorageError:
            tally.clear_errors += 1
        except Exception as error:  # counted, then failed below: this is what the suite exists to catch
            tally.tracebacks += 1
            tally.notes.append(f"{name}: {error!r}")
    assert tally.tracebacks == 0, tally.notes
