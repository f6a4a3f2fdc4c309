"""kill -9 at random moments while answers and notes are being saved: every committed answer and note
is there afterwards, both files pass the full check, and a start after each kill works."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from studyapp.quiz.store import ReviewStore
from studyapp.storage.userdata import FILE_NAME, UserData
from tests.reliability.conftest import Tally

ROOT = Path(__file__).resolve().parents[2]
KILLS = 6

CHILD = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from studyapp.quiz.cards import generate_cards
from tests.helpers.demo import demo_atlas
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from studyapp.storage.userdata import UserData

folder = Path(sys.argv[1])
t = [datetime(2025, 3, 3, 12, tzinfo=UTC) + timedelta(days=int(sys.argv[2]))]
now = lambda: t[0]
store = ReviewStore.open(folder, now=now)  # backs up at each start, as the app does
notes = UserData(folder / "userdata.sqlite3", now=now)
settings = StudySettings(new_per_day=10_000, bury_siblings=False)
study = Study(store, generate_cards(demo_atlas()), settings, now=now)
n = 0
while True:
    card = study.next_card()
    if card is None:
        t[0] += timedelta(days=1)
        continue
    study.answer(card.id, [3, 1, 4, 2][n % 4], duration_ms=900)
    notes.set_note(card.muscle_id, f"{sys.argv[2]}-{n}")
    n += 1
    print(card.id, card.muscle_id, f"{sys.argv[2]}-{n - 1}", flush=True)  # after both commits
    t[0] += timedelta(minutes=3)
"""


def test_kill_loop(tally: Tally, tmp_path: Path) -> None:
    rng = random.Random(9)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    committed: list[str] = []
    last_note: dict[str, str] = {}
    for round_ in range(KILLS):
        printed: list[str] = []
        with subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), str(round_ * 40)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        ) as child:
            assert child.stdout is not None
            wanted = rng.randrange(5, 60)
            deadline = time.monotonic() + 60
            while len(printed) < wanted and time.monotonic() < deadline:
                line = child.stdout.readline()
                if not line:
                    break
                printed.append(line.strip())
            child.send_signal(signal.SIGKILL)
            rest, errors = child.communicate(timeout=30)
        if time.monotonic() >= deadline:
            tally.hangs += 1
        printed += [line for line in rest.splitlines() if line.strip()]
        tally.inputs += 1
        assert len(printed) >= wanted, errors[-2000:]
        for line in printed:
            card_id, muscle_id, note = line.split()
            committed.append(card_id)
            last_note[muscle_id] = note
        # opening runs the full check on the file and its WAL (a DatabaseCorrupt here fails the test)
        store = ReviewStore.open(tmp_path, now=lambda: datetime.now(UTC), keep_backups=0)
        logged = [e.card_id for e in store.entries() if e.kind == "review"]
        store.close()
        with UserData(tmp_path / FILE_NAME, keep_backups=0) as notes:
            kept = {m: notes.note(m) for m in last_note}
        missing = len(committed) - sum(1 for a, b in zip(logged, committed, strict=False) if a == b)
        tally.answers_lost += max(0, missing)
        notes_lost = sum(1 for m, n in last_note.items() if _order(kept[m]) < _order(n))
        tally.answers_lost += notes_lost
        tally.opened_ok += 1
        if len(logged) > len(committed):  # one more answer committed just before the kill
            committed = logged[:]
    assert tally.answers_lost == 0
    assert tally.hangs == 0


def _order(note: str) -> tuple[int, int]:
    """Notes are written as "<round>-<n>": a later note may overwrite an earlier one, never older."""
    round_, _, n = note.partition("-")
    return (int(round_), int(n)) if round_.isdigit() and n.isdigit() else (-1, -1)
