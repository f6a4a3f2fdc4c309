"""What `studyapp export --format apkg|moodle-xml|gift|qti|csv` and `studyapp course
import-questions` do, apart from parsing arguments (studyapp.cli) and drawing pictures (studyapp.ui).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.content.model import Atlas
from studyapp.interop.atomic import check_writable
from studyapp.interop.cards import ALL, select_items
from studyapp.interop.errors import ExportError
from studyapp.interop.model import Item, PictureRenderer

FORMATS = ("json", "apkg", "moodle-xml", "gift", "qti", "csv")
# Formats that carry pictures: only these ask the Qt layer to draw.
WITH_PICTURES = frozenset({"apkg", "moodle-xml", "qti"})

# atlas -> (renderer, release function); the CLI passes the Qt one in.
RendererFactory = Callable[[Atlas], tuple[PictureRenderer, Callable[[], None]]]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    format: str
    output: Path
    deck: str = ALL
    card_types: Sequence[str] = ()
    table: str = "muscles"
    bom: bool = False
    pictures: bool = True


def check_format(name: str) -> None:
    if name not in FORMATS:
        raise ExportError(f"unknown format '{name}'; use one of {', '.join(FORMATS)}")


def export(request: ExportRequest, atlas: Atlas, data_folder: Path, renderers: RendererFactory | None) -> str:
    """Write the export; returns the one-line summary to print. Raises InteropError on bad input."""
    check_format(request.format)
    fmt, target = request.format, request.output
    check_writable(target)
    if fmt == "json":
        from studyapp.content.acupoints_export import atlas_with_points
        from studyapp.interop.atomic import write_text

        write_text(target, json.dumps(atlas_with_points(atlas), ensure_ascii=False, indent=1) + "\n")
        return f"Wrote the atlas as JSON to {target}"
    if fmt == "csv":
        from studyapp.interop.csv_export import write_csv

        rows = write_csv(request.table, atlas, data_folder, target, bom=request.bom)
        return f"Wrote {rows} {request.table} rows to {target}"
    deck_name, items = select_items(atlas, request.deck, list(request.card_types), choices=fmt != "apkg")
    if not items:
        raise ExportError(f"deck '{request.deck}' has no cards of the chosen types; nothing to export")
    media_root = Path(request.deck) if Path(request.deck).is_dir() else None
    renderer, release = (None, None)
    if request.pictures and renderers is not None and fmt in WITH_PICTURES and media_root is None:
        renderer, release = renderers(atlas)
    try:
        count = _write(
            fmt, items, target, deck_name, renderer, media_root, subdecks=request.deck.casefold() == ALL
        )
    finally:
        if release is not None:
            release()
    return f"Wrote {count} {'notes' if fmt == 'apkg' else 'questions'} ({fmt}) to {target}"


def _write(
    fmt: str,
    items: Sequence[Item],
    target: Path,
    deck_name: str,
    renderer: PictureRenderer | None,
    media_root: Path | None,
    subdecks: bool,
) -> int:
    if fmt == "apkg":
        from studyapp.interop.anki import write_apkg

        return write_apkg(items, target, deck_name, renderer, subdecks=subdecks, media_root=media_root)
    if fmt == "moodle-xml":
        from studyapp.interop.lms import write_moodle_xml

        return write_moodle_xml(items, target, renderer, media_root)
    if fmt == "gift":
        from studyapp.interop.lms import write_gift

        return write_gift(items, target)
    from studyapp.interop.qti import write_qti

    return write_qti(items, target, renderer, media_root)


def import_questions(source: Path, folder: Path) -> tuple[int, list[str]]:
    """(exit status, lines to print): 0 all converted, 1 some questions skipped (the rest added)."""
    from studyapp.interop.course_import import import_questions as run

    report = run(source, folder)
    lines = [f"Added {len(report.added)} question(s) from {source} to {report.bank}."]
    if report.skipped:
        lines.append(f"{len(report.skipped)} question(s) could not be converted:")
        lines += [f"  {source}: {skipped}" for skipped in report.skipped]
    return (1 if report.skipped else 0), lines
