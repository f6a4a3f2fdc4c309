"""Flashcards from the atlas: card templates, grading, FSRS scheduling, decks, exams, progress.

Pure Python: the quiz view in `studyapp.ui` builds on this package, never the reverse.
"""

from studyapp.quiz.cards import Card, Template, generate_cards
from studyapp.quiz.decks import Deck
from studyapp.quiz.exam import Exam, ExamReport
from studyapp.quiz.progress import Progress, ProgressReport
from studyapp.quiz.questions import AnswerMode, Question, Verdict
from studyapp.quiz.session import QuizSession
from studyapp.quiz.store import CardState, ReviewStore
from studyapp.quiz.study import Answered, QueueCounts, Study, StudySettings

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
