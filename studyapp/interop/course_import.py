"""`studyapp course import-questions`: add a GIFT or Moodle XML bank to a course folder.

The questions are appended to DIR/questions.yaml (ids made unique), pictures go to DIR/media/, and
every question that could not be converted is reported by number, line and reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from studyapp.interop.atomic import write_bytes
from studyapp.interop.bank import BankQuestion, Skipped, merge, read_bank, write_bank
from studyapp.interop.errors import BankError, ExportError
from studyapp.interop.gift_import import read_gift
from studyapp.interop.moodle_import import read_moodle_xml

MEDIA = "media"


@dataclass(frozen=True, slots=True)
class ImportReport:
    bank: Path
    added: list[BankQuestion]
    skipped: list[Skipped]


def read_any(path: Path) -> tuple[list[BankQuestion], list[Skipped], dict[str, bytes]]:
    """Questions from a .gift/.txt (GIFT) or .xml (Moodle XML) file."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return read_moodle_xml(path)
    if suffix in (".gift", ".txt"):
        questions, skipped = read_gift(path)
        return questions, skipped, {}
    if not path.is_file():
        raise BankError(path, None, "no such file")
    raise BankError(path, None, "unknown bank format; use a .gift (GIFT) or .xml (Moodle XML) file")


def import_questions(source: Path, folder: Path) -> ImportReport:
    if not source.is_file():
        raise BankError(source, None, "no such file")
    questions, skipped, pictures = read_any(source)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot use {folder} as a course folder: it is a file")
    bank = read_bank(folder) if folder.is_dir() else None  # a broken bank is reported before writing
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot create the course folder {folder}: {(exc.strerror or str(exc)).lower()}"
        ) from None
    if bank is None:
        bank = read_bank(folder)
    added = merge(bank, questions)
    final = []
    for question in added:
        if question.picture in pictures:
            name = f"{MEDIA}/{question.id}-{question.picture.split('-', 1)[1]}"
            (folder / MEDIA).mkdir(exist_ok=True)
            write_bytes(folder / name, pictures[question.picture])
            question = replace(question, picture=name)
        final.append(question)
    bank.questions[len(bank.questions) - len(added) :] = final
    path = (
        write_bank(folder, bank)
        if final or not (folder / "questions.yaml").exists()
        else folder / "questions.yaml"
    )
    return ImportReport(path, final, skipped)
