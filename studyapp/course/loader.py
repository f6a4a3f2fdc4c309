"""Read and check a course folder: `course.yaml` plus an optional `questions.yaml`.

Every problem names the file, line and field, as the muscle loader does; a course with any problem
is not usable (a provider must not hand out a pack whose post-test or certificate is wrong).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.content.checks import check_mapping, problem, suggest
from studyapp.content.model import Atlas
from studyapp.content.yamlfile import Problem, YamlDoc, read_yaml
from studyapp.course import schema
from studyapp.course.model import (
    Approval,
    Course,
    CourseType,
    Lesson,
    PostTest,
    Provider,
    Question,
    QuestionKind,
    ShowAnswers,
)

COURSE_FILE = "course.yaml"
QUESTIONS_FILE = "questions.yaml"
SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
NCCAOM_MIN_QUESTIONS = 10  # NCCAOM PDA: a final assessment of at least 10 questions
MAX_YAML_BYTES = 2 * 1024 * 1024


@dataclass(slots=True)
class CourseResult:
    course: Course | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.course is not None and not self.problems


def load_course(folder: Path, atlas: Atlas) -> CourseResult:
    """The course in `folder`, checked against `atlas` (muscle and region ids must exist)."""
    problems: list[Problem] = []
    course_path = folder / COURSE_FILE
    if not course_path.is_file():
        return CourseResult(
            None, [Problem(str(course_path), None, "", "is missing: a course needs course.yaml")]
        )
    doc = _read(course_path, folder, problems)
    if doc is None:
        return CourseResult(None, problems)
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        return CourseResult(None, [problem(doc, (), "must be a mapping of course fields")])
    certificate = data.get("certificate")
    shape = check_mapping(doc, (), {k: v for k, v in data.items() if k != "certificate"}, schema.COURSE)
    problems.extend(shape)
    ask_licence = _certificate(doc, certificate, problems)
    atlas = _with_pack_content(folder, atlas, problems)
    questions = _load_questions(folder, atlas, problems)
    if shape:
        return CourseResult(None, problems)
    course = _build_course(doc, data, folder, atlas, questions, ask_licence, problems)
    return CourseResult(course if not problems else None, problems)


def _with_pack_content(folder: Path, atlas: Atlas, problems: list[Problem]) -> Atlas:
    """The atlas plus the pack's own muscles and extensions (`muscles/<area>/*.yaml`), if it has any.

    A pack's content is a layered content root: loaded after the bundled atlas, its problems are the
    course's problems, so a pack with a broken extra record is not installed.
    """
    if not (folder / "muscles").is_dir():
        return atlas
    from studyapp.content.loader import bundled_root, load_atlas, pack_label
    from studyapp.content.model import Root

    result = load_atlas(roots=[bundled_root(), Root(folder, pack_label(folder), "course_pack")])
    problems.extend(p for p in result.problems if folder.name in p.file or str(folder) in p.file)
    return result.atlas


def _read(path: Path, folder: Path, problems: list[Problem]) -> YamlDoc | None:
    display = f"{folder.name}/{path.name}"
    try:
        if path.is_symlink() or path.stat().st_size > MAX_YAML_BYTES:
            problems.append(
                Problem(display, None, "", f"must be a plain file under {MAX_YAML_BYTES // 1024} KiB")
            )
            return None
    except OSError as exc:
        problems.append(Problem(display, None, "", f"cannot be read ({exc.strerror or exc})"))
        return None
    parsed = read_yaml(path, display)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    return parsed


def _certificate(doc: YamlDoc, value: Any, problems: list[Problem]) -> bool:
    if value is None:
        return False
    if not isinstance(value, dict):
        problems.append(problem(doc, ("certificate",), "must be a mapping such as {ask_licence_number: yes}"))
        return False
    for key in value:
        if key != "ask_licence_number":
            problems.append(problem(doc, ("certificate", str(key)), f"unknown field '{key}'"))
    ask = value.get("ask_licence_number", False)
    if not isinstance(ask, bool):
        problems.append(problem(doc, ("certificate", "ask_licence_number"), "must be yes or no"))
        return False
    return ask


def _schema_version(doc: YamlDoc, data: Mapping[str, Any], problems: list[Problem]) -> None:
    version = data.get("schema")
    if isinstance(version, int | float) and version != SCHEMA_VERSION:
        problems.append(
            problem(doc, ("schema",), f"is {version}, but this studyapp reads course schema {SCHEMA_VERSION}")
        )


def _build_course(
    doc: YamlDoc,
    data: dict[str, Any],
    folder: Path,
    atlas: Atlas,
    questions: tuple[Question, ...],
    ask_licence: bool,
    problems: list[Problem],
) -> Course | None:
    _schema_version(doc, data, problems)
    if not ID_PATTERN.match(data["id"]):
        problems.append(problem(doc, ("id",), "must use lower-case letters, digits, '-' and '_' (max 64)"))
    try:
        course_type = CourseType(data["course_type"])
    except ValueError:
        problems.append(problem(doc, ("course_type",), "must be live, home_study or webinar"))
        return None
    if data["ce_hours"] <= 0:
        problems.append(problem(doc, ("ce_hours",), "must be more than 0"))
    provider = data["provider"]
    approvals = tuple(Approval(a["board"].strip(), a["number"].strip()) for a in provider["approvals"])
    if not approvals:
        problems.append(problem(doc, ("provider", "approvals"), "must list at least one board approval"))
    signature = (provider.get("signature_image") or "").strip()
    if signature:
        _check_signature(doc, folder, signature, problems)
    lessons = _lessons(doc, data["lessons"], atlas, problems)
    if not data["objectives"]:
        problems.append(problem(doc, ("objectives",), "must list at least one learning objective"))
    lesson_ids = {lesson.id for lesson in lessons}
    for question in questions:
        if question.lesson and question.lesson not in lesson_ids:
            problems.append(
                Problem(
                    f"{folder.name}/{QUESTIONS_FILE}",
                    None,
                    f"questions[{question.id}].lesson",
                    f"unknown lesson '{question.lesson}'{suggest(question.lesson, lesson_ids)}",
                )
            )
    post_test = _post_test(doc, data.get("post_test"), questions, approvals, course_type, problems)
    return Course(
        id=data["id"],
        title=data["title"].strip(),
        version=data["version"].strip(),
        course_type=course_type,
        ce_hours=float(data["ce_hours"]),
        language=data["language"].strip(),
        provider=Provider(
            provider["name"].strip(),
            provider["contact"].strip(),
            approvals,
            signature,
            (provider.get("signatory") or "").strip(),
        ),
        objectives=tuple(o.strip() for o in data["objectives"]),
        lessons=lessons,
        questions=questions,
        post_test=post_test,
        ask_licence_number=ask_licence,
        description=(data.get("description") or "").strip(),
        folder=str(folder),
    )


def _check_signature(doc: YamlDoc, folder: Path, name: str, problems: list[Problem]) -> None:
    key = ("provider", "signature_image")
    path = folder / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        problems.append(problem(doc, key, "must be a file inside the course folder"))
    elif not name.lower().endswith(".png"):
        problems.append(problem(doc, key, "must be a PNG file"))
    elif path.is_symlink() or not path.is_file():
        problems.append(problem(doc, key, f"'{name}' is not a file in the course folder"))


def _lessons(
    doc: YamlDoc, items: list[dict[str, Any]], atlas: Atlas, problems: list[Problem]
) -> tuple[Lesson, ...]:
    lessons: list[Lesson] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        key: tuple[str | int, ...] = ("lessons", i)
        if item["id"] in seen:
            problems.append(problem(doc, (*key, "id"), f"duplicate lesson id '{item['id']}'"))
        seen.add(item["id"])
        if not item["muscles"]:
            problems.append(problem(doc, (*key, "muscles"), "must list at least one muscle id"))
        for j, mid in enumerate(item["muscles"]):
            if mid not in atlas.muscles:
                problems.append(
                    problem(
                        doc, (*key, "muscles", j), f"unknown muscle id '{mid}'{suggest(mid, atlas.muscles)}"
                    )
                )
        lessons.append(
            Lesson(
                item["id"], item["title"].strip(), tuple(item["muscles"]), (item.get("reading") or "").strip()
            )
        )
    return tuple(lessons)


def _post_test(
    doc: YamlDoc,
    data: dict[str, Any] | None,
    questions: tuple[Question, ...],
    approvals: tuple[Approval, ...],
    course_type: CourseType,
    problems: list[Problem],
) -> PostTest | None:
    if data is None:
        if course_type is CourseType.HOME_STUDY:
            problems.append(
                problem(doc, (), "a home-study course needs a graded post_test before the certificate")
            )
        return None
    key = ("post_test",)
    count = data["questions"]
    pool = sum(1 for q in questions if q.pool == "post_test")
    if not (isinstance(count, int) and count >= 1):
        problems.append(problem(doc, (*key, "questions"), "must be a whole number of at least 1"))
    elif count > pool:
        problems.append(
            problem(doc, (*key, "questions"), f"asks for {count} questions but the post-test pool has {pool}")
        )
    if (
        any(a.board.upper() == "NCCAOM" for a in approvals)
        and isinstance(count, int)
        and count < NCCAOM_MIN_QUESTIONS
    ):
        problems.append(
            problem(
                doc,
                (*key, "questions"),
                f"NCCAOM requires a final assessment of at least {NCCAOM_MIN_QUESTIONS} questions",
            )
        )
    if not 0 < data["pass_mark"] <= 100:
        problems.append(problem(doc, (*key, "pass_mark"), "must be a percentage between 1 and 100"))
    attempts = data.get("attempts") or 0
    if not (isinstance(attempts, int) and attempts >= 0):
        problems.append(problem(doc, (*key, "attempts"), "must be a whole number (0 = unlimited)"))
    minutes = data.get("time_limit_minutes") or 0
    if minutes < 0 or minutes > 24 * 60:
        problems.append(problem(doc, (*key, "time_limit_minutes"), "must be between 0 (untimed) and 1440"))
    try:
        show = ShowAnswers(data.get("show_answers") or ShowAnswers.AFTER_PASS.value)
    except ValueError:
        problems.append(problem(doc, (*key, "show_answers"), "must be always, after_pass or never"))
        show = ShowAnswers.AFTER_PASS
    return PostTest(
        int(count) if isinstance(count, int) else 0,
        float(data["pass_mark"]),
        float(minutes),
        int(attempts) if isinstance(attempts, int) else 0,
        show,
    )


def _load_questions(folder: Path, atlas: Atlas, problems: list[Problem]) -> tuple[Question, ...]:
    path = folder / QUESTIONS_FILE
    if not path.exists() and not path.is_symlink():
        return ()
    doc = _read(path, folder, problems)
    if doc is None:
        return ()
    shape = check_mapping(doc, (), doc.data, schema.QUESTIONS_FILE)
    problems.extend(shape)
    if shape:
        return ()
    _schema_version(doc, doc.data, problems)
    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(doc.data["questions"]):
        question = _question(doc, i, item, atlas, seen, problems)
        if question is not None:
            questions.append(question)
    return tuple(questions)


QUESTION_TYPES = {
    "multiple_choice": QuestionKind.CHOICE,
    "short_answer": QuestionKind.TYPED,
    "click": QuestionKind.CLICK,
}


def _question(
    doc: YamlDoc, index: int, item: dict[str, Any], atlas: Atlas, seen: set[str], problems: list[Problem]
) -> Question | None:
    key: tuple[str | int, ...] = ("questions", index)
    before = len(problems)
    qid = item["id"]
    if qid in seen:
        problems.append(problem(doc, (*key, "id"), f"duplicate question id '{qid}'"))
    seen.add(qid)
    kind = QUESTION_TYPES.get(item["type"])
    if kind is None:
        problems.append(problem(doc, (*key, "type"), "must be multiple_choice, short_answer or click"))
        return None
    raw_choices = item.get("choices") or []
    choices = tuple(c["text"].strip() for c in raw_choices)
    answers: tuple[str, ...] = ()
    if kind is QuestionKind.CHOICE:
        answers = tuple(c["text"].strip() for c in raw_choices if c.get("correct") is True)
        if len(choices) < 2:
            problems.append(
                problem(doc, (*key, "choices"), "a multiple-choice question needs at least two choices")
            )
        elif len(set(choices)) != len(choices):
            problems.append(problem(doc, (*key, "choices"), "choices must differ from each other"))
        elif not answers:
            problems.append(problem(doc, (*key, "choices"), "mark at least one choice 'correct: yes'"))
    elif kind is QuestionKind.TYPED:
        answers = tuple(a.strip() for a in item.get("answers") or ())
        if not answers:
            problems.append(problem(doc, (*key, "answers"), "a short-answer question needs accepted answers"))
    else:
        answers = tuple(r.strip() for r in item.get("regions") or ())
        if not answers:
            problems.append(problem(doc, (*key, "regions"), "a click question lists the region ids to click"))
        for j, rid in enumerate(answers):
            if rid not in atlas.regions:
                problems.append(
                    problem(
                        doc, (*key, "regions", j), f"unknown region id '{rid}'{suggest(rid, atlas.regions)}"
                    )
                )
        view = item.get("view") or ""
        if view and view not in atlas.views:
            problems.append(
                problem(doc, (*key, "view"), f"unknown view '{view}'{suggest(view, atlas.views)}")
            )
    muscle = item.get("muscle") or ""
    if muscle and muscle not in atlas.muscles:
        problems.append(
            problem(doc, (*key, "muscle"), f"unknown muscle id '{muscle}'{suggest(muscle, atlas.muscles)}")
        )
    pool = item.get("pool") or "post_test"
    if pool not in ("post_test", "practice"):
        problems.append(problem(doc, (*key, "pool"), "must be post_test or practice"))
    picture = (item.get("picture") or "").strip()
    if picture:
        folder = doc.path.parent
        target = folder / picture
        if (
            Path(picture).is_absolute()
            or ".." in Path(picture).parts
            or target.is_symlink()
            or not target.is_file()
        ):
            problems.append(
                problem(doc, (*key, "picture"), f"'{picture}' is not a file in the course folder")
            )
    if len(problems) > before:
        return None
    return Question(
        id=qid,
        kind=kind,
        prompt=item["prompt"].strip(),
        answers=answers,
        choices=choices,
        explanation=(item.get("feedback") or "").strip(),
        muscle=muscle,
        lesson=item.get("lesson") or "",
        view=item.get("view") or "",
        pool=pool,
        picture=picture,
    )
