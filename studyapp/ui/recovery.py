"""What the student sees when a database is damaged: restore the newest good backup, start afresh, or
not now; and, after "not now", the same offer again from every tab that needs the file.

The damaged file is always kept under a new name (see `studyapp.storage.backups.set_aside`), so no
choice made here deletes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from studyapp.quiz.clock import Clock, utc_now
from studyapp.storage.backups import restore_backup, set_aside
from studyapp.storage.datafolder import open_data_folder
from studyapp.storage.errors import DatabaseCorrupt, StorageError
from studyapp.ui.qtcompat import emit

if TYPE_CHECKING:  # the notes store opens at start-up through here; the scheduler loads later
    from studyapp.quiz.store import ReviewStore

RESTORE, FRESH, CANCEL = "restore", "fresh", "cancel"
AskRecovery = Callable[[DatabaseCorrupt], str]
T = TypeVar("T")

WHAT = {"reviews": "review history", "userdata": "notes and favourites"}


def describe(error: DatabaseCorrupt) -> str:
    return WHAT.get(error.path.stem, error.path.name)


def ask_recovery(error: DatabaseCorrupt) -> str:
    """Ask what to do with a damaged database (restore, fresh or cancel)."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    what = describe(error)
    box.setWindowTitle(f"Your {what} file is damaged")
    good = error.good_backup()
    box.setText(f"The {what} file {error.path.name} cannot be read ({error.reason}).")
    restore = None
    skipped = error.backups.index(good) if good is not None else len(error.backups)
    older = f" ({skipped} newer backup(s) are damaged too and were skipped)" if skipped else ""
    if good is not None:
        box.setInformativeText(
            f"The newest good backup is from {good.taken_at.astimezone():%d %b %Y %H:%M}{older}. "
            "Restoring it keeps the damaged file beside it, renamed, so nothing is deleted."
        )
        restore = box.addButton("Restore backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        count = len(error.backups)
        found = f"None of the {count} backups can be read." if count else "No backup exists."
        box.setInformativeText(f"{found} Starting afresh keeps the damaged file, renamed.")
    fresh = box.addButton("Start afresh", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return FRESH if clicked is fresh else CANCEL


def recover(error: DatabaseCorrupt, ask: AskRecovery, now: Clock = utc_now) -> bool:
    """Ask, then restore or set aside; True when the file changed and opening may be tried again."""
    choice = ask(error)
    good = error.good_backup()
    if choice == RESTORE and good is not None:
        restore_backup(good, error.path, now(), verify=lambda _path: error.backup_problem(good))
        return True
    if choice == FRESH:
        set_aside(error.path, now())
        return True
    return False


def open_with_recovery(
    opener: Callable[[], T], ask: AskRecovery, now: Clock = utc_now, attempts: int = 3
) -> T | None:
    """`opener()`, offering recovery while it reports damage; None when the student says not now."""
    for _ in range(attempts):
        try:
            return opener()
        except DatabaseCorrupt as error:
            if not recover(error, ask, now):
                return None
    return None


def open_reviews(
    folder: Path, ask: AskRecovery, now: Clock = utc_now, *, read_only: bool | None = None
) -> ReviewStore | None:
    """The review store in `folder`, offering recovery while it is damaged; None after "not now".

    `read_only=None` asks the folder itself (see `open_data_folder`), so a folder that cannot be
    written opens read-only here too.
    """
    if read_only is None:
        read_only = open_data_folder(folder).read_only
    ro = read_only
    from studyapp.quiz.store import ReviewStore

    return open_with_recovery(lambda: ReviewStore.open(folder, now=now, read_only=ro), ask, now)


def unavailable_text(error: StorageError | None, what: str = "review history") -> str:
    """One wording for every tab that needs a file the student chose not to repair yet."""
    if isinstance(error, DatabaseCorrupt):
        good = error.good_backup()
        offer = "A good backup can be restored" if good is not None else "You can start afresh"
        return f"Your {what} is damaged ({error.reason}). {offer}: choose Repair… below."
    if error is not None:
        return f"Your {what} cannot be opened: {error}"
    return f"Your {what} could not be opened."


class Unavailable(QLabel):
    """Said in place of a tab whose file could not be opened and cannot be repaired from here."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setMargin(24)
        self.setAccessibleName(name)


class RecoveryNotice(QWidget):
    """Says why a tab is empty and offers the repair dialog again; emits `repaired(store)`."""

    repaired = Signal(object)

    def __init__(
        self, opener: Callable[[], object], ask: AskRecovery, error: StorageError | None = None
    ) -> None:
        super().__init__()
        self._opener = opener
        self._ask = ask
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Quiz unavailable")
        layout.addWidget(self.label)
        self.button = QPushButton("Repair…")
        self.button.clicked.connect(self.repair)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.set_error(error)

    def set_error(self, error: StorageError | None) -> None:
        self.label.setText(unavailable_text(error))
        self.button.setVisible(error is None or isinstance(error, DatabaseCorrupt))

    def text(self) -> str:
        return self.label.text()

    def repair(self) -> object | None:
        """Open again, asking about recovery if it is still damaged; emits `repaired` on success."""
        try:
            store = open_with_recovery(self._opener, self._ask)
        except StorageError as error:
            self.set_error(error)
            return None
        if store is not None:
            emit(self.repaired, store)
        return store
