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

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from studyapp.content.files import (  # re-exported: the names every content reader uses
    PathKey,
    Problem,
    Refused,
    YamlDoc,
    decode_text,
    field_name,
    printable,
    read_regular_file,
)

try:  # the C loader is several times faster; the pure-Python one is the same safe subset
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB; the largest bundled file (acupoints/bl.yaml) is 54 KB
MAX_DEPTH = 32  # the deepest bundled value is 6 levels down
MAX_VALUES = 20_000  # the largest bundled file (acupoints/bl.yaml) holds about 3,200
MAX_NUMBER_CHARS = 100  # far beyond any coordinate; Python refuses to parse 4,300+ digit integers

__all__ = [
    "MAX_FILE_BYTES", "PathKey", "Problem", "Refused", "YamlDoc", "decode_text", "field_name",
    "printable", "read_regular_file", "read_yaml",
]  # fmt: skip

_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


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
