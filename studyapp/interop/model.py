"""The format-neutral question every exporter writes: one `Item` per card or course question.

Generated cards and an instructor's course questions both become `Item`s, so the Anki, Moodle XML,
GIFT, QTI and CSV writers never need to know where a question came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Picture:
    """A referral picture to render: one muscle's pattern, or only one of its trigger points."""

    muscle_id: str
    tp_id: str = ""  # "" : every trigger point of the muscle

    @property
    def file_name(self) -> str:
        """A stable media file name (Anki and the LMS packages refer to pictures by name)."""
        stem = f"{self.muscle_id}-{self.tp_id}" if self.tp_id else self.muscle_id
        return f"studyapp-{stem}.png"


# Picture -> PNG bytes (b"" when the picture cannot be drawn). The Qt layer provides it; exporters
# take it as an argument and never import Qt themselves.
PictureRenderer = Callable[[Picture], bytes]


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One question. `choices` make it multiple choice, `accepted` (typed answers) short answer."""

    id: str  # stable across exports (the card id), so re-imports update instead of duplicating
    kind: str  # card type (a card template's value), or "course" for an instructor's question
    area: str  # body area id, "" when unknown
    category: str  # what an LMS files it under: the body area's label
    prompt: str
    answer: str  # the right answer as text (Anki's back, the LMS's feedback)
    choices: tuple[Choice, ...] = ()
    accepted: tuple[str, ...] = ()
    feedback: str = ""  # shown after answering, whatever the answer
    muscle_ids: tuple[str, ...] = ()
    picture: Picture | None = None
    picture_is_question: bool = False  # the picture is the question (else it illustrates the answer)
    picture_file: str = ""  # an existing image (course questions), relative to the course folder

    @property
    def is_short_answer(self) -> bool:
        return bool(self.accepted)

    @property
    def is_multi_select(self) -> bool:
        return sum(c.correct for c in self.choices) > 1
