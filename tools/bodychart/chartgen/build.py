"""Assemble every view into the geometry.json structure and check it against the region catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from . import anterior, foot, hand, head_front, head_side, lateral, posterior
from .drawing import Drawing
from .geom import simplify
from .svg import render

ROOT = Path(__file__).resolve().parents[3]
RESOURCES = ROOT / "resources" / "bodychart"

VIEW_ORDER = (
    "anterior",
    "posterior",
    "lateral",
    "head_front",
    "head_side",
    "hand_dorsal",
    "hand_palmar",
    "foot_dorsal",
    "foot_plantar",
)


def midline_ids() -> set[str]:
    return {r["id"] for r in catalogue()["regions"] if r["side"] == "midline"}


BUILDERS: dict[str, Callable[[], Drawing]] = {
    "anterior": lambda: anterior.drawing(midline_ids()),
    "posterior": lambda: posterior.drawing(midline_ids()),
    "lateral": lambda: lateral.drawing(midline_ids()),
    "head_front": lambda: head_front.drawing(midline_ids()),
    "head_side": lambda: head_side.drawing(midline_ids()),
    "hand_dorsal": hand.dorsal_drawing,
    "hand_palmar": hand.palmar_drawing,
    "foot_dorsal": foot.dorsal_drawing,
    "foot_plantar": foot.plantar_drawing,
}


def _r(v: float) -> float:
    return round(v + 0.0, 1) + 0.0


TOLERANCE = 0.12  # view units: far below a pixel at any size the chart is shown


def _pts(poly: list[tuple[float, float]], closed: bool = True) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in simplify(poly, TOLERANCE, closed):
        p = [_r(x), _r(y)]
        if not out or out[-1] != p:
            out.append(p)
    if closed and len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def view_json(d: Drawing) -> dict[str, Any]:
    """One view as geometry.json holds it.

    `contours` are every line drawn inside the figure: the details first (face, fingers, toes), then
    the named palpation landmarks; `landmarks` maps each landmark name to its indices in `contours`,
    so the SVG (and any reader) can draw them as their own, lighter layer.
    """
    landmarks: dict[str, list[int]] = {}
    for k, (name, _line) in enumerate(d.landmarks):
        landmarks.setdefault(name, []).append(len(d.contours) + k)
    return {
        "width": d.width,
        "height": d.height,
        "outline": [_pts(p) for p in d.outline],
        "contours": [_pts(c, closed=False) for c in [*d.contours, *(line for _, line in d.landmarks)]],
        "landmarks": landmarks,
        "regions": [{"region": s.region, "side": s.side, "points": _pts(s.points)} for s in d.shapes],
    }


def build_geometry(only: set[str] | None = None) -> dict[str, Any]:
    views = {}
    for vid in VIEW_ORDER:
        if vid in BUILDERS and (not only or vid in only):
            views[vid] = view_json(BUILDERS[vid]())
    return {"views": views}


def catalogue() -> dict[str, Any]:
    with (RESOURCES / "regions.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)  # type: ignore[no-any-return]


def svg_for(view_id: str, view: dict[str, Any]) -> str:
    return render({"id": view_id, **view})


def dumps(geometry: dict[str, Any]) -> str:
    """Compact JSON with one region (or outline / contour line) per line, so diffs stay readable."""

    def j(v: Any) -> str:
        return json.dumps(v, separators=(",", ":"))

    lines = ['{"views": {']
    views = list(geometry["views"].items())
    for i, (vid, v) in enumerate(views):
        lines.append(f'{j(vid)}: {{"width": {j(v["width"])}, "height": {j(v["height"])},')
        for key in ("outline", "contours"):
            lines.append(f"  {j(key)}: [")
            lines += [f"    {j(p)}," for p in v[key]]
            if v[key]:
                lines[-1] = lines[-1].rstrip(",")
            lines.append("  ],")
        lines.append(f'  "landmarks": {j(v["landmarks"])},')
        lines.append('  "regions": [')
        lines += [f"    {j(r)}," for r in v["regions"]]
        if v["regions"]:
            lines[-1] = lines[-1].rstrip(",")
        lines.append("  ]}" + ("," if i < len(views) - 1 else ""))
    lines.append("}}")
    return "\n".join(lines) + "\n"


ONE_SIDED = {"lateral", "head_side", "hand_dorsal", "hand_palmar", "foot_dorsal", "foot_plantar"}


def problems(geometry: dict[str, Any], cat: dict[str, Any] | None = None) -> list[str]:
    """What breaks the contract with regions.yaml: missing regions, unknown ids, wrong sides."""
    cat = cat or catalogue()
    regions = {r["id"]: r for r in cat["regions"]}
    out: list[str] = []
    drawn: dict[str, set[tuple[str, str]]] = {}
    for vid, view in geometry["views"].items():
        drawn[vid] = {(r["region"], r["side"]) for r in view["regions"]}
        for rid, side in drawn[vid]:
            if rid not in regions:
                out.append(f"{vid}: {rid} is not in the catalogue")
            elif (side == "midline") != (regions[rid]["side"] == "midline"):
                out.append(f"{vid}: {rid} drawn as {side} but the catalogue says {regions[rid]['side']}")
    for rid, r in regions.items():
        for vid in (r["view"], *r.get("also_in", [])):
            have = {side for (x, side) in drawn.get(vid, set()) if x == rid}
            if r["side"] == "midline":
                need = {"midline"}
            elif vid in ONE_SIDED:
                need = {"right"}
            else:
                need = {"right", "left"}
            if not need <= have:
                out.append(f"{vid}: {rid} missing side(s) {sorted(need - have)}")
    return out
