"""Course packs: the example builds and installs; every hostile pack is refused and changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.course import pack as pack_module
from studyapp.course.loader import load_course
from studyapp.course.pack import (
    PackError,
    build_pack,
    install_pack,
    installed_courses,
    read_pack,
    remove_course,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hip-low-back"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas().atlas


def _zip(
    entries: list[tuple[str, bytes]], *, manifest: bool = True, mode: int = stat.S_IFREG | 0o644
) -> bytes:
    """A pack whose manifest lists every entry correctly, unless told otherwise."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if manifest:
            files = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in entries}
            body = {"format": "studypack", "format_version": 1, "course": "x", "version": "1", "files": files}
            archive.writestr("manifest.json", json.dumps(body))
        for name, data in entries:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zipfile warns about duplicate names; that is the test
                archive.writestr(info, data)
    return buffer.getvalue()


def _example_entries() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(EXAMPLE.iterdir()) if p.is_file()]


def test_example_pack_builds_installs_and_lists(tmp_path: Path, atlas: Atlas) -> None:
    out = tmp_path / "hip.studypack"
    course = build_pack(EXAMPLE, out, atlas)
    assert course.title == "Trigger Points of the Hip and Low Back"
    installed = install_pack(out, tmp_path / "courses", atlas)
    assert installed.replaced_version is None
    assert (tmp_path / "courses" / "tp-hip-low-back" / "course.yaml").is_file()
    assert [c.id for c in installed_courses(tmp_path / "courses", atlas)] == ["tp-hip-low-back"]
    assert course.post_test is not None and course.post_test.questions >= 10  # NCCAOM approval asks >= 10


def test_building_is_reproducible(tmp_path: Path, atlas: Atlas) -> None:
    build_pack(EXAMPLE, tmp_path / "a.studypack", atlas)
    build_pack(EXAMPLE, tmp_path / "b.studypack", atlas)
    assert (tmp_path / "a.studypack").read_bytes() == (tmp_path / "b.studypack").read_bytes()


def test_an_invalid_course_is_not_built(tmp_path: Path, atlas: Atlas) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    text = (EXAMPLE / "course.yaml").read_text().replace("pass_mark: 70", "pass_mark: 170")
    (folder / "course.yaml").write_text(text)
    (folder / "questions.yaml").write_bytes((EXAMPLE / "questions.yaml").read_bytes())
    with pytest.raises(PackError, match="pass_mark"):
        build_pack(folder, tmp_path / "x.studypack", atlas)
    assert not (tmp_path / "x.studypack").exists()


def test_a_newer_version_replaces_the_old_in_place(tmp_path: Path, atlas: Atlas) -> None:
    courses = tmp_path / "courses"
    build_pack(EXAMPLE, tmp_path / "v1.studypack", atlas)
    install_pack(tmp_path / "v1.studypack", courses, atlas)
    folder = tmp_path / "v2"
    folder.mkdir()
    (folder / "course.yaml").write_text((EXAMPLE / "course.yaml").read_text().replace('"1.0.0"', '"1.1.0"'))
    (folder / "questions.yaml").write_bytes((EXAMPLE / "questions.yaml").read_bytes())
    build_pack(folder, tmp_path / "v2.studypack", atlas)
    installed = install_pack(tmp_path / "v2.studypack", courses, atlas)
    assert installed.replaced_version == "1.0.0" and installed.course.version == "1.1.0"
    assert sorted(p.name for p in courses.iterdir()) == ["tp-hip-low-back"]  # no staging left behind
    assert remove_course(courses, "tp-hip-low-back") and not (courses / "tp-hip-low-back").exists()


HOSTILE = {
    "absolute path": ([("/etc/passwd.txt", b"x")], "absolute"),
    "parent folder": ([("../evil.yaml", b"x")], "'..'"),
    "nested parent folder": ([("lessons/../../evil.yaml", b"x")], "'..'"),
    "windows drive": ([("C:/evil.yaml", b"x")], "Windows"),
    "backslash": ([("lessons\\evil.yaml", b"x")], "Windows"),
    "hidden file": ([(".hidden.yaml", b"x")], "not allowed"),
    "python code": ([("setup.py", b"import os")], "file type"),
    "duplicate name": ([("course.yaml", b"a"), ("course.yaml", b"b")], "twice"),
    "duplicate by case": ([("notes.md", b"a"), ("NOTES.md", b"b")], "twice"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_names_are_refused(case: str, tmp_path: Path, atlas: Atlas) -> None:
    entries, message = HOSTILE[case]
    path = tmp_path / "bad.studypack"
    path.write_bytes(_zip(_example_entries() + entries))
    courses = tmp_path / "courses"
    with pytest.raises(PackError, match=message):
        install_pack(path, courses, atlas)
    assert not courses.exists() or not any(courses.iterdir())
    assert not (tmp_path / "evil.yaml").exists()


def test_a_symlink_entry_is_refused(tmp_path: Path, atlas: Atlas) -> None:
    path = tmp_path / "link.studypack"
    path.write_bytes(_zip([*_example_entries(), ("reading.md", b"/etc/passwd")], mode=stat.S_IFLNK | 0o777))
    with pytest.raises(PackError, match="link"):
        read_pack(path)


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path, atlas: Atlas) -> None:
    path = tmp_path / "bomb.studypack"
    path.write_bytes(_zip([*_example_entries(), ("big.txt", b"\0" * (8 * 1024 * 1024))]))
    assert path.stat().st_size < 100_000
    with pytest.raises(PackError, match="zip bomb"):
        read_pack(path)


def test_files_over_the_size_limits_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_module, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.studypack"
    path.write_bytes(_zip([*_example_entries(), ("notes.txt", bytes(range(256)) * 8)]))
    with pytest.raises(PackError, match="more than"):
        read_pack(path)
    monkeypatch.setattr(pack_module, "MAX_PACK_BYTES", 100)
    with pytest.raises(PackError, match="larger than"):
        read_pack(path)


def test_checksums_and_manifest_are_enforced(tmp_path: Path) -> None:
    entries = _example_entries()
    good = _zip(entries)
    tampered = tmp_path / "tampered.studypack"
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "course.yaml":
                data = data.replace(b"pass_mark: 70", b"pass_mark: 10")
            dst.writestr(info.filename, data)
    with pytest.raises(PackError, match="checksum"):
        read_pack(tampered)
    unlisted = tmp_path / "unlisted.studypack"
    unlisted.write_bytes(_zip(entries, manifest=False))
    with pytest.raises(PackError, match="manifest"):
        read_pack(unlisted)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "flipped"])
def test_damaged_packs_give_one_line(damage: str, tmp_path: Path, atlas: Atlas) -> None:
    good = tmp_path / "good.studypack"
    build_pack(EXAMPLE, good, atlas)
    data = good.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": b"this is not a zip file" * 10,
        "empty": b"",
        "flipped": data[:200] + bytes([data[200] ^ 0xFF]) + data[201:],
    }[damage]
    path = tmp_path / "damaged.studypack"
    path.write_bytes(damaged)
    with pytest.raises(PackError) as caught:
        install_pack(path, tmp_path / "courses", atlas)
    assert "\n" not in str(caught.value) and "damaged.studypack" in str(caught.value)


def test_a_pack_that_fails_validation_changes_nothing(tmp_path: Path, atlas: Atlas) -> None:
    courses = tmp_path / "courses"
    build_pack(EXAMPLE, tmp_path / "good.studypack", atlas)
    install_pack(tmp_path / "good.studypack", courses, atlas)
    before = (courses / "tp-hip-low-back" / "course.yaml").read_bytes()
    entries = [
        (n, d.replace(b"[gluteus_medius,", b"[gluteus_mediuz,") if n == "course.yaml" else d)
        for n, d in _example_entries()
    ]
    bad = tmp_path / "bad.studypack"
    bad.write_bytes(_zip(entries))
    with pytest.raises(PackError, match="gluteus_mediuz"):
        install_pack(bad, courses, atlas)
    assert (courses / "tp-hip-low-back" / "course.yaml").read_bytes() == before
    assert sorted(p.name for p in courses.iterdir()) == ["tp-hip-low-back"]


def test_course_problems_name_file_line_and_field(tmp_path: Path, atlas: Atlas) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    text = (EXAMPLE / "course.yaml").read_text()
    text = text.replace("course_type: home_study", "course_type: correspondence")
    text = text.replace("questions: 10 ", "questions: 5 ")  # NCCAOM needs at least 10
    (folder / "course.yaml").write_text(text)
    questions = (
        (EXAMPLE / "questions.yaml")
        .read_text()
        .replace('"Greater sciatic foramen", correct: yes', '"Greater sciatic foramen", correct: no')
    )
    (folder / "questions.yaml").write_text(questions)
    result = load_course(folder, atlas)
    messages = [str(p) for p in result.problems]
    assert not result.ok
    assert any("c/course.yaml:" in m and "course_type" in m for m in messages)
    assert any(
        "questions.yaml:" in m and "questions[6].choices" in m and "correct: yes" in m for m in messages
    )
    text = text.replace("course_type: correspondence", "course_type: home_study")
    (folder / "course.yaml").write_text(text)
    (folder / "questions.yaml").write_bytes((EXAMPLE / "questions.yaml").read_bytes())
    messages = [str(p) for p in load_course(folder, atlas).problems]
    assert any("post_test.questions" in m and "NCCAOM" in m for m in messages)


def test_a_pack_extends_the_atlas_as_a_content_root(tmp_path: Path, atlas: Atlas) -> None:
    from studyapp.content.loader import PACKS_FOLDER, content_roots

    data = tmp_path / "data"
    build_pack(EXAMPLE, tmp_path / "hip.studypack", atlas)
    install_pack(tmp_path / "hip.studypack", data / PACKS_FOLDER, atlas)
    layered = load_atlas(roots=content_roots(data))
    assert layered.ok, layered.problems
    medius = layered.atlas.muscles["gluteus_medius"]
    assert medius.notes[-1].startswith("Course note:")
    where = medius.provenance.of(f"notes:{len(medius.notes) - 1}").describe()
    assert where == "from course pack: Trigger Points of the Hip and Low Back"
    assert atlas.muscles["gluteus_medius"].notes != medius.notes  # the bundled record is untouched


def test_a_pack_whose_extra_record_is_broken_is_refused(tmp_path: Path, atlas: Atlas) -> None:
    extra = "muscles/hip_thigh/gluteus_medius_course.yaml"
    text = (EXAMPLE / extra).read_bytes().replace(b"extends: gluteus_medius", b"extends: gluteus_mediuz")
    path = tmp_path / "broken.studypack"
    path.write_bytes(_zip([*_example_entries(), (extra, text)]))
    with pytest.raises(PackError, match="gluteus_mediuz"):
        install_pack(path, tmp_path / "courses", atlas)


def test_importing_a_bank_into_a_course_keeps_its_own_questions_and_validates(
    tmp_path: Path, atlas: Atlas
) -> None:
    import shutil

    from studyapp.cli import main

    folder = tmp_path / "course"
    shutil.copytree(EXAMPLE, folder)
    bank = tmp_path / "week3.gift"
    bank.write_text("::abd:: Which muscle abducts the hip? {=Gluteus medius ~Adductor longus ~Gracilis}\n")
    assert main(["course", "import-questions", str(bank), str(folder)]) == 0
    result = load_course(folder, atlas)
    assert result.ok and result.course is not None, result.problems
    by_id = {q.id: q for q in result.course.questions}
    assert by_id["gmin-zone-click"].answers[0] == "lateral_hip"  # the click question survived the rewrite
    assert by_id["piri-nerve-risk"].lesson == "deep_rotators" and by_id["abd"].answers == ("Gluteus medius",)
