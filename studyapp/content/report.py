"""Counts and field coverage for `studyapp validate`, so authors see how complete the atlas is."""

from __future__ import annotations

from dataclasses import fields

from studyapp.content.model import Atlas, Muscle
from studyapp.content.schema import MUSCLE

# The coverage table lists every field of the muscle schema (one table: studyapp/content/schema.py)
# except those that name and file a record, which every valid record has by definition.
IDENTITY_FIELDS = frozenset({"id", "name", "latin_name", "area", "group", "action_notes", "schema"})
COVERAGE_FIELDS = tuple(name for name in MUSCLE if name not in IDENTITY_FIELDS)


def _filled(muscle: Muscle, name: str) -> bool:
    value = getattr(muscle, name)
    if name == "innervation":
        return bool(value.nerve and value.roots)
    return bool(value)


def field_coverage(atlas: Atlas) -> dict[str, float]:
    """Share (0..1) of muscle records with a non-empty value in each field."""
    total = len(atlas.muscles) or 1
    known = {f.name for f in fields(Muscle)}
    return {
        name: sum(_filled(m, name) for m in atlas.muscles.values()) / total
        for name in COVERAGE_FIELDS
        if name in known
    }


def summary_lines(atlas: Atlas) -> list[str]:
    muscles = atlas.muscles.values()
    lines = [
        f"{len(atlas.muscles)} muscles, {atlas.trigger_point_count()} trigger points, "
        f"{len(atlas.regions)} regions in {len(atlas.views)} views",
        "",
        f"{'body area':<28}{'muscles':>8}{'trigger points':>16}",
    ]
    for area in atlas.areas.values():
        in_area = [m for m in muscles if m.area == area.id]
        tps = sum(len(m.trigger_points) for m in in_area)
        lines.append(f"{area.label:<28}{len(in_area):>8}{tps:>16}")
    lines += ["", "field coverage (share of records that fill the field):"]
    for name, share in field_coverage(atlas).items():
        lines.append(f"  {name:<24}{share:>7.0%}")
    return lines
