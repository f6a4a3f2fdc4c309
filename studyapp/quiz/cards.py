"""Cards generated from the atlas by one table of card types.

Each row of `CARD_TYPES` says what a kind of card asks (an English prompt template with named
parameters, so the UI can translate it), what its answer is and which facts of a record it is made
from; one card is made per fact. Cards whose answer is a paragraph are recall cards (reveal and grade
yourself); the facts inside them (one action, one structure at risk, the spinal roots) get atomic
cards with short answers, so a multiple-choice option is never a paragraph.

A card id depends only on ids (muscle, template, trigger point, region) or on the position of the
fact in its record (the second action, the third structure at risk), never on wording, so fixing a
typo or translating the text keeps the card's review history. Cards made from one muscle share a
`sibling_key` so the scheduler can keep them apart on the same day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from studyapp.bodychart.muscle_places import muscle_place
from studyapp.content.model import Atlas, Muscle
from studyapp.quiz.phrases import (
    MAX_OPTION_CHARS,
    sentence,
    structure_name,
    where_it_lies,
    without_brackets,
)

if TYPE_CHECKING:
    from studyapp.bodychart.tp_acupoints import TpAcupointLinks


class Template(StrEnum):
    ORIGIN_TO_MUSCLE = "origin_to_muscle"
    ORIGIN = "origin"
    INSERTION = "insertion"
    INSERTION_TO_MUSCLE = "insertion_to_muscle"
    ACTIONS = "actions"  # every action: a recall card
    ACTION = "action"  # one action per card
    INNERVATION = "innervation"
    ROOTS = "roots"  # the spinal (or cranial nerve) roots alone
    REFERRAL_TO_MUSCLE = "referral"  # the referral picture is the question
    CLICK_REFERRAL = "click_referral"  # answered by clicking regions on the chart
    REGION_TO_MUSCLES = "which_muscles"  # pain region -> all muscles that refer there
    NAME_HIGHLIGHTED = "name_highlighted"  # the muscle's place is highlighted on the chart: name it
    CLICK_MUSCLE = "click_muscle"  # click the regions the muscle's drawn shape covers
    NEEDLING = "needling"  # every structure and caution: a recall card
    NEEDLING_RISK = "needling_risk"  # one structure at risk per card
    # acupuncture points (made per point by `studyapp.quiz.point_cards`)
    POINT_LOCATE = "point_locate"  # click the region under the point on the chart
    POINT_NAME = "point_name"  # code -> pinyin and English name
    POINT_CODE = "point_code"  # name -> code
    POINT_CHANNEL = "point_channel"
    POINT_CATEGORY = "point_category"  # one category per card
    POINT_DEPTH = "point_depth"  # needling angle (in the prompt) and depth (the answer)
    POINT_CAUTIONS = "point_cautions"  # every caution: a recall card
    POINT_RISK = "point_risk"  # one structure at risk per card
    TP_POINT = "tp_point"  # trigger point -> the point that lies over it


class AnswerKind(StrEnum):
    NAME = "name"  # a muscle name: typed answers and muscle-name distractors apply
    FACT = "fact"  # a short fact: other muscles' facts of the same kind are the distractors
    REGIONS = "regions"  # clicked on the body chart
    MUSCLES = "muscles"  # several muscle names, tick every right one


REGION_PREFIX = "zone."  # sibling key / id prefix of region cards; never a valid muscle id
POINT_PREFIX = "point."  # sibling key / id prefix of acupuncture-point cards


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    template: Template
    sibling_key: str  # muscle id, or "zone.<region id>" for region cards
    area: str  # body area id, for decks and exam reports
    prompt_args: tuple[tuple[str, str], ...]  # parameters of the template's prompt
    answer: str
    muscle_ids: tuple[str, ...]  # the muscles the card is about (the correct ones for region cards)
    tp_id: str = ""
    region_id: str = ""
    typed_answers: tuple[str, ...] = ()  # accepted spellings when the answer is typed
    zones: tuple[str, ...] = ()  # essential referral zones (picture and click cards)
    spillover: tuple[str, ...] = ()  # spillover zones (picture and click cards)
    spillover_muscles: tuple[str, ...] = ()  # region cards: right muscles that refer there as spillover only
    question_key: str = ""  # equal keys mean "same question": such cards can't be each other's distractors
    topic: str = ""  # what the fact is about (an action's joint): distractors on the same topic first
    detail: str = ""  # shown with the answer
    recall: bool = False  # the answer is too long to be one option among several: reveal and grade
    point: str = ""  # WHO code of the acupuncture point the card is about ("" for muscle cards)

    @property
    def muscle_id(self) -> str:
        return self.muscle_ids[0] if self.muscle_ids else ""

    @property
    def prompt(self) -> str:
        """The English prompt; a translation formats its own template with `prompt_args`."""
        return CARD_TYPES[self.template].prompt.format(**dict(self.prompt_args))

    @property
    def kind(self) -> AnswerKind:
        return CARD_TYPES[self.template].answer


@dataclass(frozen=True, slots=True)
class Fact:
    """One card's worth of content, as a card type's `facts` function yields it."""

    answer: str
    part: str = ""  # id suffix when a record yields several cards of one type (trigger point, action)
    args: dict[str, str] = field(default_factory=dict)  # prompt parameters beyond {muscle}
    detail: str = ""
    question_key: str = ""
    topic: str = ""
    tp_id: str = ""
    zones: tuple[str, ...] = ()
    spillover: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CardType:
    template: Template
    label: str  # what kind of question this is, shown above the prompt
    prompt: str  # str.format template; {muscle} is always available for muscle cards
    answer: AnswerKind
    facts: Callable[[Muscle, Atlas], Iterable[Fact]]


def card_id(muscle_id: str, template: Template, part: str = "") -> str:
    return f"{muscle_id}:{template.value}" + (f":{part}" if part else "")


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


# --- what each card type is made from ----------------------------------------------------------------


def _origin_to_muscle(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    yield Fact(
        m.name, args={"origin": m.origin}, question_key=_norm(m.origin), detail=f"Inserts on: {m.insertion}"
    )


def _insertion_to_muscle(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    yield Fact(
        m.name,
        args={"insertion": m.insertion},
        question_key=_norm(m.insertion),
        detail=f"Arises from: {m.origin}",
    )


def _origin(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    yield Fact(m.origin, question_key=m.id)


def _insertion(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    yield Fact(m.insertion, question_key=m.id)


def _actions(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    answer = "; ".join(a.label + (f" ({a.note})" if a.note else "") for a in m.actions)
    yield Fact(answer, question_key=m.id, detail=m.action_notes)


def _action(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    """One card per action; every action of the muscle is a right answer, so none is a distractor.

    The id part is the action's position in the record (1-based), so rewording or translating an
    action keeps its review history.
    """
    seen: set[str] = set()
    for position, action in enumerate(m.actions, 1):
        label = _action_label(action.joint, action.movement)
        if len(label) > MAX_OPTION_CHARS:
            label = _action_label(without_brackets(action.joint), without_brackets(action.movement))
        if len(label) > MAX_OPTION_CHARS or label.casefold() in seen:
            continue
        seen.add(label.casefold())
        yield Fact(
            label,
            part=str(position),
            question_key=f"actions:{m.id}",
            topic=action.joint.casefold(),
            detail=sentence(action.note),
        )


def _action_label(joint: str, movement: str) -> str:
    """ "Hip: lateral rotation" reads as one fact where "hip lateral rotation" runs words together."""
    return f"{sentence(joint)}: {movement}" if joint else sentence(movement)


def _innervation(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    roots = ", ".join(m.innervation.roots)
    nerve = m.innervation.nerve
    yield Fact(f"{nerve} ({roots})" if roots else nerve, question_key=m.id, detail=m.innervation.note)


def _roots(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    if m.innervation.roots:
        yield Fact(", ".join(m.innervation.roots), question_key=f"roots:{m.id}", detail=m.innervation.nerve)


def _referral(m: Muscle, atlas: Atlas) -> Iterator[Fact]:
    for tp in m.trigger_points:
        yield Fact(
            m.name,
            part=tp.id,
            tp_id=tp.id,
            zones=tp.essential_zones,
            spillover=tp.spillover_zones,
            question_key="zones:" + ",".join(sorted(tp.essential_zones)),
            detail=f"{tp.label}: {tp.location} {_where(atlas, tp.essential_zones, tp.spillover_zones)}",
        )


def _click(m: Muscle, atlas: Atlas) -> Iterator[Fact]:
    for tp in m.trigger_points:
        yield Fact(
            _where(atlas, tp.essential_zones, tp.spillover_zones),
            part=tp.id,
            args={"trigger_point": tp.label},
            tp_id=tp.id,
            # Clicks are graded by region, whichever side: zones across the midline count too.
            zones=tp.regions("essential"),
            spillover=tp.regions("spillover"),
            question_key=f"{m.id}:{tp.id}",
            detail=f"Location: {tp.location}",
        )


def _place(m: Muscle, atlas: Atlas) -> tuple[str, ...]:
    """The atlas regions the muscle's drawn shape covers on its best view (bodychart/views.py)."""
    place = muscle_place(m.id)
    return tuple(r for r in place.regions if r in atlas.regions) if place is not None else ()


def _highlighted(m: Muscle, atlas: Atlas) -> Iterator[Fact]:
    """The regions under the muscle's shape are highlighted; a muscle not drawn yet gets no card."""
    regions = _place(m, atlas)
    if regions:
        yield Fact(
            m.name,
            zones=regions,
            question_key="lies:" + ",".join(sorted(regions)),
            detail=f"Lies under: {_zone_labels(atlas, regions)}.",
        )


def _click_muscle(m: Muscle, atlas: Atlas) -> Iterator[Fact]:
    regions = _place(m, atlas)
    if regions:
        yield Fact(
            f"{_zone_labels(atlas, regions)}.",
            zones=regions,
            question_key=f"lies:{m.id}",
            detail=f"Origin: {m.origin}",
        )


def _where(atlas: Atlas, essential: Iterable[str], spillover: Iterable[str]) -> str:
    spill = _zone_labels(atlas, spillover)
    return f"Essential zone: {_zone_labels(atlas, essential)}." + (f" Spillover: {spill}." if spill else "")


def _needling(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    n = m.needling
    if n is not None:
        avoid = "; ".join(n.structures_to_avoid)
        yield Fact(
            f"Avoid: {avoid}." + (f" {n.cautions}" if n.cautions else ""),
            question_key=m.id,
            detail=f"Position: {n.patient_position}. Direction: {n.direction}. Depth: {n.depth}.",
        )


def _needling_risk(m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    """One structure at risk per card, named by the head of its description; the rest is the detail.

    The id part is the item's position in the record (1-based), never its wording.
    """
    if m.needling is None:
        return
    seen: set[str] = set()
    for position, item in enumerate(m.needling.structures_to_avoid, 1):
        head = sentence(structure_name(item))
        if not head or head.casefold() in seen:
            continue
        seen.add(head.casefold())
        where = where_it_lies(item, head)
        yield Fact(
            head,
            part=str(position),
            args={"where": f" ({where})" if where else ""},
            question_key=f"risk:{m.id}",
            detail=sentence(item),
        )


MUSCLE_CARD_TYPES: tuple[CardType, ...] = (
    CardType(
        Template.ORIGIN_TO_MUSCLE,
        "Origin → muscle",
        "Which muscle arises from: {origin}",
        AnswerKind.NAME,
        _origin_to_muscle,
    ),
    CardType(Template.ORIGIN, "Origin", "Origin of {muscle}?", AnswerKind.FACT, _origin),
    CardType(Template.INSERTION, "Insertion", "Insertion of {muscle}?", AnswerKind.FACT, _insertion),
    CardType(
        Template.INSERTION_TO_MUSCLE,
        "Insertion → muscle",
        "Which muscle inserts on: {insertion}",
        AnswerKind.NAME,
        _insertion_to_muscle,
    ),
    CardType(Template.ACTIONS, "Actions", "Actions of {muscle}?", AnswerKind.FACT, _actions),
    CardType(
        Template.ACTION, "Action", "{muscle}: which of these is one of its actions?", AnswerKind.FACT, _action
    ),
    CardType(
        Template.INNERVATION,
        "Innervation",
        "Innervation of {muscle} (nerve and spinal roots)?",
        AnswerKind.FACT,
        _innervation,
    ),
    CardType(
        Template.ROOTS,
        "Spinal roots",
        "{muscle}: which spinal or cranial roots supply it?",
        AnswerKind.FACT,
        _roots,
    ),
    CardType(
        Template.REFERRAL_TO_MUSCLE,
        "Referral pattern → muscle",
        "Whose trigger point refers pain in this pattern?",
        AnswerKind.NAME,
        _referral,
    ),
    CardType(
        Template.CLICK_REFERRAL,
        "Where does it refer?",
        "Click where {muscle} ({trigger_point}) refers pain.",
        AnswerKind.REGIONS,
        _click,
    ),
    CardType(
        Template.NAME_HIGHLIGHTED,
        "Highlighted muscle → name",
        "Which muscle lies in the highlighted area?",
        AnswerKind.NAME,
        _highlighted,
    ),
    CardType(
        Template.CLICK_MUSCLE,
        "Where does it lie?",
        "Click where {muscle} lies.",
        AnswerKind.REGIONS,
        _click_muscle,
    ),
    CardType(
        Template.NEEDLING,
        "Needling safety",
        "Needling {muscle}: which structures must you avoid, and what cautions apply?",
        AnswerKind.FACT,
        _needling,
    ),
    CardType(
        Template.NEEDLING_RISK,
        "Needling: structure at risk",
        "Needling {muscle}: which of these structures is at risk{where}?",
        AnswerKind.FACT,
        _needling_risk,
    ),
)


def _no_muscle_facts(_m: Muscle, _atlas: Atlas) -> Iterator[Fact]:
    return iter(())


REGION_CARD_TYPE = CardType(
    Template.REGION_TO_MUSCLES,
    "Pain region → muscles",
    "Pain in the {region}: which muscles can refer it? (select all)",
    AnswerKind.MUSCLES,
    _no_muscle_facts,  # made per region by `region_cards`, not per muscle
)


def _point_type(
    template: Template, label: str, prompt: str, answer: AnswerKind = AnswerKind.FACT
) -> CardType:
    return CardType(template, label, prompt, answer, _no_muscle_facts)  # made per point: point_cards.py


POINT_CARD_TYPES: tuple[CardType, ...] = (
    _point_type(
        Template.POINT_LOCATE, "Locate the point", "Click where {code} ({pinyin}) lies.", AnswerKind.REGIONS
    ),
    _point_type(Template.POINT_NAME, "Point code → name", "What is the name of {code}?"),
    _point_type(Template.POINT_CODE, "Point name → code", "Which point is {pinyin} ({english})?"),
    _point_type(Template.POINT_CHANNEL, "Point → channel", "{code} ({pinyin}) lies on which channel?"),
    _point_type(
        Template.POINT_CATEGORY, "Point category", "{code} ({pinyin}): which of these categories is it in?"
    ),
    _point_type(
        Template.POINT_DEPTH, "Needling a point: depth", "Needling {code} ({pinyin}) {angle}: to what depth?"
    ),
    _point_type(
        Template.POINT_CAUTIONS,
        "Needling a point: cautions",
        "Needling {code} ({pinyin}): what is at risk, and how do you avoid it?",
    ),
    _point_type(
        Template.POINT_RISK,
        "Needling a point: structure at risk",
        "Needling {code} ({pinyin}): which of these structures is at risk?",
    ),
    _point_type(
        Template.TP_POINT,
        "Trigger point → acupoint",
        "{muscle}, {trigger_point}: which of these points lies over it (within 2 cm)?",
    ),
)

CARD_TYPES: dict[Template, CardType] = {
    t.template: t for t in (*MUSCLE_CARD_TYPES, REGION_CARD_TYPE, *POINT_CARD_TYPES)
}


def muscle_cards(muscle: Muscle, atlas: Atlas, types: Iterable[CardType] = MUSCLE_CARD_TYPES) -> list[Card]:
    cards: list[Card] = []
    for card_type in types:
        for fact in card_type.facts(muscle, atlas):
            cards.append(_card(muscle, card_type, fact))
    return cards


def _card(m: Muscle, card_type: CardType, fact: Fact) -> Card:
    kind = card_type.answer
    return Card(
        card_id(m.id, card_type.template, fact.part),
        card_type.template,
        sibling_key=m.id,
        area=m.area,
        prompt_args=tuple({"muscle": m.name, **fact.args}.items()),
        answer=fact.answer,
        muscle_ids=(m.id,),
        tp_id=fact.tp_id,
        typed_answers=names(m) if kind is AnswerKind.NAME else (),
        zones=fact.zones,
        spillover=fact.spillover,
        question_key=fact.question_key,
        topic=fact.topic,
        detail=fact.detail,
        recall=kind is AnswerKind.FACT and len(fact.answer) > MAX_OPTION_CHARS,
    )


def region_cards(atlas: Atlas) -> list[Card]:
    """Pain region -> every muscle whose trigger points refer there, in an essential or spillover zone.

    The same rule as the pain finder: spillover counts, and the answer says which muscles refer there
    as spillover only.
    """
    essential: dict[str, list[str]] = {}
    spill: dict[str, list[str]] = {}
    for m in atlas.muscles.values():
        for tp in m.trigger_points:
            # every zone whatever its side, as the pain finder counts them without a side
            for zone in tp.regions("essential"):
                if m.id not in essential.setdefault(zone, []):
                    essential[zone].append(m.id)
            for zone in tp.regions("spillover"):
                if m.id not in spill.setdefault(zone, []):
                    spill[zone].append(m.id)
    cards = []
    for region_id, region in atlas.regions.items():
        ess = essential.get(region_id, [])
        only_spill = [mid for mid in spill.get(region_id, []) if mid not in ess]
        if not ess and not only_spill:
            continue
        muscle_ids = ess + only_spill
        names_ = [atlas.muscles[mid].name for mid in ess] + [
            f"{atlas.muscles[mid].name} (spillover)" for mid in only_spill
        ]
        cards.append(
            Card(
                region_card_id(region_id),
                Template.REGION_TO_MUSCLES,
                sibling_key=REGION_PREFIX + region_id,
                area=region.parent,
                prompt_args=(("region", region.label.lower()),),
                answer=", ".join(names_),
                muscle_ids=tuple(muscle_ids),
                spillover_muscles=tuple(only_spill),
                region_id=region_id,
                zones=(region_id,),
                question_key=region_id,
                detail="Spillover means the pain reaches here beyond the usual (essential) zone."
                if only_spill
                else "",
            )
        )
    return cards


def generate_cards(atlas: Atlas, links: TpAcupointLinks | None = None) -> list[Card]:
    """All cards for the atlas, muscle by muscle (atlas order), then pain regions (atlas order), then,
    given the trigger-point links (which hold the point atlas), acupuncture points in channel order.

    The study queue interleaves them (`studyapp.quiz.study.interleave`); this order is the stable one.
    """
    cards: list[Card] = []
    for muscle in atlas.muscles.values():
        cards.extend(muscle_cards(muscle, atlas))
    cards.extend(region_cards(atlas))
    if links is not None:
        from studyapp.quiz.point_cards import point_cards

        cards.extend(point_cards(links))
    return cards
