"""Progress a student can see, all derived from the review log and the card states.

The UI draws these numbers; nothing here knows about widgets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from fsrs import Rating, State

from studyapp.quiz.cards import Card
from studyapp.quiz.clock import from_ms, to_ms
from studyapp.quiz.store import CardState
from studyapp.quiz.study import DAY, Answered, Study


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class ProgressReport:
    reviews_per_day: tuple[DayCount, ...]  # oldest first, ending today
    retention: float | None  # share of review answers not "Again" (None: no reviews yet)
    retention_reviews: int
    upcoming: tuple[DayCount, ...]  # due per day from today (today includes overdue)
    mastery: dict[str, float]  # muscle id -> 0..1
    studied: frozenset[str]  # muscles with at least one card seen: 0% there means forgotten, not new
    cards_total: int
    cards_seen: int
    reviews_total: int
    leeches: tuple[str, ...]


def _of_one_muscle(card: Card) -> bool:
    """Pain-region cards belong to no single muscle, so they count towards no muscle's mastery."""
    return card.sibling_key == card.muscle_id


class Progress:
    def __init__(self, study: Study) -> None:
        self.study = study

    def _local_day(self, when: datetime) -> date:
        return self.study.study_day(when)

    def reviews_per_day(self, days: int = 30) -> tuple[DayCount, ...]:
        """Answers per study day, counted on the student's calendar (DST days included)."""
        today = self.study.study_day(self.study.now())
        first = today - (days - 1) * DAY
        counts = Counter(
            self._local_day(from_ms(t))
            for _c, t, _r, _s in self.study.store.effective_reviews(to_ms(self.study.start_of(first)))
        )
        return tuple(DayCount(d, counts.get(d, 0)) for d in (first + i * DAY for i in range(days)))

    def retention(self, days: int = 30) -> tuple[float | None, int]:
        """(retention, number of review answers) over the last `days` days, mature reviews only."""
        since = self.study.start_of(self.study.study_day(self.study.now()) - (days - 1) * DAY)
        ratings = [
            r for _c, _t, r, s in self.study.store.effective_reviews(to_ms(since)) if s == State.Review
        ]
        if not ratings:
            return None, 0
        return sum(1 for r in ratings if r != Rating.Again) / len(ratings), len(ratings)

    def upcoming(self, days: int = 30, states: dict[str, CardState] | None = None) -> tuple[DayCount, ...]:
        today = self.study.study_day(self.study.now())
        states = states if states is not None else self.study.store.states(self.study.by_id)
        buckets = Counter(max(0, (self._local_day(s.due) - today).days) for s in states.values())
        return tuple(DayCount(today + i * DAY, buckets.get(i, 0)) for i in range(days))

    def mastery_by_muscle(self, states: dict[str, CardState] | None = None) -> dict[str, float]:
        """Per muscle, the mean predicted recall (fsrs retrievability) of its cards; unseen cards count 0.

        This is what the body chart paints: 1.0 means every card of the muscle is well remembered.
        """
        now = self.study.now()
        states = states if states is not None else self.study.store.states(self.study.by_id)
        totals: dict[str, list[float]] = {}
        for card in self.study.cards:
            if not _of_one_muscle(card):
                continue
            state = states.get(card.id)
            recall = self.study.fsrs.get_card_retrievability(state.to_fsrs(), now) if state else 0.0
            totals.setdefault(card.muscle_id, []).append(float(recall))
        return {mid: sum(v) / len(v) for mid, v in totals.items()}

    def studied_muscles(self, states: dict[str, CardState] | None = None) -> frozenset[str]:
        states = states if states is not None else self.study.store.states(self.study.by_id)
        by_id = self.study.by_id
        return frozenset(
            by_id[cid].muscle_id for cid in states if cid in by_id and _of_one_muscle(by_id[cid])
        )

    def report(self, days: int = 30) -> ProgressReport:
        states = self.study.store.states(self.study.by_id)
        retention, n = self.retention(days)
        return ProgressReport(
            reviews_per_day=self.reviews_per_day(days),
            retention=retention,
            retention_reviews=n,
            upcoming=self.upcoming(days, states),
            mastery=self.mastery_by_muscle(states),
            studied=self.studied_muscles(states),
            cards_total=len(self.study.cards),
            cards_seen=len(states),
            reviews_total=self.study.store.review_count(),
            leeches=tuple(self.study.leeches()),
        )


class ProgressTracker:
    """The progress report kept up to date answer by answer.

    Built once from the database (on the first `report()`), then each answer changes only what it
    touched: its card's state and due day, its muscle's mastery, today's count and the retention
    tally. An undo, a settings change or a new day rebuilds it from the database (`invalidate`).
    `cards` is the whole atlas's cards, whatever deck the quiz is on.
    """

    def __init__(self, study: Study, cards: Sequence[Card], days: int = 30) -> None:
        self.study = study
        self.cards = list(cards)
        self.by_id = {c.id: c for c in self.cards}
        self.days = days
        self._of_muscle: dict[str, list[str]] = {}
        for card in self.cards:
            if _of_one_muscle(card):
                self._of_muscle.setdefault(card.muscle_id, []).append(card.id)
        self._built_for: date | None = None
        self._states: dict[str, CardState] = {}
        self._per_day: Counter[date] = Counter()
        self._due: Counter[int] = Counter()
        self._retained = self._rated = 0
        self._mastery: dict[str, float] = {}
        self._studied: set[str] = set()
        self._reviews_total = 0
        self._leeches: list[str] = []

    def invalidate(self) -> None:
        self._built_for = None

    def _today(self) -> date:
        return self.study.study_day(self.study.now())

    def _bucket(self, state: CardState, today: date) -> int:
        return max(0, (self.study.study_day(state.due) - today).days)

    def _build(self, today: date) -> None:
        study = self.study
        self._states = study.store.states(self.by_id)
        since = to_ms(study.start_of(today - (self.days - 1) * DAY))
        reviews = list(study.store.effective_reviews(since))
        self._per_day = Counter(study.study_day(from_ms(t)) for _c, t, _r, _s in reviews)
        ratings = [r for _c, _t, r, s in reviews if s == State.Review]
        self._rated, self._retained = len(ratings), sum(1 for r in ratings if r != Rating.Again)
        self._due = Counter(self._bucket(s, today) for s in self._states.values())
        self._mastery = {muscle: self._muscle_mastery(muscle) for muscle in self._of_muscle}
        self._studied = {self.by_id[cid].muscle_id for cid in self._states if _of_one_muscle(self.by_id[cid])}
        self._reviews_total = study.store.review_count()
        self._leeches = [cid for cid in study.store.leeches() if cid in self.by_id]
        self._built_for = today

    def _muscle_mastery(self, muscle_id: str) -> float:
        now = self.study.now()
        recall = [
            float(self.study.fsrs.get_card_retrievability(state.to_fsrs(), now))
            if (state := self._states.get(cid))
            else 0.0
            for cid in self._of_muscle[muscle_id]
        ]
        return sum(recall) / len(recall)

    def apply(self, answered: Answered, rating: Rating) -> None:
        """Take in one committed answer (cheap: no database read)."""
        today = self._today()
        if self._built_for != today:
            self._built_for = None  # a new day (or never built): the next report reads everything
            return
        card = self.by_id.get(answered.card_id)
        if card is None:
            return
        before = answered.before
        if before is not None:
            self._due[self._bucket(before, today)] -= 1
        self._due[self._bucket(answered.after, today)] += 1
        self._states[card.id] = answered.after
        self._per_day[today] += 1
        if before is not None and before.state == State.Review:
            self._rated += 1
            self._retained += rating != Rating.Again
        if _of_one_muscle(card):
            self._studied.add(card.muscle_id)
            self._mastery[card.muscle_id] = self._muscle_mastery(card.muscle_id)
        self._reviews_total += 1
        if answered.became_leech:
            self._leeches.append(card.id)

    def report(self) -> ProgressReport:
        today = self._today()
        if self._built_for != today:
            self._build(today)
        first = today - (self.days - 1) * DAY
        return ProgressReport(
            reviews_per_day=tuple(
                DayCount(d, self._per_day.get(d, 0)) for d in (first + i * DAY for i in range(self.days))
            ),
            retention=self._retained / self._rated if self._rated else None,
            retention_reviews=self._rated,
            upcoming=tuple(DayCount(today + i * DAY, self._due.get(i, 0)) for i in range(self.days)),
            mastery=dict(self._mastery),
            studied=frozenset(self._studied),
            cards_total=len(self.cards),
            cards_seen=len(self._states),
            reviews_total=self._reviews_total,
            leeches=tuple(self._leeches),
        )
