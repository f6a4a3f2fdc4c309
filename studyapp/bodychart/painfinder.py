"""Pain finder: from the places a patient feels pain to the muscles whose referral patterns cover them.

The atlas is turned once into an inverted index (region -> every trigger point that refers pain
there), so a query only touches the few entries of the selected regions.

Ranking, in words a student can check against the chart:
- each selected region a muscle covers earns 1 point when an essential zone covers it and 0.5 when
  only a spillover zone does; the score is that sum divided by the number of selected regions
  (1.0 = every selected region sits in an essential zone);
- equal scores: more regions in essential zones first, then more regions covered, then the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.content.checks import suggest
from studyapp.content.model import Atlas, Muscle, TriggerPoint

ESSENTIAL_POINTS = 1.0
SPILLOVER_POINTS = 0.5


@dataclass(frozen=True, slots=True)
class Referral:
    """One index entry: this trigger point of this muscle refers pain to the region."""

    muscle_id: str
    tp_id: str
    essential: bool


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate muscle for the selected regions, with what it explains and why."""

    muscle_id: str
    muscle_name: str
    trigger_points: tuple[str, ...]  # ids of the trigger points whose zones touch the selection
    essential: tuple[str, ...]  # selected region ids inside an essential zone of the muscle
    spillover: tuple[str, ...]  # selected region ids inside a spillover zone only
    score: float
    reasons: tuple[str, ...]  # one sentence per trigger point, in the muscle's order

    @property
    def reason(self) -> str:
        return ". ".join(self.reasons)

    @property
    def covered(self) -> tuple[str, ...]:
        return self.essential + self.spillover


@dataclass(frozen=True, slots=True)
class Answer:
    matches: tuple[Match, ...]
    selected: tuple[str, ...]  # the known region ids that were asked about, in the order given
    unknown: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()  # things to tell the student: unknown regions, nothing found


class PainFinder:
    """Answers "which muscles refer pain to these regions" from a prebuilt inverted index."""

    def __init__(self, atlas: Atlas) -> None:
        self._atlas = atlas
        self._index: dict[str, list[Referral]] = {}
        for muscle in atlas.muscles.values():
            for tp in muscle.trigger_points:
                for rid in dict.fromkeys(tp.essential_zones):
                    self._index.setdefault(rid, []).append(Referral(muscle.id, tp.id, True))
                for rid in dict.fromkeys(tp.spillover_zones):
                    if rid not in tp.essential_zones:
                        self._index.setdefault(rid, []).append(Referral(muscle.id, tp.id, False))

    def referrals(self, region_id: str) -> tuple[Referral, ...]:
        return tuple(self._index.get(region_id, ()))

    def query(self, region_ids: Iterable[str]) -> Answer:
        selected: list[str] = []
        unknown: list[str] = []
        messages: list[str] = []
        for rid in dict.fromkeys(region_ids):
            if rid in self._atlas.regions:
                selected.append(rid)
            else:
                unknown.append(rid)
                messages.append(
                    f"Unknown region '{rid}'{suggest(rid, self._atlas.regions)}; it was left out."
                )
        hits: dict[str, dict[str, dict[str, bool]]] = {}  # muscle -> tp -> region -> essential?
        for rid in selected:
            for ref in self._index.get(rid, ()):
                hits.setdefault(ref.muscle_id, {}).setdefault(ref.tp_id, {})[rid] = ref.essential
        matches = [self._match(self._atlas.muscles[mid], by_tp, selected) for mid, by_tp in hits.items()]
        matches.sort(key=lambda m: (-m.score, -len(m.essential), -len(m.covered), m.muscle_name.lower()))
        if selected and not matches:
            labels = ", ".join(self._label(rid) for rid in selected)
            messages.append(f"No muscle in the atlas refers pain to {labels}.")
        return Answer(tuple(matches), tuple(selected), tuple(unknown), tuple(messages))

    def _match(self, muscle: Muscle, by_tp: dict[str, dict[str, bool]], selected: list[str]) -> Match:
        essential_ids = {rid for regions in by_tp.values() for rid, ess in regions.items() if ess}
        covered_ids = {rid for regions in by_tp.values() for rid in regions}
        essential = tuple(rid for rid in selected if rid in essential_ids)
        spillover = tuple(rid for rid in selected if rid in covered_ids and rid not in essential_ids)
        points = ESSENTIAL_POINTS * len(essential) + SPILLOVER_POINTS * len(spillover)
        tps = [tp for tp in muscle.trigger_points if tp.id in by_tp]
        reasons = tuple(self._tp_reason(tp, by_tp[tp.id], selected) for tp in tps)
        return Match(
            muscle_id=muscle.id,
            muscle_name=muscle.name,
            trigger_points=tuple(tp.id for tp in tps),
            essential=essential,
            spillover=spillover,
            score=points / len(selected),
            reasons=reasons,
        )

    def _tp_reason(self, tp: TriggerPoint, regions: dict[str, bool], selected: list[str]) -> str:
        ess = [self._label(rid) for rid in selected if regions.get(rid) is True]
        spill = [self._label(rid) for rid in selected if regions.get(rid) is False]
        # Labels lead ("TP1: ...", "Anterior portion: ..."): real labels are often phrases, which
        # read badly inside a sentence.
        if ess and spill:
            return f"{tp.label}: essential zone covers {_join(ess)}; spillover covers {_join(spill)}"
        if ess:
            return f"{tp.label}: essential zone covers {_join(ess)}"
        return f"{tp.label}: spillover zone covers {_join(spill)}"

    def _label(self, rid: str) -> str:
        region = self._atlas.regions.get(rid)
        return region.label if region else rid


def _join(labels: list[str]) -> str:
    """ "A, B and C"; labels such as "Lateral thigh, upper third" hold commas, so then only "and"."""
    if len(labels) < 3 or any("," in label for label in labels):
        return " and ".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"
