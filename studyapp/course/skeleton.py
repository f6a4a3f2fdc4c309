"""`studyapp course new DIR`: a working course folder an instructor edits into their own."""

from __future__ import annotations

from pathlib import Path

COURSE_YAML = """\
# Your course. Edit every field, then check it with `studyapp course validate {folder}`.
# docs/course-packs.md explains each field; examples/hip-low-back is a complete course.
schema: 1
id: {course_id}
title: "My Course Title"              # exactly as approved by the board; printed verbatim
version: "0.1.0"
course_type: home_study               # live, home_study or webinar
ce_hours: 2
language: en
provider:
  name: "My School"
  contact: "Street, town · e-mail · telephone"
  signatory: "Name, credentials"
  approvals:
    - {{board: NCBTMB, number: "000000-00"}}
objectives:
  - Name the attachments and actions of gluteus medius.
  - Draw its trigger points' referral zones.
lessons:
  - id: lesson_1
    title: "Lesson 1"
    muscles: [gluteus_medius]
    reading: >-
      Write the lesson's reading here, in your own words.
post_test:
  questions: 2
  pass_mark: 70
  time_limit_minutes: 0
  attempts: 0
  show_answers: after_pass
certificate:
  ask_licence_number: no
"""

QUESTIONS_YAML = """\
# Format: docs/question-bank.md. type: multiple_choice | short_answer | click;
# pool: post_test (default) or practice.
schema: 1
questions:
  - id: q1
    type: multiple_choice
    lesson: lesson_1
    muscle: gluteus_medius
    prompt: "Which nerve supplies gluteus medius?"
    choices:
      - {text: "Superior gluteal nerve", correct: yes}
      - {text: "Inferior gluteal nerve", correct: no}
      - {text: "Femoral nerve", correct: no}
      - {text: "Obturator nerve", correct: no}
  - id: q2
    type: short_answer
    lesson: lesson_1
    muscle: gluteus_medius
    prompt: "Gluteus medius inserts on which bony landmark?"
    answers: ["greater trochanter", "the greater trochanter"]
"""


class SkeletonError(Exception):
    pass


def make_skeleton(folder: Path) -> list[Path]:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SkeletonError(f"{folder} already exists and is not an empty folder; choose a new one")
    course_id = "".join(ch if ch.isalnum() else "-" for ch in folder.name.lower()).strip("-") or "my-course"
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "course.yaml", folder / "questions.yaml"]
    written[0].write_text(COURSE_YAML.format(folder=folder, course_id=course_id[:64]), encoding="utf-8")
    written[1].write_text(QUESTIONS_YAML, encoding="utf-8")
    return written
