"""Frozen records of a course pack, as the student's app and the provider's tools see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class CourseType(StrEnum):
    LIVE = "live"
    HOME_STUDY = "home_study"
    WEBINAR = "webinar"

    @property
    def label(self) -> str:
        return {"live": "Live", "home_study": "Home study", "webinar": "Webinar"}[self.value]


class QuestionKind(StrEnum):
    CHOICE = "choice"  # pick one of the listed choices
    TYPED = "typed"  # type the answer; any listed answer counts
    CLICK = "click"  # click regions on the body chart


class ShowAnswers(StrEnum):
    ALWAYS = "always"
    AFTER_PASS = "after_pass"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class Approval:
    board: str  # e.g. NCBTMB, NCCAOM
    number: str


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    contact: str
    approvals: tuple[Approval, ...]
    signature_image: str = ""  # a file inside the pack, or nothing
    signatory: str = ""


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    title: str
    muscles: tuple[str, ...]
    reading: str = ""  # the instructor's own text (Markdown-like plain text)


@dataclass(frozen=True, slots=True)
class Question:
    """An instructor's question. `answers`: the right choices, the accepted typed answers or the regions."""

    id: str
    kind: QuestionKind
    prompt: str
    answers: tuple[str, ...]
    choices: tuple[str, ...] = ()
    explanation: str = ""
    muscle: str = ""  # the muscle it is about, for linking and mastery
    lesson: str = ""
    view: str = ""  # body-chart view for click questions
    pool: str = "post_test"  # "post_test" (may appear in the post-test) or "practice" (course deck only)
    picture: str = ""  # an image in the course folder, shown with the prompt

    @property
    def select_all(self) -> bool:
        """A multiple-choice question with several right choices: all of them must be picked."""
        return self.kind is QuestionKind.CHOICE and len(self.answers) > 1


@dataclass(frozen=True, slots=True)
class PostTest:
    questions: int  # how many are drawn per attempt
    pass_mark: float  # percent, e.g. 70
    time_limit_minutes: float  # 0 = untimed
    attempts: int  # 0 = unlimited
    show_answers: ShowAnswers = ShowAnswers.AFTER_PASS


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    title: str  # exactly as approved: the certificate prints it verbatim
    version: str
    course_type: CourseType
    ce_hours: float
    language: str
    provider: Provider
    objectives: tuple[str, ...]
    lessons: tuple[Lesson, ...]
    questions: tuple[Question, ...]
    post_test: PostTest | None
    ask_licence_number: bool = False
    description: str = ""
    folder: str = field(default="", compare=False)  # where the pack's files live once installed

    @property
    def muscles(self) -> tuple[str, ...]:
        """Syllabus muscles in teaching order, each once."""
        seen: dict[str, None] = {}
        for lesson in self.lessons:
            for mid in lesson.muscles:
                seen.setdefault(mid, None)
        return tuple(seen)

    def post_test_pool(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.pool == "post_test")
