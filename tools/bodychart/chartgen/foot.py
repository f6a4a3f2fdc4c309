"""The right foot: dorsal and plantar close-ups, and the foot as the anterior view sees it.

Drawn once in the dorsal frame (toes up, big toe on the viewer's left, heel at the bottom); the
plantar view is its mirror image. The anterior view shows the part in front of the ankle line
(y = 316 here), turned toes-down and foreshortened, as a foot seen from the front.
"""

from __future__ import annotations

import math

from .cells import Cells
from .drawing import Drawing, Piece, Shape
from .geom import (
    Point,
    Poly,
    affine_from,
    apply,
    arc,
    catmull_rom,
    contains,
    lerp,
    mirror,
    mirror_line,
    strip_knife,
)
from .hand import Digit

ANKLE_Y = 316.0
ANKLE_MED: Point = (144.0, ANKLE_Y)
ANKLE_LAT: Point = (258.0, ANKLE_Y)

BIG = Digit("big", ((160, 150), (157, 102), (155, 66)), (24, 22, 19.5))
TOE2 = Digit("toe2", ((200, 152), (201, 112), (202, 82)), (13, 12, 11))
TOE3 = Digit("toe3", ((224, 158), (226, 126), (227, 102)), (12, 11, 10))
TOE4 = Digit("toe4", ((247, 168), (249, 142), (250, 122)), (11, 10.5, 9.5))
TOE5 = Digit("toe5", ((268, 182), (270, 160), (271, 144)), (10.5, 10, 9))
TOES = (TOE5, TOE4, TOE3, TOE2, BIG)  # in the order the outline meets them (lateral to medial)
VALLEYS: tuple[Point, ...] = ((258.5, 162.0), (237.0, 148.0), (213.5, 140.0), (184.0, 138.0))


def _tip(d: Digit) -> Poly:
    t = d.tube()
    c = t.centre(d.end)
    r = d.half[-1]
    ax, ay = t.centre(d.end - 0.05)
    ang = math.degrees(math.atan2(c[1] - ay, c[0] - ax))
    return list(reversed(arc(c[0], c[1], r, r, ang - 90, ang + 90, n=10)[1:-1]))


def front_path() -> Poly:
    """From the lateral end of the ankle line, up the outer border, over the toes, down to the medial end."""
    ctrl: list[Point] = [ANKLE_LAT, (262, 292), (266.5, 262), (271, 228), (276, 202)]
    for k, d in enumerate(TOES):
        t = d.tube()
        ctrl += t.side(1.0, 0.15 if k == 0 else 0.55, d.end, 4)
        ctrl += _tip(d)
        ctrl += t.side(-1.0, d.end, 0.55 if k < len(TOES) - 1 else 0.1, 4)
        if k < len(VALLEYS):
            ctrl.append(VALLEYS[k])
    ctrl += [(124, 166), (121, 184), (123, 208), (127, 240), (131, 272), (137, 298), ANKLE_MED]
    return catmull_rom(ctrl, step=1.5)


def heel_path() -> Poly:
    """From the medial end of the ankle line round the heel to the lateral end."""
    return catmull_rom(
        [
            ANKLE_MED,
            (147, 334),
            (154, 354),
            (166, 372),
            (184, 385),
            (206, 389),
            (228, 385),
            (244, 373),
            (253, 354),
            (257, 334),
            ANKLE_LAT,
        ],
        step=1.5,
    )


def outline() -> Poly:
    return front_path() + heel_path()[1:-1]


def _toe_cells(c: Cells, big: str, lesser: str) -> None:
    cr = catmull_rom
    c.cut_off(
        "foot", cr([(108, 142), (140, 150), (170, 150), (185, 132)], step=1.0), big, "foot", near=(156, 90)
    )
    c.cut_off(
        "foot",
        cr([(185, 132), (196, 153), (214, 158), (237, 166), (258, 176), (276, 188), (292, 190)], step=1.0),
        lesser,
        "foot",
        near=(228, 120),
    )


def dorsal_cells() -> Cells:
    path = outline()
    c = Cells(foot=path)
    inside = lambda p: contains(path, p)  # noqa: E731
    c.hcut("foot", [(100, ANKLE_Y), (300, ANKLE_Y)], "foot", "ankle")
    _toe_cells(c, "big_toe_dorsal", "lesser_toes_dorsal")
    c.cut_off(
        "foot",
        strip_knife(front_path(), (124, 160), ANKLE_MED, 17.0, inside),
        "medial_foot",
        "foot",
        near=(128, 240),
    )
    c.cut_off(
        "foot",
        strip_knife(front_path(), (276, 202), ANKLE_LAT, 15.0, inside),
        "lateral_foot",
        "foot",
        near=(262, 260),
    )
    c.hcut(
        "foot",
        catmull_rom([(100, 206), (150, 212), (200, 215), (250, 213), (300, 206)], step=1.0),
        "dorsal_forefoot",
        "dorsum_of_foot",
    )
    c.hcut(
        "ankle",
        catmull_rom([(100, 356), (150, 354), (200, 352), (250, 354), (300, 356)], step=1.0),
        "ankle",
        "heel",
    )
    c.cols(
        "ankle",
        [[(176, 300), (178, 370)], [(226, 300), (224, 370)]],
        ["medial_malleolus", "anterior_ankle", "lateral_malleolus"],
    )
    return c


def plantar_cells() -> Cells:
    """Plantar regions, cut in the dorsal frame (big toe on the left); mirrored by the caller."""
    path = outline()
    c = Cells(foot=path)
    inside = lambda p: contains(path, p)  # noqa: E731
    _toe_cells(c, "big_toe_plantar", "lesser_toes_plantar")
    c.cut_off(
        "foot",
        strip_knife(front_path(), (276, 202), ANKLE_LAT, 22.0, inside),
        "lateral_sole",
        "foot",
        near=(262, 260),
    )
    c.hcut(
        "foot",
        catmull_rom([(100, 214), (150, 218), (200, 220), (250, 216), (300, 210)], step=1.0),
        "ball",
        "foot",
    )
    c.vcut("ball", [(180, 130), (178, 230)], "ball_big_toe", "ball_of_foot")
    c.hcut(
        "foot",
        catmull_rom([(100, 318), (150, 320), (200, 322), (250, 320), (300, 318)], step=1.0),
        "mid",
        "heel",
    )
    c.vcut(
        "mid",
        catmull_rom([(186, 205), (180, 250), (178, 290), (180, 330)], step=1.0),
        "arch",
        "plantar_midfoot",
    )
    c.vcut("heel", catmull_rom([(178, 310), (174, 350), (176, 395)], step=1.0), "medial_heel", "heel_plantar")
    return c


def _contours_dorsal() -> list[Poly]:
    lines: list[Poly] = []
    for d in TOES:
        t = d.tube()
        u0 = d.end - 0.55
        left, right = t.pt(u0, -0.6), t.pt(u0, 0.6)
        lines.append(
            catmull_rom([t.pt(d.end, -0.6), left, lerp(left, right, 0.5), right, t.pt(d.end, 0.6)], step=1.0)
        )
        lines.append([t.pt(0.75, -0.55), t.pt(0.75, 0.55)])
    # tendon of the big toe's extensor, and the ankle
    lines.append(catmull_rom([(188, 300), (176, 240), (164, 176)], step=2.0))
    lines.append(catmull_rom([(150, 312), (146, 326), (152, 340)], step=1.0))  # medial malleolus
    lines.append(catmull_rom([(252, 318), (258, 332), (252, 346)], step=1.0))  # lateral malleolus
    return lines


def _contours_plantar_frame() -> list[Poly]:
    lines: list[Poly] = []
    for d in TOES:
        t = d.tube()
        lines.append([t.pt(0.3, -0.7), t.pt(0.3, 0.7)])
    lines.append(catmull_rom([(132, 180), (180, 196), (230, 196), (268, 200)], step=2.0))  # ball
    lines.append(catmull_rom([(166, 332), (206, 324), (244, 332)], step=2.0))  # front of the heel pad
    lines.append(catmull_rom([(150, 226), (162, 262), (166, 296)], step=2.0))  # arch
    return lines


def _shapes(cells: Cells, mirrored: bool) -> list[Shape]:
    return [Shape(name, "right", mirror(p) if mirrored else p) for name, p in cells.items()]


def dorsal_drawing() -> Drawing:
    return Drawing("foot_dorsal", 400, 400, [outline()], _contours_dorsal(), _shapes(dorsal_cells(), False))


def plantar_drawing() -> Drawing:
    return Drawing(
        "foot_plantar",
        400,
        400,
        [mirror(outline())],
        [mirror_line(c) for c in _contours_plantar_frame()],
        _shapes(plantar_cells(), True),
    )


# -- the foot in the anterior view -----------------------------------------------------------------
TOE_OUT_DEG = 8.0  # the feet turn out a little
FORESHORTEN = 0.11  # close-up units along the foot -> body units down the page


def _anterior_map(ankle_out: Point, ankle_in: Point) -> tuple[float, float, float, float, float, float]:
    mid = lerp(ankle_out, ankle_in, 0.5)
    d = 100 * FORESHORTEN
    a = math.radians(TOE_OUT_DEG)
    toe_dir = (-math.sin(a), math.cos(a)) if ankle_out[0] < ankle_in[0] else (math.sin(a), math.cos(a))
    src = [ANKLE_LAT, ANKLE_MED, ((ANKLE_LAT[0] + ANKLE_MED[0]) / 2, ANKLE_Y - 100)]
    dst = [ankle_out, ankle_in, (mid[0] + toe_dir[0] * d, mid[1] + toe_dir[1] * d)]
    return affine_from(src, dst)


def anterior_path(ankle_out: Point, ankle_in: Point) -> Poly:
    return apply(_anterior_map(ankle_out, ankle_in), front_path())


def anterior_piece(ankle_out: Point, ankle_in: Point) -> Piece:
    shapes = [
        s
        for s in _shapes(dorsal_cells(), False)
        if s.region not in {"medial_malleolus", "anterior_ankle", "lateral_malleolus", "heel"}
    ]
    contours = [c for c in _contours_dorsal() if max(p[1] for p in c) < ANKLE_Y - 4]
    return Piece(shapes, contours).transformed(_anterior_map(ankle_out, ankle_in))
