"""The trigger-point link: which acupuncture points lie near each trigger point, and the reverse.

Distances are measured on the body chart, between a trigger point's marker and a point's marker on
a view both are drawn on (markers of both sit on the patient's right side), and converted to an
approximate centimetre figure with one scale per view (`CM_PER_UNIT`, see docs/tp-acupoints.md).
A pair "corresponds" in the sense of the correspondence studies (Dorsher 2006, 2008) when the point
lists the trigger point's muscle under it and the two lie within `CORRESPONDING_CM`.

The point records carry no indications, so "channel match" is defined on the chart: the channel's
pathway, drawn as straight segments between its consecutive points on each view, crosses a region of
the trigger point's essential referral zone. That is a geometric stand-in for Dorsher and
Fleckenstein's comparison of referral patterns with meridian distributions, not a claim about
indications. Pure core: no Qt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from studyapp.bodychart.geometry import Geometry, ViewGeometry
from studyapp.content.acupoints import EXTRA, Point, PointAtlas
from studyapp.content.model import Atlas, Marker, Muscle, Source, TriggerPoint

# Centimetres per view unit. Whole-body views: crown (y 20) to sole (y 980) is 960 units for a figure
# of 170 cm. Close-ups, from anthropometric means of adults: the head views span crown (y 30) to chin
# (y 370), 340 units for a head height of 22 cm; the hand views span fingertips (y 20) to the wrist
# crease (y 380), 360 units for a hand length of 18.5 cm; the foot views span toes (y 46) to heel
# (y 389), 343 units for a foot length of 25 cm.
CM_PER_UNIT: dict[str, float] = {
    "anterior": 170 / 960,
    "posterior": 170 / 960,
    "lateral": 170 / 960,
    "head_front": 22 / 340,
    "head_side": 22 / 340,
    "hand_dorsal": 18.5 / 360,
    "hand_palmar": 18.5 / 360,
    "foot_dorsal": 25 / 343,
    "foot_plantar": 25 / 343,
}
CORRESPONDING_CM = 2.0  # Dorsher's criterion: within 2 cm and in the same muscle
NEAR_CM = 3.0  # "near a point": trigger points of any muscle listed with the point
NEAREST = 3  # points listed per trigger point
PATH_STEP = 3.0  # view units between samples along a channel segment
MIDLINE_CHANNELS = frozenset({"GV", "CV"})
PATH_MIN_SAMPLES = 3  # samples inside a region before the pathway counts as crossing it

STUDIES: tuple[Source, ...] = (
    Source(
        "melzack1977",
        "Melzack R, Stillwell DM, Fox EJ. Trigger points and acupuncture points for pain: correlations "
        "and implications. Pain. 1977;3(1):3-23.",
    ),
    Source(
        "birch2003",
        "Birch S. Trigger point–acupuncture point correlations revisited. Journal of Alternative and "
        "Complementary Medicine. 2003;9(1):91-103.",
    ),
    Source(
        "dorsher2006",
        "Dorsher PT. Trigger points and acupuncture points: anatomic and clinical correlations. Medical "
        "Acupuncture. 2006;17(3).",
    ),
    Source(
        "dorsher2008",
        "Dorsher PT. Can classical acupuncture points and trigger points be compared in the treatment of "
        "pain disorders? Birch's analysis revisited. Journal of Alternative and Complementary Medicine. "
        "2008;14(4):353-359.",
    ),
    Source(
        "dorsher_fleckenstein2008",
        "Dorsher PT, Fleckenstein J. Trigger points and classical acupuncture points, part 1: qualitative "
        "and quantitative anatomic correspondences; part 2: clinical correspondences in treating pain and "
        "somatovisceral disorders. Deutsche Zeitschrift für Akupunktur. 2008;51(3):15ff and 51(4):6ff.",
    ),
    Source(
        "dorsher_fleckenstein2009",
        "Dorsher PT, Fleckenstein J. Trigger points and classical acupuncture points, part 3: relationships "
        "of myofascial referred pain patterns to acupuncture meridians. Deutsche Zeitschrift für "
        "Akupunktur. 2009;52(1):9ff.",
    ),
)


@dataclass(frozen=True, slots=True)
class ViewDistance:
    view: str
    units: float  # in the view's own units
    cm: float  # approximate, with the view's scale (CM_PER_UNIT)


@dataclass(frozen=True, slots=True)
class TpPointLink:
    """A trigger point and an acupuncture point, with how far apart they are drawn."""

    muscle_id: str
    tp_id: str
    code: str
    channel: str  # "EX" for an extra point (no channel, never a channel match)
    distances: tuple[ViewDistance, ...]  # per shared view, nearest first
    same_muscle: bool  # the point lists the trigger point's muscle under it
    channel_regions: tuple[str, ...] = ()  # essential-zone regions the channel's pathway crosses

    @property
    def nearest(self) -> ViewDistance:
        return self.distances[0]

    @property
    def cm(self) -> float:
        return self.nearest.cm

    @property
    def corresponds(self) -> bool:
        """Same muscle and within 2 cm: a corresponding pair in the sense of the studies."""
        return self.same_muscle and self.cm <= CORRESPONDING_CM

    @property
    def channel_match(self) -> bool:
        return bool(self.channel_regions)


@dataclass(frozen=True, slots=True)
class AreaPairs:
    """The corresponding pairs of one body area, for a "trigger points and acupoints" view."""

    area: str
    label: str
    pairs: tuple[TpPointLink, ...]
    sources: tuple[Source, ...] = field(default=STUDIES)


def distances(a: Iterable[Marker], b: Iterable[Marker]) -> tuple[ViewDistance, ...]:
    """Distances between two sets of markers on every view both are drawn on, nearest first."""
    by_view = {m.view: m for m in b}
    found = []
    for m in a:
        other = by_view.get(m.view)
        if other is None:
            continue
        units = math.hypot(m.x - other.x, m.y - other.y)
        found.append(ViewDistance(m.view, round(units, 1), round(units * CM_PER_UNIT.get(m.view, 0.0), 2)))
    return tuple(sorted(found, key=lambda d: (d.cm, d.view)))


def _segment_samples(a: Marker, b: Marker) -> Iterator[tuple[float, float]]:
    steps = max(1, math.ceil(math.hypot(b.x - a.x, b.y - a.y) / PATH_STEP))
    for i in range(steps + 1):
        t = i / steps
        yield a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t


def channel_pathway_regions(points: PointAtlas, geometry: Geometry) -> dict[str, frozenset[str]]:
    """Channel id -> the regions its pathway crosses.

    The pathway is drawn as straight segments between consecutive points of the channel that share
    a view, sampled every `PATH_STEP` units. A region counts when at least `PATH_MIN_SAMPLES` samples
    fall inside it, so a path that only grazes the edge of a region does not count. The midline
    channels (GV, CV) are traced on the two-sided views only: on a one-sided view they run along the
    profile, the seam between side regions.
    """
    found: dict[str, frozenset[str]] = {}
    for channel in points.channels.values():
        if channel.id == EXTRA:
            continue
        counts: dict[str, int] = {}
        chain = [points.points[c] for c in channel.points if c in points.points]
        for view_id, drawn in geometry.views.items():
            if channel.id in MIDLINE_CHANNELS and drawn.one_sided:
                continue  # a midline channel runs along the profile, the seam between side regions
            placed = [next((m for m in p.markers if m.view == view_id), None) for p in chain]
            for a, b in itertools.pairwise(placed):
                if a is not None and b is not None:
                    for x, y in _segment_samples(a, b):
                        _count_region(counts, drawn, x, y)
            for i, m in enumerate(placed):
                alone = (i == 0 or placed[i - 1] is None) and (i + 1 >= len(placed) or placed[i + 1] is None)
                if m is not None and alone:  # a point with no drawn neighbour: its own region counts
                    _count_region(counts, drawn, m.x, m.y, PATH_MIN_SAMPLES)
        found[channel.id] = frozenset(r for r, n in counts.items() if n >= PATH_MIN_SAMPLES)
    return found


def _count_region(counts: dict[str, int], view: ViewGeometry, x: float, y: float, weight: int = 1) -> None:
    hit = view.region_at(x, y)
    if hit is not None:
        counts[hit[0]] = counts.get(hit[0], 0) + weight


class TpAcupointLinks:
    """Every trigger point's nearby points and every point's nearby trigger points, worked out once."""

    def __init__(self, atlas: Atlas, points: PointAtlas, geometry: Geometry) -> None:
        self.atlas = atlas
        self.points = points
        self.geometry = geometry
        self._by_muscle: dict[str, list[Point]] = {}
        for point in points.points.values():
            for mid in point.structures.muscles:
                self._by_muscle.setdefault(mid, []).append(point)

    @cached_property
    def pathways(self) -> dict[str, frozenset[str]]:
        return channel_pathway_regions(self.points, self.geometry)

    def _link(self, muscle: Muscle, tp: TriggerPoint, point: Point) -> TpPointLink | None:
        found = distances(tp.markers, point.markers)
        if not found:
            return None
        crossed: tuple[str, ...] = ()
        if point.channel != EXTRA:
            pathway = self.pathways.get(point.channel, frozenset())
            crossed = tuple(r for r in tp.regions("essential") if r in pathway)
        return TpPointLink(
            muscle.id,
            tp.id,
            point.code,
            point.channel,
            found,
            same_muscle=muscle.id in point.structures.muscles,
            channel_regions=crossed,
        )

    def nearest_points(self, muscle_id: str, tp_id: str, limit: int = NEAREST) -> list[TpPointLink]:
        """The points that list the trigger point's muscle, nearest first (at most `limit`)."""
        return self._nearest.get((muscle_id, tp_id), [])[:limit]

    @cached_property
    def _nearest(self) -> dict[tuple[str, str], list[TpPointLink]]:
        table: dict[tuple[str, str], list[TpPointLink]] = {}
        for muscle in self.atlas.muscles.values():
            for tp in muscle.trigger_points:
                links = [self._link(muscle, tp, p) for p in self._by_muscle.get(muscle.id, [])]
                table[(muscle.id, tp.id)] = sorted(
                    (link for link in links if link is not None), key=lambda k: (k.cm, k.code)
                )
        return table

    def all_links(self) -> list[TpPointLink]:
        """Every same-muscle pair drawn on a shared view (not only the nearest few), atlas order."""
        return [link for links in self._nearest.values() for link in links]

    def corresponding_pairs(self) -> list[TpPointLink]:
        return [link for link in self.all_links() if link.corresponds]

    def near_point(self, code: str, radius_cm: float = NEAR_CM) -> list[TpPointLink]:
        """Trigger points of any muscle within `radius_cm` of the point, nearest first; each link says
        whether the point lists that muscle under it."""
        return self._near_point.get(code, []) if radius_cm == NEAR_CM else self._near(code, radius_cm)

    @cached_property
    def _near_point(self) -> dict[str, list[TpPointLink]]:
        return {code: self._near(code, NEAR_CM) for code in self.points.points}

    def _near(self, code: str, radius_cm: float) -> list[TpPointLink]:
        point = self.points.points.get(code)
        if point is None:
            return []
        links = []
        for muscle in self.atlas.muscles.values():
            for tp in muscle.trigger_points:
                link = self._link(muscle, tp, point)
                if link is not None and link.cm <= radius_cm:
                    links.append(link)
        return sorted(links, key=lambda k: (k.cm, k.muscle_id, k.tp_id))

    def muscles_under(self, code: str) -> tuple[str, ...]:
        """Atlas muscles the point record lists under it, superficial to deep (none for an unknown code)."""
        point = self.points.points.get(code)
        return point.structures.muscles if point is not None else ()

    def pairs_by_area(self) -> list[AreaPairs]:
        """Corresponding pairs grouped by the muscle's body area, in the atlas's area order."""
        by_area: dict[str, list[TpPointLink]] = {}
        for link in self.corresponding_pairs():
            by_area.setdefault(self.atlas.muscles[link.muscle_id].area, []).append(link)
        order = sorted(by_area, key=lambda a: self.atlas.areas[a].order if a in self.atlas.areas else 99)
        return [
            AreaPairs(
                area,
                self.atlas.areas[area].label if area in self.atlas.areas else area,
                tuple(by_area[area]),
            )
            for area in order
        ]

    def summary(self) -> dict[str, int]:
        """Counts for reports: trigger points, those with a same-muscle point on a shared view,
        corresponding pairs (<= 2 cm) and how many of those match by channel."""
        pairs = self.corresponding_pairs()
        return {
            "trigger_points": sum(len(m.trigger_points) for m in self.atlas.muscles.values()),
            "with_a_point": sum(1 for links in self._nearest.values() if links),
            "with_a_corresponding_point": sum(
                1 for links in self._nearest.values() if any(k.corresponds for k in links)
            ),
            "pairs_within_2cm": len(pairs),
            "channel_matches": sum(1 for k in pairs if k.channel_match),
        }


def build_links(
    atlas: Atlas, points: PointAtlas | None = None, geometry: Geometry | None = None
) -> TpAcupointLinks:
    """Links for an atlas, with the bundled point atlas and drawn chart unless given."""
    from studyapp.bodychart.geometry import load_geometry
    from studyapp.content.acupoints import load_points

    if points is None:
        points = load_points(muscle_ids=atlas.muscles, views=atlas.views).atlas
    return TpAcupointLinks(atlas, points, geometry if geometry is not None else load_geometry())


def add_links_to_export(data: dict[str, Any], links: TpAcupointLinks) -> dict[str, Any]:
    """Add the link to an exported atlas under new keys only (docs/export-format.md): each trigger
    point gains `nearby_points`, each acupoint `near_trigger_points`, and the top level
    `tp_acupoint_link` says how distances were measured and which studies the idea comes from."""
    for muscle in data.get("muscles", []):
        for tp in muscle.get("trigger_points", []):
            key = (str(muscle.get("id")), str(tp.get("id")))
            tp["nearby_points"] = [
                {
                    "code": k.code,
                    "channel": k.channel,
                    "cm": k.cm,
                    "view": k.nearest.view,
                    "units": k.nearest.units,
                    "corresponds": k.corresponds,
                    "channel_match": k.channel_match,
                    "channel_regions": list(k.channel_regions),
                }
                for k in links.nearest_points(*key)
            ]
    for point in data.get("acupoints", []):
        code = str(point.get("code"))
        near = links.near_point(code) if code in links.points.points else []
        point["near_trigger_points"] = [
            {
                "muscle": k.muscle_id,
                "trigger_point": k.tp_id,
                "cm": k.cm,
                "view": k.nearest.view,
                "same_muscle": k.same_muscle,
            }
            for k in near
        ]
    data["tp_acupoint_link"] = {
        "cm_per_unit": dict(CM_PER_UNIT),
        "corresponding_cm": CORRESPONDING_CM,
        "near_cm": NEAR_CM,
        "sources": [{"id": s.id, "citation": s.citation} for s in STUDIES],
    }
    return data
