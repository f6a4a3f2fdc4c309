"""SVG rendering of one view, for people and docs (the app draws from geometry.json itself)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from .geom import Point

SKIN = "#f3e9df"
OUTLINE = "#7d6a5a"
REGION_BORDER = "#dccbbb"
CONTOUR = "#ad9784"
THIN = 'stroke-width="0.45" stroke-linejoin="round"'
THICK = 'stroke-width="1.4" stroke-linejoin="round"'


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_data(points: Sequence[Point], closed: bool) -> str:
    head, *rest = points
    d = f"M{_fmt(head[0])} {_fmt(head[1])}" + "".join(f"L{_fmt(x)} {_fmt(y)}" for x, y in rest)
    return d + ("Z" if closed else "")


def render(view: dict) -> str:  # type: ignore[type-arg]
    """One view of geometry.json as a standalone SVG document."""
    w, h = view["width"], view["height"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
        f"<title>Body chart: {view['id']}</title>",
        f'<g id="outline" fill="{SKIN}" stroke="none">',
    ]
    out += [f'<path d="{path_data(p, True)}"/>' for p in view["outline"]]
    out.append("</g>")
    out.append(f'<g id="regions" fill="none" stroke="{REGION_BORDER}" {THIN}>')
    seen: dict[str, int] = {}
    for r in view["regions"]:
        rid = f"{r['region']}-{r['side']}"
        seen[rid] = seen.get(rid, 0) + 1
        if seen[rid] > 1:  # a region drawn in several pieces (the five fingertips)
            rid = f"{rid}-{seen[rid]}"
        out.append(
            f"<path id={quoteattr(rid)} data-region={quoteattr(r['region'])} "
            f"data-side={quoteattr(r['side'])} "
            f'd="{path_data(r["points"], True)}"/>'
        )
    out.append("</g>")
    out.append(f'<g id="contours" fill="none" stroke="{CONTOUR}" stroke-width="0.9" stroke-linecap="round">')
    out += [f'<path d="{path_data(c, False)}"/>' for c in view["contours"]]
    out.append("</g>")
    out.append(f'<g id="silhouette" fill="none" stroke="{OUTLINE}" {THICK}>')
    out += [f'<path d="{path_data(p, True)}"/>' for p in view["outline"]]
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
