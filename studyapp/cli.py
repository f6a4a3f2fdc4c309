"""Command line: `studyapp` opens the window; sub-commands serve authors and scripts.

These commands, flags and exit statuses are contracts that scripts rely on: extend them, never
rename them. Every command ends with its exit status and, when it fails, one line on standard
error saying why (never a traceback), including when its output cannot be written.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp import __version__, cli_picture
from studyapp.cli_lookup import add_commands as add_lookup_commands
from studyapp.cli_lookup import resource_problems as lookup_resource_problems
from studyapp.cli_lookup import run as run_lookup

if TYPE_CHECKING:
    from studyapp.content.acupoints import PointAtlas, PointLoadResult
    from studyapp.content.i18n import TranslationReport
    from studyapp.content.model import Atlas
    from studyapp.interop.model import PictureRenderer


# Exit statuses (documented in the README's Commands section).
EXIT_OK = 0
EXIT_PROBLEMS = 1  # content problems, nothing to check, or a failed self-test
EXIT_USAGE = 2  # wrong arguments, or no display for the window
EXIT_OUTPUT = 3  # the output could not be written: closed, broken pipe, disk full
EXIT_FILES = 4  # a file or folder the command needs cannot be used (such as the data folder)
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}


class OutputError(Exception):
    """Standard output cannot take what the command wrote; the message says why, in one line."""


def write_out(text: str, *, encoding: str | None = None) -> None:
    """Write all of `text` to standard output and flush, so a failure is reported here, not at exit.

    Bytes go through the binary buffer in a loop: with PYTHONUNBUFFERED set, the text layer
    silently drops what a pipe does not take in one write. `encoding` forces one (JSON is UTF-8);
    otherwise the terminal's is used, with characters it cannot show escaped.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; nothing was written")
    try:
        stream.flush()
        if isinstance(stream, io.TextIOWrapper):
            data = memoryview(
                text.encode(encoding or stream.encoding, "strict" if encoding else "backslashreplace")
            )
            while data:
                written = stream.buffer.write(data)
                data = data[written or 0 :]
            stream.buffer.flush()
        elif text:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        raise OutputError("the output was closed before everything was written (broken pipe)") from None
    except OSError as exc:
        raise OutputError(f"the output could not be written ({_os_reason(exc)})") from None
    except ValueError:  # writing to a closed file
        raise OutputError("standard output is closed; nothing was written") from None


def say(text: str) -> None:
    """One line on standard error, if there is one to write to."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or exc.__class__.__name__


def _discard_pending_output() -> None:
    """Point the real stdout at the null device, so the interpreter's final flush cannot fail again."""
    stream = sys.stdout
    if stream is None or stream is not sys.__stdout__:  # never touch a stream a test put in its place
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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
        "paths", nargs="*", metavar="PATH", help="muscle or acupoint files or folders (default: all)"
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
    cli_picture.add_commands(commands)
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


def _muscle_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Content files named by `paths` (folders searched for *.yaml), and complaints about the rest.

    Anything that exists is handed to the loader, which refuses links, FIFOs and devices itself
    with a clear message; folders are walked without following links, so a loop cannot trap it.
    """
    files: list[Path] = []
    missing: list[str] = []
    for text in paths:
        path = Path(text)
        if not text:
            missing.append("'': an empty path names no file or folder")
        elif path.is_dir():  # a folder named on the command line may be a link; links inside are not followed
            for folder, _dirs, names in os.walk(path):
                files.extend(Path(folder) / name for name in names if name.endswith(".yaml"))
        elif os.path.lexists(path):
            files.append(path)
        else:
            missing.append(f"{text}: no such file or folder")
    return sorted(set(files)), missing


def _resolved(path: Path) -> Path:
    """`path` made absolute with its folders resolved; the file itself may be a link, even a loop."""
    try:
        return path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        return path.absolute()


def cmd_validate(paths: Sequence[str], language: str | None = None) -> int:
    from studyapp.content.lint import lint_atlas
    from studyapp.content.loader import load_atlas
    from studyapp.content.report import summary_lines
    from studyapp.paths import resources_dir

    chosen: set[Path] = set()
    point_files: list[Path] | None = None
    if paths:
        files, missing = _muscle_files(paths)
        for complaint in missing:
            say(f"studyapp validate: {complaint}")
        if missing:
            return EXIT_PROBLEMS
        if not files:
            say(f"studyapp validate: no content files (*.yaml) found in {', '.join(paths)}; nothing checked")
            return EXIT_PROBLEMS
        chosen = {_resolved(f) for f in files}
        point_files = [f for f in files if f.parent.name == "acupoints"]
        files = [f for f in files if f.parent.name != "acupoints"]
        bundled = sorted((resources_dir() / "muscles").glob("*/*.yaml"))
        # Links are resolved against the whole atlas, so a single file can be checked on its own.
        others = [f for f in bundled if _resolved(f) not in chosen]
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
    lines = [f"error: {problem}" for problem in problems]
    lines += [f"warning: {warning}" for warning in warnings]
    old = [f for f in result.old_files if not chosen or _is_chosen(f, chosen)]
    lines += [
        f"warning: {name}: schema version 1; `studyapp migrate {name}` rewrites it as version 2"
        for name in old
    ]
    if result.translation is not None:
        lines += _translation_lines(result.translation, len(result.atlas.muscles))
    if problems:
        lines.append(f"\n{len(problems)} problem(s) found; {len(result.skipped)} record(s) would be skipped.")
        write_out("\n".join(lines) + "\n")
        return EXIT_PROBLEMS
    lines += summary_lines(result.atlas)
    lines += ["", *_point_report(result.atlas, points.atlas)]
    lines.append(f"\nOK: no errors ({len(warnings)} warning(s)).")
    write_out("\n".join(lines) + "\n")
    return EXIT_OK


def _load_points(atlas: Atlas, chosen_files: list[Path] | None, chosen: set[Path]) -> PointLoadResult:
    """The acupoint files, checked against the muscle atlas; chosen files replace bundled ones."""
    from studyapp.content.acupoints import load_points, points_dir

    files = None
    if chosen_files:
        bundled = sorted(points_dir().glob("*.yaml"))
        files = [*(f for f in bundled if _resolved(f) not in chosen), *chosen_files]
    return load_points(muscle_ids=atlas.muscles, views=atlas.views, files=files)


def _point_report(atlas: Atlas, points: PointAtlas) -> list[str]:
    from studyapp.content.acupoints_export import summary_lines, unknown_muscle_codes

    lines = summary_lines(points)
    unknown = unknown_muscle_codes(atlas, points)
    if unknown:
        lines.append(f"acupoint codes in muscle files with no point record ({len(unknown)}):")
        lines += [f"  {item}" for item in unknown]
    return lines


def _translation_lines(report: TranslationReport, muscle_count: int) -> list[str]:
    lines = [f"warning: {stale}" for stale in report.stale]
    lang = report.language
    lines.append(
        f"\n{lang}: {len(report.translated)} of {muscle_count} muscles have a translation "
        f"({sum(report.translated.values())} fields, {len(report.stale)} stale)."
    )
    partly = {mid: keys for mid, keys in report.missing.items() if mid in report.translated}
    for mid, keys in partly.items():
        shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        lines.append(f"missing {lang}: {mid}: {shown}")
    untouched = [mid for mid in report.missing if mid not in report.translated]
    if untouched:
        lines.append(f"missing {lang}: {len(untouched)} muscles have no translation yet")
    return lines


def _is_chosen(display: str, chosen: set[Path]) -> bool:
    from studyapp.paths import resources_dir

    candidate = Path(display)
    if not candidate.is_absolute():
        candidate = resources_dir().parent / candidate
    return _resolved(candidate) in chosen or _resolved(Path(display)) in chosen


def cmd_export(language: str = "en") -> int:
    from studyapp.content.acupoints_export import atlas_with_points
    from studyapp.content.loader import load_atlas

    result = load_atlas(language=language)
    points = _load_points(result.atlas, None, set())
    for problem in [*result.problems, *points.problems]:
        say(f"warning: skipped: {problem}")
    data = atlas_with_points(result.atlas, points.atlas)
    write_out(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return EXIT_OK


def _picture_renderer(atlas: Atlas) -> tuple[PictureRenderer, Callable[[], None]]:
    """Referral pictures come from the Qt layer; the interop package only receives the renderer."""
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
    """Run one command; every failure ends in one line on standard error and a documented status."""
    try:
        status = _dispatch(argv)
        write_out("")  # flush what print() left in the buffer, so a failure is caught here
        return status
    except OutputError as exc:
        _discard_pending_output()
        say(f"studyapp: {exc}")
        return EXIT_OUTPUT
    except BrokenPipeError:  # written by something other than write_out
        _discard_pending_output()
        say("studyapp: the output was closed before everything was written (broken pipe)")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        say("studyapp: interrupted")
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.filename is None and exc.errno in _OUTPUT_ERRNOS:  # print() to a full disk or a bad fd
            _discard_pending_output()
            say(f"studyapp: the output could not be written ({_os_reason(exc)})")
            return EXIT_OUTPUT
        say(f"studyapp: {_file_error(exc)}")
        return EXIT_FILES


def _file_error(exc: OSError) -> str:
    where = f" '{exc.filename}'" if exc.filename else ""
    message = f"cannot use{where} ({_os_reason(exc)})"
    configured = os.environ.get("STUDYAPP_DATA_DIR")
    if configured and exc.filename and str(exc.filename).startswith(configured):
        message += "; STUDYAPP_DATA_DIR must name a folder you can write to"
    return message


def _dispatch(argv: Sequence[str] | None) -> int:
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
    if (pictured := cli_picture.run(args)) is not None:
        return pictured
    looked_up = run_lookup(args)
    if looked_up is not None:
        return looked_up
    if args.self_test:
        from studyapp.selftest import run_self_test
        from studyapp.ui.app import quiet_offscreen_notes

        quiet_offscreen_notes()
        return run_self_test()
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from studyapp.ui.app import quiet_offscreen_notes, screenshot

        quiet_offscreen_notes()
        return screenshot(args.screenshot, args.muscle, args.view, args.size)
    from studyapp.ui.app import no_display_message, run

    message = no_display_message()
    if message:
        say(message)
        return EXIT_USAGE
    return run(sys.argv[:1])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
