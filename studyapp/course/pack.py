"""`.studypack` files: build one from a course folder, and open one a student was handed.

A pack is untrusted input. Opening one never runs anything from it and never writes outside the
courses folder: every entry name is checked (no absolute paths, drive letters, backslashes, `..`,
hidden names or unknown file types), symlinks and duplicate names are refused, and the sizes
below bound what it can cost (zip bombs included). Every file must be listed in `manifest.json`
with its SHA-256, and nothing is installed unless the unpacked course also validates.

Limits (also in docs/course-packs.md): the pack file 50 MiB, 500 entries, one file 10 MiB unpacked,
100 MiB unpacked in all, and a compression ratio of at most 50:1 for entries over 64 KiB.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studyapp.content.model import Atlas
from studyapp.course.loader import COURSE_FILE, load_course
from studyapp.course.model import Course

MANIFEST = "manifest.json"
PACK_FORMAT = "studypack"
PACK_VERSION = 1
MAX_PACK_BYTES = 50 * 1024 * 1024  # the .studypack file itself
MAX_ENTRIES = 500
MAX_FILE_BYTES = 10 * 1024 * 1024  # one unpacked file
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # all unpacked files together
MAX_RATIO = 50  # unpacked / packed size of an entry larger than RATIO_FLOOR
RATIO_FLOOR = 64 * 1024
ALLOWED_SUFFIXES = frozenset({".yaml", ".yml", ".md", ".txt", ".png", ".jpg", ".jpeg", ".svg", ".json"})
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,99}$")


class PackError(Exception):
    """A pack that cannot be built, opened or installed; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Installed:
    course: Course
    folder: Path
    replaced_version: str | None  # the version that was installed before, if any


def check_name(name: str) -> str | None:
    """Why an entry name is refused, or None when it is a safe relative path inside the pack."""
    if not name or len(name) > 200:
        return "has an empty or over-long name"
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return "has an absolute or Windows-style path"
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in name.split("/")):
        return "climbs out of the pack with '..'"
    for part in parts:
        if not _SEGMENT.match(part):
            return f"has a name part that is not allowed ({part!r})"
    if PurePosixPath(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return "is not a file type a course pack may hold"
    return None


def _course_files(folder: Path) -> list[Path]:
    files: list[Path] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue  # .git, .DS_Store and editor files stay out of the pack
        if path.is_symlink():
            raise PackError(f"{rel}: symbolic links cannot go into a pack")
        if path.is_dir():
            continue
        if not path.is_file():
            raise PackError(f"{rel}: only regular files can go into a pack")
        reason = check_name(rel.as_posix())
        if reason:
            raise PackError(f"{rel}: {reason}")
        files.append(path)
    return files


def build_pack(folder: Path, out: Path, atlas: Atlas) -> Course:
    """Validate `folder` and write it as a pack; an invalid course is refused and nothing is written."""
    result = load_course(folder, atlas)
    if not result.ok or result.course is None:
        first = result.problems[0] if result.problems else "the course is not valid"
        raise PackError(f"the course does not validate ({len(result.problems)} problem(s)); first: {first}")
    files = _course_files(folder)
    manifest = {
        "format": PACK_FORMAT,
        "format_version": PACK_VERSION,
        "course": result.course.id,
        "version": result.course.version,
        "files": {},
    }
    blobs: list[tuple[str, bytes]] = []
    total = 0
    for path in files:
        data = path.read_bytes()
        total += len(data)
        if len(data) > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES or len(files) > MAX_ENTRIES:
            raise PackError(f"{path.relative_to(folder)}: the pack would exceed the size limits")
        name = path.relative_to(folder).as_posix()
        manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}  # type: ignore[index]
        blobs.append((name, data))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in [(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode()), *blobs]:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # same input, same bytes
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                archive.writestr(info, data)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackError(f"cannot write {out}: {exc.strerror or exc}") from None
    return result.course


def read_pack(path: Path) -> dict[str, bytes]:
    """Every file of a pack, checked against its manifest; PackError explains the first problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not path.is_file():
        raise PackError(f"{path}: is not a file")
    if size > MAX_PACK_BYTES:
        raise PackError(f"{path.name}: is larger than {MAX_PACK_BYTES // 2**20} MiB")
    try:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            return _read_entries(archive, path.name)
    except PackError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise PackError(f"{path.name}: is not a readable course pack (damaged or truncated: {exc})") from None
    except OSError as exc:
        raise PackError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None


def _read_entries(archive: zipfile.ZipFile, label: str) -> dict[str, bytes]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES + 1:
        raise PackError(f"{label}: has {len(infos)} entries (at most {MAX_ENTRIES})")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if info.is_dir():
            raise PackError(f"{label}: {name!r}: folders are implied by file names and may not be listed")
        reason = check_name(name)
        if reason:
            raise PackError(f"{label}: {name!r} {reason}")
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the tool that zipped it set no Unix type
        if kind and kind != stat.S_IFREG:
            raise PackError(f"{label}: {name!r} is a link or special file")
        if info.flag_bits & 0x1:
            raise PackError(f"{label}: {name!r} is encrypted")
        if name.casefold() in seen:
            raise PackError(f"{label}: {name!r} appears twice")
        seen.add(name.casefold())
        if info.file_size > MAX_FILE_BYTES:
            raise PackError(f"{label}: {name!r} unpacks to more than {MAX_FILE_BYTES // 2**20} MiB")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackError(f"{label}: {name!r} is compressed suspiciously well (a zip bomb?)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError(f"{label}: unpacks to more than {MAX_TOTAL_BYTES // 2**20} MiB")
    if MANIFEST not in seen:
        raise PackError(f"{label}: has no {MANIFEST}")
    files: dict[str, bytes] = {}
    for info in infos:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)  # the declared size bounds the read
        if len(data) != info.file_size:
            raise PackError(f"{label}: {info.filename!r} is not the size its header says")
        files[info.filename] = data
    manifest = _manifest(files.pop(MANIFEST), label)
    listed = manifest["files"]
    for name, data in files.items():
        entry = listed.get(name)
        if not isinstance(entry, dict):
            raise PackError(f"{label}: {name!r} is not listed in the manifest")
        if entry.get("sha256") != hashlib.sha256(data).hexdigest() or entry.get("size") != len(data):
            raise PackError(f"{label}: {name!r} does not match its checksum in the manifest")
    missing = sorted(set(listed) - set(files))
    if missing:
        raise PackError(f"{label}: the manifest lists {missing[0]!r}, which is not in the pack")
    if COURSE_FILE not in files:
        raise PackError(f"{label}: has no {COURSE_FILE}")
    return files


def _manifest(data: bytes, label: str) -> dict[str, dict[str, object]]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackError(f"{label}: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT:
        raise PackError(f"{label}: {MANIFEST} is not a studypack manifest")
    if manifest.get("format_version") != PACK_VERSION:
        raise PackError(
            f"{label}: pack format {manifest.get('format_version')!r} is not supported; update studyapp"
        )
    if not isinstance(manifest.get("files"), dict):
        raise PackError(f"{label}: {MANIFEST} has no file list")
    return manifest


def install_pack(path: Path, courses_dir: Path, atlas: Atlas) -> Installed:
    """Verify, unpack beside the installed courses, validate, then swap in; a bad pack changes nothing."""
    files = read_pack(path)
    courses_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=courses_dir))
    try:
        for name, data in files.items():
            target = staging.joinpath(*PurePosixPath(name).parts)
            if not target.resolve().is_relative_to(staging.resolve()):
                raise PackError(f"{path.name}: {name!r} would be written outside the course folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        result = load_course(staging, atlas)
        if not result.ok or result.course is None:
            first = (
                str(result.problems[0]).replace(staging.name, path.name, 1) if result.problems else "invalid"
            )
            raise PackError(
                f"{path.name}: the course does not validate "
                f"({len(result.problems)} problem(s)); first: {first}"
            )
        course = result.course
        final = courses_dir / course.id
        previous = load_course(final, atlas).course if final.is_dir() else None
        if final.exists():
            old = courses_dir / f".replaced-{course.id}"
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
            staging.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(final)
        installed = load_course(final, atlas).course
        assert installed is not None
        return Installed(installed, final, previous.version if previous else None)
    except OSError as exc:
        raise PackError(f"{path.name}: could not be installed ({exc.strerror or exc})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def installed_courses(courses_dir: Path, atlas: Atlas) -> list[Course]:
    """Courses installed in the data folder; a damaged one is skipped (it can be reinstalled)."""
    found: list[Course] = []
    if not courses_dir.is_dir():
        return found
    for folder in sorted(courses_dir.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir() or folder.is_symlink():
            continue
        course = load_course(folder, atlas).course
        if course is not None:
            found.append(course)
    return found


def remove_course(courses_dir: Path, course_id: str) -> bool:
    """Remove an installed pack's files; the student's review history and attempts stay."""
    folder = courses_dir / course_id
    if not folder.is_dir() or folder.is_symlink() or folder.parent != courses_dir:
        return False
    shutil.rmtree(folder)
    return True
