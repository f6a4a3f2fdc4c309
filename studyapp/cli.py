"""Command line: `studyapp` opens the window; sub-commands serve authors and scripts.

These commands and flags are contracts that scripts rely on: extend them, never rename them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp import __version__
from studyapp.cli_lookup import add_commands as add_lookup_commands
from studyapp.cli_lookup import resource_problems as lookup_resource_problems
from studyapp.cli_lookup import run as run_lookup

if TYPE_CHECKING:
    from studyapp.content.acupoints import PointAtlas, PointLoadResult
    from studyapp.content.i18n import TranslationReport
    from studyapp.content.model import Atlas
    from studyapp.interop.model import PictureRenderer


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1280x800, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description=(
            "Muscle atlas, trigger-point referral charts and flashcards. Without a command, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    parser.add_argument(
        "--screenshot", metavar="FILE", type=Path, help="render the window offscreen to a PNG and exit"
    )
    parser.add_argument("--muscle", metavar="ID", help="with --screenshot: the muscle to show")
    parser.add_argument("--view", metavar="NAME", help="with --screenshot: the body-chart view to show")
    parser.add_argument(
        "--size", metavar="WxH", type=_size, default=(1400, 900), help="with --screenshot (default 1400x900)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check that this installation works; exit 0 or 1"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser("validate", help="check content files; exit 1 on any problem")
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="muscle or acupoint files or folders (default: all)",
    )
    validate.add_argument(
        "--lang", metavar="CODE", type=_language, help="also check that language's translations (e.g. de)"
    )
    export = commands.add_parser("export", help="write the whole atlas to standard output")
    _add_interop_export_options(export)
    export.add_argument("--lang", metavar="CODE", type=_language, default="en", help="language (default en)")
    migrate = commands.add_parser("migrate", help="rewrite version 1 content files as version 2, in place")
    migrate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="content files or folders")
    from studyapp.course.commands import add_course_parser

    add_course_parser(commands)
    add_lookup_commands(commands)
    return parser


def _language(text: str) -> str:
    """A language code such as de or pt-BR: it names a folder, so nothing else is accepted."""
    import re

    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language code such as de or pt-BR")
    return text


def _add_interop_export_options(export: argparse.ArgumentParser) -> None:
    """Anki, LMS and CSV exports (studyapp.interop); `--format json` to stdout stays as it was."""
    from studyapp.interop.commands import FORMATS

    # Checked by studyapp.interop rather than argparse `choices`, so a bad name is one line, exit 2.
    formats = ", ".join(FORMATS)
    export.add_argument(
        "--format",
        default="json",
        metavar="FORMAT",
        help=f"one of {formats} (default json, to standard output)",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="the file to write (required but for json)"
    )
    export.add_argument(
        "--deck", default="all", metavar="DECK", help="all (default), a body area id, or a course folder"
    )
    export.add_argument("--card-types", nargs="+", default=[], metavar="TYPE", help="only these card types")
    export.add_argument(
        "--table",
        default="muscles",
        metavar="TABLE",
        help="csv: muscles (default), trigger-points or reviews",
    )
    export.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (Excel)")
    export.add_argument("--no-pictures", action="store_true", help="leave the referral pictures out")


def _muscle_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing


def cmd_validate(paths: Sequence[Path], language: str | None = None) -> int:
    from studyapp.content.lint import lint_atlas
    from studyapp.content.loader import load_atlas
    from studyapp.content.report import summary_lines
    from studyapp.paths import resources_dir

    chosen: set[Path] = set()
    point_files: list[Path] | None = None
    if paths:
        files, missing = _muscle_files(paths)
        if missing:
            print("\n".join(missing), file=sys.stderr)
            return 1
        chosen = {f.resolve() for f in files}
        point_files = [f for f in files if f.parent.name == "acupoints"]
        files = [f for f in files if f.parent.name != "acupoints"]
        bundled = sorted((resources_dir() / "muscles").glob("*/*.yaml"))
        # Links are resolved against the whole atlas, so a single file can be checked on its own.
        others = [f for f in bundled if f.resolve() not in chosen]
        result = load_atlas(muscle_files=[*others, *files], language=language or "en")
    else:
        result = load_atlas(language=language or "en")
    points = _load_points(result.atlas, point_files, chosen)
    problems = [*result.problems, *points.problems]
    if not paths:
        problems = [*problems, *lookup_resource_problems(result.atlas)]
    if chosen:
        problems = [p for p in problems if _is_chosen(p.file, chosen) or p.file.endswith("regions.yaml")]
    warnings = lint_atlas(result.atlas)
    if chosen:
        warnings = [w for w in warnings if _is_chosen(w.file, chosen)]
    for problem in problems:
        print(f"error: {problem}")
    for warning in warnings:
        print(f"warning: {warning}")
    old = [f for f in result.old_files if not chosen or _is_chosen(f, chosen)]
    for name in old:
        print(f"warning: {name}: schema version 1; `studyapp migrate {name}` rewrites it as version 2")
    if result.translation is not None:
        _print_translation(result.translation, len(result.atlas.muscles))
    if problems:
        print(f"\n{len(problems)} problem(s) found; {len(result.skipped)} record(s) would be skipped.")
        return 1
    print("\n".join(summary_lines(result.atlas)))
    print("\n".join(["", *_point_report(result.atlas, points.atlas)]))
    print(f"\nOK: no errors ({len(warnings)} warning(s)).")
    return 0


def _load_points(atlas: Atlas, chosen_files: list[Path] | None, chosen: set[Path]) -> PointLoadResult:
    """The acupoint files, checked against the muscle atlas; chosen files replace bundled ones."""
    from studyapp.content.acupoints import load_points, points_dir

    files = None
    if chosen_files:
        bundled = sorted(points_dir().glob("*.yaml"))
        files = [*(f for f in bundled if f.resolve() not in chosen), *chosen_files]
    return load_points(muscle_ids=atlas.muscles, views=atlas.views, files=files)


def _point_report(atlas: Atlas, points: PointAtlas) -> list[str]:
    from studyapp.content.acupoints_export import summary_lines, unknown_muscle_codes

    lines = summary_lines(points)
    unknown = unknown_muscle_codes(atlas, points)
    if unknown:
        lines.append(f"acupoint codes in muscle files with no point record ({len(unknown)}):")
        lines += [f"  {item}" for item in unknown]
    return lines


def _print_translation(report: TranslationReport, muscle_count: int) -> None:
    for stale in report.stale:
        print(f"warning: {stale}")
    lang = report.language
    print(
        f"\n{lang}: {len(report.translated)} of {muscle_count} muscles have a translation "
        f"({sum(report.translated.values())} fields, {len(report.stale)} stale)."
    )
    partly = {mid: keys for mid, keys in report.missing.items() if mid in report.translated}
    for mid, keys in partly.items():
        shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        print(f"missing {lang}: {mid}: {shown}")
    untouched = [mid for mid in report.missing if mid not in report.translated]
    if untouched:
        print(f"missing {lang}: {len(untouched)} muscles have no translation yet")


def _is_chosen(display: str, chosen: set[Path]) -> bool:
    from studyapp.paths import resources_dir

    candidate = Path(display)
    if not candidate.is_absolute():
        candidate = resources_dir().parent / candidate
    return candidate.resolve() in chosen or Path(display).resolve() in chosen


def cmd_export(language: str = "en") -> int:
    from studyapp.content.acupoints_export import atlas_with_points
    from studyapp.content.loader import load_atlas

    result = load_atlas(language=language)
    points = _load_points(result.atlas, None, set())
    for problem in [*result.problems, *points.problems]:
        print(f"warning: skipped: {problem}", file=sys.stderr)
    data = atlas_with_points(result.atlas, points.atlas)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _picture_renderer(atlas: Atlas) -> tuple[PictureRenderer, Callable[[], None]]:
    """Referral pictures come from the Qt layer; the interop package only receives the renderer."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studyapp.ui.app import quiet_offscreen_notes
    from studyapp.ui.referral_pictures import picture_renderer

    quiet_offscreen_notes()
    return picture_renderer(atlas)


def cmd_export_to_file(args: argparse.Namespace) -> int:
    """Anki, Moodle XML, GIFT, QTI or CSV (or JSON to a file): exit 2 with one line on bad input."""
    from studyapp.content.loader import load_atlas
    from studyapp.interop.commands import ExportRequest, check_format, export
    from studyapp.interop.errors import InteropError
    from studyapp.paths import data_dir

    try:
        check_format(args.format)
        if args.output is None:
            print(f"studyapp: error: --format {args.format} needs -o FILE", file=sys.stderr)
            return 2
        result = load_atlas(language=args.lang)
        for problem in result.problems:
            print(f"warning: skipped: {problem}", file=sys.stderr)
        request = ExportRequest(
            args.format, args.output, args.deck, args.card_types, args.table, args.bom, not args.no_pictures
        )
        print(export(request, result.atlas, data_dir(), _picture_renderer))
    except InteropError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_import_questions(source: Path, folder: Path) -> int:
    from studyapp.interop.commands import import_questions
    from studyapp.interop.errors import InteropError

    try:
        status, lines = import_questions(source, folder)
    except InteropError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return status


def cmd_migrate(paths: Sequence[Path]) -> int:
    from studyapp.content.migrate import content_files, migrate_file

    files, missing = content_files(list(paths))
    for line in missing:
        print(line, file=sys.stderr)
    counts = {"migrated": 0, "unchanged": 0, "error": 0}
    for path in files:
        outcome = migrate_file(path)
        counts[outcome.status] += 1
        if outcome.status == "error":
            print(f"error: {outcome.message}", file=sys.stderr)
    done, same, failed = counts["migrated"], counts["unchanged"], counts["error"]
    print(f"{done} migrated, {same} already version 2, {failed} error(s).")
    return 1 if missing or counts["error"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.paths, args.lang)
    if args.command == "export":
        if args.format == "json" and args.output is None:
            return cmd_export(args.lang)
        return cmd_export_to_file(args)
    if args.command == "migrate":
        return cmd_migrate(args.paths)
    if args.command == "course":
        if args.course_command == "import-questions":
            return cmd_import_questions(args.file, args.folder)
        from studyapp.course.commands import run_course

        return run_course(args)
    looked_up = run_lookup(args)
    if looked_up is not None:
        return looked_up
    if args.self_test:
        from studyapp.selftest import run_self_test
        from studyapp.ui.app import quiet_offscreen_notes

        quiet_offscreen_notes()
        return run_self_test()
    if args.screenshot is not None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from studyapp.ui.app import quiet_offscreen_notes, screenshot

        quiet_offscreen_notes()
        return screenshot(args.screenshot, args.muscle, args.view, args.size)
    from studyapp.ui.app import no_display_message, run

    message = no_display_message()
    if message:
        print(message, file=sys.stderr)
        return 2
    return run(sys.argv[:1])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
