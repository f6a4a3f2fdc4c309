"""A student's path through a course: post-test failed then passed, certificate, record, roster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from studyapp.cli import main
from studyapp.content.loader import load_atlas
from studyapp.course import posttest
from studyapp.course.completion import (
    RecordError,
    certificate_fields,
    check_record,
    completion_record,
    hours_text,
)
from studyapp.course.loader import load_course
from studyapp.course.model import Course, QuestionKind
from studyapp.course.records import CourseRecords
from studyapp.course.roster import build_roster
from tests.helpers.clock import Clock

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hip-low-back"


@pytest.fixture(scope="module")
def course() -> Course:
    result = load_course(EXAMPLE, load_atlas().atlas)
    assert result.ok and result.course is not None, result.problems
    return result.course


@pytest.fixture
def records(tmp_path: Path, clock: Clock) -> Iterator[CourseRecords]:
    r = CourseRecords.open(tmp_path, now=clock, keep_backups=0)
    yield r
    r.close()


def _right(entry: posttest.Drawn) -> str | list[str]:
    q = entry.question
    return list(q.answers) if q.kind is QuestionKind.CLICK or q.select_all else q.answers[0]


def _wrong(entry: posttest.Drawn) -> str | list[str]:
    q = entry.question
    if q.kind is QuestionKind.CHOICE:
        return next(c for c in entry.choices if c not in q.answers)
    return ["sacrum"] if q.kind is QuestionKind.CLICK else "no idea"


def test_the_post_test_draws_only_post_test_questions(course: Course) -> None:
    drawn = posttest.draw(course, seed=7)
    assert len(drawn) == 10
    assert all(d.question.pool == "post_test" for d in drawn)
    assert len({d.question.id for d in drawn}) == 10
    assert posttest.draw(course, seed=7) == drawn  # the seed recorded with an attempt reproduces it


def test_fail_then_pass_then_certificate_and_record(
    course: Course, records: CourseRecords, clock: Clock
) -> None:
    started = clock()
    drawn = posttest.draw(course, seed=1)
    # Six right answers of ten: 60 % is below the 70 % pass mark.
    answers = {d.question.id: (_right(d) if i < 6 else _wrong(d)) for i, d in enumerate(drawn)}
    failed = posttest.grade(course, drawn, answers)
    assert (failed.correct, failed.score, failed.passed) == (6, 60.0, False)
    first = records.record_attempt(course.id, course.version, course.title, started, failed)
    assert posttest.attempts_left(course, len(records.attempts(course.id))) == 2
    with pytest.raises(ValueError):
        records.issue(first, "Alex Student", "LMT-1", "X")

    clock.advance(hours=1)
    drawn = posttest.draw(course, seed=2)
    answers = {d.question.id: _right(d) for d in drawn}
    answers[drawn[0].question.id] = _wrong(drawn[0])  # 9 of 10
    passed = posttest.grade(course, drawn, answers)
    assert (passed.correct, passed.score, passed.passed) == (9, 90.0, True)
    attempt = records.record_attempt(course.id, course.version, course.title, clock(), passed)
    assert [a.passed for a in records.attempts(course.id)] == [False, True]
    assert records.attempts(course.id)[0].items[6]["correct"] is False  # every answer is kept

    fields = certificate_fields(course, attempt, "Alex Student", "LMT-1", "2026-12-05")
    assert fields.course_title == "Trigger Points of the Hip and Low Back"
    assert fields.hours == "4 CEs" and fields.course_type == "Home study"
    assert "NCBTMB 000000-00" in fields.provider_numbers and fields.provider_contact
    issued = records.issue(attempt, fields.participant, fields.licence, fields.code)
    assert records.certificates_for(course.id) == [issued]

    record = completion_record(course, attempt, "Alex Student", "LMT-1", mastery=0.8, issued=clock())
    assert check_record(record)["certificate"]["code"] == fields.code
    verbs = [s["verb"]["display"]["en-US"] for s in record["statements"]]
    assert verbs == ["completed", "passed"]
    assert record["statements"][1]["result"]["score"]["scaled"] == 0.9


def test_attempts_run_out(course: Course) -> None:
    assert posttest.attempts_left(course, 3) == 0
    assert posttest.attempts_left(course, 1) == 2


def test_hours_are_written_as_ces() -> None:
    assert hours_text(4) == "4 CEs" and hours_text(1.5) == "1.5 CEs" and hours_text(1) == "1 CE"


def _record(course: Course, records: CourseRecords, clock: Clock, name: str) -> dict[str, object]:
    drawn = posttest.draw(course, seed=3)
    outcome = posttest.grade(course, drawn, {d.question.id: _right(d) for d in drawn})
    attempt = records.record_attempt(course.id, course.version, course.title, clock(), outcome)
    return completion_record(course, attempt, name, "", mastery=0.5, issued=clock())


def test_an_edited_record_fails_its_check(course: Course, records: CourseRecords, clock: Clock) -> None:
    record = _record(course, records, clock, "Sam")
    record["attempt"]["score_percent"] = 50.0  # type: ignore[index]
    with pytest.raises(RecordError, match="integrity"):
        check_record(record)


def test_roster_reads_records_back_and_flags_problems(
    course: Course, records: CourseRecords, clock: Clock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    for name in ("Ann", "Ben"):
        clock.advance(minutes=5)
        (folder / f"{name}.json").write_text(json.dumps(_record(course, records, clock, name)))
    (folder / "zz-Ann-copy.json").write_text((folder / "Ann.json").read_text())
    edited = json.loads((folder / "Ben.json").read_text())
    edited["participant"]["name"] = "Someone Else"
    (folder / "edited.json").write_text(json.dumps(edited))
    (folder / "junk.json").write_text("{not json")
    rows = {Path(r.file).name: r for r in build_roster(sorted(folder.glob("*.json")))}
    assert rows["Ann.json"].status == "ok" and rows["Ben.json"].status == "ok"
    assert rows["zz-Ann-copy.json"].status.startswith("duplicate of")
    assert rows["edited.json"].status.startswith("integrity failed")
    assert rows["junk.json"].status.startswith("integrity failed: not valid JSON")

    out = tmp_path / "roster.csv"
    assert main(["course", "roster", str(folder), "-o", str(out)]) == 1  # two records failed their check
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("file,status,participant") and len(lines) == 6
    assert "2 failed their check" in capsys.readouterr().out

    assert main(["course", "verify", str(folder / "Ann.json")]) == 0
    assert "VALID: Ann completed" in capsys.readouterr().out
    code = json.loads((folder / "Ann.json").read_text())["certificate"]["code"]
    assert main(["course", "verify", str(folder / "Ann.json"), code]) == 0
    assert main(["course", "verify", str(folder / "Ann.json"), "AAAAA-AAAAA-AAAAA"]) == 1
    assert main(["course", "verify", str(folder / "edited.json")]) == 1


def test_instructor_commands_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "my-course"
    assert main(["course", "new", str(folder)]) == 0
    assert main(["course", "validate", str(folder)]) == 0
    assert main(["course", "new", str(folder)]) == 2  # never overwrites an instructor's work
    out = tmp_path / "my.studypack"
    assert main(["course", "build", str(folder), "-o", str(out)]) == 0
    assert main(["course", "validate", str(out)]) == 0
    (folder / "course.yaml").write_text(
        (folder / "course.yaml").read_text().replace("ce_hours: 2", "ce_hours: -1")
    )
    capsys.readouterr()
    assert main(["course", "validate", str(folder)]) == 1
    assert "course.yaml:" in capsys.readouterr().out
    assert main(["course", "build", str(folder), "-o", str(tmp_path / "bad.studypack")]) == 1
    assert not (tmp_path / "bad.studypack").exists()
    (tmp_path / "broken.studypack").write_bytes(b"PK\x03\x04broken")
    assert main(["course", "validate", str(tmp_path / "broken.studypack")]) == 1
    assert main(["course", "validate", str(tmp_path / "nothing-here")]) == 2


def test_records_survive_reopening(course: Course, tmp_path: Path, clock: Clock) -> None:
    first = CourseRecords.open(tmp_path, now=clock, keep_backups=0)
    _record(course, first, clock, "Cy")
    first.close()
    again = CourseRecords.open(tmp_path, now=clock, keep_backups=0)
    try:
        assert len(again.attempts(course.id)) == 1
        with pytest.raises(Exception, match="append-only"), again.db.transaction() as conn:
            conn.execute("DELETE FROM attempt")
    finally:
        again.close()


def test_preview_opens_the_app_on_a_throwaway_folder_with_only_that_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path
) -> None:
    from studyapp import paths
    from studyapp.ui import app

    seen: dict[str, object] = {}

    def fake_run(argv: list[str], *, tab: str | None = None) -> int:
        folder = paths.data_dir()
        seen.update(
            tab=tab, folder=folder, installed=sorted(p.name for p in (folder / "course_packs").iterdir())
        )
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    assert main(["course", "preview", str(EXAMPLE)]) == 0
    assert seen["tab"] == "course" and seen["installed"] == ["tp-hip-low-back"]
    assert seen["folder"] != isolated_data_dir and not Path(str(seen["folder"])).exists()  # thrown away
    assert main(["course", "preview", str(tmp_path / "missing")]) == 2
