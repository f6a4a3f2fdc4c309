"""Typed storage errors: the expected failures a caller can act on.

Anything else (a programming error, a bad SQL statement) is left as the original exception, so a
bug is never mistaken for "the disk is full" and silently handled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.storage.backups import Backup


class StorageError(Exception):
    """A failure the user can be told about (locked, corrupt, from a newer version, ...)."""

    def why(self) -> str:
        """The short reason, for a sentence that already says what failed ("not saved: ...")."""
        return str(self)


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

    The UI offers `good_backup()` (the newest backup that passes the full check; see
    `studyapp.storage.backups.restore_backup`), or a fresh start (`set_aside`); both keep the damaged
    file under a new name, so nothing is silently discarded.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        backups: list[Backup],
        verify: Callable[[Path], str | None] | None = None,
    ) -> None:
        hint = f"{len(backups)} backup(s) available" if backups else "no backup available"
        super().__init__(f"{path.name} is damaged ({reason}); {hint}")
        self.path = path
        self.reason = reason
        self.backups = backups
        self._verify = verify
        self._checked: dict[Path, str | None] = {}

    def backup_problem(self, backup: Backup) -> str | None:
        """Why `backup` cannot be restored (checked once, then remembered), or None."""
        if backup.path not in self._checked:
            from studyapp.storage.verify import check_file

            self._checked[backup.path] = (self._verify or check_file)(backup.path)
        return self._checked[backup.path]

    def good_backup(self) -> Backup | None:
        """The newest backup that itself passes the full check; older ones when newer are damaged."""
        return next((b for b in self.backups if self.backup_problem(b) is None), None)

    @property
    def latest_backup(self) -> Backup | None:
        return self.good_backup()


class BackupFailed(StorageError):
    """A backup could not be written or did not pass its check; older backups are untouched."""


class WriteFailed(StorageError):
    """A change could not be saved (disk full, I/O error, read-only folder); nothing was changed.

    The caller keeps what the student did on screen and may try again: the transaction was rolled
    back, so a retry starts from the same state.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"could not save to {path.name}: {reason}")
        self.path = path
        self.reason = reason

    def why(self) -> str:
        return self.reason


class DataFolderUnusable(StorageError):
    """The data folder cannot even be read (not a folder, no permission): nothing can be opened."""
