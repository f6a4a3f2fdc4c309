"""Short answers from descriptive text: the head of a phrase, a structure's name, where it lies.

The atlas describes structures in sentences ("Sciatic nerve, which normally emerges below the
inferior border of piriformis; ..."); an atomic card needs the name as its answer and the rest as
its clue. These helpers are heuristics over English anatomical prose, kept apart from the card table
so they can be tested and improved on their own.
"""

from __future__ import annotations

import re

MAX_OPTION_CHARS = 90  # longer answers are recall cards: a choice option must read at a glance


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def short_form(text: str, limit: int = MAX_OPTION_CHARS) -> str:
    """The head of a descriptive phrase when the whole is too long to be an option ("" if none).

    "Sciatic nerve, which normally emerges below ...; in more than one ..." -> "Sciatic nerve".
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    for pattern in (r";", r"\s\(", r",\s*which\b", r"\sif\s", r",", r"\s(?:which|that|where|when)\s"):
        head = re.split(pattern, text, maxsplit=1)[0].strip(" ,.")
        if 0 < len(head) <= limit:
            return head
    return ""


def without_brackets(text: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", "", text).split())


_PLACE_WORDS = (
    r"at|near|on|in|along|beside|between|behind|below|above|under|over|within|through|across|beyond|"
    r"crossing|crossed|passing|running|leaving|piercing|entering|emerging|lying|winding|nearby|runs|lies|"
    r"close|just|low|high|higher|if|when|where|which|that|from|around|against|toward|towards|distally|proximally|"
    r"medially|laterally|superficially|deeply|(?:deep|medial|lateral|superficial|anterior|posterior) to"
)
# Where a description of a structure stops naming it and starts saying where it lies.
_LOCATION = re.compile(rf"\s(?:{_PLACE_WORDS})(?=[\s,]|$)", re.IGNORECASE)
_STARTS_WITH_PLACE = re.compile(rf"^(?:{_PLACE_WORDS}|medial|lateral|deep|superficial)\b", re.IGNORECASE)
# Words that make a phrase name a structure; "Glossopharyngeal," alone is the start of a list.
_STRUCTURE_NOUN = re.compile(
    r"\b(?:nerves?|arter(?:y|ies)|veins?|vessels?|plexus|branch(?:es)?|bundle|ducts?|glands?|bursae?|"
    r"tendons?|sheaths?|capsule|joints?|lungs?|pleura|canal|cord|sac|cavity|space|fossa|mucosa|tissue|"
    r"bladder|bowel|kidney|liver|spleen|heart|uterus|pericardium|peritoneum|periosteum|bone|rectum|"
    r"implants?|retinaculum|arch|recess|sinus|eye|membrane|medulla|trachea|oesophagus|thyroid|pharynx)\b",
    re.IGNORECASE,
)


def structure_name(item: str) -> str:
    """The structure a "structures to avoid" item names, without where it lies.

    "Sciatic nerve, which normally emerges below ...; in more than one ..." -> "Sciatic nerve";
    "Popliteal vessels and tibial nerve passing under the soleal arch" -> "Popliteal vessels and
    tibial nerve"; "Glossopharyngeal, vagus and hypoglossal nerves crossing ..." keeps its list.
    """
    first = without_brackets(item).split(";", 1)[0]
    head = _LOCATION.split(first, maxsplit=1)[0]
    before_comma = head.split(",", 1)[0]
    if _STRUCTURE_NOUN.search(before_comma):
        head = before_comma  # "Superior gluteal nerve, artery and veins": the first structure named
    head = re.sub(r"\s+(?:and|and the|the|of|of the)$", "", head.strip(" ,."))
    if len(head) < 3 or len(head) > MAX_OPTION_CHARS:
        head = short_form(first)
    return head


def where_it_lies(item: str, name: str, limit: int = 100) -> str:
    """What a "structures to avoid" item says after the structure's name: the clue of the question.

    "Sciatic nerve, which normally emerges below the inferior border of piriformis; ..." ->
    "normally emerges below the inferior border of piriformis".
    """
    first = without_brackets(item).split(";", 1)[0]
    if not first.casefold().startswith(name.casefold()):
        return ""
    rest = first[len(name) :].strip(" ,.")
    if not _STARTS_WITH_PLACE.match(rest):
        return ""  # the rest continues a list of structures, not where they lie
    rest = re.sub(r"^(?:which|that)\s+", "", rest)
    if len(rest) > limit:
        rest = rest[:limit].rsplit(" ", 1)[0] + "…"
    return rest
