"""The student's personal layer: favourite muscles and free-text notes, kept in SQLite.

Every change is committed at once (WAL journal, synchronous=FULL), so killing the app a moment after
typing loses nothing. The file goes through the same `Database` wrapper as the review history, so
notes get the same migrations, checks, verified backups and restore.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from studyapp.paths import data_dir
from studyapp.storage.backups import Retention
from studyapp.storage.database import BackupPolicy, Database, Migration
from studyapp.storage.errors import StorageError
from studyapp.storage.verify import row_crc

FILE_NAME = "userdata.sqlite3"

# Version 1 is the schema the earlier, stand-alone notes store wrote; version 2 adds checksums to it.
MIGRATIONS = (
    Migration(
        1,
        "favourites and notes",
        """
        CREATE TABLE favourites (
            muscle_id TEXT PRIMARY KEY,
            added_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            muscle_id TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "a checksum per favourite and note, so a flipped bit inside one is detected",
        """
        ALTER TABLE favourites ADD COLUMN crc INTEGER;
        ALTER TABLE notes ADD COLUMN crc INTEGER;
        UPDATE favourites SET crc = studyapp_crc32(muscle_id);
        UPDATE notes SET crc = studyapp_crc32(muscle_id, body);
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
VALUE_CHECKS = (
    (
        "SELECT (SELECT count(*) FROM favourites WHERE crc IS NOT studyapp_crc32(muscle_id))"
        " + (SELECT count(*) FROM notes WHERE crc IS NOT studyapp_crc32(muscle_id, body))",
        "notes or favourites that do not match their checksum",
    ),
)

UserDataError = StorageError  # the name callers used before notes moved behind `Database`


def default_path() -> Path:
    return data_dir() / FILE_NAME


def _utc_now() -> datetime:
    return datetime.now(UTC)


class UserData:
    """Favourites and notes per muscle id. Ids of muscles no longer in the atlas are kept, not pruned:
    a record that failed to load today may be back tomorrow with the student's notes intact.

    Stored through `Database` like the review history: full check on open, migrations, a verified
    backup in `backups/` beside the file, typed errors (DatabaseCorrupt lists the backups, a failed
    save raises WriteFailed). `read_only` opens the file without ever writing to it.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        now: Callable[[], datetime] = _utc_now,
        *,
        read_only: bool = False,
        keep_backups: int = Retention().recent,
        backup_min_age_s: float = 3600.0,
    ) -> None:
        self.path = str(path) if path is not None else str(default_path())
        self._now = now
        # why the whole data folder cannot be written (set by the app at start); the review store
        # beside this file then opens read-only too
        self.folder_read_only: str | None = None
        if self.path == ":memory:":
            conn = sqlite3.connect(":memory:", isolation_level=None)
            self.db = Database(conn, Path(self.path))
            self.db._migrate(MIGRATIONS)
            return
        file = Path(self.path)
        policy = BackupPolicy(
            file.parent / "backups",
            Retention(recent=max(keep_backups, 1)),
            backup_min_age_s,
            take=keep_backups > 0,
        )
        self.db = Database.open(
            file,
            MIGRATIONS,
            now=now,
            backups=policy,
            read_only=read_only,
            value_checks=VALUE_CHECKS,
        )

    @classmethod
    def in_memory(cls, now: Callable[[], datetime] = _utc_now) -> UserData:
        """A throw-away store (screenshots), never a stand-in for the student's own file."""
        return cls(":memory:", now)

    @classmethod
    def unavailable(cls, path: Path, reason: str, now: Callable[[], datetime] = _utc_now) -> UserData:
        """An empty, read-only stand-in for a notes file that could not be opened: nothing typed into
        it can be lost, because every save is refused (WriteFailed) with `reason`."""
        store = cls.in_memory(now)
        store.path = str(path)
        store.db.read_only = True
        store.db.read_only_reason = reason
        return store

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def _db(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> UserData:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # favourites

    def favourites(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._db.execute("SELECT muscle_id FROM favourites"))

    def is_favourite(self, muscle_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM favourites WHERE muscle_id = ?", (muscle_id,)).fetchone()
        return row is not None

    def set_favourite(self, muscle_id: str, favourite: bool) -> None:
        with self.db.transaction() as db:
            if favourite:
                db.execute(
                    "INSERT OR IGNORE INTO favourites (muscle_id, added_at, crc) VALUES (?, ?, ?)",
                    (muscle_id, self._now().isoformat(), row_crc(muscle_id)),
                )
            else:
                db.execute("DELETE FROM favourites WHERE muscle_id = ?", (muscle_id,))

    def toggle_favourite(self, muscle_id: str) -> bool:
        """Flip and return the new state."""
        favourite = not self.is_favourite(muscle_id)
        self.set_favourite(muscle_id, favourite)
        return favourite

    # notes

    def note(self, muscle_id: str) -> str:
        row = self._db.execute("SELECT body FROM notes WHERE muscle_id = ?", (muscle_id,)).fetchone()
        return str(row[0]) if row else ""

    def noted_muscles(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._db.execute("SELECT muscle_id FROM notes"))

    def set_note(self, muscle_id: str, body: str) -> None:
        """Save (or, for blank text, delete) the note; committed before returning."""
        with self.db.transaction() as db:
            if body.strip():
                db.execute(
                    "INSERT INTO notes (muscle_id, body, updated_at, crc) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(muscle_id) DO UPDATE "
                    "SET body = excluded.body, updated_at = excluded.updated_at, crc = excluded.crc",
                    (muscle_id, body, self._now().isoformat(), row_crc(muscle_id, body)),
                )
            else:
                db.execute("DELETE FROM notes WHERE muscle_id = ?", (muscle_id,))

    def note_updated_at(self, muscle_id: str) -> datetime | None:
        row = self._db.execute("SELECT updated_at FROM notes WHERE muscle_id = ?", (muscle_id,)).fetchone()
        try:
            return datetime.fromisoformat(row[0]) if row else None
        except (TypeError, ValueError):
            return None  # a damaged time stamp must not hide the note itself
