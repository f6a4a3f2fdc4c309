"""Write a point file in the house style from Python records (used while authoring the channels).

Authors describe points as dicts (see the keys of studyapp.content.acupoints.POINT); `emit_points`
returns YAML text with the block style the rest of resources/acupoints uses, so a generated file
reads like a hand-written one. The YAML files stay the source of truth; this only saves typing.
"""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 100


def _q(text: str) -> str:
    """Quote a scalar when plain YAML would misread it."""
    risky = any(c in text for c in ":#,[]{}&*!|>'\"%@`") or text != text.strip() or not text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if risky else text


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _folded(key: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    body = textwrap.wrap(" ".join(text.split()), WIDTH - indent - 2)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in body)]


def _list_block(key: str, items: list[str], indent: int) -> list[str]:
    pad = " " * indent
    out = [f"{pad}{key}:"]
    for item in items:
        text = " ".join(item.split())
        quoted = _q(text)  # a quoted scalar may run over several lines; its line breaks read as spaces
        lines = textwrap.wrap(quoted, WIDTH - indent - 4)
        out.append(f"{pad}  - {lines[0]}")
        out += [f"{pad}    {line}" for line in lines[1:]]
    return out


def emit_point(p: dict[str, Any]) -> list[str]:
    out = [f"  - code: {p['code']}"]
    for key in ("pinyin", "han", "english"):
        out.append(f"    {key}: {_q(p[key])}")
    if p.get("aliases"):
        out.append(f"    aliases: {_flow_list(p['aliases'])}")
    out += _folded("location", p["location"], 4)
    out.append("    structures:")
    for key in ("muscles", "other", "nerves", "vessels"):
        if p["structures"].get(key):
            out.append(f"      {key}: {_flow_list(p['structures'][key])}")
    n = p["needling"]
    out += ["    needling:", f"      angle: {_q(n['angle'])}", f"      depth: {_q(n['depth'])}"]
    out += _list_block("cautions", n["cautions"], 6)
    if p.get("categories"):
        out.append("    categories: [" + ", ".join(f'"{c}"' for c in p["categories"]) + "]")
    markers = ", ".join(f"{view}: [{x:g}, {y:g}]" for view, (x, y) in p["markers"].items())
    out.append(f"    markers: {{{markers}}}")
    out.append(f"    sources: {_flow_list(p['sources'])}")
    if p.get("notes"):
        out += _list_block("notes", p["notes"], 4)
    return out


def emit_points(points: list[dict[str, Any]]) -> str:
    lines = ["points:"]
    for p in points:
        lines += emit_point(p)
    return "\n".join(lines) + "\n"
