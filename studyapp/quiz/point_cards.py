"""Cards for acupuncture points: locate it, code and name, channel, category, depth and risks, and the
point over a trigger point. Their prompts are rows of the one card table (`cards.POINT_CARD_TYPES`).

Ids come from codes and ids only (`point.GB30:point_channel`, the second category by position,
`point.GB21:tp_point:trapezius_upper.tp1`), never from wording. Every card of a point shares the
sibling key `point.<code>`, so the scheduler spaces them and progress by muscle leaves them out; a
card's `area` is the body area of the region under the point, so area decks and exam reports by
area include points; `point` holds the code, for decks by channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from studyapp.bodychart.tp_acupoints import CORRESPONDING_CM, TpAcupointLinks
from studyapp.content.acupoints import Point, category_kind
from studyapp.quiz.cards import (
    CARD_TYPES,
    POINT_PREFIX,
    AnswerKind,
    Card,
    Fact,
    Template,
    card_id,
)
from studyapp.quiz.phrases import MAX_OPTION_CHARS, sentence

# "The sciatic nerve lies deep to the point" -> "sciatic nerve": the structure a caution is about.
_RISK_SUBJECT = re.compile(
    r"^(?:The|An?)\s+(.+?)\s+(?:lies|lie|runs|run|is|are|passes|pass|sits|sit|crosses|cross)\b"
)


def point_key(code: str) -> str:
    return f"{POINT_PREFIX}{code}"


def name_of(point: Point) -> str:
    return f"{point.pinyin} ({point.english})"


def located_region(links: TpAcupointLinks, point: Point) -> tuple[str, str] | None:
    """(view, region id) under the point's first marker that lies in a drawn region of the atlas."""
    for marker in point.markers:
        view = links.geometry.views.get(marker.view)
        hit = view.region_at(marker.x, marker.y) if view is not None else None
        if hit is not None and hit[0] in links.atlas.regions:
            return marker.view, hit[0]
    return None


def point_area(links: TpAcupointLinks, point: Point) -> str:
    """The body area of the region under the point (else of the first muscle listed under it)."""
    located = located_region(links, point)
    if located is not None:
        return links.atlas.regions[located[1]].parent
    for mid in point.structures.muscles:
        if mid in links.atlas.muscles:
            return links.atlas.muscles[mid].area
    return ""


def point_cards(links: TpAcupointLinks) -> list[Card]:
    """Every point's cards in channel order, then the trigger-point cards in atlas order."""
    cards: list[Card] = []
    for point in links.points.points.values():
        area = point_area(links, point)
        for template, fact in _facts(links, point):
            cards.append(_card(point, template, fact, area))
    cards.extend(_tp_cards(links))
    return cards


def _facts(links: TpAcupointLinks, point: Point) -> Iterator[tuple[Template, Fact]]:
    channel = links.points.channels.get(point.channel)
    located = located_region(links, point)
    if located is not None:
        view, region = located
        label = links.atlas.regions[region].label
        yield (
            Template.POINT_LOCATE,
            Fact(label, zones=(region,), question_key=point.code, detail=f"{point.location} ({view} view)"),
        )
    yield Template.POINT_NAME, Fact(name_of(point), question_key=point.code, topic=point.channel)
    yield Template.POINT_CODE, Fact(point.code, question_key=point.code, topic=point.channel)
    if channel is not None:
        yield (
            Template.POINT_CHANNEL,
            Fact(
                f"{channel.name} ({channel.id})", question_key=f"channel:{channel.id}", detail=point.location
            ),
        )
    seen: set[str] = set()
    for position, category in enumerate(point.categories, 1):
        kind = category_kind(category)
        if kind in seen:
            continue
        seen.add(kind)
        yield (
            Template.POINT_CATEGORY,
            Fact(
                kind,
                part=str(position),
                question_key=f"categories:{point.code}",
                detail="Categories: " + "; ".join(point.categories),
            ),
        )
    needling = point.needling
    if needling.depth and needling.depth != "none":
        yield (
            Template.POINT_DEPTH,
            Fact(
                needling.depth,
                args={"angle": f"({needling.angle})" if needling.angle else ""},
                question_key=f"depth:{point.code}",
                detail=sentence(needling.angle),
            ),
        )
    if needling.cautions:
        yield Template.POINT_CAUTIONS, Fact(" ".join(needling.cautions), question_key=point.code)
    said = "; ".join([*point.structures.nerves, *point.structures.vessels, *point.structures.other])
    risks: set[str] = set()
    for position, caution in enumerate(needling.cautions, 1):
        match = _RISK_SUBJECT.match(caution)
        head = sentence(match.group(1)) if match else ""
        if not head or len(head) > MAX_OPTION_CHARS or head.casefold() in risks:
            continue
        risks.add(head.casefold())
        yield (
            Template.POINT_RISK,
            # the point's own nerves and vessels go in the detail, so none of them is a distractor
            Fact(
                head,
                part=str(position),
                question_key=f"risk:{point.code}",
                detail=f"{caution} Under it: {said}.",
            ),
        )


def _card(point: Point, template: Template, fact: Fact, area: str) -> Card:
    card_type = CARD_TYPES[template]
    args = {"code": point.code, "pinyin": point.pinyin, "english": point.english, **fact.args}
    return Card(
        card_id(point_key(point.code), template, fact.part),
        template,
        sibling_key=point_key(point.code),
        area=area,
        prompt_args=tuple(args.items()),
        answer=fact.answer,
        muscle_ids=(),
        zones=fact.zones,
        question_key=fact.question_key,
        topic=fact.topic,
        detail=fact.detail,
        recall=card_type.answer is AnswerKind.FACT and len(fact.answer) > MAX_OPTION_CHARS,
        point=point.code,
    )


def _tp_cards(links: TpAcupointLinks) -> Iterator[Card]:
    """One card per corresponding pair (same muscle, within 2 cm); the other points over the same
    trigger point are right answers too, so none of them is offered as a distractor."""
    for muscle in links.atlas.muscles.values():
        for tp in muscle.trigger_points:
            for link in links.nearest_points(muscle.id, tp.id, limit=99):
                if not link.corresponds:
                    continue
                point = links.points.points[link.code]
                answer = f"{point.code} {point.pinyin}"
                yield Card(
                    card_id(point_key(point.code), Template.TP_POINT, f"{muscle.id}.{tp.id}"),
                    Template.TP_POINT,
                    sibling_key=point_key(point.code),
                    area=muscle.area,
                    prompt_args=(("muscle", muscle.name), ("trigger_point", tp.label)),
                    answer=answer,
                    muscle_ids=(muscle.id,),
                    tp_id=tp.id,
                    question_key=f"tp_point:{muscle.id}.{tp.id}",
                    topic=muscle.area,
                    detail=(
                        f"{answer} ({point.english}) lies about {link.cm:.1f} cm from the trigger point "
                        f"on the {link.nearest.view} view (pairs within {CORRESPONDING_CM:g} cm in the "
                        "same muscle count)."
                    ),
                    recall=len(answer) > MAX_OPTION_CHARS,
                    point=point.code,
                )
