"""What the acupoint layer draws on one chart view: point dots, channel pathways and cun scales.

Pure core (no Qt), so the rules are tested without a window: which points a view shows, the line
each channel draws through them in channel order, and where the ticks of a proportional (bone) cun
scale fall. Coordinates are the content's: the patient's right side of the view; the UI places
them in its panels (mirrored for the left side) as it does trigger-point markers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.bodychart.geometry import Geometry, region_at
from studyapp.content.acupoints import CHANNELS, EXTRA, Point, PointAtlas
from studyapp.content.model import Atlas

XY = tuple[float, float]

# Channel colours: the five-phase colour families taught with the channels (metal grey, earth ochre,
# fire red, water blue, wood green), a darker shade for the yin channel of each pair, and purples
# for the two midline vessels. Every line is drawn over a light halo, so each stays visible on skin.
CHANNEL_COLOURS: dict[str, str] = {
    "LU": "#4d4d4d",
    "LI": "#7a7a7a",
    "ST": "#b07800",
    "SP": "#7a5200",
    "HT": "#a8141e",
    "SI": "#e0474f",
    "BL": "#2a66c9",
    "KI": "#0b2e6b",
    "PC": "#9c1f6e",
    "TE": "#d45fa9",
    "GB": "#2f9a3c",
    "LR": "#0f5a2d",
    "GV": "#6a3d9a",
    "CV": "#a673d1",
    EXTRA: "#555555",
}

# Where the line of a channel stops on purpose although the numbers run on: the bladder channel's
# inner line ends at BL40 and its outer line starts again high on the back at BL41.
PATHWAY_BREAKS: frozenset[str] = frozenset({"BL41"})


@dataclass(frozen=True, slots=True)
class PointDot:
    code: str
    channel: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class CunAnchor:
    """A point whose marker lies `cun` along a scale (`mirrored`: the same point on the left side)."""

    code: str
    cun: float
    mirrored: bool = False


@dataclass(frozen=True, slots=True)
class CunScale:
    """A proportional cun scale between two landmarks, placed through points known to lie on it."""

    id: str
    label: str
    view: str
    cun: int
    anchors: tuple[CunAnchor, ...]


@dataclass(frozen=True, slots=True)
class ScaleTick:
    cun: int
    x: float
    y: float
    dx: float  # unit vector along the scale here (ticks are drawn across it)
    dy: float


@dataclass(frozen=True, slots=True)
class ScaleDrawing:
    scale: CunScale
    line: tuple[XY, ...]
    ticks: tuple[ScaleTick, ...]


def _a(code: str, cun: float, mirrored: bool = False) -> CunAnchor:
    return CunAnchor(code, cun, mirrored)


# The main proportional scales of the course notes (docs/tp-acupoints.md), on the views where the
# points that fix them are drawn. Anchors use the cun positions the point records give.
CUN_SCALES: tuple[CunScale, ...] = (
    CunScale(
        "hairlines",
        "Front to back hairline: 12 cun",
        "head_side",
        12,
        (_a("GV24", 0.5), _a("GV22", 2), _a("GV20", 5), _a("GV19", 6.5), _a("GV17", 9.5), _a("GV16", 11)),
    ),
    CunScale(
        "notch_xiphoid",
        "Suprasternal notch to xiphisternal junction: 9 cun",
        "anterior",
        9,
        (_a("CV22", 0), _a("CV16", 9)),
    ),
    CunScale(
        "xiphoid_umbilicus",
        "Xiphisternal junction to umbilicus: 8 cun",
        "anterior",
        8,
        (_a("CV16", 0), _a("CV12", 4), _a("CV8", 8)),
    ),
    CunScale(
        "umbilicus_pubis",
        "Umbilicus to pubic symphysis: 5 cun",
        "anterior",
        5,
        (_a("CV8", 0), _a("CV4", 3), _a("CV2", 5)),
    ),
    CunScale("nipples", "Between the nipples: 8 cun", "anterior", 8, (_a("ST17", 0), _a("ST17", 8, True))),
    CunScale(
        "axilla_elbow",
        "Anterior axillary fold to elbow crease: 9 cun",
        "anterior",
        9,
        (_a("LU3", 3), _a("LU4", 4), _a("LU5", 9)),
    ),
    CunScale(
        "elbow_wrist",
        "Elbow crease to wrist crease: 12 cun",
        "anterior",
        12,
        (_a("PC3", 0), _a("PC4", 7), _a("PC6", 10), _a("PC7", 12)),
    ),
    CunScale(
        "elbow_wrist_back",
        "Elbow crease to wrist crease (back of forearm): 12 cun",
        "posterior",
        12,
        (_a("LI11", 0), _a("LI10", 2), _a("LI5", 12)),
    ),
    CunScale(
        "pubis_epicondyle",
        "Pubic symphysis to medial femoral epicondyle: 18 cun",
        "anterior",
        18,
        (_a("LR11", 2), _a("LR10", 3), _a("LR9", 14)),
    ),
    CunScale(
        "trochanter_popliteal",
        "Greater trochanter to popliteal crease: 19 cun",
        "lateral",
        19,
        (_a("GB31", 12), _a("GB32", 14)),
    ),
    CunScale(
        "popliteal_malleolus",
        "Popliteal crease to lateral malleolus: 16 cun",
        "posterior",
        16,
        (_a("BL40", 0), _a("BL58", 9), _a("BL59", 13), _a("BL60", 16)),
    ),
    CunScale(
        "popliteal_malleolus_side",
        "Popliteal crease to lateral malleolus: 16 cun",
        "lateral",
        16,
        (_a("BL58", 9), _a("BL59", 13), _a("BL60", 16)),
    ),
    CunScale(
        "tibial_condyle_malleolus",
        "Medial tibial condyle to medial malleolus: 13 cun",
        "anterior",
        13,
        (_a("SP9", 0), _a("SP8", 3), _a("SP6", 10)),
    ),
)


def marker_on(point: Point, view: str) -> XY | None:
    for marker in point.markers:
        if marker.view == view:
            return marker.x, marker.y
    return None


def point_dots(points: PointAtlas, view: str, channels: Iterable[str] | None = None) -> list[PointDot]:
    """The points drawn on `view` (of `channels` only, when given), in atlas order."""
    wanted = None if channels is None else set(channels)
    dots = []
    for point in points.points.values():
        if wanted is not None and point.channel not in wanted:
            continue
        at = marker_on(point, view)
        if at is not None:
            dots.append(PointDot(point.code, point.channel, at[0], at[1]))
    return dots


def channel_pathway(points: PointAtlas, channel: str, view: str) -> list[tuple[XY, ...]]:
    """The channel's line on `view`: its points drawn there joined in channel order.

    The line breaks where the channel leaves the view (a point between is not drawn on it) and at
    `PATHWAY_BREAKS`, so it never cuts across the body between two stretches; single points stay dots.
    """
    codes = [p.code for p in points.points.values() if p.channel == channel]  # atlas order: channel order
    runs: list[list[XY]] = [[]]
    for code in codes:
        point = points.points.get(code)
        at = marker_on(point, view) if point is not None else None
        if at is None or code in PATHWAY_BREAKS:
            if runs[-1]:
                runs.append([])
            if at is None:
                continue
        runs[-1].append(at)
    return [tuple(run) for run in runs if len(run) >= 2]


def pathways(points: PointAtlas, view: str) -> dict[str, list[tuple[XY, ...]]]:
    """Every standard channel's line on `view` (channels with no line there are left out)."""
    found = {cid: channel_pathway(points, cid, view) for cid in CHANNELS}
    return {cid: runs for cid, runs in found.items() if runs}


def channels_on(points: PointAtlas, view: str) -> list[str]:
    """Channels with at least one point drawn on `view`, in the conventional order."""
    present = {dot.channel for dot in point_dots(points, view)}
    return [cid for cid in [*CHANNELS, EXTRA] if cid in present]


def scales_on(view: str) -> list[CunScale]:
    return [scale for scale in CUN_SCALES if scale.view == view]


def scale_drawing(scale: CunScale, points: PointAtlas, view_width: float) -> ScaleDrawing | None:
    """The scale's line from 0 to its full length, with a tick at every whole cun.

    Between anchors the cun are spread evenly; beyond the first and last anchor the end segments
    are extended. None when an anchor point is not drawn on the scale's view.
    """
    placed: list[tuple[float, XY]] = []
    for anchor in scale.anchors:
        point = points.points.get(anchor.code)
        at = marker_on(point, scale.view) if point is not None else None
        if at is None:
            return None
        placed.append((anchor.cun, (view_width - at[0], at[1]) if anchor.mirrored else at))
    if len(placed) < 2:
        return None

    def at_cun(cun: float) -> tuple[XY, XY]:
        index = 0
        while index < len(placed) - 2 and cun > placed[index + 1][0]:
            index += 1
        (c0, (x0, y0)), (c1, (x1, y1)) = placed[index], placed[index + 1]
        t = (cun - c0) / (c1 - c0)
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), ((x1 - x0) / length, (y1 - y0) / length)

    ticks = []
    for cun in range(scale.cun + 1):
        (x, y), (dx, dy) = at_cun(cun)
        ticks.append(ScaleTick(cun, x, y, dx, dy))
    inner = [xy for cun, xy in placed if 0 < cun < scale.cun]
    line = ((ticks[0].x, ticks[0].y), *inner, (ticks[-1].x, ticks[-1].y))
    return ScaleDrawing(scale, line, tuple(ticks))


def point_area(point: Point, geometry: Geometry, atlas: Atlas) -> str:
    """The body area (atlas area id) of the region under the point's first marker that lies in one;
    else the area of the first atlas muscle under it; else ""."""
    for marker in point.markers:
        if marker.view not in geometry.views:
            continue
        hit = region_at(geometry[marker.view], marker.x, marker.y)
        region = atlas.regions.get(hit[0]) if hit else None
        if region is not None and region.parent in atlas.areas:
            return region.parent
    for muscle_id in point.structures.muscles:
        muscle = atlas.muscles.get(muscle_id)
        if muscle is not None:
            return muscle.area
    return ""


def points_by_area(points: PointAtlas, geometry: Geometry, atlas: Atlas) -> dict[str, list[str]]:
    """Point codes grouped by body area, areas in the atlas's order ("" last: no area found)."""
    groups: dict[str, list[str]] = {}
    for point in points.points.values():
        groups.setdefault(point_area(point, geometry, atlas), []).append(point.code)
    order = {area: i for i, area in enumerate(atlas.areas)}
    return {area: groups[area] for area in sorted(groups, key=lambda a: order.get(a, len(order)))}


def nearest_dot(dots: Sequence[PointDot], x: float, y: float, radius: float) -> PointDot | None:
    """The dot nearest (x, y) within `radius` view units, or None."""
    best: PointDot | None = None
    best_d = radius
    for dot in dots:
        d = math.hypot(dot.x - x, dot.y - y)
        if d <= best_d:
            best, best_d = dot, d
    return best
