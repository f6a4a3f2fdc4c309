"""Referral zones drawn as the trigger-point manuals draw them: smooth shapes, not region cells.

A zone's regions are a set of polygons that tile the figure; painted as they are they read as a
grid (straight cell edges, white holes where a small landmark region is not part of the zone).
Here the regions of one trigger point's zone are joined, holes inside the union are filled, and
the outer boundary is resampled and smoothed (a moving average rounds every corner), so the zone
becomes one organic shape. The canvas clips it to the body outline. Spillover zones get a stipple:
a jittered grid of dots inside the shape.

The regions a zone covers stay the pain finder's business (overlay and painfinder models); this is
only how they look. Shapes depend on the set of placed region polygons alone, so they are cached
by that set and reused across muscles, trigger points and redraws.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF

from studyapp.bodychart.geometry import point_in_polygon, polygon_area
from studyapp.bodychart.overlay import OverlayModel
from studyapp.ui.bodychart_figure import Hit

Point = tuple[float, float]

STEP = 2.0  # view units between resampled boundary points
SMOOTH_WINDOW = 7  # points each side in the moving average: rounds corners over ~30 view units
SMOOTH_PASSES = 3
HOLE_FRACTION = 0.25  # holes smaller than this share of their ring are filled (landmark cells)
DOT_SPACING = 5.5  # view units between stipple dots on a whole-body view (400 units wide)
DOT_RADIUS = 1.05


@dataclass(frozen=True, slots=True)
class ZoneShape:
    """One trigger point's essential or spillover zone on one panel, ready to paint."""

    muscle_id: str
    tp_id: str
    essential: bool
    colour: str
    hatch_angle: int
    path: QPainterPath  # the smooth shape (scene units)
    rings: tuple[tuple[Point, ...], ...]  # the same shape as polygons (for hatching and dots)
    key: tuple[object, ...] = ()  # what the shape depends on: the cache key of its stipple


def _rings(path: QPainterPath) -> list[list[Point]]:
    return [[(p.x(), p.y()) for p in poly.toList()] for poly in path.toSubpathPolygons() if poly.size() >= 3]


def _resample(ring: Sequence[Point], step: float) -> list[Point]:
    """Points every `step` units along the closed ring (corners included), so smoothing is even."""
    out: list[Point] = []
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        length = math.hypot(x2 - x1, y2 - y1)
        count = max(1, int(length / step))
        out.extend((x1 + (x2 - x1) * k / count, y1 + (y2 - y1) * k / count) for k in range(count))
    return out


def _smooth(ring: Sequence[Point], window: int, passes: int) -> list[Point]:
    """Circular moving average: straight runs stay, corners round off, the ring stays closed."""
    pts = list(ring)
    n = len(pts)
    if n < 2 * window + 3:
        return pts
    span = 2 * window + 1
    for _ in range(passes):
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        sx = sum(xs[i % n] for i in range(-window, window + 1))
        sy = sum(ys[i % n] for i in range(-window, window + 1))
        out: list[Point] = []
        for i in range(n):
            out.append((sx / span, sy / span))
            sx += xs[(i + window + 1) % n] - xs[(i - window) % n]
            sy += ys[(i + window + 1) % n] - ys[(i - window) % n]
        pts = out
    return pts


def smooth_union(polygons: Iterable[Sequence[Point]]) -> tuple[QPainterPath, tuple[tuple[Point, ...], ...]]:
    """One smooth shape covering `polygons`: their union, small holes filled, corners rounded."""
    union = QPainterPath()
    union.setFillRule(Qt.FillRule.WindingFill)
    for points in polygons:
        union.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        union.closeSubpath()
    merged = union.simplified()  # non-zero union of touching cells, as rings
    rings = _rings(merged)
    areas = [abs(polygon_area(r)) for r in rings]
    kept: list[list[Point]] = []
    for i, ring in enumerate(rings):
        holder = next(
            (
                j
                for j, other in enumerate(rings)
                if j != i and areas[j] > areas[i] and point_in_polygon(other, *_inner_point(ring))
            ),
            None,
        )
        if holder is not None and areas[i] < HOLE_FRACTION * areas[holder]:
            continue  # a small hole (a landmark cell not in the zone): fill it
        kept.append(ring)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    smooth_rings: list[tuple[Point, ...]] = []
    for ring in kept:
        smooth = _smooth(_resample(ring, STEP), SMOOTH_WINDOW, SMOOTH_PASSES)
        smooth_rings.append(tuple(smooth))
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in smooth]))
        path.closeSubpath()
    return path, tuple(smooth_rings)


def _inner_point(ring: Sequence[Point]) -> Point:
    """A point just inside a ring's first edge (the centroid of a thin ring can lie outside it)."""
    (x1, y1), (x2, y2) = ring[0], ring[1]
    return ((x1 + x2) / 2, (y1 + y2) / 2)


def stipple(rings: Sequence[Sequence[Point]], spacing: float, radius: float, phase: int = 0) -> QPainterPath:
    """Dots on a jittered hexagonal grid inside the rings (even-odd), as one path of small circles,
    thinning out toward the zone's edge as a hand-drawn stipple does.

    `phase` shifts the grid so two compared muscles' dots fall between each other, not on top.
    """
    dots = QPainterPath()
    if not rings:
        return dots
    area = QPainterPath()
    area.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        area.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
        area.closeSubpath()
    box = area.boundingRect()
    row_h = spacing * 0.866
    shift = (phase % 3) * spacing / 3
    reach = spacing * 1.2  # how far from the edge the stipple starts to thin
    probes = [QPointF(reach, 0), QPointF(-reach, 0), QPointF(0, reach), QPointF(0, -reach)]
    row = 0
    y = box.top() + row_h / 2 + (phase % 2) * row_h / 2
    while y < box.bottom():
        x = box.left() + (spacing / 2 if row % 2 else 0.0) + shift
        while x < box.right():
            # A fixed pseudo-random jitter (no RNG state): dots look hand-stippled, never flicker.
            h = math.sin(x * 12.9898 + y * 78.233) * 43758.5453
            jx = (h - math.floor(h) - 0.5) * spacing * 0.35
            jy = ((h * 7.0) - math.floor(h * 7.0) - 0.5) * spacing * 0.35
            centre = QPointF(x + jx, y + jy)
            if area.contains(centre):
                inside = sum(1 for probe in probes if area.contains(centre + probe))
                if inside == 4:
                    dots.addEllipse(centre, radius, radius)
                elif inside >= 2 or (h * 13.0) % 1.0 < 0.5:
                    dots.addEllipse(centre, radius * 0.7, radius * 0.7)  # the edge: sparser, finer
            x += spacing
        y += row_h
        row += 1
    return dots


class ZoneShapeCache:
    """Smooth shapes and stipples by the set of placed polygons they cover (reused across muscles)."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[object, ...], tuple[QPainterPath, tuple[tuple[Point, ...], ...]]] = {}
        self._dots: dict[tuple[object, ...], QPainterPath] = {}

    @staticmethod
    def key_of(view_id: str, hits: Sequence[Hit]) -> tuple[object, ...]:
        return (view_id, frozenset((h.index, h.panel.offset, h.panel.mirrored) for h in hits))

    def shape(self, view_id: str, hits: Sequence[Hit]) -> tuple[QPainterPath, tuple[tuple[Point, ...], ...]]:
        key = self.key_of(view_id, hits)
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = smooth_union(h.points for h in hits)
        return found

    def dots(
        self, key: tuple[object, ...], rings: Sequence[Sequence[Point]], spacing: float, phase: int
    ) -> QPainterPath:
        full = (*key, spacing, phase)
        found = self._dots.get(full)
        if found is None:
            found = self._dots[full] = stipple(rings, spacing, spacing * DOT_RADIUS / DOT_SPACING, phase)
        return found


def zone_shapes(
    overlay: OverlayModel, view_id: str, hits: Sequence[Hit], cache: ZoneShapeCache
) -> list[ZoneShape]:
    """Every shown trigger point's zones on `view_id`, one smooth shape per (tp, kind, panel).

    Spillover first so essential zones paint over them; a region both essential and spillover for
    one muscle counts as essential. Zones with their own drawn outline on this view are left to
    `bodychart_outlines`.
    """
    by_region: dict[str, list[Hit]] = {}
    for hit in hits:
        by_region.setdefault(hit.shape.region, []).append(hit)
    zones = overlay.zones()
    essential_of = {(z.muscle_id, z.region, z.side) for z in zones if z.essential}
    groups: dict[tuple[str, str, bool, float], list[Hit]] = {}
    style: dict[tuple[str, str, bool, float], tuple[str, int]] = {}
    for zone in zones:
        if not zone.essential and (zone.muscle_id, zone.region, zone.side) in essential_of:
            continue
        if view_id in zone.outlined_views:
            continue
        for hit in by_region.get(zone.region, ()):
            if hit.shape.side not in overlay.fill_sides(zone, hit.panel):
                continue
            key = (zone.muscle_id, zone.tp_id, zone.essential, hit.panel.offset)
            group = groups.setdefault(key, [])
            if hit not in group:
                group.append(hit)
            style[key] = (zone.colour, zone.hatch_angle)
    shapes: list[ZoneShape] = []
    for key, group in sorted(groups.items(), key=lambda kv: kv[0][2]):
        path, rings = cache.shape(view_id, group)
        colour, angle = style[key]
        shape_key = cache.key_of(view_id, group)
        shapes.append(ZoneShape(key[0], key[1], key[2], colour, angle, path, rings, shape_key))
    return shapes
