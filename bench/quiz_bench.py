"""Next card + durable answer: studyapp's quiz core against Anki's own library, on the same history.

Both collections get `n_cards` cards in review state and `n_reviews` past reviews with identical
timing, built in bulk (one transaction per chunk). Then each system answers cards one by one:
"get the next card, answer Good, return once it is committed". The median of those round trips is
reported. Both use SQLite in WAL mode with synchronous=FULL, so each answer costs one fsync in both.

Anki is only needed here: `pip install anki` into the venv. Without it the Anki figures are NaN and
a message says why. Run: `python bench/quiz_bench.py [n_cards n_reviews]`.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fsrs import Rating, State

from studyapp.quiz.cards import Card, Template
from studyapp.quiz.clock import to_ms, utc_now
from studyapp.quiz.store import CardState, ReviewStore
from studyapp.quiz.study import Study, StudySettings

DAY_MS = 86_400_000
WARMUP = 5  # answers before timing starts: both systems build their day's queue on first use
TIMED = 500  # timed answers per system (about 8% of the cards are due, so plenty are left)
SIBLINGS = 10  # synthetic cards per "muscle" (sibling group), like the real atlas's templates


@dataclass(frozen=True, slots=True)
class History:
    """One synthetic collection, shared by both systems so they schedule the same workload."""

    now: datetime
    stability: list[float]  # days
    difficulty: list[float]
    last_review_ms: list[int]
    due_ms: list[int]
    reviews_per_card: list[int]
    span_ms: int


def make_history(n_cards: int, n_reviews: int, now: datetime, seed: int = 7) -> History:
    rng = random.Random(seed)
    now_ms = to_ms(now)
    stability, difficulty, last, due, per_card = [], [], [], [], []
    base, extra = divmod(n_reviews, n_cards)
    for i in range(n_cards):
        s = min(3000.0, rng.lognormvariate(math.log(40), 1.0))
        interval_ms = int(max(1.0, s) * DAY_MS)
        due_ms = now_ms + int(rng.uniform(-0.08, 0.92) * interval_ms)  # ~8% of cards are due today
        stability.append(s)
        difficulty.append(rng.uniform(2.0, 8.0))
        last.append(due_ms - interval_ms)
        due.append(due_ms)
        per_card.append(base + (1 if i < extra else 0))
    return History(now, stability, difficulty, last, due, per_card, span_ms=2 * 365 * DAY_MS)


def review_rows(history: History) -> Iterator[tuple[int, int, int]]:
    """(card index, review time ms, rating): review j of card i lands at a unique, ordered time."""
    n_cards = len(history.due_ms)
    total = sum(history.reviews_per_card)
    step = max(1, history.span_ms // max(1, total))
    start = min(history.last_review_ms) - history.span_ms
    rng = random.Random(11)
    slot = 0
    for j in range(max(history.reviews_per_card, default=0)):
        for i in range(n_cards):
            if j < history.reviews_per_card[i]:
                slot += 1
                yield i, start + slot * step, 1 if rng.random() < 0.1 else 3


# -- studyapp ---------------------------------------------------------------------------------------


def synthetic_cards(n_cards: int) -> list[Card]:
    cards = []
    for i in range(n_cards):
        muscle = f"m{i // SIBLINGS:06d}"
        cards.append(
            Card(
                f"{muscle}:t{i % SIBLINGS}",
                Template.ORIGIN,
                sibling_key=muscle,
                area="hip_thigh",
                prompt_args=(("muscle", f"m{i}"),),
                answer=f"Answer {i}",
                muscle_ids=(muscle,),
            )
        )
    return cards


def build_studyapp(folder: Path, history: History) -> StudyappRunner:
    n_cards = len(history.due_ms)
    cards = synthetic_cards(n_cards)
    store = ReviewStore.open(folder, now=utc_now, keep_backups=0)
    states = (
        CardState(
            cards[i].id,
            State.Review,
            None,
            history.stability[i],
            history.difficulty[i],
            datetime.fromtimestamp(history.due_ms[i] / 1000, UTC),
            datetime.fromtimestamp(history.last_review_ms[i] / 1000, UTC),
            reps=history.reviews_per_card[i],
        )
        for i in range(n_cards)
    )
    rows = (
        (t, cards[i].id, rating, 8000, int(State.Review), int(State.Review))
        for i, t, rating in review_rows(history)
    )
    store.import_history(states, rows)
    store.close()
    return StudyappRunner(folder, cards)


class StudyappRunner:
    """Reopened as the app would open it; `step()` is one next-card + committed answer."""

    def __init__(self, folder: Path, cards: list[Card]) -> None:
        self.store = ReviewStore.open(folder, now=utc_now, keep_backups=0)
        self.study = Study(
            self.store, cards, StudySettings(reviews_per_day=100_000, new_per_day=0), now=utc_now
        )

    def step(self) -> bool:
        card = self.study.next_card()
        if card is None:
            return False
        self.study.answer(card.id, Rating.Good, duration_ms=5000)
        return True

    def close(self) -> None:
        self.store.close()


# -- Anki -------------------------------------------------------------------------------------------


def build_anki(folder: Path, history: History) -> AnkiRunner:
    from anki.collection import AddNoteRequest, Collection

    n_cards = len(history.due_ms)
    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    col.set_config("fsrs", True)  # the same algorithm as studyapp
    deck_id = col.decks.id("Default")
    basic = col.models.by_name("Basic")
    db = col.db
    assert deck_id is not None and basic is not None and db is not None
    conf = col.decks.config_dict_for_deck_id(deck_id)
    conf["rev"]["perDay"] = 100_000
    conf["new"]["perDay"] = 0
    col.decks.update_config(conf)
    chunk = 20_000
    for start in range(0, n_cards, chunk):
        requests = []
        for i in range(start, min(n_cards, start + chunk)):
            note = col.new_note(basic)
            note["Front"] = f"Question {i}"
            note["Back"] = f"Answer {i}"
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
    card_ids = db.list("select id from cards order by id")
    today = col.sched.today
    now_ms = to_ms(history.now)
    updates = []
    for i, cid in enumerate(card_ids):
        due_day = today + math.floor((history.due_ms[i] - now_ms) / DAY_MS)
        ivl = max(1, round((history.due_ms[i] - history.last_review_ms[i]) / DAY_MS))
        data = json.dumps(
            {
                "s": round(history.stability[i], 4),
                "d": round(history.difficulty[i], 3),
                "dr": 0.9,
                "lrt": history.last_review_ms[i] // 1000,
            }
        )
        updates.append((due_day, ivl, history.reviews_per_card[i], data, cid))
    for start in range(0, len(updates), chunk):
        db.executemany(
            "update cards set type=2, queue=2, due=?, ivl=?, factor=2500, reps=?, data=? where id=?",
            updates[start : start + chunk],
        )
    batch: list[tuple[int, int, int, int, int]] = []
    for i, t, rating in review_rows(history):
        batch.append((t, card_ids[i], rating, 8000, 1))
        if len(batch) >= 100_000:
            db.executemany("insert into revlog values (?,?,-1,?,10,9,2500,?,?)", batch)
            batch = []
    if batch:
        db.executemany("insert into revlog values (?,?,-1,?,10,9,2500,?,?)", batch)
    col.close()

    return AnkiRunner(folder / "collection.anki2")


class AnkiRunner:
    """The same loop with Anki's v3 scheduler: get the queued card, answer Good (saved on return)."""

    def __init__(self, path: Path) -> None:
        from anki.collection import Collection  # first: anki.cards alone is a circular import

        # isort: split
        from anki.cards import Card as AnkiCard
        from anki.scheduler.v3 import CardAnswer, Scheduler

        self.col = Collection(str(path))
        assert isinstance(self.col.sched, Scheduler)
        self.sched = self.col.sched
        self.card_class = AnkiCard
        self.good = CardAnswer.GOOD

    def step(self) -> bool:
        queued = self.sched.get_queued_cards()
        if not queued.cards:
            return False
        top = queued.cards[0]
        card = self.card_class(self.col, backend_card=top.card)
        card.start_timer()
        self.sched.answer_card(self.sched.build_answer(card=card, states=top.states, rating=self.good))
        return True

    def close(self) -> None:
        self.col.close()


def timed_steps(runners: dict[str, StudyappRunner | AnkiRunner]) -> dict[str, list[float]]:
    """Alternate the systems answer by answer, so load from other programs hits both alike."""
    times: dict[str, list[float]] = {name: [] for name in runners}
    active = dict(runners)
    for n in range(WARMUP + TIMED):
        for name, runner in list(active.items()):
            t0 = time.perf_counter()
            if not runner.step():
                del active[name]
                continue
            if n >= WARMUP:
                times[name].append((time.perf_counter() - t0) * 1000)
    return times


def run(n_cards: int = 100_000, n_reviews: int = 1_000_000) -> dict[str, float]:
    """Median ms of next card + committed answer, for studyapp and for Anki, and their ratio."""
    history = make_history(n_cards, n_reviews, utc_now())
    with tempfile.TemporaryDirectory(prefix="quiz_bench_") as tmp:
        runners: dict[str, StudyappRunner | AnkiRunner] = {
            "quiz": build_studyapp(Path(tmp) / "studyapp", history)
        }
        try:
            import anki  # noqa: F401  (lazy: only the benchmark needs it)
        except ImportError:
            print("Anki is not installed (pip install anki): its figures are NaN.", file=sys.stderr)
        else:
            runners["anki"] = build_anki(Path(tmp) / "anki", history)
        try:
            times = timed_steps(runners)
        finally:
            for runner in runners.values():
                runner.close()
    ours, theirs = times["quiz"], times.get("anki", [])
    quiz_ms = statistics.median(ours) if ours else math.nan
    anki_ms = statistics.median(theirs) if theirs else math.nan
    return {
        "quiz_next_answer_ms": quiz_ms,
        "anki_next_answer_ms": anki_ms,
        "quiz_vs_anki_ratio": quiz_ms / anki_ms if theirs else math.nan,
    }


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:3]]
    started = time.perf_counter()
    print(json.dumps(run(*sizes), indent=2))
    print(f"({time.perf_counter() - started:.0f} s in all)", file=sys.stderr)
