"""The one-pass preview of a reviewed card gives exactly what fsrs's own `review_card` gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from studyapp.quiz.review_preview import ReviewPreview

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def random_review_cards(seed: int, n: int) -> list[FsrsCard]:
    rng = random.Random(seed)
    cards = []
    for _ in range(n):
        stability = rng.choice([0.001, 0.3, 1.0]) if rng.random() < 0.1 else rng.lognormvariate(3, 1.5)
        elapsed = rng.choice(
            [timedelta(minutes=rng.randint(1, 1400)), timedelta(days=rng.uniform(1, 3000))]
        )  # same day (short-term formulas) or days later
        cards.append(
            FsrsCard(
                0, State.Review, None, stability, rng.uniform(1, 10), NOW + timedelta(days=1), NOW - elapsed
            )
        )
    return cards


SCHEDULERS = {
    "defaults": {},
    "no fuzz": {"enable_fuzzing": False},
    "no relearning steps": {"relearning_steps": ()},
    "short maximum, high retention": {"maximum_interval": 30, "desired_retention": 0.95},
    "own parameters": {
        "parameters": [
            *(0.4, 0.9, 2.3, 10.9, 4.9, 0.9, 2.2, 0.02, 1.5, 0.1, 1.1),
            *(1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.6, 0.1, 0.2),
        ]
    },
}


@pytest.mark.parametrize("options", SCHEDULERS.values(), ids=SCHEDULERS.keys())
def test_every_rating_matches_review_card_field_for_field(options: dict[str, object]) -> None:
    scheduler = Scheduler(**options)  # type: ignore[arg-type]
    preview = ReviewPreview(scheduler)
    for k, card in enumerate(random_review_cards(len(options), 400)):
        assert card.stability is not None and card.difficulty is not None and card.last_review is not None
        random.seed(k)  # fsrs and the preview draw their fuzz from the same global generator
        expected = {r: scheduler.review_card(card, r, NOW)[0] for r in Rating}
        random.seed(k)
        got = preview.outcomes(
            card.step, card.stability, card.difficulty, card.last_review, NOW, tuple(Rating)
        )
        for rating, fsrs_card in expected.items():
            want = (fsrs_card.state, fsrs_card.step, fsrs_card.stability, fsrs_card.difficulty, fsrs_card.due)
            assert got[rating] == want, (options, card, rating)


def test_the_study_preview_still_shows_fsrs_intervals_for_a_reviewed_card(tmp_path: object) -> None:
    """End to end: the buttons' due dates for a card in review equal fsrs's for the same card."""
    from pathlib import Path

    from studyapp.quiz.cards import Card, Template
    from studyapp.quiz.store import CardState, ReviewStore
    from studyapp.quiz.study import Study, StudySettings

    assert isinstance(tmp_path, Path)
    store = ReviewStore.open(tmp_path, now=lambda: NOW, keep_backups=0)
    card = Card("m:t0", Template.ORIGIN, "m", "hip_thigh", (("muscle", "m"),), "x", ("m",))
    state = CardState(
        "m:t0", State.Review, None, 12.0, 6.5, NOW - timedelta(hours=2), NOW - timedelta(days=11)
    )
    store.import_history([state], [])
    settings = StudySettings(fuzz=False)
    study = Study(store, [card], settings, now=lambda: NOW)
    shown = study.preview("m:t0")
    fsrs_due = {r: settings.scheduler().review_card(state.to_fsrs(), r, NOW)[0].due for r in Rating}
    assert shown == fsrs_due
    answered = study.answer("m:t0", Rating.Good)
    assert answered.after.due == fsrs_due[Rating.Good] and answered.after.last_review == NOW
    store.close()
