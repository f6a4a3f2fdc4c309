"""Read an instructor's Moodle XML question export into course questions.

Supported: multichoice (single or several right answers), truefalse (a two-choice question) and
shortanswer (answers with full marks are the accepted spellings); the question's first embedded
picture is kept. Other types (matching, numerical, essay, cloze, drag-and-drop, description...) are
reported by number and reason. The XML is parsed by `safe_xml` (no DTDs or entities, bounded size).
"""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from studyapp.interop.bank import MULTIPLE_CHOICE, SHORT_ANSWER, BankQuestion, Skipped
from studyapp.interop.errors import BankError
from studyapp.interop.html_text import html_with_images
from studyapp.interop.model import Choice
from studyapp.interop.pictures import MAX_PICTURE_BYTES, PICTURE_TYPES
from studyapp.interop.safe_xml import parse

PLUGINFILE = "@@PLUGINFILE@@/"


def _text_of(element: ET.Element | None) -> str:
    """Plain text of a Moodle text field (<x format=...><text>...</text></x>)."""
    if element is None:
        return ""
    text = element.findtext("text") or ""
    if element.get("format", "html") in ("html", "moodle_auto_format", "markdown"):
        return html_with_images(text)[0]
    return " ".join(text.split())


def _picture(question: ET.Element) -> tuple[str, bytes] | None:
    """(file name, bytes) of the first picture the question text shows and embeds."""
    holder = question.find("questiontext")
    if holder is None:
        return None
    _, sources = html_with_images(holder.findtext("text") or "")
    files = {f.get("name", ""): f for f in holder.findall("file")}
    for src in sources:
        if not src.startswith(PLUGINFILE):
            continue
        name = Path(unquote(src.removeprefix(PLUGINFILE))).name
        file = files.get(name)
        if file is None or Path(name).suffix.lower() not in PICTURE_TYPES:
            continue
        encoded = "".join((file.text or "").split())
        if len(encoded) > MAX_PICTURE_BYTES * 4 // 3 + 4:
            continue
        try:
            return name, base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
    return None


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _convert(question: ET.Element, kind: str) -> BankQuestion | str:
    prompt = _text_of(question.find("questiontext"))
    if not prompt:
        return "the question has no text"
    title = (question.findtext("name/text") or "").strip()
    qid, feedback = title or prompt[:40], _text_of(question.find("generalfeedback"))
    answers = question.findall("answer")
    if kind == "shortanswer":
        accepted = tuple(a for a in (_text_of(x) for x in answers if _fraction(x) >= 100) if a)
        if not accepted:
            return "no answer gets full marks"
        return BankQuestion(qid, SHORT_ANSWER, prompt, answers=accepted, feedback=feedback)
    if kind in ("multichoice", "truefalse"):
        choices = tuple(Choice(_text_of(a), _fraction(a) > 0, _text_of(a.find("feedback"))) for a in answers)
        if kind == "truefalse":
            choices = tuple(Choice(c.text.capitalize(), c.correct, c.feedback) for c in choices)
        if len(choices) < 2:
            return "a multiple-choice question needs at least two answers"
        if any(not c.text for c in choices):
            return "an answer has no text (pictures as answers are not supported)"
        if not any(c.correct for c in choices):
            return "no answer has a positive grade"
        return BankQuestion(qid, MULTIPLE_CHOICE, prompt, choices=choices, feedback=feedback)
    return f"'{kind}' questions are not supported"


def read_moodle_xml(path: Path) -> tuple[list[BankQuestion], list[Skipped], dict[str, bytes]]:
    """(questions, skipped ones, pictures); a question's `picture` is its key in the pictures."""
    root, lines = parse(path)
    if root.tag != "quiz":
        raise BankError(path, lines.get(id(root)), f"expected a Moodle XML <quiz>, found <{root.tag}>")
    questions: list[BankQuestion] = []
    skipped: list[Skipped] = []
    pictures: dict[str, bytes] = {}
    category = ""
    number = 0
    for element in root:
        if element.tag != "question":
            continue
        kind = element.get("type", "")
        line = lines.get(id(element), 0)
        if kind == "category":
            category = (element.findtext("category/text") or "").strip().rsplit("/", 1)[-1]
            continue
        number += 1
        converted = _convert(element, kind)
        if isinstance(converted, str):
            skipped.append(Skipped(number, line, converted))
            continue
        picture = _picture(element)
        source = f"{path.name}, question {number} (line {line})"
        question = replace(converted, category=category, source=source)
        if picture is not None:
            key = f"{number}-{picture[0]}"
            pictures[key] = picture[1]
            question = replace(question, picture=key)
        questions.append(question)
    return questions, skipped, pictures
