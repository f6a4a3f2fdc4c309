"""A strict GIFT reader written from the format's documentation (Moodle docs, "GIFT format").

It exists to check studyapp's GIFT output against the format's own rules, independently of the
importer in studyapp.interop; it raises `GiftError` on anything the documentation does not allow:

- a question is separated from the next by at least one blank line; `//` starts a comment line;
- `$CATEGORY: path` on its own sets the category of the questions after it;
- `::title::` may open a question; `[html]`, `[moodle]`, `[plain]` or `[markdown]` may mark the
  format of the question text;
- the answers are in one `{...}` block: `=` marks a right answer, `~` a wrong one, `#` starts the
  answer's feedback, `####` the general feedback, and `%n%` after `~` or `=` gives a weight;
- a block with only `=` answers is a short-answer question; `=` and `~` make multiple choice;
- the characters ~ = # { } : are written with a backslash when they are meant literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMATS = ("html", "moodle", "plain", "markdown")
CONTROL = set("~=#{}:")


class GiftError(ValueError):
    pass


@dataclass
class Answer:
    right: bool
    text: str
    weight: float | None
    feedback: str


@dataclass
class GiftQuestion:
    title: str
    text_format: str
    text: str
    category: str
    answers: list[Answer] = field(default_factory=list)
    general_feedback: str = ""

    @property
    def kind(self) -> str:
        if all(a.right for a in self.answers):
            return "short_answer"
        return "multiple_choice"


def _literal(raw: str, where: str) -> str:
    """Undo the escapes; an unescaped control character is an error."""
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            if i + 1 >= len(raw):
                raise GiftError(f"{where}: a lone backslash at the end")
            nxt = raw[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        if ch in CONTROL:
            raise GiftError(f"{where}: unescaped {ch!r} in {raw!r}")
        out.append(ch)
        i += 1
    return "".join(out)


def _split(raw: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped marks: [(mark, text after it)]; text before the first mark is dropped."""
    pieces: list[tuple[str, str]] = []
    current: list[str] | None = None
    mark = ""
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            if current is not None:
                current.append(raw[i : i + 2])
            i += 2
            continue
        if ch in marks:
            if current is not None:
                pieces.append((mark, "".join(current)))
            mark, current = ch, []
        elif current is not None:
            current.append(ch)
        elif not ch.isspace():
            raise GiftError(f"text {raw[i:]!r} before the first answer")
        i += 1
    if current is not None:
        pieces.append((mark, "".join(current)))
    return pieces


def _answer(mark: str, raw: str, where: str) -> Answer:
    weight = None
    match = re.match(r"%(-?\d+(?:\.\d+)?)%", raw)
    if match:
        weight, raw = float(match.group(1)), raw[match.end() :]
    parts = re.split(r"(?<!\\)#", raw)
    if len(parts) > 2:
        raise GiftError(f"{where}: more than one feedback in an answer")
    text = _literal(parts[0], where).strip()
    if not text:
        raise GiftError(f"{where}: an empty answer")
    return Answer(mark == "=", text, weight, _literal(parts[1], where).strip() if len(parts) == 2 else "")


def parse_gift(source: str) -> list[GiftQuestion]:
    questions: list[GiftQuestion] = []
    category = ""
    blocks = re.split(r"\n[ \t]*\n", source.replace("\r\n", "\n"))
    for number, block in enumerate(blocks, 1):
        lines = [line for line in block.split("\n") if not line.lstrip().startswith("//")]
        text = "\n".join(lines).strip()
        if not text:
            continue
        where = f"block {number}"
        if text.startswith("$CATEGORY:"):
            if "\n" in text:
                raise GiftError(f"{where}: a category line must stand alone")
            category = text.removeprefix("$CATEGORY:").strip()
            continue
        title = ""
        if text.startswith("::"):
            end = re.search(r"(?<!\\)::", text[2:])
            if end is None:
                raise GiftError(f"{where}: title not closed with ::")
            title, text = _literal(text[2 : 2 + end.start()], where), text[2 + end.end() :]
        text_format = "moodle"
        match = re.match(r"\s*\[(\w+)\]", text)
        if match:
            if match.group(1) not in FORMATS:
                raise GiftError(f"{where}: unknown format [{match.group(1)}]")
            text_format, text = match.group(1), text[match.end() :]
        opening = [m.start() for m in re.finditer(r"(?<!\\)\{", text)]
        closing = [m.start() for m in re.finditer(r"(?<!\\)\}", text)]
        if len(opening) != 1 or len(closing) != 1 or closing[0] < opening[0]:
            raise GiftError(f"{where}: a question needs exactly one {{...}} answer block")
        if text[closing[0] + 1 :].strip():
            raise GiftError(f"{where}: text after the answer block (missing-word questions not expected)")
        body, block_text = text[: opening[0]], text[opening[0] + 1 : closing[0]]
        general = ""
        general_at = block_text.find("####")
        if general_at >= 0:
            block_text, general = (
                block_text[:general_at],
                _literal(block_text[general_at + 4 :], where).strip(),
            )
        answers = [_answer(mark, raw, where) for mark, raw in _split(block_text, "=~")]
        if not answers:
            raise GiftError(f"{where}: no answers")
        question = GiftQuestion(title, text_format, _literal(body, where).strip(), category, answers, general)
        if question.kind == "multiple_choice" and not any(
            a.right or (a.weight is not None and a.weight > 0) for a in answers
        ):
            raise GiftError(f"{where}: no right answer")
        questions.append(question)
    return questions
