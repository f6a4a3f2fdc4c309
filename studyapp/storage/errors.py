"""Typed storage errors: the expected failures a caller can act on.

Anything else (a programming error, a bad SQL statement) is left as the original exception, so a
bug is never mistaken for "the disk is full" and silently handled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.storage.backups import Backup


class StorageError(Exception):
    """A failure the user can be told about (locked, corrupt, from a newer version, ...)."""


class DatabaseLocked(StorageError):
    """Another program (usually a second copy of the app) holds the database."""


class DatabaseTooNew(StorageError):
    """The file was written by a newer studyapp; opening it could lose what that version stored."""

    def __init__(self, path: Path, version: int, supported: int) -> None:
        super().__init__(
            f"{path.name} has schema version {version}, but this version of studyapp only knows up to "
            f"{supported}. Please update studyapp."
        )
        self.path = path
        self.version = version
        self.supported = supported


class MigrationFailed(StorageError):
    """A schema upgrade failed; the transaction was rolled back so the file is unchanged."""

    def __init__(self, path: Path, version: int, reason: str) -> None:
        super().__init__(f"upgrading {path.name} to schema version {version} failed: {reason}")
        self.path = path
        self.version = version
        self.reason = reason


class DatabaseCorrupt(StorageError):
    """The file is not a usable database. It is left in place; `backups` lists what can replace it.

    The UI offers `latest_backup` (see `studyapp.storage.backups.restore_backup`), or a fresh start
    (`set_aside`); both keep the damaged file under a new name, so nothing is silently discarded.
    """

    def __init__(self, path: Path, reason: str, backups: list[Backup]) -> None:
        hint = f"{len(backups)} backup(s) available" if backups else "no backup available"
        super().__init__(f"{path.name} is damaged ({reason}); {hint}")
        self.path = path
        self.reason = reason
        self.backups = backups

    @property
    def latest_backup(self) -> Backup | None:
        return self.backups[0] if self.backups else None
