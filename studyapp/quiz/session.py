"""A study session as the quiz view sees it: one question at a time, check, grade, undo.

The view calls `next_question()`, shows it, optionally `check()`s a typed/choice/click response,
then `grade()`s with the rating the student confirms. Everything is decided here, so the view only
draws what it is given.
"""

from __future__ import annotations

from datetime import datetime

from fsrs import Rating

from studyapp.content.model import Atlas
from studyapp.quiz.questions import AnswerMode, Question, Response, Verdict, build_question, check
from studyapp.quiz.study import Answered, QueueCounts, Study


class QuizSession:
    def __init__(
        self, study: Study, atlas: Atlas, *, mode: AnswerMode = AnswerMode.SHOW, seed: int = 0
    ) -> None:
        self.study = study
        self.atlas = atlas
        self.mode = mode
        self.seed = seed
        self.current: Question | None = None
        self.verdict: Verdict | None = None
        self.shown_at: datetime | None = None

    def _question_for(self, card_id: str) -> Question:
        card = self.study.by_id[card_id]
        state = self.study.state(card_id)
        seed = self.seed * 1_000_003 + (state.reps if state else 0)  # new options each time it is seen
        return build_question(card, self.mode, self.study.cards, self.atlas, seed)

    def next_question(self) -> Question | None:
        card = self.study.next_card()
        self.verdict = None
        self.current = self._question_for(card.id) if card else None
        self.shown_at = self.study.now()
        return self.current

    def set_mode(self, mode: AnswerMode) -> Question | None:
        """Switch answer mode; the question on screen is rebuilt in the new mode."""
        self.mode = mode
        if self.current is not None:
            self.current = self._question_for(self.current.card.id)
            self.verdict = None
        return self.current

    def check(self, response: Response) -> Verdict:
        if self.current is None:
            raise RuntimeError("no question to answer")
        self.verdict = check(self.current, response, self.atlas)
        return self.verdict

    def grade(self, rating: Rating | int) -> Answered:
        """Record the answer (committed before this returns); call `next_question()` afterwards."""
        if self.current is None:
            raise RuntimeError("no question to grade")
        now = self.study.now()
        duration = int((now - self.shown_at).total_seconds() * 1000) if self.shown_at else None
        answered = self.study.answer(
            self.current.card.id, rating, duration_ms=duration, mode=self.current.mode.value
        )
        self.current = None
        self.verdict = None
        return answered

    def undo(self) -> Question | None:
        """Cancel the last answer and put that card back on screen."""
        card = self.study.undo()
        if card is None:
            return None
        return self.next_question()

    def can_undo(self) -> bool:
        return self.study.can_undo()

    def counts(self) -> QueueCounts:
        return self.study.counts()

    def is_leech(self, card_id: str) -> bool:
        state = self.study.state(card_id)
        return bool(state and state.leech)

    def preview(self) -> dict[Rating, datetime]:
        return self.study.preview(self.current.card.id) if self.current else {}
