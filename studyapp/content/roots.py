"""Where the atlas comes from: the bundled content, installed course packs, the student's own folder.

Apart from the loader so start-up can list the roots (the atlas cache's key) without importing the
loader or the YAML reader; a pack's `course.yaml` title is the one YAML read here.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.content.files import Refused, YamlDoc, read_regular_file
from studyapp.content.model import BUNDLED, Root
from studyapp.paths import resources_dir

PACKS_FOLDER = "course_packs"  # <data dir>/course_packs/<pack>/ : one root per installed pack
USER_FOLDER = "my_content"  # <data dir>/my_content/ : the user's own records and extensions


def bundled_root() -> Root:
    return Root(resources_dir(), BUNDLED.label, "bundled")


def content_roots(data: Path) -> list[Root]:
    """The roots in load order: bundled, installed course packs (by folder name), the user's folder.

    A pack's label is the first line of its `title.txt` when present, else its folder name; packs and
    the user's folder are optional.
    """
    roots = [bundled_root()]
    packs = data / PACKS_FOLDER
    if packs.is_dir():
        for folder in sorted(p for p in packs.iterdir() if p.is_dir()):
            roots.append(Root(folder, pack_label(folder), "course_pack"))
    if (data / USER_FOLDER).is_dir():
        roots.append(Root(data / USER_FOLDER, "your own content", "user"))
    return roots


def pack_label(folder: Path) -> str:
    """The course title from the pack's `course.yaml` (or `title.txt`), else the folder name."""
    course = folder / "course.yaml"
    if course.is_file():
        from studyapp.content.yamlfile import read_yaml  # only when a pack is installed

        parsed = read_yaml(course, course.name)
        data = parsed.data if isinstance(parsed, YamlDoc) else None
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, str) and title.strip():
            return title.strip()[:120]
    try:  # bounded, and never a FIFO or a link: a pack is untrusted
        first = read_regular_file(folder / "title.txt", 4096).decode("utf-8").strip().splitlines()
    except (Refused, UnicodeDecodeError):
        first = []
    return first[0].strip()[:120] if first and first[0].strip() else folder.name
