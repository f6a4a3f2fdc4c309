"""The keys of the flashcards and the exam, as data: the screens bind them from here and Help ▸
Keyboard shortcuts (F1) lists them from here, so the list cannot go stale.

A light module (no quiz imports), so F1 does not load the scheduler.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuizKey:
    """One binding: its name (the slot it drives), the keys, and what it does in words."""

    name: str
    keys: tuple[str, ...]
    text: str


QUIZ_KEYS: tuple[QuizKey, ...] = (
    QuizKey("space", ("Space",), "Quiz: show the answer; once shown, grade with the suggested rating"),
    QuizKey("enter", ("Return", "Enter"), "Quiz: check a typed, ticked or clicked answer; then grade"),
    QuizKey(
        "digit",
        tuple(str(n) for n in range(1, 10)),
        "Quiz: pick option 1-9; once the answer shows, grade 1 Again, 2 Hard, 3 Good, 4 Easy",
    ),
    QuizKey("undo", ("Ctrl+Z",), "Quiz: undo the last answer"),
)
EXAM_KEY = QuizKey("exam", ("Ctrl+Shift+E",), "Quiz: start a timed exam on the current deck")
EXAM_KEYS: tuple[QuizKey, ...] = (
    QuizKey("digit", tuple(str(n) for n in range(1, 10)), "Exam: pick (or tick) option 1-9"),
    QuizKey("enter", ("Return", "Enter"), "Exam: confirm and go to the next question (empty skips it)"),
)


def key_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for F1: the quiz keys, the exam key, then the exam's own keys."""
    rows = []
    for key in (*QUIZ_KEYS, EXAM_KEY, *EXAM_KEYS):
        keys = "1-9" if key.name == "digit" else " or ".join(k for k in key.keys if k != "Return")
        rows.append((keys, key.text))
    return rows
