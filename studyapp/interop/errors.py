"""The errors interop raises: each is one sentence a student or instructor can act on."""

from __future__ import annotations

from pathlib import Path


class InteropError(Exception):
    """An export or import that cannot be done; `str()` is the one-line message the CLI prints."""


class ExportError(InteropError):
    """Bad export request: unknown format, deck or card type, or an output that cannot be written."""


class BankError(InteropError):
    """A question bank that cannot be read at all (not one bad question: those are reported)."""

    def __init__(self, file: Path | str, line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {reason}")
