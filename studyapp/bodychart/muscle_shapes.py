"""Where each muscle lies on the body chart: one drawn shape per (muscle, view), read from data.

resources/bodychart/muscles/<area>.yaml maps a muscle id to the views where the muscle can be seen
or felt. Each entry names how deep it lies (`superficial` muscles are filled, `deep` ones dashed)
and its attachments, in the view's coordinates on the patient's right side (the UI mirrors):

    gluteus_medius:
      posterior:
        depth: deep
        origin: [[222, 440], [258, 431], [282, 437]]   # one point or a short line on the bone
        insertion: [[290, 489]]
        width: 5            # extra half-width of the belly at its middle (view units)
        via: [[270, 462]]   # optional: the belly's axis bends through these points
      lateral:
        depth: superficial
        origin: ...
        outline: [[x, y], ...]   # or: control points of a smooth closed outline
        # path: "M ... Z"        # or: a closed SVG path, for shapes the two rules cannot give
        off_shape: {tp2: "why the manual puts this trigger point off the belly"}

Without `outline`/`path` the shape is generated: its two edges run from the ends of the origin to
the ends of the insertion along the axis, bulging by `width` in the middle; a point origin or
insertion tapers to a short tendon. That gives a fusiform belly (point to point), a fan (line to
point) or a strap (line to line) from a handful of numbers that are easy to check against anatomy.

Pure core: no Qt. The drawing helper lives in studyapp/ui/bodychart_muscles.py.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from studyapp.bodychart.geometry import Geometry, ViewGeometry, load_geometry, point_in_polygon
from studyapp.content.files import PathKey, Problem, YamlDoc, field_name
from studyapp.content.outline import OutlineError, parse_path
from studyapp.paths import resource

Point = tuple[float, float]

DEPTHS = ("superficial", "deep")
FIGURE_TOLERANCE = 4.0  # view units: an attachment or outline point may sit this far outside the skin
TENDON = 0.9  # half-width of a tendon where a muscle attaches at a single point (view units)
SAMPLES = 28  # points along each edge of a generated shape
SPLINE_STEPS = 6  # points per control-point span of a smooth `outline`
MAX_SIDE = 24.0  # view units: longer sides of an `outline` are split before smoothing
MAX_POINTS = 200  # an attachment line or outline is hand-written; more points is a mistake
FIBRES = 5  # fibre-direction lines offered to the painter
# The whole-body views draw the head as the head close-ups scaled down: these are the generator's
# affine maps (a, b, c, d, e, f: x' = a x + b y + c, y' = d x + e y + f), tools/bodychart/chartgen
# body.HEAD_MAP and head_side.LATERAL_MAP; tests/test_muscle_shapes.py checks they still match.
CLOSE_UP_MAPS: Mapping[tuple[str, str], tuple[float, float, float, float, float, float]] = MappingProxyType(
    {
        ("anterior", "head_front"): (
            120 / 340,
            0.0,
            200 - 200 * 120 / 340,
            0.0,
            120 / 340,
            20 - 30 * 120 / 340,
        ),
        ("lateral", "head_side"): (120 / 340, 0.0, 134.41176470588235, 0.0, 120 / 340, 20 - 30 * 120 / 340),
    }
)
_KEYS = frozenset({"depth", "origin", "insertion", "width", "via", "outline", "path", "off_shape"})


class MuscleShapeError(ValueError):
    """The shape data has problems; `problems` lists each with file, line and field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class MuscleShape:
    """One muscle drawn on one view (patient's right side)."""

    muscle: str
    view: str
    depth: str  # "superficial" | "deep"
    origin: tuple[Point, ...]
    insertion: tuple[Point, ...]
    points: tuple[Point, ...]  # closed outline polygon (first point not repeated)
    path: str  # the same outline as SVG path data ("M x y L ... Z"), for drawing and export
    fibres: tuple[tuple[Point, ...], ...]  # fibre-direction polylines, origin side first
    view_width: float = 400.0  # mirrored x is view_width - x (the left side, or a mirrored view)
    off_shape: Mapping[str, str] = field(default_factory=dict)  # trigger point id -> reason
    source: str = ""  # "file:line", so a test failure points at the data

    def contains(self, x: float, y: float) -> bool:
        return point_in_polygon(self.points, x, y)

    def distance(self, x: float, y: float) -> float:
        """0 inside the outline, otherwise the distance to its nearest edge (view units)."""
        if self.contains(x, y):
            return 0.0
        return distance_to_outline(self.points, (x, y))

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True, slots=True)
class MuscleShapes:
    """Every drawn muscle: id -> view -> shape."""

    by_muscle: Mapping[str, Mapping[str, MuscleShape]]

    def shapes_for(self, muscle_id: str) -> dict[str, MuscleShape]:
        return dict(self.by_muscle.get(muscle_id, {}))

    def on_view(self, view: str) -> list[MuscleShape]:
        return [views[view] for views in self.by_muscle.values() if view in views]


def default_folder() -> Path:
    return resource("bodychart", "muscles")


def atlas_muscle_ids(root: Path | None = None) -> frozenset[str]:
    """Muscle ids of the bundled atlas, from the file names (each record is named after its id)."""
    folder = root or resource("muscles")
    return frozenset(path.stem for path in folder.glob("*/*.yaml"))


def load_muscle_shapes(
    folder: Path | None = None,
    *,
    muscle_ids: Iterable[str] | None = None,
    geometry: Geometry | None = None,
) -> tuple[MuscleShapes, list[Problem]]:
    """Read every <area>.yaml in `folder`; shapes with problems are left out and reported."""
    from studyapp.content.yamlfile import read_yaml  # here: the window opens before a muscle is shown

    folder = folder or default_folder()
    known = frozenset(muscle_ids) if muscle_ids is not None else atlas_muscle_ids()
    geometry = geometry or load_geometry()
    problems: list[Problem] = []
    found: dict[str, dict[str, MuscleShape]] = {}
    masks: dict[str, FigureMask] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = read_yaml(path, _display(path, folder))
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        _read_file(doc, known, geometry, found, problems, masks)
    frozen = {m: MappingProxyType(views) for m, views in found.items()}
    return MuscleShapes(MappingProxyType(frozen)), problems


CACHE_NAME = "muscle-shapes-cache.json"
CACHE_FORMAT = "studyapp-muscle-shapes-cache"
_cache_folder: list[Path] = []  # where `keep_cache_in` put it; empty: no cache


def keep_cache_in(folder: Path | None) -> None:
    """Keep the checked bundled shapes in `folder` (the app's data folder) between starts.

    Reading and checking every shape file takes about 240 ms; the cache, the atlas cache's format
    (JSON, checksummed, keyed on every bundled file and the code), about a tenth of that.
    """
    _cache_folder[:] = [] if folder is None else [folder]


@cache
def default_shapes() -> MuscleShapes:
    """The bundled shapes; bad bundled data is a bug, so it raises instead of hiding shapes."""
    from studyapp.content import cache as checked_cache

    target = _cache_folder[0] / CACHE_NAME if _cache_folder else None
    key = None
    if target is not None:
        try:
            key = checked_cache.content_key(resource())
            cached = checked_cache.read_value(target, key, MuscleShapes, CACHE_FORMAT)
        except (OSError, checked_cache.CacheError):
            cached = None
        if isinstance(cached, MuscleShapes):
            frozen = {m: MappingProxyType(dict(views)) for m, views in cached.by_muscle.items()}
            return MuscleShapes(MappingProxyType(frozen))
    shapes, problems = load_muscle_shapes()
    if problems:
        raise MuscleShapeError(problems)
    if target is not None and key is not None:
        checked_cache.write_cache(target, key, shapes, CACHE_FORMAT)
    return shapes


def shapes_for(muscle_id: str) -> dict[str, MuscleShape]:
    """view id -> shape for one muscle of the bundled atlas (empty when it has none)."""
    return default_shapes().shapes_for(muscle_id)


def _display(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder.parents[1]))
    except (ValueError, IndexError):
        return path.name


class _Reporter:
    def __init__(self, doc: YamlDoc, problems: list[Problem], masks: dict[str, FigureMask]) -> None:
        self.doc = doc
        self.problems = problems
        self.masks = masks

    def mask(self, view: ViewGeometry) -> FigureMask:
        if view.id not in self.masks:
            self.masks[view.id] = FigureMask(view)
        return self.masks[view.id]

    def __call__(self, key: PathKey, message: str) -> None:
        self.problems.append(Problem(self.doc.display, self.doc.line_of(key), field_name(key), message))


def _read_file(
    doc: YamlDoc,
    known: frozenset[str],
    geometry: Geometry,
    found: dict[str, dict[str, MuscleShape]],
    problems: list[Problem],
    masks: dict[str, FigureMask],
) -> None:
    report = _Reporter(doc, problems, masks)
    data = doc.data
    if not isinstance(data, dict):
        report((), "must be a mapping with 'schema' and 'muscles'")
        return
    if data.get("schema") != 1:
        report(("schema",), "must be 1")
    muscles = data.get("muscles")
    if not isinstance(muscles, dict):
        report(("muscles",), "must map muscle ids to views")
        return
    for muscle_id, views in muscles.items():
        key: PathKey = ("muscles", str(muscle_id))
        if str(muscle_id) not in known:
            report(key, f"unknown muscle id {muscle_id!r}")
            continue
        if not isinstance(views, dict) or not views:
            report(key, "must map view ids to shapes")
            continue
        # Entries copied from a close-up (`same_as`) are read last, so their source is there.
        ordered = sorted(views.items(), key=lambda item: isinstance(item[1], dict) and "same_as" in item[1])
        for view_id, entry in ordered:
            vkey = (*key, str(view_id))
            view = geometry.views.get(str(view_id))
            if view is None:
                report(vkey, f"unknown view {view_id!r} (views: {', '.join(geometry.views)})")
                continue
            if str(view_id) in found.get(str(muscle_id), {}):
                report(vkey, "this muscle already has a shape on this view (in another file)")
                continue
            if isinstance(entry, dict) and "same_as" in entry:
                shape = _copied_shape(
                    str(muscle_id), view, entry, found.get(str(muscle_id), {}), vkey, report
                )
            else:
                shape = _read_shape(str(muscle_id), view, entry, vkey, report)
            if shape is not None:
                found.setdefault(str(muscle_id), {})[view.id] = shape


def _copied_shape(
    muscle: str,
    view: ViewGeometry,
    entry: dict[str, Any],
    done: Mapping[str, MuscleShape],
    key: PathKey,
    report: _Reporter,
) -> MuscleShape | None:
    """The shape of a close-up carried onto the whole-body view that reuses that close-up's drawing."""
    source = entry.get("same_as")
    for name in entry:
        if name not in ("same_as", "depth", "off_shape"):
            report((*key, str(name)), "with 'same_as' only 'depth' and 'off_shape' may be given")
            return None
    pair = (view.id, str(source))
    if pair not in CLOSE_UP_MAPS:
        allowed = ", ".join(f"{target}: same_as {src}" for target, src in CLOSE_UP_MAPS)
        report((*key, "same_as"), f"no figure map from {source!r} to {view.id!r} (available: {allowed})")
        return None
    original = done.get(str(source))
    if original is None:
        report((*key, "same_as"), f"this muscle has no shape on {source!r} to copy")
        return None
    depth = entry.get("depth", original.depth)
    if depth not in DEPTHS:
        report((*key, "depth"), f"must be one of {', '.join(DEPTHS)}")
        return None
    off_shape = entry.get("off_shape", original.off_shape)
    if not isinstance(off_shape, Mapping) or not all(
        isinstance(v, str) and v.strip() for v in off_shape.values()
    ):
        report((*key, "off_shape"), "must map trigger point ids to a reason")
        return None
    m = CLOSE_UP_MAPS[pair]

    def move(points: Iterable[Point]) -> tuple[Point, ...]:
        return tuple(
            (round(m[0] * x + m[1] * y + m[2], 2), round(m[3] * x + m[4] * y + m[5], 2)) for x, y in points
        )

    points = report.mask(view).keep_inside(move(original.points))
    return MuscleShape(
        muscle=muscle,
        view=view.id,
        depth=str(depth),
        origin=move(original.origin),
        insertion=move(original.insertion),
        points=points,
        path=svg_path(points),
        fibres=tuple(move(line) for line in original.fibres),
        view_width=view.width,
        off_shape=MappingProxyType({str(k): str(v) for k, v in off_shape.items()}),
        source=f"{report.doc.display}:{report.doc.line_of(key) or 0}",
    )


def _read_shape(
    muscle: str, view: ViewGeometry, entry: Any, key: PathKey, report: _Reporter
) -> MuscleShape | None:
    if not isinstance(entry, dict):
        report(key, "must be a mapping (depth, origin, insertion, width or outline or path)")
        return None
    count = len(report.problems)
    for name in entry:
        if name not in _KEYS:
            report((*key, str(name)), f"unknown field (allowed: {', '.join(sorted(_KEYS))})")
    depth = entry.get("depth")
    if depth not in DEPTHS:
        report((*key, "depth"), f"must be one of {', '.join(DEPTHS)}")
    origin = _points(entry.get("origin"), (*key, "origin"), view, report, required=True)
    insertion = _points(entry.get("insertion"), (*key, "insertion"), view, report, required=True)
    via = _points(entry.get("via", []), (*key, "via"), view, report, required=False)
    off_shape = entry.get("off_shape", {})
    if not isinstance(off_shape, dict) or not all(
        isinstance(v, str) and v.strip() for v in off_shape.values()
    ):
        report((*key, "off_shape"), "must map trigger point ids to a reason")
        off_shape = {}
    drawn = [name for name in ("width", "outline", "path") if name in entry]
    if len(drawn) != 1:
        report(
            key, "give exactly one of 'width' (generated belly), 'outline' (smooth points) or 'path' (SVG)"
        )
    width = entry.get("width", 0.0)
    if "width" in entry and (
        isinstance(width, bool) or not isinstance(width, int | float) or not 0 <= width <= 200
    ):
        report((*key, "width"), "must be a number of view units from 0 to 200")
    if len(report.problems) > count or origin is None or insertion is None:
        return None
    points: tuple[Point, ...]
    if "outline" in entry:
        control = _points(entry["outline"], (*key, "outline"), view, report, required=True)
        if control is None:
            return None
        if len(control) < 3:
            report((*key, "outline"), "needs at least 3 points")
            return None
        points = smooth_closed(control)
    elif "path" in entry:
        text = entry["path"]
        if not isinstance(text, str):
            report((*key, "path"), "must be SVG path data (a string)")
            return None
        try:
            parsed = parse_path(text)
        except OutlineError as exc:
            report((*key, "path"), str(exc))
            return None
        if not parsed.closed:
            report((*key, "path"), "path is not closed (end it with Z)")
            return None
        points = parsed.points
        outside = _first_outside(points, view)
        if outside is not None:
            report((*key, "path"), f"point ({outside[0]:g}, {outside[1]:g}) lies outside the figure")
            return None
    else:
        points = generated_outline(origin, insertion, float(width), via or ())
    points = report.mask(view).keep_inside(points)
    return MuscleShape(
        muscle=muscle,
        view=view.id,
        depth=str(depth),
        origin=origin,
        insertion=insertion,
        points=points,
        path=svg_path(points),
        fibres=fibre_lines(
            origin, insertion, float(width) if drawn == ["width"] else None, via or (), points
        ),
        view_width=view.width,
        off_shape=MappingProxyType({str(k): str(v) for k, v in off_shape.items()}),
        source=f"{report.doc.display}:{report.doc.line_of(key) or 0}",
    )


def _points(
    raw: Any, key: PathKey, view: ViewGeometry, report: _Reporter, *, required: bool
) -> tuple[Point, ...] | None:
    if raw is None:
        if required:
            report(key, "is required: a list of [x, y] points")
        return None
    if (
        not isinstance(raw, list)
        or (required and not raw)
        or len(raw) > MAX_POINTS
        or not all(
            isinstance(p, list)
            and len(p) == 2
            and all(isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c) for c in p)
            for p in raw
        )
    ):
        report(key, f"must be a list of 1 to {MAX_POINTS} [x, y] points")
        return None
    points = tuple((float(p[0]), float(p[1])) for p in raw)
    outside = _first_outside(points, view)
    if outside is not None:
        report(key, f"point ({outside[0]:g}, {outside[1]:g}) lies outside the figure of view {view.id!r}")
        return None
    return points


class FigureMask:
    """Fast inside-the-skin tests for one view, from the silhouette's crossings with every unit row
    and column (a figure has a few thousand outline points; a shape test must not walk them all).

    `keep_inside` moves outline points that overshoot the skin by a little (an author places
    attachments on the skin's edge; a bulging belly may pass it) onto the skin, so a muscle never
    paints over the background. Points are checked against each silhouette polygon separately,
    because the lateral view's arm polygon overlaps the trunk.
    """

    INSET = 0.3  # view units inside the skin line, so the outline stroke does not cover it

    def __init__(self, view: ViewGeometry) -> None:
        self.rows: list[dict[int, list[float]]] = []
        self.cols: list[dict[int, list[float]]] = []
        for poly in view.outline:
            self.rows.append(_crossings(poly, vertical=False))
            self.cols.append(_crossings(poly, vertical=True))

    def inside(self, point: Point) -> bool:
        x, y = point
        return any(bisect.bisect_left(row.get(round(y), []), x) % 2 == 1 for row in self.rows)

    def keep_inside(self, points: Sequence[Point]) -> tuple[Point, ...]:
        return tuple(p if self.inside(p) else self._snap(p) for p in points)

    def _snap(self, point: Point) -> Point:
        x, y = point
        best: tuple[float, Point] | None = None
        for rows, cols in zip(self.rows, self.cols, strict=True):
            for xc in rows.get(round(y), []):
                step = math.copysign(self.INSET, xc - x)
                candidate = (round(xc + step, 2), y)
                if best is None or abs(xc - x) < best[0]:
                    best = (abs(xc - x), candidate)
            for yc in cols.get(round(x), []):
                step = math.copysign(self.INSET, yc - y)
                candidate = (x, round(yc + step, 2))
                if best is None or abs(yc - y) < best[0]:
                    best = (abs(yc - y), candidate)
        return best[1] if best is not None and best[0] <= FIGURE_TOLERANCE * 3 else point


def _crossings(poly: Sequence[Point], *, vertical: bool) -> dict[int, list[float]]:
    """Integer row (or column) -> sorted positions where the polygon's edges cross it."""
    out: dict[int, list[float]] = {}
    for i, a in enumerate(poly):
        b = poly[i - 1]
        (u1, v1), (u2, v2) = ((a[1], a[0]), (b[1], b[0])) if vertical else (a, b)
        low, high = min(v1, v2), max(v1, v2)
        for line in range(math.ceil(low), math.floor(high) + 1):
            if (v1 > line) != (v2 > line):
                out.setdefault(line, []).append(u1 + (line - v1) * (u2 - u1) / (v2 - v1))
    for values in out.values():
        values.sort()
    return out


def inside_figure(view: ViewGeometry, point: Point, tolerance: float = FIGURE_TOLERANCE) -> bool:
    """Inside any silhouette polygon of the view, or within `tolerance` of its edge."""
    if any(point_in_polygon(poly, *point) for poly in view.outline):
        return True
    return any(distance_to_outline(poly, point) <= tolerance for poly in view.outline)


def _first_outside(points: Iterable[Point], view: ViewGeometry) -> Point | None:
    for point in points:
        if not inside_figure(view, point):
            return point
    return None


# --- geometry of the generated shapes -------------------------------------------------------------


def distance_to_outline(points: Sequence[Point], p: Point) -> float:
    """Distance from p to the nearest edge of a closed polygon."""
    best = math.inf
    for i, a in enumerate(points):
        b = points[(i + 1) % len(points)]
        best = min(best, _segment_distance(a, b, p))
    return best


def _segment_distance(a: Point, b: Point, p: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _mean(points: Sequence[Point]) -> Point:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def catmull_rom(control: Sequence[Point], steps: int, *, closed: bool) -> list[Point]:
    """Centripetal Catmull-Rom through the control points (smooth, no overshoot loops)."""
    n = len(control)
    if n < 2:
        return list(control)
    pts = list(control)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
    else:
        first = (2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])
        last = (2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])
        ext = [first, *pts, last]
    out: list[Point] = []
    spans = n if closed else n - 1
    for i in range(spans):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        out.extend(_cr_span(p0, p1, p2, p3, steps))
    if not closed:
        out.append(pts[-1])
    return out


def _cr_span(p0: Point, p1: Point, p2: Point, p3: Point, steps: int) -> list[Point]:
    def knot(t: float, a: Point, b: Point) -> float:
        return t + max(math.dist(a, b), 1e-6) ** 0.5

    t0 = 0.0
    t1 = knot(t0, p0, p1)
    t2 = knot(t1, p1, p2)
    t3 = knot(t2, p2, p3)
    out: list[Point] = []
    for k in range(steps):
        t = t1 + (t2 - t1) * k / steps

        a1, a2, a3 = _lerp(p0, p1, t, t0, t1), _lerp(p1, p2, t, t1, t2), _lerp(p2, p3, t, t2, t3)
        b1, b2 = _lerp(a1, a2, t, t0, t2), _lerp(a2, a3, t, t1, t3)
        out.append(_lerp(b1, b2, t, t1, t2))
    return out


def _lerp(a: Point, b: Point, t: float, ta: float, tb: float) -> Point:
    w = (t - ta) / (tb - ta)
    return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)


def smooth_closed(control: Sequence[Point]) -> tuple[Point, ...]:
    """A smooth closed curve through the control points. Long sides are split first, so a straight
    side (the midline edge of rectus abdominis) stays straight instead of bulging between corners."""
    return tuple(catmull_rom(_split_long(control), SPLINE_STEPS, closed=True))


def _split_long(control: Sequence[Point]) -> list[Point]:
    out: list[Point] = []
    for k, a in enumerate(control):
        b = control[(k + 1) % len(control)]
        out.append(a)
        pieces = math.ceil(math.dist(a, b) / MAX_SIDE)
        out.extend(
            (a[0] + (b[0] - a[0]) * j / pieces, a[1] + (b[1] - a[1]) * j / pieces) for j in range(1, pieces)
        )
    return out


def _axis(origin: Sequence[Point], insertion: Sequence[Point], via: Sequence[Point]) -> list[Point]:
    """SAMPLES+1 points along the belly's axis, evenly spaced by arc length."""
    control = [_mean(origin), *via, _mean(insertion)]
    dense = catmull_rom(control, 16, closed=False) if len(control) > 2 else control
    lengths = [0.0]
    for a, b in itertools.pairwise(dense):
        lengths.append(lengths[-1] + math.dist(a, b))
    total = lengths[-1] or 1.0
    out: list[Point] = []
    j = 0
    for k in range(SAMPLES + 1):
        target = total * k / SAMPLES
        while j < len(dense) - 2 and lengths[j + 1] < target:
            j += 1
        span = lengths[j + 1] - lengths[j] or 1.0
        w = max(0.0, min(1.0, (target - lengths[j]) / span))
        a, b = dense[j], dense[j + 1]
        out.append((a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w))
    return out


def _normals(axis: Sequence[Point]) -> list[Point]:
    out: list[Point] = []
    for k in range(len(axis)):
        a = axis[max(0, k - 1)]
        b = axis[min(len(axis) - 1, k + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        out.append((-dy / length, dx / length))
    return out


def _ends(points: Sequence[Point], centre: Point, normal: Point) -> list[tuple[float, Point]]:
    """Attachment points sorted across the axis, with their signed offset along the normal."""
    return sorted(((p[0] - centre[0]) * normal[0] + (p[1] - centre[1]) * normal[1], p) for p in points)


def _belly(s: float) -> float:
    """0 at both ends, 1 in the middle, flat-topped so the belly is full and the tendons short."""
    return math.sin(math.pi * s) ** 0.8


def generated_outline(
    origin: Sequence[Point], insertion: Sequence[Point], width: float, via: Sequence[Point] = ()
) -> tuple[Point, ...]:
    """Closed outline from the attachments: the edges run from the ends of the origin to the ends
    of the insertion, following the axis and bulging by `width` at the middle."""
    left, right, inner_i, inner_o = _edges(origin, insertion, width, via)
    return tuple(_dedupe([*left, *inner_i, *reversed(right), *reversed(inner_o)]))


def _edges(
    origin: Sequence[Point], insertion: Sequence[Point], width: float, via: Sequence[Point]
) -> tuple[list[Point], list[Point], list[Point], list[Point]]:
    """(left edge, right edge, inner insertion points, inner origin points) of a generated shape."""
    axis = _axis(origin, insertion, via)
    normals = _normals(axis)
    o = _ends(origin, axis[0], normals[0])
    i = _ends(insertion, axis[-1], normals[-1])
    # The edges start on the outermost attachment points, offset a tendon's width when the
    # attachment is a single point, so a point-to-point muscle still has a visible tendon.
    o_lo, o_hi = min(o[0][0], -TENDON), max(o[-1][0], TENDON)
    i_lo, i_hi = min(i[0][0], -TENDON), max(i[-1][0], TENDON)
    # Along-axis offsets of the end points, so a slanted attachment line is followed exactly.
    o_lo_pt, o_hi_pt = o[0][1], o[-1][1]
    i_lo_pt, i_hi_pt = i[0][1], i[-1][1]

    def shift(end: Point, centre: Point, normal: Point, offset: float) -> Point:
        return (end[0] - centre[0] - normal[0] * offset, end[1] - centre[1] - normal[1] * offset)

    d_o_lo = shift(o_lo_pt, axis[0], normals[0], o[0][0])
    d_o_hi = shift(o_hi_pt, axis[0], normals[0], o[-1][0])
    d_i_lo = shift(i_lo_pt, axis[-1], normals[-1], i[0][0])
    d_i_hi = shift(i_hi_pt, axis[-1], normals[-1], i[-1][0])
    left: list[Point] = []
    right: list[Point] = []
    for k, (c, n) in enumerate(zip(axis, normals, strict=True)):
        s = k / SAMPLES
        bulge = width * _belly(s)
        lo = o_lo + (i_lo - o_lo) * s - bulge
        hi = o_hi + (i_hi - o_hi) * s + bulge
        dlo = (d_o_lo[0] * (1 - s) + d_i_lo[0] * s, d_o_lo[1] * (1 - s) + d_i_lo[1] * s)
        dhi = (d_o_hi[0] * (1 - s) + d_i_hi[0] * s, d_o_hi[1] * (1 - s) + d_i_hi[1] * s)
        left.append((c[0] + n[0] * lo + dlo[0], c[1] + n[1] * lo + dlo[1]))
        right.append((c[0] + n[0] * hi + dhi[0], c[1] + n[1] * hi + dhi[1]))
    return left, right, _between([p for _, p in i]), _between([p for _, p in o])


def _between(line: list[Point]) -> list[Point]:
    """The inner points of an attachment line, smoothed, so a curved origin (the iliac crest)
    closes the outline as a curve instead of a chain of straight pieces."""
    if len(line) < 3:
        return []
    return catmull_rom(line, 6, closed=False)[1:-1]


def _dedupe(points: Sequence[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or math.dist(out[-1], p) > 1e-6:
            out.append((round(p[0], 2), round(p[1], 2)))
    if len(out) > 1 and math.dist(out[0], out[-1]) <= 1e-6:
        out.pop()
    return out


def fibre_lines(
    origin: Sequence[Point],
    insertion: Sequence[Point],
    width: float | None,
    via: Sequence[Point],
    outline: Sequence[Point],
) -> tuple[tuple[Point, ...], ...]:
    """A few polylines in the direction the fibres pull, origin side first.

    A generated shape gets lines spread evenly between its two edges (they follow a bent axis);
    a drawn outline gets lines from points along the origin to points along the insertion, spread
    across the shape where an attachment is a single point. The painter clips them to the outline.
    """
    if width is not None:
        left, right, _, _ = _edges(origin, insertion, width, via)
        return tuple(
            tuple(
                (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f) for a, b in zip(left, right, strict=True)
            )
            for f in ((k + 0.5) / FIBRES for k in range(FIBRES))
        )
    a0, b0 = _mean(origin), _mean(insertion)
    dx, dy = b0[0] - a0[0], b0[1] - a0[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    spread = max(abs((p[0] - a0[0]) * nx + (p[1] - a0[1]) * ny) for p in outline)
    lines: list[tuple[Point, ...]] = []
    for k in range(FIBRES):
        s = (k + 0.5) / FIBRES
        off = (s - 0.5) * 2 * spread
        # A point attachment opposite a line is where the fibres converge (a fan); two point
        # attachments get parallel fibres spread across the belly.
        fan = len(origin) > 1 or len(insertion) > 1
        a = _along(origin, s) if len(origin) > 1 else a0 if fan else (a0[0] + nx * off, a0[1] + ny * off)
        b = (
            _along(insertion, s)
            if len(insertion) > 1
            else b0
            if fan
            else (b0[0] + nx * off, b0[1] + ny * off)
        )
        ext = 0.15  # overshoot both ends a little; clipping trims the lines to the shape
        lines.append(
            (
                (a[0] - (b[0] - a[0]) * ext, a[1] - (b[1] - a[1]) * ext),
                (b[0] + (b[0] - a[0]) * ext, b[1] + (b[1] - a[1]) * ext),
            )
        )
    return tuple(lines)


def _along(points: Sequence[Point], s: float) -> Point:
    """The point a share `s` of the way along a polyline (its only point for a single point)."""
    if len(points) == 1:
        return points[0]
    lengths = [0.0]
    for a, b in itertools.pairwise(points):
        lengths.append(lengths[-1] + math.dist(a, b))
    target = lengths[-1] * s
    for j in range(len(points) - 1):
        if lengths[j + 1] >= target:
            span = lengths[j + 1] - lengths[j] or 1.0
            w = (target - lengths[j]) / span
            a, b = points[j], points[j + 1]
            return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)
    return points[-1]


def svg_path(points: Sequence[Point]) -> str:
    def n(v: float) -> str:
        return f"{v:.1f}".rstrip("0").rstrip(".")

    head, *rest = points
    return f"M {n(head[0])} {n(head[1])} " + " ".join(f"L {n(x)} {n(y)}" for x, y in rest) + " Z"
