"""The acupoint part of `studyapp export --format json` and of `studyapp validate`'s report.

Export fields are only ever added (see docs/export-format.md): a top-level `acupoints` list, and a
`point` key on each muscle's acupoint entry that names the point record it refers to.
"""

from __future__ import annotations

from typing import Any

from studyapp.content.acupoints import CHANNELS, EXTRA, PointAtlas, is_standard_code, normalise_code
from studyapp.content.model import Atlas

# Fields counted by `studyapp validate` (share of points that fill them).
POINT_FIELDS = (
    "location",
    "structures.muscles",
    "structures.nerves",
    "structures.vessels",
    "needling",
    "categories",
    "markers",
    "sources",
)


def point_to_dict(atlas: PointAtlas, code: str) -> dict[str, Any]:
    point = atlas.points[code]
    return {
        "code": point.code,
        "pinyin": point.pinyin,
        "han": point.han,
        "english": point.english,
        "aliases": list(point.aliases),
        "channel": point.channel,
        "location": point.location,
        "structures": {
            "muscles": list(point.structures.muscles),
            "other": list(point.structures.other),
            "nerves": list(point.structures.nerves),
            "vessels": list(point.structures.vessels),
        },
        "needling": {
            "angle": point.needling.angle,
            "depth": point.needling.depth,
            "cautions": list(point.needling.cautions),
        },
        "categories": list(point.categories),
        "markers": {m.view: [m.x, m.y] for m in point.markers},
        "sources": [{"id": s.id, "citation": s.citation} for s in point.sources],
        "notes": list(point.notes),
    }


def add_acupoints(data: dict[str, Any], points: PointAtlas) -> dict[str, Any]:
    """Add the `acupoints` list to an exported atlas and link each muscle's entries to it.

    A muscle entry gains `point`: the WHO code of the record it refers to, or null when the point
    atlas has no such point (a typo or a point not yet written). Every existing key is kept.
    """
    data["acupoints"] = [point_to_dict(points, code) for code in points.points]
    for muscle in data.get("muscles", []):
        for entry in muscle.get("acupoints", []):
            entry["point"] = points.resolve(str(entry.get("code", "")))
    return data


def atlas_with_points(atlas: Atlas, points: PointAtlas | None = None) -> dict[str, Any]:
    """The whole JSON export: the muscle atlas plus the bundled point atlas (one place for both outputs)."""
    from studyapp.bodychart.tp_acupoints import add_links_to_export, build_links
    from studyapp.content.acupoints import load_points
    from studyapp.content.export import atlas_to_dict

    if points is None:
        points = load_points(muscle_ids=atlas.muscles, views=atlas.views).atlas
    data = add_acupoints(atlas_to_dict(atlas), points)
    return add_links_to_export(data, build_links(atlas, points))


def unknown_muscle_codes(atlas: Atlas, points: PointAtlas) -> list[str]:
    """`muscle id: code` for every acupoint a muscle names that the point atlas should have but lacks.

    Codes of channels whose file is not written yet are not mismatches; they are left out here.
    """
    found = []
    for muscle in atlas.muscles.values():
        for ref in muscle.acupoints:
            if points.resolve(ref.code) is not None:
                continue
            code = normalise_code(ref.code) or ref.code
            channel = EXTRA if code.startswith(f"{EXTRA}-") else code.rstrip("0123456789")
            written = channel in points.channels
            if written or not is_standard_code(code):
                found.append(f"{muscle.id}: {ref.code}")
    return found


def _filled(atlas: PointAtlas, name: str) -> float:
    points = list(atlas.points.values())
    if not points:
        return 0.0
    values = {
        "location": lambda p: p.location,
        "structures.muscles": lambda p: p.structures.muscles,
        "structures.nerves": lambda p: p.structures.nerves,
        "structures.vessels": lambda p: p.structures.vessels,
        "needling": lambda p: p.needling.angle and p.needling.depth and p.needling.cautions,
        "categories": lambda p: p.categories,
        "markers": lambda p: p.markers,
        "sources": lambda p: p.sources,
    }
    return sum(bool(values[name](p)) for p in points) / len(points)


def summary_lines(atlas: PointAtlas) -> list[str]:
    channel_points = atlas.channel_points()
    written = [cid for cid in atlas.channels if cid != EXTRA]
    expected = sum(CHANNELS.values())
    lines = [
        f"{len(channel_points)} of {expected} channel points in {len(written)} channel files, "
        f"{len(atlas.extra_points())} extra points",
    ]
    missing = [cid for cid in CHANNELS if cid not in atlas.channels]
    if missing:
        lines.append(f"channels not written yet: {', '.join(missing)}")
    lines.append("point field coverage (share of points that fill the field):")
    for name in POINT_FIELDS:
        lines.append(f"  {name:<24}{_filled(atlas, name):>7.0%}")
    return lines
