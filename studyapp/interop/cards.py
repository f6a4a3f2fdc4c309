"""Generated flashcards as export items, and the decks a student can export.

`items_from_cards` is the only code here that knows the quiz package's `Card`; it uses the card's
id, template, area, prompt, answer, typed answers, referral zones and muscles, plus the quiz's own
multiple-choice options, so a change in how cards are generated stays behind this one function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from studyapp.content.model import Atlas, Muscle
from studyapp.interop.errors import ExportError
from studyapp.interop.model import Choice, Item, Picture

ALL = "all"
# Card types (quiz template values) whose pictures differ: the picture is the question, the pattern
# is the answer, or there is no single muscle to picture.
REFERRAL, CLICK_REFERRAL, REGION_TO_MUSCLES = "referral", "click_referral", "which_muscles"
NAME_HIGHLIGHTED = "name_highlighted"


def card_types() -> list[str]:
    """Every card type a deck can be limited to (the quiz's template names)."""
    from studyapp.quiz.cards import Template

    return [t.value for t in Template]


def items_from_cards(
    atlas: Atlas, kinds: Iterable[str] | None = None, choices: bool = True, area: str | None = None
) -> list[Item]:
    """Every generated card (or only those of `kinds`, or of one body `area`) as an `Item`, in study order.

    `choices=False` skips the multiple-choice options (Anki is recall only; they cost seconds).
    """
    from studyapp.quiz import generate_cards
    from studyapp.quiz.choices import choices_for

    wanted = set(kinds) if kinds is not None else None
    cards = generate_cards(atlas)
    items = []
    for card in cards:
        kind = card.template.value  # template values are part of card ids, so they never change
        if (wanted is not None and kind not in wanted) or (area and card.area != area):
            continue
        if kind == NAME_HIGHLIGHTED and (wanted is None or kind not in wanted):
            continue  # its question is a highlight on the live chart; an export has no such picture
        options = choices_for(card, cards, atlas) if choices else None
        muscle = atlas.muscles.get(card.muscle_id)
        picture = None
        if kind in (REFERRAL, CLICK_REFERRAL):
            picture = Picture(card.muscle_id, card.tp_id)
        elif muscle is not None and muscle.trigger_points and kind != REGION_TO_MUSCLES:
            only = muscle.trigger_points[0].id if len(muscle.trigger_points) == 1 else ""
            picture = Picture(muscle.id, only)  # one trigger point: the same picture as its own card
        body_area = atlas.areas.get(card.area)
        items.append(
            Item(
                id=card.id,
                kind=kind,
                area=card.area,
                category=body_area.label if body_area else card.area,
                prompt=_prompt(card.prompt, muscle, card.tp_id) if kind == CLICK_REFERRAL else card.prompt,
                answer=card.answer,
                choices=()
                if options is None
                else tuple(Choice(text, i in options.correct) for i, text in enumerate(options.options)),
                accepted=tuple(card.typed_answers),
                feedback=card.detail,
                muscle_ids=tuple(card.muscle_ids),
                picture=picture,
                picture_is_question=kind == REFERRAL,
            )
        )
    return items


def _prompt(prompt: str, muscle: Muscle | None, tp_id: str) -> str:
    """Exports have no chart to click on: ask where the pattern is instead."""
    tp = next((t for t in muscle.trigger_points if t.id == tp_id), None) if muscle else None
    if muscle is None or tp is None:
        return prompt
    return f"Where does {muscle.name} ({tp.label}) refer pain?"


def select_items(
    atlas: Atlas, deck: str = ALL, kinds: Sequence[str] | None = None, choices: bool = True
) -> tuple[str, list[Item]]:
    """(deck name, items) for `deck`: "all", a body area id, or a course folder with questions.yaml.

    Raises ExportError naming the known decks or card types when either is unknown.
    """
    if kinds:
        known = card_types()
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise ExportError(f"unknown card type '{unknown[0]}'; known card types: {', '.join(known)}")
    if deck.casefold() == ALL:
        return "studyapp", items_from_cards(atlas, kinds or None, choices)
    if deck in atlas.areas:
        items = items_from_cards(atlas, kinds or None, choices, area=deck)
        return f"studyapp::{atlas.areas[deck].label}", items
    folder = Path(deck)
    if folder.is_dir():
        from studyapp.interop.bank import load_course_items

        name, items = load_course_items(folder, atlas)
        return f"studyapp::{name}", items
    raise ExportError(
        f"unknown deck '{deck}'; use 'all', a body area ({', '.join(atlas.areas)}) "
        "or a course folder that holds questions.yaml"
    )
