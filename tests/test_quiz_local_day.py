"""Study days begin at the chosen hour on the student's own clock, also across a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Rating, State

from studyapp.quiz.cards import generate_cards
from studyapp.quiz.clock import local_zone
from studyapp.quiz.demo import demo_atlas
from studyapp.quiz.progress import Progress
from studyapp.quiz.store import CardState, ReviewStore
from studyapp.quiz.study import Study, StudySettings
from tests.helpers.clock import Clock

CARDS = generate_cards(demo_atlas())
BERLIN = ZoneInfo("Europe/Berlin")  # clocks go forward on 2026-03-29 at 02:00 (CET +1 -> CEST +2)
NEW_YORK = ZoneInfo("America/New_York")  # back on 2026-11-01 at 02:00 (EDT -4 -> EST -5)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def make(store: ReviewStore, clock: Clock, zone: ZoneInfo, **settings: int) -> Study:
    return Study(store, CARDS, StudySettings(fuzz=False, timezone=zone, **settings), now=clock)


def review_due(store: ReviewStore, card_id: str, due: datetime) -> None:
    """A card in review, due at `due` (as if answered well a few days ago)."""
    last = due - timedelta(days=4)
    state = CardState(card_id, State.Review, None, 5.0, 5.0, due, last, reps=2)
    store.record_answer(None, state, int(Rating.Good), last, None, "show")


def test_days_start_at_four_on_the_students_clock_on_both_sides_of_spring_forward(
    store: ReviewStore, clock: Clock
) -> None:
    study = make(store, clock, BERLIN)
    at_0330_summer_time = utc(2026, 3, 29, 1, 30)  # 03:30 CEST: still Saturday's study day
    assert study.study_day(at_0330_summer_time) == date(2026, 3, 28)
    assert study.day_start(at_0330_summer_time) == utc(2026, 3, 28, 3)  # 04:00 CET
    assert study.day_end(at_0330_summer_time) == utc(2026, 3, 29, 2)  # 04:00 CEST: a 23-hour day
    assert study.day_start(utc(2026, 3, 29, 2, 5)) == utc(2026, 3, 29, 2)


def test_a_review_due_after_four_local_waits_for_the_next_day_across_dst(
    store: ReviewStore, clock: Clock
) -> None:
    card = CARDS[0].id
    review_due(store, card, utc(2026, 3, 29, 2, 30))  # Sunday 04:30 CEST
    clock.t = utc(2026, 3, 28, 21)  # Saturday 22:00 CET
    study = make(store, clock, BERLIN, new_per_day=0)
    assert study.counts().review == 0 and study.next_card() is None  # a 24-hour day would show it
    clock.t = utc(2026, 3, 29, 2, 1)  # Sunday 04:01 CEST: a new day has begun
    assert study.counts().review == 1


def test_the_autumn_day_lasts_25_hours_in_new_york(store: ReviewStore, clock: Clock) -> None:
    card = CARDS[0].id
    review_due(store, card, utc(2026, 11, 1, 8, 30))  # Sunday 03:30 EST: still Saturday's day
    clock.t = utc(2026, 11, 1, 1)  # Saturday 21:00 EDT
    study = make(store, clock, NEW_YORK, new_per_day=0)
    assert study.day_end(clock.t) == utc(2026, 11, 1, 9)  # Sunday 04:00 EST
    assert study.counts().review == 1 and study.next_card() == CARDS[0]


def test_new_card_limit_resets_at_four_local_time_not_utc(store: ReviewStore, clock: Clock) -> None:
    clock.t = utc(2026, 3, 28, 20)
    study = make(store, clock, BERLIN, new_per_day=2)
    for _ in range(2):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Easy)
    clock.t = utc(2026, 3, 29, 1, 50)  # 03:50 CEST
    assert study.next_card() is None
    clock.t = utc(2026, 3, 29, 2, 1)  # 04:01 CEST, still 02:01 UTC: a new study day here
    assert study.counts().new == 2


def test_progress_days_are_calendar_days_across_the_change(store: ReviewStore, clock: Clock) -> None:
    clock.t = utc(2026, 3, 31, 12)
    study = make(store, clock, BERLIN)
    study.answer(CARDS[0].id, Rating.Good)
    days = [d.day for d in Progress(study).reviews_per_day(7)]
    assert days == [date(2026, 3, 25) + timedelta(days=i) for i in range(7)]
    assert Progress(study).reviews_per_day(7)[-1].count == 1
    upcoming = [d.day for d in Progress(study).upcoming(5)]
    assert upcoming == [date(2026, 3, 31) + timedelta(days=i) for i in range(5)]


def test_the_default_zone_is_the_systems_own_with_its_daylight_saving_rules() -> None:
    zone = StudySettings().timezone
    for when in (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)):
        assert when.replace(tzinfo=zone).utcoffset() == when.astimezone().utcoffset()
    assert isinstance(local_zone(), type(zone))
