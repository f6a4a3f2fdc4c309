"""Scheduling: order, daily limits, learning steps, sibling burying, leeches, undo, exam date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fsrs import Rating, State

from studyapp.quiz.cards import Card, generate_cards
from studyapp.quiz.demo import demo_atlas
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Idle, Study, StudySettings
from tests.helpers.clock import START, Clock

CARDS = generate_cards(demo_atlas())
QUIET = StudySettings(fuzz=False, bury_siblings=False)


def make(store: ReviewStore, clock: Clock, cards: list[Card] = CARDS, **settings: Any) -> Study:
    return Study(store, cards, replace(QUIET, **settings), now=clock)


def due(study: Study, card_id: str) -> datetime:
    state = study.state(card_id)
    assert state is not None
    return state.due


def test_new_cards_come_in_deck_order_up_to_the_daily_limit(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, new_per_day=3)
    assert study.counts().new == 3
    shown = []
    while (card := study.next_card()) is not None:
        shown.append(card.id)
        study.answer(card.id, Rating.Easy)  # straight to review: no learning steps today
    assert shown == [c.id for c in CARDS[:3]]
    assert study.counts().total == 0
    clock.advance(days=1)
    assert study.next_card() == CARDS[3]
    assert study.counts().new == 3


def test_learning_steps_bring_a_card_back_after_a_minute(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock)
    first = study.next_card()
    assert first is not None
    after = study.answer(first.id, Rating.Again).after
    assert after.state == State.Learning and after.due == START + timedelta(minutes=1)
    assert study.counts().learning == 1
    assert study.next_card() != first  # not yet due: a new card comes first
    clock.advance(minutes=1)
    assert study.next_card() == first  # a due learning card comes before new cards
    study.answer(first.id, Rating.Good)
    clock.advance(minutes=10)
    assert study.next_card() == first
    graduated = study.answer(first.id, Rating.Good).after
    assert graduated.state == State.Review and graduated.due >= clock() + timedelta(days=1)


def test_learning_cards_are_shown_early_when_nothing_else_is_left(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, cards=CARDS[:1])
    study.answer(CARDS[0].id, Rating.Good)  # next step in 10 minutes
    assert study.next_card() == CARDS[0]  # within the 20-minute learn-ahead window
    study = make(store, clock, cards=CARDS[:1], learn_ahead=timedelta(minutes=5))
    assert study.next_card() is None
    assert study.next_due() == START + timedelta(minutes=10)


def test_reviews_come_oldest_first_and_respect_the_review_limit(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, new_per_day=100, reviews_per_day=2)
    order = []
    for card in CARDS[:4]:
        study.answer(card.id, Rating.Easy)
        order.append((due(study, card.id), card.id))
        clock.advance(days=1)
    clock.advance(days=60)  # all four are overdue now
    study = make(store, clock, new_per_day=0, reviews_per_day=2)
    assert study.counts().review == 2
    shown = []
    while (due_card := study.next_card()) is not None:
        shown.append(due_card.id)
        study.answer(due_card.id, Rating.Good)
    assert shown == [cid for _, cid in sorted(order)][:2]


def test_answering_a_card_buries_its_siblings_until_tomorrow(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, bury_siblings=True)
    first = study.next_card()
    assert first is not None and first.sibling_key == "sternocleidomastoid"
    study.answer(first.id, Rating.Easy)
    seen_today = set()
    while (card := study.next_card()) is not None:
        seen_today.add(card.sibling_key)
        assert card.sibling_key != "sternocleidomastoid"
        study.answer(card.id, Rating.Easy)
    clock.advance(days=1)
    later = study.next_card()
    assert later is not None and later.id == "sternocleidomastoid:origin"
    # without burying, the sibling comes straight after
    other = make(store, clock, bury_siblings=False)
    assert other.next_card() == later


def test_leech_is_tagged_after_repeated_lapses(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, leech_threshold=3)
    card = CARDS[0]
    study.answer(card.id, Rating.Easy)
    became = []
    for _ in range(3):
        clock.t = due(study, card.id)
        result = study.answer(card.id, Rating.Again)  # a lapse
        became.append(result.became_leech)
        clock.advance(minutes=10)
        study.answer(card.id, Rating.Good)  # relearned
    assert became == [False, False, True]
    state = study.state(card.id)
    assert state is not None and state.lapses == 3 and state.leech
    assert study.leeches() == [card.id]


def test_undo_restores_the_state_and_appends_a_compensating_entry(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock)
    first = study.next_card()
    assert first is not None
    counts_before = study.counts()
    study.answer(first.id, Rating.Again, duration_ms=1500)
    assert study.state(first.id) is not None
    clock.advance(seconds=5)
    assert study.undo() == first
    assert study.state(first.id) is None  # new again
    assert study.counts() == counts_before
    assert study.next_card() == first
    entries = store.entries()
    assert [(e.kind, e.card_id) for e in entries] == [("review", first.id), ("undo", first.id)]
    assert entries[1].undoes == entries[0].id and entries[0].duration_ms == 1500
    assert store.review_count() == 0  # statistics see no review
    assert study.undo() is None  # only this session's answers can be undone, once each


def test_undo_of_a_review_restores_the_exact_previous_schedule(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock)
    card = CARDS[0]
    study.answer(card.id, Rating.Easy)
    reviewed = study.state(card.id)
    assert reviewed is not None
    clock.t = reviewed.due
    study = make(store, clock)  # a later session
    study.answer(card.id, Rating.Again)
    assert study.state(card.id) != reviewed
    study.undo()
    assert study.state(card.id) == reviewed
    assert study.next_card() == card


def test_an_exam_date_brings_later_reviews_forward(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock)
    card = CARDS[0]
    for _ in range(3):  # build a long interval
        study.answer(card.id, Rating.Easy)
        clock.t = due(study, card.id)
    state = study.state(card.id)
    assert state is not None and state.last_review is not None
    due_before = state.due
    clock.t = state.last_review + timedelta(days=5)
    exam = (clock.t + timedelta(days=10)).date()
    assert due_before.date() > exam
    plain = make(store, clock, new_per_day=0)
    timed = make(store, clock, new_per_day=0, exam_date=exam)
    shown_on = None
    for day in range(10):
        if timed.next_card() == card:
            shown_on = day
            break
        assert plain.next_card() is None
        clock.advance(days=1)
    assert shown_on is not None and 3 <= shown_on <= 9  # within the week before the exam
    answered = timed.answer(card.id, Rating.Easy).after
    assert answered.due.date() <= exam - timedelta(days=1)  # not scheduled past the exam


def test_a_day_starts_at_four_in_the_morning(store: ReviewStore, clock: Clock) -> None:
    clock.t = datetime(2025, 3, 3, 23, 0, tzinfo=UTC)
    study = make(store, clock, new_per_day=2)
    study.answer(CARDS[0].id, Rating.Easy)
    clock.t = datetime(2025, 3, 4, 2, 0, tzinfo=UTC)  # still "Monday" for a student up late
    assert study.counts().new == 1
    clock.t = datetime(2025, 3, 4, 4, 0, tzinfo=UTC)
    assert study.counts().new == 2


def test_limits_survive_a_restart(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock, new_per_day=2)
    study.answer(CARDS[0].id, Rating.Easy)
    restarted = make(store, clock, new_per_day=2)
    assert restarted.counts().new == 1


def test_preview_shows_later_dates_for_better_ratings(store: ReviewStore, clock: Clock) -> None:
    study = make(store, clock)
    preview = study.preview(CARDS[0].id)
    assert preview[Rating.Again] < preview[Rating.Hard] < preview[Rating.Good] < preview[Rating.Easy]
    assert store.entries() == []  # previewing changes nothing


def test_deck_limits_the_cards_studied(store: ReviewStore, clock: Clock) -> None:
    hip = [c for c in CARDS if c.area == "hip_thigh"]
    study = make(store, clock, cards=hip, new_per_day=5)
    assert all(study.next_card() in hip for _ in range(3))
    assert date(2025, 3, 3) == study.day_start(clock()).date()


def test_an_idle_queue_says_why(store: ReviewStore, clock: Clock) -> None:
    """An empty favourites deck must not say "well done, nothing more is due today"."""
    assert make(store, clock, cards=[]).idle_reason() is Idle.EMPTY_DECK
    one_muscle = [c for c in CARDS if c.sibling_key == "piriformis"]
    study = make(store, clock, cards=one_muscle, new_per_day=1, learn_ahead=timedelta(0))
    card = study.next_card()
    assert card is not None
    study.answer(card.id, Rating.Again)  # back in a minute
    assert study.next_card() is None and study.idle_reason() is Idle.LEARNING_LATER
    clock.advance(minutes=1)
    study.answer(card.id, Rating.Easy)
    assert study.next_card() is None and study.idle_reason() is Idle.LIMIT_REACHED
    clock.advance(days=1)
    buried = make(store, clock, cards=one_muscle, bury_siblings=True)
    first = buried.next_card()
    assert first is not None
    buried.answer(first.id, Rating.Easy)
    assert buried.next_card() is None and buried.idle_reason() is Idle.SIBLINGS_TOMORROW
    clock.advance(days=1)
    everything = make(store, clock, cards=one_muscle, new_per_day=1000)
    while (next_card := everything.next_card()) is not None:
        everything.answer(next_card.id, Rating.Easy)
    assert everything.idle_reason() is Idle.DONE
