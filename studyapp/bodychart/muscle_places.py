"""Where each drawn muscle lies on the chart, as regions: the answers of the location cards.

For every muscle in bodychart/muscle_shapes.py: the view that shows it best (superficial first,
then the largest shape in whole-body units) and the regions its shape covers there by at least
30 % of their area, the rule drawn zone outlines follow (content/outline.py). Pure core: no Qt.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.bodychart.geometry import Geometry, ViewGeometry, polygon_area
from studyapp.bodychart.views import area_scales, default_geometry

if TYPE_CHECKING:
    from studyapp.bodychart.muscle_shapes import MuscleShape


@dataclass(frozen=True, slots=True)
class MusclePlace:
    """Where a muscle's drawn shape lies on one view: the regions it covers (a click-the-chart answer)."""

    muscle_id: str
    view: str
    regions: tuple[str, ...]


def muscle_place(muscle_id: str, geometry: Geometry | None = None) -> MusclePlace | None:
    """The view that shows the muscle best (superficial first, then the largest shape in whole-body
    units) and the regions its shape covers there (>= 30 %, as drawn zone outlines; the region under
    the shape's middle when the muscle is too small to cover 30 % of any). None when it is not drawn."""
    return _places(id(geometry) if geometry else 0, geometry).get(muscle_id)


_PLACES: dict[int, dict[str, MusclePlace]] = {}


def _places(key: int, geometry: Geometry | None) -> dict[str, MusclePlace]:
    if key not in _PLACES:
        _PLACES[key] = _compute_places(geometry or default_geometry())
    return _PLACES[key]


def _compute_places(geometry: Geometry) -> dict[str, MusclePlace]:
    from studyapp.bodychart.muscle_shapes import MuscleShapeError, default_shapes

    try:
        shapes = default_shapes()
    except (MuscleShapeError, OSError):
        return {}  # a broken or missing shape file: the cards that need shapes are left out
    scales = area_scales(geometry)
    places: dict[str, MusclePlace] = {}
    for muscle_id, by_view in shapes.by_muscle.items():
        drawn = [s for v, s in by_view.items() if v in geometry.views]
        if not drawn:
            continue

        def size(shape: MuscleShape) -> tuple[bool, float]:
            return (shape.depth == "superficial", abs(polygon_area(shape.points)) * scales[shape.view])

        best = max(drawn, key=size)
        view = geometry[best.view]
        regions = _covered(best.points, view)
        if not regions:
            xs, ys = [p[0] for p in best.points], [p[1] for p in best.points]
            under = view.region_at(sum(xs) / len(xs), sum(ys) / len(ys))
            regions = (under[0],) if under else ()
        if regions:
            places[muscle_id] = MusclePlace(muscle_id, best.view, tuple(regions))
    return places


def _covered(
    points: tuple[tuple[float, float], ...], view: ViewGeometry, samples: int = 1500
) -> tuple[str, ...]:
    """Regions (right side and midline) the polygon covers by at least COVER_SHARE of their area.

    The same rule as drawn zone outlines (content/outline.py), sampled over the shape's box only,
    row by row with each polygon's crossings, so all 150 muscles take about a tenth of a second.
    """
    from studyapp.content.outline import COVER_SHARE

    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    step = max(1.0, ((x1 - x0) * (y1 - y0) / samples) ** 0.5)  # about `samples` points per shape
    near = [
        r
        for r in view.regions
        if r.side in ("right", "midline")
        and r.bbox[0] <= x1
        and r.bbox[2] >= x0
        and r.bbox[1] <= y1
        and r.bbox[3] >= y0
    ]
    inside: dict[str, float] = {}
    y = y0 + step / 2
    while y < y1:
        row = [x0 + step / 2 + i * step for i in range(int((x1 - x0) / step) + 1)]
        cuts = _crossings(points, y)
        row = [x for x in row if x < x1 and bisect.bisect(cuts, x) % 2 == 1]
        if row:
            for r in near:
                if r.bbox[1] <= y <= r.bbox[3]:
                    region_cuts = _crossings(r.points, y)
                    hits = sum(bisect.bisect(region_cuts, x) % 2 for x in row)
                    if hits:
                        inside[r.region] = inside.get(r.region, 0.0) + hits * step * step
        y += step
    totals: dict[str, float] = {}
    for r in near:
        totals[r.region] = totals.get(r.region, 0.0) + r.area
    return tuple(rid for rid, hit in inside.items() if totals[rid] > 0 and hit / totals[rid] >= COVER_SHARE)


def _crossings(points: tuple[tuple[float, float], ...], y: float) -> list[float]:
    """Sorted x where a horizontal line at y crosses the polygon (even-odd, as point_in_polygon)."""
    cuts = []
    xj, yj = points[-1]
    for xi, yi in points:
        if (yi > y) != (yj > y):
            cuts.append((xj - xi) * (y - yi) / (yj - yi) + xi)
        xj, yj = xi, yi
    cuts.sort()
    return cuts
