"""One running studyapp per data folder, held with a lock file from Qt's core module.

Two windows on one folder would each schedule from their own copy of the day's queue: the log keeps
both answers but the card state keeps whichever was written last. QLockFile writes the owner's process
id and host, so the lock of a crashed (or killed) app is recognised as stale and taken over, while a
running one is refused. QtCore only: nothing here opens a socket.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "studyapp.lock"


class InstanceLock:
    """Held from `acquire()` until `release()` (or process exit, after which it is stale)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone

    def acquire(self) -> bool:
        """True when this process now holds the folder; False when another running app does."""
        if self._lock.tryLock(0):
            return True
        # a lock file that cannot be written (read-only folder) is no lock: nothing is written then either
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def owner(self) -> str | None:
        """'pid 1234 on host' of the app holding the lock, when Qt can read it."""
        info = self._lock.getLockInfo()  # PySide6 gives (pid, host, app), zeros when unreadable
        if not isinstance(info, tuple) or len(info) < 2 or not info[0]:
            return None
        return f"process {info[0]} on {info[1]}"

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def already_open_message(folder: Path) -> str:
    return (
        f"studyapp is already open for the data folder {folder}; switch to that window "
        "(or close it) instead of starting a second copy."
    )
