"""Flashcards from the atlas: card templates, grading, FSRS scheduling, decks, exams, progress.

Pure Python: the quiz view in `studyapp.ui` builds on this package, never the reverse.
The names below are imported on first use, so `import studyapp.quiz.clock` (start-up) does not
load the scheduler, the grader and their libraries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studyapp.quiz.cards import Card, Template, generate_cards
    from studyapp.quiz.decks import Deck
    from studyapp.quiz.exam import Exam, ExamReport
    from studyapp.quiz.progress import Progress, ProgressReport
    from studyapp.quiz.questions import AnswerMode, Question, Verdict
    from studyapp.quiz.session import QuizSession
    from studyapp.quiz.store import CardState, ReviewStore
    from studyapp.quiz.study import Answered, QueueCounts, Study, StudySettings

_HOMES = {
    "cards": ("Card", "Template", "generate_cards"),
    "decks": ("Deck",),
    "exam": ("Exam", "ExamReport"),
    "progress": ("Progress", "ProgressReport"),
    "questions": ("AnswerMode", "Question", "Verdict"),
    "session": ("QuizSession",),
    "store": ("CardState", "ReviewStore"),
    "study": ("Answered", "QueueCounts", "Study", "StudySettings"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "AnswerMode",
    "Answered",
    "Card",
    "CardState",
    "Deck",
    "Exam",
    "ExamReport",
    "Progress",
    "ProgressReport",
    "Question",
    "QueueCounts",
    "QuizSession",
    "ReviewStore",
    "Study",
    "StudySettings",
    "Template",
    "Verdict",
    "generate_cards",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'studyapp.quiz' has no attribute {name!r}")
    return getattr(importlib.import_module(f"studyapp.quiz.{module}"), name)
