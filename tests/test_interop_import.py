"""`studyapp course import-questions`: an instructor's GIFT or Moodle XML bank into a course folder."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from studyapp.cli import main
from studyapp.interop.bank import read_bank
from studyapp.interop.cards import select_items
from studyapp.interop.lms import gift, moodle_xml
from tests.helpers.interop import bundled_atlas, tiny_png

INSTRUCTOR_GIFT = """\
// Week 3 quiz, exported from Moodle
$CATEGORY: $course$/top/Hip

::Gmed insertion::Where does gluteus medius insert? {
  =Greater trochanter#Right: its lateral surface.
  ~Lesser trochanter#That is iliopsoas.
  ~Ischial tuberosity
}

::Hip abductors::[html]<p>Which muscles abduct the hip?</p> {
  ~%50%Gluteus medius
  ~%50%Gluteus minimus
  ~%-100%Adductor longus
  ####Both small gluteals abduct.
}

Piriformis is a lateral rotator of the hip. {TRUE}

::Name it::The muscle that refers pain to the buttock from the sacrum is {=piriformis =Piriformis}.

Match the muscle to its nerve. {
  =Gluteus maximus -> Inferior gluteal nerve
  =Gluteus medius -> Superior gluteal nerve
}

How many gluteal muscles are there? {#3}

Describe the pain pattern of gluteus minimus. {}

This is only a description of the next part of the quiz.

What is the nerve of tensor fasciae latae? {
  =Superior gluteal nerve
  =superior gluteal n.
}
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_gift_bank_is_added_and_every_unconvertible_question_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "week3.gift"
    bank_file.write_text(INSTRUCTOR_GIFT, encoding="utf-8")
    course = tmp_path / "course"
    status, out, _ = _run(capsys, "course", "import-questions", str(bank_file), str(course))
    assert status == 1  # something was skipped; the rest is in
    assert "Added 5 question(s)" in out
    assert f"{bank_file}: question 5 (line 21): matching questions are not supported" in out
    assert f"{bank_file}: question 6 (line 26): numerical questions are not supported" in out
    assert f"{bank_file}: question 7 (line 28): essay questions are not supported" in out
    assert (
        f"{bank_file}: question 8 (line 30): a description without an answer block is not a question" in out
    )

    questions = read_bank(course).questions
    assert [q.type for q in questions] == [
        "multiple_choice", "multiple_choice", "multiple_choice", "short_answer", "short_answer",
    ]  # fmt: skip
    insertion, abductors, truth, blank, nerve = questions
    assert insertion.id == "gmed-insertion" and insertion.category == "Hip"
    assert [(c.text, c.correct) for c in insertion.choices][:2] == [
        ("Greater trochanter", True), ("Lesser trochanter", False),
    ]  # fmt: skip
    assert insertion.choices[0].feedback == "Right: its lateral surface."
    assert [c.correct for c in abductors.choices] == [True, True, False]
    assert abductors.prompt == "Which muscles abduct the hip?" and abductors.feedback.startswith("Both")
    assert [(c.text, c.correct) for c in truth.choices] == [("True", True), ("False", False)]
    assert blank.prompt.endswith("from the sacrum is _____ .") and blank.answers == (
        "piriformis",
        "Piriformis",
    )
    assert nerve.answers == ("Superior gluteal nerve", "superior gluteal n.")
    assert all(q.source.startswith("week3.gift, question ") for q in questions)


def test_a_second_import_appends_with_unique_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank_file = tmp_path / "week3.gift"
    bank_file.write_text(INSTRUCTOR_GIFT, encoding="utf-8")
    course = tmp_path / "course"
    _run(capsys, "course", "import-questions", str(bank_file), str(course))
    _run(capsys, "course", "import-questions", str(bank_file), str(course))
    ids = [q.id for q in read_bank(course).questions]
    assert len(ids) == 10 == len(set(ids))
    assert "gmed-insertion-2" in ids


def test_malformed_gift_is_one_line_with_file_and_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "broken.gift"
    bank_file.write_text("::a::Fine {=yes ~no}\n\n::b::Broken question {\n=yes\n~no\n", encoding="utf-8")
    course = tmp_path / "course"
    status, _, err = _run(capsys, "course", "import-questions", str(bank_file), str(course))
    assert status == 2
    assert err.strip().count("\n") == 0
    assert f"{bank_file}:3:" in err and "never closed" in err
    assert not course.exists()


MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Trigger points</text></category></question>
  <question type="multichoice">
    <name><text>Referral of gluteus minimus</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Whose pattern is this?</p>
        <p><img src="@@PLUGINFILE@@/pattern.png" alt=""></p>]]></text>
      <file name="pattern.png" path="/" encoding="base64">{png}</file>
    </questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Like sciatica.&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html"><text>Gluteus minimus</text>
      <feedback><text>Yes</text></feedback></answer>
    <answer fraction="0" format="html"><text>Piriformis</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TFL</text></name>
    <questiontext format="html"><text>TFL is supplied by the superior gluteal nerve.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>Nerves</text></name>
    <questiontext format="html"><text>Match.</text></questiontext>
  </question>
  <question type="shortanswer">
    <name><text>Sciatic neighbour</text></name>
    <questiontext format="html"><text>Which rotator can compress the sciatic nerve?</text></questiontext>
    <answer fraction="100"><text>Piriformis</text></answer>
    <answer fraction="50"><text>A rotator</text></answer>
  </question>
</quiz>
"""


def test_moodle_xml_bank_keeps_pictures_and_reports_unsupported_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "bank.xml"
    bank_file.write_text(MOODLE_XML.format(png=base64.b64encode(tiny_png("x")).decode()), encoding="utf-8")
    course = tmp_path / "course"
    status, out, _ = _run(capsys, "course", "import-questions", str(bank_file), str(course))
    assert status == 1
    assert f"{bank_file}: question 3 (line 23): 'matching' questions are not supported" in out
    referral, truth, short = read_bank(course).questions
    assert referral.prompt == "Whose pattern is this?" and referral.category == "Trigger points"
    assert referral.feedback == "Like sciatica."
    assert (course / referral.picture).read_bytes() == tiny_png("x")
    assert [(c.text, c.correct) for c in truth.choices] == [("True", True), ("False", False)]
    assert short.answers == ("Piriformis",)  # half marks are not an accepted spelling


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n<quiz>&b;</quiz>', 2,
         "document type declarations are not allowed"),
        ('<?xml version="1.0"?>\n<!DOCTYPE q SYSTEM "file:///etc/passwd">\n<quiz/>', 2,
         "document type declarations are not allowed"),
        ("<quiz>\n<question type='multichoice'>\n</quiz>", 3, "not well-formed XML"),
        ("<questions/>", 1, "expected a Moodle XML <quiz>"),
    ],
)  # fmt: skip
def test_unsafe_or_malformed_xml_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, reason: str
) -> None:
    bank_file = tmp_path / "bank.xml"
    bank_file.write_text(text, encoding="utf-8")
    status, _, err = _run(capsys, "course", "import-questions", str(bank_file), str(tmp_path / "course"))
    assert status == 2
    assert err.startswith(f"studyapp: error: {bank_file}:{line}: {reason}")
    assert err.count("\n") == 1
    assert not (tmp_path / "course").exists()


def test_our_own_exports_come_back_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A round trip: what studyapp writes as GIFT and Moodle XML, the importer reads whole."""
    _, items = select_items(bundled_atlas(), "neck")
    (tmp_path / "neck.gift").write_text(gift(items), encoding="utf-8")
    (tmp_path / "neck.xml").write_text(moodle_xml(items, None), encoding="utf-8")
    for name in ("neck.gift", "neck.xml"):
        course = tmp_path / name.replace(".", "-")
        status, out, _ = _run(capsys, "course", "import-questions", str(tmp_path / name), str(course))
        assert status == 0, out
        questions = read_bank(course).questions
        assert len(questions) == len(items)
        for question, item in zip(questions, items, strict=True):
            assert question.prompt == item.prompt
            if item.is_short_answer:
                assert question.answers == item.accepted
            else:
                assert [(c.text, c.correct) for c in question.choices] == [
                    (c.text, c.correct) for c in item.choices
                ]


def test_course_questions_export_to_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank_file = tmp_path / "week3.gift"
    bank_file.write_text(INSTRUCTOR_GIFT, encoding="utf-8")
    course = tmp_path / "course"
    _run(capsys, "course", "import-questions", str(bank_file), str(course))
    data = yaml.safe_load((course / "questions.yaml").read_text(encoding="utf-8"))
    assert data["schema"] == 1 and len(data["questions"]) == 5
    for fmt, name in (("gift", "c.gift"), ("moodle-xml", "c.xml"), ("qti", "c.zip"), ("apkg", "c.apkg")):
        status, out, err = _run(
            capsys, "export", "--format", fmt, "--deck", str(course), "-o", str(tmp_path / name)
        )
        assert status == 0, err
        assert "Wrote 5 " in out


def test_gift_category_lines_and_comments_inside_answers(tmp_path: Path) -> None:
    from studyapp.interop.gift_import import read_gift

    bank_file = tmp_path / "bank.gift"
    bank_file.write_text(
        "$CATEGORY: $course$/top/Neck\n::scm::Which muscle turns the head to the other side? {\n"
        "  =Sternocleidomastoid\n  // {not an answer}\n  ~Splenius capitis\n}\n",
        encoding="utf-8",
    )
    (question,), skipped = read_gift(bank_file)
    assert skipped == []
    assert question.category == "Neck" and question.id == "scm"
    assert [c.text for c in question.choices] == ["Sternocleidomastoid", "Splenius capitis"]
    assert question.source == "bank.gift, question 1 (line 2)"
