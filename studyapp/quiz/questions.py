"""Turning a card into a question in one answer mode, and checking a response to it.

Shared by the study session and exam mode, so both grade the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from fsrs import Rating

from studyapp.content.model import Atlas
from studyapp.quiz.cards import AnswerKind, Card, Template, names
from studyapp.quiz.choices import choices_for
from studyapp.quiz.grading import grade_overlap, grade_typed


class AnswerMode(StrEnum):
    SHOW = "show"  # reveal, then grade yourself
    CHOICE = "choice"  # pick one of several options
    MULTI = "multi"  # tick every right option (pain region -> muscles)
    TYPED = "typed"  # type the name
    CLICK = "click"  # click the regions on the body chart


@dataclass(frozen=True, slots=True)
class Question:
    card: Card
    mode: AnswerMode
    options: tuple[str, ...] = ()
    correct: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of checking a response; `score` is 0..1 (partial credit for sets)."""

    correct: bool
    score: float
    suggested: Rating
    feedback: str


def mode_for(card: Card, preferred: AnswerMode) -> AnswerMode:
    """The preferred mode if this card supports it, else the closest one it does support."""
    if card.kind is AnswerKind.REGIONS:  # referral zones, or the region under an acupuncture point
        return AnswerMode.CLICK
    if card.template is Template.REGION_TO_MUSCLES:
        return AnswerMode.SHOW if preferred is AnswerMode.SHOW else AnswerMode.MULTI
    if card.recall:
        return AnswerMode.SHOW  # a paragraph is recalled, never picked from paragraphs
    if preferred is AnswerMode.TYPED:
        return AnswerMode.TYPED if card.typed_answers else AnswerMode.CHOICE
    if preferred in (AnswerMode.CLICK, AnswerMode.MULTI):
        return AnswerMode.CHOICE
    return preferred


def build_question(
    card: Card, preferred: AnswerMode, cards: Sequence[Card], atlas: Atlas, seed: int = 0
) -> Question:
    mode = mode_for(card, preferred)
    if mode in (AnswerMode.CHOICE, AnswerMode.MULTI):
        choices = choices_for(card, cards, atlas, seed)
        if len(choices.options) < 2:  # a one-muscle atlas has nothing to choose from
            return Question(card, AnswerMode.SHOW)
        return Question(card, mode, choices.options, choices.correct)
    return Question(card, mode)


def preselected_rating(question: Question, verdict: Verdict | None) -> Rating:
    """The grade button pre-selected when the answer is shown (the student can still change it).

    A checked answer suggests what its verdict says, and a wrong one always Again, so pressing
    Space never records a pass for an answer marked wrong. A choice question revealed without
    choosing counts as not known; a show-and-grade card defaults to Good, as in Anki.
    """
    if verdict is not None:
        return verdict.suggested if verdict.correct else Rating.Again
    if question.mode is AnswerMode.SHOW:
        return Rating.Good
    return Rating.Again


Response = str | int | Collection[int] | Collection[str]


def check(question: Question, response: Response, atlas: Atlas) -> Verdict:
    """Grade a response: typed text, a choice index, chosen indexes (multi) or clicked region ids."""
    card = question.card
    if question.mode is AnswerMode.TYPED:
        if not isinstance(response, str):
            raise TypeError("a typed answer is a string")
        rivals = [n for m in atlas.muscles.values() if m.id not in card.muscle_ids for n in names(m)]
        typed = grade_typed(response, card.typed_answers, rivals)
        if typed.correct:
            note = "Correct." if typed.exact else f"Correct — spelled “{typed.matched}”."
        elif typed.closer_to:
            note = f"Not accepted: that is {typed.closer_to}."
        else:
            note = "Not accepted."
        return Verdict(typed.correct, 1.0 if typed.correct else 0.0, typed.suggested, note)
    if question.mode is AnswerMode.CHOICE:
        if not isinstance(response, int):
            raise TypeError("a choice answer is an option index")
        right = response in question.correct
        note = "Correct." if right else "Not this one."
        return Verdict(right, float(right), Rating.Good if right else Rating.Again, note)
    if question.mode is AnswerMode.MULTI:
        if isinstance(response, (str, int)):
            raise TypeError("a multi-select answer is a collection of option indexes")
        chosen = {str(i) for i in response}
        verdict = grade_overlap(chosen, {str(i) for i in question.correct})
        spill_names = {atlas.muscles[m].name for m in card.spillover_muscles if m in atlas.muscles}

        def shown(i: str) -> str:
            name = question.options[int(i)]
            return f"{name} (spillover)" if name in spill_names else name

        missed = [shown(i) for i in sorted(verdict.missed, key=int)]
        extra = [shown(i) for i in sorted(verdict.extra, key=int)]
        parts = [
            f"Missed: {', '.join(missed)}." if missed else "",
            f"Not these: {', '.join(extra)}." if extra else "",
        ]
        note = " ".join(p for p in parts if p) or "All correct."
        return Verdict(verdict.correct, verdict.jaccard, verdict.suggested, note)
    if question.mode is AnswerMode.CLICK:
        if isinstance(response, (str, int)):
            raise TypeError("a click answer is a collection of region ids")
        clicked = {str(r) for r in response}
        verdict = grade_overlap(clicked, card.zones, card.spillover)
        spilled = (clicked & set(card.spillover)) - set(card.zones)

        def label(rid: str) -> str:
            return atlas.regions[rid].label if rid in atlas.regions else rid

        parts = [
            f"Found {len(verdict.hits)} of {len(card.zones)} essential regions.",
            f"Missed: {', '.join(label(r) for r in sorted(verdict.missed))}." if verdict.missed else "",
            f"Not part of it: {', '.join(label(r) for r in sorted(verdict.extra))}." if verdict.extra else "",
            f"Spillover, counted neither way: {', '.join(label(r) for r in sorted(spilled))}."
            if spilled
            else "",
        ]
        return Verdict(verdict.correct, verdict.jaccard, verdict.suggested, " ".join(p for p in parts if p))
    raise ValueError("show-and-grade questions are graded by the student, not checked")
