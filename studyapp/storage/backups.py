"""Rotating backups made with SQLite's online backup API, and restoring one over a damaged file.

A backup is a complete, consistent database file (the backup API copies pages under a read
transaction, so it is safe while the app is writing). File names carry the UTC time they were taken,
so listing needs no extra index file that could itself get lost.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STAMP = "%Y%m%dT%H%M%S%fZ"
SUFFIXES = ("", "-wal", "-shm")  # a database file and its WAL companions travel together


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC


def backup_name(stem: str, when: datetime) -> str:
    return f"{stem}-{when.astimezone(UTC).strftime(STAMP)}.sqlite3"


def list_backups(folder: Path, stem: str) -> list[Backup]:
    """Backups of `stem` in `folder`, newest first; unrelated or oddly named files are ignored."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{stem}-*.sqlite3"):
        stamp = path.name[len(stem) + 1 : -len(".sqlite3")]
        try:
            taken = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def make_backup(conn: sqlite3.Connection, folder: Path, stem: str, now: datetime, keep: int) -> Backup:
    """Copy the open database into `folder`, then delete all but the newest `keep` backups."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(stem, now)
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)  # a crash mid-copy leaves a .partial, never a half backup with a real name
    for old in list_backups(folder, stem)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
    return Backup(target, now.astimezone(UTC))


def check_file(path: Path) -> str | None:
    """None when `path` is a healthy SQLite database, otherwise why it is not."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    if header and header != b"SQLite format 3\x00":
        return "the file is not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    messages = [str(r[0]) for r in rows]
    return None if messages == ["ok"] else "; ".join(messages[:3])


def set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its WAL files) out of the way; returns the new main file name."""
    stamp = now.astimezone(UTC).strftime(STAMP)
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in SUFFIXES:
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.replace(Path(f"{kept}{suffix}"))
    return kept


def restore_backup(backup: Backup, path: Path, now: datetime) -> Path | None:
    """Put `backup` in place of `path`; a file already there is kept renamed (returned), not deleted.

    The backup is checked first, so a damaged backup never replaces anything.
    """
    from studyapp.storage.errors import DatabaseCorrupt

    problem = check_file(backup.path)
    if problem is not None:
        raise DatabaseCorrupt(backup.path, problem, [])
    kept = set_aside(path, now) if path.exists() else None
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup.path, partial)
    partial.replace(path)
    return kept
