"""What the body chart shows on top of the figure: which muscles, which trigger points, which side.

Plain Python so the rules (colours, mirroring, what is drawn where) are tested without Qt; the
chart widget subscribes and redraws from `zones()`, `markers()` and `panels()`.

Content describes the patient's RIGHT side. The left side is the mirror image: on views that draw
both halves of the body (anterior, posterior, head front) the left zones are the left-hand
polygons and markers are mirrored about the vertical midline; views that show one side only
(lateral, head side, hand, foot) are drawn mirrored as a whole to show the left side.

Zones carry a side relative to their trigger point (`same`, `opposite`, `both`): with the right-side
pattern shown, an `opposite` zone is drawn on the left polygons and a `both` zone on both, and a
one-sided view gains the other side's drawing when a shown zone reaches it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from studyapp.content.model import Atlas, Muscle, TriggerPoint

# Okabe & Ito's colour-blind-safe palette; black is left out because it vanishes in a dark theme,
# and yellow comes last because it is the weakest on a light figure.
OKABE_ITO: dict[str, str] = {
    "vermillion": "#D55E00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "orange": "#E69F00",
    "blue": "#0072B2",
    "reddish purple": "#CC79A7",
    "yellow": "#F0E442",
}
PALETTE: tuple[str, ...] = tuple(OKABE_ITO.values())
SINGLE_COLOUR = OKABE_ITO["vermillion"]  # the red students know from trigger-point charts
# Hatch angles per compared muscle, so overlapping spillover zones stay apart without colour.
HATCH_ANGLES: tuple[int, ...] = (45, -45, 0, 90, 30, -60, 60)
PANEL_GAP = 40.0  # view units between the right and left drawings of a one-sided view
MIN_OPACITY = 0.15


class Side(StrEnum):
    RIGHT = "right"
    LEFT = "left"
    BOTH = "both"


class Change(StrEnum):
    """What changed, so a view can do the least work (opacity needs no rebuild)."""

    MUSCLES = "muscles"
    VISIBILITY = "visibility"
    SIDE = "side"
    OPACITY = "opacity"


@dataclass(frozen=True, slots=True)
class ShownMuscle:
    muscle: Muscle
    colour: str
    hatch_angle: int
    hidden_tps: frozenset[str] = frozenset()

    def visible_tps(self) -> list[str]:
        return [tp.id for tp in self.muscle.trigger_points if tp.id not in self.hidden_tps]


@dataclass(frozen=True, slots=True)
class Panel:
    """One drawing of a view: scene x = offset + (width - x if mirrored else x)."""

    side_label: str  # "" when the view shows both halves of the body in one drawing
    mirrored: bool
    offset: float
    draw_sides: frozenset[str]  # which geometry polygons (by their `side`) this panel fills
    body_side: str = ""  # one-sided views: the patient's side this drawing shows ("right"/"left")


@dataclass(frozen=True, slots=True)
class ZoneMark:
    region: str
    essential: bool
    muscle_id: str
    tp_id: str
    tp_label: str
    colour: str
    hatch_angle: int
    side: str = "same"  # the zone's side relative to the trigger point
    outlined_views: frozenset[str] = frozenset()  # views where the zone is drawn as its outline


@dataclass(frozen=True, slots=True)
class OutlineMark:
    """A zone drawn as its own outline on one view (content coordinates: the patient's right side)."""

    view: str
    path: str  # absolute SVG commands (M, L, C, Z)
    points: tuple[tuple[float, float], ...]
    essential: bool
    muscle_id: str
    tp_id: str
    tp_label: str
    colour: str
    hatch_angle: int
    side: str = "same"


@dataclass(frozen=True, slots=True)
class MarkerMark:
    muscle_id: str
    tp_id: str
    tp_label: str
    colour: str
    x: float  # scene units (after mirroring and panel offset)
    y: float
    side: str  # "right" or "left"


@dataclass(slots=True)
class OverlayModel:
    """The overlay state with a tiny observer list; every setter notifies only on a real change."""

    atlas: Atlas
    _shown: list[ShownMuscle] = field(default_factory=list, init=False)
    _side: Side = field(default=Side.RIGHT, init=False)
    _opacity: float = field(default=0.85, init=False)
    _listeners: list[Callable[[Change], None]] = field(default_factory=list, init=False, repr=False)

    # -- observers ---------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call `callback(change)` after each change; returns a function that unsubscribes."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _emit(self, change: Change) -> None:
        for callback in list(self._listeners):
            callback(change)

    # -- muscles ------------------------------------------------------------------------------------
    @property
    def shown(self) -> tuple[ShownMuscle, ...]:
        return tuple(self._shown)

    def shown_ids(self) -> list[str]:
        return [s.muscle.id for s in self._shown]

    def show(self, muscle_id: str) -> None:
        """Show one muscle's pattern alone (the usual case: a student picked a muscle)."""
        if self.shown_ids() == [muscle_id] and not self._shown[0].hidden_tps:
            return
        self._shown = [self._styled(self._muscle(muscle_id), [])]
        self._emit(Change.MUSCLES)

    def set_muscles(self, muscle_ids: list[str]) -> None:
        """Show several muscles to compare; ones already shown keep their colour and toggles."""
        ids = list(dict.fromkeys(muscle_ids))
        if ids == self.shown_ids():
            return
        kept = {s.muscle.id: s for s in self._shown if s.muscle.id in ids}
        new: list[ShownMuscle] = [kept[mid] for mid in ids if mid in kept]
        for mid in ids:
            if mid not in kept:
                new.append(self._styled(self._muscle(mid), new))
        order = {mid: i for i, mid in enumerate(ids)}
        new.sort(key=lambda s: order[s.muscle.id])
        self._shown = new
        self._emit(Change.MUSCLES)

    def add(self, muscle_id: str) -> None:
        if muscle_id not in self.shown_ids():
            self.set_muscles([*self.shown_ids(), muscle_id])

    def remove(self, muscle_id: str) -> None:
        if muscle_id in self.shown_ids():
            self.set_muscles([mid for mid in self.shown_ids() if mid != muscle_id])

    def clear(self) -> None:
        self.set_muscles([])

    def colour_of(self, muscle_id: str) -> str | None:
        return next((s.colour for s in self._shown if s.muscle.id == muscle_id), None)

    def _muscle(self, muscle_id: str) -> Muscle:
        try:
            return self.atlas.muscles[muscle_id]
        except KeyError:
            raise KeyError(f"unknown muscle id '{muscle_id}'") from None

    def _styled(self, muscle: Muscle, others: list[ShownMuscle]) -> ShownMuscle:
        used_colours = {s.colour for s in others}
        used_angles = {s.hatch_angle for s in others}
        colour = next((c for c in PALETTE if c not in used_colours), PALETTE[len(others) % len(PALETTE)])
        angle = next((a for a in HATCH_ANGLES if a not in used_angles), HATCH_ANGLES[0])
        return ShownMuscle(muscle, colour, angle)

    # -- trigger points -----------------------------------------------------------------------------
    def is_tp_visible(self, muscle_id: str, tp_id: str) -> bool:
        shown = next((s for s in self._shown if s.muscle.id == muscle_id), None)
        return shown is not None and tp_id not in shown.hidden_tps

    def set_tp_visible(self, muscle_id: str, tp_id: str, visible: bool) -> None:
        for i, shown in enumerate(self._shown):
            if shown.muscle.id != muscle_id:
                continue
            if tp_id not in {tp.id for tp in shown.muscle.trigger_points}:
                raise KeyError(f"'{muscle_id}' has no trigger point '{tp_id}'")
            hidden = shown.hidden_tps - {tp_id} if visible else shown.hidden_tps | {tp_id}
            if hidden != shown.hidden_tps:
                self._shown[i] = ShownMuscle(shown.muscle, shown.colour, shown.hatch_angle, frozenset(hidden))
                self._emit(Change.VISIBILITY)
            return
        raise KeyError(f"'{muscle_id}' is not shown")

    def show_only_tp(self, muscle_id: str, tp_id: str) -> None:
        """Charts show one trigger point's pattern at a time; this is that view."""
        for i, shown in enumerate(self._shown):
            if shown.muscle.id == muscle_id:
                hidden = frozenset(tp.id for tp in shown.muscle.trigger_points if tp.id != tp_id)
                if hidden != shown.hidden_tps:
                    self._shown[i] = ShownMuscle(shown.muscle, shown.colour, shown.hatch_angle, hidden)
                    self._emit(Change.VISIBILITY)
                return
        raise KeyError(f"'{muscle_id}' is not shown")

    # -- side and opacity ---------------------------------------------------------------------------
    @property
    def side(self) -> Side:
        return self._side

    def set_side(self, side: Side | str) -> None:
        side = Side(side)
        if side != self._side:
            self._side = side
            self._emit(Change.SIDE)

    @property
    def opacity(self) -> float:
        return self._opacity

    def set_opacity(self, opacity: float) -> None:
        opacity = min(1.0, max(MIN_OPACITY, float(opacity)))
        if abs(opacity - self._opacity) > 1e-9:
            self._opacity = opacity
            self._emit(Change.OPACITY)

    # -- what to draw -------------------------------------------------------------------------------
    def tp_sides(self) -> frozenset[str]:
        """The patient's sides whose trigger points are shown in the current side mode."""
        return {
            Side.RIGHT: frozenset({"right"}),
            Side.LEFT: frozenset({"left"}),
            Side.BOTH: frozenset({"right", "left"}),
        }[self._side]

    def body_sides(self, zone_side: str) -> frozenset[str]:
        """The patient's sides a zone (`same`/`opposite`/`both`) lies on in the current side mode."""
        found: set[str] = set()
        for tp_side in self.tp_sides():
            other = "left" if tp_side == "right" else "right"
            found |= {"same": {tp_side}, "opposite": {other}}.get(zone_side, {tp_side, other})
        return frozenset(found)

    def fill_sides(self, zone: ZoneMark | OutlineMark, panel: Panel) -> frozenset[str]:
        """Which geometry polygons (by their `side`) a zone fills in one drawing of a view."""
        sides = self.body_sides(zone.side)
        if panel.body_side:
            return panel.draw_sides if panel.body_side in sides else frozenset()
        return frozenset({*sides, "midline"})

    def panels(self, view_id: str, one_sided: bool) -> tuple[Panel, ...]:
        """The drawings a view needs for the current side mode and the zones shown.

        `one_sided` views (the geometry draws only the right half, e.g. lateral) are mirrored as a
        whole for the left side, and drawn twice, side by side, when both sides are needed: both
        side modes, or a shown zone that reaches the other side on this view.
        """
        if not one_sided:
            sides = {Side.RIGHT: {"right"}, Side.LEFT: {"left"}, Side.BOTH: {"right", "left"}}[self._side]
            return (Panel("", False, 0.0, frozenset({*sides, "midline"})),)
        width = self._width(view_id)
        every = frozenset({"right", "left", "midline"})
        needed = self.tp_sides() | self._zone_sides_on(view_id)
        if needed == {"right"}:
            return (Panel("Right", False, 0.0, every, "right"),)
        if needed == {"left"}:
            return (Panel("Left", True, 0.0, every, "left"),)
        return (
            Panel("Right", False, 0.0, every, "right"),
            Panel("Left", True, width + PANEL_GAP, every, "left"),
        )

    def _zone_sides_on(self, view_id: str) -> frozenset[str]:
        """Body sides reached by shown zones that cross the midline and are drawn on `view_id`."""
        found: set[str] = set()
        for zone in self.zones():
            if zone.side == "same":
                continue
            region = self.atlas.regions.get(zone.region)
            if region is not None and view_id in (region.view, *region.also_in):
                found |= self.body_sides(zone.side)
        return frozenset(found)

    def scene_width(self, view_id: str, one_sided: bool) -> float:
        return self.panels(view_id, one_sided)[-1].offset + self._width(view_id)

    def _visible_tps(self) -> Iterator[tuple[ShownMuscle, TriggerPoint]]:
        """Every shown muscle's trigger points that the student has not switched off."""
        for shown in self._shown:
            for tp in shown.muscle.trigger_points:
                if tp.id not in shown.hidden_tps:
                    yield shown, tp

    def zones(self) -> list[ZoneMark]:
        """Zones of every visible trigger point: spillover first, so essential zones paint on top."""
        marks: list[ZoneMark] = []
        for shown, tp in self._visible_tps():
            for zone in tp.referral_zones:
                outlined = frozenset(o.view for o in zone.outlines)
                marks.extend(
                    ZoneMark(
                        rid,
                        zone.essential,
                        shown.muscle.id,
                        tp.id,
                        tp.label,
                        shown.colour,
                        shown.hatch_angle,
                        zone.side,
                        outlined,
                    )
                    for rid in zone.regions
                )
        marks.sort(key=lambda z: z.essential)
        return marks

    def outlines(self, view_id: str) -> list[OutlineMark]:
        """Zones drawn as outlines on `view_id`, spillover first (like `zones()`)."""
        marks: list[OutlineMark] = []
        for shown, tp in self._visible_tps():
            for zone in tp.referral_zones:
                drawn = zone.outline_on(view_id)
                if drawn is not None:
                    marks.append(
                        OutlineMark(
                            view_id,
                            drawn.path,
                            drawn.points,
                            zone.essential,
                            shown.muscle.id,
                            tp.id,
                            tp.label,
                            shown.colour,
                            shown.hatch_angle,
                            zone.side,
                        )
                    )
        marks.sort(key=lambda z: z.essential)
        return marks

    def markers(self, view_id: str, one_sided: bool) -> list[MarkerMark]:
        width = self._width(view_id)
        panels = self.panels(view_id, one_sided) if one_sided else ()
        marks: list[MarkerMark] = []
        for shown, tp in self._visible_tps():
            for marker in tp.markers:
                if marker.view != view_id:
                    continue
                for x, side in self._marker_xs(panels, marker.x, width, one_sided):
                    marks.append(
                        MarkerMark(shown.muscle.id, tp.id, tp.label, shown.colour, x, marker.y, side)
                    )
        return marks

    def _marker_xs(
        self, panels: tuple[Panel, ...], x: float, width: float, one_sided: bool
    ) -> list[tuple[float, str]]:
        if one_sided:
            return [
                (p.offset + (width - x if p.mirrored else x), "left" if p.mirrored else "right")
                for p in panels
                if p.body_side in self.tp_sides()  # no marker where only a crossed zone is drawn
            ]
        found = []
        if self._side in (Side.RIGHT, Side.BOTH):
            found.append((x, "right"))
        if self._side in (Side.LEFT, Side.BOTH):
            found.append((width - x, "left"))
        return found

    def views_with_zones(self) -> list[str]:
        """View ids that draw at least one visible zone, most zones first: where to look."""
        counts: dict[str, int] = {}
        for zone in self.zones():
            region = self.atlas.regions.get(zone.region)
            if region is None:
                continue
            for view in (region.view, *region.also_in):
                counts[view] = counts.get(view, 0) + 1
        order = list(self.atlas.views)
        return sorted(counts, key=lambda v: (-counts[v], order.index(v) if v in order else 99))

    def _width(self, view_id: str) -> float:
        view = self.atlas.views.get(view_id)
        return view.width if view else 400.0
