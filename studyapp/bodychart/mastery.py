"""Mastery painted on the body chart: each muscle's recall shown where the muscle lies.

A muscle is placed on a view by its trigger-point markers (they sit on the muscle's belly), so the
map needs no second set of coordinates: the region under each marker is where the muscle is.
Several muscles can share a region (the gluteals over the buttock); the region shows their mean,
and the muscles are listed weakest first so the student sees what to revise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studyapp.bodychart.geometry import ViewGeometry
from studyapp.content.model import Atlas

Site = tuple[str, str]  # (region id, side) as drawn

# Viridis at five stops: perceptually even and readable with every common colour-vision deficiency.
_SCALE = ((0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x91, 0x8C), (0x5E, 0xC9, 0x62), (0xFD, 0xE7, 0x25))


@dataclass(frozen=True, slots=True)
class SiteMastery:
    region: str
    side: str
    mastery: float  # mean predicted recall of the muscles here, 0..1
    muscles: tuple[tuple[str, float], ...]  # (muscle id, mastery), weakest first


def muscle_sites(atlas: Atlas, view: ViewGeometry) -> dict[str, tuple[Site, ...]]:
    """Where each muscle with a marker in this view lies: the drawn regions under its markers."""
    sites: dict[str, tuple[Site, ...]] = {}
    for muscle in atlas.muscles.values():
        found: list[Site] = []
        for tp in muscle.trigger_points:
            for marker in tp.markers:
                if marker.view != view.id:
                    continue
                site = view.region_at(marker.x, marker.y)
                if site is not None and site not in found:
                    found.append(site)
        if found:
            sites[muscle.id] = tuple(found)
    return sites


def mastery_by_site(
    sites: Mapping[str, tuple[Site, ...]], mastery: Mapping[str, float]
) -> dict[Site, SiteMastery]:
    """Per drawn site, the muscles of `mastery` (the deck) that lie there and their mean mastery."""
    members: dict[Site, list[tuple[str, float]]] = {}
    for muscle_id, value in mastery.items():
        for site in sites.get(muscle_id, ()):
            members.setdefault(site, []).append((muscle_id, min(1.0, max(0.0, value))))
    result = {}
    for (region, side), rows in members.items():
        rows.sort(key=lambda row: (row[1], row[0]))
        mean = sum(v for _, v in rows) / len(rows)
        result[(region, side)] = SiteMastery(region, side, mean, tuple(rows))
    return result


def mastery_colour(value: float) -> str:
    """The map's colour for a mastery between 0 and 1 (clamped), as #rrggbb."""
    value = min(1.0, max(0.0, value)) * (len(_SCALE) - 1)
    low = min(int(value), len(_SCALE) - 2)
    t = value - low
    a, b = _SCALE[low], _SCALE[low + 1]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))
