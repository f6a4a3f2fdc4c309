"""The student's personal layer: favourite muscles and free-text notes, kept in SQLite.

Every change is committed at once (WAL journal, synchronous=FULL), so killing the app a moment after
typing loses nothing. The schema version lives in `PRAGMA user_version`; `_MIGRATIONS[n]` takes a
database from version n to n + 1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from studyapp.paths import data_dir

FILE_NAME = "userdata.sqlite3"

_MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1
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
)
SCHEMA_VERSION = len(_MIGRATIONS)


class UserDataError(Exception):
    """The store cannot be used (unreadable file, or written by a newer version of the app)."""


def default_path() -> Path:
    return data_dir() / FILE_NAME


def _utc_now() -> datetime:
    return datetime.now(UTC)


class UserData:
    """Favourites and notes per muscle id. Ids of muscles no longer in the atlas are kept, not pruned:
    a record that failed to load today may be back tomorrow with the student's notes intact."""

    def __init__(self, path: Path | str | None = None, now: Callable[[], datetime] = _utc_now) -> None:
        self.path = str(path) if path is not None else str(default_path())
        self._now = now
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)  # autocommit; we BEGIN explicitly
        except sqlite3.Error as exc:
            raise UserDataError(f"cannot open {self.path}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=2000")
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise UserDataError(f"cannot open {self.path}: {exc}") from exc
        except UserDataError:
            self._db.close()
            raise

    @classmethod
    def in_memory(cls, now: Callable[[], datetime] = _utc_now) -> UserData:
        """A throw-away store (screenshots, or a fallback when the real one cannot be opened)."""
        return cls(":memory:", now)

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise UserDataError(
                f"{self.path} was written by a newer studyapp "
                f"(schema {version}, this one knows {SCHEMA_VERSION})"
            )
        for target in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {target + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

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
        with self._transaction() as db:
            if favourite:
                db.execute(
                    "INSERT OR IGNORE INTO favourites (muscle_id, added_at) VALUES (?, ?)",
                    (muscle_id, self._now().isoformat()),
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
        with self._transaction() as db:
            if body.strip():
                db.execute(
                    "INSERT INTO notes (muscle_id, body, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(muscle_id) DO UPDATE "
                    "SET body = excluded.body, updated_at = excluded.updated_at",
                    (muscle_id, body, self._now().isoformat()),
                )
            else:
                db.execute("DELETE FROM notes WHERE muscle_id = ?", (muscle_id,))

    def note_updated_at(self, muscle_id: str) -> datetime | None:
        row = self._db.execute("SELECT updated_at FROM notes WHERE muscle_id = ?", (muscle_id,)).fetchone()
        return datetime.fromisoformat(row[0]) if row else None
