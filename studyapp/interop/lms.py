"""Question banks for learning management systems: Moodle XML and GIFT.

Each item becomes one question: short answer when it has accepted typed answers (a muscle's name),
otherwise multiple choice (several right options make it "select all that apply"). Questions are
filed in categories by body area. Moodle XML carries the pictures inside the file (base64); GIFT
is plain text and cannot carry files, so GIFT questions go without pictures.
"""

from __future__ import annotations

import base64
import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from studyapp.interop.atomic import write_text
from studyapp.interop.model import Item, PictureRenderer
from studyapp.interop.pictures import collect

CATEGORY_ROOT = "$course$/top/studyapp"
CORRECT = "Correct."
PARTLY = "Partly correct."
INCORRECT = "Not quite."


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


# The grades Moodle offers for an answer (percent); it moves any other value to the nearest one.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)  # fmt: skip


def moodle_grade(percent: float) -> float:
    nearest = min(MOODLE_GRADES, key=lambda g: abs(g - abs(percent)))
    return -nearest if percent < 0 else nearest


def fractions(item: Item) -> list[float]:
    """Moodle grades per option: right ones share 100%; wrong ones cost the same share in
    "select all" questions (so ticking everything earns nothing) and 0 in single-answer ones."""
    right = sum(c.correct for c in item.choices)
    wrong = len(item.choices) - right
    if right <= 1:
        return [100.0 if c.correct else 0.0 for c in item.choices]
    return [
        moodle_grade(100.0 / right if c.correct else (-100.0 / wrong if wrong else 0.0)) for c in item.choices
    ]


def _fraction_text(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".") or "0"


def _categories(items: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.category or "General", []).append(item)
    return list(grouped.items())


# -- Moodle XML ------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _moodle_question(item: Item, picture: tuple[str, bytes] | None) -> ET.Element:
    kind = "shortanswer" if item.is_short_answer else "multichoice"
    question = ET.Element("question", {"type": kind})
    name = ET.SubElement(question, "name")
    ET.SubElement(name, "text").text = item.prompt[:80] if item.kind == "course" else item.id
    body = _paragraphs(item.prompt)
    if picture is not None:
        body += f'<p><img src="@@PLUGINFILE@@/{html.escape(picture[0])}" alt="Referral pattern"></p>'
    text = _text(question, "questiontext", body)
    if picture is not None:
        file = ET.SubElement(text, "file", {"name": picture[0], "path": "/", "encoding": "base64"})
        file.text = base64.b64encode(picture[1]).decode("ascii")
    _text(question, "generalfeedback", _paragraphs(item.feedback))
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0.3333333"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = item.id[:100]
    if item.is_short_answer:
        ET.SubElement(question, "usecase").text = "0"
        for i, accepted in enumerate(item.accepted):
            answer = _text(question, "answer", accepted, "moodle_auto_format")
            answer.set("fraction", "100")
            if i == 0:
                _text(answer, "feedback", _paragraphs(item.answer))
        return question
    ET.SubElement(question, "single").text = "false" if item.is_multi_select else "true"
    ET.SubElement(question, "shuffleanswers").text = "true"
    ET.SubElement(question, "answernumbering").text = "abc"
    _text(question, "correctfeedback", f"<p>{CORRECT}</p>")
    _text(question, "partiallycorrectfeedback", f"<p>{PARTLY}</p>")
    _text(question, "incorrectfeedback", f"<p>{INCORRECT} {html.escape(item.answer)}</p>")
    for choice, fraction in zip(item.choices, fractions(item), strict=True):
        answer = _text(question, "answer", _paragraphs(choice.text) or html.escape(choice.text))
        answer.set("fraction", _fraction_text(fraction))
        _text(answer, "feedback", _paragraphs(choice.feedback))
    return question


def moodle_xml(
    items: Sequence[Item], renderer: PictureRenderer | None, media_root: Path | None = None
) -> str:
    names, media = collect(items, renderer, media_root, questions_only=True)
    quiz = ET.Element("quiz")
    for category, members in _categories(items):
        marker = ET.SubElement(quiz, "question", {"type": "category"})
        _text(marker, "category", f"{CATEGORY_ROOT}/{category.replace('/', '-')}", None)
        for item in members:
            name = names.get(item.id)
            quiz.append(_moodle_question(item, (name, media[name]) if name else None))
    ET.indent(quiz, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write_moodle_xml(
    items: Sequence[Item], target: Path, renderer: PictureRenderer | None, media_root: Path | None = None
) -> int:
    write_text(target, moodle_xml(items, renderer, media_root))
    return len(items)


# -- GIFT --------------------------------------------------------------------------------------------

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Backslash GIFT's control characters; newlines become spaces (a blank line ends a question)."""
    escaped = "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)
    return " ".join(escaped.split())


def _gift_question(item: Item) -> str:
    title = f"::{gift_escape(item.id)}::"
    prompt = "[html]" + gift_escape(_paragraphs(item.prompt))
    lines = [f"{title}{prompt} {{"]
    if item.is_short_answer:
        first = f" #{gift_escape(item.answer)}" if item.answer else ""
        lines += [f"\t={gift_escape(a)}" + (first if i == 0 else "") for i, a in enumerate(item.accepted)]
    else:
        for choice, fraction in zip(item.choices, fractions(item), strict=True):
            feedback = f" #{gift_escape(choice.feedback)}" if choice.feedback else ""
            if item.is_multi_select:
                lines.append(f"\t~%{_fraction_text(fraction)}%{gift_escape(choice.text)}{feedback}")
            else:
                lines.append(f"\t{'=' if choice.correct else '~'}{gift_escape(choice.text)}{feedback}")
    if item.feedback:
        lines.append(f"\t####{gift_escape(item.feedback)}")
    lines.append("}")
    return "\n".join(lines)


def gift(items: Sequence[Item]) -> str:
    blocks = ["// studyapp question bank (GIFT). Pictures are not carried by GIFT; use Moodle XML or QTI."]
    for category, members in _categories(items):
        blocks.append(f"$CATEGORY: {CATEGORY_ROOT}/{category.replace('/', '-')}")
        blocks += [_gift_question(item) for item in members]
    return "\n\n".join(blocks) + "\n"


def write_gift(items: Sequence[Item], target: Path) -> int:
    write_text(target, gift(items))
    return len(items)
