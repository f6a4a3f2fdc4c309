"""The JSON export: a stable contract for scripts (documented in docs/export-format.md).

Fields are only ever added here, never renamed or dropped.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from studyapp import __version__
from studyapp.content.model import Atlas, Muscle, RootRef, Zone

FORMAT_VERSION = 2  # 2 added zone sides, outlines, provenance and the language; no key was removed


def _ref(ref: RootRef) -> dict[str, str]:
    return {"label": ref.label, "kind": ref.kind}


def _zone(zone: Zone) -> dict[str, Any]:
    return {
        "kind": zone.kind,
        "side": zone.side,
        "regions": list(zone.regions),
        "covered_by_outline": list(zone.covered),
        "outlines": {o.view: o.path for o in zone.outlines},
    }


def muscle_to_dict(muscle: Muscle) -> dict[str, Any]:
    data = asdict(muscle)
    data.pop("file")
    data.pop("provenance")
    data["provenance"] = {
        "record": _ref(muscle.provenance.record),
        "parts": {key: _ref(ref) for key, ref in muscle.provenance.parts},
    }
    data["innervation"] = {
        "nerve": muscle.innervation.nerve,
        "roots": list(muscle.innervation.roots),
        "note": muscle.innervation.note,
    }
    data["trigger_points"] = [
        {
            "id": tp.id,
            "label": tp.label,
            "location": tp.location,
            "markers": {m.view: [m.x, m.y] for m in tp.markers},
            "essential_zones": list(tp.essential_zones),
            "spillover_zones": list(tp.spillover_zones),
            "symptoms": list(tp.symptoms),
            "note": tp.note,
            "zones": [_zone(z) for z in tp.referral_zones],
        }
        for tp in muscle.trigger_points
    ]
    return _lists(data)


def atlas_to_dict(atlas: Atlas) -> dict[str, Any]:
    views = _shape_views()
    return {
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "language": atlas.language,
        "roots": [_ref(r) for r in atlas.roots],
        "areas": [{"id": a.id, "label": a.label} for a in atlas.areas.values()],
        "views": [asdict(v) for v in atlas.views.values()],
        "regions": [
            {
                "id": r.id,
                "label": r.label,
                "view": r.view,
                "side": r.side,
                "parent": r.parent,
                "also_in": list(r.also_in),
                "root": _ref(r.root),
            }
            for r in atlas.regions.values()
        ],
        "muscles": [muscle_to_dict(m) | {"shape_views": views.get(m.id, [])} for m in atlas.muscles.values()],
    }


def _shape_views() -> dict[str, list[str]]:
    """Muscle id -> the body-chart views where the muscle itself is drawn (bundled shapes only)."""
    from studyapp.bodychart.geometry import GeometryError
    from studyapp.bodychart.muscle_shapes import load_muscle_shapes

    try:
        shapes, _ = load_muscle_shapes()
    except (GeometryError, OSError):
        return {}
    return {muscle: list(by_view) for muscle, by_view in shapes.by_muscle.items()}


def _lists(value: Any) -> Any:
    """Tuples become lists so the JSON reads the same as the YAML it came from."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value
