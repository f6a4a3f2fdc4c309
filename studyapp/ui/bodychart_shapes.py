"""The figure as the chart widget uses it: per view a silhouette, contour lines and region polygons.

A thin layer over `studyapp.bodychart.geometry` (which reads resources/bodychart/geometry.json), so
the widgets name one small API: `Drawing` (a view's geometry), `load_drawings`, `drawings_from_json`;
plus the hatch geometry the chart draws spillover zones with.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from studyapp.bodychart.geometry import (
    GeometryError,
    Point,
    RegionShape,
    ViewGeometry,
    default_path,
    load_geometry,
    parse_geometry,
)

__all__ = ["Drawing", "Point", "RegionShape", "drawings_from_json", "hatch_segments", "load_drawings"]

log = logging.getLogger(__name__)

Drawing = ViewGeometry


def drawings_from_json(data: Mapping[str, Any]) -> dict[str, Drawing]:
    """Parse the geometry.json format: {"views": {id: {width, height, outline, contours, regions}}}."""
    return dict(parse_geometry(data).views)


_parsed: dict[tuple[str, int, int], dict[str, Drawing]] = {}


def load_drawings(path: Path | None = None) -> dict[str, Drawing]:
    """Every drawn view; empty when the file is missing or unreadable (the chart then says so).

    The chart, the quiz and the progress map all want the same immutable drawing, so it is parsed
    once per file version rather than once per widget.
    """
    target = path or default_path()
    try:
        stat = target.stat()
        key: tuple[str, int, int] | None = (str(target), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _parsed:
        return dict(_parsed[key])
    try:
        views = dict(load_geometry(target).views)
    except GeometryError as exc:
        log.warning("body chart drawing unusable: %s", exc)
        return {}
    if key is not None:
        _parsed.clear()  # one version is all anyone needs
        _parsed[key] = views
    return dict(views)


def hatch_segments(points: Sequence[Point], angle_deg: float, spacing: float) -> list[tuple[Point, Point]]:
    """Parallel hatch lines clipped to a polygon (even-odd), as segments in the polygon's units.

    Drawn as plain lines, the hatch scales with zoom and survives SVG export, which a Qt pattern
    brush does not.
    """
    if len(points) < 3 or spacing <= 0:
        return []
    theta = math.radians(angle_deg)
    cos_t, sin_t = math.cos(theta), math.sin(theta)
    # Rotate so the hatch lines are horizontal (v = const), clip, and rotate back.
    rotated = [(x * cos_t + y * sin_t, -x * sin_t + y * cos_t) for x, y in points]
    vs = [v for _, v in rotated]
    first = math.floor(min(vs) / spacing) * spacing + spacing / 2
    segments: list[tuple[Point, Point]] = []
    edges = list(zip(rotated, rotated[1:] + rotated[:1], strict=True))
    v = first
    while v < max(vs):
        crossings: list[float] = []
        for (u1, v1), (u2, v2) in edges:
            if (v1 <= v < v2) or (v2 <= v < v1):
                crossings.append(u1 + (v - v1) * (u2 - u1) / (v2 - v1))
        crossings.sort()
        for a, b in zip(crossings[::2], crossings[1::2], strict=False):
            segments.append(
                (
                    (a * cos_t - v * sin_t, a * sin_t + v * cos_t),
                    (b * cos_t - v * sin_t, b * sin_t + v * cos_t),
                )
            )
        v += spacing
    return segments
