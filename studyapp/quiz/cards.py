"""Cards generated from the atlas by templates.

A card id depends only on ids (muscle, template, trigger point, region), never on wording, so fixing
a typo in an origin keeps the card's review history. Cards made from one muscle share a
`sibling_key` so the scheduler can keep them apart on the same day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from studyapp.content.model import Atlas, Muscle, TriggerPoint


class Template(StrEnum):
    ORIGIN_TO_MUSCLE = "origin_to_muscle"
    ORIGIN = "origin"
    INSERTION = "insertion"
    ACTIONS = "actions"
    INNERVATION = "innervation"
    REFERRAL_TO_MUSCLE = "referral"  # the referral picture is the question
    CLICK_REFERRAL = "click_referral"  # answered by clicking regions on the chart
    REGION_TO_MUSCLES = "which_muscles"  # pain region -> all muscles that refer there
    NEEDLING = "needling"


# Templates whose answer is a muscle name: typed answers and muscle-name distractors apply.
NAME_ANSWER = frozenset({Template.ORIGIN_TO_MUSCLE, Template.REFERRAL_TO_MUSCLE})
REGION_PREFIX = "zone."  # sibling key / id prefix of region cards; never a valid muscle id


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    template: Template
    sibling_key: str  # muscle id, or "zone.<region id>" for region cards
    area: str  # body area id, for decks and exam reports
    prompt: str
    answer: str
    muscle_ids: tuple[str, ...]  # the muscles the card is about (the correct ones for region cards)
    tp_id: str = ""
    region_id: str = ""
    typed_answers: tuple[str, ...] = ()  # accepted spellings when the answer is typed
    zones: tuple[str, ...] = ()  # essential referral zones (picture and click cards)
    spillover: tuple[str, ...] = ()
    question_key: str = ""  # equal keys mean "same question": such cards can't be each other's distractors
    detail: str = ""  # shown with the answer

    @property
    def muscle_id(self) -> str:
        return self.muscle_ids[0] if self.muscle_ids else ""


def card_id(muscle_id: str, template: Template, tp_id: str = "") -> str:
    return f"{muscle_id}:{template.value}" + (f":{tp_id}" if tp_id else "")


def region_card_id(region_id: str) -> str:
    return f"{REGION_PREFIX}{region_id}:{Template.REGION_TO_MUSCLES.value}"


def names(muscle: Muscle) -> tuple[str, ...]:
    """Everything a student may type for this muscle."""
    seen: dict[str, None] = {}
    for label in (muscle.name, *muscle.aliases, muscle.latin_name):
        if label and label.casefold() not in {s.casefold() for s in seen}:
            seen[label] = None
    return tuple(seen)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _zone_labels(atlas: Atlas, zones: Iterable[str]) -> str:
    return ", ".join(atlas.regions[z].label if z in atlas.regions else z for z in zones)


def muscle_cards(muscle: Muscle, atlas: Atlas) -> list[Card]:
    m = muscle
    actions = "; ".join(a.label + (f" ({a.note})" if a.note else "") for a in m.actions)
    roots = ", ".join(m.innervation.roots)
    cards = [
        Card(
            card_id(m.id, Template.ORIGIN_TO_MUSCLE),
            Template.ORIGIN_TO_MUSCLE,
            prompt=f"Which muscle arises from: {m.origin}",
            answer=m.name,
            typed_answers=names(m),
            question_key=_norm(m.origin),
            detail=f"Inserts on: {m.insertion}",
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
        Card(
            card_id(m.id, Template.ORIGIN),
            Template.ORIGIN,
            prompt=f"Origin of {m.name}?",
            answer=m.origin,
            question_key=m.id,
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
        Card(
            card_id(m.id, Template.INSERTION),
            Template.INSERTION,
            prompt=f"Insertion of {m.name}?",
            answer=m.insertion,
            question_key=m.id,
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
        Card(
            card_id(m.id, Template.ACTIONS),
            Template.ACTIONS,
            prompt=f"Actions of {m.name}?",
            answer=actions,
            question_key=m.id,
            detail=m.action_notes,
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
        Card(
            card_id(m.id, Template.INNERVATION),
            Template.INNERVATION,
            prompt=f"Innervation of {m.name} (nerve and spinal roots)?",
            answer=f"{m.innervation.nerve} ({roots})" if roots else m.innervation.nerve,
            question_key=m.id,
            detail=m.innervation.note,
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
    ]
    for tp in m.trigger_points:
        cards.extend(_trigger_point_cards(m, tp, atlas))
    if m.needling is not None:
        n = m.needling
        avoid = "; ".join(n.structures_to_avoid)
        cards.append(
            Card(
                card_id(m.id, Template.NEEDLING),
                Template.NEEDLING,
                prompt=f"Needling {m.name}: which structures must you avoid, and what cautions apply?",
                answer=f"Avoid: {avoid}." + (f" {n.cautions}" if n.cautions else ""),
                question_key=m.id,
                detail=f"Position: {n.patient_position}. Direction: {n.direction}. Depth: {n.depth}.",
                sibling_key=m.id,
                area=m.area,
                muscle_ids=(m.id,),
            )
        )
    return cards


def _trigger_point_cards(m: Muscle, tp: TriggerPoint, atlas: Atlas) -> list[Card]:
    zones = _zone_labels(atlas, tp.essential_zones)
    spill = _zone_labels(atlas, tp.spillover_zones)
    where = f"Essential zone: {zones}." + (f" Spillover: {spill}." if spill else "")
    return [
        Card(
            card_id(m.id, Template.REFERRAL_TO_MUSCLE, tp.id),
            Template.REFERRAL_TO_MUSCLE,
            prompt="Whose trigger point refers pain in this pattern?",
            answer=m.name,
            tp_id=tp.id,
            typed_answers=names(m),
            zones=tp.essential_zones,
            spillover=tp.spillover_zones,
            question_key="zones:" + ",".join(sorted(tp.essential_zones)),
            detail=f"{tp.label}: {tp.location} {where}",
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
        Card(
            card_id(m.id, Template.CLICK_REFERRAL, tp.id),
            Template.CLICK_REFERRAL,
            prompt=f"Click where {m.name} ({tp.label}) refers pain.",
            answer=where,
            tp_id=tp.id,
            # Clicks are graded by region, whichever side: zones across the midline count too.
            zones=tp.regions("essential"),
            spillover=tp.regions("spillover"),
            question_key=f"{m.id}:{tp.id}",
            detail=f"Location: {tp.location}",
            sibling_key=m.id,
            area=m.area,
            muscle_ids=(m.id,),
        ),
    ]


def region_cards(atlas: Atlas) -> list[Card]:
    """Pain region -> every muscle whose trigger points refer there (essential zone)."""
    by_region: dict[str, list[str]] = {}
    for m in atlas.muscles.values():
        for tp in m.trigger_points:
            for zone in tp.essential_zones:
                if m.id not in by_region.setdefault(zone, []):
                    by_region[zone].append(m.id)
    cards = []
    for region_id, muscle_ids in by_region.items():
        region = atlas.regions.get(region_id)
        if region is None:
            continue
        cards.append(
            Card(
                region_card_id(region_id),
                Template.REGION_TO_MUSCLES,
                sibling_key=REGION_PREFIX + region_id,
                area=region.parent,
                prompt=f"Pain in the {region.label.lower()}: which muscles can refer it? (select all)",
                answer=", ".join(atlas.muscles[mid].name for mid in muscle_ids),
                muscle_ids=tuple(muscle_ids),
                region_id=region_id,
                zones=(region_id,),
                question_key=region_id,
            )
        )
    order = {rid: i for i, rid in enumerate(atlas.regions)}
    return sorted(cards, key=lambda c: order.get(c.region_id, 0))


def generate_cards(atlas: Atlas) -> list[Card]:
    """All cards for the atlas, in study order: muscle by muscle (atlas order), then pain regions."""
    cards: list[Card] = []
    for muscle in atlas.muscles.values():
        cards.extend(muscle_cards(muscle, atlas))
    cards.extend(region_cards(atlas))
    return cards
