"""`exercise_notes(folder)`: the self-test's proof that the notes database works on this machine.

Writes, reads back, backs up and integrity-checks in a throw-away folder, so a broken SQLite build
or an unwritable temp dir shows up as one clear line instead of a crash mid-session. (The review
store is exercised by `studyapp.selftest`, which owns the quiz; storage does not import it.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from studyapp.storage.backups import list_backups
from studyapp.storage.verify import check_file


def exercise_notes(folder: Path) -> str:
    """Write a favourite and a note in `folder`, read them back and back them up; one-line summary."""
    from studyapp.storage.userdata import UserData

    now = datetime.now(UTC)
    with UserData(folder / "userdata.sqlite3") as notes:
        notes.set_favourite("piriformis", True)
        notes.set_note("piriformis", "self-test")
        if not notes.is_favourite("piriformis") or notes.note("piriformis") != "self-test":
            raise RuntimeError("notes and favourites did not read back")
        notes.db.backup(folder / "backups", now)
    notes_backups = list_backups(folder / "backups", "userdata")
    problem = check_file(notes_backups[0].path) if notes_backups else "no backup"
    if problem:
        raise RuntimeError(f"notes backup check failed: {problem}")
    return "notes (favourite, note, backup) work"
