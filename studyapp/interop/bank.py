"""A course folder's own questions: `DIR/questions.yaml` (format in docs/question-bank.md).

Instructors' questions imported from GIFT or Moodle XML land here, and `--deck DIR` exports them
again to Anki or an LMS. The file is plain YAML so an instructor can read and edit it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from studyapp.content.model import Atlas
from studyapp.interop.atomic import write_text
from studyapp.interop.errors import BankError
from studyapp.interop.model import Choice, Item

FILE_NAME = "questions.yaml"
SCHEMA = 1
MULTIPLE_CHOICE = "multiple_choice"
SHORT_ANSWER = "short_answer"
CLICK = "click"  # course packs only: answered on the body chart, so it stays out of LMS exports
TYPES = (MULTIPLE_CHOICE, SHORT_ANSWER, CLICK)
MAX_BANK_BYTES = 20 * 1024 * 1024
HEADER = "# Course questions for studyapp: format in docs/question-bank.md\n"


@dataclass(frozen=True, slots=True)
class BankQuestion:
    id: str
    type: str  # MULTIPLE_CHOICE or SHORT_ANSWER
    prompt: str
    choices: tuple[Choice, ...] = ()
    answers: tuple[str, ...] = ()  # short answer: accepted answers
    feedback: str = ""
    category: str = ""
    area: str = ""
    picture: str = ""  # relative to the course folder
    source: str = ""  # where it came from ("bank.gift, question 3")
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # course-pack keys, kept as written

    def to_yaml(self) -> dict[str, Any]:
        if self.type == CLICK:
            return dict(self.extra)
        data: dict[str, Any] = {"id": self.id, "type": self.type, "prompt": self.prompt}
        for key in ("category", "area", "picture"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.type == MULTIPLE_CHOICE:
            data["choices"] = [
                {"text": c.text, "correct": c.correct, **({"feedback": c.feedback} if c.feedback else {})}
                for c in self.choices
            ]
        else:
            data["answers"] = list(self.answers)
        if self.feedback:
            data["feedback"] = self.feedback
        if self.source:
            data["source"] = self.source
        for key, value in self.extra.items():  # lesson, muscle, pool...: an import never drops them
            data.setdefault(key, value)
        return data


@dataclass(frozen=True, slots=True)
class Skipped:
    """A question of an imported bank that could not be converted, and why."""

    number: int
    line: int
    reason: str

    def __str__(self) -> str:
        return f"question {self.number} (line {self.line}): {self.reason}"


@dataclass
class Bank:
    questions: list[BankQuestion] = field(default_factory=list)
    name: str = ""  # optional title of the course


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40]


def unique_id(wanted: str, taken: set[str]) -> str:
    base = slug(wanted) or "q"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _text(value: Any, where: str, path: Path, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if (
        not isinstance(value, str | int | float)
        or isinstance(value, bool)
        or (required and not str(value).strip())
    ):
        raise BankError(path, None, f"{where}: expected text")
    return str(value)


def _question(raw: Any, number: int, path: Path) -> BankQuestion:
    where = f"question {number}"
    if not isinstance(raw, dict):
        raise BankError(path, None, f"{where}: expected a mapping")
    kind = raw.get("type")
    if kind not in TYPES:
        raise BankError(path, None, f"{where}: type must be one of {', '.join(TYPES)}")
    choices: list[Choice] = []
    answers: list[str] = []
    known = {
        "id",
        "type",
        "prompt",
        "choices",
        "answers",
        "feedback",
        "category",
        "area",
        "picture",
        "source",
    }
    extra = dict(raw) if kind == CLICK else {k: v for k, v in raw.items() if k not in known}
    if kind == CLICK:
        pass
    elif kind == MULTIPLE_CHOICE:
        raw_choices = raw.get("choices")
        if not isinstance(raw_choices, list) or len(raw_choices) < 2:
            raise BankError(path, None, f"{where}: a multiple-choice question needs at least two choices")
        for i, choice in enumerate(raw_choices, 1):
            if not isinstance(choice, dict):
                raise BankError(path, None, f"{where}, choice {i}: expected text and correct")
            choices.append(
                Choice(
                    _text(choice.get("text"), f"{where}, choice {i}", path, True),
                    choice.get("correct") is True,
                    _text(choice.get("feedback"), f"{where}, choice {i}", path),
                )
            )
        if not any(c.correct for c in choices):
            raise BankError(path, None, f"{where}: no choice is marked correct")
    else:
        raw_answers = raw.get("answers")
        if not isinstance(raw_answers, list) or not raw_answers:
            raise BankError(path, None, f"{where}: a short-answer question needs a list of answers")
        answers = [_text(a, f"{where}, answers", path, True) for a in raw_answers]
    return BankQuestion(
        id=_text(raw.get("id"), f"{where}: id", path, True),
        type=kind,
        prompt=_text(raw.get("prompt"), f"{where}: prompt", path, True),
        choices=tuple(choices),
        answers=tuple(answers),
        feedback=_text(raw.get("feedback"), f"{where}: feedback", path),
        category=_text(raw.get("category"), f"{where}: category", path),
        area=_text(raw.get("area"), f"{where}: area", path),
        picture=_text(raw.get("picture"), f"{where}: picture", path),
        source=_text(raw.get("source"), f"{where}: source", path),
        extra=extra,
    )


def read_bank(folder: Path) -> Bank:
    """The folder's questions (an empty bank when it has no questions.yaml yet)."""
    path = folder / FILE_NAME
    if not path.exists():
        return Bank()
    try:
        if path.stat().st_size > MAX_BANK_BYTES:
            raise BankError(path, None, "file is too large")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(path, None, f"cannot read: {exc}") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BankError(path, mark.line + 1 if mark else None, "not valid YAML") from None
    if (
        not isinstance(data, dict)
        or data.get("schema") != SCHEMA
        or not isinstance(data.get("questions"), list)
    ):
        raise BankError(path, None, f"expected 'schema: {SCHEMA}' and a 'questions' list")
    questions = [_question(raw, n, path) for n, raw in enumerate(data["questions"], 1)]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise BankError(path, None, f"question id '{q.id}' is used twice")
        seen.add(q.id)
    name = data.get("name")
    return Bank(questions, name if isinstance(name, str) else "")


def write_bank(folder: Path, bank: Bank) -> Path:
    path = folder / FILE_NAME
    data: dict[str, Any] = {"schema": SCHEMA}
    if bank.name:
        data["name"] = bank.name
    data["questions"] = [q.to_yaml() for q in bank.questions]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    write_text(path, HEADER + text)
    return path


def to_item(question: BankQuestion, atlas: Atlas | None, course: str) -> Item:
    area = atlas.areas.get(question.area) if atlas is not None and question.area else None
    short = question.type == SHORT_ANSWER
    answer = question.answers[0] if short else "; ".join(c.text for c in question.choices if c.correct)
    return Item(
        id=f"course:{slug(course) or 'course'}:{question.id}",
        kind="course",
        area=question.area,
        category=question.category or (area.label if area else course),
        prompt=question.prompt,
        answer=answer,
        choices=() if short else question.choices,
        accepted=question.answers if short else (),
        feedback=question.feedback,
        picture_file=question.picture,
        picture_is_question=bool(question.picture),
    )


def load_course_items(folder: Path, atlas: Atlas | None = None) -> tuple[str, list[Item]]:
    """(course name, its questions as items) for `--deck FOLDER`."""
    if not (folder / FILE_NAME).is_file():
        raise BankError(
            folder / FILE_NAME,
            None,
            "no such file (import questions with `studyapp course import-questions`)",
        )
    bank = read_bank(folder)
    name = bank.name or folder.resolve().name
    return name, [to_item(q, atlas, name) for q in bank.questions if q.type != CLICK]


def merge(bank: Bank, new: Sequence[BankQuestion]) -> list[BankQuestion]:
    """Append `new` to the bank with ids made unique; returns the questions as stored."""
    taken = {q.id for q in bank.questions}
    stored = []
    for q in new:
        fixed = replace(q, id=unique_id(q.id, taken))
        bank.questions.append(fixed)
        stored.append(fixed)
    return stored
