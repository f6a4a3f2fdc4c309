"""SVG rendering of one view, for people and docs (the app draws from geometry.json itself).

Layers, bottom to top, each a `<g>` with an id (and the same class) so a stylesheet or script can
address it:

- `outline`: the skin, filled, no stroke;
- `regions`: one `<path class="region" id="<region>-<side>" data-region data-side>` per region
  cell. Invisible by default (`stroke-opacity="0"`, no fill) but still hit-testable
  (`pointer-events="visible"`); a hovered region shows its border, and adding the class
  `show-regions` to the root `<svg>` (while picking regions) shows every border;
- `details`: lines that belong to the figure (eyes, mouth, ear, fingers, toes);
- `landmarks`: light lines for what students palpate, each `<path class="landmark"
  data-landmark="clavicle">` (the names are geometry.json's `landmarks`);
- `silhouette`: the body's outline on top.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from .geom import Point

SKIN = "#f3e9df"
OUTLINE = "#7d6a5a"
REGION_BORDER = "#b39c88"
DETAIL = "#ad9784"
LANDMARK = "#c2ab97"
THICK = 'stroke-width="1.4" stroke-linejoin="round"'
# Browsers apply these; renderers without CSS interaction (Qt) keep the default look: no borders.
STYLE = (
    "<style>"
    ".regions .region:hover, .show-regions .regions .region { stroke-opacity: 1 }"
    ".regions .region:hover { fill: #b39c88; fill-opacity: 0.18 }"
    "</style>"
)


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
    named = {k: name for name, indices in view.get("landmarks", {}).items() for k in indices}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
        f"<title>Body chart: {view['id']}</title>",
        STYLE,
        f'<g id="outline" class="outline" fill="{SKIN}" stroke="none">',
    ]
    out += [f'<path d="{path_data(p, True)}"/>' for p in view["outline"]]
    out.append("</g>")
    out.append(
        f'<g id="regions" class="regions" fill="none" stroke="{REGION_BORDER}" stroke-width="0.6" '
        'stroke-opacity="0" stroke-linejoin="round" pointer-events="visible">'
    )
    seen: dict[str, int] = {}
    for r in view["regions"]:
        rid = f"{r['region']}-{r['side']}"
        seen[rid] = seen.get(rid, 0) + 1
        if seen[rid] > 1:  # a region drawn in several pieces (the five fingertips)
            rid = f"{rid}-{seen[rid]}"
        out.append(
            f'<path class="region" id={quoteattr(rid)} data-region={quoteattr(r["region"])} '
            f"data-side={quoteattr(r['side'])} "
            f'd="{path_data(r["points"], True)}"/>'
        )
    out.append("</g>")
    contours = list(enumerate(view["contours"]))
    out.append(
        f'<g id="details" class="details" fill="none" stroke="{DETAIL}" stroke-width="0.9" '
        'stroke-linecap="round">'
    )
    out += [f'<path d="{path_data(c, False)}"/>' for k, c in contours if k not in named]
    out.append("</g>")
    out.append(
        f'<g id="landmarks" class="landmarks" fill="none" stroke="{LANDMARK}" stroke-width="0.8" '
        'stroke-linecap="round" stroke-linejoin="round">'
    )
    out += [
        f'<path class="landmark" data-landmark={quoteattr(named[k])} d="{path_data(c, False)}"/>'
        for k, c in contours
        if k in named
    ]
    out.append("</g>")
    out.append(f'<g id="silhouette" class="silhouette" fill="none" stroke="{OUTLINE}" {THICK}>')
    out += [f'<path d="{path_data(p, True)}"/>' for p in view["outline"]]
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
