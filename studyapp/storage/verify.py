"""The full check of a database file: readable, intact, and holding exactly the schema we wrote.

A page-level check alone passes a file whose schema text took a flipped byte ("no such column"
later), a file whose `user_version` changed, or a zero-byte file. So a file is healthy only when
SQLite's `integrity_check` says "ok" *and* its tables, indexes and triggers are the ones our
migrations create for its `user_version` *and* the store's own value checks find no impossible row.
Anything reading the file can fail on a damaged one (decoding, overflow, I/O), so every such failure
becomes a reason string here, never an exception.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from collections.abc import Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.storage.database import Migration

MAGIC = b"SQLite format 3\x00"
# Reading a damaged file must never raise UnicodeDecodeError: undecodable text becomes U+FFFD.
lenient_text = partial(str, encoding="utf-8", errors="replace")
# What a damaged file can make the sqlite3 module (or our decoding of its rows) raise.
READ_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.Error,
    UnicodeError,
    ValueError,
    OverflowError,
    MemoryError,
    OSError,
)

Schema = frozenset[tuple[str, str, str]]  # (type, name, normalised sql)
CRC_FUNCTION = "studyapp_crc32"


def row_crc(*values: object) -> int:
    """The checksum a store keeps beside a row it cannot afford to lose silently (an answer, a note).

    Page checks cannot see a flipped bit inside a value; a stored checksum of the values can. NULL
    counts as the empty string; numbers as their decimal text, as SQL passes them to `_sql_crc`.
    """
    text = "\0".join("" if v is None else str(v) for v in values)
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _sql_crc(*values: object) -> int:
    return row_crc(*values)


def add_functions(conn: sqlite3.Connection) -> None:
    """SQL functions our migrations and value checks use: `studyapp_crc32(a, b, ...)`."""
    conn.create_function(CRC_FUNCTION, -1, _sql_crc, deterministic=True)


def _normalise(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def read_schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    return frozenset((str(t), str(n), _normalise(s)) for t, n, s in rows)


@lru_cache(maxsize=32)
def _schema_at(migrations: tuple[Migration, ...], version: int) -> Schema:
    from studyapp.storage.database import split_statements

    conn = sqlite3.connect(":memory:")
    add_functions(conn)
    try:
        for migration in sorted(migrations, key=lambda m: m.version)[:version]:
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            if migration.apply is not None:
                migration.apply(conn)
        return read_schema(conn)
    finally:
        conn.close()


def expected_schema(migrations: Sequence[Migration], version: int) -> Schema:
    """The schema our migrations create up to `version` (built once in memory, then cached)."""
    return _schema_at(tuple(migrations), version)


def schema_problem(conn: sqlite3.Connection, migrations: Sequence[Migration], version: int) -> str | None:
    """None when the open database holds exactly the objects of `version`, else what differs."""
    found = read_schema(conn)
    wanted = expected_schema(migrations, version)
    missing = sorted(name for _t, name, _s in wanted - found)
    unexpected = sorted(name for _t, name, _s in found - wanted)
    if not missing and not unexpected:
        return None
    if missing and set(missing) == set(unexpected):
        return f"the definition of {', '.join(missing[:3])} was changed"
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing[:3])}")
    if unexpected:
        parts.append(f"unexpected {', '.join(unexpected[:3])}")
    return f"schema version {version} does not match its tables ({'; '.join(parts)})"


def header_problem(path: Path) -> str | None:
    """Cheap checks before SQLite sees the file: readable, not empty, the magic string, whole pages."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    if size == 0:
        return "the file is empty (0 bytes)"
    if header[:16] != MAGIC:
        return "the file is not an SQLite database"
    if len(header) < 100:
        return "the file is truncated"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file header is damaged (page size)"
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the in-header size is trusted only then
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if header_valid and pages and not has_wal and size < pages * page_size:
        return f"the file is truncated ({size} bytes of {pages * page_size})"
    return None


def check_connection(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration],
    *,
    full: bool = True,
    value_checks: Sequence[tuple[str, str]] = (),
) -> str | None:
    """Integrity, schema and value checks on an open connection; None when all pass."""
    try:
        pragma = "PRAGMA integrity_check(5)" if full else "PRAGMA quick_check(5)"
        messages = [str(r[0]) for r in conn.execute(pragma).fetchall()]
        if messages != ["ok"]:
            return "; ".join(messages[:3])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(migrations):
            return None  # from a newer studyapp: the caller refuses it with its own message
        problem = schema_problem(conn, migrations, version)
        if problem is not None:
            return problem
        if version == len(migrations):
            for sql, what in value_checks:
                bad = int(conn.execute(sql).fetchone()[0])
                if bad:
                    return f"{bad} {what}"
    except READ_ERRORS as error:
        return str(error) or type(error).__name__
    return None


def check_file(
    path: Path, migrations: Sequence[Migration] | None = None, value_checks: Sequence[tuple[str, str]] = ()
) -> str | None:
    """None when `path` is a healthy database (with our schema, when `migrations` are given).

    Opens the file read-only and immutable, so checking never creates or changes a file.
    """
    problem = header_problem(path)
    if problem is not None:
        return problem
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except READ_ERRORS as error:
        return str(error)
    try:
        conn.text_factory = lenient_text
        add_functions(conn)
        if migrations is None:
            messages = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)").fetchall()]
            return None if messages == ["ok"] else "; ".join(messages[:3])
        return check_connection(conn, migrations, full=True, value_checks=value_checks)
    except READ_ERRORS as error:
        return str(error) or type(error).__name__
    finally:
        conn.close()


def is_empty(conn: sqlite3.Connection) -> bool:
    """True when no table holds a row: nothing worth a backup (and nothing a backup may replace)."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return not any(conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in tables)
