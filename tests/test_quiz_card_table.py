"""Cards from one table of card types, on the bundled atlas: stable ids, one fact per card, short options."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from fsrs import Rating

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.quiz.cards import CARD_TYPES, MAX_OPTION_CHARS, Card, Template, generate_cards, muscle_cards
from studyapp.quiz.decks import CARD_GROUPS, by_area, everything
from studyapp.quiz.questions import AnswerMode, build_question, check, mode_for
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from tests.helpers.clock import Clock

GOLDEN = Path(__file__).parent / "fixtures" / "card_ids_golden.tsv"


@cache
def bundled() -> tuple[Atlas, tuple[Card, ...]]:
    atlas = load_atlas().atlas
    return atlas, tuple(generate_cards(atlas))


def test_card_ids_of_the_existing_card_types_are_unchanged() -> None:
    """Review history is keyed by card id: the ids the old constructors made must all still exist."""
    _atlas, cards = bundled()
    by_id = {c.id: c for c in cards}
    rows = [line.split("\t") for line in GOLDEN.read_text().splitlines() if line and not line.startswith("#")]
    assert len(rows) > 100
    for card_id, template in rows:
        assert card_id in by_id, card_id
        assert by_id[card_id].template.value == template


def test_prompts_are_templates_with_parameters_a_translation_can_use() -> None:
    _atlas, cards = bundled()
    for card in cards:
        args = dict(card.prompt_args)
        assert card.prompt == CARD_TYPES[card.template].prompt.format(**args)
    piri = next(c for c in cards if c.id == "piriformis:insertion")
    german = {"insertion": "Ansatz von {muscle}?"}
    assert german["insertion"].format(**dict(piri.prompt_args)) == "Ansatz von Piriformis?"
    assert {CARD_TYPES[c.template].label for c in cards} >= {"Action", "Needling: structure at risk"}


def test_no_multiple_choice_option_is_longer_than_ninety_characters() -> None:
    """Every card of the bundled atlas, asked as multiple choice (or multi-select) the way the quiz does."""
    atlas, cards = bundled()
    offending = []
    for card in cards:
        question = build_question(card, AnswerMode.CHOICE, cards, atlas, seed=1)
        offending += [(card.id, o) for o in question.options if len(o) > MAX_OPTION_CHARS]
    assert not offending, offending[:5]


def test_paragraph_answers_are_recalled_and_their_facts_get_atomic_cards() -> None:
    atlas, cards = bundled()
    by_id = {c.id: c for c in cards}
    needling = by_id["piriformis:needling"]
    assert needling.recall and mode_for(needling, AnswerMode.CHOICE) is AnswerMode.SHOW
    risks = [c for c in cards if c.template is Template.NEEDLING_RISK and c.muscle_id == "piriformis"]
    assert "Sciatic nerve" in {c.answer for c in risks}
    sciatic = next(c for c in risks if c.answer == "Sciatic nerve")
    # where it lies is the clue (as in "which nerve lies just below its lower border?")
    assert sciatic.prompt.startswith("Needling Piriformis: which of these structures is at risk (")
    assert "below the inferior border" in sciatic.prompt and "Sciatic" not in sciatic.prompt
    assert "below the inferior border" in sciatic.detail  # the full description comes with the answer
    question = build_question(sciatic, AnswerMode.CHOICE, cards, atlas)
    assert len(question.options) == 4 and all(len(o) <= MAX_OPTION_CHARS for o in question.options)
    actions = [c for c in cards if c.template is Template.ACTION and c.muscle_id == "piriformis"]
    assert {c.answer for c in actions} >= {"Hip: lateral rotation", "Hip: abduction"}
    assert len(actions) == len(atlas.muscles["piriformis"].actions)  # one action per card


def test_distractors_are_the_same_kind_of_fact_and_never_also_right() -> None:
    atlas, cards = bundled()
    piri = atlas.muscles["piriformis"]
    own_actions = {f"{a.joint}: {a.movement}".casefold() for a in piri.actions}
    own_risks = " ".join(piri.needling.structures_to_avoid).casefold() if piri.needling else ""
    for card in cards:
        if card.muscle_id != "piriformis" or card.template not in (Template.ACTION, Template.NEEDLING_RISK):
            continue
        for seed in range(4):
            question = build_question(card, AnswerMode.CHOICE, cards, atlas, seed)
            wrong = [o for i, o in enumerate(question.options) if i not in question.correct]
            assert len(wrong) == 3, card.id
            if card.template is Template.ACTION:
                # actions of other muscles at the same joint, none of them piriformis's own
                assert all(o.casefold() not in own_actions for o in wrong), (card.id, wrong)
                assert all(o.startswith("Hip: ") for o in wrong), (card.id, wrong)
            else:
                # structures at risk near other muscles, none of them named in piriformis's own list
                assert all(o.casefold() not in own_risks for o in wrong), (card.id, wrong)
                assert "Superior gluteal nerve" not in " ".join(wrong), (card.id, wrong)


def test_region_cards_count_spillover_like_the_pain_finder_and_say_so() -> None:
    """The greater-trochanter card marked gluteus minimus wrong although the pain finder lists it."""
    atlas, cards = bundled()
    card = next(c for c in cards if c.id == "zone.greater_trochanter:which_muscles")
    assert "gluteus_minimus" in card.muscle_ids and "gluteus_minimus" in card.spillover_muscles
    assert "Gluteus minimus (spillover)" in card.answer
    question = build_question(card, AnswerMode.MULTI, cards, atlas)
    minimus = question.options.index("Gluteus minimus")
    assert minimus in question.correct
    verdict = check(question, set(question.correct) - {minimus}, atlas)
    assert "Missed: Gluteus minimus (spillover)" in verdict.feedback


def test_the_first_day_of_all_muscles_mixes_card_types_and_muscles(store: ReviewStore, clock: Clock) -> None:
    """The first 20 new cards used to be 20 "origin -> muscle" cards; now every kind shows up."""
    _atlas, cards = bundled()
    study = Study(store, everything().select(cards), StudySettings(fuzz=False), now=clock)
    shown = []
    while (card := study.next_card()) is not None:
        shown.append(card)
        study.answer(card.id, Rating.Easy)  # straight to review: the 20 new cards of the day
    assert len(shown) == 20
    kinds = {c.template for c in shown}
    assert {Template.REFERRAL_TO_MUSCLE, Template.CLICK_REFERRAL, Template.ORIGIN_TO_MUSCLE} <= kinds
    assert len(kinds) >= 8 and len({c.sibling_key for c in shown}) == 20
    assert max(Counter(c.template for c in shown).values()) <= 3


def test_a_deck_chooses_which_card_types_it_includes() -> None:
    _atlas, cards = bundled()
    referral = everything().only_groups(["referral"]).select(cards)
    assert {c.template for c in referral} == CARD_GROUPS["referral"]
    hip_needling = by_area(bundled()[0], "hip_thigh").only_groups(["needling", "actions"]).select(cards)
    assert {c.template for c in hip_needling} == CARD_GROUPS["needling"] | CARD_GROUPS["actions"]
    assert all(c.area == "hip_thigh" for c in hip_needling)
    in_atlas_order = replace(everything(), interleaved=False).select(cards)
    assert in_atlas_order == list(cards)  # the generator's order, muscle by muscle
    with pytest.raises(ValueError, match="unknown card group 'nerves'"):
        everything().only_groups(["nerves"])


def test_every_pain_region_question_has_wrong_options_to_avoid() -> None:
    """Counting spillover makes some regions' lists long; ticking everything must still be wrong."""
    atlas, cards = bundled()
    for card in cards:
        if card.template is Template.REGION_TO_MUSCLES:
            question = build_question(card, AnswerMode.MULTI, cards, atlas)
            assert len(question.options) - len(question.correct) >= 2, card.id


def test_rewording_an_action_or_a_structure_keeps_the_card_ids() -> None:
    atlas, _cards = bundled()
    piri = atlas.muscles["piriformis"]
    assert piri.needling is not None
    reworded = dataclasses.replace(
        piri,
        actions=(dataclasses.replace(piri.actions[0], movement="external rotation"), *piri.actions[1:]),
        needling=dataclasses.replace(
            piri.needling,
            structures_to_avoid=(
                "Sciatic nerf (typo), below the lower border",
                *piri.needling.structures_to_avoid[1:],
            ),
        ),
    )
    before = {c.id for c in muscle_cards(piri, atlas)}
    after = {c.id for c in muscle_cards(reworded, atlas)}
    assert before == after
    assert "piriformis:action:1" in after and "piriformis:needling_risk:1" in after
