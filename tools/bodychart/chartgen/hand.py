"""The right hand: dorsal and palmar close-ups, and the hand piece the whole-body views borrow.

Drawn once in the dorsal frame (fingers up, thumb on the viewer's left, wrist crease at y=382);
the palmar view is its mirror image. The whole-body views place the part above the wrist crease
at the end of the forearm (anterior: palmar side, posterior and lateral: dorsal side).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .canon import HAND_WRIST
from .cells import Cells
from .drawing import Drawing, Piece, Shape
from .geom import Point, Poly, Tube, arc, catmull_rom, lerp, mirror, mirror_line

WRIST_R: Point = (142.0, HAND_WRIST)  # radial end of the wrist crease (thumb side)
WRIST_U: Point = (258.0, HAND_WRIST)  # ulnar end


@dataclass(frozen=True)
class Digit:
    name: str
    axis: tuple[Point, ...]  # base (MCP / CMC) ... tip centre
    half: tuple[float, ...]  # half width at each axis point

    def tube(self) -> Tube:
        return _tube(self)

    @property
    def end(self) -> float:
        return float(len(self.axis) - 1)


@functools.lru_cache(maxsize=32)
def _tube(d: Digit) -> Tube:
    stations = [(float(i), w) for i, w in enumerate(d.half)]
    return Tube(d.axis, stations, stations, outer_toward="left")


THUMB = Digit("thumb", ((152, 344), (114, 268), (96, 214), (88, 175)), (30, 22, 20, 17))
INDEX = Digit("index", ((154, 212), (152, 130), (151, 58)), (19, 18, 16))
MIDDLE = Digit("middle", ((193, 204), (193.5, 120), (194, 40)), (20, 19, 17))
RING = Digit("ring", ((232, 210), (233, 134), (234, 60)), (19, 17.5, 16))
LITTLE = Digit("little", ((268, 224), (270, 164), (272, 106)), (16, 14.5, 13))
FINGERS = (INDEX, MIDDLE, RING, LITTLE)


def _tip(d: Digit) -> Poly:
    """Round fingertip from the left edge over the top to the right edge."""
    t = d.tube()
    c = t.centre(d.end)
    r = d.half[-1]
    ax, ay = t.centre(d.end - 0.05)
    ang = math.degrees(math.atan2(c[1] - ay, c[0] - ax))  # direction of the finger (toward the tip)
    return arc(c[0], c[1], r, r, ang - 90, ang + 90, n=10)[1:-1]


def _side(d: Digit, v: float, u0: float, u1: float, n: int = 6) -> Poly:
    return d.tube().side(v, u0, u1, n)


def _valley(a: Digit, b: Digit, y: float) -> Point:
    ta, tb = a.tube(), b.tube()
    pa = _at_y(ta, +1.0, y)
    pb = _at_y(tb, -1.0, y)
    return ((pa[0] + pb[0]) / 2, max(pa[1], pb[1]) + 5)


def _at_y(t: Tube, v: float, y: float) -> Point:
    """The point of a digit's side closest to height y (digits point up, so u grows as y falls)."""
    best = t.pt(0.0, v)
    for k in range(201):
        p = t.pt(k / 100, v)
        if abs(p[1] - y) < abs(best[1] - y):
            best = p
    return best


def _u_at_y(d: Digit, v: float, y: float) -> float:
    t = d.tube()
    best, bu = 1e9, 0.0
    for k in range(int(d.end * 100) + 1):
        u = k / 100
        p = t.pt(u, v)
        if abs(p[1] - y) < best:
            best, bu = abs(p[1] - y), u
    return bu


WEB_Y = (176.0, 174.0, 186.0)  # index-middle, middle-ring, ring-little


@functools.lru_cache(maxsize=1)
def _outline_path() -> tuple[Point, ...]:
    return tuple(_build_outline())


def outline_path() -> Poly:
    return list(_outline_path())


def _build_outline() -> Poly:
    """The hand's silhouette from the radial end of the wrist crease round to the ulnar end."""
    ctrl: list[Point] = [WRIST_R, (139, 366)]
    # thumb: outer side up, tip, inner side down to the first web
    ctrl += _side(THUMB, -1, 0.25, THUMB.end, 8)
    ctrl += _tip(THUMB)
    ctrl += _side(THUMB, +1, THUMB.end, 1.5, 6)
    # the first web: a rounded valley between the thumb and the index metacarpal
    tx, ty = THUMB.tube().pt(1.5, 1.0)
    ctrl += [(tx + 2.5, ty + 6.5), (tx + 6.5, ty + 8.5), (tx + 9.5, ty + 3.5), (135.5, ty - 8), (135.0, 222)]
    # four fingers with the web valleys between them
    u_start = _u_at_y(INDEX, -1, 214)
    ctrl += _side(INDEX, -1, u_start, INDEX.end, 6)
    for k, d in enumerate(FINGERS):
        ctrl += _tip(d)
        if k < len(FINGERS) - 1:
            nxt = FINGERS[k + 1]
            y = WEB_Y[k]
            ctrl += _side(d, +1, d.end, _u_at_y(d, +1, y - 6), 5)
            ctrl.append(_valley(d, nxt, y))
            ctrl += _side(nxt, -1, _u_at_y(nxt, -1, y - 6), nxt.end, 5)
    ctrl += _side(LITTLE, +1, LITTLE.end, 0.0, 5)
    ctrl += [(291, 248), (293, 280), (289, 316), (279, 346), (267, 369), WRIST_U]
    return catmull_rom(ctrl, step=1.5)


def closeup_outline(path: Poly) -> Poly:
    """Hand plus a stub of forearm down to the edge of the 400-unit box."""
    return [*path, (WRIST_U[0] + 2, 398.0), (WRIST_R[0] - 2, 398.0)]


def _contours_dorsal() -> list[Poly]:
    lines: list[Poly] = []
    # knuckle bumps and the joint creases over the fingers
    for d in FINGERS:
        t = d.tube()
        for u, half in ((0.62, 0.55), (1.35, 0.45)):
            lines.append([t.pt(u, -half), lerp(t.pt(u, -half), t.pt(u, half), 0.5), t.pt(u, half)])
    tt = THUMB.tube()
    lines.append([tt.pt(2.0, -0.5), tt.pt(2.0, 0.5)])
    # nails
    for d in (*FINGERS, THUMB):
        t = d.tube()
        u0 = d.end - 0.32 if d is not THUMB else d.end - 0.45
        left, right = t.pt(u0, -0.55), t.pt(u0, 0.55)
        top_l, top_r = t.pt(d.end, -0.55), t.pt(d.end, 0.55)
        lines.append(catmull_rom([top_l, left, lerp(left, right, 0.5), right, top_r], step=1.0))
    # extensor tendons fanning from the wrist to the knuckles
    for d in FINGERS:
        base = d.tube().pt(0.0, 0.0)
        start = lerp((200, 350), base, 0.15)
        lines.append(catmull_rom([start, lerp(start, base, 0.5), (base[0], base[1] + 8)], step=2.0))
    return lines


def _contours_palmar_frame() -> list[Poly]:
    """Palm creases and finger creases, drawn in the dorsal frame (mirrored later)."""
    lines: list[Poly] = []
    lines.append(
        catmull_rom([(292, 262), (262, 252), (226, 246), (190, 236), (168, 222)], step=2.0)
    )  # distal
    lines.append(catmull_rom([(140, 252), (172, 268), (212, 276), (250, 284)], step=2.0))  # proximal
    lines.append(catmull_rom([(146, 246), (158, 290), (170, 330), (184, 362)], step=2.0))  # thenar crease
    for d in FINGERS:
        t = d.tube()
        for u in (0.18, 1.0, 1.55):
            lines.append([t.pt(u, -0.7), t.pt(u, 0.7)])
    tt = THUMB.tube()
    lines.append([tt.pt(1.15, -0.7), tt.pt(1.15, 0.7)])
    lines.append([tt.pt(2.1, -0.7), tt.pt(2.1, 0.7)])
    lines.append(catmull_rom([(150, 380), (200, 386), (250, 380)], step=2.0))  # wrist crease
    return lines


def _web_gap() -> Point:
    """A point in the gap between thumb and index, just above the bottom of the first web."""
    path = outline_path()
    valley = max((p for p in path if 105 < p[0] < 145 and 200 < p[1] < 280), key=lambda p: p[1])
    return (valley[0] + 0.5, valley[1] - 7)


WEB_GAP: Point = _web_gap()
WRIST_REGIONS = {"dorsal_wrist", "radial_wrist", "ulnar_wrist", "volar_wrist"}


def _finger_knives() -> dict[str, Poly]:
    """Knives across the base of each finger, from gap to gap, at the level of the webs."""
    valleys = [_valley(FINGERS[k], FINGERS[k + 1], WEB_Y[k]) for k in range(3)]
    gaps = [(127.0, 202.0)] + [(v[0], v[1] - 4) for v in valleys] + [(300.0, 214.0)]
    return {d.name: [gaps[k], gaps[k + 1]] for k, d in enumerate(FINGERS)}


def _stub_cells(path: Poly) -> Cells:
    cells = Cells(hand=closeup_outline(path))
    cells.hcut("hand", [(100, HAND_WRIST), (300, HAND_WRIST)], "hand", "wrist")
    return cells


def dorsal_cells(path: Poly) -> Cells:
    cells = _stub_cells(path)
    cells.cols(
        "wrist",
        [[(178, 370), (178, 410)], [(222, 370), (222, 410)]],
        ["radial_wrist", "dorsal_wrist", "ulnar_wrist"],
    )
    names = {
        "index": "index_finger_dorsal",
        "middle": "middle_finger_dorsal",
        "ring": "ring_finger_dorsal",
        "little": "little_finger_dorsal",
    }
    for finger, knife in _finger_knives().items():
        cells.hcut("hand", knife, names[finger], "hand")
    tt = THUMB.tube()
    ray = [(126.0, 362.0), (144.0, 354.0), tt.pt(0.35, 0.3), tt.pt(0.75, 0.4), tt.pt(1.02, 0.55), WEB_GAP]
    cells.cut_off("hand", catmull_rom(ray, step=2.0), "thumb_dorsal", "hand", near=THUMB.axis[-1])
    # the first web: between the thumb and index metacarpals, from the web edge down toward the wrist
    web = [
        (140.0, 350.0),
        (160.0, 332.0),
        (163.0, 300.0),
        (157.0, 266.0),
        (148.0, 236.0),
        (141.0, 218.0),
        (130.0, 212.0),
    ]
    cells.cut_off("hand", catmull_rom(web, step=2.0), "thumb_web", "hand", near=(138.0, 262.0))
    cells.hcut(
        "hand",
        catmull_rom(
            [(124.0, 222.0), (150.0, 232.0), (193.0, 226.0), (236.0, 232.0), (272.0, 246.0), (302.0, 252.0)],
            step=2.0,
        ),
        "knuckles",
        "dorsum_of_hand",
    )
    return cells


def palmar_cells(path: Poly) -> Cells:
    """Palmar regions, cut in the dorsal frame (thumb on the left); mirrored by the caller."""
    cells = _stub_cells(path)
    cells.cols(
        "wrist",
        [[(178, 370), (178, 410)], [(222, 370), (222, 410)]],
        ["radial_wrist", "volar_wrist", "ulnar_wrist"],
    )
    names = {
        "index": "index_finger_palmar",
        "middle": "middle_finger_palmar",
        "ring": "ring_finger_palmar",
        "little": "little_finger_palmar",
    }
    for finger, knife in _finger_knives().items():
        cells.hcut("hand", knife, names[finger], "hand")
    tips: list[Poly] = []
    for d in FINGERS:
        t = d.tube()
        cells.hcut(names[d.name], t.across(d.end - 0.38), f"tip_{d.name}", names[d.name])
    tt = THUMB.tube()
    cells.cut_off("hand", [tt.pt(1.05, -1.6), WEB_GAP], "thumb_palmar", "hand", near=THUMB.axis[-1])
    cells.hcut("thumb_palmar", tt.across(THUMB.end - 0.45), "tip_thumb", "thumb_palmar")
    for d in (*FINGERS, THUMB):
        tips.append(cells.take(f"tip_{d.name}"))
    # distal palm: the band under the finger bases, down to the distal crease
    cells.hcut(
        "hand",
        catmull_rom(
            [(124.0, 236.0), (170.0, 236.0), (200.0, 244.0), (240.0, 252.0), (272.0, 262.0), (304.0, 266.0)],
            step=2.0,
        ),
        "distal_palm",
        "hand",
    )
    # thenar eminence: the thumb's metacarpal and the bulge beside it, bounded by the thenar crease
    cells.vcut(
        "hand",
        catmull_rom(
            [(176.0, 226.0), (166.0, 262.0), (168.0, 300.0), (178.0, 336.0), (192.0, 372.0), (196.0, 392.0)],
            step=2.0,
        ),
        "thenar_eminence",
        "hand",
    )
    cells.hcut(
        "thenar_eminence",
        catmull_rom([(90.0, 306.0), (150.0, 338.0), (184.0, 352.0), (200.0, 356.0)], step=2.0),
        "thenar_eminence",
        "thumb_base",
    )
    cells.vcut(
        "hand",
        catmull_rom(
            [(246.0, 250.0), (242.0, 290.0), (240.0, 330.0), (236.0, 372.0), (234.0, 392.0)], step=2.0
        ),
        "palm",
        "hypothenar_eminence",
    )
    for k, tip in enumerate(tips):
        cells.put(f"fingertips#{k}", tip)
    return cells


def _shapes(cells: Cells, mirrored: bool) -> list[Shape]:
    out = []
    for name, poly in cells.items():
        region = name.split("#")[0]
        out.append(Shape(region, "right", mirror(poly) if mirrored else poly))
    return out


def dorsal_drawing() -> Drawing:
    path = outline_path()
    return Drawing(
        "hand_dorsal",
        400,
        400,
        [closeup_outline(path)],
        _contours_dorsal(),
        _shapes(dorsal_cells(path), False),
    )


def palmar_drawing() -> Drawing:
    path = outline_path()
    contours = [mirror_line(c) for c in _contours_palmar_frame()]
    return Drawing(
        "hand_palmar", 400, 400, [mirror(closeup_outline(path))], contours, _shapes(palmar_cells(path), True)
    )


def hand_piece(palmar: bool) -> Piece:
    """The hand above the wrist crease, in its close-up frame (palmar: mirrored, thumb on the right)."""
    path = outline_path()
    cells = palmar_cells(path) if palmar else dorsal_cells(path)
    shapes = [s for s in _shapes(cells, palmar) if s.region not in WRIST_REGIONS]
    contours = [mirror_line(c) for c in _contours_palmar_frame()] if palmar else _contours_dorsal()
    return Piece(shapes, contours)
