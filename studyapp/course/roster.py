"""Combine students' completion records into the roster a provider keeps for six years."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studyapp.course.completion import CSV_COLUMNS, RecordError, check_record, record_csv_row

MAX_RECORD_BYTES = 1024 * 1024
ROSTER_COLUMNS = ("file", "status", *CSV_COLUMNS)


@dataclass(frozen=True, slots=True)
class RosterRow:
    file: str
    status: str  # "ok", "duplicate of FILE", "integrity failed: ...", "unreadable: ..."
    fields: dict[str, str]


def _read(path: Path) -> object:
    if path.is_symlink() or not path.is_file():
        raise RecordError("not a regular file")
    if path.stat().st_size > MAX_RECORD_BYTES:
        raise RecordError(f"larger than {MAX_RECORD_BYTES // 1024} KiB")
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"not valid JSON ({exc.__class__.__name__})") from None


def build_roster(paths: Iterable[Path]) -> list[RosterRow]:
    """One row per record, in the order given; problems are flagged, never dropped silently."""
    rows: list[RosterRow] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    for path in paths:
        name = str(path)
        try:
            record = check_record(_read(path))
        except OSError as exc:
            rows.append(RosterRow(name, f"unreadable: {exc.strerror or exc}", {}))
            continue
        except RecordError as exc:
            rows.append(RosterRow(name, f"integrity failed: {exc}", {}))
            continue
        fields = record_csv_row(record)
        key = (
            fields["participant"].casefold(),
            fields["licence"].casefold(),
            fields["course_id"],
            fields["certificate_code"],
        )
        status = f"duplicate of {seen[key]}" if key in seen else "ok"
        seen.setdefault(key, name)
        rows.append(RosterRow(name, status, fields))
    return rows


def write_roster(rows: Iterable[RosterRow], out: Path) -> None:
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ROSTER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({"file": row.file, "status": row.status, **row.fields})
    partial.replace(out)
