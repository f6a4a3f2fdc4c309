"""`exercise_stores(folder)`: the self-test's proof that both databases work on this machine.

Writes, reads back, undoes, backs up and integrity-checks in a throw-away folder, so a broken
SQLite build or an unwritable temp dir shows up as one clear line instead of a crash mid-session.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fsrs import Rating

from studyapp.storage.backups import list_backups
from studyapp.storage.verify import check_file


def exercise_stores(folder: Path) -> str:
    """Exercise the review store and the notes store in `folder`; returns a one-line summary."""
    from studyapp.quiz.cards import generate_cards
    from studyapp.quiz.demo import demo_atlas
    from studyapp.quiz.store import ReviewStore
    from studyapp.quiz.study import Study, StudySettings
    from studyapp.storage.userdata import UserData

    now = datetime.now(UTC)
    store = ReviewStore.open(folder, now=lambda: now)
    try:
        study = Study(store, generate_cards(demo_atlas()), StudySettings(fuzz=False), now=lambda: now)
        card = study.next_card()
        if card is None:
            raise RuntimeError("the demo deck offered no card")
        study.answer(card.id, Rating.Good)
        if study.undo() != card or store.state(card.id) is not None:
            raise RuntimeError("undo did not restore the card")
        logged = [e.kind for e in store.entries()]
        store.db.backup(folder / "backups", now)  # what the next start would do: a verified copy
    finally:
        store.close()
    if logged != ["review", "undo"]:
        raise RuntimeError(f"unexpected review log {logged}")
    backups = list_backups(folder / "backups", "reviews")
    problem = check_file(ReviewStore.path_in(folder)) or (
        check_file(backups[0].path) if backups else "no backup"
    )
    if problem:
        raise RuntimeError(f"review database check failed: {problem}")

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
    return "reviews (answer, undo, backup, integrity) and notes (favourite, note, backup) work"
