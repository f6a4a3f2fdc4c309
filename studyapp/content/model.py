"""Frozen records for the muscle atlas.

The YAML files are the source of truth; these dataclasses are what the rest of the app sees, so a
record can be shared between the browser, the body chart and the quiz without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_VERSION = 2  # the content-file format this code writes; version 1 files are still read
ZONE_KINDS = ("essential", "spillover")
ZONE_SIDES = ("same", "opposite", "both")  # relative to the trigger point's side of the body


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
class ZoneOutline:
    """A zone drawn as a shape on one view: the SVG path as written plus its flattened polygon."""

    view: str
    path: str  # absolute SVG path commands (M, L, C, Z) in the view's units, for smooth drawing
    points: tuple[tuple[float, float], ...]  # the same outline flattened, for coverage and hit tests


@dataclass(frozen=True, slots=True)
class Zone:
    """One referral zone: essential or spillover, on which side, as regions and/or drawn outlines.

    `regions` holds every region id the zone covers: the ones listed in the file plus the ones an
    outline was computed to cover (`covered`), so region-based features need not know about shapes.
    """

    kind: str  # "essential" | "spillover"
    side: str = "same"  # "same" | "opposite" | "both", relative to the trigger point
    regions: tuple[str, ...] = ()
    outlines: tuple[ZoneOutline, ...] = ()
    covered: tuple[str, ...] = ()  # the part of `regions` computed from outlines

    @property
    def essential(self) -> bool:
        return self.kind == "essential"

    def body_sides(self, tp_side: str) -> frozenset[str]:
        """The patient's sides ("right"/"left") this zone lies on for a trigger point on `tp_side`."""
        other = "left" if tp_side == "right" else "right"
        return frozenset({"same": {tp_side}, "opposite": {other}, "both": {tp_side, other}}[self.side])

    def outline_on(self, view: str) -> ZoneOutline | None:
        return next((o for o in self.outlines if o.view == view), None)


@dataclass(frozen=True, slots=True)
class TriggerPoint:
    """`essential_zones`/`spillover_zones` are region ids on the trigger point's own side (zones
    whose side is `same` or `both`), as in schema version 1; `zones` holds every zone with its side.
    """

    id: str
    label: str
    location: str
    markers: tuple[Marker, ...]
    essential_zones: tuple[str, ...]
    spillover_zones: tuple[str, ...]
    symptoms: tuple[str, ...] = ()
    note: str = ""
    zones: tuple[Zone, ...] = ()

    @property
    def referral_zones(self) -> tuple[Zone, ...]:
        """Every zone; a trigger point built without `zones` (v1 style) gets its two lists as zones."""
        if self.zones:
            return self.zones
        plain = (
            Zone("essential", "same", self.essential_zones),
            Zone("spillover", "same", self.spillover_zones),
        )
        return tuple(z for z in plain if z.regions)

    def regions(self, kind: str, sides: tuple[str, ...] = ZONE_SIDES) -> tuple[str, ...]:
        """Region ids of the zones of one kind whose side is in `sides`, each once, in file order."""
        return tuple(
            dict.fromkeys(
                r for z in self.referral_zones if z.kind == kind and z.side in sides for r in z.regions
            )
        )

    @property
    def crosses_midline(self) -> bool:
        return any(z.side != "same" for z in self.zones)


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
class AuthoredQuestion:
    """A question written by a course author for a muscle (course packs add these)."""

    prompt: str
    answer: str


ROOT_KINDS = ("bundled", "course_pack", "user")
_KIND_WORDS = {"bundled": "bundled atlas", "course_pack": "course pack", "user": "your folder"}


@dataclass(frozen=True, slots=True)
class Root:
    """One content root: a folder with `muscles/<area>/*.yaml` (and optionally `bodychart/regions.yaml`
    and `i18n/`). `load_atlas` reads roots in order: bundled, then course packs, then the user's."""

    path: Path
    label: str
    kind: str = "bundled"  # one of ROOT_KINDS

    @property
    def ref(self) -> RootRef:
        return RootRef(self.label, self.kind)


@dataclass(frozen=True, slots=True)
class RootRef:
    """Which root a piece of content came from, as the detail pane names it."""

    label: str
    kind: str = "bundled"

    def describe(self) -> str:
        """ "from course pack: Dry Needling Level 1"."""
        return f"from {_KIND_WORDS.get(self.kind, self.kind)}: {self.label}"


BUNDLED = RootRef("studyapp", "bundled")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a muscle's content came from: the record's root, and every part a later root added or
    replaced, keyed like "origin", "notes:3", "trigger_points:tp5", "self_care:2", "acupoints:GB30"."""

    record: RootRef = BUNDLED
    parts: tuple[tuple[str, RootRef], ...] = ()
    files: tuple[str, ...] = ()  # every file that contributed, in load order

    def of(self, key: str) -> RootRef:
        """Root of one part ("notes:3"), else of its whole field ("notes"), else of the record."""
        parts = dict(self.parts)
        return parts.get(key) or parts.get(key.split(":", 1)[0]) or self.record

    def added_by(self, ref: RootRef) -> tuple[str, ...]:
        return tuple(k for k, r in self.parts if r == ref)


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
    questions: tuple[AuthoredQuestion, ...] = ()
    file: str = field(default="", compare=False)
    provenance: Provenance = field(default=Provenance(), compare=False)
    language: str = field(default="en", compare=False)  # language of the translatable text

    def all_zones(self) -> set[str]:
        zones: set[str] = set()
        for tp in self.trigger_points:
            zones.update(tp.essential_zones)
            zones.update(tp.spillover_zones)
            for zone in tp.referral_zones:
                zones.update(zone.regions)
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
    root: RootRef = field(default=RootRef("studyapp", "bundled"), compare=False)


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
    roots: tuple[RootRef, ...] = ()  # the content roots, in load order
    language: str = "en"

    def muscles_in_area(self, area: str) -> list[Muscle]:
        return [m for m in self.muscles.values() if m.area == area]

    def trigger_point_count(self) -> int:
        return sum(len(m.trigger_points) for m in self.muscles.values())
