"""Collect the pictures a set of items needs: each referral picture rendered once, course pictures read.

A course question's picture is a file in the course folder; it is read only if it stays inside that
folder, is a PNG/JPEG/GIF/SVG, and is not larger than MAX_PICTURE_BYTES (course folders come from
other people and are untrusted).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studyapp.interop.model import Item, PictureRenderer

MAX_PICTURE_BYTES = 5 * 1024 * 1024
PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
PICTURE_TYPES[".svg"] = "image/svg+xml"


def media_type(file_name: str) -> str:
    return PICTURE_TYPES.get(Path(file_name).suffix.lower(), "application/octet-stream")


def course_picture(root: Path, relative: str) -> bytes | None:
    """The bytes of a course folder's picture, or None when it is missing, unsafe or too large."""
    candidate = Path(relative)
    if candidate.is_absolute() or ".." in candidate.parts or candidate.suffix.lower() not in PICTURE_TYPES:
        return None
    path = root / candidate
    try:
        if not path.is_file() or path.stat().st_size > MAX_PICTURE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def collect(
    items: Sequence[Item],
    renderer: PictureRenderer | None,
    media_root: Path | None = None,
    *,
    questions_only: bool = False,
) -> tuple[dict[str, str], dict[str, bytes]]:
    """(item id -> media file name, media file name -> bytes); items without a picture are left out.

    `questions_only` keeps only pictures that are part of the question: an LMS shows the picture
    with the question, where an answer's picture would give the answer away.
    """
    names: dict[str, str] = {}
    media: dict[str, bytes] = {}
    failed: set[str] = set()
    for item in items:
        if questions_only and not item.picture_is_question:
            continue
        if item.picture is not None and renderer is not None:
            name = item.picture.file_name
            if name not in media and name not in failed:
                data = renderer(item.picture)
                if data:
                    media[name] = data
                else:
                    failed.add(name)
            if name in media:
                names[item.id] = name
        elif item.picture_file and media_root is not None:
            name = "course-" + Path(item.picture_file).name
            if name not in media:
                found = course_picture(media_root, item.picture_file)
                if found is None:
                    continue
                media[name] = found
            names[item.id] = name
    return names, media


def render_all(
    items: Sequence[Item], renderer: PictureRenderer | None, folder: Path, media_root: Path | None = None
) -> dict[str, Path]:
    """Write every picture the items need into `folder`; returns item id -> file."""
    names, media = collect(items, renderer, media_root)
    for name, data in media.items():
        (folder / name).write_bytes(data)
    return {item_id: folder / name for item_id, name in names.items()}
