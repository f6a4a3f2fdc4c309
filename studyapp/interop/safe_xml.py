"""Parse an untrusted XML file safely, keeping the line of every element.

A question bank comes from someone else: a document type declaration (and with it every custom or
external entity, the "billion laughs" and external-entity attacks) is refused outright, and the file
is bounded in size before any parsing. Only expat from the standard library is used.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from studyapp.interop.errors import BankError

MAX_XML_BYTES = 50 * 1024 * 1024  # a large Moodle export with pictures is a few MB


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse(path: Path, max_bytes: int = MAX_XML_BYTES) -> tuple[ET.Element, dict[int, int]]:
    """(root element, id(element) -> line number). Raises BankError naming the file and line."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BankError(
                path, None, f"file is too large ({size // 1024} KiB; at most {max_bytes // 1024} KiB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BankError(path, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_doctype(*_args: object) -> None:
        raise _Refused("document type declarations are not allowed in a question bank")

    def refuse_entity(*_args: object) -> None:
        raise _Refused("entity declarations are not allowed in a question bank")

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(tag, attrs)
        lines[id(element)] = parser.CurrentLineNumber

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise BankError(path, parser.CurrentLineNumber, exc.reason) from None
    except expat.ExpatError as exc:
        raise BankError(
            path, exc.lineno, f"not well-formed XML ({expat.errors.messages[exc.code]})"
        ) from None
    root = builder.close()
    return root, lines
