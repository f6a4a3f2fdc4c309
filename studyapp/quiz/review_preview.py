"""The four outcomes of a card in the Review state, in one pass: what the grade buttons show.

fsrs's `Scheduler.review_card` answers one rating per call; each call copies the card, checks the
time zone and recomputes the retrievability and the terms every rating shares, which made the
four-button preview the largest part of a quiz step. Nearly every card a student sees once it is
learned is in the Review state, so for that state this evaluates fsrs's own formulas once for all
four ratings, with the scheduler's own parameters and in the same order of operations, so the
results are the same floats. Other states go through `review_card`. `tests/test_review_preview.py`
compares this with `review_card` for every rating, with and without fuzz, so an fsrs release
that changes a formula fails a test instead of drifting silently.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from fsrs import Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES, MAX_DIFFICULTY, MIN_DIFFICULTY, STABILITY_MIN

# state, step, stability, difficulty, due (the last review is the review time itself)
Outcome = tuple[State, int | None, float, float, datetime]


class ReviewPreview:
    """fsrs's review formulas for a card in the Review state, with one scheduler's parameters."""

    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler
        w = tuple(float(p) for p in scheduler.parameters)
        self.w = w
        self.decay = scheduler._DECAY
        self.factor = scheduler._FACTOR
        self.max_days = scheduler.maximum_interval
        self.fuzz = scheduler.enable_fuzzing
        self.relearning = tuple(scheduler.relearning_steps)
        self.fuzz_bands = tuple((band["start"], band["end"], band["factor"]) for band in FUZZ_RANGES)
        # terms that depend on no card: computed once instead of once per rating and card
        self.easy_difficulty = w[4] - (math.e ** (w[5] * (Rating.Easy - 1))) + 1
        self.forget_short_divisor = math.e ** (w[17] * w[18])
        self.recall_scale = math.e ** (w[8])
        self.interval_scale = (scheduler.desired_retention ** (1 / self.decay)) - 1
        self.mean_easy = w[7] * self.easy_difficulty
        self.keep = 1 - w[7]
        self.short_term_raise = {r: math.e ** (w[17] * (r - 3 + w[18])) for r in Rating}
        self.difficulty_delta = {r: -(w[6] * (r - 3)) for r in Rating}
        self.recall_factor = {
            r: (w[15] if r == Rating.Hard else 1, w[16] if r == Rating.Easy else 1) for r in Rating
        }

    def outcomes(
        self,
        step: int | None,
        stability: float,
        difficulty: float,
        last_review: datetime,
        when: datetime,
        ratings: Sequence[Rating],
    ) -> dict[Rating, Outcome]:
        """What `review_card` gives for each of `ratings`, asked in that order (fuzz draws included)."""
        w = self.w
        days = (when - last_review).days
        short_term = days < 1
        if short_term:
            shrink = stability ** -w[19]
        else:
            r = (1 + self.factor * max(0, days) / stability) ** self.decay
            # the part of the recall formula every successful rating shares (same order of operations)
            recall = self.recall_scale * (11 - difficulty) * (stability ** -w[9])
            recall = recall * ((math.e ** ((1 - r) * w[10])) - 1)
        out: dict[Rating, Outcome] = {}
        for rating in ratings:
            if short_term:
                increase = self.short_term_raise[rating] * shrink
                if rating != Rating.Again:
                    increase = max(increase, 1.0)
                new_s = max(stability * increase, STABILITY_MIN)
            elif rating == Rating.Again:
                long_term = w[11] * (difficulty ** -w[12]) * (((stability + 1) ** (w[13])) - 1)
                long_term = long_term * (math.e ** ((1 - r) * w[14]))
                new_s = max(min(long_term, stability / self.forget_short_divisor), STABILITY_MIN)
            else:
                hard_penalty, easy_bonus = self.recall_factor[rating]
                new_s = max(stability * (1 + recall * hard_penalty * easy_bonus), STABILITY_MIN)
            damped = difficulty + (10.0 - difficulty) * self.difficulty_delta[rating] / 9.0
            new_d = min(max(self.mean_easy + self.keep * damped, MIN_DIFFICULTY), MAX_DIFFICULTY)
            state, new_step = State.Review, step
            if rating == Rating.Again and self.relearning:
                state, new_step = State.Relearning, 0
                interval = self.relearning[0]
            else:
                days_next = self._interval_days(new_s)
                interval = timedelta(days=self._fuzzed(days_next) if self.fuzz else days_next)
            out[rating] = (state, new_step, new_s, new_d, when + interval)
        return out

    def _interval_days(self, stability: float) -> int:
        days = round((stability / self.factor) * self.interval_scale)
        return min(max(days, 1), self.max_days)

    def _fuzzed(self, days: int) -> int:
        """fsrs's fuzzed interval in days (one draw from the global generator when it applies)."""
        if days < 2.5:
            return days
        delta = 1.0
        whole = float(days)
        for start, end, factor in self.fuzz_bands:
            delta += factor * max(min(whole, end) - start, 0.0)
        low = max(2, round(days - delta))
        high = min(round(days + delta), self.max_days)
        low = min(low, high)
        drawn = (random.random() * (high - low + 1)) + low  # the same global generator fsrs draws from
        return min(round(drawn), self.max_days)
