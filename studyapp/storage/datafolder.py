"""Deciding, once at start, whether the data folder can be used as it is.

The answer is one of three: usable; readable but not writable (a read-only disk or folder, no
permission, a full disk), so the app opens read-only and says so; or not usable at all (not a folder,
cannot be created or read), so the app says why and stops. There is no fourth answer such as "use a
temporary folder instead": answers saved there would vanish at exit while the student believes them
kept.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from studyapp.storage.errors import DataFolderUnusable

MIN_FREE_BYTES = 8 * 1024 * 1024  # below this a session's answers and one backup may not fit
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
}


@dataclass(frozen=True, slots=True)
class DataFolder:
    path: Path
    read_only_reason: str | None = None  # why nothing can be saved, when that is so

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def open_data_folder(path: Path, min_free_bytes: int = MIN_FREE_BYTES) -> DataFolder:
    """Check `path` (creating it if missing); raises DataFolderUnusable when it cannot even be read."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if not path.is_dir():
            not_folder = isinstance(error, (FileExistsError, NotADirectoryError))
            why = "it is not a folder" if not_folder else _reason(error)
            raise DataFolderUnusable(f"studyapp cannot use the data folder {path}: {why}.") from error
    if not path.is_dir():
        raise DataFolderUnusable(f"studyapp cannot use the data folder {path}: it is not a folder.")
    try:
        names = [p for p in path.iterdir() if p.suffix == ".sqlite3"]
    except OSError as error:
        raise DataFolderUnusable(f"studyapp cannot read the data folder {path}: {_reason(error)}.") from error
    probe = path / f".studyapp-write-test-{os.getpid()}"
    try:
        with probe.open("wb") as handle:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        return DataFolder(path, _reason(error))
    finally:
        # nothing was written, or the folder refuses even that: the reason is already known
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
    for name in names:
        if not os.access(name, os.W_OK):
            return DataFolder(path, f"{name.name} cannot be written")
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        free = min_free_bytes
    if free < min_free_bytes:
        return DataFolder(path, "the disk is full")
    return DataFolder(path)
