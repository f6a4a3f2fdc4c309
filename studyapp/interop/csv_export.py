"""CSV for spreadsheets: the atlas (a row per muscle, or per trigger point) and the review history.

UTF-8 with a header row; lists inside a cell are joined with "; ". A byte-order mark is added only
on request (`bom=True`): Excel on Windows needs it to read UTF-8, other programs may show it.
The review history is read from the data folder's review store, opened read-only.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from studyapp.content.model import Atlas
from studyapp.interop.atomic import write_text
from studyapp.interop.errors import ExportError

TABLES = ("muscles", "trigger-points", "reviews")
RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
REVIEW_DB = "reviews.sqlite3"

MUSCLE_COLUMNS = [
    "id", "name", "latin_name", "aliases", "area", "area_label", "group", "origin", "insertion", "actions",
    "innervation", "roots", "blood_supply", "trigger_points", "synergists", "antagonists", "acupoints",
    "sources",
]  # fmt: skip
TRIGGER_POINT_COLUMNS = [
    "muscle_id", "muscle_name", "area", "trigger_point_id", "label", "location", "essential_zones",
    "spillover_zones", "essential_zone_ids", "spillover_zone_ids", "symptoms",
]  # fmt: skip
REVIEW_COLUMNS = ["time_utc", "card_id", "muscle_id", "card_type", "rating", "rating_label", "state_before",
                  "duration_ms", "mode"]  # fmt: skip


def _join(values: Iterable[str]) -> str:
    return "; ".join(v for v in values if v)


def _labels(atlas: Atlas, region_ids: Iterable[str]) -> str:
    return _join(atlas.regions[r].label if r in atlas.regions else r for r in region_ids)


def muscle_rows(atlas: Atlas) -> list[list[str]]:
    rows = []
    for m in atlas.muscles.values():
        area = atlas.areas.get(m.area)
        rows.append([
            m.id, m.name, m.latin_name, _join(m.aliases), m.area, area.label if area else "", m.group,
            m.origin, m.insertion, _join(a.label for a in m.actions), m.innervation.nerve,
            _join(m.innervation.roots), m.blood_supply, str(len(m.trigger_points)),
            _join(atlas.muscles[s].name if s in atlas.muscles else s for s in m.synergists),
            _join(atlas.muscles[s].name if s in atlas.muscles else s for s in m.antagonists),
            _join(p.code for p in m.acupoints), _join(s.citation for s in m.sources),
        ])  # fmt: skip
    return rows


def trigger_point_rows(atlas: Atlas) -> list[list[str]]:
    rows = []
    for m in atlas.muscles.values():
        for tp in m.trigger_points:
            essential, spillover = tp.essential_zones, tp.spillover_zones
            rows.append([
                m.id, m.name, m.area, tp.id, tp.label, tp.location, _labels(atlas, essential),
                _labels(atlas, spillover), _join(essential), _join(spillover), _join(tp.symptoms),
            ])  # fmt: skip
    return rows


def review_rows(folder: Path) -> list[list[str]]:
    """Reviews that count (undone ones left out), oldest first, from `folder`'s store, read-only."""
    path = folder / REVIEW_DB
    if not path.is_file():
        raise ExportError(f"no review history in {folder} (nothing has been studied yet)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ExportError(f"cannot open the review history {path}: {exc}") from None
    try:
        rows = conn.execute(
            "SELECT time_ms, card_id, rating, state_before, duration_ms, mode FROM review_log"
            " WHERE kind = 'review' AND id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL)"
            " ORDER BY time_ms, id"
        ).fetchall()
    except sqlite3.Error as exc:
        raise ExportError(f"cannot read the review history {path}: {exc}") from None
    finally:
        conn.close()
    out = []
    for time_ms, card_id, rating, state_before, duration_ms, mode in rows:
        parts = str(card_id).split(":")
        when = datetime.fromtimestamp(time_ms / 1000, tz=UTC).isoformat(timespec="seconds")
        out.append([
            when.replace("+00:00", "Z"), card_id, parts[0] if not parts[0].startswith("zone.") else "",
            parts[1] if len(parts) > 1 else "", "" if rating is None else str(rating),
            RATINGS.get(rating, ""), STATES.get(state_before, ""),
            "" if duration_ms is None else str(duration_ms), mode or "",
        ])  # fmt: skip
    return out


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends; every spreadsheet reads them
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def table(name: str, atlas: Atlas, data_folder: Path) -> tuple[list[str], list[list[str]]]:
    if name == "muscles":
        return MUSCLE_COLUMNS, muscle_rows(atlas)
    if name == "trigger-points":
        return TRIGGER_POINT_COLUMNS, trigger_point_rows(atlas)
    if name == "reviews":
        return REVIEW_COLUMNS, review_rows(data_folder)
    raise ExportError(f"unknown table '{name}'; use one of {', '.join(TABLES)}")


def write_csv(name: str, atlas: Atlas, data_folder: Path, target: Path, *, bom: bool = False) -> int:
    """Write one table; returns the number of data rows."""
    header, rows = table(name, atlas, data_folder)
    write_text(target, to_csv(header, rows), bom=bom)
    return len(rows)
