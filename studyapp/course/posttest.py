"""Drawing and grading a post-test by the pack's rules.

Choice and typed answers reuse the quiz's graders (typed answers forgive small misspellings, as the
quiz does); a click question counts only when the clicked regions overlap the right ones as well as
a correct quiz answer must (`OverlapVerdict.correct`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studyapp.course.model import Course, PostTest, Question, QuestionKind
from studyapp.quiz.grading import grade_overlap, grade_typed, normalise


class PostTestUnavailable(Exception):
    """The course has no post-test, or the student has used every allowed attempt."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """One question as this attempt shows it (choices in this attempt's order)."""

    question: Question
    choices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemResult:
    question_id: str
    prompt: str
    given: str  # what the student answered, as text (click answers: region ids joined by ", ")
    right: str  # the accepted answer, as text
    correct: bool
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    items: tuple[ItemResult, ...]
    correct: int
    total: int
    score: float  # percent, 0-100
    passed: bool


def rules(course: Course) -> PostTest:
    if course.post_test is None:
        raise PostTestUnavailable(f"the course '{course.title}' has no post-test")
    return course.post_test


def draw(course: Course, seed: int) -> tuple[Drawn, ...]:
    """This attempt's questions: a seeded sample of the pool, each choice list shuffled."""
    test = rules(course)
    rng = random.Random(seed)
    pool = list(course.post_test_pool())
    picked = rng.sample(pool, min(test.questions, len(pool)))
    drawn: list[Drawn] = []
    for question in picked:
        choices = list(question.choices)
        rng.shuffle(choices)
        drawn.append(Drawn(question, tuple(choices)))
    return tuple(drawn)


def attempts_left(course: Course, used: int) -> int | None:
    """None when attempts are unlimited."""
    test = rules(course)
    return None if test.attempts == 0 else max(test.attempts - used, 0)


def grade_one(question: Question, answer: str | Sequence[str]) -> bool:
    given = [answer] if isinstance(answer, str) else list(answer)
    if question.kind is QuestionKind.CLICK:
        return grade_overlap(given, question.answers).correct
    if question.kind is QuestionKind.CHOICE:
        picked = {normalise(text) for text in given if text.strip()}
        return picked == {normalise(a) for a in question.answers}  # "select all": every right one, no other
    return grade_typed(", ".join(given), question.answers).correct


def grade(course: Course, drawn: Sequence[Drawn], answers: Mapping[str, str | Sequence[str]]) -> Outcome:
    """Score an attempt; an unanswered question is wrong."""
    test = rules(course)
    items: list[ItemResult] = []
    for entry in drawn:
        question = entry.question
        given = answers.get(question.id, "")
        given_text = given if isinstance(given, str) else ", ".join(given)
        ok = bool(given_text.strip()) and grade_one(question, given)
        right = ", ".join(question.answers)
        items.append(ItemResult(question.id, question.prompt, given_text, right, ok, question.explanation))
    correct = sum(item.correct for item in items)
    total = len(items)
    score = round(100.0 * correct / total, 1) if total else 0.0
    return Outcome(tuple(items), correct, total, score, passed=total > 0 and score >= test.pass_mark)


def lesson_mastery(course: Course, mastery: Mapping[str, float]) -> dict[str, float]:
    """Mean quiz mastery (0-1) of each lesson's muscles; a muscle not yet studied counts as 0."""
    return {
        lesson.id: sum(mastery.get(mid, 0.0) for mid in lesson.muscles) / len(lesson.muscles)
        for lesson in course.lessons
        if lesson.muscles
    }


def course_mastery(course: Course, mastery: Mapping[str, float]) -> float:
    muscles = course.muscles
    return sum(mastery.get(mid, 0.0) for mid in muscles) / len(muscles) if muscles else 0.0
