"""The SQLite wrapper: migrations from version 0, transactions, corruption, backups and restore."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from studyapp import paths
from studyapp.quiz.cards import generate_cards
from studyapp.quiz.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage import (
    Database,
    DatabaseCorrupt,
    DatabaseTooNew,
    Migration,
    MigrationFailed,
    check_file,
    list_backups,
    restore_backup,
)
from tests.helpers.demo import demo_atlas

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def fixed(t: datetime = T0) -> datetime:
    return t


def answer_some(folder: Path, n: int, when: datetime = T0) -> list[str]:
    store = ReviewStore.open(folder, now=lambda: when, keep_backups=0)
    study = Study(store, generate_cards(demo_atlas()), StudySettings(fuzz=False), now=lambda: when)
    ids = []
    for _ in range(n):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Good)
        ids.append(card.id)
    store.close()
    return ids


def test_store_lives_in_the_app_data_folder(isolated_data_dir: Path) -> None:
    store = ReviewStore.open(now=fixed)
    store.close()
    assert (paths.data_dir() / DB_NAME).is_file()
    assert paths.data_dir() == isolated_data_dir


def test_migrates_a_new_file_from_version_0(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    sqlite3.connect(path).close()  # an empty file at user_version 0
    with Database.open(path, MIGRATIONS, now=fixed) as db:
        assert db.user_version == SCHEMA_VERSION
        tables = {r[0] for r in db.query("SELECT name FROM sqlite_master")}
        assert {"card_state", "review_log", "review_log_time", "review_log_no_delete"} <= tables
        assert db.query("PRAGMA journal_mode")[0][0] == "wal"
        assert db.query("PRAGMA synchronous")[0][0] == 2  # FULL


def test_migrates_version_1_data_forward_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    with Database.open(path, MIGRATIONS[:1], now=fixed) as db:
        assert db.user_version == 1
        with db.transaction() as conn:
            conn.execute(
                "INSERT INTO review_log (time_ms, card_id, kind, rating)"
                " VALUES (1, 'piriformis:origin', 'review', 3)"
            )
    store = ReviewStore.open(tmp_path, now=fixed, keep_backups=0)
    assert store.db.user_version == SCHEMA_VERSION
    assert [e.card_id for e in store.entries()] == ["piriformis:origin"]
    store.close()


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    answer_some(tmp_path, 1)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseTooNew) as err:
        ReviewStore.open(tmp_path, now=fixed)
    assert err.value.version == SCHEMA_VERSION + 1
    assert sqlite3.connect(path).execute("SELECT count(*) FROM review_log").fetchone()[0] == 1


def test_a_failed_migration_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    bad = (
        *MIGRATIONS,
        Migration(SCHEMA_VERSION + 1, "broken", "CREATE TABLE extra (a); SELECT * FROM nowhere;"),
    )
    with pytest.raises(MigrationFailed):
        Database.open(path, bad, now=fixed)
    with Database.open(path, MIGRATIONS, now=fixed) as db:
        assert db.user_version == SCHEMA_VERSION
        assert not db.query("SELECT name FROM sqlite_master WHERE name = 'extra'")


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    with Database.open(tmp_path / "x.sqlite3", MIGRATIONS, now=fixed) as db:
        with pytest.raises(RuntimeError), db.transaction() as conn:
            conn.execute("INSERT INTO review_log (time_ms, card_id, kind) VALUES (1, 'a', 'review')")
            raise RuntimeError("boom")
        assert db.query("SELECT count(*) FROM review_log")[0][0] == 0


def test_the_review_log_is_append_only(tmp_path: Path) -> None:
    answer_some(tmp_path, 2)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM review_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE review_log SET rating = 4")
    conn.close()


def test_backups_are_made_on_open_and_kept_one_per_day(tmp_path: Path) -> None:
    answer_some(tmp_path, 2)
    for day in range(5):
        when = T0 + timedelta(days=day)
        ReviewStore.open(tmp_path, now=lambda: when, keep_backups=3).close()  # noqa: B023 (used at once)
    backups = list_backups(tmp_path / "backups", "reviews")
    # three recent ones, and the two older days each keep their copy (one per day for a week)
    assert [b.taken_at for b in backups] == [T0 + timedelta(days=d) for d in (4, 3, 2, 1, 0)]
    # reopening within the minimum age makes no new backup
    ReviewStore.open(tmp_path, now=lambda: T0 + timedelta(days=4, minutes=5), keep_backups=3).close()
    assert len(list_backups(tmp_path / "backups", "reviews")) == 5
    assert all(check_file(b.path) is None for b in backups)


def test_a_file_that_is_not_a_database_is_reported_with_backups(tmp_path: Path) -> None:
    answer_some(tmp_path, 3)
    ReviewStore.open(tmp_path, now=fixed).close()  # makes a backup
    path = tmp_path / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_text("these are my notes, saved over the database by mistake\n" * 50)
    with pytest.raises(DatabaseCorrupt) as err:
        ReviewStore.open(tmp_path, now=fixed)
    assert "not an SQLite database" in err.value.reason
    assert err.value.latest_backup is not None
    assert path.read_text().startswith("these are my notes")  # detection changes nothing


def _damage_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * 4096
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header page
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_detected_and_restored_from_the_latest_backup(tmp_path: Path) -> None:
    answered = answer_some(tmp_path, 5)
    ReviewStore.open(tmp_path, now=fixed).close()  # backup with the five answers
    answer_some(tmp_path, 2, when=T0 + timedelta(hours=2))  # not in the backup
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _damage_pages(path)
    damaged = path.read_bytes()
    later = T0 + timedelta(days=1)
    with pytest.raises(DatabaseCorrupt) as err:
        ReviewStore.open(tmp_path, now=lambda: later)
    backup = err.value.latest_backup
    assert backup is not None and backup.taken_at == T0
    kept = restore_backup(backup, path, later)
    assert kept is not None and kept.read_bytes() == damaged  # the damaged file is kept, renamed
    assert ".corrupt-" in kept.name
    store = ReviewStore.open(tmp_path, now=lambda: later)
    assert [e.card_id for e in store.entries()] == answered
    store.close()


def test_a_damaged_backup_is_never_restored(tmp_path: Path) -> None:
    answer_some(tmp_path, 5)
    ReviewStore.open(tmp_path, now=fixed).close()
    (backup,) = list_backups(tmp_path / "backups", "reviews")
    backup.path.write_bytes(b"garbage" * 1000)
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(DatabaseCorrupt):
        restore_backup(backup, tmp_path / DB_NAME, T0)
    assert (tmp_path / DB_NAME).read_bytes() == before
