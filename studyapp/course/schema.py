"""The shape of `course.yaml` and `questions.yaml`, declared as data (as content/schema.py does)."""

from __future__ import annotations

from studyapp.content.schema import FieldSpec


def _s(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str", required, help=help)


def _n(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("number", required, help=help)


def _sl(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str_list", required, help=help)


APPROVAL = {"board": _s(True, "e.g. NCBTMB or NCCAOM"), "number": _s(True, "approval number")}
PROVIDER = {
    "name": _s(True, "the approved provider's name"),
    "contact": _s(True, "address, e-mail or telephone printed on the certificate"),
    "approvals": FieldSpec("map_list", True, APPROVAL),
    "signatory": _s(False, "name under the signature"),
    "signature_image": _s(False, "PNG file in the pack"),
}
LESSON = {
    "id": _s(True, "lower_snake_case, unique in the course"),
    "title": _s(True),
    "muscles": _sl(True, "muscle ids, in teaching order"),
    "reading": _s(False, "the instructor's own text"),
}
POST_TEST = {
    "questions": _n(True, "questions drawn per attempt"),
    "pass_mark": _n(True, "percent needed to pass"),
    "time_limit_minutes": _n(False, "0 or absent: untimed"),
    "attempts": _n(False, "0 or absent: unlimited"),
    "show_answers": _s(False, "always, after_pass (default) or never"),
}
COURSE = {
    "schema": _n(True, "1"),
    "id": _s(True, "lower-case letters, digits, '-' and '_'"),
    "title": _s(True, "exactly as approved; printed verbatim"),
    "version": _s(True, "e.g. 1.0.0"),
    "course_type": _s(True, "live, home_study or webinar"),
    "ce_hours": _n(True),
    "language": _s(True, "e.g. en"),
    "description": _s(),
    "provider": FieldSpec("map", True, PROVIDER),
    "objectives": _sl(True),
    "lessons": FieldSpec("map_list", True, LESSON),
    "post_test": FieldSpec("map", False, POST_TEST),
    # "certificate" (ask_licence_number: yes/no) is checked by hand: YAML reads yes/no as booleans
}
CHOICE = {
    "text": _s(True),
    "correct": FieldSpec("bool", False, help="yes for a right choice"),
    "feedback": _s(),
}
# The questions.yaml vocabulary is shared with `studyapp course import-questions` and the LMS
# exports (docs/question-bank.md); course packs add click questions, lessons, muscles and pools.
QUESTION = {
    "id": _s(True, "unique in the course"),
    "type": _s(True, "multiple_choice, short_answer or click"),
    "prompt": _s(True),
    "choices": FieldSpec("map_list", False, CHOICE, help="multiple_choice: text and correct"),
    "answers": _sl(False, "short_answer: accepted answers"),
    "regions": _sl(False, "click: the region ids to click"),
    "view": _s(False, "click: body-chart view"),
    "feedback": _s(False, "shown after the answer"),
    "category": _s(False, "LMS category"),
    "area": _s(False, "body area id"),
    "picture": _s(False, "image file in the course folder"),
    "source": _s(False, "where it was imported from"),
    "muscle": _s(False, "muscle id"),
    "lesson": _s(False, "lesson id"),
    "pool": _s(False, "post_test (default) or practice"),
}
QUESTIONS_FILE = {
    "schema": _n(True, "1"),
    "name": _s(False, "the course's title"),
    "questions": FieldSpec("map_list", True, QUESTION),
}
