"""`studyapp migrate`: rewrite version 1 content files as version 2, in place.

Version 2 adds optional fields only, so a version 1 file becomes version 2 by stating
`schema: 2` as its first key. The edit is made on the text, not by re-dumping the YAML, so comments,
key order, quoting and folded blocks stay exactly as the author wrote them; running it twice
changes nothing the second time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from studyapp.content.model import SCHEMA_VERSION
from studyapp.content.yamlfile import Problem, read_yaml

_SCHEMA_LINE = re.compile(r"^schema[ \t]*:[ \t]*(?P<value>[^#\r\n]*?)[ \t]*(?:#.*)?$", re.MULTILINE)
_SKIP = re.compile(r"^(?:[ \t]*(?:#.*)?|---[ \t]*|%.*)$")  # blank, comment, document start, directive


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    status: str  # "migrated" | "unchanged" | "error"
    message: str = ""


def migrate_text(text: str) -> str:
    """The same text stating `schema: 2`: an existing top-level `schema:` line is rewritten, otherwise
    the line is inserted before the first key (after any leading comments)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    found = _SCHEMA_LINE.search(text)
    wanted = f"schema: {SCHEMA_VERSION}"
    if found:
        if found.group("value") == str(SCHEMA_VERSION):
            return text
        return text[: found.start()] + wanted + text[found.end("value") :]
    lines = text.splitlines(keepends=True)
    at = 0
    while at < len(lines) and _SKIP.match(lines[at].rstrip("\r\n")):
        at += 1
    return "".join([*lines[:at], wanted + newline, *lines[at:]])


def migrate_file(path: Path) -> Outcome:
    parsed = read_yaml(path, str(path))
    if isinstance(parsed, Problem):
        return Outcome(path, "error", str(parsed))
    if not isinstance(parsed.data, dict):
        return Outcome(path, "error", f"{path}: is not a content file (no mapping at the top)")
    version = parsed.data.get("schema", 1)
    if isinstance(version, bool) or version not in (1, SCHEMA_VERSION):
        return Outcome(path, "error", f"{path}: schema {version!r} is not a version this command migrates")
    text = path.read_text(encoding="utf-8")
    new = migrate_text(text)
    if new == text:
        return Outcome(path, "unchanged")
    partial = path.with_name(path.name + ".migrating")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            handle.write(new)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return Outcome(path, "error", f"{path}: cannot be written ({exc})")
    return Outcome(path, "migrated")


def content_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """YAML files named directly or found under folders; names that do not exist are reported."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing
