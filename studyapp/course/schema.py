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
QUESTION = {
    "id": _s(True, "unique in the course"),
    "kind": _s(True, "choice, typed or click"),
    "prompt": _s(True),
    "choices": _sl(False, "choice questions: the options"),
    "answer": _s(False, "the right answer (choice: one of the choices)"),
    "answers": _sl(False, "typed: accepted answers; click: region ids"),
    "explanation": _s(),
    "muscle": _s(False, "muscle id"),
    "lesson": _s(False, "lesson id"),
    "view": _s(False, "click questions: body-chart view"),
    "pool": _s(False, "post_test (default) or practice"),
}
QUESTIONS_FILE = {"schema": _n(True, "1"), "questions": FieldSpec("map_list", True, QUESTION)}
