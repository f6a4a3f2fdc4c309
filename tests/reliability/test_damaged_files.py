"""Byte flips and truncations of both databases (seeded): each damaged file either opens, passes the
full check and works, or is detected and offered a good backup; no exception escapes; no answer or
note in the backup is lost."""

from __future__ import annotations

import random
import shutil
import sqlite3
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from studyapp.quiz.cards import generate_cards
from studyapp.quiz.progress import Progress
from studyapp.quiz.store import DB_NAME, ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage import DatabaseCorrupt, StorageError, list_backups, restore_backup
from studyapp.storage.userdata import FILE_NAME, UserData
from tests.helpers.demo import demo_atlas
from tests.reliability.conftest import Tally

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=30)
FLIPS = 60
TRUNCATIONS = 15
MUSCLES = [f"muscle_{i:02d}" for i in range(40)]
CARDS = generate_cards(demo_atlas())


Row = tuple[object, ...]
LOG = "SELECT id, time_ms, card_id, kind, rating, undoes FROM review_log"


@dataclass(frozen=True)
class Pristine:
    folder: Path
    log: frozenset[Row]  # every answer (and undo), as committed
    notes: dict[str, str]
    older_log: frozenset[Row]  # what the second-newest backups hold
    older_notes: dict[str, str]


def _log(path: Path) -> frozenset[Row]:
    conn = sqlite3.connect(path)
    try:
        return frozenset(conn.execute(LOG).fetchall())
    finally:
        conn.close()


def _build(folder: Path) -> Pristine:
    """Two weeks of study and forty notes, then the start that backs both files up."""
    settings = StudySettings(fuzz=False, new_per_day=15)
    for day in range(14):
        when = T0 + timedelta(days=day)
        store = ReviewStore.open(folder, now=lambda: when)  # noqa: B023 (used at once)
        study = Study(store, CARDS, settings, now=lambda: when)  # noqa: B023
        for i in range(20):
            card = study.next_card()
            if card is None:
                break
            study.answer(card.id, [Rating.Good, Rating.Again, Rating.Easy, Rating.Hard][i % 4])
        store.close()
    notes = {m: f"note on {m}: ✓ {'x' * (i * 7)}" for i, m in enumerate(MUSCLES)}
    older_notes = {}
    for day, half in ((14, MUSCLES[:20]), (15, MUSCLES[20:])):
        when = T0 + timedelta(days=day)
        with UserData(folder / FILE_NAME, now=lambda: when) as data:  # noqa: B023 (used at once)
            older_notes = {m: data.note(m) for m in MUSCLES}
            for muscle in half:
                data.set_note(muscle, notes[muscle])
                data.set_favourite(muscle, muscle in MUSCLES[::3])
    final = T0 + timedelta(days=16)
    ReviewStore.open(folder, now=lambda: final).close()
    UserData(folder / FILE_NAME, now=lambda: final).close()
    older = list_backups(folder / "backups", "reviews")[1]
    return Pristine(folder, _log(folder / DB_NAME), notes, _log(older.path), older_notes)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    return _build(tmp_path_factory.mktemp("pristine"))


def use_reviews(folder: Path) -> frozenset[Row]:
    """Open as the app does (offering the newest good backup) and use it; the log it then holds."""
    try:
        store = ReviewStore.open(folder, now=lambda: LATER, keep_backups=0)
    except DatabaseCorrupt as error:
        good = error.good_backup()
        assert good is not None, f"damage detected but no good backup offered: {error}"
        restore_backup(good, folder / DB_NAME, LATER)
        store = ReviewStore.open(folder, now=lambda: LATER, keep_backups=0)
    try:
        study = Study(store, CARDS, StudySettings(), now=lambda: LATER)
        study.next_card()
        study.counts()
        Progress(study).report()
        store.entries()
        store.missing_answers()
        return frozenset(tuple(r) for r in store.db.query(LOG))
    finally:
        store.close()


def use_notes(folder: Path) -> dict[str, str]:
    path = folder / FILE_NAME
    try:
        data = UserData(path, now=lambda: LATER, keep_backups=0)
    except DatabaseCorrupt as error:
        good = error.good_backup()
        assert good is not None, f"damage detected but no good backup offered: {error}"
        restore_backup(good, path, LATER)
        data = UserData(path, now=lambda: LATER, keep_backups=0)
    with data:
        data.favourites()
        for muscle in data.noted_muscles():
            data.note_updated_at(muscle)
        return {m: data.note(m) for m in MUSCLES}


def _flip(path: Path, rng: random.Random) -> str:
    data = bytearray(path.read_bytes())
    offset = rng.randrange(len(data))
    data[offset] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))
    return f"flip at {offset}"


def _truncate(path: Path, rng: random.Random) -> str:
    data = path.read_bytes()
    size = rng.choice([0, rng.randrange(1, 100), rng.randrange(100, len(data))])
    path.write_bytes(data[:size])
    return f"truncated to {size}"


def _run(
    tally: Tally,
    pristine: Pristine,
    scratch: Path,
    file_name: str,
    damage: Callable[[Path, random.Random], str],
    cases: int,
    seed: int,
    damage_newest_backup: bool = False,
) -> None:
    rng = random.Random(seed)
    stem = Path(file_name).stem
    for case in range(cases):
        folder = scratch / f"case{case}"
        shutil.copytree(pristine.folder, folder)
        what = damage(folder / file_name, rng)
        if damage_newest_backup:
            what += "; newest backup: " + damage(list_backups(folder / "backups", stem)[0].path, rng)
        tally.inputs += 1
        before = (folder / file_name).read_bytes()
        try:
            try:
                ReviewStore.open(
                    folder, now=lambda: LATER, keep_backups=0
                ).close() if stem == "reviews" else (
                    UserData(folder / file_name, now=lambda: LATER, keep_backups=0).close()
                )
                tally.opened_ok += 1
            except StorageError:
                tally.clear_errors += 1
                kept = list(folder.glob(f"{file_name}*"))
                assert (folder / file_name).read_bytes() == before, "detection changed the file"
                assert kept
            # with the newest backup damaged too, the older backup is the most that can come back
            log = pristine.older_log if damage_newest_backup else pristine.log
            notes = pristine.older_notes if damage_newest_backup else pristine.notes
            if stem == "reviews":
                tally.answers_lost += len(log - use_reviews(folder))
            else:
                got = use_notes(folder)
                tally.answers_lost += sum(1 for m, body in notes.items() if got.get(m) != body)
        except AssertionError as error:
            tally.tracebacks += 1
            tally.notes.append(f"{what}: {error}")
        except Exception:  # the suite's purpose: any escaping exception is counted, with its story
            tally.tracebacks += 1
            tally.notes.append(f"{what}: {traceback.format_exc(limit=3)[-300:]}")
        shutil.rmtree(folder)
    assert tally.tracebacks == 0, tally.notes
    assert tally.answers_lost == 0, tally.notes


@pytest.mark.parametrize("file_name", [DB_NAME, FILE_NAME])
def test_byte_flips(tally: Tally, pristine: Pristine, tmp_path: Path, file_name: str) -> None:
    _run(tally, pristine, tmp_path, file_name, _flip, FLIPS, seed=18)


@pytest.mark.parametrize("file_name", [DB_NAME, FILE_NAME])
def test_truncations(tally: Tally, pristine: Pristine, tmp_path: Path, file_name: str) -> None:
    _run(tally, pristine, tmp_path, file_name, _truncate, TRUNCATIONS, seed=14)


@pytest.mark.parametrize("file_name", [DB_NAME, FILE_NAME])
def test_truncated_file_and_newest_backup(
    tally: Tally, pristine: Pristine, tmp_path: Path, file_name: str
) -> None:
    """The newest backup is damaged too: an older good one is offered (or the damage was harmless)."""
    folder = pristine.folder
    stem = Path(file_name).stem
    assert len(list_backups(folder / "backups", stem)) >= 2
    _run(tally, pristine, tmp_path, file_name, _truncate, 10, seed=7, damage_newest_backup=True)
