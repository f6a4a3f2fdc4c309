"""`exercise_notes(folder)`: the self-test's proof that the notes database works on this machine.

Writes and reads back in a throw-away folder, so a broken SQLite build or an unwritable temp dir
shows up as one clear line instead of a crash mid-session. (The review store is exercised by
`studyapp.selftest`, which owns the quiz; storage does not import it.)
"""

from __future__ import annotations

from pathlib import Path


def exercise_notes(folder: Path) -> str:
    """Write a favourite and a note in `folder` and read them back; returns a one-line summary."""
    from studyapp.storage.userdata import UserData

    with UserData(folder / "userdata.sqlite3") as notes:
        notes.set_favourite("piriformis", True)
        notes.set_note("piriformis", "self-test")
        if not notes.is_favourite("piriformis") or notes.note("piriformis") != "self-test":
            raise RuntimeError("notes and favourites did not read back")
    return "notes (favourite, note) work"
