"""Decks: which cards a study session or exam draws from.

A deck is a name plus a predicate over cards, so "hip muscles", "my favourites" and "everything
innervated by the superior gluteal nerve" are all the same kind of thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from studyapp.content.model import Atlas, Muscle
from studyapp.quiz.cards import Card, Template


@dataclass(frozen=True, slots=True)
class Deck:
    name: str
    include: Callable[[Card], bool]
    templates: frozenset[Template] | None = None  # None: every kind of card

    def select(self, cards: Iterable[Card]) -> list[Card]:
        return [
            c for c in cards if (self.templates is None or c.template in self.templates) and self.include(c)
        ]

    def only(self, templates: Iterable[Template]) -> Deck:
        """The same deck limited to some card kinds (e.g. only the referral-pattern cards)."""
        return Deck(self.name, self.include, frozenset(templates))


def everything() -> Deck:
    return Deck("All cards", lambda card: True)


def by_area(atlas: Atlas, area: str) -> Deck:
    label = atlas.areas[area].label if area in atlas.areas else area
    return Deck(label, lambda card: card.area == area)


def by_muscles(name: str, muscle_ids: Iterable[str]) -> Deck:
    """Cards about any of these muscles (a pain-region card counts if one of its muscles is listed)."""
    wanted = frozenset(muscle_ids)
    return Deck(name, lambda card: any(m in wanted for m in card.muscle_ids))


def favourites(muscle_ids: Sequence[str]) -> Deck:
    return by_muscles("Favourites", muscle_ids)


def by_filter(name: str, atlas: Atlas, predicate: Callable[[Muscle], bool]) -> Deck:
    """Cards about muscles matching `predicate`, e.g. `lambda m: "L5" in m.innervation.roots`."""
    return by_muscles(name, [m.id for m in atlas.muscles.values() if predicate(m)])
