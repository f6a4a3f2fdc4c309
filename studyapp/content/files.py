"""The yaml-free half of reading content: bounded file reads and the `Problem` an author is shown.

Kept apart from `yamlfile` so code that only reports problems, or reads the atlas cache, does not
import the YAML parser (start-up with a warm cache never parses YAML).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PathKey = tuple[str | int, ...]

# Never follow a link and never wait on a FIFO, even if one appears between the check and the open.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with control characters escaped, so a key holding a newline cannot fake an output line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, phrased for the person who wrote it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)


@dataclass(slots=True)
class YamlDoc:
    path: Path
    display: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, key: PathKey) -> int | None:
        """Line of the deepest part of `key` that exists in the file (1-based)."""
        for end in range(len(key), -1, -1):
            line = self.lines.get(key[:end])
            if line is not None:
                return line
        return None


def field_name(key: PathKey) -> str:
    """`("trigger_points", 0, "markers")` -> `trigger_points[1].markers` (1-based, as authors count)."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Refused(Exception):
    """A file that is not read at all (wrong kind of file, too large, unreadable); says why."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, refusing links, FIFOs, devices, folders and files over `limit` bytes.

    Nothing is read from a refused file, so a FIFO cannot hang the caller and a link to /dev/zero
    cannot fill memory.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise Refused(f"cannot be read ({_reason(exc)})") from exc
    if stat.S_ISLNK(info.st_mode):
        raise Refused("is a symbolic link; content files must be regular files (copy the file instead)")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"is {_kind(info.st_mode)}, not a regular file; it was not read")
    if info.st_size > limit:
        raise Refused(f"is {info.st_size:,} bytes; the limit is {limit:,} bytes")
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise Refused(f"cannot be read ({_reason(exc)})") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Refused("changed into something other than a regular file while being read")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Refused(f"cannot be read ({_reason(exc)})") from exc
    if len(data) > limit:
        raise Refused(f"grew beyond the limit of {limit:,} bytes while being read")
    return data


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode_text(data: bytes) -> str | tuple[int, str]:
    """UTF-8 text, or (line, reason) for a NUL byte or bytes that are not UTF-8."""
    nul = data.find(b"\0")
    if nul >= 0:
        return data.count(b"\n", 0, nul) + 1, "contains a NUL byte; content files are UTF-8 text"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return line, f"is not UTF-8 text (byte 0x{byte:02x} at column {column}); save it as UTF-8"
