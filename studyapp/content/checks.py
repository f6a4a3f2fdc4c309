"""Shape checks of parsed YAML against the declared schema; all problems, not just the first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from studyapp.content.schema import FieldSpec
from studyapp.content.yamlfile import PathKey, Problem, YamlDoc, field_name

_KIND_WORDS = {
    "str": "text",
    "number": "a number",
    "bool": "yes or no",
    "str_list": "a list of text items",
    "map": "a mapping of named fields",
    "map_list": "a list of mappings",
    "number_pair_map": "a mapping of view id to [x, y]",
    "str_map": "a mapping of names to text",
}


ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
ID_RULE = "lower-case letters, digits and underscores, starting with a letter, at most 64 characters"


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean" tail for an unknown name, or nothing when no candidate is close.

    rapidfuzz (not difflib) because a hostile file can hold thousands of unknown names: about
    10 microseconds per name against the whole region catalogue instead of 0.4 ms.
    """
    if not isinstance(word, str):
        return ""
    close = process.extractOne(word, list(candidates), scorer=fuzz.ratio, score_cutoff=70)
    return f" (did you mean '{close[0]}'?)" if close else ""


MAX_PROBLEMS_PER_FILE = 100  # beyond this a file is plainly not content; listing more helps nobody


def capped(found: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems of one file, then one line saying how many were left out."""
    if len(found) <= MAX_PROBLEMS_PER_FILE:
        return found
    last = found[MAX_PROBLEMS_PER_FILE - 1]
    more = len(found) - MAX_PROBLEMS_PER_FILE + 1
    return [*found[: MAX_PROBLEMS_PER_FILE - 1], Problem(last.file, None, "", f"and {more:,} more problems")]


def check_id(doc: YamlDoc, key: PathKey, value: Any, expected: str | None = None) -> list[Problem]:
    """An id is text in the id alphabet (cards, links and exports use it); `expected` is the file's."""
    if not isinstance(value, str):
        return []  # the shape check reports it
    if not ID_PATTERN.fullmatch(value):
        return [problem(doc, key, f"'{value:.80}' is not an id ({ID_RULE})")]
    if expected is not None and value != expected:
        return [problem(doc, key, f"is '{value}' but the file is named '{expected}.yaml'; they must match")]
    return []


def problem(doc: YamlDoc, key: PathKey, message: str) -> Problem:
    return Problem(doc.display, doc.line_of(key), field_name(key), message)


def check_mapping(doc: YamlDoc, key: PathKey, value: Any, spec: dict[str, FieldSpec]) -> list[Problem]:
    if not isinstance(value, dict):
        return [problem(doc, key, f"must be {_KIND_WORDS['map']}, found {_describe(value)}")]
    problems: list[Problem] = []
    for name in value:
        if name not in spec:
            problems.append(
                problem(doc, (*key, str(name)), f"unknown field '{name}'{suggest(str(name), spec)}")
            )
    for name, field_spec in spec.items():
        if name not in value or value[name] is None:
            if field_spec.required:
                problems.append(problem(doc, key, f"missing required field '{name}'"))
            continue
        problems.extend(check_value(doc, (*key, name), value[name], field_spec))
    return problems


def check_value(doc: YamlDoc, key: PathKey, value: Any, spec: FieldSpec) -> list[Problem]:
    wrong = f"must be {_KIND_WORDS[spec.kind]}, found {_describe(value)}"
    if spec.kind == "str":
        if not isinstance(value, str):
            return [problem(doc, key, wrong)]
        if spec.required and not value.strip():
            return [problem(doc, key, "must not be empty")]
        return []
    if spec.kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [problem(doc, key, wrong)]
    if spec.kind == "bool":
        return [] if isinstance(value, bool) else [problem(doc, key, wrong)]
    if spec.kind == "map":
        assert spec.fields is not None
        return check_mapping(doc, key, value, spec.fields)
    if not isinstance(value, list) and spec.kind in ("str_list", "map_list"):
        return [problem(doc, key, wrong)]
    if spec.kind == "str_list":
        return [
            problem(doc, (*key, i), f"must be text, found {_describe(item)}")
            for i, item in enumerate(value)
            if not isinstance(item, str) or not item.strip()
        ]
    if spec.kind == "map_list":
        assert spec.fields is not None
        if spec.required and not value:
            return [problem(doc, key, "must list at least one entry")]
        found: list[Problem] = []
        for i, item in enumerate(value):
            found.extend(check_mapping(doc, (*key, i), item, spec.fields))
        return found
    if spec.kind == "str_map":
        if not isinstance(value, dict) or not value:
            return [problem(doc, key, wrong)]
        return [
            problem(doc, (*key, str(name)), f"must be text, found {_describe(item)}")
            for name, item in value.items()
            if not isinstance(item, str) or not item.strip()
        ]
    # number_pair_map
    if not isinstance(value, dict) or not value:
        return [problem(doc, key, wrong)]
    found = []
    for view, pair in value.items():
        numbers = isinstance(pair, list) and len(pair) == 2
        numbers = numbers and all(isinstance(n, int | float) and not isinstance(n, bool) for n in pair)
        if not numbers:
            found.append(problem(doc, (*key, str(view)), f"must be [x, y], found {_describe(pair)}"))
    return found


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value {value!r}"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
