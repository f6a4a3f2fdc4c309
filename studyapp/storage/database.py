"""A small SQLite wrapper: explicit transactions, `PRAGMA user_version` migrations, start-up checks.

Durability choice: WAL journal with `synchronous=FULL` by default. In WAL mode NORMAL already
survives the app being killed (the WAL write is in the OS cache once COMMIT returns), but a power cut
or OS crash can lose the last commits; FULL adds one fsync of the WAL per commit, which is what
"the answer is saved before the next card shows" means on a laptop whose battery dies. One answer per
second or so makes the fsync cost irrelevant. NORMAL stays available for bulk tools.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from studyapp.storage.backups import Backup, list_backups, make_backup
from studyapp.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, MigrationFailed

Synchronous = Literal["FULL", "NORMAL"]
Check = Literal["quick", "full", "none"]


@dataclass(frozen=True, slots=True)
class Migration:
    """Brings the schema from `version - 1` to `version`; `sql` holds one or more statements."""

    version: int
    description: str
    sql: str = ""
    apply: Callable[[sqlite3.Connection], None] | None = None


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """Back up on open, unless the newest backup is younger than `min_age_s`; keep the last `keep`."""

    folder: Path
    keep: int = 10
    min_age_s: float = 3600.0


def split_statements(sql: str) -> list[str]:
    """Split a script into statements without `executescript`, which would COMMIT our transaction."""
    statements: list[str] = []
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]!r}")
    return statements


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or any(
        text in str(error) for text in ("malformed", "not a database", "file is encrypted")
    )


class Database:
    """One connection in autocommit mode; every write goes through `transaction()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._in_transaction = False

    @classmethod
    def open(
        cls,
        path: Path,
        migrations: Sequence[Migration],
        *,
        now: Callable[[], datetime],
        synchronous: Synchronous = "FULL",
        check: Check = "quick",
        backups: BackupPolicy | None = None,
        cache_mib: int = 32,
    ) -> Database:
        """Open (creating if needed), check integrity, migrate, then back up.

        Raises DatabaseCorrupt (with the available backups), DatabaseTooNew, DatabaseLocked or
        MigrationFailed; the file is never modified when one of those is raised.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.stem

        def corrupt(reason: str) -> DatabaseCorrupt:
            found: list[Backup] = list_backups(backups.folder, stem) if backups else []
            return DatabaseCorrupt(path, reason, found)

        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    raise corrupt("the file is not an SQLite database")
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=2.0)
        except sqlite3.DatabaseError as error:
            raise corrupt(str(error)) from error
        db = cls(conn, path)
        try:
            conn.row_factory = sqlite3.Row
            if check != "none":
                rows = conn.execute("PRAGMA quick_check" if check == "quick" else "PRAGMA integrity_check")
                messages = [str(r[0]) for r in rows.fetchall()]
                if messages != ["ok"]:
                    raise corrupt("; ".join(messages[:3]))
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            # index pages touched by an answer stay in memory instead of being re-read (default: 2 MiB)
            conn.execute(f"PRAGMA cache_size=-{cache_mib * 1024:d}")
            db._migrate(migrations)
            if backups is not None:
                latest = list_backups(backups.folder, stem)
                age = (now() - latest[0].taken_at).total_seconds() if latest else None
                if age is None or age >= backups.min_age_s:
                    make_backup(conn, backups.folder, stem, now(), backups.keep)
        except sqlite3.OperationalError as error:
            conn.close()
            if "locked" in str(error) or "busy" in str(error):
                raise DatabaseLocked(f"{path.name} is in use by another program") from error
            if _is_corruption(error):
                raise corrupt(str(error)) from error
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            if _is_corruption(error):
                raise corrupt(str(error)) from error
            raise
        except BaseException:
            conn.close()
            raise
        return db

    @property
    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        ordered = sorted(migrations, key=lambda m: m.version)
        if [m.version for m in ordered] != list(range(1, len(ordered) + 1)):
            raise ValueError("migrations must be numbered 1, 2, 3, ... without gaps")
        current = self.user_version
        latest = len(ordered)
        if current > latest:
            raise DatabaseTooNew(self.path, current, latest)
        for migration in ordered[current:]:
            try:
                with self.transaction() as conn:
                    for statement in split_statements(migration.sql):
                        conn.execute(statement)
                    if migration.apply is not None:
                        migration.apply(conn)
                    conn.execute(f"PRAGMA user_version={migration.version:d}")
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error) or _is_corruption(error):
                    raise
                raise MigrationFailed(self.path, migration.version, str(error)) from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; ROLLBACK on any exception. COMMIT returning means durable."""
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_transaction = False

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def backup(self, folder: Path, now: datetime, keep: int = 10) -> Backup:
        return make_backup(self.conn, folder, self.path.stem, now, keep)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
