"""Typed answers are lenient about spelling, strict about different muscles; clicks and choices."""

from __future__ import annotations

import dataclasses

import pytest
from fsrs import Rating

from studyapp.quiz.cards import Card, Template, generate_cards
from studyapp.quiz.choices import choices_for, multi_choice, single_choice
from studyapp.quiz.demo import demo_atlas
from studyapp.quiz.grading import (
    GOOD_OVERLAP,
    PASS_OVERLAP,
    grade_clicks,
    grade_typed,
    normalise,
    rating_for_overlap,
)
from studyapp.quiz.questions import AnswerMode, build_question, check, preselected_rating

ATLAS = demo_atlas()
CARDS = generate_cards(ATLAS)
BY_ID = {c.id: c for c in CARDS}


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("piriformus", "Piriformis"),
        ("Piriformis", "Piriformis"),
        ("m. piriformis", "Piriformis"),
        ("  PIRIFORMIS muscle ", "Piriformis"),
        ("sternocleidomastiod", "Sternocleidomastoid"),
        ("gluteus medus", "Gluteus medius"),
        ("quadratus lumborun", "Quadratus lumborum"),
    ],
)
def test_small_misspellings_are_accepted(typed: str, accepted: str) -> None:
    assert grade_typed(typed, [accepted]).correct


@pytest.mark.parametrize(
    ("typed", "accepted", "rival"),
    [
        ("teres minor", "Teres major", "Teres minor"),
        ("gluteus minimus", "Gluteus medius", "Gluteus minimus"),
        ("gluteus maximus", "Gluteus medius", "Gluteus maximus"),
        ("supraspinatus", "Infraspinatus", "Supraspinatus"),
    ],
)
def test_another_muscles_name_is_wrong_even_when_close(typed: str, accepted: str, rival: str) -> None:
    verdict = grade_typed(typed, [accepted], [rival])
    assert not verdict.correct
    assert verdict.suggested == Rating.Again


def test_short_words_need_exact_spelling_without_a_rival_list() -> None:
    assert not grade_typed("teres minor", ["Teres major"]).correct
    assert not grade_typed("", ["Piriformis"]).correct
    assert not grade_typed("gracilis", ["Piriformis"]).correct


def test_aliases_and_latin_names_are_accepted_through_the_question() -> None:
    card = BY_ID["quadratus_lumborum:origin_to_muscle"]
    question = build_question(card, AnswerMode.TYPED, CARDS, ATLAS)
    assert question.mode is AnswerMode.TYPED
    for typed in ("QL", "musculus quadratus lumborum", "quadratus lumborom"):
        assert check(question, typed, ATLAS).correct, typed
    wrong = check(
        build_question(BY_ID["gluteus_medius:origin_to_muscle"], AnswerMode.TYPED, CARDS, ATLAS),
        "gluteus minimus",
        ATLAS,
    )
    assert not wrong.correct and "Gluteus minimus" in wrong.feedback


def test_normalise_drops_case_accents_and_punctuation() -> None:
    assert normalise("M. Glutéus-Medius") == "gluteus medius"


def test_click_grading_uses_overlap_with_the_essential_zone() -> None:
    essential = ["iliac_crest", "si_joint", "sacrum"]
    perfect = grade_clicks(essential, essential, ["buttock_upper_medial"])
    assert perfect.jaccard == 1.0 and perfect.suggested == Rating.Easy
    # clicking the spillover zone too is neither right nor wrong
    assert (
        grade_clicks([*essential, "buttock_upper_medial"], essential, ["buttock_upper_medial"]).jaccard == 1.0
    )
    partial = grade_clicks(["iliac_crest", "si_joint", "lateral_hip"], essential)
    assert partial.jaccard == pytest.approx(0.5) and partial.coverage == pytest.approx(2 / 3)
    assert partial.missed == {"sacrum"} and partial.extra == {"lateral_hip"}
    # marked wrong, so Again is pre-selected: Space must not record a pass for a crossed answer
    assert partial.suggested == Rating.Again and not partial.correct
    assert grade_clicks(["calf_upper"], essential).suggested == Rating.Again


def test_click_question_reports_missed_regions_by_label() -> None:
    question = build_question(BY_ID["gluteus_medius:click_referral:tp1"], AnswerMode.SHOW, CARDS, ATLAS)
    assert question.mode is AnswerMode.CLICK
    verdict = check(question, {"iliac_crest", "si_joint"}, ATLAS)
    assert "Missed: Sacrum" in verdict.feedback and verdict.correct


def _name_cards() -> list[Card]:
    return [c for c in CARDS if c.template in (Template.ORIGIN_TO_MUSCLE, Template.REFERRAL_TO_MUSCLE)]


@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_distractors_are_never_the_answer(seed: int) -> None:
    for card in CARDS:
        if card.template in (Template.CLICK_REFERRAL,):
            continue
        choices = choices_for(card, CARDS, ATLAS, seed)
        assert len(set(choices.options)) == len(choices.options), card.id
        if card.template is Template.REGION_TO_MUSCLES:
            right = {ATLAS.muscles[m].name for m in card.muscle_ids}
            assert {choices.options[i] for i in choices.correct} == right
            assert not right & {o for i, o in enumerate(choices.options) if i not in choices.correct}
        else:
            assert [choices.options[i] for i in choices.correct] == [card.answer], card.id
            assert choices.options.count(card.answer) == 1


def test_muscles_with_the_same_answer_are_not_offered_as_distractors() -> None:
    # three hip muscles share "Superior gluteal nerve (L4, L5, S1)": it may appear once, as the answer
    card = BY_ID["gluteus_minimus:innervation"]
    for seed in range(10):
        options = single_choice(card, CARDS, ATLAS, seed).options
        assert options.count("Superior gluteal nerve (L4, L5, S1)") == 1
    # an action list that differs only by a note in brackets is the same answer
    actions = single_choice(BY_ID["gluteus_minimus:actions"], CARDS, ATLAS, 3).options
    assert "hip abduction; hip medial rotation (anterior fibres)" not in actions


def test_distractors_are_plausible() -> None:
    # gluteus medius: the other hip abductors of the same area come before neck or shoulder muscles
    for seed in range(5):
        options = set(single_choice(BY_ID["gluteus_medius:origin_to_muscle"], CARDS, ATLAS, seed).options)
        assert options <= {"Gluteus medius", "Gluteus minimus", "Tensor fasciae latae", "Piriformis"}
    # pain at the temple: the other head-and-neck referrer is offered
    temple = multi_choice(BY_ID["zone.temple:which_muscles"], ATLAS, seed=0)
    assert "Sternocleidomastoid" in temple.options


def test_distractors_are_deterministic_for_a_seed_and_vary_between_seeds() -> None:
    card = BY_ID["gluteus_medius:referral:tp1"]
    assert single_choice(card, CARDS, ATLAS, 5) == single_choice(card, CARDS, ATLAS, 5)
    orders = {single_choice(card, CARDS, ATLAS, seed).options for seed in range(10)}
    assert len(orders) > 1


def test_multi_select_gives_partial_credit() -> None:
    question = build_question(BY_ID["zone.si_joint:which_muscles"], AnswerMode.CHOICE, CARDS, ATLAS)
    assert question.mode is AnswerMode.MULTI and len(question.correct) == 3
    right = sorted(question.correct)
    assert check(question, right, ATLAS).score == 1.0
    two = check(question, right[:2], ATLAS)
    assert two.score == pytest.approx(2 / 3) and "Missed" in two.feedback


def test_grades_follow_the_verdict_a_crossed_click_answer_preselects_again() -> None:
    """2 of 5 essential regions found is marked wrong; Space must not then record a pass."""
    card = dataclasses.replace(
        BY_ID["gluteus_medius:click_referral:tp1"], zones=("a", "b", "c", "d", "e"), spillover=("f",)
    )
    question = build_question(card, AnswerMode.CLICK, CARDS, ATLAS)
    two_of_five = check(question, {"a", "b"}, ATLAS)
    assert not two_of_five.correct and preselected_rating(question, two_of_five) == Rating.Again
    # at the documented threshold a partial answer passes, but only as Hard
    three_of_five = check(question, {"a", "b", "c", "f"}, ATLAS)  # spillover f counts neither way
    assert pytest.approx(0.6) == PASS_OVERLAP and three_of_five.score == pytest.approx(PASS_OVERLAP)
    assert three_of_five.correct and preselected_rating(question, three_of_five) == Rating.Hard
    assert "Spillover, counted neither way" in three_of_five.feedback
    assert preselected_rating(question, check(question, set("abcde"), ATLAS)) == Rating.Easy
    assert rating_for_overlap(GOOD_OVERLAP) == Rating.Good


def test_a_wrong_choice_or_a_choice_revealed_unanswered_preselects_again() -> None:
    question = build_question(BY_ID["gluteus_medius:origin_to_muscle"], AnswerMode.CHOICE, CARDS, ATLAS)
    wrong = next(i for i in range(len(question.options)) if i not in question.correct)
    assert preselected_rating(question, check(question, wrong, ATLAS)) == Rating.Again
    assert preselected_rating(question, None) == Rating.Again
    right = next(iter(question.correct))
    assert preselected_rating(question, check(question, right, ATLAS)) == Rating.Good
    shown = build_question(BY_ID["gluteus_medius:origin"], AnswerMode.SHOW, CARDS, ATLAS)
    assert preselected_rating(shown, None) == Rating.Good


def test_typed_answers_fold_like_search_and_keep_other_scripts() -> None:
    assert normalise("Großer Gesäßmuskel") == "grosser gesassmuskel"
    assert grade_typed("grosser gesassmuskel", ["Großer Gesäßmuskel"]).correct
    assert grade_typed("臀中肌", ["臀中肌", "Gluteus medius"]).correct
    assert not grade_typed("臀小肌", ["臀中肌"]).correct
