"""Cards for acupuncture points in the one card table: locate, code and name, channel, category,
depth and risks, the point over a trigger point; stable ids from codes; decks, exam and progress."""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import cache

from fsrs import Rating

from studyapp.bodychart.tp_acupoints import TpAcupointLinks, build_links
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.quiz.cards import CARD_TYPES, MAX_OPTION_CHARS, Card, Template, generate_cards
from studyapp.quiz.decks import CARD_GROUPS, by_area, by_channel, everything
from studyapp.quiz.exam import Exam
from studyapp.quiz.point_cards import point_cards
from studyapp.quiz.progress import Progress
from studyapp.quiz.questions import AnswerMode, build_question, check
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from tests.helpers.clock import Clock


@cache
def bundled() -> tuple[Atlas, TpAcupointLinks, tuple[Card, ...]]:
    atlas = load_atlas().atlas
    links = build_links(atlas)
    return atlas, links, tuple(generate_cards(atlas, links))


def _card(card_id: str) -> Card:
    return next(c for c in bundled()[2] if c.id == card_id)


def test_every_point_gets_its_cards_with_ids_from_its_code() -> None:
    _atlas, links, cards = bundled()
    points = [c for c in cards if c.point]
    by_point = Counter(c.point for c in points)
    assert set(by_point) == set(links.points.points)
    for card in points:
        assert card.id.startswith(f"point.{card.point}:{card.template.value}")
        assert card.sibling_key == f"point.{card.point}"
        assert CARD_TYPES[card.template].prompt.format(**dict(card.prompt_args)) == card.prompt
    assert len({c.id for c in cards}) == len(cards)
    assert {c.template for c in points} == CARD_GROUPS["acupoints"]


def test_rewording_a_point_keeps_its_card_ids() -> None:
    atlas, links, _cards = bundled()
    st36 = links.points.points["ST36"]
    reworded = dataclasses.replace(
        st36,
        pinyin="Zu San Li",
        english="Three Miles of the Leg",
        location="Below the knee.",
        needling=dataclasses.replace(st36.needling, cautions=("The anterior tibial artery lies deep.",)),
    )
    points = dataclasses.replace(links.points, points={**links.points.points, "ST36": reworded})
    before = {c.id for c in point_cards(links) if c.point == "ST36"}
    after = {c.id for c in point_cards(TpAcupointLinks(atlas, points, links.geometry)) if c.point == "ST36"}
    assert before == after


def test_the_facts_a_student_learns_about_a_point() -> None:
    assert _card("point.ST36:point_name").answer == "Zúsānlǐ (Leg Three Miles)"
    assert _card("point.ST36:point_code").answer == "ST36"
    assert _card("point.ST36:point_channel").answer.endswith("(ST)")
    assert _card("point.ST36:point_depth").prompt.startswith("Needling ST36 (Zúsānlǐ) (perpendicular")
    assert "yuan-source" in {
        c.answer for c in bundled()[2] if c.point == "LI4" and c.template.value == "point_category"
    }
    assert _card("point.GB30:point_risk:1").answer == "Sciatic nerve"
    over = _card("point.GB21:tp_point:trapezius_upper.tp1")
    assert over.answer == "GB21 Jiānjǐng" and over.muscle_ids == ("trapezius_upper",)


def test_locating_a_point_is_a_click_on_the_region_under_it() -> None:
    atlas, links, cards = bundled()
    card = _card("point.ST36:point_locate")
    question = build_question(card, AnswerMode.CHOICE, cards, atlas)
    assert question.mode is AnswerMode.CLICK
    (region,) = card.zones
    marker = next(m for m in links.points.points["ST36"].markers if m.view == "anterior")
    assert links.geometry["anterior"].region_at(marker.x, marker.y) == (region, "right")
    assert check(question, [region], atlas).correct
    assert not check(question, ["forehead"], atlas).correct


def test_every_option_of_every_point_card_is_short_and_never_a_second_right_answer() -> None:
    atlas, _links, cards = bundled()
    offending = []
    for card in cards:
        if not card.point:
            continue
        question = build_question(card, AnswerMode.CHOICE, cards, atlas, seed=1)
        offending += [(card.id, o) for o in question.options if len(o) > MAX_OPTION_CHARS]
        if question.mode is AnswerMode.CHOICE:
            assert len(question.options) == 4, card.id
            siblings = {
                c.answer for c in cards if c.question_key == card.question_key and c.template == card.template
            }
            wrong = [o for i, o in enumerate(question.options) if i not in question.correct]
            assert not siblings & set(wrong), card.id
    assert not offending, offending[:5]


def test_point_cards_join_the_channel_area_and_all_decks() -> None:
    atlas, links, cards = bundled()
    gb = by_channel("Gallbladder", links.points.channels["GB"].points).select(cards)
    assert gb and {c.point[:2] for c in gb} == {"GB"}
    assert {c.template for c in gb} >= {Template.POINT_LOCATE, Template.POINT_NAME, Template.TP_POINT}
    assert any(c.point for c in everything().select(cards))
    legs = by_area(atlas, "leg_foot").select(cards)
    assert "ST36" in {c.point for c in legs}
    assert {c.area for c in cards if c.point} <= set(atlas.areas)


def test_exam_and_progress_handle_cards_that_belong_to_no_muscle(store: ReviewStore, clock: Clock) -> None:
    atlas, links, cards = bundled()
    deck = by_channel("Stomach", links.points.channels["ST"].points).select(cards)
    exam = Exam(deck, atlas, now=clock, n_questions=10, seed=2)
    # a channel question has no wrong channel to offer inside one channel's deck, so it is left out
    assert 5 <= len(exam.questions) <= 10
    assert Template.POINT_CHANNEL not in {q.card.template for q in exam.questions}
    for i, q in enumerate(exam.questions):
        right = set(q.card.zones) if q.mode is AnswerMode.CLICK else next(iter(q.correct))
        exam.answer(i, right)
    report = exam.finish()
    assert report.score == report.total == len(exam.questions)
    assert {a.area for a in report.by_area} <= set(atlas.areas)
    assert all(r.muscle_id in ("", *atlas.muscles) for r in exam.review())

    study = Study(
        store,
        [*deck, *[c for c in cards if c.muscle_id == "tibialis_anterior"]],
        StudySettings(fuzz=False),
        now=clock,
    )
    for _ in range(8):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Good)
    progress = Progress(study).report()
    assert set(progress.mastery) == {"tibialis_anterior"}  # point cards count towards no muscle
    assert progress.studied <= {"tibialis_anterior"}
    assert progress.cards_total == len(study.cards)
