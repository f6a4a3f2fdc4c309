"""A small SQLite wrapper: explicit transactions, `PRAGMA user_version` migrations, start-up checks.

Durability choice: WAL journal with `synchronous=FULL` by default. In WAL mode NORMAL already
survives the app being killed (the WAL write is in the OS cache once COMMIT returns), but a power cut
or OS crash can lose the last commits; FULL adds one fsync of the WAL per commit, which is what
"the answer is saved before the next card shows" means on a laptop whose battery dies. One answer per
second or so makes the fsync cost irrelevant. NORMAL stays available for bulk tools.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal

from studyapp.storage.backups import Backup, Retention, list_backups, make_backup
from studyapp.storage.errors import (
    BackupFailed,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    MigrationFailed,
    WriteFailed,
)
from studyapp.storage.verify import (
    add_functions,
    check_connection,
    check_file,
    header_problem,
    is_empty,
    lenient_text,
)

Synchronous = Literal["FULL", "NORMAL"]
Check = Literal["quick", "full", "none"]
ValueChecks = Sequence[tuple[str, str]]  # (SQL returning a count of impossible rows, what they are)

# Primary result codes that mean "the disk or the file refused the write", not a bug in our SQL.
_WRITE_CODES = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "the disk reported an input/output error",
    sqlite3.SQLITE_READONLY: "the data folder is read-only",
    sqlite3.SQLITE_CANTOPEN: "the file cannot be opened",
    sqlite3.SQLITE_BUSY: "another program is using the file",
    sqlite3.SQLITE_LOCKED: "another program is using the file",
    sqlite3.SQLITE_CORRUPT: "the file is damaged",
    sqlite3.SQLITE_NOTADB: "the file is damaged",
    sqlite3.SQLITE_NOMEM: "out of memory",
    sqlite3.SQLITE_PROTOCOL: "the file is locked",
}


@dataclass(frozen=True, slots=True)
class Migration:
    """Brings the schema from `version - 1` to `version`; `sql` holds one or more statements."""

    version: int
    description: str
    sql: str = ""
    apply: Callable[[sqlite3.Connection], None] | None = None


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """Where backups live and how many are kept. On open, a verified backup is taken unless the
    newest is younger than `min_age_s` (a newest backup "from the future" never counts as recent);
    `take=False` only lists them, for recovery."""

    folder: Path
    retention: Retention = field(default_factory=Retention)
    min_age_s: float = 3600.0
    take: bool = True


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


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _is_corruption(error: sqlite3.Error) -> bool:
    return _code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or any(
        text in str(error) for text in ("malformed", "not a database", "file is encrypted")
    )


def _is_busy(error: sqlite3.Error) -> bool:
    return _code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or any(
        text in str(error) for text in ("locked", "busy")
    )


def write_reason(error: sqlite3.Error) -> str | None:
    """A sentence for a failed write that the student can act on, or None for a programming error."""
    code = _code(error)
    if code in _WRITE_CODES:
        return _WRITE_CODES[code]
    text = str(error)
    if "disk is full" in text or "disk I/O" in text or "readonly" in text:
        return text
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """`mode=ro`; in a folder where SQLite cannot create the WAL's -shm file, `immutable=1` (safe
    there: no process can write to that folder either)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        if _code(error) not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
            conn.close()
            raise
        conn.close()
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    return conn


class Database:
    """One connection in autocommit mode; every write goes through `transaction()`.

    `read_only` databases (a data folder that cannot be written) are opened with `mode=ro`; every
    attempt to write raises WriteFailed. `backup_warning` says why the backup on open was not made.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        add_functions(conn)
        self.read_only = read_only
        self.read_only_reason: str | None = None
        self.backup_warning: str | None = None
        self.checkpoint_every = 32  # committed writes between WAL checkpoints (see `checkpoint`)
        self._writes = 0
        self._in_transaction = False

    @classmethod
    def open(
        cls,
        path: Path,
        migrations: Sequence[Migration],
        *,
        now: Callable[[], datetime],
        synchronous: Synchronous = "FULL",
        check: Check = "full",
        backups: BackupPolicy | None = None,
        cache_mib: int = 32,
        read_only: bool = False,
        value_checks: ValueChecks = (),
    ) -> Database:
        """Open (creating if needed), check integrity and schema, migrate, then back up.

        Raises DatabaseCorrupt (with the available backups), DatabaseTooNew, DatabaseLocked,
        WriteFailed or MigrationFailed; the file is never modified when one of those is raised.
        An empty (zero-byte or schema-less) file counts as damaged when backups exist.
        """
        stem = path.stem
        verify = partial(check_file, migrations=migrations, value_checks=value_checks)

        def found() -> list[Backup]:
            return list_backups(backups.folder, stem) if backups else []

        def corrupt(reason: str) -> DatabaseCorrupt:
            return DatabaseCorrupt(path, reason, found(), verify)

        exists = path.exists()
        if exists:
            problem = header_problem(path)
            if problem is not None and (path.stat().st_size > 0 or found()):
                raise corrupt(problem)
            exists = problem is None
        try:
            if read_only and not exists:
                conn = sqlite3.connect(":memory:", isolation_level=None)  # nothing saved yet: nothing to show
            elif read_only:
                conn = _connect_read_only(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, isolation_level=None, timeout=2.0)
        except sqlite3.Error as error:
            raise corrupt(str(error)) from error
        except OSError as error:
            raise WriteFailed(path, error.strerror or str(error)) from error
        db = cls(conn, path, read_only=read_only)
        try:
            conn.text_factory = lenient_text
            if check != "none" and exists:
                problem = check_connection(conn, migrations, full=check == "full", value_checks=value_checks)
                if problem is not None:
                    raise corrupt(problem)
            if exists and db.user_version == 0 and found():
                raise corrupt("the file holds no data, but backups exist")
            if not read_only:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(f"PRAGMA synchronous={synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            # index pages touched by an answer stay in memory instead of being re-read (default: 2 MiB)
            conn.execute(f"PRAGMA cache_size=-{cache_mib * 1024:d}")
            if read_only and exists:
                if db.user_version > len(migrations):
                    raise DatabaseTooNew(path, db.user_version, len(migrations))
            else:
                db._migrate(migrations)
            if backups is not None and backups.take and not read_only:
                db._backup_on_open(backups, now(), partial(verify, value_checks=()))
        except sqlite3.OperationalError as error:
            conn.close()
            if _is_busy(error):
                raise DatabaseLocked(f"{path.name} is in use by another program") from error
            if _is_corruption(error):
                raise corrupt(str(error)) from error
            reason = write_reason(error)
            if reason is not None:
                raise WriteFailed(path, reason) from error
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

    def _backup_on_open(
        self, policy: BackupPolicy, now: datetime, verify: Callable[[Path], str | None]
    ) -> None:
        """A verified backup unless a recent one exists; never of an empty database."""
        if is_empty(self.conn):
            return
        latest = list_backups(policy.folder, self.path.stem)
        age = (now - latest[0].taken_at).total_seconds() if latest else None
        if age is not None and 0 <= age < policy.min_age_s:
            return
        try:
            make_backup(self.conn, policy.folder, self.path.stem, now, policy.retention, verify)
        except BackupFailed as error:
            self.backup_warning = str(error)

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
        """BEGIN IMMEDIATE ... COMMIT; ROLLBACK on any exception. COMMIT returning means durable.

        A write the disk refuses (full, I/O error, read-only, busy) raises WriteFailed after the
        rollback, so the database is as it was and the caller can retry.
        """
        if self._in_transaction:
            raise RuntimeError("transactions do not nest")
        if self.read_only:
            raise WriteFailed(self.path, self.read_only_reason or "the data folder is read-only")
        self._in_transaction = True
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            reason = None if isinstance(error, sqlite3.IntegrityError) else write_reason(error)
            if reason is None:
                raise
            raise WriteFailed(self.path, reason) from error
        except BaseException:
            self._rollback()
            raise
        finally:
            self._in_transaction = False
        self._writes += 1
        if self.checkpoint_every and self._writes % self.checkpoint_every == 0:
            self.checkpoint()

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            # SQLite may already have rolled back (it can, after a failed COMMIT): nothing to undo then
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file (PASSIVE: never waits for readers).

        Answers only in the WAL are lost if the WAL file is lost (a crash followed by a cleaner,
        a sync tool copying only the main file); checkpointing every few commits bounds that loss
        to the last `checkpoint_every` answers. False when the checkpoint could not run; the
        answers are still safe in the WAL then, and the next checkpoint tries again.
        """
        try:
            busy = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[0]
        except sqlite3.Error:
            return False
        return not busy

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def backup(self, folder: Path, now: datetime, retention: Retention | int = 8) -> Backup:
        return make_backup(self.conn, folder, self.path.stem, now, retention)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
