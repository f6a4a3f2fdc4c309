"""Plane geometry for the chart generator: smooth curves, knife cuts, mirroring, transforms.

Everything is plain tuples of floats so the generator needs nothing beyond the standard library.
The figure is drawn as smooth silhouettes (Catmull-Rom curves sampled densely) that are partitioned
into regions by "knife" cuts: a cut splits one polygon in two along a polyline, so regions always
tile their part of the body exactly, with no gaps and no overlaps.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Sequence

from studyapp.bodychart.geometry import point_in_polygon

Point = tuple[float, float]
Poly = list[Point]

MID = 200.0
EPS = 1e-7


# -- curves ------------------------------------------------------------------------------------------
def catmull_rom(ctrl: Sequence[Point], closed: bool = False, step: float = 2.0) -> Poly:
    """Centripetal Catmull-Rom through every control point, sampled about every `step` units."""
    pts = [p for i, p in enumerate(ctrl) if i == 0 or dist(p, ctrl[i - 1]) > EPS]
    if len(pts) < 3:
        return list(pts)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
    else:
        ext = [_reflect(pts[1], pts[0]), *pts, _reflect(pts[-2], pts[-1])]
    out: Poly = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        n = max(2, math.ceil(dist(p1, p2) / step))
        for k in range(n):
            out.append(_cr_point(p0, p1, p2, p3, k / n))
    if not closed:
        out.append(pts[-1])
    return out


def _reflect(p: Point, about: Point) -> Point:
    return (2 * about[0] - p[0], 2 * about[1] - p[1])


def _cr_point(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    """Barry-Goldman evaluation of a centripetal (alpha 0.5) Catmull-Rom segment."""

    def knot(a: Point, b: Point) -> float:
        return max(dist(a, b) ** 0.5, 1e-4)

    t0 = 0.0
    t1 = t0 + knot(p0, p1)
    t2 = t1 + knot(p1, p2)
    t3 = t2 + knot(p2, p3)
    tt = t1 + (t2 - t1) * t

    def lerp(a: Point, b: Point, ta: float, tb: float) -> Point:
        w = (tt - ta) / (tb - ta)
        return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)

    a1 = lerp(p0, p1, t0, t1)
    a2 = lerp(p1, p2, t1, t2)
    a3 = lerp(p2, p3, t2, t3)
    b1 = lerp(a1, a2, t0, t2)
    b2 = lerp(a2, a3, t1, t3)
    return lerp(b1, b2, t1, t2)


def ellipse(cx: float, cy: float, rx: float, ry: float, rot_deg: float = 0.0, n: int = 48) -> Poly:
    c, s = math.cos(math.radians(rot_deg)), math.sin(math.radians(rot_deg))
    out: Poly = []
    for k in range(n):
        a = 2 * math.pi * k / n
        x, y = rx * math.cos(a), ry * math.sin(a)
        out.append((cx + x * c - y * s, cy + x * s + y * c))
    return out


def arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 24) -> Poly:
    """Points on an ellipse from angle a0 to a1 (degrees, y down, 0 = +x, 90 = +y)."""
    return [
        (
            cx + rx * math.cos(math.radians(a0 + (a1 - a0) * k / n)),
            cy + ry * math.sin(math.radians(a0 + (a1 - a0) * k / n)),
        )
        for k in range(n + 1)
    ]


def dist(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def length(poly: Sequence[Point]) -> float:
    return sum(dist(poly[i], poly[i + 1]) for i in range(len(poly) - 1))


def cumulative(poly: Sequence[Point]) -> list[float]:
    """Distance along the polyline at each of its points."""
    out = [0.0]
    for i in range(1, len(poly)):
        out.append(out[-1] + dist(poly[i - 1], poly[i]))
    return out


def point_along(poly: Sequence[Point], t: float, cum: Sequence[float] | None = None) -> Point:
    """The point at fraction t (0..1) of the polyline's length (pass `cum` to reuse cumulative())."""
    cum = cum if cum is not None else cumulative(poly)
    target = max(0.0, min(1.0, t)) * cum[-1]
    i = max(1, min(len(poly) - 1, bisect.bisect_left(cum, target)))
    seg = cum[i] - cum[i - 1]
    if seg <= 0:
        return poly[i]
    w = (target - cum[i - 1]) / seg
    return (
        poly[i - 1][0] + (poly[i][0] - poly[i - 1][0]) * w,
        poly[i - 1][1] + (poly[i][1] - poly[i - 1][1]) * w,
    )


def sub_path(poly: Sequence[Point], t0: float, t1: float, n: int = 40) -> Poly:
    return [point_along(poly, t0 + (t1 - t0) * k / n) for k in range(n + 1)]


def x_at(poly: Sequence[Point], y: float) -> float:
    """x where the polyline (monotonic in y over the asked range) crosses height y; clamps at the ends."""
    for i in range(len(poly) - 1):
        (x1, y1), (x2, y2) = poly[i], poly[i + 1]
        if (y1 <= y <= y2 or y2 <= y <= y1) and abs(y2 - y1) > EPS:
            return x1 + (x2 - x1) * (y - y1) / (y2 - y1)
    ends = sorted((poly[0], poly[-1]), key=lambda p: p[1])
    return ends[0][0] if y < ends[0][1] else ends[1][0]


def y_at(poly: Sequence[Point], x: float) -> float:
    swapped = [(p[1], p[0]) for p in poly]
    return x_at(swapped, x)


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def extend(line: Sequence[Point], by: float = 12.0) -> Poly:
    """The polyline lengthened at both ends along its end directions, so a knife overshoots its cell."""
    pts = list(line)
    (ax, ay), (bx, by_) = pts[0], pts[1]
    d = max(dist(pts[0], pts[1]), EPS)
    start = (ax - (bx - ax) / d * by, ay - (by_ - ay) / d * by)
    (cx, cy), (ex, ey) = pts[-2], pts[-1]
    d = max(dist(pts[-2], pts[-1]), EPS)
    end = (ex + (ex - cx) / d * by, ey + (ey - cy) / d * by)
    return [start, *pts, end]


# -- polygons ----------------------------------------------------------------------------------------
def area(poly: Sequence[Point]) -> float:
    """Signed area (positive when counter-clockwise in y-up terms)."""
    s = 0.0
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2


def centroid(poly: Sequence[Point]) -> Point:
    a = area(poly)
    if abs(a) < EPS:
        return (sum(p[0] for p in poly) / len(poly), sum(p[1] for p in poly) / len(poly))
    cx = cy = 0.0
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    return (cx / (6 * a), cy / (6 * a))


def contains(poly: Sequence[Point], pt: Point) -> bool:
    """Even-odd point in polygon: the app's own test, so the generator and the app agree on every point."""
    return point_in_polygon(poly, pt[0], pt[1])


def seg_hit(p: Point, q: Point, a: Point, b: Point) -> tuple[float, float] | None:
    """Parameters (s on pq, t on ab) where the segments cross, or None."""
    rx, ry = q[0] - p[0], q[1] - p[1]
    sx, sy = b[0] - a[0], b[1] - a[1]
    den = rx * sy - ry * sx
    if abs(den) < 1e-12:
        return None
    qpx, qpy = a[0] - p[0], a[1] - p[1]
    s = (qpx * sy - qpy * sx) / den
    t = (qpx * ry - qpy * rx) / den
    if -1e-12 <= s < 1.0 and -1e-12 <= t < 1.0:
        return s, t
    return None


def crossings(poly: Sequence[Point], line: Sequence[Point]) -> list[tuple[float, int, Point]]:
    """Where a polyline crosses a polygon's boundary: (position along the line, edge index, point)."""
    hits: list[tuple[float, int, Point]] = []
    n = len(poly)
    chunk = 16
    for c0 in range(0, len(line) - 1, chunk):
        part = line[c0 : min(len(line), c0 + chunk + 1)]
        bx0, bx1 = min(p[0] for p in part), max(p[0] for p in part)
        by0, by1 = min(p[1] for p in part), max(p[1] for p in part)
        edges = []
        for i in range(n):
            a, b = poly[i], poly[(i + 1) % n]
            if (a[0] < bx0 and b[0] < bx0) or (a[0] > bx1 and b[0] > bx1):
                continue
            if (a[1] < by0 and b[1] < by0) or (a[1] > by1 and b[1] > by1):
                continue
            edges.append(i)
        if not edges:
            continue
        for j in range(c0, c0 + len(part) - 1):
            p, q = line[j], line[j + 1]
            minx, maxx = min(p[0], q[0]), max(p[0], q[0])
            miny, maxy = min(p[1], q[1]), max(p[1], q[1])
            for i in edges:
                a, b = poly[i], poly[(i + 1) % n]
                if max(a[0], b[0]) < minx or min(a[0], b[0]) > maxx:
                    continue
                if max(a[1], b[1]) < miny or min(a[1], b[1]) > maxy:
                    continue
                hit = seg_hit(p, q, a, b)
                if hit is not None:
                    s, t = hit
                    hits.append((j + s, i, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)))
    hits.sort()
    deduped: list[tuple[float, int, Point]] = []
    for h in hits:
        if deduped and dist(deduped[-1][2], h[2]) < 1e-6:
            continue
        deduped.append(h)
    return deduped


class CutError(ValueError):
    pass


def split(poly: Sequence[Point], knife: Sequence[Point]) -> tuple[Poly, Poly]:
    """Cut a simple polygon along a polyline that crosses its boundary exactly twice."""
    hits = crossings(poly, knife)
    if len(hits) != 2:
        raise CutError(f"knife crosses the cell {len(hits)} times (needs 2): {[h[2] for h in hits]}")
    (sa, ia, pa), (sb, ib, pb) = hits
    inner = [pa] + [knife[k] for k in range(math.floor(sa) + 1, math.floor(sb) + 1)] + [pb]
    n = len(poly)

    def walk(i_from: int, p_from: Point, i_to: int, p_to: Point) -> Poly:
        path = [p_from]
        if i_from == i_to and _before(poly, i_from, p_from, p_to):
            return [p_from, p_to]
        k = (i_from + 1) % n
        while True:
            path.append(poly[k])
            if k == i_to:
                break
            k = (k + 1) % n
        path.append(p_to)
        return path

    one = walk(ia, pa, ib, pb) + list(reversed(inner[1:-1]))
    two = walk(ib, pb, ia, pa) + inner[1:-1]
    return _clean(one), _clean(two)


def _before(poly: Sequence[Point], i: int, p: Point, q: Point) -> bool:
    a = poly[i]
    return dist(a, p) <= dist(a, q)


def _clean(poly: Poly) -> Poly:
    out: Poly = []
    for p in poly:
        if not out or dist(out[-1], p) > 1e-6:
            out.append(p)
    while len(out) > 1 and dist(out[0], out[-1]) <= 1e-6:
        out.pop()
    return out


def mirror(poly: Iterable[Point], cx: float = MID) -> Poly:
    """Mirror about the vertical line x = cx, keeping the winding (the order is reversed)."""
    return [(2 * cx - x, y) for x, y in reversed(list(poly))]


def mirror_line(line: Iterable[Point], cx: float = MID) -> Poly:
    return [(2 * cx - x, y) for x, y in line]


def merge_midline(poly: Sequence[Point], cx: float = MID) -> Poly:
    """A half-region that touches the midline along one stretch, joined with its mirror image."""
    n = len(poly)
    on = [abs(p[0] - cx) < 1e-6 for p in poly]
    if not any(on):
        raise CutError("midline region does not reach the midline")
    start = next(k for k in range(n) if on[k] and not on[(k + 1) % n])
    path = [poly[(start + k) % n] for k in range(n)]
    flags = [on[(start + k) % n] for k in range(n)]
    end = next(k for k in range(1, n) if flags[k])
    if not all(flags[end:]):
        raise CutError("midline region touches the midline in more than one place")
    half = path[: end + 1]
    return half + [(2 * cx - x, y) for x, y in reversed(half[1:-1])]


# -- transforms --------------------------------------------------------------------------------------
Affine = tuple[float, float, float, float, float, float]  # x' = a x + b y + c ; y' = d x + e y + f


def apply(m: Affine, pts: Iterable[Point]) -> Poly:
    a, b, c, d, e, f = m
    return [(a * x + b * y + c, d * x + e * y + f) for x, y in pts]


def apply_pt(m: Affine, p: Point) -> Point:
    return apply(m, [p])[0]


def affine_from(src: Sequence[Point], dst: Sequence[Point]) -> Affine:
    """The affine map taking three source points onto three destination points."""
    (x1, y1), (x2, y2), (x3, y3) = src
    det = x1 * (y2 - y3) - y1 * (x2 - x3) + (x2 * y3 - x3 * y2)
    if abs(det) < 1e-12:
        raise ValueError("source points are collinear")

    def solve(v1: float, v2: float, v3: float) -> tuple[float, float, float]:
        a = (v1 * (y2 - y3) - y1 * (v2 - v3) + (v2 * y3 - v3 * y2)) / det
        b = (x1 * (v2 - v3) - v1 * (x2 - x3) + (x2 * v3 - x3 * v2)) / det
        c = (x1 * (y2 * v3 - y3 * v2) - y1 * (x2 * v3 - x3 * v2) + v1 * (x2 * y3 - x3 * y2)) / det
        return a, b, c

    a, b, c = solve(dst[0][0], dst[1][0], dst[2][0])
    d, e, f = solve(dst[0][1], dst[1][1], dst[2][1])
    return (a, b, c, d, e, f)


def similarity(src_a: Point, src_b: Point, dst_a: Point, dst_b: Point, flip: bool = False) -> Affine:
    """Rotation + uniform scale (+ optional reflection) taking segment src_a-src_b onto dst_a-dst_b."""
    sx, sy = src_b[0] - src_a[0], src_b[1] - src_a[1]
    dx, dy = dst_b[0] - dst_a[0], dst_b[1] - dst_a[1]
    perp_src = (src_a[0] - sy, src_a[1] + sx)
    perp_dst = (dst_a[0] - dy, dst_a[1] + dx) if not flip else (dst_a[0] + dy, dst_a[1] - dx)
    return affine_from([src_a, src_b, perp_src], [dst_a, dst_b, perp_dst])


def scale_about(cx: float, cy: float, k: float, tx: float, ty: float) -> Affine:
    """Uniform scale by k about (cx, cy), then translation so (cx, cy) lands on (tx, ty)."""
    return (k, 0.0, tx - k * cx, 0.0, k, ty - k * cy)


# -- frames: a band between two side curves, for placing knives along limbs --------------------------
class Band:
    """Points between two roughly vertical side curves: pt(y, v) with v=0 on `a`, v=1 on `b`."""

    def __init__(self, a: Sequence[Point], b: Sequence[Point]) -> None:
        self.a = list(a)
        self.b = list(b)

    def pt(self, y: float, v: float) -> Point:
        xa, xb = x_at(self.a, y), x_at(self.b, y)
        return (xa + (xb - xa) * v, y)

    def across(self, ya: float, yb: float | None = None, v0: float = -0.4, v1: float = 1.4) -> Poly:
        """A straight knife from side a to side b (at ya on a's side and yb on b's side)."""
        yb = ya if yb is None else yb
        p, q = self.pt(ya, 0.0), self.pt(yb, 1.0)
        return [lerp(p, q, v0), lerp(p, q, v1)]

    def along(self, v: float | Callable[[float], float], y0: float, y1: float, n: int = 30) -> Poly:
        """A knife at fraction v across the band (v may vary with y) from y0 to y1."""
        pts = []
        for k in range(n + 1):
            y = y0 + (y1 - y0) * k / n
            vv = v(y) if callable(v) else v
            pts.append(self.pt(y, vv))
        return pts


class Tube:
    """A limb as a smooth axis with a width profile; pt(u, v): u along the axis, v=-1 outer, +1 inner."""

    def __init__(
        self,
        axis: Sequence[Point],
        outer: Sequence[tuple[float, float]],
        inner: Sequence[tuple[float, float]],
        outer_toward: str = "left",
    ) -> None:
        self.axis = catmull_rom(axis, step=1.0)
        self.cum = cumulative(self.axis)
        self.total = self.cum[-1]
        # Fractions of the axis length at the control points, so u counts control points (0 = first).
        knots = [0.0]
        for i in range(1, len(axis)):
            knots.append(knots[-1] + dist(axis[i - 1], axis[i]))
        self.knots = [k / knots[-1] for k in knots]
        self.outer = outer  # (u, half width) stations
        self.inner = inner
        self.outer_sign = -1.0 if outer_toward == "left" else 1.0  # outer side toward smaller / larger x

    def _frac(self, u: float) -> float:
        i = max(0, min(len(self.knots) - 2, math.floor(u)))
        return self.knots[i] + (self.knots[i + 1] - self.knots[i]) * (u - i)

    def centre(self, u: float) -> Point:
        return point_along(self.axis, self._frac(u), self.cum)

    def normal(self, u: float) -> Point:
        """Unit vector from the axis toward the outer side (v = -1) at u."""
        f = self._frac(u)
        p = point_along(self.axis, max(0.0, f - 0.01), self.cum)
        q = point_along(self.axis, min(1.0, f + 0.01), self.cum)
        dx, dy = q[0] - p[0], q[1] - p[1]
        d = math.hypot(dx, dy)
        nx, ny = dy / d, -dx / d
        if nx * self.outer_sign < 0:
            nx, ny = -nx, -ny
        return (nx, ny)

    @staticmethod
    def _width(profile: Sequence[tuple[float, float]], u: float) -> float:
        pts = [(a, b) for a, b in profile]
        if u <= pts[0][0]:
            return pts[0][1]
        if u >= pts[-1][0]:
            return pts[-1][1]
        for (u0, w0), (u1, w1) in itertools.pairwise(pts):
            if u0 <= u <= u1:
                # smoothstep between stations keeps the outline free of kinks
                t = (u - u0) / (u1 - u0)
                t = t * t * (3 - 2 * t)
                return w0 + (w1 - w0) * t
        return pts[-1][1]

    def pt(self, u: float, v: float) -> Point:
        c = self.centre(u)
        nx, ny = self.normal(u)
        w = self._width(self.outer, u) if v < 0 else self._width(self.inner, u)
        return (c[0] + nx * (-v) * w, c[1] + ny * (-v) * w)

    def side(self, v: float, u0: float, u1: float, n: int = 40) -> Poly:
        return [self.pt(u0 + (u1 - u0) * k / n, v) for k in range(n + 1)]

    def across(self, u: float, over: float = 1.6) -> Poly:
        return [self.pt(u, -over), self.pt(u, over)]


def offset(path: Sequence[Point], d: float) -> Poly:
    """The polyline moved sideways by d (positive: to the right of the direction of travel, y down)."""
    out: Poly = []
    n = len(path)
    for i in range(n):
        p_prev = path[max(0, i - 1)]
        p_next = path[min(n - 1, i + 1)]
        dx, dy = p_next[0] - p_prev[0], p_next[1] - p_prev[1]
        ln = math.hypot(dx, dy) or 1.0
        # right-hand normal in y-down screen coordinates
        out.append((path[i][0] - dy / ln * d, path[i][1] + dx / ln * d))
    return out


def strip_knife(
    path: Sequence[Point], start: Point, end: Point, depth: float, inside: Callable[[Point], bool]
) -> Poly:
    """A knife that cuts a strip `depth` wide along an outline, between the outline points nearest
    to `start` and `end`.

    The knife runs parallel to the outline, inside the figure, and leaves it at both ends, so the
    cut-off part is the strip between the outline and the knife.
    """
    i = min(range(len(path)), key=lambda k: dist(path[k], start))
    j = min(range(len(path)), key=lambda k: dist(path[k], end))
    part = list(path[min(i, j) : max(i, j) + 1])
    if len(part) < 3:
        raise ValueError("strip_knife: the stretch of outline is too short")
    probe = offset(part[len(part) // 2 - 1 : len(part) // 2 + 2], 1.0)[1]
    sign = 1.0 if inside(probe) else -1.0
    inner = offset(part, sign * depth)
    outer_a = offset(part[:3], -sign * 6.0)[0]
    outer_b = offset(part[-3:], -sign * 6.0)[-1]
    return [outer_a, *inner, outer_b]


def simplify(poly: Sequence[Point], tol: float, closed: bool) -> Poly:
    """Ramer-Douglas-Peucker: drop points that lie within `tol` of the line through their neighbours."""
    pts = list(poly)
    if len(pts) < 4:
        return pts
    if closed:
        # split at the point farthest from the first one so both halves are open polylines
        far = max(range(len(pts)), key=lambda k: dist(pts[0], pts[k]))
        a = _rdp(pts[: far + 1], tol)
        b = _rdp([*pts[far:], pts[0]], tol)
        return a[:-1] + b[:-1]
    return _rdp(pts, tol)


def _rdp(pts: Sequence[Point], tol: float) -> Poly:
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = pts[i], pts[j]
        dx, dy = x2 - x1, y2 - y1
        ln = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / ln if ln > EPS else math.hypot(x - x1, y - y1)
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(pts, keep, strict=True) if k]
