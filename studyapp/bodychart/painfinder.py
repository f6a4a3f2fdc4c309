"""Pain finder: from the places a patient feels pain to the muscles whose referral patterns cover them.

The atlas is turned once into an inverted index (region -> every trigger point that refers pain
there), so a query only touches the few entries of the selected regions.

Ranking, in words a student can check against the chart:
- each selected region a muscle covers earns 1 point when an essential zone covers it and 0.5 when
  only a spillover zone does; the score is that sum divided by the number of selected regions
  (1.0 = every selected region sits in an essential zone);
- equal scores: more regions in essential zones first, then more regions covered, then the name.

Sides: a complaint can say which side of the body hurts (`query(regions, side="left")`, or per
region with `query_sided`). Zones carry a side relative to their trigger point, so the finder says
on which side to look for each trigger point (`Match.tp_sides`): a left-sided complaint in an
`opposite` zone points to the right-sided trigger point, in a `both` zone to either side. A pain on
both sides (the same region picked left and right) is explained in full only by a zone on `both`
sides or by trigger points on both sides. Midline regions match any side. Without a side, every
zone counts whatever its side, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.content.model import Atlas, TriggerPoint

ESSENTIAL_POINTS = 1.0
SPILLOVER_POINTS = 0.5


SIDES = ("right", "left")


@dataclass(frozen=True, slots=True)
class Referral:
    """One index entry: this trigger point of this muscle refers pain to the region."""

    muscle_id: str
    tp_id: str
    essential: bool
    side: str = "same"  # the zone's side relative to the trigger point


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
    # Per trigger point (same order): the patient's side to examine, "right", "left" or "either";
    # "" when the complaint gave no side.
    tp_sides: tuple[str, ...] = ()

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
                zones = tp.referral_zones
                seen: set[tuple[str, str]] = set()
                # Essential zones first, so a region in both kinds on one side is indexed as essential.
                for zone in sorted(zones, key=lambda z: not z.essential):
                    for rid in zone.regions:
                        if (rid, zone.side) not in seen:
                            seen.add((rid, zone.side))
                            ref = Referral(muscle.id, tp.id, zone.essential, zone.side)
                            self._index.setdefault(rid, []).append(ref)

    def referrals(self, region_id: str) -> tuple[Referral, ...]:
        return tuple(self._index.get(region_id, ()))

    def query(self, region_ids: Iterable[str], side: str | None = None) -> Answer:
        """Muscles that refer pain to `region_ids`; `side` ("right"/"left") is the complaint's side."""
        return self.query_sided((rid, side) for rid in region_ids)

    def query_sided(self, picks: Iterable[tuple[str, str | None]]) -> Answer:
        """Like `query`, with a side per picked region (None: side unknown)."""
        chosen: list[tuple[str, str | None]] = []
        unknown: list[str] = []
        messages: list[str] = []
        for rid, side in dict.fromkeys(picks):
            if side is not None and side not in SIDES:
                raise ValueError(f"side must be 'right', 'left' or None, not {side!r}")
            if rid in self._atlas.regions:
                midline = self._atlas.regions[rid].side == "midline"
                pick = (rid, None if midline else side)
                if pick not in chosen:
                    chosen.append(pick)
            elif rid not in unknown:
                from studyapp.content.checks import suggest  # with the YAML reader: only for a typo

                unknown.append(rid)
                messages.append(
                    f"Unknown region '{rid}'{suggest(rid, self._atlas.regions)}; it was left out."
                )
        selected = list(dict.fromkeys(rid for rid, _ in chosen))
        sided = any(side is not None for _, side in chosen)
        refs: dict[str, dict[str, list[tuple[int, Referral]]]] = {}  # muscle -> tp -> (pick, referral)
        for index, (rid, _) in enumerate(chosen):
            for ref in self._index.get(rid, ()):
                refs.setdefault(ref.muscle_id, {}).setdefault(ref.tp_id, []).append((index, ref))
        matches = [self._sided_match(mid, by_tp, chosen, selected, sided) for mid, by_tp in refs.items()]
        matches = [m for m in matches if m.trigger_points]
        matches.sort(key=lambda m: (-m.score, -len(m.essential), -len(m.covered), m.muscle_name.lower()))
        if selected and not matches:
            labels = ", ".join(self._label(rid) for rid in selected)
            messages.append(f"No muscle in the atlas refers pain to {labels}.")
        return Answer(tuple(matches), tuple(selected), tuple(unknown), tuple(messages))

    def _sided_match(
        self,
        muscle_id: str,
        by_tp: dict[str, list[tuple[int, Referral]]],
        chosen: list[tuple[str, str | None]],
        selected: list[str],
        sided: bool,
    ) -> Match:
        """Each trigger point is placed on the side that explains most of the picks."""
        covered: dict[int, bool] = {}  # pick index -> essential?
        per_tp: dict[str, dict[str, bool]] = {}  # tp -> region -> essential?
        tp_side: dict[str, str] = {}
        for tp_id, found in by_tp.items():
            best: list[tuple[float, str, dict[int, bool]]] = []
            for side in SIDES if sided else ("",):
                hit: dict[int, bool] = {}
                for index, ref in found:
                    pick_side = chosen[index][1]
                    if not side or pick_side is None or pick_side in _zone_sides(ref.side, side):
                        hit[index] = hit.get(index, False) or ref.essential
                points = sum(ESSENTIAL_POINTS if ess else SPILLOVER_POINTS for ess in hit.values())
                best.append((points, side, hit))
            top = max(points for points, _, _ in best)
            winners = [b for b in best if b[0] == top]
            if top == 0:
                continue
            _, side, hit = winners[0]
            tp_side[tp_id] = "either" if len(winners) > 1 and side else side
            regions = per_tp.setdefault(tp_id, {})
            for index, ess in hit.items():
                covered[index] = covered.get(index, False) or ess
                rid = chosen[index][0]
                regions[rid] = regions.get(rid, False) or ess
        muscle = self._atlas.muscles[muscle_id]
        essential_ids = {chosen[i][0] for i, ess in covered.items() if ess}
        covered_ids = {chosen[i][0] for i in covered}
        essential = tuple(rid for rid in selected if rid in essential_ids)
        spillover = tuple(rid for rid in selected if rid in covered_ids and rid not in essential_ids)
        points = sum(ESSENTIAL_POINTS if ess else SPILLOVER_POINTS for ess in covered.values())
        tps = [tp for tp in muscle.trigger_points if tp.id in per_tp]
        reasons = tuple(self._tp_reason(tp, per_tp[tp.id], selected) for tp in tps)
        return Match(
            muscle_id=muscle.id,
            muscle_name=muscle.name,
            trigger_points=tuple(tp.id for tp in tps),
            essential=essential,
            spillover=spillover,
            score=points / len(chosen),
            reasons=reasons,
            tp_sides=tuple(tp_side[tp.id] for tp in tps),
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


def _zone_sides(zone_side: str, tp_side: str) -> tuple[str, ...]:
    """The patient's sides a zone covers for a trigger point on `tp_side`."""
    other = "left" if tp_side == "right" else "right"
    return {"same": (tp_side,), "opposite": (other,)}.get(zone_side, (tp_side, other))


def _join(labels: list[str]) -> str:
    """ "A, B and C"; labels such as "Lateral thigh, upper third" hold commas, so then only "and"."""
    if len(labels) < 3 or any("," in label for label in labels):
        return " and ".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"
