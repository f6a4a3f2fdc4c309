"""Reading YAML with line numbers, so every complaint can point an author at the right line.

Content files are untrusted (course packs, a student's own folder), so reading one is bounded and
never raises: a file is read only when it is a regular file (not a symbolic link, FIFO or device)
of at most `MAX_FILE_BYTES`, and its parsed structure is refused when it uses aliases (`*name`:
content never needs them, and they are how a few kilobytes expand to gigabytes), nests deeper than
`MAX_DEPTH`, holds more than `MAX_VALUES` values, repeats a key, uses a key that is not text, or
writes a number longer than `MAX_NUMBER_CHARS` characters. Each refusal is a `Problem` naming the
file, the line where there is one and the field.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; the pure-Python one is the same safe subset
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB; the largest bundled file (acupoints/bl.yaml) is 54 KB
MAX_DEPTH = 32  # the deepest bundled value is 6 levels down
MAX_VALUES = 20_000  # the largest bundled file (acupoints/bl.yaml) holds about 3,200
MAX_NUMBER_CHARS = 100  # far beyond any coordinate; Python refuses to parse 4,300+ digit integers

_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
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


class _ContentLoader(SafeLoader):
    """The safe loader; values that fail to convert (a 31st of February) are errors with a line."""


def _with_line(construct: Callable[[Any, yaml.Node], Any]) -> Callable[[Any, yaml.Node], Any]:
    def construct_with_line(loader: Any, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"value cannot be read ({exc})", node.start_mark
            ) from exc

    return construct_with_line


for _tag in ("int", "float", "timestamp", "binary"):  # the conversions that can fail on bad text
    _full_tag = f"tag:yaml.org,2002:{_tag}"
    _ContentLoader.add_constructor(_full_tag, _with_line(SafeLoader.yaml_constructors[_full_tag]))


def read_yaml(path: Path, display: str) -> YamlDoc | Problem:
    """Parse one file; anything wrong with it comes back as a Problem instead of an exception."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except Refused as exc:
        return Problem(display, None, "", str(exc))
    text = decode_text(raw)
    if isinstance(text, tuple):
        return Problem(display, text[0], "", text[1])
    loader = _ContentLoader(text)
    doc = YamlDoc(path, display, None)
    try:
        node = _compose(loader, doc)
        if isinstance(node, Problem):
            return node
        if node is None:
            return Problem(display, 1, "", "is empty; a content file holds one mapping of fields")
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        return Problem(display, line, "", f"is not valid YAML: {what}")
    except yaml.reader.ReaderError as exc:  # a control character: YAML allows only tab, CR and LF
        line = text.count("\n", 0, exc.position) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)  # libyaml: int
        shown = f"U+{code:04X}"
        return Problem(
            display, line, "", f"contains the control character {shown}, which YAML does not allow"
        )
    except yaml.YAMLError as exc:
        return Problem(
            display, None, "", f"is not valid YAML: {str(exc).splitlines()[0] if str(exc) else exc}"
        )
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # a conversion not covered above
        return Problem(display, None, "", f"has a value that cannot be read ({exc.__class__.__name__})")
    finally:
        loader.dispose()
    return doc


@dataclass(slots=True)
class _Open:
    """A list or mapping being composed, and (for a mapping) the key waiting for its value."""

    node: yaml.SequenceNode | yaml.MappingNode
    key: PathKey
    is_mapping: bool
    pending: yaml.ScalarNode | None = None
    first_line: dict[str, int] = field(default_factory=dict)


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_SequenceStart, _MappingStart = yaml.SequenceStartEvent, yaml.MappingStartEvent
_Ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _compose(loader: _ContentLoader, doc: YamlDoc) -> yaml.Node | Problem | None:
    """Build the node tree from parser events, recording the line of every value.

    Replaces PyYAML's composer so that hostile input stops at the first sign: an alias (how a few
    kilobytes expand to gigabytes, and how `&a [*a]` contains itself), nesting beyond MAX_DEPTH, more
    than MAX_VALUES values, a repeated or non-text key, an overlong number. Nothing is expanded.
    The loop dispatches on the exact event class: it runs for every value of every file.
    """

    def refuse(key: PathKey, mark: Any, message: str) -> Problem:  # libyaml's or PyYAML's Mark
        return Problem(doc.display, mark.line + 1, field_name(key), message)

    resolve = loader.resolve
    lines = doc.lines
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    root: yaml.Node | None = None
    stack: list[_Open] = []
    parent: _Open | None = None
    count = 0
    while True:
        event: Any = loader.get_event()  # never None inside a document
        kind = type(event)
        if kind in _Ends:
            stack.pop().node.end_mark = event.end_mark
            parent = stack[-1] if stack else None
            continue
        if kind is yaml.DocumentEndEvent:
            break
        start: Any = event.start_mark  # libyaml's Mark or PyYAML's, same fields
        if parent is not None and parent.is_mapping and parent.pending is None:
            tag = event.tag if kind is _Scalar else None
            if kind is _Scalar and (tag is None or tag == "!"):
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag != _STR_TAG:
                shown = event.value if kind is _Scalar else "a list or mapping"
                return refuse(parent.key, start, f"has a key that is not text ({shown!s:.40}); quote it")
            name = event.value
            line = start.line + 1
            if name in parent.first_line:
                return refuse(
                    (*parent.key, name),
                    start,
                    f"repeats the key '{name}' (first at line {parent.first_line[name]})",
                )
            parent.first_line[name] = line
            lines[(*parent.key, name)] = line
            parent.pending = yaml.ScalarNode(tag, name, start, event.end_mark, event.style)
            continue
        if parent is None:
            key: PathKey = ()
        elif parent.pending is not None:
            key = (*parent.key, parent.pending.value)
        else:
            key = (*parent.key, len(parent.node.value))
        if kind is _Alias:
            return refuse(key, start, "repeats an earlier value through an alias (*name); write it out")
        count += 1
        if count > MAX_VALUES:
            return refuse((), start, f"holds more than {MAX_VALUES:,} values; split it up")
        if key not in lines:
            lines[key] = start.line + 1
        node: yaml.Node
        if kind is _Scalar:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
                return refuse(
                    key,
                    start,
                    f"has a number of {len(event.value):,} characters (at most {MAX_NUMBER_CHARS})",
                )
            node = yaml.ScalarNode(tag, event.value, start, event.end_mark, event.style)
        elif len(stack) >= MAX_DEPTH:  # named by its top-level field: the full path is very long
            return refuse(key[:1], start, f"nests values more than {MAX_DEPTH} levels deep")
        elif kind is _SequenceStart:
            tag = event.tag if event.tag not in (None, "!") else resolve(yaml.SequenceNode, None, True)
            node = yaml.SequenceNode(tag, [], start, None, event.flow_style)
        else:
            assert kind is _MappingStart, kind
            tag = event.tag if event.tag not in (None, "!") else resolve(yaml.MappingNode, None, True)
            node = yaml.MappingNode(tag, [], start, None, event.flow_style)
        if parent is None:
            root = node
        elif parent.pending is not None:
            parent.node.value.append((parent.pending, node))
            parent.pending = None
        else:
            parent.node.value.append(node)
        if kind is not _Scalar:
            assert isinstance(node, yaml.SequenceNode | yaml.MappingNode)
            parent = _Open(node, key, kind is _MappingStart)
            stack.append(parent)
    end: Any = event
    if not loader.check_event(yaml.StreamEndEvent):
        return refuse((), end.end_mark, "holds more than one document (---); a content file holds one")
    return root
