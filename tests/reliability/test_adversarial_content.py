"""Hostile content files: each is refused with a message naming file, line and field, never a traceback
or a hang, and the good record beside it still loads (issue #18, items 3, 4 and 13)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from studyapp.cli import main
from studyapp.content.loader import load_atlas
from studyapp.content.yamlfile import MAX_FILE_BYTES
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def _billion_laughs() -> str:
    text = 'id: lol\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghij":
        text += f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
        previous = name
    return text


def _with_tp(**changes: object) -> str:
    tp = {**muscle()["trigger_points"][0], **changes}
    return yaml.safe_dump(muscle(id="bad", name="Bad", aliases=[], trigger_points=[tp]), sort_keys=False)


def _unknown_zones(count: int) -> str:
    tp = {**muscle()["trigger_points"][0], "essential_zones": [f"zone_{i:06d}" for i in range(count)]}
    return yaml.safe_dump(muscle(id="bad", name="Bad", aliases=[], trigger_points=[tp]), sort_keys=False)


# name -> (file text or bytes, expected line or None, expected field, words the message must hold)
TEXT_CASES: dict[str, tuple[str | bytes, int | None, str, str]] = {
    "billion laughs": (_billion_laughs(), 3, "b[1]", "alias"),
    "recursive anchor": ("id: bad\nname: &a [*a]\n", 2, "name[1]", "alias"),
    "5,000-digit integer": ("id: bad\nname: " + "9" * 5000 + "\n", 2, "name", "5,000 characters"),
    "NUL byte": (b"id: bad\nname: x\x00y\n", 2, "", "NUL byte"),
    "bad encoding": (b"id: bad\nname: caf\xe9\n", 2, "", "not UTF-8"),
    "empty file": ("", 1, "", "is empty"),
    "control character": ("id: bad\nname: a\x01b\n", 2, "", "control character U+0001"),
    "key with a newline": ('id: bad\n"x\\nerror: fine": 1\n', 2, "x\nerror: fine", "unknown field"),
    "only a comment": ("# nothing yet\n", 1, "", "is empty"),
    "duplicate key": (
        "id: bad\nname: A\norigin: x\nname: B\n",
        4,
        "name",
        "repeats the key 'name' (first at line 2)",
    ),
    "non-text key": (_with_tp(markers={1: [236, 456]}), None, "trigger_points[1].markers", "not text"),
    "list as trigger point id": (_with_tp(id=["tp", 1]), None, "trigger_points[1].id", "must be text"),
    "list as source id": (
        yaml.safe_dump(muscle(id="bad", name="Bad", aliases=[], sources=[{"id": ["a"], "citation": "A."}])),
        None,
        "sources[1].id",
        "must be text",
    ),
    "list in an extension's replaces": (
        "schema: 2\nextends: test_muscle\nreplaces: [[palpation]]\n",
        3,
        "replaces[1]",
        "must be text",
    ),
    "id that is not an id": (
        yaml.safe_dump(muscle(id="Fuzz Muscle!", name="Bad", aliases=[])),
        None,
        "id",
        "is not an id",
    ),
    "id that is not the file name": (
        yaml.safe_dump(muscle(id="other", name="Bad", aliases=[])),
        None,
        "id",
        "'bad.yaml'",
    ),
    "deep nesting": ("id: bad\nname: " + "[" * 40 + "]" * 40 + "\n", 2, "name", "levels deep"),
    "flow nesting beyond libyaml": (
        "id: bad\nname: " + "[" * 5000 + "]" * 5000 + "\n",
        2,
        "",
        "not valid YAML",
    ),
    "impossible date": ("id: bad\nname: 2024-02-31\n", 2, "", "day is out of range"),
    "python object tag": ("id: !!python/object/apply:os.system ['true']\n", 1, "", "not valid YAML"),
    "two documents": ("id: bad\n---\nid: bad\n", 2, "", "more than one document"),
    "over the size limit": (_unknown_zones(100_000), None, "", f"the limit is {MAX_FILE_BYTES:,} bytes"),
    "too many values": (_unknown_zones(60_000), None, "", "holds more than"),
}


def _root_with_good_sibling(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    return root


def _assert_refused_and_sibling_loads(root: Path, line: int | None, field: str, words: str) -> None:
    result = load_atlas(root)
    assert list(result.atlas.muscles) == ["test_muscle"], "the good record beside the bad one must load"
    mine = [p for p in result.problems if p.file.endswith("bad.yaml")]
    assert mine, result.problems
    assert all(p.file == "resources/muscles/hip_thigh/bad.yaml" for p in mine)
    assert any(words in p.message and p.field == field for p in mine), [str(p) for p in mine]
    if line is not None:
        assert any(p.line == line and words in p.message for p in mine), [str(p) for p in mine]
    assert not any("please report this" in p.message for p in result.problems)


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_hostile_text_is_refused_by_file_line_and_field(name: str, tmp_path: Path) -> None:
    content, line, field, words = TEXT_CASES[name]
    root = _root_with_good_sibling(tmp_path)
    path = root / "muscles" / "hip_thigh" / "bad.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    _assert_refused_and_sibling_loads(root, line, field, words)


def _fifo(path: Path) -> None:
    """A FIFO; should a reader ever open it, a writer answers with junk so the test fails, not hangs."""
    os.mkfifo(path)

    def answer_any_reader() -> None:
        for _ in range(200):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet (ENXIO) or the test is over
                time.sleep(0.05)
                continue
            os.write(fd, b"id: [\n")
            os.close(fd)
            return

    threading.Thread(target=answer_any_reader, daemon=True).start()


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")  # reading it would never end


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _link_to_good(path: Path) -> None:
    path.symlink_to(path.with_name("test_muscle.yaml"))


def _folder(path: Path) -> None:
    path.mkdir()


SPECIAL_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "FIFO": (_fifo, "is a FIFO (named pipe), not a regular file"),
    "link to /dev/zero": (_dev_zero, "is a symbolic link"),
    "symlink loop": (_loop, "is a symbolic link"),
    "link to a good file": (_link_to_good, "is a symbolic link"),
    "folder named *.yaml": (_folder, "is a folder, not a regular file"),
}


@pytest.mark.parametrize("name", list(SPECIAL_CASES))
def test_special_files_are_refused_without_being_read(name: str, tmp_path: Path) -> None:
    make, words = SPECIAL_CASES[name]
    root = _root_with_good_sibling(tmp_path)
    make(root / "muscles" / "hip_thigh" / "bad.yaml")
    _assert_refused_and_sibling_loads(root, None, "", words)


def test_an_unreadable_file_is_a_problem_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _root_with_good_sibling(tmp_path)
    bad = write_muscle(root, muscle(id="bad", name="Bad", aliases=[]))
    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)  # the tests run as root, where chmod 000 is still readable
    _assert_refused_and_sibling_loads(root, None, "", "cannot be read (Permission denied)")


def test_a_key_with_a_newline_cannot_print_a_fake_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _root_with_good_sibling(tmp_path)
    data = muscle(id="bad", name="Bad", aliases=[])
    data["x\nerror: everything is fine"] = 1
    path = write_muscle(root, data)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, out
    assert "unknown field 'x\\nerror: everything is fine'" in errors[0]


@pytest.mark.parametrize("name", ["billion laughs", "duplicate key", "NUL byte"])
def test_validate_names_the_hostile_file_and_exits_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = TEXT_CASES[name][0]
    path = tmp_path / "bad.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml" in out and "problem(s) found" in out


def test_a_file_full_of_mistakes_lists_a_bounded_number(tmp_path: Path) -> None:
    root = _root_with_good_sibling(tmp_path)
    (root / "muscles" / "hip_thigh" / "bad.yaml").write_text(_unknown_zones(5_000), encoding="utf-8")
    result = load_atlas(root)
    mine = [p for p in result.problems if p.file.endswith("bad.yaml")]
    assert len(mine) == 100
    assert "unknown region id 'zone_000000'" in mine[0].message
    assert mine[-1].message == "and 4,901 more problems"
    assert "test_muscle" in result.atlas.muscles
