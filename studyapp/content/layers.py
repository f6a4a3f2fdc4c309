"""Layered content: a later root extends a muscle of an earlier one with an `extends:` record.

    schema: 2
    extends: gluteus_medius          # the muscle to extend (any earlier root)
    replaces: [palpation]            # facts that replace the earlier value instead of adding to it
    palpation: ...
    trigger_points: [...]            # added after the earlier ones
    notes: [...]

Lists in `schema.EXTENDABLE` are appended to; any other field must be named in `replaces:`. Two
files replacing the same field of the same muscle is an error naming both, so which one wins never
depends on load order. An extension with any problem is left out as a whole (the muscle loads as it
was), and every added or replaced part remembers its root, so removing a root removes exactly what
it added. Card ids do not change: they are built from muscle and trigger-point ids, and an
extension cannot change an existing id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studyapp.content import schema
from studyapp.content.checks import check_mapping, problem, suggest
from studyapp.content.model import RootRef
from studyapp.content.yamlfile import Problem, YamlDoc

if TYPE_CHECKING:
    from studyapp.content.loader import RawRecord, _Context

_CONTROL = ("schema", "extends", "replaces")


def item_key(field: str, item: Any, index: int) -> str:
    """Provenance key of one list item: ids where the item has one, else its position."""
    if isinstance(item, dict):
        for name in ("id", "code"):
            if isinstance(item.get(name), str):
                return f"{field}:{item[name]}"
    return f"{field}:{index}"


def apply_extensions(
    raw: dict[str, RawRecord],
    extensions: list[tuple[YamlDoc, RootRef]],
    context: _Context,
    problems: list[Problem],
    skipped: list[str],
) -> None:
    from studyapp.content.loader import check_record

    replaced: dict[tuple[str, str], str] = {}  # (muscle id, field) -> file that replaced it
    for doc, ref in extensions:
        data = doc.data
        found = check_mapping(doc, (), data, schema.EXTENSION)
        target = data.get("extends") if isinstance(data.get("extends"), str) else None
        record = raw.get(target) if target else None
        if target and record is None:
            unknown = f"extends unknown muscle '{target}'{suggest(target, raw)}"
            found.append(problem(doc, ("extends",), unknown))
        replaces = data.get("replaces") if isinstance(data.get("replaces"), list) else []
        for i, name in enumerate(replaces):
            if not isinstance(name, str):
                continue  # the shape check reports it
            if name in _CONTROL or name in schema.NOT_REPLACEABLE or name not in schema.EXTENSION:
                found.append(problem(doc, ("replaces", i), f"'{name}' cannot be replaced"))
            elif name not in data:
                found.append(problem(doc, ("replaces", i), f"replaces '{name}' but gives no new value"))
        for name in data:
            if name in _CONTROL or name in replaces or name in schema.EXTENDABLE:
                continue
            if name in schema.EXTENSION:
                found.append(
                    problem(
                        doc,
                        (str(name),),
                        f"would replace a fact of '{target}': list '{name}' in replaces: to do that",
                    )
                )
        found.extend(check_record(doc, data, context))
        if record is not None and not found:
            found.extend(_clashes(doc, data, record, replaces, replaced))
        problems.extend(found)
        if found or record is None or target is None:
            skipped.append(f"{doc.display} (extends {target or 'nothing'})")
            continue
        _merge(record, doc, data, ref, replaces)
        for name in replaces:
            replaced[(target, name)] = doc.display


def _clashes(
    doc: YamlDoc,
    data: dict[str, Any],
    record: RawRecord,
    replaces: list[str],
    replaced: dict[tuple[str, str], str],
) -> list[Problem]:
    """Two roots replacing one field, and ids an extension would duplicate."""
    found: list[Problem] = []
    mid = record.data["id"]
    for i, name in enumerate(replaces):
        other = replaced.get((mid, name))
        if other is not None:
            found.append(
                problem(
                    doc,
                    ("replaces", i),
                    f"'{name}' of '{mid}' is replaced both here and in {other}; only one root may replace it",
                )
            )
    for name, ident in (("trigger_points", "id"), ("sources", "id"), ("acupoints", "code")):
        if name in replaces or not isinstance(data.get(name), list):
            continue
        have = {item.get(ident) for item in record.data.get(name) or () if isinstance(item, dict)}
        for i, item in enumerate(data[name]):
            if isinstance(item, dict) and item.get(ident) in have:
                already = f"'{item[ident]}' is already in '{mid}' ({record.doc.display})"
                found.append(problem(doc, (name, i, ident), already))
    return found


def _merge(record: RawRecord, doc: YamlDoc, data: dict[str, Any], ref: RootRef, replaces: list[str]) -> None:
    merged = dict(record.data)
    for name, value in data.items():
        if name in _CONTROL:
            continue
        if name in replaces:
            merged[name] = value
            record.parts[name] = ref
            continue
        before = list(merged.get(name) or [])
        merged[name] = before + list(value)
        for index, item in enumerate(value, start=len(before)):
            record.parts[item_key(name, item, index)] = ref
    record.data = merged
    record.files.append(doc.display)
