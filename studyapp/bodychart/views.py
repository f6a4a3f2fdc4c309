"""Which views show a referral pattern, and which of them a picture of it is composed from.

A pattern is a set of pieces: one per (region, body side) its zones cover, plus one per trigger
point for its marker. Each piece weighs its area on the figure (the largest area any view draws
it with, close-ups scaled down to whole-body units, so the face does not outweigh the back), and a
view's *share* is the weighted part of the pieces it draws (a foreshortened region counts for the
part of its area the view shows). The composition rule, from issue #12:

- never open a view that shows less than 90 % of the pattern when another view shows more;
- head, hand and foot muscles (every trigger point lies on a part a close-up draws) open on their
  close-up when the close-up passes that rule, and otherwise get it as a second panel beside the
  whole-body view;
- a pattern no single view covers (one that wraps the body) gets the view that adds most of the
  rest beside the first (front and back, usually).

Pure core: no Qt. The browser, the quiz, exports and printing all ask `compose()`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from studyapp.bodychart.geometry import Geometry, ViewGeometry, load_geometry
from studyapp.content.model import Atlas, TriggerPoint

BODY_VIEWS = ("anterior", "posterior", "lateral")
CLOSE_UPS = ("head_front", "head_side", "hand_dorsal", "hand_palmar", "foot_dorsal", "foot_plantar")
OPEN_SHARE = 0.9  # a view showing at least this much of the pattern may always open
EXTRA_GAIN = 0.08  # a second view joins the picture when it adds at least this much of the pattern
MARKER_AREA = 400.0  # whole-body units²: a trigger point weighs about as much as a small region
MAX_VIEWS = 3
SIDES = ("right", "left", "both")

Piece = tuple[str, str]  # (region id or "tp:<id>", body side: "right" | "left" | "midline")


class PictureError(ValueError):
    """An unknown muscle, trigger point or side; the message names it and suggests a fix."""


@dataclass(frozen=True, slots=True)
class Composition:
    """The views of one picture, in order (the first is the one a browser opens), and every share."""

    muscle_id: str
    views: tuple[str, ...]
    shares: Mapping[str, float]
    coverage: float  # the part of the pattern the chosen views show together
    close_up_muscle: bool

    @property
    def first(self) -> str | None:
        return self.views[0] if self.views else None

    def may_open(self, view_id: str) -> bool:
        """Whether the rule lets this view open: it shows 90 % of the pattern, or no view shows more."""
        share = self.shares.get(view_id, 0.0)
        return share > 1e-9 and (share >= OPEN_SHARE - 1e-9 or share >= max(self.shares.values()) - 1e-9)

    def keeps(self, view_id: str) -> bool:
        """Whether a chart already on `view_id` may stay there (the student's choice is kept when the
        rule allows it; a close-up muscle still goes to its close-up)."""
        close_up_first = self.close_up_muscle and self.first in CLOSE_UPS
        return self.may_open(view_id) and (view_id in CLOSE_UPS or not close_up_first)


def _tp_sides(side: str) -> tuple[str, ...]:
    if side not in SIDES:
        raise PictureError(f"unknown side {side!r} (use right, left or both)")
    return ("right", "left") if side == "both" else (side,)


def _scale(geometry: Geometry, view: ViewGeometry) -> float:
    """Area factor from a view's units to whole-body units (1 for whole-body views)."""
    if view.id in BODY_VIEWS or not any(v in geometry.views for v in BODY_VIEWS):
        return 1.0
    ratios = []
    for region in view.region_ids():
        here = _area(view, region)
        body = max((_area(geometry[b], region) for b in BODY_VIEWS if b in geometry.views), default=0.0)
        if here > 0 and body > 0:
            ratios.append(body / here)
    return statistics.median(ratios) if ratios else 1.0 / 16


def _area(view: ViewGeometry, region: str, side: str | None = None) -> float:
    """Area of a region on one view; with `side`, only the polygons of that body side (or midline)."""
    shapes = view.shapes_of(region)
    if side is None:
        by_side: dict[str, float] = {}
        for shape in shapes:
            by_side[shape.side] = by_side.get(shape.side, 0.0) + shape.area
        return max(by_side.values(), default=0.0)  # one side's drawing: both halves show the same
    if view.one_sided:
        return sum(s.area for s in shapes if s.side in ("right", "midline"))
    return sum(s.area for s in shapes if s.side in (side, "midline"))


@dataclass(frozen=True, slots=True)
class _Areas:
    """Per view, the area (whole-body units) a piece is drawn with; computed once per geometry."""

    geometry: Geometry
    scales: Mapping[str, float]

    def on(self, view_id: str, piece: Piece) -> float:
        region, side = piece
        return _area(self.geometry[view_id], region, side) * self.scales[view_id]


_AREAS: dict[int, _Areas] = {}


def _areas(geometry: Geometry) -> _Areas:
    """Scales per geometry, kept (with the geometry, so its id stays unique) for the next picture."""
    found = _AREAS.get(id(geometry))
    if found is None or found.geometry is not geometry:
        found = _Areas(geometry, {v: _scale(geometry, geometry[v]) for v in geometry.views})
        _AREAS[id(geometry)] = found
    return found


def area_scales(geometry: Geometry) -> Mapping[str, float]:
    """Per view, the factor from its units² to whole-body units² (close-ups are drawn larger)."""
    return _areas(geometry).scales


def pattern_pieces(atlas: Atlas, trigger_points: Iterable[TriggerPoint], side: str) -> set[Piece]:
    """The (region, body side) pieces the trigger points' zones cover when shown on `side`."""
    pieces: set[Piece] = set()
    for tp_side in _tp_sides(side):
        for tp in trigger_points:
            for zone in tp.referral_zones:
                for body_side in zone.body_sides(tp_side):
                    for region in zone.regions:
                        midline = (
                            atlas.regions.get(region) is not None and atlas.regions[region].side == "midline"
                        )
                        pieces.add((region, "midline" if midline else body_side))
    return pieces


def view_shares(
    atlas: Atlas,
    muscle_id: str,
    *,
    tp_id: str | None = None,
    side: str = "right",
    geometry: Geometry | None = None,
) -> dict[str, float]:
    """Each drawn view's share (0..1) of the pattern's area: a muscle's, or one trigger point's."""
    shares, _weights = _shares_and_parts(atlas, muscle_id, tp_id, side, geometry or default_geometry())
    return {v: round(sum(parts.values()), 6) for v, parts in shares.items()}


def _trigger_points(atlas: Atlas, muscle_id: str, tp_id: str | None) -> tuple[TriggerPoint, ...]:
    muscle = atlas.muscles.get(muscle_id)
    if muscle is None:
        raise PictureError(f"unknown muscle id {muscle_id!r}")
    if tp_id is None:
        return muscle.trigger_points
    found = tuple(tp for tp in muscle.trigger_points if tp.id == tp_id)
    if not found:
        ids = ", ".join(tp.id for tp in muscle.trigger_points) or "none"
        raise PictureError(f"{muscle_id} has no trigger point {tp_id!r} (it has: {ids})")
    return found


def _shares_and_parts(
    atlas: Atlas, muscle_id: str, tp_id: str | None, side: str, geometry: Geometry
) -> tuple[dict[str, dict[Piece, float]], float]:
    """Per view, each piece's weighted visible part (summing to the view's share); total weight."""
    tps = _trigger_points(atlas, muscle_id, tp_id)
    areas = _areas(geometry)
    pieces = pattern_pieces(atlas, tps, side)
    views = [v for v in atlas.views if v in geometry.views] or list(geometry.views)
    drawn = {p: {v: areas.on(v, p) for v in views} for p in pieces}
    weight = {p: max(drawn[p].values(), default=0.0) for p in pieces}
    markers = {(f"tp:{tp.id}", "marker"): _marker_views(geometry, tp, views) for tp in tps}
    for piece, on in markers.items():
        if on:
            drawn[piece] = on
            weight[piece] = MARKER_AREA
    total = sum(w for w in weight.values() if w > 0)
    parts: dict[str, dict[Piece, float]] = {v: {} for v in views}
    if total <= 0:
        return parts, 0.0
    for piece, w in weight.items():
        if w <= 0:
            continue
        for v in views:
            seen = drawn[piece].get(v, 0.0)
            if seen > 0:
                parts[v][piece] = min(1.0, seen / w) * w / total
    return parts, total


def _marker_views(geometry: Geometry, tp: TriggerPoint, views: list[str]) -> dict[str, float]:
    """Views that show a trigger point: the ones with its marker, and the ones that draw the region
    under a marker (a thumb point placed on the hand close-up is also on the whole-body front)."""
    found = {m.view: MARKER_AREA for m in tp.markers if m.view in views}
    for marker in tp.markers:
        if marker.view not in geometry.views:
            continue
        under = geometry[marker.view].region_at(marker.x, marker.y)
        if under is None:
            continue
        for v in views:
            if v not in found and geometry[v].shapes_of(under[0]):
                found[v] = MARKER_AREA
    return found


def compose(
    atlas: Atlas,
    muscle_id: str,
    *,
    tp_id: str | None = None,
    side: str = "right",
    geometry: Geometry | None = None,
) -> Composition:
    """The views a picture of this pattern is made of (see the module docstring for the rule)."""
    geometry = geometry or default_geometry()
    parts, _total = _shares_and_parts(atlas, muscle_id, tp_id, side, geometry)
    shares = {v: sum(p.values()) for v, p in parts.items()}
    order = list(parts)
    if not any(s > 1e-9 for s in shares.values()):
        return Composition(muscle_id, (), shares, 0.0, False)
    top = max(shares.values())

    def rank(v: str) -> tuple[float, int]:
        return (-shares[v], order.index(v))

    may_open = [v for v in order if shares[v] >= OPEN_SHARE - 1e-9 or shares[v] >= top - 1e-9]
    may_open = [v for v in may_open if shares[v] > 1e-9]
    close = [v for v in order if v in CLOSE_UPS and shares[v] > 0]
    best_close = min(close, key=rank) if close else None
    close_up_muscle = best_close is not None and _lies_on_close_up(atlas, muscle_id, tp_id, geometry, order)
    if close_up_muscle and best_close in may_open:
        first = best_close
    else:
        # A whole-body view first when it may open: it places the pattern on the person.
        body = [v for v in may_open if v not in CLOSE_UPS]
        first = min(body or may_open, key=rank)
    chosen = [first]
    if close_up_muscle and best_close is not None and best_close not in chosen:
        chosen.append(best_close)
    while len(chosen) < MAX_VIEWS:
        covered = _union(parts, chosen)
        gains = {v: _union(parts, [*chosen, v]) - covered for v in order if v not in chosen}
        extra = min(gains, key=lambda v: (-gains[v], order.index(v)), default=None)
        if extra is None or gains[extra] < EXTRA_GAIN:
            break
        chosen.append(extra)
    return Composition(muscle_id, tuple(chosen), shares, _union(parts, chosen), close_up_muscle)


def _lies_on_close_up(
    atlas: Atlas, muscle_id: str, tp_id: str | None, geometry: Geometry, views: list[str]
) -> bool:
    """A head, hand or foot muscle: every trigger point of it lies on a part a close-up draws."""
    tps = _trigger_points(atlas, muscle_id, tp_id)
    return bool(tps) and all(any(v in CLOSE_UPS for v in _marker_views(geometry, tp, views)) for tp in tps)


def opening_view(
    atlas: Atlas,
    muscle_id: str,
    *,
    tp_id: str | None = None,
    side: str = "right",
    drawn: Iterable[str] | None = None,
    geometry: Geometry | None = None,
) -> str | None:
    """The one view a single-view chart (the quiz card, the browser) opens for a pattern: the
    picture's first view, among `drawn` views when given; None for an unknown muscle or no pattern."""
    try:
        composition = compose(atlas, muscle_id, tp_id=tp_id, side=side, geometry=geometry)
    except PictureError:
        return None
    allowed = set(drawn) if drawn is not None else set(composition.shares)
    first = next((v for v in composition.views if v in allowed), None)
    if first is not None:
        return first
    shares = {v: s for v, s in composition.shares.items() if v in allowed and s > 0}
    return max(shares, key=lambda v: shares[v]) if shares else None


def _union(parts: Mapping[str, Mapping[Piece, float]], views: Iterable[str]) -> float:
    best: dict[Piece, float] = {}
    for v in views:
        for piece, part in parts[v].items():
            best[piece] = max(best.get(piece, 0.0), part)
    return sum(best.values())


@cache
def default_geometry() -> Geometry:
    return load_geometry()


def geometry_of(views: Mapping[str, ViewGeometry]) -> Geometry:
    """A Geometry over views the caller already holds (the UI's drawings), so both share one figure."""
    return Geometry(MappingProxyType(dict(views)))
