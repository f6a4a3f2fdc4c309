"""Plausible wrong answers for multiple choice, chosen deterministically from a seed.

A distractor is plausible when its muscle resembles the right one: same body area or group, a
shared action, an overlapping referral pattern, the same nerve. A distractor is never also a right
answer: options equal to the answer, or coming from a card that asks the same question (two muscles
with the same origin text), are excluded.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from studyapp.content.model import Atlas, Muscle
from studyapp.quiz.cards import MAX_OPTION_CHARS, AnswerKind, Card, Template, names
from studyapp.quiz.grading import normalise


@dataclass(frozen=True, slots=True)
class Choices:
    options: tuple[str, ...]
    correct: frozenset[int]  # indexes into options (one for single choice, several for multi-select)


def similarity(a: Muscle, b: Muscle) -> float:
    """How easily a student could confuse `a` with `b`."""
    score = 0.0
    if a.area == b.area:
        score += 3
    if a.group == b.group:
        score += 2
    actions_a = {(x.movement, x.joint) for x in a.actions}
    actions_b = {(x.movement, x.joint) for x in b.actions}
    score += 2 * min(2, len(actions_a & actions_b))
    zones_a, zones_b = a.all_zones(), b.all_zones()
    if zones_a | zones_b:
        score += 4 * len(zones_a & zones_b) / len(zones_a | zones_b)
    if a.innervation.nerve == b.innervation.nerve:
        score += 1
    return score


def answer_key(card: Card) -> str:
    """What makes two answers "the same": for actions, notes in brackets do not change the answer."""
    return _key(card.answer, card.template in (Template.ACTIONS, Template.ACTION))


@lru_cache(maxsize=65536)
def _key(text: str, drop_brackets: bool = False) -> str:
    """`normalise`, remembered: every question compares its answer with hundreds of others."""
    return normalise(re.sub(r"\([^)]*\)", "", text) if drop_brackets else text)


# Words that say what kind of thing a structure is, not which one ("superior gluteal" + "nerve").
_GENERIC = frozenset(
    {"nerve", "nerves", "artery", "arteries", "vein", "veins", "vessel", "vessels", "branch", "branches"}
    | {"and", "the", "of", "to", "its", "a", "an", "or", "with"}
)


def _names_a_right_answer(key: str, said_words: set[str]) -> bool:
    """Whether an option may be right after all: the right answers' text holds every word that
    identifies it, or every such word of one of its parts ("Superior gluteal nerve and the ...")."""
    for part in (key, *key.split(" and ")):
        identifying = set(part.split()) - _GENERIC
        if identifying and identifying <= said_words:
            return True
    return False


MIN_DISTRACTORS = 2


def _rng(seed: int, card: Card) -> random.Random:
    return random.Random(f"{seed}:{card.id}")  # str seeds hash deterministically (not PYTHONHASHSEED)


def _pick(ranked: list[tuple[float, str, str]], wanted: int, rng: random.Random) -> list[str]:
    """From candidates (score, tiebreak, option) take `wanted`, the most plausible first.

    Candidates close to the best `wanted` (within one point) form the pool, so a new seed varies
    the question without ever reaching for an implausible option while a plausible one is left.
    """
    if wanted <= 0 or not ranked:
        return []
    order = {tiebreak: rng.random() for _, tiebreak, _ in ranked}
    ranked = sorted(ranked, key=lambda item: (-item[0], order[item[1]]))
    threshold = ranked[min(wanted, len(ranked)) - 1][0]
    pool = [item for item in ranked if item[0] >= threshold - 1.0][: max(2 * wanted, 1)]
    must = [item for item in pool if item[0] > threshold]  # strictly better than the cut: always in
    rest = [item for item in pool if item[0] <= threshold]
    chosen = must[:wanted] + rng.sample(rest, min(wanted - len(must[:wanted]), len(rest)))
    return [option for _, _, option in chosen]


def single_choice(
    card: Card, cards: Sequence[Card], atlas: Atlas, seed: int = 0, n_options: int = 4
) -> Choices:
    """The right answer plus up to `n_options - 1` distractors, shuffled deterministically."""
    rng = _rng(seed, card)
    subject = atlas.muscles.get(card.muscle_id)
    right = _key(card.answer)
    taken = {answer_key(card)}
    ranked: list[tuple[float, str, str]] = []
    if card.kind is AnswerKind.NAME:
        answer_names = {_key(n) for n in card.typed_answers} | {right}
        same_question = {
            c.muscle_id for c in cards if c.template == card.template and c.question_key == card.question_key
        }
        for other in atlas.muscles.values():
            if other.id == card.muscle_id or other.id in same_question:
                continue
            if any(_key(n) in answer_names for n in names(other)) or _key(other.name) in taken:
                continue
            taken.add(_key(other.name))
            score = similarity(subject, other) if subject else 0.0
            ranked.append((score, other.id, other.name))
    else:
        # Every answer to the same question is right (all actions of the muscle, all structures at
        # risk), and so is anything its full text names: none of them may be a distractor.
        siblings = [c for c in cards if c.template == card.template and c.question_key == card.question_key]
        taken |= {answer_key(c) for c in siblings}
        said = " ".join(_key(f"{c.answer} {c.detail}") for c in siblings)
        said_words = set(said.split())
        for other_card in cards:
            if other_card.template != card.template or other_card.question_key == card.question_key:
                continue
            if not card.recall and (other_card.recall or len(other_card.answer) > MAX_OPTION_CHARS):
                continue  # a short answer among paragraphs would give itself away
            key = answer_key(other_card)
            if key in taken or f" {key} " in f" {said} " or _names_a_right_answer(key, said_words):
                continue
            taken.add(key)
            other_muscle = atlas.muscles.get(other_card.muscle_id)
            score = similarity(subject, other_muscle) if subject and other_muscle else 0.0
            if card.topic and other_card.topic == card.topic:
                score += 3  # the same kind of fact about the same joint reads as a real alternative
            ranked.append((score, other_card.id, other_card.answer))
    options = [*_pick(ranked, n_options - 1, rng), card.answer]
    rng.shuffle(options)
    return Choices(tuple(options), frozenset({options.index(card.answer)}))


def multi_choice(
    card: Card, atlas: Atlas, seed: int = 0, n_distractors: int = 3, max_options: int = 10
) -> Choices:
    """Options for "which muscles refer to this region": all right muscles plus plausible wrong ones.

    Right means an essential or a spillover zone covers the region (as in the pain finder). Wrong
    muscles of the region's body area, or referring to neighbouring regions, are the plausible ones.
    """
    rng = _rng(seed, card)
    right_ids = list(card.muscle_ids)
    region = atlas.regions.get(card.region_id)
    ranked: list[tuple[float, str, str]] = []
    for other in atlas.muscles.values():
        if other.id in right_ids:
            continue
        score = 0.0
        if region is not None and other.area == region.parent:
            score += 2
        if region is not None:
            parents = {atlas.regions[z].parent for z in other.all_zones() if z in atlas.regions}
            score += 2 if region.parent in parents else 0
        ranked.append((score, other.id, other.name))
    # at least two wrong options, or a region with many right muscles would be all ticks
    wanted = max(MIN_DISTRACTORS, min(n_distractors, max_options - len(right_ids)))
    right_names = [atlas.muscles[mid].name for mid in right_ids if mid in atlas.muscles]
    options = [*_pick(ranked, wanted, rng), *right_names]
    rng.shuffle(options)
    return Choices(tuple(options), frozenset(options.index(n) for n in right_names))


def choices_for(card: Card, cards: Sequence[Card], atlas: Atlas, seed: int = 0) -> Choices:
    if card.template is Template.REGION_TO_MUSCLES:
        return multi_choice(card, atlas, seed)
    return single_choice(card, cards, atlas, seed)
