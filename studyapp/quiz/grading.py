"""Grading answers: typed names (lenient on spelling), clicked chart regions, multi-select.

Graders return a verdict with a suggested rating; the student still confirms the rating, as in
Anki, because a typo or a half-right pattern is a judgement call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from fsrs import Rating
from rapidfuzz.distance import OSA

_FILLER = frozenset({"the", "muscle", "musculus", "m", "mm", "muscles"})


def normalise(text: str) -> str:
    """Case, accents, punctuation and filler words ("m.", "muscle") do not matter when typing.

    Folding follows Unicode (casefold, accents stripped after NFKD), so a translated name typed in
    German or Chinese is compared as written ("Gesäßmuskel" = "gesassmuskel", "臀中肌" unchanged).
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = re.sub(r"[\W_]+", " ", text).split()  # letters of every script, digits
    return " ".join(w for w in words if w not in _FILLER)


def word_tolerance(length: int) -> int:
    """Typos allowed in one word: none in very short words, two in long ones."""
    if length < 4:
        return 0
    return 1 if length < 8 else 2


def spelling_distance(typed: str, target: str) -> int | None:
    """Edit distance if `typed` is an acceptable spelling of `target` (both normalised), else None.

    Optimal string alignment: swapping two neighbouring letters ("glutues") counts as one typo.
    """
    if typed == target:
        return 0
    t_words, a_words = target.split(), typed.split()
    if len(t_words) == len(a_words):
        total = 0
        for a, t in zip(a_words, t_words, strict=True):
            d = OSA.distance(a, t)
            if d > word_tolerance(len(t)):
                return None
            total += d
        return total
    joined = OSA.distance(typed.replace(" ", ""), target.replace(" ", ""))
    return joined if joined <= 1 else None


@dataclass(frozen=True, slots=True)
class TypedVerdict:
    correct: bool
    exact: bool
    matched: str  # the accepted spelling that matched, for "did you mean" feedback
    closer_to: str = ""  # a wrong answer the typed text matches better

    @property
    def suggested(self) -> Rating:
        return Rating.Good if self.correct else Rating.Again


def grade_typed(typed: str, accepted: Iterable[str], rivals: Iterable[str] = ()) -> TypedVerdict:
    """Accept small misspellings of any accepted name, unless the text is as close to a rival.

    `rivals` are the names of the other muscles: "teres minor" is a different muscle, not a typo of
    "teres major", even though the two are two letters apart.
    """
    text = normalise(typed)
    if not text:
        return TypedVerdict(False, False, "")
    best: tuple[int, str] | None = None
    for name in accepted:
        d = spelling_distance(text, normalise(name))
        if d is not None and (best is None or d < best[0]):
            best = (d, name)
    for rival in rivals:
        d = spelling_distance(text, normalise(rival))
        if d is not None and (best is None or d <= best[0]):
            return TypedVerdict(False, False, best[1] if best else "", closer_to=rival)
    if best is None:
        return TypedVerdict(False, False, "")
    return TypedVerdict(True, best[0] == 0, best[1])


# Overlap (Jaccard: found / (found + missed + wrongly added)) needed for each pre-selected grade.
# Below PASS_OVERLAP the answer is marked wrong and Again is pre-selected, so Space never records a
# pass for an answer shown with a cross. A partial answer at or above PASS_OVERLAP counts as recalled
# with difficulty (Hard); a nearly complete one is Good, a complete one Easy.
PASS_OVERLAP = 0.6  # e.g. 3 of 4 regions with nothing extra (0.75), or 3 of 5 (0.6)
GOOD_OVERLAP = 0.85  # e.g. 6 of 7 regions; a perfect answer is 1.0


def rating_for_overlap(jaccard: float) -> Rating:
    """The grade pre-selected for a set answer (clicked regions, ticked muscles)."""
    if jaccard >= 1.0:
        return Rating.Easy
    if jaccard >= GOOD_OVERLAP:
        return Rating.Good
    if jaccard >= PASS_OVERLAP:
        return Rating.Hard
    return Rating.Again


@dataclass(frozen=True, slots=True)
class OverlapVerdict:
    """How a chosen set (clicked regions, ticked muscles) compares with the right one."""

    jaccard: float  # |hit| / |chosen ∪ right|: rewards finding all and adding nothing
    coverage: float  # share of the right set that was chosen
    hits: frozenset[str]
    missed: frozenset[str]
    extra: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.jaccard >= PASS_OVERLAP

    @property
    def suggested(self) -> Rating:
        return rating_for_overlap(self.jaccard)


def grade_overlap(chosen: Iterable[str], right: Iterable[str], neutral: Iterable[str] = ()) -> OverlapVerdict:
    """Compare sets; `neutral` items (spillover zones) neither count for nor against the answer."""
    right_set = frozenset(right)
    chosen_set = frozenset(chosen) - (frozenset(neutral) - right_set)
    hits = chosen_set & right_set
    union = chosen_set | right_set
    return OverlapVerdict(
        jaccard=len(hits) / len(union) if union else 1.0,
        coverage=len(hits) / len(right_set) if right_set else 1.0,
        hits=hits,
        missed=right_set - chosen_set,
        extra=chosen_set - right_set,
    )


def grade_clicks(
    clicked: Iterable[str], essential: Iterable[str], spillover: Iterable[str] = ()
) -> OverlapVerdict:
    """A click-where-it-refers answer: overlap of the clicked regions with the essential zone."""
    return grade_overlap(clicked, essential, spillover)
