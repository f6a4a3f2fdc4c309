"""What one view of the chart is made of, and how half-figures become whole ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .cells import Cells
from .geom import MID, Affine, Poly, apply, area, merge_midline, mirror, mirror_line

Landmark = tuple[str, Poly]  # (what it is, e.g. "clavicle"; an open line or a closed ring)


@dataclass
class Shape:
    region: str
    side: str  # "right", "left" or "midline"
    points: Poly


@dataclass
class Drawing:
    view: str
    width: float
    height: float
    outline: list[Poly] = field(default_factory=list)
    contours: list[Poly] = field(default_factory=list)  # details drawn with the figure (face, fingers)
    shapes: list[Shape] = field(default_factory=list)
    landmarks: list[Landmark] = field(default_factory=list)  # light palpation lines, named


@dataclass
class Piece:
    """Regions, silhouette path and contour lines of a body part, in some coordinate frame."""

    shapes: list[Shape] = field(default_factory=list)
    contours: list[Poly] = field(default_factory=list)

    def transformed(self, m: Affine) -> Piece:
        shapes = []
        for s in self.shapes:
            pts = apply(m, s.points)
            if (area(pts) > 0) != (area(s.points) > 0):
                pts.reverse()  # keep one winding for every shape
            shapes.append(Shape(s.region, s.side, pts))
        return Piece(shapes, [apply(m, c) for c in self.contours])


def one_side(cells: Cells, side: str = "right") -> list[Shape]:
    """Cells of a one-sided drawing (lateral, close-ups): every cell is a region of that side."""
    return [Shape(name, side, poly) for name, poly in cells.items()]


def both_sides(cells: Cells, midline: set[str], drawn_side_is_right: bool = True) -> list[Shape]:
    """Cells of one half of a symmetric drawing, completed with the mirrored other half.

    Cells named after a midline region are joined with their mirror image into one shape.
    """
    near, far = ("right", "left") if drawn_side_is_right else ("left", "right")
    shapes: list[Shape] = []
    for name, poly in cells.items():
        if name in midline:
            shapes.append(Shape(name, "midline", merge_midline(poly)))
        else:
            shapes.append(Shape(name, near, poly))
            shapes.append(Shape(name, far, mirror(poly)))
    return shapes


def mirrored_contours(lines: Iterable[Poly], cx: float = MID) -> list[Poly]:
    out: list[Poly] = []
    for line in lines:
        out.append(line)
        out.append(mirror_line(line, cx))
    return out


def mirrored_landmarks(lines: Iterable[Landmark], cx: float = MID) -> list[Landmark]:
    """Each named line of one half, followed by its mirror image under the same name."""
    return [(name, line) for name, half in lines for line in (half, mirror_line(half, cx))]
