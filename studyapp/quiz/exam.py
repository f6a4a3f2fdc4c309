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
from studyapp.quiz.questions import AnswerMode, Question, Response, Verdict, build_question, check, mode_for


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


@dataclass(frozen=True, slots=True)
class QuestionReview:
    """One exam question after the exam: what was asked, answered and right, and about which muscle."""

    number: int
    card_id: str
    muscle_id: str  # "" for a pain-region question (several muscles)
    prompt: str
    your_answer: str  # "" when not answered
    right_answer: str
    correct: bool
    score: float
    feedback: str


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
        only: Sequence[Card] | None = None,
    ) -> None:
        """`only`: ask exactly these cards (a retake of the missed ones); `cards` still supply the
        wrong options, so a retake is as hard as the exam was."""
        self.atlas = atlas
        self.now = now
        self.time_limit = time_limit
        self._cards = list(cards)
        self._seed = seed
        self._mode = AnswerMode.CHOICE if mode is AnswerMode.SHOW else mode  # an exam must be gradable
        gradable = [c for c in cards if mode_for(c, self._mode) is not AnswerMode.SHOW]  # no recall cards
        asked = list(only) if only is not None else pick_cards(gradable, n_questions, seed)
        self.questions = [build_question(card, self._mode, cards, atlas, seed) for card in asked]
        self.questions = [q for q in self.questions if q.mode is not AnswerMode.SHOW]
        self.started_at: datetime = now()
        self.finished_at: datetime | None = None
        self.verdicts: dict[int, Verdict] = {}
        self.responses: dict[int, Response] = {}

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
        self.responses[index] = response
        return verdict

    def review(self) -> tuple[QuestionReview, ...]:
        """Every question with the student's answer and the right one, for the list after the exam."""
        return tuple(
            QuestionReview(
                number=i + 1,
                card_id=q.card.id,
                muscle_id="" if q.card.region_id else q.card.muscle_id,
                prompt=q.card.prompt,
                your_answer=self._shown(q, self.responses[i]) if i in self.responses else "",
                right_answer=self._right(q),
                correct=i in self.verdicts and self.verdicts[i].correct,
                score=self.verdicts[i].score if i in self.verdicts else 0.0,
                feedback=self.verdicts[i].feedback if i in self.verdicts else "Not answered.",
            )
            for i, q in enumerate(self.questions)
        )

    def missed(self) -> list[Card]:
        """The cards answered wrongly or not at all, in exam order."""
        return [
            q.card
            for i, q in enumerate(self.questions)
            if not (i in self.verdicts and self.verdicts[i].correct)
        ]

    def retake_missed(self, time_limit: timedelta | None = None) -> Exam:
        """A new exam of only the missed questions (same kinds of options, new order of options)."""
        missed = self.missed()
        limit = (
            time_limit
            if time_limit is not None
            else self.time_limit * len(missed) / max(1, len(self.questions))
        )
        return Exam(
            self._cards,
            self.atlas,
            now=self.now,
            n_questions=len(missed),
            time_limit=limit,
            seed=self._seed + 1,
            mode=self._mode,
            only=missed,
        )

    def _shown(self, question: Question, response: Response) -> str:
        """A response as the student saw it: option texts, typed text or region labels."""
        if isinstance(response, str):
            return response
        if isinstance(response, int):
            return question.options[response] if 0 <= response < len(question.options) else str(response)
        if question.mode is AnswerMode.CLICK:
            regions = self.atlas.regions
            return ", ".join(regions[str(r)].label if str(r) in regions else str(r) for r in response)
        return ", ".join(question.options[int(i)] for i in sorted(response, key=int))

    @staticmethod
    def _right(question: Question) -> str:
        if question.mode in (AnswerMode.CHOICE, AnswerMode.MULTI) and question.correct:
            return ", ".join(question.options[i] for i in sorted(question.correct))
        return question.card.answer

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
