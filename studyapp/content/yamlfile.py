"""Reading YAML with line numbers, so every complaint can point an author at the right line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; the pure-Python one is the same safe subset
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, phrased for the person who wrote it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


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


def read_yaml(path: Path, display: str) -> YamlDoc | Problem:
    """Parse one file; a syntax error comes back as a Problem instead of an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(display, None, "", f"cannot be read ({exc.__class__.__name__}: {exc})")
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        return Problem(display, line, "", f"is not valid YAML: {what}")
    except yaml.YAMLError as exc:
        return Problem(display, None, "", f"is not valid YAML: {exc}")
    finally:
        loader.dispose()
    doc = YamlDoc(path, display, data)
    if node is not None:
        _collect_lines(node, (), doc.lines)
    return doc


def _collect_lines(node: yaml.Node, key: PathKey, lines: dict[PathKey, int]) -> None:
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*key, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1
            _collect_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*key, index), lines)
