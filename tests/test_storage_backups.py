"""Never lose a student's work: empty and damaged files are caught, backups are verified and kept on a
schedule no clock can break, failed writes are typed errors, and lost answers are noticed."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from studyapp.quiz.cards import generate_cards
from studyapp.quiz.store import DB_NAME, CardState, ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage import (
    Backup,
    BackupFailed,
    DatabaseCorrupt,
    Retention,
    WriteFailed,
    check_file,
    list_backups,
    make_backup,
    restore_backup,
)
from studyapp.storage.backups import to_keep
from tests.helpers.demo import demo_atlas

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def answer(folder: Path, n: int, when: datetime = T0) -> None:
    store = ReviewStore.open(folder, now=lambda: when, keep_backups=0)
    study = Study(
        store, generate_cards(demo_atlas()), StudySettings(fuzz=False, new_per_day=999), now=lambda: when
    )
    for _ in range(n):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Good)
    store.close()


def count(folder: Path) -> int:
    store = ReviewStore.open(folder, now=lambda: T0, keep_backups=0)
    try:
        return store.review_count()
    finally:
        store.close()


def start(folder: Path, when: datetime) -> None:
    """What the app does at each start: open (which backs up when due), then close."""
    ReviewStore.open(folder, now=lambda: when).close()


def backup_counts(folder: Path) -> list[int]:
    counts = []
    for backup in list_backups(folder / "backups", "reviews"):
        conn = sqlite3.connect(backup.path)
        counts.append(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
        conn.close()
    return counts


def test_a_zero_byte_database_with_backups_is_damage_not_a_new_history(tmp_path: Path) -> None:
    answer(tmp_path, 4)
    start(tmp_path, T0)
    (tmp_path / DB_NAME).write_bytes(b"")
    with pytest.raises(DatabaseCorrupt) as err:
        ReviewStore.open(tmp_path, now=lambda: T0 + timedelta(hours=2))
    assert "empty" in err.value.reason
    good = err.value.good_backup()
    assert good is not None
    restore_backup(good, tmp_path / DB_NAME, T0)
    assert count(tmp_path) == 4


def test_a_zero_byte_file_without_backups_is_a_new_store(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    assert count(tmp_path) == 0


def test_empty_starts_never_rotate_good_backups_away(tmp_path: Path) -> None:
    answer(tmp_path, 5)
    start(tmp_path, T0)
    (tmp_path / DB_NAME).unlink()  # a student (or a sync tool) removes the file: a new, empty store
    for i in range(1, 12):  # eleven starts two hours apart, as in the report
        start(tmp_path, T0 + timedelta(hours=2 * i))
    assert backup_counts(tmp_path) == [5]  # an empty database is never backed up


def test_many_starts_in_a_few_hours_keep_yesterdays_and_last_weeks_copies(tmp_path: Path) -> None:
    answer(tmp_path, 1)
    for day in range(10):
        start(tmp_path, T0 + timedelta(days=day))
    for i in range(30):
        start(tmp_path, T0 + timedelta(days=10, hours=2 * i))
    taken = [b.taken_at for b in list_backups(tmp_path / "backups", "reviews")]
    days = {t.date() for t in taken}
    assert {(T0 + timedelta(days=d)).date() for d in range(6, 10)} <= days  # the days before the burst
    assert (T0 + timedelta(days=10, hours=58)) in taken  # and the newest
    assert len(taken) <= Retention().recent + Retention().daily + Retention().weekly + Retention().monthly


def test_one_start_with_the_clock_in_2031_does_not_stop_backups(tmp_path: Path) -> None:
    answer(tmp_path, 2)
    start(tmp_path, T0)
    start(tmp_path, datetime(2031, 1, 1, tzinfo=UTC))  # a wrong clock, once
    for day in range(1, 15):  # the following real days
        answer(tmp_path, 1, when=T0 + timedelta(days=day))
        start(tmp_path, T0 + timedelta(days=day, hours=1))
    newest = list_backups(tmp_path / "backups", "reviews")[0]  # by sequence, not by clock
    assert newest.taken_at == T0 + timedelta(days=14, hours=1)
    assert backup_counts(tmp_path)[0] == 2 + 14


def test_retention_counts_days_among_backups_not_back_from_today() -> None:
    backups = [Backup(Path(f"b{i}"), T0 - timedelta(days=i), 100 - i) for i in range(40)]
    kept = to_keep(backups, Retention(recent=2, daily=3, weekly=2, monthly=2))
    # recent: days 0-1; daily: 0-2; weekly: this week (0) and last (1); monthly: March (0), February (3)
    assert [b.seq for b in kept] == [100, 99, 98, 97]


def test_the_newest_backup_that_passes_the_check_is_offered(tmp_path: Path) -> None:
    answer(tmp_path, 3)
    start(tmp_path, T0)
    answer(tmp_path, 2, when=T0 + timedelta(hours=2))
    start(tmp_path, T0 + timedelta(hours=2))
    newest, older = list_backups(tmp_path / "backups", "reviews")
    newest.path.write_bytes(newest.path.read_bytes()[:5000])  # truncated
    (tmp_path / DB_NAME).write_bytes(b"\0" * 8192)
    with pytest.raises(DatabaseCorrupt) as err:
        ReviewStore.open(tmp_path, now=lambda: T0 + timedelta(days=1))
    assert err.value.good_backup() == older
    assert err.value.backup_problem(newest) is not None
    kept = restore_backup(older, tmp_path / DB_NAME, T0 + timedelta(days=1))
    assert kept is not None and kept.read_bytes() == b"\0" * 8192  # the damaged file is kept aside
    assert count(tmp_path) == 3


def test_a_backup_that_fails_its_check_is_not_kept_and_deletes_nothing(tmp_path: Path) -> None:
    answer(tmp_path, 2)
    start(tmp_path, T0)
    before = list_backups(tmp_path / "backups", "reviews")
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)
    with pytest.raises(BackupFailed):
        make_backup(store.db.conn, tmp_path / "backups", "reviews", T0, Retention(recent=1), lambda _p: "bad")
    store.close()
    assert list_backups(tmp_path / "backups", "reviews") == before
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_a_changed_column_name_in_the_schema_is_detected(tmp_path: Path) -> None:
    answer(tmp_path, 2)
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, 'card_id TEXT PRIMARY', 'card_iX TEXT PRIMARY')"
    )
    conn.commit()
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone()[0] == "ok"  # pages are fine
    with pytest.raises(DatabaseCorrupt, match="card_state"):
        ReviewStore.open(tmp_path, now=lambda: T0)


def test_undecodable_text_and_impossible_values_are_detected_not_raised(tmp_path: Path) -> None:
    answer(tmp_path, 2)
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE card_state SET card_id = CAST(x'fffe41' AS TEXT)"
        " WHERE card_id = (SELECT min(card_id) FROM card_state)"
    )
    conn.commit()
    conn.close()
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)  # opens: the id is just unknown
    assert any("\ufffd" in s for s in store.seen_ids())
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE card_state SET state = 77")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseCorrupt, match="impossible values"):
        ReviewStore.open(tmp_path, now=lambda: T0)


def test_a_full_disk_is_a_typed_error_and_the_answer_can_be_retried(tmp_path: Path) -> None:
    answer(tmp_path, 1)
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)
    study = Study(store, generate_cards(demo_atlas()), StudySettings(fuzz=False), now=lambda: T0)
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count={pages}")  # the disk is full
    card = study.next_card()
    assert card is not None
    answered = 0
    with pytest.raises(WriteFailed, match="disk is full"):
        for _ in range(200):  # the first answers may still fit in free pages
            study.answer(card.id, Rating.Good)
            answered += 1
            card = study.next_card()
            assert card is not None
    assert not store.db.conn.in_transaction
    assert store.review_count() == 1 + answered  # nothing half-written
    store.db.conn.execute(f"PRAGMA max_page_count={pages * 100}")  # space again
    study.answer(card.id, Rating.Good)  # the same answer, retried
    assert store.review_count() == 2 + answered
    store.close()


def test_checkpoints_bound_what_a_lost_wal_costs(tmp_path: Path) -> None:
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)
    study = Study(
        store, generate_cards(demo_atlas()), StudySettings(fuzz=False, new_per_day=999), now=lambda: T0
    )
    for _ in range(40):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Good)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(tmp_path / DB_NAME, copy / DB_NAME)  # the main file only: its WAL is lost
    store.close()
    assert count(copy) >= 40 - store.db.checkpoint_every


def test_fewer_answers_in_the_log_than_the_schedule_counts_is_noticed(tmp_path: Path) -> None:
    answer(tmp_path, 3)
    store = ReviewStore.open(tmp_path, now=lambda: T0, keep_backups=0)
    assert store.missing_answers() == 0
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT INTO card_state VALUES (?,?,?,?,?,?,?,?,?,?)", CardState.new("x:origin", T0).row()
        )
        conn.execute("UPDATE card_state SET reps = 4 WHERE card_id = 'x:origin'")
    assert store.missing_answers() == 4
    store.close()


def test_check_file_never_raises_on_garbage(tmp_path: Path) -> None:
    for i, data in enumerate(
        [b"", b"SQLite format 3\x00", b"SQLite format 3\x00" + b"\xff" * 200, b"x" * 5000]
    ):
        path = tmp_path / f"{i}.sqlite3"
        path.write_bytes(data)
        assert check_file(path) is not None


def test_backups_named_by_the_earlier_scheme_still_count_and_rank_below_new_ones(tmp_path: Path) -> None:
    answer(tmp_path, 2)
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "reviews-20310101T000000000000Z.sqlite3"  # no sequence number, a clock in 2031
    shutil.copyfile(tmp_path / DB_NAME, old)
    start(tmp_path, T0)
    newest, earlier = list_backups(folder, "reviews")
    assert earlier.path == old and earlier.seq == 0
    assert newest.taken_at == T0 and newest.seq == 1
