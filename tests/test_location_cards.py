"""Cards from the drawn muscle shapes: "name the highlighted muscle" and "click where this muscle lies"."""

from __future__ import annotations

from functools import cache

from studyapp.bodychart.geometry import load_geometry
from studyapp.bodychart.muscle_places import muscle_place
from studyapp.bodychart.muscle_shapes import default_shapes
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.quiz.cards import AnswerKind, Card, Template, generate_cards
from studyapp.quiz.decks import CARD_GROUPS
from studyapp.quiz.questions import AnswerMode, build_question, check, mode_for


@cache
def bundled() -> tuple[Atlas, tuple[Card, ...]]:
    atlas = load_atlas().atlas
    return atlas, tuple(generate_cards(atlas))


def _of(template: Template) -> dict[str, Card]:
    return {c.muscle_id: c for c in bundled()[1] if c.template is template}


def test_every_drawn_muscle_gets_both_cards_with_stable_ids() -> None:
    drawn = set(default_shapes().by_muscle)
    named, clicked = _of(Template.NAME_HIGHLIGHTED), _of(Template.CLICK_MUSCLE)
    assert len(drawn) >= 140
    assert set(named) == set(clicked) == drawn & set(bundled()[0].muscles)
    assert named["masseter"].id == "masseter:name_highlighted"
    assert clicked["masseter"].id == "masseter:click_muscle"
    assert {t for g in ("location",) for t in CARD_GROUPS[g]} == {
        Template.NAME_HIGHLIGHTED,
        Template.CLICK_MUSCLE,
    }


def test_the_regions_are_the_ones_the_shape_lies_over() -> None:
    geometry = load_geometry()
    atlas = bundled()[0]
    clicked = _of(Template.CLICK_MUSCLE)
    for mid, card in clicked.items():
        place = muscle_place(mid)
        assert place is not None and card.zones
        assert all(geometry[place.view].shapes_of(r) for r in card.zones), mid
        assert all(r in atlas.regions for r in card.zones)
    assert "thenar_eminence" in clicked["adductor_pollicis"].zones
    assert "infraspinous" in clicked["infraspinatus"].zones
    assert {"tmj", "cheek"} <= set(clicked["masseter"].zones)
    assert "umbilicus" in clicked["rectus_abdominis"].zones


def test_click_card_is_answered_on_the_chart_and_graded_by_region() -> None:
    atlas, cards = bundled()
    card = _of(Template.CLICK_MUSCLE)["infraspinatus"]
    assert card.kind is AnswerKind.REGIONS and mode_for(card, AnswerMode.CHOICE) is AnswerMode.CLICK
    question = build_question(card, AnswerMode.CLICK, cards, atlas, seed=1)
    assert check(question, list(card.zones), atlas).correct
    assert not check(question, ["lumbar_paraspinal"], atlas).correct


def test_name_card_accepts_typed_names_and_offers_short_choices() -> None:
    atlas, cards = bundled()
    card = _of(Template.NAME_HIGHLIGHTED)["gluteus_minimus"]
    assert card.answer == "Gluteus minimus" and "Gluteus minimus" in card.typed_answers
    assert card.prompt == "Which muscle lies in the highlighted area?"  # the name is the answer
    question = build_question(card, AnswerMode.CHOICE, cards, atlas, seed=3)
    assert "Gluteus minimus" in question.options and len(set(question.options)) == len(question.options) >= 3
    assert check(question, question.options.index("Gluteus minimus"), atlas).correct
    typed = build_question(card, AnswerMode.TYPED, cards, atlas)
    assert check(typed, "gluteus minimus", atlas).correct
