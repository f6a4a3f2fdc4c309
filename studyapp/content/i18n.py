"""Translation overlays: `<root>/i18n/<lang>/muscles/**/*.yaml` hold translated fields only.

    schema: 2
    language: de
    muscles:
      gluteus_medius:
        name: {text: Mittlerer Gesäßmuskel, en_hash: 2b0f5b1c7a3e}
        trigger_points.tp1.symptoms: {text: [...], en_hash: ...}
        self_care.1.name: {text: ..., en_hash: ...}

Each entry keeps `en_hash`, a short hash of the English text it was translated from, so a change
to the English afterwards shows up as a stale translation (`studyapp validate --lang de`). The
loader merges the chosen language field by field; anything untranslated stays English.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.content.checks import problem, suggest
from studyapp.content.model import Root
from studyapp.content.yamlfile import Problem, YamlDoc, read_yaml

if TYPE_CHECKING:
    from studyapp.content.loader import RawRecord

TOP_TEXT = ("name", "group", "origin", "insertion", "action_notes", "blood_supply", "palpation")
TOP_LIST = ("aliases", "perpetuating_factors", "differential_diagnosis", "notes")
TP_TEXT = ("label", "location", "note")
TP_LIST = ("symptoms",)
SELF_CARE_TEXT = ("name", "instructions", "dosage")
NEEDLING_TEXT = ("patient_position", "direction", "depth", "cautions")
NEEDLING_LIST = ("structures_to_avoid",)
MAX_FILES = 2000  # a translation folder is untrusted input: bound what one load reads


@dataclass(slots=True)
class TranslationReport:
    """What `validate --lang` tells a translator: coverage, missing and stale fields."""

    language: str
    translated: dict[str, int] = field(default_factory=dict)  # muscle id -> fields translated
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)  # muscle id -> untranslated keys
    stale: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def text_hash(value: Any) -> str:
    """Short, stable hash of an English value (text or list of text), whitespace-trimmed."""
    norm = [v.strip() for v in value] if isinstance(value, list) else str(value).strip()
    return hashlib.sha256(json.dumps(norm, ensure_ascii=False).encode()).hexdigest()[:12]


def translatable(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every translatable key of a raw record with its English value (skipping empty ones)."""
    for name in (*TOP_TEXT, *TOP_LIST):
        if data.get(name):
            yield name, data[name]
    for tp in data.get("trigger_points") or ():
        for name in (*TP_TEXT, *TP_LIST):
            if tp.get(name):
                yield f"trigger_points.{tp['id']}.{name}", tp[name]
    for index, exercise in enumerate(data.get("self_care") or (), start=1):
        for name in SELF_CARE_TEXT:
            if exercise.get(name):
                yield f"self_care.{index}.{name}", exercise[name]
    needling = data.get("needling") or {}
    for name in (*NEEDLING_TEXT, *NEEDLING_LIST):
        if needling.get(name):
            yield f"needling.{name}", needling[name]


def _is_list_key(key: str) -> bool:
    return key.rsplit(".", 1)[-1] in (*TOP_LIST, *TP_LIST, *NEEDLING_LIST)


def _container(data: dict[str, Any], key: str) -> tuple[dict[str, Any], str] | None:
    """The dict holding `key`'s value in a raw record, and the name inside it (None if absent)."""
    parts = key.split(".")
    if len(parts) == 1:
        return data, parts[0]
    if parts[0] == "trigger_points" and len(parts) == 3:
        tp = next((t for t in data.get("trigger_points") or () if t.get("id") == parts[1]), None)
        return (tp, parts[2]) if tp is not None else None
    if parts[0] == "self_care" and len(parts) == 3 and parts[1].isdigit():
        items = data.get("self_care") or []
        index = int(parts[1]) - 1
        return (items[index], parts[2]) if 0 <= index < len(items) else None
    if parts[0] == "needling" and len(parts) == 2 and isinstance(data.get("needling"), dict):
        return data["needling"], parts[1]
    return None


def translation_files(roots: Sequence[Root], language: str) -> list[tuple[Path, Root]]:
    found: list[tuple[Path, Root]] = []
    for root in roots:
        folder = root.path / "i18n" / language / "muscles"
        if folder.is_dir():
            found.extend((path, root) for path in sorted(folder.rglob("*.yaml")))
    return found[:MAX_FILES]


def apply_translations(
    raw: dict[str, RawRecord], roots: Sequence[Root], language: str, problems: list[Problem]
) -> TranslationReport:
    """Merge `language` into the raw records in place; returns what a translator needs to know."""
    report = TranslationReport(language)
    english = {mid: dict(translatable(rec.data)) for mid, rec in raw.items()}
    done: dict[str, set[str]] = {}
    for path, root in translation_files(roots, language):
        base = root.path.parent
        display = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        parsed = read_yaml(path, display)
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        report.files.append(parsed.display)
        _apply_file(parsed, raw, english, language, report, problems, done)
    for mid, fields in english.items():
        missing = tuple(k for k in fields if k not in done.get(mid, set()))
        if missing:
            report.missing[mid] = missing
    return report


def _apply_file(
    doc: YamlDoc,
    raw: dict[str, RawRecord],
    english: dict[str, dict[str, Any]],
    language: str,
    report: TranslationReport,
    problems: list[Problem],
    done: dict[str, set[str]],
) -> None:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("muscles"), dict):
        problems.append(problem(doc, (), "must be a mapping with 'language' and 'muscles'"))
        return
    if data.get("language") != language:
        wrong = f"must be '{language}', the folder's language, not {data.get('language')!r}"
        problems.append(problem(doc, ("language",), wrong))
        return
    unknown = [k for k in data if k not in ("schema", "language", "muscles")]
    for name in unknown:
        problems.append(problem(doc, (str(name),), f"unknown field '{name}'"))
    for mid, entries in data["muscles"].items():
        record = raw.get(mid)
        if record is None:
            missing_record = f"translation for unknown muscle '{mid}'{suggest(str(mid), raw)}"
            problems.append(problem(doc, ("muscles", str(mid)), missing_record))
            continue
        if not isinstance(entries, dict):
            problems.append(problem(doc, ("muscles", str(mid)), "must map fields to {text, en_hash}"))
            continue
        for key, entry in entries.items():
            where = ("muscles", str(mid), str(key))
            message = _apply_entry(record, english[mid], str(key), entry)
            if message is None:
                record.language = language
                done.setdefault(mid, set()).add(str(key))
                report.translated[mid] = report.translated.get(mid, 0) + 1
                stale = _stale(english[mid][str(key)], entry)
                if stale:
                    report.stale.append(problem(doc, where, stale))
            else:
                problems.append(problem(doc, where, message))


def _apply_entry(record: RawRecord, english: dict[str, Any], key: str, entry: Any) -> str | None:
    """Put one translated value in place; a message for the translator when it cannot be used."""
    if key not in english:
        spot = _container(record.data, key)
        if spot is None or spot[1] not in (
            *TOP_TEXT,
            *TOP_LIST,
            *TP_TEXT,
            *TP_LIST,
            *SELF_CARE_TEXT,
            *NEEDLING_TEXT,
            *NEEDLING_LIST,
        ):
            return f"'{key}' is not a translatable field of this muscle{suggest(key, english)}"
        return f"'{key}' has no English text to translate"
    if not isinstance(entry, dict) or set(entry) - {"text", "en_hash"}:
        return "must be {text: ..., en_hash: ...}"
    text, digest = entry.get("text"), entry.get("en_hash")
    if not isinstance(digest, str) or not digest.strip():
        return "needs en_hash: the hash of the English text it translates (validate --lang prints it)"
    if _is_list_key(key):
        if not isinstance(text, list) or not all(isinstance(t, str) and t.strip() for t in text):
            return "text must be a list of text items"
        value: Any = [t.strip() for t in text]
    else:
        if not isinstance(text, str) or not text.strip():
            return "text must be non-empty text"
        value = text.strip()
    spot = _container(record.data, key)
    assert spot is not None  # key is in `english`, which was built from the same data
    container, name = spot
    if container is record.data:
        record.data = {**record.data, name: value}
    else:
        container[name] = value
    return None


def _stale(english: Any, entry: dict[str, Any]) -> str:
    now = text_hash(english)
    if entry["en_hash"].strip() == now:
        return ""
    return f"stale: the English changed after this was translated (en_hash {entry['en_hash']}, now {now})"
