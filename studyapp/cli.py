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
    from studyapp.content.acupoints import PointAtlas, PointLoadResult
    from studyapp.content.model import Atlas


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
    export = commands.add_parser("export", help="write the whole atlas to standard output")
    export.add_argument("--format", choices=["json"], default="json")
    return parser


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


def cmd_validate(paths: Sequence[Path]) -> int:
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
        result = load_atlas(muscle_files=[*others, *files])
    else:
        result = load_atlas()
    points = _load_points(result.atlas, point_files, chosen)
    problems = [*result.problems, *points.problems]
    if chosen:
        problems = [p for p in problems if _is_chosen(p.file, chosen) or p.file.endswith("regions.yaml")]
    warnings = lint_atlas(result.atlas)
    if chosen:
        warnings = [w for w in warnings if _is_chosen(w.file, chosen)]
    for problem in problems:
        print(f"error: {problem}")
    for warning in warnings:
        print(f"warning: {warning}")
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


def _is_chosen(display: str, chosen: set[Path]) -> bool:
    from studyapp.paths import resources_dir

    candidate = Path(display)
    if not candidate.is_absolute():
        candidate = resources_dir().parent / candidate
    return candidate.resolve() in chosen or Path(display).resolve() in chosen


def cmd_export() -> int:
    from studyapp.content.acupoints_export import add_acupoints
    from studyapp.content.export import atlas_to_dict
    from studyapp.content.loader import load_atlas

    result = load_atlas()
    points = _load_points(result.atlas, None, set())
    for problem in [*result.problems, *points.problems]:
        print(f"warning: skipped: {problem}", file=sys.stderr)
    data = add_acupoints(atlas_to_dict(result.atlas), points.atlas)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.paths)
    if args.command == "export":
        return cmd_export()
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
