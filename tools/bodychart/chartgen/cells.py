"""Named cells that are cut with knives until every cell is one catalogue region.

A drawing starts as one polygon (say the right half of the body). Each cut splits one named cell
in two along a smooth polyline; the two parts get new names. What is left at the end is a set of
polygons that tile the starting polygon exactly.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .geom import CutError, Point, Poly, centroid, split


def _dump(name: str, poly: Sequence[Point], knife: Sequence[Point]) -> None:
    """With BODYCHART_DEBUG=folder set, draw a failed cut there so it can be looked at."""
    folder = os.environ.get("BODYCHART_DEBUG")
    if not folder:
        return
    xs = [p[0] for p in (*poly, *knife)]
    ys = [p[1] for p in (*poly, *knife)]
    x0, y0, w, h = min(xs) - 5, min(ys) - 5, max(xs) - min(xs) + 10, max(ys) - min(ys) + 10

    def d(pts: Sequence[Point]) -> str:
        return "M" + "L".join(f"{x:.2f} {y:.2f}" for x, y in pts)

    Path(folder, f"cut-{name}.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {w} {h}" '
        f'width="800" height="{800 * h / w:.0f}">'
        f'<path d="{d(poly)}Z" fill="#eee" stroke="#000" stroke-width="0.3"/>'
        f'<path d="{d(knife)}" fill="none" stroke="red" stroke-width="0.3"/></svg>'
    )


class Cells:
    def __init__(self, **cells: Poly) -> None:
        self.cells: dict[str, Poly] = dict(cells)

    def __contains__(self, name: str) -> bool:
        return name in self.cells

    def take(self, name: str) -> Poly:
        if name not in self.cells:
            raise KeyError(f"no cell named {name!r}; cells: {sorted(self.cells)}")
        return self.cells.pop(name)

    def put(self, name: str, poly: Poly) -> None:
        if name in self.cells:
            raise KeyError(f"cell {name!r} already exists")
        self.cells[name] = poly

    def _split(self, name: str, knife: Sequence[Point]) -> tuple[Poly, Poly]:
        poly = self.take(name)
        try:
            return split(poly, knife)
        except CutError as exc:
            _dump(name, poly, knife)
            raise CutError(f"cutting {name!r}: {exc}") from None

    def hcut(self, name: str, knife: Sequence[Point], top: str, bottom: str) -> None:
        """Split with a roughly horizontal knife: the part higher on the page is `top`."""
        a, b = self._split(name, knife)
        if centroid(a)[1] > centroid(b)[1]:
            a, b = b, a
        self.put(top, a)
        self.put(bottom, b)

    def vcut(self, name: str, knife: Sequence[Point], left: str, right: str) -> None:
        """Split with a roughly vertical knife: the part further left on the page is `left`."""
        a, b = self._split(name, knife)
        if centroid(a)[0] > centroid(b)[0]:
            a, b = b, a
        self.put(left, a)
        self.put(right, b)

    def cut_off(self, name: str, knife: Sequence[Point], piece: str, rest: str, near: Point) -> None:
        """Split off the part nearer to `near` (by centroid) as `piece`; the other part is `rest`."""
        a, b = self._split(name, knife)
        da = (centroid(a)[0] - near[0]) ** 2 + (centroid(a)[1] - near[1]) ** 2
        db = (centroid(b)[0] - near[0]) ** 2 + (centroid(b)[1] - near[1]) ** 2
        if db < da:
            a, b = b, a
        self.put(piece, a)
        self.put(rest, b)

    def rows(self, name: str, knives: Sequence[Sequence[Point]], names: Sequence[str]) -> None:
        """Cut into len(knives)+1 horizontal slices, top to bottom."""
        if len(names) != len(knives) + 1:
            raise ValueError("rows() needs one more name than knives")
        rest = name
        for k, knife in enumerate(knives):
            nxt = names[k + 1] if k == len(knives) - 1 else f"{name}~{k}"
            self.hcut(rest, knife, names[k], nxt)
            rest = nxt

    def cols(self, name: str, knives: Sequence[Sequence[Point]], names: Sequence[str]) -> None:
        """Cut into len(knives)+1 vertical slices, left to right."""
        if len(names) != len(knives) + 1:
            raise ValueError("cols() needs one more name than knives")
        rest = name
        for k, knife in enumerate(knives):
            nxt = names[k + 1] if k == len(knives) - 1 else f"{name}~{k}"
            self.vcut(rest, knife, names[k], nxt)
            rest = nxt

    def rename(self, old: str, new: str) -> None:
        self.put(new, self.take(old))

    def items(self) -> list[tuple[str, Poly]]:
        return list(self.cells.items())
