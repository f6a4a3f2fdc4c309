"""Decks: which cards a study session or exam draws from, and in what order new cards come.

A deck is a name plus a predicate over cards, so "hip muscles", "my favourites" and "everything
innervated by the superior gluteal nerve" are all the same kind of thing. A deck can also choose
which kinds of card it includes (`only`, `only_groups`), and it introduces new cards interleaved
across card types and muscles (`studyapp.quiz.order`), so the first day shows every kind of question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from studyapp.content.model import Atlas, Muscle
from studyapp.quiz.cards import Card, Template
from studyapp.quiz.order import interleave

# Kinds of card a student can switch on or off for a deck, by what they train.
CARD_GROUPS: dict[str, frozenset[Template]] = {
    "attachments": frozenset(
        {Template.ORIGIN_TO_MUSCLE, Template.ORIGIN, Template.INSERTION, Template.INSERTION_TO_MUSCLE}
    ),
    "actions": frozenset({Template.ACTIONS, Template.ACTION}),
    "innervation": frozenset({Template.INNERVATION, Template.ROOTS}),
    "referral": frozenset({Template.REFERRAL_TO_MUSCLE, Template.CLICK_REFERRAL, Template.REGION_TO_MUSCLES}),
    "needling": frozenset({Template.NEEDLING, Template.NEEDLING_RISK}),
    "location": frozenset({Template.NAME_HIGHLIGHTED, Template.CLICK_MUSCLE}),  # where the muscle lies
    "acupoints": frozenset(
        {
            Template.POINT_LOCATE,
            Template.POINT_NAME,
            Template.POINT_CODE,
            Template.POINT_CHANNEL,
            Template.POINT_CATEGORY,
            Template.POINT_DEPTH,
            Template.POINT_CAUTIONS,
            Template.POINT_RISK,
            Template.TP_POINT,
        }
    ),
}


@dataclass(frozen=True, slots=True)
class Deck:
    name: str
    include: Callable[[Card], bool]
    templates: frozenset[Template] | None = None  # None: every kind of card
    interleaved: bool = True  # False: new cards in atlas order, muscle by muscle

    def select(self, cards: Iterable[Card]) -> list[Card]:
        """The deck's cards in study order (interleaved unless the deck says otherwise)."""
        chosen = [
            c for c in cards if (self.templates is None or c.template in self.templates) and self.include(c)
        ]
        return interleave(chosen) if self.interleaved else chosen

    def only(self, templates: Iterable[Template]) -> Deck:
        """The same deck limited to some card kinds (e.g. only the referral-pattern cards)."""
        return Deck(self.name, self.include, frozenset(templates), self.interleaved)

    def only_groups(self, groups: Iterable[str]) -> Deck:
        """The same deck limited to some groups of `CARD_GROUPS` ("referral", "needling", ...)."""
        chosen: set[Template] = set()
        for group in groups:
            if group not in CARD_GROUPS:
                raise ValueError(f"unknown card group {group!r}; known: {', '.join(CARD_GROUPS)}")
            chosen |= CARD_GROUPS[group]
        return self.only(chosen)


def everything() -> Deck:
    return Deck("All cards", lambda card: True)


def all_muscles() -> Deck:
    """Every muscle and pain-region card; the acupoint cards have their own decks (`by_channel`)."""
    return Deck("All muscles", lambda card: not card.point)


def by_area(atlas: Atlas, area: str) -> Deck:
    label = atlas.areas[area].label if area in atlas.areas else area
    return Deck(label, lambda card: card.area == area)


def by_muscles(name: str, muscle_ids: Iterable[str]) -> Deck:
    """Cards about any of these muscles (a pain-region card counts if one of its muscles is listed)."""
    wanted = frozenset(muscle_ids)
    return Deck(name, lambda card: any(m in wanted for m in card.muscle_ids))


def by_channel(name: str, codes: Iterable[str]) -> Deck:
    """Cards about the points of one channel (`PointAtlas.channels[id].points`), point by point."""
    wanted = frozenset(codes)
    return Deck(name, lambda card: card.point in wanted)


def favourites(muscle_ids: Sequence[str]) -> Deck:
    return by_muscles("Favourites", muscle_ids)


def by_filter(name: str, atlas: Atlas, predicate: Callable[[Muscle], bool]) -> Deck:
    """Cards about muscles matching `predicate`, e.g. `lambda m: "L5" in m.innervation.roots`."""
    return by_muscles(name, [m.id for m in atlas.muscles.values() if predicate(m)])
