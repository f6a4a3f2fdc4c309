"""The muscle-file schema, declared as data.

One table drives validation, the documentation check and the coverage report, so adding a field
means adding one line here rather than touching three places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["str", "number", "str_list", "map", "map_list", "number_pair_map"]


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
TRIGGER_POINT = {
    "id": _s(True, "unique within the muscle, e.g. tp1"),
    "label": _s(True),
    "location": _s(True),
    "markers": FieldSpec("number_pair_map", True, help="view id -> [x, y] in that view's units"),
    "essential_zones": _sl(True, "region ids"),
    "spillover_zones": _sl(False, "region ids"),
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

MUSCLE: dict[str, FieldSpec] = {
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
