"""Command line: `studyapp` opens the window; sub-commands serve authors and scripts.

These commands and flags are contracts that scripts rely on: extend them, never rename them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp import __version__

if TYPE_CHECKING:
    from studyapp.content.i18n import TranslationReport


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
        "paths", nargs="*", type=Path, metavar="PATH", help="muscle files or folders (default: all)"
    )
    validate.add_argument(
        "--lang", metavar="CODE", type=_language, help="also check that language's translations (e.g. de)"
    )
    export = commands.add_parser("export", help="write the whole atlas to standard output")
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("--lang", metavar="CODE", type=_language, default="en", help="language (default en)")
    migrate = commands.add_parser("migrate", help="rewrite version 1 content files as version 2, in place")
    migrate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="content files or folders")
    return parser


def _language(text: str) -> str:
    """A language code such as de or pt-BR: it names a folder, so nothing else is accepted."""
    import re

    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language code such as de or pt-BR")
    return text


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
    if paths:
        files, missing = _muscle_files(paths)
        if missing:
            print("\n".join(missing), file=sys.stderr)
            return 1
        chosen = {f.resolve() for f in files}
        bundled = sorted((resources_dir() / "muscles").glob("*/*.yaml"))
        # Links are resolved against the whole atlas, so a single file can be checked on its own.
        others = [f for f in bundled if f.resolve() not in chosen]
        result = load_atlas(muscle_files=[*others, *files], language=language or "en")
    else:
        result = load_atlas(language=language or "en")
    problems = result.problems
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
    print(f"\nOK: no errors ({len(warnings)} warning(s)).")
    return 0


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
    from studyapp.content.export import atlas_to_dict
    from studyapp.content.loader import load_atlas

    result = load_atlas(language=language)
    for problem in result.problems:
        print(f"warning: skipped: {problem}", file=sys.stderr)
    json.dump(atlas_to_dict(result.atlas), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


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
        return cmd_export(args.lang)
    if args.command == "migrate":
        return cmd_migrate(args.paths)
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
