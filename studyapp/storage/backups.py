"""Verified backups made with SQLite's online backup API, kept on a schedule, and restoring one.

A backup is a complete, consistent database file (the backup API copies pages under a read
transaction, so it is safe while the app is writing). It is checked before it gets its real name,
so a backup that exists is a backup that opened and passed the full check when it was taken.

File names carry a sequence number and the UTC time: `reviews-000042-20250303T120000000000Z.sqlite3`.
The sequence number, not the clock, says which backup is newest, so one start with the clock in 2031
neither hides later backups nor stops new ones. Older names without a number still count (as
sequence 0, ordered by their time).

Retention (like Anki's): the `recent` newest, then the newest of each of the last `daily` days,
`weekly` weeks and `monthly` months that have a backup. Days are counted among the backups present,
not back from today, so a wrong clock cannot age good copies out, and many starts in a few hours
only turn over the `recent` ones: yesterday's copy and last month's stay.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STAMP = "%Y%m%dT%H%M%S%fZ"
SUFFIXES = ("", "-wal", "-shm")  # a database file and its WAL companions travel together
_NAME = re.compile(r"^(?:(\d{6,})-)?(\d{8}T\d{12}Z)$")

Verify = Callable[[Path], "str | None"]


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC, as the clock said when it was taken
    seq: int = 0  # newer backups have larger numbers, whatever the clock said


@dataclass(frozen=True, slots=True)
class Retention:
    """How many backups survive rotation: the newest `recent`, then one per day, week and month."""

    recent: int = 8
    daily: int = 7
    weekly: int = 4
    monthly: int = 6


def backup_name(stem: str, seq: int, when: datetime) -> str:
    return f"{stem}-{seq:06d}-{when.astimezone(UTC).strftime(STAMP)}.sqlite3"


def list_backups(folder: Path, stem: str) -> list[Backup]:
    """Backups of `stem` in `folder`, newest (highest sequence) first; unrelated names are ignored."""
    found: list[Backup] = []
    try:
        candidates = list(folder.glob(f"{stem}-*.sqlite3")) if folder.is_dir() else []
    except OSError:
        return found
    for path in candidates:
        match = _NAME.match(path.name[len(stem) + 1 : -len(".sqlite3")])
        if match is None:
            continue
        try:
            taken = datetime.strptime(match.group(2), STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken, int(match.group(1) or 0)))
    return sorted(found, key=lambda b: (b.seq, b.taken_at), reverse=True)


def to_keep(backups: Sequence[Backup], retention: Retention) -> list[Backup]:
    """The backups the schedule keeps, from a newest-first list."""
    keep: dict[Path, Backup] = {b.path: b for b in backups[: max(retention.recent, 1)]}
    periods: tuple[tuple[int, Callable[[datetime], object]], ...] = (
        (retention.daily, lambda t: t.date()),
        (retention.weekly, lambda t: t.isocalendar()[:2]),
        (retention.monthly, lambda t: (t.year, t.month)),
    )
    for count, period in periods:
        seen: set[object] = set()
        for backup in backups:
            key = period(backup.taken_at)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            keep.setdefault(backup.path, backup)
    return [b for b in backups if b.path in keep]


def make_backup(
    conn: sqlite3.Connection,
    folder: Path,
    stem: str,
    now: datetime,
    retention: Retention | int = Retention(),
    verify: Verify | None = None,
) -> Backup:
    """Copy the open database into `folder`, check the copy, then rotate old ones by `retention`.

    Raises BackupFailed when the copy cannot be written or fails `verify`; no file with a real
    backup name is left behind then, and no older backup is deleted.
    """
    from studyapp.storage.errors import BackupFailed
    from studyapp.storage.verify import check_file

    if isinstance(retention, int):
        retention = Retention(recent=retention)
    existing = list_backups(folder, stem)
    seq = max((b.seq for b in existing), default=0) + 1
    target = folder / backup_name(stem, seq, now)
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
        problem = (verify or check_file)(partial)
        if problem is not None:
            raise BackupFailed(f"the new backup of {stem} failed its check ({problem})")
        partial.replace(target)  # a crash mid-copy leaves a .partial, never a half backup
    except (OSError, sqlite3.Error) as error:
        raise BackupFailed(f"could not write a backup of {stem}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    made = Backup(target, now.astimezone(UTC), seq)
    everything = [made, *existing]
    kept = {b.path for b in to_keep(everything, retention)}
    for old in everything:
        if old.path not in kept:
            old.path.unlink(missing_ok=True)
    return made


def set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its WAL files) out of the way; returns the new main file name."""
    stamp = now.astimezone(UTC).strftime(STAMP)
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in SUFFIXES:
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.replace(Path(f"{kept}{suffix}"))
    return kept


def restore_backup(backup: Backup, path: Path, now: datetime, verify: Verify | None = None) -> Path | None:
    """Put `backup` in place of `path`; a file already there is kept renamed (returned), not deleted.

    The backup is checked first, so a damaged backup never replaces anything.
    """
    from studyapp.storage.errors import DatabaseCorrupt
    from studyapp.storage.verify import check_file

    problem = (verify or check_file)(backup.path)
    if problem is not None:
        raise DatabaseCorrupt(backup.path, problem, [])
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup.path, partial)
    kept = set_aside(path, now) if path.exists() else None
    for suffix in SUFFIXES[1:]:
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # a stray WAL must not replay onto the backup
    partial.replace(path)
    return kept
