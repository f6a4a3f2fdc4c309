"""The instructor's and provider's course commands (`studyapp course ...`).

Exit status: 0 done, 1 the input has problems (listed), 2 a usage error or a file that cannot be
read or written (one line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from studyapp.content.model import Atlas


def add_course_parser(commands: Any) -> None:
    course = commands.add_parser(
        "course", help="make, check, build and verify continuing-education course packs"
    )
    sub = course.add_subparsers(dest="course_command", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="write a working course folder to edit")
    new.add_argument("folder", type=Path, metavar="DIR")
    validate = sub.add_parser("validate", help="check a course folder or .studypack; exit 1 on any problem")
    validate.add_argument("source", type=Path, metavar="DIR|FILE")
    build = sub.add_parser("build", help="validate a course folder and write a .studypack")
    build.add_argument("folder", type=Path, metavar="DIR")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.studypack")
    preview = sub.add_parser("preview", help="open the app with the course as a student would see it")
    preview.add_argument("source", type=Path, metavar="DIR|FILE")
    verify = sub.add_parser("verify", help="check a completion record (and optionally a certificate code)")
    verify.add_argument("record", type=Path, metavar="RECORD.json")
    verify.add_argument("code", nargs="?", metavar="CODE")
    bank = sub.add_parser(
        "import-questions", help="add a GIFT or Moodle XML question bank to a course folder"
    )
    bank.add_argument("file", type=Path, metavar="FILE", help="a .gift or Moodle .xml question bank")
    bank.add_argument(
        "folder", type=Path, metavar="DIR", help="the course folder (questions.yaml is written there)"
    )
    roster = sub.add_parser("roster", help="combine completion records into a roster CSV")
    roster.add_argument("records", nargs="+", type=Path, metavar="RECORD")
    roster.add_argument("-o", "--output", type=Path, required=True, metavar="roster.csv")


def _atlas() -> Atlas:
    from studyapp.content.loader import load_atlas

    return load_atlas().atlas


def run_course(args: argparse.Namespace) -> int:
    action = args.course_command
    if action == "new":
        return _new(args.folder)
    if action == "validate":
        return _validate(args.source)
    if action == "build":
        return _build(args.folder, args.output)
    if action == "verify":
        return _verify(args.record, args.code)
    if action == "roster":
        return _roster(args.records, args.output)
    if action == "preview":
        return _preview(args.source)
    raise AssertionError(action)


def _fail(message: str, status: int = 2) -> int:
    print(f"studyapp course: {message}", file=sys.stderr)
    return status


def _new(folder: Path) -> int:
    from studyapp.course.skeleton import SkeletonError, make_skeleton

    try:
        written = make_skeleton(folder)
    except (SkeletonError, OSError) as exc:
        return _fail(str(exc))
    print(f"Wrote {', '.join(str(p) for p in written)}. Edit them, then: studyapp course validate {folder}")
    return 0


def _validate(source: Path) -> int:
    import tempfile

    from studyapp.course.loader import load_course
    from studyapp.course.pack import PackError, install_pack

    atlas = _atlas()
    if source.is_file():
        with tempfile.TemporaryDirectory(prefix="studyapp-pack-") as scratch:
            try:
                installed = install_pack(source, Path(scratch), atlas)
            except PackError as exc:
                return _fail(str(exc), 1)
            course = installed.course
    elif source.is_dir():
        result = load_course(source, atlas)
        for found in result.problems:
            print(f"error: {found}")
        if not result.ok or result.course is None:
            print(f"\n{len(result.problems)} problem(s) found.")
            return 1
        course = result.course
    else:
        return _fail(f"{source}: no such course folder or pack")
    test = course.post_test
    rules = (
        f"post-test {test.questions} of {len(course.post_test_pool())} questions, pass {test.pass_mark:g} %"
        if test
        else "no post-test"
    )
    print(
        f"OK: '{course.title}' {course.version}: {len(course.lessons)} lesson(s), "
        f"{len(course.muscles)} muscle(s), {len(course.questions)} question(s), {rules}."
    )
    return 0


def _build(folder: Path, output: Path) -> int:
    from studyapp.course.pack import PackError, build_pack

    if not folder.is_dir():
        return _fail(f"{folder}: no such course folder")
    try:
        course = build_pack(folder, output, _atlas())
    except PackError as exc:
        return _fail(str(exc), 1)
    print(f"Built {output} ('{course.title}' {course.version}).")
    return 0


def _verify(path: Path, code: str | None) -> int:
    from studyapp.course.completion import RecordError, check_record
    from studyapp.course.roster import _read

    try:
        record = check_record(_read(path))
    except RecordError as exc:
        print(f"INVALID: {path}: {exc}")
        return 1
    except OSError as exc:
        return _fail(f"{path}: cannot be read ({exc.strerror or exc})")
    cert = record["certificate"]["code"]
    if code is not None and code.strip().upper() != cert:
        print(f"INVALID: the code {code.strip()} is not the code of this record ({cert})")
        return 1
    person, course, attempt = record["participant"], record["course"], record["attempt"]
    verdict = "passed" if attempt["passed"] else "not passed"
    print(
        f"VALID: {person['name']} completed '{course['title']}' {course['version']} "
        f"on {attempt['finished'][:10]}, score {attempt['score_percent']:g} % ({verdict}), code {cert}."
    )
    return 0


def _roster(paths: list[Path], output: Path) -> int:
    from studyapp.course.roster import build_roster, write_roster

    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    rows = build_roster(files)
    try:
        write_roster(rows, output)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}")
    ok = sum(r.status == "ok" for r in rows)
    dup = sum(r.status.startswith("duplicate") for r in rows)
    bad = len(rows) - ok - dup
    print(f"Wrote {output}: {len(rows)} record(s), {ok} ok, {dup} duplicate(s), {bad} failed their check.")
    for row in rows:
        if row.status != "ok":
            print(f"  {row.file}: {row.status}")
    return 0 if bad == 0 else 1


def _preview(source: Path) -> int:
    """The app on a throw-away data folder with only this course installed, on its Course tab."""
    import tempfile

    from studyapp import paths
    from studyapp.content.loader import PACKS_FOLDER
    from studyapp.course.pack import PackError, build_pack, install_pack
    from studyapp.ui.app import no_display_message, run

    message = no_display_message()
    if message:
        return _fail(message)
    if not source.exists():
        return _fail(f"{source}: no such course folder or pack")
    atlas = _atlas()
    with tempfile.TemporaryDirectory(prefix="studyapp-preview-") as scratch:
        data = Path(scratch) / "data"
        try:
            pack = source
            if source.is_dir():
                pack = Path(scratch) / "preview.studypack"
                build_pack(source, pack, atlas)
            install_pack(pack, data / PACKS_FOLDER, atlas)
        except PackError as exc:
            return _fail(str(exc), 1)
        print(f"Previewing in a throw-away data folder ({data}); nothing is kept when the window closes.")
        paths.set_data_dir(data)
        try:
            return run(["studyapp"], tab="course")
        finally:
            paths.set_data_dir(None)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
