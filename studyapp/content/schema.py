"""The muscle-file schema, declared as data.

One table drives validation, the documentation check and the coverage report, so adding a field
means adding one line here rather than touching three places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["str", "number", "bool", "str_list", "map", "map_list", "number_pair_map", "str_map"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: Kind
    required: bool = False
    fields: dict[str, FieldSpec] | None = None  # for "map" and "map_list"
    help: str = ""


def _s(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str", required, help=help)


def _sl(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str_list", required, help=help)


ACTION = {
    "movement": _s(True, "e.g. abduction"),
    "joint": _s(True, "e.g. hip"),
    "note": _s(),
}
INNERVATION = {
    "nerve": _s(True),
    "roots": _sl(True, "spinal roots such as L4, L5, S1"),
    "note": _s(),
}
SCHEMA_FIELD = FieldSpec("number", False, help="content format version: 2 (files without it are version 1)")
ZONE = {
    "kind": _s(True, "essential or spillover"),
    "side": _s(False, "same (default), opposite or both: relative to the trigger point"),
    "regions": _sl(False, "region ids; optional when an outline is given"),
    "outline": FieldSpec("str_map", False, help="view id -> closed SVG path in that view's units"),
}
TRIGGER_POINT = {
    "id": _s(True, "unique within the muscle, e.g. tp1"),
    "label": _s(True),
    "location": _s(True),
    "markers": FieldSpec("number_pair_map", True, help="view id -> [x, y] in that view's units"),
    "essential_zones": _sl(False, "region ids on the trigger point's side"),
    "spillover_zones": _sl(False, "region ids on the trigger point's side"),
    "zones": FieldSpec("map_list", False, ZONE, help="zones with a side and/or a drawn outline"),
    "symptoms": _sl(),
    "note": _s(),
}
NEEDLING = {
    "patient_position": _s(True),
    "direction": _s(True),
    "needle": _s(True, "length and gauge"),
    "depth": _s(True),
    "structures_to_avoid": _sl(True),
    "cautions": _s(),
}
EXERCISE = {"name": _s(True), "instructions": _s(True), "dosage": _s()}
ACUPOINT = {"code": _s(True, "WHO standard code, e.g. GB30"), "name": _s(True), "note": _s()}
SOURCE = {"id": _s(True), "citation": _s(True, "full reference")}
QUESTION = {"prompt": _s(True), "answer": _s(True)}

MUSCLE: dict[str, FieldSpec] = {
    "schema": SCHEMA_FIELD,
    "id": _s(True, "lower_snake_case, unique across the atlas"),
    "name": _s(True),
    "latin_name": _s(True, "Terminologia Anatomica name"),
    "aliases": _sl(),
    "area": _s(True, "body area id; must match the folder"),
    "group": _s(True),
    "origin": _s(True),
    "insertion": _s(True),
    "actions": FieldSpec("map_list", True, ACTION),
    "action_notes": _s(),
    "innervation": FieldSpec("map", True, INNERVATION),
    "blood_supply": _s(True),
    "synergists": _sl(help="muscle ids"),
    "antagonists": _sl(help="muscle ids"),
    "associated_muscles": _sl(help="muscle ids"),
    "trigger_points": FieldSpec("map_list", True, TRIGGER_POINT),
    "perpetuating_factors": _sl(),
    "differential_diagnosis": _sl(),
    "palpation": _s(),
    "needling": FieldSpec("map", False, NEEDLING),
    "self_care": FieldSpec("map_list", False, EXERCISE),
    "acupoints": FieldSpec("map_list", False, ACUPOINT),
    "sources": FieldSpec("map_list", True, SOURCE),
    "notes": _sl(help="disagreements between references and other remarks"),
    "questions": FieldSpec("map_list", False, QUESTION, help="questions written by a course author"),
}

# Fields a later root may add to a bundled muscle with `extends:` (appended after the bundled items).
EXTENDABLE = (
    "aliases",
    "trigger_points",
    "notes",
    "acupoints",
    "self_care",
    "questions",
    "sources",
    "perpetuating_factors",
    "differential_diagnosis",
)
# Fields an `extends:` record may never replace: they identify the record.
NOT_REPLACEABLE = ("schema", "id", "area")
EXTENSION: dict[str, FieldSpec] = {
    "schema": SCHEMA_FIELD,
    "extends": _s(True, "id of the muscle this record extends"),
    "replaces": _sl(help="fields whose value replaces the earlier root's instead of adding to it"),
    **{
        name: FieldSpec(spec.kind, False, spec.fields, spec.help)
        for name, spec in MUSCLE.items()
        if name not in NOT_REPLACEABLE
    },
}

AREA = {"id": _s(True), "label": _s(True)}
VIEW = {
    "id": _s(True),
    "label": _s(True),
    "width": FieldSpec("number", True),
    "height": FieldSpec("number", True),
}
REGION = {
    "id": _s(True),
    "label": _s(True),
    "view": _s(True),
    "side": _s(True, "bilateral or midline"),
    "parent": _s(True, "body area id"),
    "also_in": _sl(),
}
