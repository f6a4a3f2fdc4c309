"""Frozen records for the muscle atlas.

The YAML files are the source of truth; these dataclasses are what the rest of the app sees, so a
record can be shared between the browser, the body chart and the quiz without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Action:
    """One movement at one joint, so cards and filters can ask "which muscles abduct the hip"."""

    movement: str
    joint: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.joint} {self.movement}".strip()


@dataclass(frozen=True, slots=True)
class Innervation:
    nerve: str
    roots: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Marker:
    """Where a trigger point sits on one body-chart view, in that view's own units."""

    view: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class TriggerPoint:
    id: str
    label: str
    location: str
    markers: tuple[Marker, ...]
    essential_zones: tuple[str, ...]
    spillover_zones: tuple[str, ...]
    symptoms: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Needling:
    """What a practitioner must know before putting a needle in: where, which way, what not to hit."""

    patient_position: str
    direction: str
    needle: str
    depth: str
    structures_to_avoid: tuple[str, ...]
    cautions: str = ""


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    instructions: str
    dosage: str = ""


@dataclass(frozen=True, slots=True)
class Acupoint:
    code: str
    name: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    citation: str


@dataclass(frozen=True, slots=True)
class Muscle:
    id: str
    name: str
    latin_name: str
    area: str
    group: str
    origin: str
    insertion: str
    actions: tuple[Action, ...]
    action_notes: str
    innervation: Innervation
    blood_supply: str
    trigger_points: tuple[TriggerPoint, ...]
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    synergists: tuple[str, ...] = ()
    antagonists: tuple[str, ...] = ()
    associated_muscles: tuple[str, ...] = ()
    perpetuating_factors: tuple[str, ...] = ()
    differential_diagnosis: tuple[str, ...] = ()
    palpation: str = ""
    needling: Needling | None = None
    self_care: tuple[Exercise, ...] = ()
    acupoints: tuple[Acupoint, ...] = ()
    notes: tuple[str, ...] = ()
    file: str = field(default="", compare=False)

    def all_zones(self) -> set[str]:
        zones: set[str] = set()
        for tp in self.trigger_points:
            zones.update(tp.essential_zones)
            zones.update(tp.spillover_zones)
        return zones


@dataclass(frozen=True, slots=True)
class View:
    """A drawing of the body (whole figure or close-up) with its own coordinate box."""

    id: str
    label: str
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    label: str
    view: str
    side: str  # "bilateral" (drawn left and right) or "midline"; content names one side only
    parent: str
    also_in: tuple[str, ...] = ()  # further views that draw the same region


@dataclass(frozen=True, slots=True)
class BodyArea:
    id: str
    label: str
    order: int


@dataclass(frozen=True, slots=True)
class Atlas:
    """Everything loaded and cross-checked: muscles by id, regions by id, in display order."""

    muscles: dict[str, Muscle]
    regions: dict[str, Region]
    views: dict[str, View]
    areas: dict[str, BodyArea]

    def muscles_in_area(self, area: str) -> list[Muscle]:
        return [m for m in self.muscles.values() if m.area == area]

    def trigger_point_count(self) -> int:
        return sum(len(m.trigger_points) for m in self.muscles.values())
