"""Drawn zone outlines: a small SVG path reader and the region coverage computed from it.

A zone may be drawn as a closed SVG path in a view's coordinates. The chart draws the path itself
(smooth curves); the pain finder, the quiz and the export keep working on regions, so at load time
each outline is turned into the list of catalogue regions it covers: a region counts when the
outline covers at least `COVER_SHARE` of its drawn area, measured by sampling a grid of points
inside the region (pure Python; an outline is a few dozen points and regions are small, so a load
with a handful of outlines costs milliseconds).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.bodychart.geometry import RegionShape, ViewGeometry, point_in_polygon

Point = tuple[float, float]

COVER_SHARE = 0.30  # a region belongs to an outlined zone when the outline covers >= 30 % of it
SAMPLE_STEP = 2.0  # grid spacing in view units for the coverage estimate (views are 400 wide)
CURVE_STEPS = 12  # straight pieces per curve segment when flattening
MAX_PATH_CHARS = 20_000  # an outline is hand-drawn; anything longer is a mistake or hostile
CLOSE_TOLERANCE = 0.5  # view units: an unclosed path whose ends meet this closely counts as closed

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARG_COUNTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


class OutlineError(ValueError):
    """The path cannot be used; the message is written for the content author."""


@dataclass(frozen=True, slots=True)
class ParsedPath:
    """A path reduced to absolute moves, lines and cubic curves, plus its flattened polygon."""

    commands: str  # normalised "M x y L x y C x1 y1 x2 y2 x y ... Z", for drawing
    points: tuple[Point, ...]  # flattened outline (first point not repeated at the end)
    closed: bool


def parse_path(text: str) -> ParsedPath:
    """Read SVG path data (M L H V C S Q T Z, absolute or relative); one sub-path only."""
    if len(text) > MAX_PATH_CHARS:
        raise OutlineError(f"path is longer than {MAX_PATH_CHARS} characters")
    stripped = re.sub(r"[\s,]+", " ", text).strip()
    tokens = _TOKEN.findall(stripped)
    if not tokens or re.sub(_TOKEN, "", stripped).strip():
        bad = re.sub(_TOKEN, " ", stripped).split()
        raise OutlineError(f"not SVG path data (unexpected {bad[0]!r})" if bad else "path is empty")
    if tokens[0] not in "Mm":
        raise OutlineError("path must start with a move command (M x y)")
    out: list[str] = []
    points: list[Point] = []
    x = y = 0.0
    start: Point = (0.0, 0.0)
    last_ctrl: Point | None = None
    last_cmd = ""
    closed = False
    i = 0
    command = ""
    while i < len(tokens):
        if re.fullmatch(r"[A-Za-z]", tokens[i]):
            command = tokens[i]
            i += 1
            if command in "Zz":
                if closed:
                    raise OutlineError("only one closed shape per outline (several 'Z')")
                closed = True
                x, y = start
                out.append("Z")
                last_cmd = "Z"
                continue
        elif not command or command in "Zz":
            raise OutlineError("numbers after the path was closed")
        if closed:
            raise OutlineError("only one shape per outline: nothing may follow 'Z'")
        upper = command.upper()
        count = _ARG_COUNTS[upper]
        args = tokens[i : i + count]
        if len(args) < count or any(re.fullmatch(r"[A-Za-z]", a) for a in args):
            raise OutlineError(f"'{command}' needs {count} numbers")
        nums = [float(a) for a in args]
        if not all(math.isfinite(n) for n in nums):
            raise OutlineError("path numbers must be finite")
        i += count
        rel = command.islower()
        if upper in "MLT" or upper in "CSQ":
            for k in range(0, count, 2):
                if rel:
                    nums[k] += x
                    nums[k + 1] += y
        elif upper == "H":
            nums = [nums[0] + (x if rel else 0.0), y]
        elif upper == "V":
            nums = [x, nums[0] + (y if rel else 0.0)]
        if upper == "M":
            if points:
                raise OutlineError("only one shape per outline (a second 'M')")
            x, y = nums
            start = (x, y)
            points.append(start)
            out.append(f"M {_n(x)} {_n(y)}")
            command = "l" if rel else "L"  # numbers after M are implicit line-tos
            last_ctrl = None
        elif upper in "LHVT" and upper != "T":
            x, y = nums[0], nums[1]
            points.append((x, y))
            out.append(f"L {_n(x)} {_n(y)}")
            last_ctrl = None
        else:
            if upper == "C":
                c1, c2, end = (nums[0], nums[1]), (nums[2], nums[3]), (nums[4], nums[5])
            elif upper == "S":
                c1 = _reflect(last_ctrl, (x, y)) if last_cmd in "CS" else (x, y)
                c2, end = (nums[0], nums[1]), (nums[2], nums[3])
            else:  # Q or T: quadratic, raised to a cubic
                if upper == "Q":
                    q, end = (nums[0], nums[1]), (nums[2], nums[3])
                else:
                    q = _reflect(last_ctrl, (x, y)) if last_cmd in "QT" else (x, y)
                    end = (nums[0], nums[1])
                c1 = (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y))
                c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            points.extend(_cubic((x, y), c1, c2, end))
            out.append(f"C {_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(end[0])} {_n(end[1])}")
            last_ctrl = q if upper in "QT" else c2
            x, y = end
        last_cmd = upper
    if not closed and points and math.dist(points[0], points[-1]) <= CLOSE_TOLERANCE:
        closed = True
        out.append("Z")
    if len(points) > 1 and math.dist(points[0], points[-1]) <= CLOSE_TOLERANCE:
        points.pop()
    return ParsedPath(" ".join(out), tuple(points), closed)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _reflect(ctrl: Point | None, about: Point) -> Point:
    if ctrl is None:
        return about
    return (2 * about[0] - ctrl[0], 2 * about[1] - ctrl[1])


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    found = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        found.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return found


def polygon_area(points: Sequence[Point]) -> float:
    return abs(sum(points[i - 1][0] * p[1] - p[0] * points[i - 1][1] for i, p in enumerate(points)) / 2)


def region_share(outline: Sequence[Point], shape: RegionShape, step: float = SAMPLE_STEP) -> float:
    """Share (0..1) of a region polygon's area that lies inside the outline, by grid sampling."""
    inside, area = _overlap(outline, shape, step)
    return min(1.0, inside / area) if area else 0.0


def _overlap(outline: Sequence[Point], shape: RegionShape, step: float) -> tuple[float, float]:
    """(estimated area inside both, region area). Only the overlap of the two bounding boxes is
    sampled, so a small outline over a large region costs little."""
    ox = [p[0] for p in outline]
    oy = [p[1] for p in outline]
    x0, y0, x1, y1 = shape.bbox
    left, right = max(x0, min(ox)), min(x1, max(ox))
    top, bottom = max(y0, min(oy)), min(y1, max(oy))
    area = shape.area
    if left >= right or top >= bottom or area <= 0:
        return 0.0, area
    # Tiny regions get a finer grid, so they are measured with a few samples too.
    step = min(step, max(0.25, min(x1 - x0, y1 - y0) / 4))
    hits = 0
    y = top + step / 2
    while y < bottom:
        x = left + step / 2
        while x < right:
            if point_in_polygon(shape.points, x, y) and point_in_polygon(outline, x, y):
                hits += 1
            x += step
        y += step
    return hits * step * step, area


def covered_regions(
    outline: Sequence[Point], view: ViewGeometry, sides: Iterable[str] = ("right", "midline")
) -> tuple[str, ...]:
    """Region ids on `view` (polygons on `sides`) that the outline covers by at least COVER_SHARE.

    Content describes the patient's right side, so outlines are drawn there and compared with the
    right-side and midline polygons; the chart mirrors them like any zone.
    """
    wanted = set(sides)
    sums: dict[str, list[float]] = {}  # region -> [area inside, area]; a region may have several polygons
    for shape in view.regions:
        if shape.side in wanted:
            inside, area = _overlap(outline, shape, SAMPLE_STEP)
            tally = sums.setdefault(shape.region, [0.0, 0.0])
            tally[0] += inside
            tally[1] += area
    return tuple(rid for rid, (inside, area) in sums.items() if area and inside / area >= COVER_SHARE)


def inside_box(points: Sequence[Point], width: float, height: float) -> bool:
    return all(0 <= x <= width and 0 <= y <= height for x, y in points)
