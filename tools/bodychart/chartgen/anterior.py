"""Anterior whole-body view: the figure faces the viewer, patient's right on the viewer's left.

Cut as the right half (x < 200) and mirrored. The head is the head_front close-up scaled down,
the hands are the palmar close-up (fingers down, thumbs out), the feet the dorsal close-up seen
end-on. Extra regions that the catalogue lists for other views are drawn where they are visible
here too (face, temple, ear, palm and fingers, lateral strips), so the silhouette has no blank areas.
"""

from __future__ import annotations

from . import body, foot, hand, head_front
from .canon import ILIAC, NAVEL
from .cells import Cells
from .drawing import Drawing, Landmark, Shape, both_sides, mirrored_contours, mirrored_landmarks
from .geom import (
    MID,
    Point,
    Poly,
    apply,
    catmull_rom,
    contains,
    ellipse,
    extend,
    mirror,
    similarity,
    strip_knife,
    x_at,
)


def cr(pts: list[Point]) -> Poly:
    return catmull_rom(pts, step=1.0)


def hand_map() -> tuple[float, float, float, float, float, float]:
    # palmar close-up: radial end of the wrist crease at x = 400 - 142, ulnar end at 400 - 258
    return similarity(
        (400 - hand.WRIST_R[0], hand.WRIST_R[1]),
        (400 - hand.WRIST_U[0], hand.WRIST_U[1]),
        body.WRIST_OUT,
        body.WRIST_IN,
    )


def silhouette_half() -> tuple[Poly, dict[str, Poly]]:
    """The right half outline (crown to crotch) and its named parts."""
    parts = {
        "head": body.head_path(head_front.head_path()),
        "neck_arm": body.neck_arm_outer(body.head_path([head_front.JAW_ANGLE])[0]),
        "hand": apply(hand_map(), [(400 - x, y) for x, y in hand.outline_path()]),
        "arm_in": body.arm_inner(),
        "trunk_leg": body.trunk_leg_outer(),
        "foot": foot.anterior_path(body.ANKLE_OUT, body.ANKLE_IN),
        "leg_in": body.leg_inner(),
    }
    half: Poly = []
    for name in ("head", "neck_arm", "hand", "arm_in", "trunk_leg", "foot", "leg_in"):
        half += parts[name][1:] if half else parts[name]
    return half, parts


def _cells(parts: dict[str, Poly]) -> Cells:
    jaw = body.head_path(head_front.jaw_path())  # jaw angle -> chin
    cell = parts["neck_arm"] + parts["arm_in"] + parts["trunk_leg"] + parts["leg_in"] + list(reversed(jaw))
    c = Cells(body=cell)
    inside = lambda p: contains(cell, p)  # noqa: E731
    outline = parts["neck_arm"] + parts["arm_in"] + parts["trunk_leg"]
    _ax, ay = body.AXILLA
    arm = body.ARM
    leg = body.leg_band()

    c.hcut(
        "body",
        cr(
            [(100, 466), (116, 472), (138, 486), (158, 497), (176, 503), (186, 506), (193, 510), (212, 512.5)]
        ),
        "body",
        "leg",
    )
    gap_y = ay + 14
    gap = ((x_at(parts["arm_in"], gap_y) + x_at(parts["trunk_leg"], gap_y)) / 2, gap_y)
    c.cut_off(
        "body",
        cr([gap, (116, 228), (112, 212), (108, 197), (106, 186), (105, 172)]),
        "arm",
        "body",
        near=(70, 300),
    )
    c.cut_off(
        "body",
        cr([(212, 162), (193, 164), (191, 172), (192, 182), (212, 184)]),
        "sternal_notch",
        "body",
        near=(197, 173),
    )

    # neck and shoulder top
    c.hcut(
        "body",
        cr(
            [
                (100, 184),
                (110, 182.6),
                (122, 180),
                (135, 178),
                (155, 177),
                (172, 176),
                (186, 174.5),
                (196, 174),
            ]
        ),
        "neck",
        "chest",
    )
    c.hcut(
        "chest",
        cr(
            [
                (100, 191),
                (110, 189),
                (122, 186.5),
                (135, 185),
                (155, 184),
                (172, 183),
                (186, 181.5),
                (196, 180.5),
            ]
        ),
        "clavicle",
        "chest",
    )
    c.cut_off("neck", cr([(190, 138), (191, 148), (192, 158), (195, 168)]), "throat", "neck", near=(197, 150))
    trap = [
        *strip_knife(outline, (166.5, 150), (124, 175.5), 3.5, inside)[:-1],
        (114, 180.3),
        (106, 182.8),
        (99, 183),
    ]
    c.cut_off("neck", cr(trap), "upper_trapezius", "neck", near=(130, 174))
    c.cut_off(
        "neck",
        cr([(178, 130), (180, 140), (184, 152), (189, 164), (192, 172), (196, 176)]),
        "anterior_neck",
        "neck",
        near=(188, 150),
    )
    c.cut_off(
        "neck",
        cr([(173, 118), (172, 132), (175, 146), (180, 158), (185, 168), (188, 178)]),
        "sternocleidomastoid_line",
        "neck",
        near=(182, 152),
    )
    c.hcut("neck", cr([(156, 151), (170, 153), (178, 151)]), "lateral_neck", "supraclavicular")

    # chest
    c.cut_off(
        "chest",
        cr([(194, 170), (193.5, 240), (194.5, 292), (195.5, 306), (196.5, 315), (212, 318)]),
        "sternum",
        "chest",
        near=(197, 240),
    )
    c.rows(
        "sternum",
        [[(188, 238), (212, 238)], [(188, 292), (212, 292)]],
        ["sternum_upper", "sternum_lower", "xiphoid"],
    )
    c.cut_off(
        "chest",
        cr([(186, 176), (186, 200), (186.5, 260), (188, 298), (192, 308), (197, 311)]),
        "parasternal",
        "chest",
        near=(190, 250),
    )
    c.cut_off(
        "chest", strip_knife(outline, (116, 253), (120, 436), 9.0, inside), "side", "chest", near=(122, 340)
    )
    c.hcut("side", [(100, 338), (150, 338)], "lateral_chest", "flank")
    c.hcut("chest", cr([(100, 198), (118, 198), (150, 197), (188, 196)]), "infraclavicular", "chest")
    c.vcut("infraclavicular", [(136, 175), (138, 205)], "coracoid", "infraclavicular")
    c.hcut("chest", cr([(100, 222), (130, 223.5), (160, 224.5), (188, 226)]), "upper_chest", "chest")
    c.hcut(
        "chest",
        cr([(100, 244), (122, 247), (140, 245), (158, 243), (176, 246), (188, 250)]),
        "pectoral",
        "chest",
    )
    c.hcut(
        "chest",
        cr([(112, 282), (126, 282), (140, 288), (156, 290), (172, 286), (188, 280)]),
        "breast",
        "chest",
    )
    c.hcut(
        "chest",
        cr([(198, 306), (185, 316), (170, 328), (155, 338), (140, 346), (122, 352)]),
        "anterior_ribs_lower",
        "chest",
    )
    c.hcut(
        "chest",
        cr([(199, 314), (188, 324), (172, 337), (156, 347), (140, 355), (122, 361)]),
        "costal_margin",
        "chest",
    )
    c.cut_off(
        "chest",
        cr([(199, 315), (188, 327), (182, 340), (184, 350), (212, 350)]),
        "epigastrium",
        "chest",
        near=(195, 335),
    )
    c.hcut("chest", cr([(115, 366), (150, 366), (190, 366), (212, 366)]), "upper_abdomen", "chest")
    navel = ellipse(MID, NAVEL, 9.0, 9.5, n=32)
    c.cut_off(
        "chest",
        [(212.0, 370.0), *[p for p in navel if p[0] < MID - 1], (212.0, 390.0)],
        "umbilicus",
        "chest",
        near=(196, NAVEL),
    )
    c.hcut("chest", cr([(115, 408), (150, 408), (212, 408)]), "mid_abdomen", "chest")
    c.cut_off(
        "chest",
        cr([(106, ILIAC), (122, 441), (131, 450), (129, 461), (118, 467), (106, 466)]),
        "asis",
        "chest",
        near=(121, 453),
    )
    c.cut_off(
        "chest",
        cr([(212, 492), (194, 492), (188, 498), (187, 506), (189, 512), (190, 520)]),
        "genitals",
        "chest",
        near=(196, 503),
    )
    c.cut_off(
        "chest",
        cr([(212, 481), (191, 481.5), (189, 487), (190, 496)]),
        "pubic_symphysis",
        "chest",
        near=(196, 487),
    )
    c.cut_off(
        "chest",
        cr([(212, 455), (186, 455), (177, 460), (175, 470), (178, 488), (182, 504), (184, 512)]),
        "suprapubic",
        "chest",
        near=(190, 470),
    )
    c.cut_off(
        "chest",
        cr([(124, 458), (140, 472), (158, 484), (172, 492), (181, 496)]),
        "inguinal",
        "chest",
        near=(150, 486),
    )
    c.rename("chest", "lower_abdomen")

    # arm, cut in the frame of its tube (v = -1 outer edge, +1 inner edge)
    c.cut_off(
        "arm",
        cr([(86, 182), (93, 193), (103, 193.5), (108, 188), (111, 183)]),
        "acromion",
        "arm",
        near=(98, 189),
    )
    c.hcut("arm", arm.across(0.42), "deltoid", "arm")
    c.vcut("deltoid", extend(arm.side(-0.32, 0.0, 0.45), 18), "lateral_deltoid", "deltoid")
    c.vcut("deltoid", extend(arm.side(0.32, 0.0, 0.45), 18), "anterior_deltoid", "deltoid_inner")
    c.hcut("deltoid_inner", arm.across(0.24), "anterior_shoulder", "axilla")
    c.hcut("arm", arm.across(0.92), "upper_arm", "arm")
    c.cols(
        "upper_arm",
        [extend(arm.side(-0.45, 0.4, 0.95)), extend(arm.side(0.45, 0.4, 0.95))],
        ["upper_arm_lateral", "upper_arm_anterior", "upper_arm_medial"],
    )
    c.hcut("upper_arm_anterior", arm.across(0.68), "upper_arm_anterior_upper", "upper_arm_anterior_lower")
    c.hcut("arm", arm.across(1.1), "elbow", "arm")
    c.cols(
        "elbow",
        [extend(arm.side(-0.38, 0.9, 1.12)), extend(arm.side(0.4, 0.9, 1.12))],
        ["lateral_epicondyle", "cubital_fossa", "medial_epicondyle"],
    )
    c.hcut("arm", arm.across(1.86), "forearm", "wrist")
    c.cols(
        "forearm",
        [extend(arm.side(-0.45, 1.08, 1.88)), extend(arm.side(0.45, 1.08, 1.88))],
        ["forearm_radial", "forearm_volar", "forearm_ulnar"],
    )
    c.hcut("forearm_volar", arm.across(1.48), "forearm_volar_upper", "forearm_volar_lower")
    c.cols(
        "wrist",
        [extend(arm.side(-0.4, 1.84, 2.0)), extend(arm.side(0.4, 1.84, 2.0))],
        ["radial_wrist", "volar_wrist", "ulnar_wrist"],
    )

    # leg, in a frame from the outer contour (v = 0) to the inner contour (v = 1)
    c.cut_off(
        "leg",
        strip_knife(outline, (110.5, 482), (109.8, 517), 9.0, inside),
        "greater_trochanter",
        "leg",
        near=(114, 500),
    )
    c.hcut("leg", leg.across(700), "thigh", "leg")
    c.cols(
        "thigh",
        [extend(leg.along(0.3, 452, 712)), extend(leg.along(0.68, 452, 712))],
        ["anterolateral_thigh", "anterior_thigh", "medial_thigh"],
    )
    c.rows(
        "anterolateral_thigh",
        [leg.across(598), leg.across(655)],
        ["anterolateral_thigh_upper", "anterolateral_thigh_middle", "anterolateral_thigh_lower"],
    )
    c.rows(
        "anterior_thigh",
        [leg.across(532), leg.across(598), leg.across(655)],
        ["anterior_hip", "anterior_thigh_upper", "anterior_thigh_middle", "anterior_thigh_lower"],
    )
    c.rows(
        "medial_thigh",
        [leg.across(540, 532), leg.across(598), leg.across(655)],
        ["groin", "medial_thigh_upper", "medial_thigh_middle", "medial_thigh_lower"],
    )
    c.hcut("leg", leg.across(778), "knee", "leg")
    c.cols(
        "knee",
        [extend(leg.along(0.24, 690, 790)), extend(leg.along(0.74, 690, 790))],
        ["lateral_knee", "knee_centre", "medial_knee"],
    )
    px = leg.pt(722, 0.49)[0]
    c.rows(
        "knee_centre",
        [
            cr([(px - 25, 718), (px - 12, 711), (px, 709.5), (px + 12, 711), (px + 25, 718)]),
            cr([(px - 25, 742), (px - 12, 749), (px, 750.5), (px + 12, 749), (px + 25, 742)]),
        ],
        ["suprapatellar", "patella", "infrapatellar"],
    )
    c.hcut("leg", leg.across(930), "shank", "ankle")
    c.cols(
        "shank",
        [extend(leg.along(0.25, 770, 940)), extend(leg.along(0.7, 770, 940))],
        ["lateral_leg", "shin", "medial_leg"],
    )
    for name in ("lateral_leg", "shin", "medial_leg"):
        c.hcut(name, leg.across(860), f"{name}_upper", f"{name}_lower")
    c.cols(
        "ankle",
        [extend(leg.along(0.27, 920, 960)), extend(leg.along(0.73, 920, 960))],
        ["lateral_malleolus", "anterior_ankle", "medial_malleolus"],
    )
    return c


def ring(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> Poly:
    pts = ellipse(cx, cy, rx, ry, n=n)
    return [*pts, pts[0]]


def _landmarks() -> list[Landmark]:
    """Light lines for what students palpate or see on a lean body, patient's right then mirrored."""
    arm = body.ARM
    leg = body.leg_band()
    px = leg.pt(722, 0.49)[0]
    half: list[Landmark] = [
        ("clavicle", cr([(194, 176), (180, 178.5), (160, 179), (140, 177.5), (122, 180), (106, 183)])),
        ("sternocleidomastoid", cr([(190, 174), (182, 160), (176, 145), (172, 132)])),
        ("pectoral border", cr([(117, 240), (126, 252), (142, 256), (162, 255), (180, 250), (194, 244)])),
        ("deltoid", cr([(112, 188), (112.5, 202), (114.5, 218), arm.pt(0.32, 0.35), arm.pt(0.5, -0.45)])),
        ("biceps", cr([arm.pt(0.5, 0.55), arm.pt(0.72, 0.3), arm.pt(0.92, 0.15)])),
        ("nipple", ring(154, 262, 2.2, 2.2, n=12)),
        ("costal margin", cr([(197, 306), (185, 318), (168, 331), (150, 343), (132, 352)])),
        ("rectus abdominis", cr([(176, 322), (172, 345), (171.5, 372), (174, 405), (180, 440), (188, 470)])),
        ("rectus abdominis", cr([(199, 338), (187, 335.5), (175, 338.5)])),  # tendinous intersections
        ("rectus abdominis", cr([(199, 360), (186, 358), (173.5, 361)])),
        ("iliac crest", cr([(127.5, 414), (128.5, 430), (130, 445)])),  # to the ASIS
        ("inguinal fold", cr([(128, 448), (140, 466), (158, 482), (176, 494), (190, 500)])),
        ("greater trochanter", cr([(113, 486), (117.5, 498), (114.5, 512)])),
        ("sartorius", cr([(131, 454), (140, 500), (155, 565), (171, 632), (180, 668)])),
        ("vastus medialis", cr([(183, 664), (189.5, 692), (188.5, 710), (181, 719)])),
        ("patella", ring(px, 729.5, 10.5, 14.5, n=32)),
        ("tibial crest", cr([leg.pt(790, 0.47), leg.pt(860, 0.44), leg.pt(925, 0.45)])),
        ("elbow crease", cr([arm.pt(1.0, -0.5), arm.pt(0.99, 0.0), arm.pt(1.0, 0.5)])),
        ("lateral malleolus", cr([leg.pt(937, 0.08), leg.pt(944, 0.16), leg.pt(952, 0.1)])),
        ("medial malleolus", cr([leg.pt(932, 0.9), leg.pt(939, 0.8), leg.pt(947, 0.88)])),
    ]
    lines = mirrored_landmarks(half)
    lines.append(("umbilicus", ring(MID, NAVEL, 3.0, 4.0, n=16)))
    lines.append(("linea alba", cr([(MID, 312), (MID, 366)])))
    lines.append(("linea alba", cr([(MID, 394), (MID, 470)])))
    return lines


def drawing(midline: set[str]) -> Drawing:
    half, parts = silhouette_half()
    shapes = both_sides(_cells(parts), midline)
    head = head_front.head_piece(midline).transformed(body.HEAD_MAP)  # already has both sides
    shapes += head.shapes
    contours = head.contours
    # the right hand and foot, and their mirror images for the left
    for piece in (
        hand.hand_piece(palmar=True).transformed(hand_map()),
        foot.anterior_piece(body.ANKLE_OUT, body.ANKLE_IN),
    ):
        for s in piece.shapes:
            shapes += [s, Shape(s.region, "left", mirror(s.points))]
        contours += mirrored_contours(piece.contours)
    outline = half + mirror(half)[1:-1]
    return Drawing("anterior", 400, 1000, [outline], contours, shapes, _landmarks())
