"""LMS question banks, each checked against its own format's rules: GIFT by a parser written from
the GIFT documentation, QTI 2.1 by a checker written from the specification, Moodle XML by the
structure Moodle's importer reads."""

from __future__ import annotations

import base64
import html
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from studyapp.interop.cards import select_items
from studyapp.interop.lms import MOODLE_GRADES, gift, moodle_xml
from studyapp.interop.model import Choice, Item
from studyapp.interop.qti import write_qti
from tests.helpers.gift_spec import parse_gift
from tests.helpers.interop import FakeRenderer, bundled_atlas
from tests.helpers.qti_check import QTI, check_package

TRICKY = Item(
    id="course:demo:tricky",
    kind="course",
    area="",
    category="Edge cases",
    prompt="Which sign = {braces}, #hash, ~tilde and a: colon?\nSecond line <b>not bold</b> & more",
    answer="The one with ~",
    choices=(Choice("The one with ~", True, "Yes: {right}"), Choice("Plain = sign", False, "No #1")),
    feedback="General: see \\ backslash",
)


def _leg_items() -> list[Item]:
    return select_items(bundled_atlas(), "leg_foot")[1]


def test_gift_export_follows_the_gift_rules_and_keeps_every_question() -> None:
    items = [*_leg_items(), TRICKY]
    parsed = parse_gift(gift(items))
    assert len(parsed) == len(items)
    by_title = {q.title: q for q in parsed}
    for item in items:
        question = by_title[item.id]
        assert question.category.endswith("/" + item.category)
        assert question.text_format == "html"
        if item.is_short_answer:
            assert question.kind == "short_answer"
            assert [a.text for a in question.answers] == list(item.accepted)
        else:
            assert question.kind == "multiple_choice"
            assert [a.text for a in question.answers] == [c.text for c in item.choices]
            if item.is_multi_select:
                right = [a.weight for a, c in zip(question.answers, item.choices, strict=True) if c.correct]
                assert all(w is not None and w > 0 for w in right)
                assert all(abs(w) in MOODLE_GRADES for a in question.answers if (w := a.weight) is not None)
            else:
                assert [a.right for a in question.answers] == [c.correct for c in item.choices]
    tricky = by_title[TRICKY.id]
    assert html.unescape(re.sub(r"<[^>]+>", "\n", tricky.text)).split() == TRICKY.prompt.split()
    assert tricky.answers[0].feedback == "Yes: {right}"
    assert tricky.general_feedback == TRICKY.feedback


def test_moodle_xml_has_the_structure_moodle_imports_with_pictures_inside() -> None:
    items = _leg_items()
    renderer = FakeRenderer()
    root = ET.fromstring(moodle_xml(items, renderer).encode("utf-8"))
    assert root.tag == "quiz"
    questions = [q for q in root if q.get("type") != "category"]
    categories = [q.findtext("category/text") for q in root if q.get("type") == "category"]
    assert categories == ["$course$/top/studyapp/Leg and foot"]
    assert len(questions) == len(items)
    pictures = 0
    for question, item in zip(questions, items, strict=True):
        assert question.get("type") == ("shortanswer" if item.is_short_answer else "multichoice")
        for child in ("name/text", "questiontext/text", "generalfeedback", "defaultgrade", "penalty"):
            assert question.find(child) is not None, child
        assert question.find("questiontext").get("format") == "html"
        answers = question.findall("answer")
        grades = [float(a.get("fraction", "nan")) for a in answers]
        assert all(abs(g) in MOODLE_GRADES for g in grades)
        if item.is_short_answer:
            assert [a.findtext("text") for a in answers] == list(item.accepted)
        elif question.findtext("single") == "true":
            assert sorted(grades)[-1] == 100 and sum(g > 0 for g in grades) == 1
        else:
            assert 99 <= sum(g for g in grades if g > 0) <= 101
        text = question.findtext("questiontext/text") or ""
        for name in re.findall(r'src="@@PLUGINFILE@@/([^"]+)"', text):
            file = question.find(f"questiontext/file[@name='{name}']")
            assert file is not None and file.get("encoding") == "base64"
            assert base64.b64decode(file.text or "").startswith(b"\x89PNG")
            pictures += 1
    assert pictures == sum(1 for i in items if i.picture_is_question) > 0


def test_qti_package_passes_the_qti_21_structure_checks(tmp_path: Path) -> None:
    items = [*_leg_items(), TRICKY]
    target = tmp_path / "bank.zip"
    assert write_qti(items, target, FakeRenderer()) == len(items)
    problems, checked = check_package(target)
    assert problems == []
    assert checked == len(items)
    with zipfile.ZipFile(target) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("media/")]
        asked = {i.picture.file_name for i in items if i.picture and i.picture_is_question}
        assert len(pictures) == len(asked)
        test = ET.fromstring(archive.read("tests/studyapp.xml"))
    sections = [s.get("title") for s in test.iter(f"{{{QTI}}}assessmentSection")]
    assert sections == ["Leg and foot", "Edge cases"]


def test_the_qti_checker_catches_what_it_claims_to(tmp_path: Path) -> None:
    """A package with a broken item is reported, so a passing check means something."""
    target = tmp_path / "bank.zip"
    write_qti([TRICKY], target, None)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(broken, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("items/"):
                data = data.replace(b'maxChoices="1"', b'maxChoices="2"')
                data = data.replace(b"<itemBody>", b"<itemBody><video/>")
            out.writestr(name, data)
    problems, _ = check_package(broken)
    assert any("maxChoices" in p for p in problems)
    assert any("<video>" in p for p in problems)
