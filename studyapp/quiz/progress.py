"""Progress a student can see, all derived from the review log and the card states.

The UI draws these numbers; nothing here knows about widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from fsrs import Rating, State

from studyapp.quiz.cards import Card
from studyapp.quiz.clock import from_ms, to_ms
from studyapp.quiz.store import CardState
from studyapp.quiz.study import DAY, Study


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
