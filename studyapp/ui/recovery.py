"""A damaged review database is never opened silently: the student chooses restore, fresh or not now.

Restoring keeps the damaged file beside the restored one under a new name; starting afresh sets it
aside the same way; declining leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox

from studyapp.quiz.clock import Clock
from studyapp.quiz.store import ReviewStore
from studyapp.storage.backups import restore_backup, set_aside
from studyapp.storage.errors import DatabaseCorrupt

RESTORE, FRESH, CANCEL = "restore", "fresh", "cancel"
AskRecovery = Callable[[DatabaseCorrupt], str]


def ask_recovery(error: DatabaseCorrupt) -> str:
    """Ask the student what to do with a damaged review database (restore, fresh or cancel)."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Review history is damaged")
    latest = error.latest_backup
    box.setText(f"The review history file {error.path.name} cannot be read ({error.reason}).")
    restore = None
    if latest is not None:
        box.setInformativeText(
            f"The latest backup is from {latest.taken_at.astimezone():%d %b %Y %H:%M}. Restoring it keeps "
            "the damaged file beside it, renamed, so nothing is deleted."
        )
        restore = box.addButton("Restore latest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("No backup is available. Starting afresh keeps the damaged file, renamed.")
    fresh = box.addButton("Start afresh", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return FRESH if clicked is fresh else CANCEL


def open_reviews(folder: Path, ask: AskRecovery, now: Clock) -> ReviewStore | None:
    """Open the review store, offering recovery when it is damaged; None when the student declines."""
    try:
        return ReviewStore.open(folder, now=now)
    except DatabaseCorrupt as error:
        choice = ask(error)
        path = ReviewStore.path_in(folder)
        if choice == RESTORE and error.latest_backup is not None:
            restore_backup(error.latest_backup, path, now())
        elif choice == FRESH:
            set_aside(path, now())
        else:
            return None
        return ReviewStore.open(folder, now=now)


class Unavailable(QLabel):
    """Said in place of a tab whose review history could not be opened."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setMargin(24)
        self.setAccessibleName(name)
