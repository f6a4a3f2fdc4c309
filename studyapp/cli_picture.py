"""`studyapp picture`: write a muscle's composed referral picture (PNG or SVG), or one per muscle.

    studyapp picture MUSCLE_ID -o FILE.svg|FILE.png [--size WxH] [--theme dark] [--side left|right|both]
    studyapp picture --all -o DIR

A contract for scripts and course authors: keep the arguments. Bad input (an unknown muscle, view,
side, theme or size, an output that cannot be written) is one line on standard error with a
suggestion where one fits, and exit status 2.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from studyapp.bodychart.views import SIDES, PictureError
from studyapp.content.model import Atlas

EXIT_OK = 0
EXIT_USAGE = 2
MAX_SIZE = 8000  # pixels per edge: bigger is a typo, and would need gigabytes
MIN_SIZE = 100
FORMATS = (".png", ".svg")


class PictureUsageError(ValueError):
    """Bad arguments: the message is the one line the user sees."""


def add_commands(commands: Any) -> None:
    """Add `picture` to `studyapp`'s sub-commands."""
    picture = commands.add_parser("picture", help="write a muscle's referral picture as PNG or SVG")
    picture.add_argument("muscle", nargs="?", metavar="MUSCLE_ID", help="the muscle (see `studyapp search`)")
    picture.add_argument("--all", action="store_true", help="one picture per muscle into the folder -o")
    picture.add_argument(
        "-o", "--output", metavar="FILE_OR_DIR", help="FILE.png or FILE.svg; a folder with --all"
    )
    picture.add_argument(
        "--size", dest="picture_size", metavar="WxH", default="800x1000", help="default 800x1000"
    )
    picture.add_argument(
        "--theme", dest="picture_theme", metavar="THEME", default="light", help="light or dark"
    )
    picture.add_argument(
        "--side", dest="picture_side", metavar="SIDE", default="right", help="right, left or both"
    )
    picture.add_argument(
        "--view", dest="picture_view", metavar="VIEW", help="one view instead of the composed set"
    )
    picture.add_argument(
        "--format", dest="picture_format", metavar="png|svg", default="png", help="with --all"
    )


def run(args: argparse.Namespace) -> int | None:
    """Run `picture` if it is the command; None otherwise."""
    if args.command != "picture":
        return None
    try:
        return _run(args)
    except (PictureUsageError, PictureError) as exc:
        print(f"studyapp picture: {exc}", file=sys.stderr)
        return EXIT_USAGE


def suggest(word: str, known: Iterable[str]) -> str:
    """'; did you mean X?' for the closest known word, or '' when nothing is close."""
    close = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    if not match:
        raise PictureUsageError(f"size {text!r} must look like WIDTHxHEIGHT, e.g. 800x1000")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE <= height <= MAX_SIZE):
        raise PictureUsageError(f"size {text!r}: each edge must be {MIN_SIZE} to {MAX_SIZE} pixels")
    return width, height


def _choice(value: str, known: Iterable[str], what: str) -> str:
    options = list(known)
    if value.lower() not in options:
        raise PictureUsageError(
            f"unknown {what} {value!r} (use {', '.join(options)}){suggest(value, options)}"
        )
    return value.lower()


def _muscle(atlas: Atlas, muscle_id: str) -> str:
    if muscle_id in atlas.muscles:
        return muscle_id
    by_name = {m.name.lower(): m.id for m in atlas.muscles.values()}
    if muscle_id.lower() in by_name:
        return by_name[muscle_id.lower()]
    normal = muscle_id.lower().replace(" ", "_").replace("-", "_")
    close = difflib.get_close_matches(normal, list(atlas.muscles), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else "; `studyapp search WORDS` lists muscles"
    raise PictureUsageError(f"unknown muscle id {muscle_id!r}{hint}")


def _writable_file(path: Path) -> Path:
    if path.suffix.lower() not in FORMATS:
        raise PictureUsageError(f"output {str(path)!r} must end in .png or .svg")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PictureUsageError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
    if path.is_dir() or not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PictureUsageError(f"cannot write {str(path)!r}: not a writable file")
    return path


def _writable_folder(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise PictureUsageError(f"--all needs a folder for -o, and {str(path)!r} is a file")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PictureUsageError(f"cannot create folder {str(path)!r} ({exc.strerror or exc})") from None
    if not os.access(path, os.W_OK):
        raise PictureUsageError(f"cannot write into folder {str(path)!r}")
    return path


def _run(args: argparse.Namespace) -> int:
    if not args.output:
        raise PictureUsageError("say where to write: -o FILE.png|FILE.svg (or -o DIR with --all)")
    if args.all == bool(args.muscle):
        raise PictureUsageError("give either one MUSCLE_ID or --all")
    size = parse_size(args.picture_size)
    side = _choice(args.picture_side, SIDES, "side")
    from studyapp.ui.picture import THEMES

    theme = _choice(args.picture_theme, THEMES, "theme")
    fmt = _choice(args.picture_format.lstrip("."), ("png", "svg"), "format")
    from studyapp.cli_lookup import _atlas

    atlas = _atlas()
    views: tuple[str, ...] = ()
    if args.picture_view:
        views = (_choice(args.picture_view, list(atlas.views), "view"),)
    if args.all:
        folder = _writable_folder(Path(args.output))
        muscle_ids = [m.id for m in atlas.muscles.values() if m.trigger_points]
        targets = [(mid, folder / f"{mid}.{fmt}") for mid in muscle_ids]
    else:
        mid = _muscle(atlas, args.muscle)
        if not atlas.muscles[mid].trigger_points:
            raise PictureUsageError(f"{mid} has no trigger points to draw")
        targets = [(mid, _writable_file(Path(args.output)))]
    return _write(atlas, targets, size, theme, side, views)


def _write(
    atlas: Atlas,
    targets: list[tuple[str, Path]],
    size: tuple[int, int],
    theme: str,
    side: str,
    views: tuple[str, ...],
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studyapp.ui.app import quiet_offscreen_notes
    from studyapp.ui.picture import PictureRenderer, PictureSpec

    quiet_offscreen_notes()
    renderer = PictureRenderer(atlas, theme)
    if not renderer.available():
        print("studyapp picture: the body-chart drawing is missing from this installation", file=sys.stderr)
        return 1
    failed = 0
    for i, (mid, path) in enumerate(targets, 1):
        spec = PictureSpec(mid, size[0], size[1], side, theme, views=views)
        if not renderer.write(spec, path):
            print(f"studyapp picture: cannot write {str(path)!r}", file=sys.stderr)
            failed += 1
        if len(targets) > 1 and sys.stderr.isatty():  # one line that updates in place
            print(f"\r{i}/{len(targets)} {mid}".ljust(60), end="", file=sys.stderr, flush=True)
    if len(targets) > 1:
        print(
            f"\r{len(targets) - failed} pictures written to {targets[0][1].parent}".ljust(60), file=sys.stderr
        )
    else:
        print(targets[0][1])
    return EXIT_USAGE if failed else EXIT_OK
