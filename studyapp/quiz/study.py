"""The study queue: which card comes next, answering it durably, and undo.

Order within a day: learning cards that are due, then reviews due (oldest first), then new cards in
deck order, then learning cards due within `learn_ahead` (so a session can finish). Limits per day
count first answers of new cards and answers of review cards; learning steps are never limited.
Siblings (cards of the same muscle, or of the same pain region) are buried for the rest of the day
once one of them is answered, so one card cannot give away another's answer.

With an exam date, the schedule is bent toward the exam: reviews due after the exam are brought
forward into the week before it (spread by card id), and intervals computed before the exam are
capped to end the day before it.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from fsrs import Rating, Scheduler, State

from studyapp.quiz.cards import Card
from studyapp.quiz.clock import Clock, from_ms, local_zone, to_ms
from studyapp.quiz.review_preview import Outcome, ReviewPreview
from studyapp.quiz.store import CardState, ReviewStore

DAY = timedelta(days=1)
RATINGS = tuple(Rating)  # the four grade buttons, in order


@dataclass(frozen=True, slots=True)
class StudySettings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    desired_retention: float = 0.9
    maximum_interval_days: int = 36500
    leech_threshold: int = 8  # lapses (forgotten after learning) before a card is tagged a leech
    bury_siblings: bool = True
    exam_date: date | None = None
    exam_lead_days: int = 7  # reviews due after the exam are spread over this many days before it
    day_starts_at_hour: int = 4  # a late-night session still counts as "today"
    timezone: tzinfo = field(default_factory=local_zone)  # the student's zone, for where days begin
    learn_ahead: timedelta = timedelta(minutes=20)
    fuzz: bool = True  # fsrs interval fuzz spreads cards learned together; tests turn it off

    def scheduler(self) -> Scheduler:
        return Scheduler(
            desired_retention=self.desired_retention,
            learning_steps=self.learning_steps,
            relearning_steps=self.relearning_steps,
            maximum_interval=self.maximum_interval_days,
            enable_fuzzing=self.fuzz,
        )


class Idle(StrEnum):
    """Why there is no card to show now."""

    EMPTY_DECK = "empty_deck"  # the deck holds no cards (e.g. no favourites yet)
    LEARNING_LATER = "learning_later"  # a card in learning comes back later today (see next_due)
    LIMIT_REACHED = "limit_reached"  # today's new-card or review limit is used up; more cards wait
    SIBLINGS_TOMORROW = "siblings_tomorrow"  # what is left belongs to muscles already studied today
    DONE = "done"  # everything due today is done


@dataclass(frozen=True, slots=True)
class QueueCounts:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True, slots=True)
class Answered:
    card_id: str
    review_id: int
    before: CardState | None
    after: CardState
    became_leech: bool


@dataclass(frozen=True, slots=True)
class _Preview:
    """The states `preview` computed for one card, kept for the answer that follows."""

    card_id: str
    before: CardState | None
    when: datetime
    states: dict[Rating, CardState]


@dataclass(slots=True)
class _Day:
    """The queues of one study day, built once and then updated in memory after each answer."""

    start: datetime
    end: datetime
    reviews: list[tuple[int, str]]  # (effective due ms, card id), sorted
    new: list[str]
    learning: list[tuple[int, str]]  # heap of (due ms, card id); stale entries skipped
    learning_due: dict[str, int]  # authoritative learning due times
    new_done: int
    reviews_done: int
    states: dict[str, CardState] = field(default_factory=dict)  # states read or written today
    unseen: set[str] = field(default_factory=set)  # deck cards never answered
    answered: set[str] = field(default_factory=set)  # answered today (leave the review/new queues)
    buried: set[str] = field(default_factory=set)  # sibling keys answered today
    review_pos: int = 0
    new_pos: int = 0
    # Kept in step with every answer, so `counts()` costs the same with 10 or 100,000 cards due.
    review_ids: set[str] = field(default_factory=set)
    new_ids: set[str] = field(default_factory=set)
    siblings: dict[str, list[str]] = field(default_factory=dict)  # queued cards by sibling key
    closed: set[str] = field(default_factory=set)  # queued cards answered or buried today
    reviews_open: int = 0
    new_open: int = 0
    learning_today: int = 0  # learning cards due before the day ends


class Study:
    """Scheduling over a deck of cards. The UI asks for `next_card`, then calls `answer`."""

    def __init__(
        self, store: ReviewStore, cards: Sequence[Card], settings: StudySettings | None = None, *, now: Clock
    ) -> None:
        self.store = store
        self.settings = settings or StudySettings()
        self.now = now
        self.fsrs = self.settings.scheduler()
        self._review_preview = ReviewPreview(self.fsrs)
        self._undo_stack: list[int] = []
        self._show_first: str | None = None
        self._day: _Day | None = None
        self._previewed: _Preview | None = None
        self.set_deck(cards)

    # --- deck and days ----------------------------------------------------------------------------

    def set_deck(self, cards: Sequence[Card]) -> None:
        self.cards = list(cards)
        self.by_id = {c.id: c for c in self.cards}
        self._day = None

    def set_settings(self, settings: StudySettings) -> None:
        self.settings = settings
        self.fsrs = settings.scheduler()
        self._review_preview = ReviewPreview(self.fsrs)
        self._day = None
        self._previewed = None

    def study_day(self, when: datetime) -> date:
        """The student's own date of the study day holding `when` (a night session counts as "today")."""
        local = when.astimezone(self.settings.timezone)
        day = local.date()
        return day - DAY if local.time() < time(self.settings.day_starts_at_hour) else day

    def start_of(self, day: date) -> datetime:
        """When a study day begins, in UTC: the chosen hour on the student's clock, whatever the
        offset that day (a day across a daylight-saving change lasts 23 or 25 hours)."""
        local = datetime.combine(day, time(self.settings.day_starts_at_hour), self.settings.timezone)
        return local.astimezone(UTC)

    def day_start(self, when: datetime) -> datetime:
        return self.start_of(self.study_day(when))

    def day_end(self, when: datetime) -> datetime:
        return self.start_of(self.study_day(when) + DAY)

    def exam_start(self) -> datetime | None:
        exam = self.settings.exam_date
        return None if exam is None else self.start_of(exam)

    def _effective_due_ms(self, card_id: str, due_ms: int, exam_ms: int | None) -> int:
        """A review due after the exam is pulled to one of the `exam_lead_days` days before it."""
        if exam_ms is None or due_ms < exam_ms:
            return due_ms
        lead = 1 + zlib.crc32(card_id.encode()) % max(1, self.settings.exam_lead_days)
        return exam_ms - lead * int(DAY.total_seconds() * 1000)

    def _today(self, now: datetime | None = None) -> _Day:
        """Today's queues (built on the first call of a study day); `now`: the clock already read."""
        now = self.now() if now is None else now
        if self._day is not None and self._day.start <= now < self._day.end:
            return self._day  # the hot path: no time-zone arithmetic per card
        start = self.day_start(now)
        end = self.day_end(now)
        end_ms = to_ms(end)
        exam = self.exam_start()
        exam_ms = to_ms(exam) if exam is not None and exam > now else None
        in_deck = self.by_id
        rows = self.store.due_between(State.Review, None, end_ms)
        if exam_ms is not None:
            lead_ms = (self.settings.exam_lead_days + 1) * int(DAY.total_seconds() * 1000)
            rows += self.store.due_between(State.Review, max(end_ms, exam_ms - lead_ms), 2**62)
        reviews = []
        states: dict[str, CardState] = {}
        for row in rows:
            if row.card_id in in_deck:
                effective = self._effective_due_ms(row.card_id, to_ms(row.due), exam_ms)
                if effective < end_ms:
                    reviews.append((effective, row.card_id))
                    states[row.card_id] = row
        reviews.sort()
        learning_rows = [row for row in self.store.learning() if row.card_id in in_deck]
        states.update((row.card_id, row) for row in learning_rows)
        learning_due = {row.card_id: to_ms(row.due) for row in learning_rows}
        learning = [(due, cid) for cid, due in learning_due.items()]
        heapq.heapify(learning)
        seen = self.store.seen_ids()
        new = [c.id for c in self.cards if c.id not in seen]
        day = _Day(start, end, reviews, new, learning, learning_due, 0, 0, states=states, unseen=set(new))
        for cid, _t, _rating, state_before in self.store.effective_reviews(to_ms(start)):
            day.answered.add(cid)
            card = in_deck.get(cid)
            if card is not None:
                day.buried.add(card.sibling_key)
            if state_before == 0:
                day.new_done += 1
            elif state_before == State.Review:
                day.reviews_done += 1
        self._start_counts(day)
        self._day = day
        return day

    def _start_counts(self, day: _Day) -> None:
        """The open counts of a freshly built day (the one full pass; answers then update them)."""
        day.review_ids = {cid for _, cid in day.reviews}
        day.new_ids = set(day.new)
        for cid in (*day.review_ids, *day.new):
            day.siblings.setdefault(self.by_id[cid].sibling_key, []).append(cid)
            if cid in day.answered or self._is_buried(day, cid):
                day.closed.add(cid)
        day.reviews_open = len(day.review_ids - day.closed)
        day.new_open = len(day.new_ids - day.closed)
        end_ms = to_ms(day.end)
        day.learning_today = sum(1 for due in day.learning_due.values() if due < end_ms)

    def _close(self, day: _Day, card: Card) -> None:
        """`card` was answered (and its siblings buried, when burying): they leave the open counts."""
        group = [card.id]
        if self.settings.bury_siblings and card.sibling_key not in day.buried:
            group += day.siblings.get(card.sibling_key, [])
        for cid in group:
            if cid in day.closed:
                continue
            if cid in day.review_ids:
                day.reviews_open -= 1
                day.closed.add(cid)
            elif cid in day.new_ids:
                day.new_open -= 1
                day.closed.add(cid)

    # --- choosing the next card -------------------------------------------------------------------

    def _is_buried(self, day: _Day, card_id: str) -> bool:
        return self.settings.bury_siblings and self.by_id[card_id].sibling_key in day.buried

    def _learning_head(self, day: _Day) -> tuple[int, str] | None:
        while day.learning:
            due, cid = day.learning[0]
            if day.learning_due.get(cid) == due:
                return due, cid
            heapq.heappop(day.learning)  # stale: answered since, or rescheduled
        return None

    def _next_review(self, day: _Day) -> str | None:
        if day.reviews_done >= self.settings.reviews_per_day:
            return None
        while day.review_pos < len(day.reviews):
            cid = day.reviews[day.review_pos][1]
            if cid not in day.answered and not self._is_buried(day, cid):
                return cid
            day.review_pos += 1
        return None

    def _next_new(self, day: _Day) -> str | None:
        if day.new_done >= self.settings.new_per_day:
            return None
        while day.new_pos < len(day.new):
            cid = day.new[day.new_pos]
            if cid not in day.answered and not self._is_buried(day, cid):
                return cid
            day.new_pos += 1
        return None

    def next_card(self) -> Card | None:
        """The card to show now, or None when nothing is due (come back later or tomorrow)."""
        now = self.now()
        day = self._today(now)
        if self._show_first is not None:
            shown, self._show_first = self._show_first, None
            if shown in self.by_id:
                return self.by_id[shown]
        now_ms = to_ms(now)
        head = self._learning_head(day)
        if head is not None and head[0] <= now_ms:
            return self.by_id[head[1]]
        cid = self._next_review(day) or self._next_new(day)
        if cid is not None:
            return self.by_id[cid]
        if head is not None and head[0] <= now_ms + self.settings.learn_ahead.total_seconds() * 1000:
            return self.by_id[head[1]]
        return None

    def counts(self) -> QueueCounts:
        """Cards left today: new (up to the limit), learning due today, reviews (up to the limit)."""
        day = self._today()
        return QueueCounts(
            new=min(day.new_open, max(0, self.settings.new_per_day - day.new_done)),
            learning=day.learning_today,
            review=min(day.reviews_open, max(0, self.settings.reviews_per_day - day.reviews_done)),
        )

    def next_due(self) -> datetime | None:
        """When the next learning card becomes due today, for "come back in 8 minutes"."""
        head = self._learning_head(self._today())
        return from_ms(head[0]) if head else None

    def idle_reason(self) -> Idle:
        """Why `next_card` has nothing to show, so the screen can say the right thing."""
        if not self.cards:
            return Idle.EMPTY_DECK
        day = self._today()
        if self._learning_head(day) is not None:
            return Idle.LEARNING_LATER
        # whole queues: the positions skip buried cards, which are waiting too
        new_waiting = any(cid not in day.answered for cid in day.new)
        reviews_waiting = any(cid not in day.answered for _, cid in day.reviews)
        if (new_waiting and day.new_done >= self.settings.new_per_day) or (
            reviews_waiting and day.reviews_done >= self.settings.reviews_per_day
        ):
            return Idle.LIMIT_REACHED
        if new_waiting or reviews_waiting:
            return Idle.SIBLINGS_TOMORROW  # only cards of muscles already studied today are left
        return Idle.DONE

    # --- answering --------------------------------------------------------------------------------

    def state(self, card_id: str) -> CardState | None:
        """The card's scheduling state (None: never answered), from today's queues when they hold it."""
        return self._current(self._today(), card_id)

    def _current(self, day: _Day, card_id: str) -> CardState | None:
        """The card's state, from today's queues when they hold it (one query less per answer).

        Valid because this `Study` is the only writer while it is in use; `undo` and a new day
        reload everything from the database.
        """
        if card_id in day.states:
            return day.states[card_id]
        if card_id in day.unseen:
            return None
        return self.store.state(card_id)

    def _schedule(self, before: CardState | None, card_id: str, rating: Rating, when: datetime) -> CardState:
        return self._schedule_each(before, card_id, (rating,), when)[rating]

    def _schedule_each(
        self, before: CardState | None, card_id: str, ratings: Sequence[Rating], when: datetime
    ) -> dict[Rating, CardState]:
        """The state after each of `ratings` (the grade buttons ask for all four at once)."""
        current = before or CardState.new(card_id, when)
        exam = self.exam_start()
        outcomes = self._outcomes(current, ratings, when)
        states = {}
        for rating, (state, step, stability, difficulty, due) in outcomes.items():
            lapses = current.lapses + (1 if current.state == State.Review and rating == Rating.Again else 0)
            leech = current.leech or lapses >= self.settings.leech_threshold
            after = CardState(
                card_id, state, step, stability, difficulty, due, when, current.reps + 1, lapses, leech
            )
            states[rating] = after if exam is None else self._cap_for_exam(after, when, exam)
        return states

    def _outcomes(
        self, current: CardState, ratings: Sequence[Rating], when: datetime
    ) -> dict[Rating, Outcome]:
        """fsrs's result for each rating: all four in one pass for a reviewed card (the common case)."""
        if (
            current.state == State.Review
            and current.stability is not None
            and current.difficulty is not None
            and current.last_review is not None
        ):
            return self._review_preview.outcomes(
                current.step, current.stability, current.difficulty, current.last_review, when, ratings
            )
        start = current.to_fsrs()  # fsrs copies it, so one serves every rating
        out: dict[Rating, Outcome] = {}
        for rating in ratings:
            card, _log = self.fsrs.review_card(start, rating, when)
            if card.stability is None or card.difficulty is None:  # pragma: no cover - fsrs always sets them
                raise ValueError(f"fsrs left card {current.card_id} without a stability or difficulty")
            out[rating] = (card.state, card.step, card.stability, card.difficulty, card.due)
        return out

    def _cap_for_exam(self, after: CardState, when: datetime, exam: datetime | None) -> CardState:
        if exam is not None and when < exam - DAY and after.state == State.Review and after.due > exam - DAY:
            return replace(after, due=exam - DAY)
        return after

    def preview(self, card_id: str) -> dict[Rating, datetime]:
        """When the card would next be due for each rating (for the grade buttons).

        The answer that follows applies the previewed state of the chosen rating (moved on by the
        time taken to answer), so the interval on the button is the one the card gets.
        """
        when = self.now()
        before = self._current(self._today(when), card_id)
        states = self._schedule_each(before, card_id, RATINGS, when)
        self._previewed = _Preview(card_id, before, when, states)
        return {r: after.due for r, after in states.items()}

    def _from_preview(
        self, card_id: str, before: CardState | None, rating: Rating, when: datetime
    ) -> CardState:
        """The previewed state for `rating` as of `when`, or a fresh schedule if none applies.

        fsrs counts whole days since the last review, so moving a previewed state on by the few
        seconds the student took gives exactly the state a fresh schedule would, fuzz aside (the
        button's interval is kept instead of drawing a new one).
        """
        shown, self._previewed = self._previewed, None
        if shown is None or shown.card_id != card_id or shown.before != before or when < shown.when:
            return self._schedule(before, card_id, rating, when)
        last = before.last_review if before is not None else None
        if last is not None and (when - last).days != (shown.when - last).days:
            return self._schedule(before, card_id, rating, when)
        a = shown.states[rating]
        after = CardState(
            card_id, a.state, a.step, a.stability, a.difficulty, a.due + (when - shown.when), when,
            a.reps, a.lapses, a.leech,
        )  # fmt: skip
        return self._cap_for_exam(after, when, self.exam_start())

    def answer(
        self, card_id: str, rating: Rating | int, *, duration_ms: int | None = None, mode: str = "show"
    ) -> Answered:
        """Schedule and save the answer; when this returns the review is committed to disk."""
        rating = Rating(int(rating))
        when = self.now()
        day = self._today(when)
        before = self._current(day, card_id)
        after = self._from_preview(card_id, before, rating, when)
        review_id = self.store.record_answer(before, after, int(rating), when, duration_ms, mode)
        day.states[card_id] = after
        day.unseen.discard(card_id)
        self._undo_stack.append(review_id)
        if self._show_first == card_id:
            self._show_first = None
        # keep today's queues in step without re-reading the database
        card = self.by_id.get(card_id)
        if card is not None:
            self._close(day, card)
            day.answered.add(card_id)
            day.buried.add(card.sibling_key)
        if before is None:
            day.new_done += 1
        elif before.state == State.Review:
            day.reviews_done += 1
        end_ms = to_ms(day.end)
        if day.learning_due.pop(card_id, end_ms) < end_ms:
            day.learning_today -= 1
        if after.state in (State.Learning, State.Relearning) and card is not None:
            due_ms = to_ms(after.due)
            day.learning_due[card_id] = due_ms
            day.learning_today += due_ms < end_ms
            heapq.heappush(day.learning, (due_ms, card_id))
        return Answered(card_id, review_id, before, after, after.leech and not (before and before.leech))

    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo(self) -> Card | None:
        """Cancel this session's last answer; the card is shown again next. None if nothing to undo."""
        if not self._undo_stack:
            return None
        review_id = self._undo_stack.pop()
        entry = self.store.undo(review_id, self.now())
        self._previewed = None
        self._day = None  # rebuilt from the database on the next call: simplest correct state
        self._show_first = entry.card_id
        return self.by_id.get(entry.card_id)

    def leeches(self) -> list[str]:
        return [cid for cid in self.store.leeches() if cid in self.by_id]
