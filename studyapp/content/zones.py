"""Reading a trigger point's zones: the plain v1 lists and the v2 `zones:` entries (side, outline).

Outlines are checked (closed, inside the view, covering a region) and turned into the regions they
cover here, at load time, so everything downstream works on region ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studyapp.bodychart.geometry import Geometry, contains
from studyapp.content import outline as shapes
from studyapp.content.checks import problem, suggest
from studyapp.content.model import ZONE_KINDS, ZONE_SIDES, Region, View, Zone, ZoneOutline
from studyapp.content.yamlfile import PathKey, Problem, YamlDoc


def read_zones(
    doc: YamlDoc,
    key: PathKey,
    tp: dict[str, Any],
    regions: dict[str, Region],
    views: dict[str, View],
    geometry: Callable[[], Geometry],
) -> tuple[tuple[Zone, ...], list[Problem]]:
    """Every zone of one trigger point (the plain lists first, as side `same`) and the problems found.

    `geometry` is called only when an outline needs it, so files without outlines never read the
    drawing.
    """
    found: list[Problem] = []
    zones: list[Zone] = []
    for kind, name in (("essential", "essential_zones"), ("spillover", "spillover_zones")):
        ids = tp.get(name)
        if isinstance(ids, list):
            found.extend(_unknown_regions(doc, (*key, name), ids, regions))
            if ids:
                zones.append(Zone(kind, "same", tuple(r.strip() for r in ids if isinstance(r, str))))
    entries = tp.get("zones")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue  # the shape check reports it
        zone, problems = _read_zone(doc, (*key, "zones", index), entry, regions, views, geometry)
        found.extend(problems)
        if zone is not None:
            zones.append(zone)
    if "essential_zones" not in tp and not any(z.kind == "essential" for z in zones) and not found:
        found.append(problem(doc, key, "missing required field 'essential_zones' (or an essential zone)"))
    return tuple(zones), found


def _unknown_regions(doc: YamlDoc, key: PathKey, ids: list[Any], regions: dict[str, Region]) -> list[Problem]:
    return [
        problem(doc, (*key, j), f"unknown region id '{rid}'{suggest(rid, regions)}")
        for j, rid in enumerate(ids)
        if isinstance(rid, str) and rid.strip() not in regions
    ]


def _read_zone(
    doc: YamlDoc,
    key: PathKey,
    entry: dict[str, Any],
    regions: dict[str, Region],
    views: dict[str, View],
    geometry: Callable[[], Geometry],
) -> tuple[Zone | None, list[Problem]]:
    found: list[Problem] = []
    kind = entry.get("kind")
    if isinstance(kind, str) and kind not in ZONE_KINDS:
        found.append(problem(doc, (*key, "kind"), f"must be one of {', '.join(ZONE_KINDS)}, not '{kind}'"))
    side = entry.get("side") or "same"
    if isinstance(side, str) and side not in ZONE_SIDES:
        found.append(problem(doc, (*key, "side"), f"must be one of {', '.join(ZONE_SIDES)}, not '{side}'"))
    ids = entry.get("regions")
    ids = ids if isinstance(ids, list) else []
    found.extend(_unknown_regions(doc, (*key, "regions"), ids, regions))
    raw_outlines = entry.get("outline")
    raw_outlines = raw_outlines if isinstance(raw_outlines, dict) else {}
    if not ids and not raw_outlines:
        found.append(problem(doc, key, "a zone needs regions, an outline, or both"))
    outlines: list[ZoneOutline] = []
    covered: dict[str, None] = {}
    for view_id, text in raw_outlines.items():
        if not isinstance(text, str):
            continue  # the shape check reports it
        where = (*key, "outline", str(view_id))
        made, cover, problems = _read_outline(doc, where, str(view_id), text, views, geometry)
        found.extend(problems)
        if made is not None:
            outlines.append(made)
            covered.update(dict.fromkeys(cover))
    if found or not isinstance(kind, str) or not isinstance(side, str):
        return None, found
    listed = tuple(r.strip() for r in ids if isinstance(r, str))
    computed = tuple(r for r in covered if r not in listed)
    return Zone(kind, side, listed + computed, tuple(outlines), computed), []


def _read_outline(
    doc: YamlDoc,
    key: PathKey,
    view_id: str,
    text: str,
    views: dict[str, View],
    geometry: Callable[[], Geometry],
) -> tuple[ZoneOutline | None, tuple[str, ...], list[Problem]]:
    view = views.get(view_id)
    if view is None:
        return None, (), [problem(doc, key, f"unknown view '{view_id}'{suggest(view_id, views)}")]
    try:
        parsed = shapes.parse_path(text)
    except shapes.OutlineError as exc:
        return None, (), [problem(doc, key, str(exc))]
    if not parsed.closed:
        return None, (), [problem(doc, key, "path is not closed: end it with Z")]
    if len(parsed.points) < 3 or shapes.polygon_area(parsed.points) < 1.0:
        return None, (), [problem(doc, key, "path encloses no area")]
    if not shapes.inside_box(parsed.points, view.width, view.height):
        box = f"0..{view.width:g} x 0..{view.height:g}"
        return None, (), [problem(doc, key, f"path leaves the '{view_id}' view ({box})")]
    drawing = geometry().views.get(view_id)
    if drawing is None:
        return None, (), [problem(doc, key, f"the body chart has no drawing of the '{view_id}' view")]
    covered = shapes.covered_regions(parsed.points, drawing)
    if not covered:
        inside_figure = any(contains(drawing, x, y) for x, y in parsed.points)
        why = (
            f"covers no region (a region counts when the outline covers at least "
            f"{shapes.COVER_SHARE:.0%} of its area)"
            if inside_figure
            else "lies outside the figure"
        )
        return None, (), [problem(doc, key, why)]
    return ZoneOutline(view_id, parsed.commands, parsed.points), covered, []
