"""Exam mode: a timed test of N questions with a score per body area.

An exam never touches the schedule or the review log: it is practice under pressure, and a bad
exam day should not reschedule a month of reviews.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from studyapp.content.model import Atlas
from studyapp.quiz.cards import Card
from studyapp.quiz.clock import Clock
from studyapp.quiz.questions import AnswerMode, Response, Verdict, build_question, check, mode_for


class ExamClosed(Exception):
    """An answer arrived after the time ran out or after the exam was finished."""


@dataclass(frozen=True, slots=True)
class AreaScore:
    area: str
    label: str
    score: float  # sum of credit (partial for click and multi-select questions)
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class ExamReport:
    total: int
    answered: int
    score: float
    by_area: tuple[AreaScore, ...]
    elapsed: timedelta
    timed_out: bool

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.total if self.total else 0.0


def pick_cards(cards: Sequence[Card], n: int, seed: int) -> list[Card]:
    """N cards at random, at most one per muscle (sibling group) until every group has one."""
    rng = random.Random(seed)
    shuffled = list(cards)
    rng.shuffle(shuffled)
    picked: list[Card] = []
    groups: set[str] = set()
    for card in shuffled:
        if card.sibling_key not in groups:
            picked.append(card)
            groups.add(card.sibling_key)
    if len(picked) >= n:
        return picked[:n]
    chosen = {c.id for c in picked}
    return (picked + [c for c in shuffled if c.id not in chosen])[:n]


class Exam:
    def __init__(
        self,
        cards: Sequence[Card],
        atlas: Atlas,
        *,
        now: Clock,
        n_questions: int = 20,
        time_limit: timedelta = timedelta(minutes=20),
        seed: int = 0,
        mode: AnswerMode = AnswerMode.CHOICE,
    ) -> None:
        self.atlas = atlas
        self.now = now
        self.time_limit = time_limit
        preferred = AnswerMode.CHOICE if mode is AnswerMode.SHOW else mode  # an exam must be gradable
        gradable = [c for c in cards if mode_for(c, preferred) is not AnswerMode.SHOW]  # no recall cards
        self.questions = [
            build_question(card, preferred, cards, atlas, seed)
            for card in pick_cards(gradable, n_questions, seed)
        ]
        self.questions = [q for q in self.questions if q.mode is not AnswerMode.SHOW]
        self.started_at: datetime = now()
        self.finished_at: datetime | None = None
        self.verdicts: dict[int, Verdict] = {}

    def remaining(self) -> timedelta:
        left = self.time_limit - (self.now() - self.started_at)
        return max(left, timedelta(0))

    @property
    def expired(self) -> bool:
        return self.remaining() <= timedelta(0)

    def answer(self, index: int, response: Response) -> Verdict:
        if self.finished_at is not None or self.expired:
            raise ExamClosed("the exam is over")
        verdict = check(self.questions[index], response, self.atlas)
        self.verdicts[index] = verdict
        return verdict

    def finish(self) -> ExamReport:
        if self.finished_at is None:
            self.finished_at = min(self.now(), self.started_at + self.time_limit)
        per_area: dict[str, list[float]] = {}
        for i, question in enumerate(self.questions):
            credit = self.verdicts[i].score if i in self.verdicts else 0.0
            per_area.setdefault(question.card.area, []).append(credit)
        order = {aid: a.order for aid, a in self.atlas.areas.items()}
        by_area = tuple(
            AreaScore(
                area, self.atlas.areas[area].label if area in self.atlas.areas else area, sum(c), len(c)
            )
            for area, c in sorted(per_area.items(), key=lambda kv: order.get(kv[0], 99))
        )
        return ExamReport(
            total=len(self.questions),
            answered=len(self.verdicts),
            score=sum(v.score for v in self.verdicts.values()),
            by_area=by_area,
            elapsed=self.finished_at - self.started_at,
            timed_out=self.finished_at - self.started_at >= self.time_limit,
        )
