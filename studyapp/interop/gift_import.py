"""Read an instructor's GIFT file (Moodle's plain-text question format) into course questions.

Supported: multiple choice (one right answer, or several with %weights%), true/false (becomes a
two-choice question), short answer, and missing-word questions (the blank is shown as "_____").
Matching, numerical, essay and description items have no counterpart in a course folder; they are
reported by number and reason, as are questions without a right answer. A file whose braces do
not pair up is malformed as a whole (BankError with the line).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from studyapp.interop.bank import MULTIPLE_CHOICE, SHORT_ANSWER, BankQuestion, Skipped
from studyapp.interop.errors import BankError
from studyapp.interop.model import Choice

MAX_GIFT_BYTES = 10 * 1024 * 1024
SPECIAL = "~=#{}:"
TRUE_WORDS = {"t": True, "true": True, "f": False, "false": False}


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out).strip()


def _unescaped(text: str, chars: str) -> list[int]:
    """Positions of `chars` in `text` that no backslash escapes."""
    found, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            found.append(i)
        i += 1
    return found


def _plain(text: str) -> str:
    """Question text without a [format] marker and, for [html], without tags."""
    text = text.strip()
    marker = re.match(r"\[(html|moodle|plain|markdown)\]", text)
    if marker:
        text = text[marker.end() :]
        if marker.group(1) == "html":
            from studyapp.interop.html_text import html_to_text

            return html_to_text(unescape(text))
    return unescape(text)


def _blocks(text: str, path: Path) -> list[tuple[int, str]]:
    """(first line, text) of each question or category block; blank lines end a block."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    depth_line = 0
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("//"):  # a comment line, even inside an answer block
            continue
        if not line.strip() and depth == 0:
            if current:
                blocks.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        for position in _unescaped(line, "{}"):
            if line[position] == "{":
                if depth:
                    raise BankError(path, number, "'{' inside an answer block (escape it as \\{)")
                depth, depth_line = 1, number
            else:
                if not depth:
                    raise BankError(path, number, "'}' without an opening '{' (escape it as \\})")
                depth = 0
        current.append(line)
    if depth:
        raise BankError(path, depth_line, "answer block opened with '{' is never closed")
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _answers(block: str) -> tuple[list[tuple[str, str, float | None, str]], str]:
    """([(marker '=' or '~', text, weight or None, feedback)], general feedback) of an answer block."""
    general = ""
    general_at = block.find("####")
    if general_at >= 0:
        block, general = block[:general_at], unescape(block[general_at + 4 :])
    starts = _unescaped(block, "=~")
    parts = []
    for i, begin in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(block)
        raw = block[begin + 1 : end]
        feedback = ""
        hashes = _unescaped(raw, "#")
        if hashes:
            raw, feedback = raw[: hashes[0]], unescape(raw[hashes[0] + 1 :])
        weight = None
        match = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", raw)
        if match:
            weight, raw = float(match.group(1)), raw[match.end() :]
        parts.append((block[begin], unescape(raw), weight, feedback))
    return parts, general


def _convert(title: str, prompt: str, inner: str, category: str) -> BankQuestion | str:
    """A question, or the reason it cannot be converted."""
    body = inner.strip()
    qid = title or prompt[:40]
    if not body:
        return "essay questions are not supported"
    if body.startswith("#"):
        return "numerical questions are not supported"
    word = body.split("#")[0].strip().casefold()
    if word in TRUE_WORDS:
        # {T#shown after a wrong answer#shown after the right one}, as Moodle reads it
        feedback = [unescape(f) for f in re.split(r"(?<!\\)#", body)[1:]] + ["", ""]
        truth, wrong, right = TRUE_WORDS[word], feedback[0], feedback[1]
        return BankQuestion(
            qid,
            MULTIPLE_CHOICE,
            prompt,
            choices=(
                Choice("True", truth, right if truth else wrong),
                Choice("False", not truth, wrong if truth else right),
            ),
            category=category,
        )
    parts, general = _answers(body)
    if not parts:
        return "the answer block has no answers"
    if any("->" in text for _, text, _, _ in parts):
        return "matching questions are not supported"
    if all(marker == "=" for marker, _, _, _ in parts):
        accepted = tuple(text for _, text, weight, _ in parts if weight is None or weight >= 100)
        if not accepted:
            return "no answer gets full marks"
        return BankQuestion(qid, SHORT_ANSWER, prompt, answers=accepted, feedback=general, category=category)
    choices = tuple(
        Choice(text, marker == "=" or (weight is not None and weight > 0), feedback)
        for marker, text, weight, feedback in parts
    )
    if not any(c.correct for c in choices):
        return "no choice is marked right (= or a positive %weight%)"
    if any(not c.text for c in choices):
        return "a choice has no text"
    return BankQuestion(qid, MULTIPLE_CHOICE, prompt, choices=choices, feedback=general, category=category)


def read_gift(path: Path) -> tuple[list[BankQuestion], list[Skipped]]:
    """Every question of the file, and every one that could not be converted (with its reason)."""
    try:
        if path.stat().st_size > MAX_GIFT_BYTES:
            raise BankError(path, None, "file is too large")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise BankError(path, line, "not UTF-8 text") from None
    except OSError as exc:
        raise BankError(path, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    questions: list[BankQuestion] = []
    skipped: list[Skipped] = []
    category = ""
    number = 0
    for line, block in _blocks(text, path):
        if block.lstrip().startswith("$CATEGORY:"):  # a category, perhaps with a question right under it
            first, _, block = block.lstrip().partition("\n")
            category = first.removeprefix("$CATEGORY:").strip().rsplit("/", 1)[-1].strip()
            line += 1
            if not block.strip():
                continue
        stripped = block.strip()
        number += 1
        title = ""
        match = re.match(r"::(.*?)(?<!\\)::", stripped, re.DOTALL)
        if match:
            title, stripped = unescape(match.group(1)), stripped[match.end() :]
        braces = _unescaped(stripped, "{}")
        if not braces:
            skipped.append(Skipped(number, line, "a description without an answer block is not a question"))
            continue
        opening, closing = braces[0], braces[1]
        before, inner, after = stripped[:opening], stripped[opening + 1 : closing], stripped[closing + 1 :]
        prompt = _plain(before)
        if after.strip():
            prompt = f"{prompt} _____ {_plain(after)}".strip()
        if not prompt:
            skipped.append(Skipped(number, line, "the question has no text"))
            continue
        converted = _convert(title, prompt, inner, category)
        if isinstance(converted, str):
            skipped.append(Skipped(number, line, converted))
        else:
            questions.append(replace(converted, source=f"{path.name}, question {number} (line {line})"))
    return questions, skipped
