"""The order new cards are introduced in: interleaved across card types and muscles.

Studying card after card of one kind ("origin -> muscle" twenty times) is blocked practice; mixing
kinds and muscles (interleaving) is harder while learning but is remembered better, and it shows a
new student every kind of question (referral pictures, clicking the chart) on the first day.
"""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.quiz.cards import CARD_TYPES, Card, Template


def interleave(cards: Sequence[Card]) -> list[Card]:
    """Round-robin over card types (table order), each type starting at a different muscle.

    Within a type the deck order is kept (atlas order: body area by body area), rotated so that the
    k-th of T types starts k/T of the way through its cards; consecutive cards are then about
    different muscles, and burying a muscle's siblings after one answer does not empty the queue.
    Deterministic: the same deck always gives the same order.
    """
    position = {template: i for i, template in enumerate(CARD_TYPES)}
    groups: dict[Template, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.template, []).append(card)
    ordered = sorted(groups.items(), key=lambda item: position.get(item[0], len(position)))
    queues: list[list[Card]] = []
    for k, (_template, group) in enumerate(ordered):
        start = (k * len(group)) // len(ordered)
        queues.append(group[start:] + group[:start])
    out: list[Card] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out
