"""Posterior whole-body view: the figure's back, patient's right on the viewer's right (x > 200).

Same silhouette as the anterior view, mirrored, with the back of the hands (dorsal close-up, fingers
down) and the heels. Cut as the right half (x > 200) in the view's own coordinates, then mirrored.
"""

from __future__ import annotations

from . import body, hand, head_front
from .cells import Cells
from .drawing import Drawing, Landmark, Piece, Shape, both_sides, mirrored_contours, mirrored_landmarks
from .geom import (
    MID,
    Band,
    Point,
    Poly,
    Tube,
    apply,
    catmull_rom,
    contains,
    extend,
    mirror,
    mirror_line,
    similarity,
    strip_knife,
    x_at,
)


def cr(pts: list[Point]) -> Poly:
    return catmull_rom(pts, step=1.0)


def m(p: Point) -> Point:
    return (2 * MID - p[0], p[1])


ARM = Tube(
    axis=[m(p) for p in ((104.0, 204.0), (57.0, 352.0), (43.0, 498.0), (42.5, 540.0))],
    outer=body.ARM.outer,
    inner=body.ARM.inner,
    outer_toward="right",
)
WRIST_OUT = m(body.WRIST_OUT)
WRIST_IN = m(body.WRIST_IN)
ANKLE_OUT = m(body.ANKLE_OUT)
ANKLE_IN = m(body.ANKLE_IN)


def hand_map() -> tuple[float, float, float, float, float, float]:
    return similarity(hand.WRIST_R, hand.WRIST_U, WRIST_OUT, WRIST_IN)


def heel_path() -> Poly:
    """Below the ankle: the heel seen from behind, with a little of the forefoot either side."""
    (ox, oy), (ix, _) = ANKLE_OUT, ANKLE_IN
    return cr(
        [
            ANKLE_OUT,
            (ox + 1.2, oy + 5),  # lateral malleolus
            (ox + 0.4, oy + 12),
            (ox - 1.2, oy + 20),  # the heel narrows a little toward the ground
            (ox + 1.0, 977.0),
            (ox + 6.5, 980.5),  # the outer edge of the forefoot, beyond the heel
            (ox + 6.0, 984.0),
            (ox - 1.0, 985.5),
            (ox - 8, 987.5),
            ((ox + ix) / 2, 988.0),
            (ix + 8, 987.5),
            (ix + 1.0, 985.5),
            (ix - 4.5, 984.5),
            (ix - 5.0, 981.5),  # the ball of the big toe, inside the heel
            (ix - 0.5, 977.5),
            (ix + 1.2, oy + 20),
            (ix - 0.4, oy + 10),
            (ix - 0.8, oy + 3),  # medial malleolus
            ANKLE_IN,
        ]
    )


def silhouette_half() -> tuple[Poly, dict[str, Poly]]:
    jaw_angle = body.head_path([head_front.JAW_ANGLE])[0]
    parts = {
        "head": mirror_line(body.head_path(head_front.head_path())),
        "neck_arm": mirror_line(body.neck_arm_outer(jaw_angle)),
        "hand": apply(hand_map(), hand.outline_path()),
        "arm_in": mirror_line(body.arm_inner()),
        "trunk_leg": mirror_line(body.trunk_leg_outer()),
        "foot": heel_path(),
        "leg_in": mirror_line(body.leg_inner()),
    }
    half: Poly = []
    for name in ("head", "neck_arm", "hand", "arm_in", "trunk_leg", "foot", "leg_in"):
        half += parts[name][1:] if half else parts[name]
    return half, parts


def _cells(parts: dict[str, Poly]) -> Cells:
    cell = parts["head"] + parts["neck_arm"][1:] + parts["arm_in"] + parts["trunk_leg"] + parts["leg_in"]
    c = Cells(body=cell)
    inside = lambda p: contains(cell, p)  # noqa: E731
    outline = parts["neck_arm"] + parts["arm_in"] + parts["trunk_leg"]
    arm = ARM
    leg = Band(parts["trunk_leg"], parts["leg_in"])
    _ax, ay = m(body.AXILLA)

    # head and neck
    c.hcut("body", cr([(250, 104), (238, 108.5), (224, 112), (210, 114), (190, 114.5)]), "head", "body")
    ear = [m(p) for p in body.head_path([(76, 170), (87, 188), (89, 226), (90, 262), (88, 277)])]
    c.cut_off("head", cr(ear), "ear", "head", near=(246, 88))
    vertex = [m(p) for p in body.head_path([(70, 112), (90, 103), (120, 88), (160, 78), (212, 76)])]
    c.hcut("head", cr(vertex), "vertex", "head")
    c.cut_off(
        "head",
        cr([(247, 57), (236, 60), (232, 72), (236, 80), (248, 84)]),
        "parietal",
        "head",
        near=(240, 68),
    )
    c.cut_off(
        "head",
        cr([(236, 112), (230, 104), (229, 96), (234, 90), (246, 88)]),
        "mastoid",
        "head",
        near=(236, 102),
    )
    c.cut_off("head", cr([(246, 70), (236, 78), (233, 90), (234, 100)]), "behind_ear", "head", near=(239, 86))
    c.vcut("head", cr([(214, 30), (214, 60), (215, 90), (217, 118)]), "occiput", "occiput_lateral")

    c.hcut("body", cr([(190, 176), (214, 177), (234, 176), (248, 170), (258, 158)]), "neck", "body")
    c.cut_off(
        "neck",
        cr([(238, 102), (227, 122), (225, 150), (232, 170), (240, 182)]),
        "neck_side",
        "neck",
        near=(230, 140),
    )
    c.hcut("neck_side", [(215, 152), (245, 150)], "lateral_neck", "neck_shoulder_angle")
    c.rows(
        "neck",
        [cr([(190, 128), (230, 126)]), cr([(190, 151), (230, 150)])],
        ["suboccipital", "posterior_neck_upper", "posterior_neck_lower"],
    )

    # arm off the back (posterior axillary fold up to the top of the shoulder)
    gap_y = ay + 14
    gap = ((x_at(parts["arm_in"], gap_y) + x_at(parts["trunk_leg"], gap_y)) / 2, gap_y)
    c.cut_off(
        "body",
        cr([gap, (284, 228), (289, 212), (292, 197), (294, 186), (295, 172)]),
        "arm",
        "body",
        near=(330, 300),
    )

    # back
    c.cut_off(
        "body",
        cr([(190, 172), (204, 178), (204.5, 260), (204.5, 345), (204.5, 436), (202, 440), (190, 441)]),
        "spine",
        "body",
        near=(201, 300),
    )
    c.rows(
        "spine",
        [cr([(190, 261), (212, 261)]), cr([(190, 345), (212, 345)])],
        ["thoracic_spine_upper", "thoracic_spine_lower", "lumbar_spine"],
    )
    c.cut_off(
        "body",
        strip_knife(outline, m((116, 253)), m((123.5, 420)), 11.0, inside),
        "side",
        "body",
        near=(282, 340),
    )
    c.hcut("side", [(250, 338), (300, 338)], "lateral_chest", "flank")
    trap = strip_knife(outline, m((163, 157)), m((105, 181)), 7.0, inside)
    c.cut_off("body", [*trap[:-1], (296, 182)], "upper_trapezius", "body", near=(270, 176))
    c.cut_off(
        "body",
        cr([(202, 178), (218, 180), (219, 230), (219, 290), (220, 345), (202, 348)]),
        "paraspinal",
        "body",
        near=(212, 260),
    )
    c.rows(
        "paraspinal",
        [cr([(204, 230), (224, 230)]), cr([(204, 290), (224, 290)])],
        ["upper_thoracic_paraspinal", "mid_thoracic_paraspinal", "lower_thoracic_paraspinal"],
    )
    # scapula: spine, the fossae, its borders and the inferior angle
    c.cut_off(
        "body",
        cr([(219, 170), (224, 190), (227, 212), (229, 236), (232, 258), (232, 270), (224, 276), (216, 278)]),
        "interscapular",
        "body",
        near=(222, 230),
    )
    c.hcut("body", cr([(221, 199), (240, 196), (262, 191), (280, 184), (286, 181)]), "suprascapular", "body")
    c.hcut(
        "body", cr([(222, 207), (240, 204), (265, 199), (284, 193.5), (297, 191)]), "scapular_spine", "body"
    )
    c.cut_off(
        "body",
        cr([(229, 262), (250, 271), (264, 262), (282, 232), (292, 206), (298, 196)]),
        "scapula",
        "body",
        near=(260, 230),
    )
    c.vcut(
        "scapula", cr([(236, 198), (237, 230), (243, 262), (250, 274)]), "medial_scapular_border", "scapula"
    )
    c.cut_off(
        "scapula",
        cr([(240, 252), (250, 250), (262, 256), (268, 262)]),
        "inferior_scapular_angle",
        "scapula",
        near=(252, 260),
    )
    c.cut_off(
        "scapula",
        cr([(292, 200), (282, 214), (270, 236), (262, 252), (258, 262)]),
        "lateral_scapular_border",
        "infraspinous",
        near=(274, 238),
    )
    c.hcut("body", cr([(218, 345), (240, 345), (262, 345), (290, 345)]), "posterior_ribs_lower", "body")
    c.cut_off(
        "body",
        cr([(210, 342), (232, 348), (234, 362), (230, 375), (203, 376)]),
        "thoracolumbar_paraspinal",
        "body",
        near=(218, 360),
    )
    c.hcut(
        "body",
        cr([(201, 437.5), (222, 438), (240, 432), (258, 429), (276, 431), (296, 440)]),
        "lumbar_paraspinal",
        "body",
    )
    c.cut_off(
        "body",
        cr([(190, 441), (208, 440), (214, 458), (210, 478), (204, 488), (200, 492), (190, 493)]),
        "sacrum",
        "body",
        near=(204, 462),
    )
    c.hcut(
        "body",
        cr([(204, 446), (222, 446), (240, 440), (258, 437), (276, 439), (296, 448)]),
        "iliac_crest",
        "body",
    )
    c.cut_off(
        "body",
        cr([(206, 444), (222, 448), (224, 460), (214, 462), (208, 457)]),
        "psis",
        "body",
        near=(216, 454),
    )
    c.cut_off(
        "body",
        cr([(212, 458), (222, 462), (218, 480), (208, 492), (196, 497)]),
        "si_joint",
        "body",
        near=(212, 474),
    )
    c.cut_off(
        "body",
        cr([(201, 489), (204.5, 494), (204.5, 506), (203.5, 514), (201, 521)]),
        "cleft",
        "body",
        near=(201.5, 500),
    )
    c.rows(
        "cleft",
        [[(190, 497), (210, 497)], [(190, 505), (210, 505)], [(190, 509.5), (210, 509.5)]],
        ["coccyx", "gluteal_cleft", "anal_region", "perineum"],
    )

    # the leg below the gluteal fold, and the buttock quadrants above it
    c.hcut(
        "body",
        cr([(300, 528), (280, 536), (258, 545), (236, 549), (218, 548), (206, 546), (200, 549)]),
        "body",
        "leg",
    )
    c.cut_off(
        "body",
        cr([(206, 548), (214, 536), (226, 532), (238, 538), (244, 552)]),
        "ischial_tuberosity",
        "body",
        near=(226, 542),
    )
    c.vcut(
        "body",
        cr([(242, 436), (241, 470), (242, 500), (244, 540), (246, 556)]),
        "buttock_medial",
        "buttock_lateral",
    )
    c.cut_off(
        "buttock_lateral",
        strip_knife(outline, m((110.5, 482)), m((109.8, 517)), 11.0, inside),
        "greater_trochanter",
        "buttock_lateral",
        near=(286, 500),
    )
    c.rows(
        "buttock_lateral",
        [cr([(236, 482), (262, 484), (300, 486)]), cr([(236, 511), (262, 513), (300, 514)])],
        ["buttock_upper_lateral", "posterior_hip", "buttock_lower_lateral"],
    )
    c.hcut(
        "buttock_medial",
        cr([(196, 496), (220, 497), (246, 498)]),
        "buttock_upper_medial",
        "buttock_lower_medial",
    )

    # arm
    c.cut_off(
        "arm",
        cr([(314, 182), (307, 193), (297, 193.5), (292, 188), (289, 183)]),
        "acromion",
        "arm",
        near=(302, 189),
    )
    c.hcut("arm", arm.across(0.42), "deltoid", "arm")
    c.vcut("deltoid", extend(arm.side(0.32, 0.0, 0.45), 18), "deltoid_inner", "deltoid")
    c.vcut("deltoid", extend(arm.side(-0.32, 0.0, 0.45), 18), "posterior_deltoid", "lateral_deltoid")
    c.hcut("deltoid_inner", arm.across(0.24), "posterior_shoulder", "posterior_axilla")
    c.hcut("arm", arm.across(0.92), "upper_arm", "arm")
    c.cols(
        "upper_arm",
        [extend(arm.side(0.45, 0.4, 0.95)), extend(arm.side(-0.45, 0.4, 0.95))],
        ["upper_arm_medial", "upper_arm_posterior", "upper_arm_lateral"],
    )
    c.hcut("upper_arm_posterior", arm.across(0.68), "upper_arm_posterior_upper", "upper_arm_posterior_lower")
    c.hcut("arm", arm.across(1.1), "elbow", "arm")
    c.cols(
        "elbow",
        [extend(arm.side(0.4, 0.9, 1.12)), extend(arm.side(-0.38, 0.9, 1.12))],
        ["medial_epicondyle", "olecranon", "lateral_epicondyle"],
    )
    c.hcut("arm", arm.across(1.86), "forearm", "wrist")
    c.cols(
        "forearm",
        [extend(arm.side(0.45, 1.08, 1.88)), extend(arm.side(-0.45, 1.08, 1.88))],
        ["forearm_ulnar", "forearm_dorsal", "forearm_radial"],
    )
    c.hcut("forearm_dorsal", arm.across(1.48), "forearm_dorsal_upper", "forearm_dorsal_lower")
    c.cols(
        "wrist",
        [extend(arm.side(0.4, 1.84, 2.0)), extend(arm.side(-0.4, 1.84, 2.0))],
        ["ulnar_wrist", "dorsal_wrist", "radial_wrist"],
    )

    # thigh and leg, in a frame from the outer contour (v = 0) to the inner contour (v = 1)
    c.hcut("leg", leg.across(710), "thigh", "leg")
    c.cols(
        "thigh",
        [extend(leg.along(0.8, 530, 720)), extend(leg.along(0.2, 520, 720))],
        ["medial_thigh", "posterior_thigh", "lateral_thigh"],
    )
    for name, knives in (
        ("medial_thigh", (606, 660)),
        ("posterior_thigh", (610, 665)),
        ("lateral_thigh", (606, 660)),
    ):
        c.rows(
            name,
            [leg.across(knives[0]), leg.across(knives[1])],
            [f"{name}_upper", f"{name}_middle", f"{name}_lower"],
        )
    c.hcut("leg", leg.across(772), "knee", "leg")
    c.cols(
        "knee",
        [extend(leg.along(0.76, 700, 790)), extend(leg.along(0.24, 700, 790))],
        ["medial_knee", "popliteal_fossa", "lateral_knee"],
    )
    c.hcut("leg", leg.across(908), "calf", "ankle")
    c.cols(
        "calf",
        [extend(leg.along(0.58, 760, 920)), extend(leg.along(0.2, 760, 920))],
        ["calf_medial", "calf", "lateral_leg"],
    )
    c.hcut("calf", leg.across(842), "calf_upper", "calf_lower")
    c.hcut("lateral_leg", leg.across(860), "lateral_leg_upper", "lateral_leg_lower")
    c.cols(
        "ankle",
        [extend(leg.along(0.72, 900, 960)), extend(leg.along(0.28, 900, 960))],
        ["medial_malleolus", "achilles", "lateral_malleolus"],
    )
    return c


def _landmarks() -> list[Landmark]:
    """Light lines for what students palpate on the back, patient's right (x > 200) then mirrored."""
    _, parts = silhouette_half()
    leg = Band(parts["trunk_leg"], parts["leg_in"])  # v = 0 outer contour, 1 inner contour
    half: list[Landmark] = [
        ("occiput", cr([(206, 113), (220, 111), (234, 106)])),
        ("scapular spine", cr([(238, 207), (262, 200), (290, 192)])),
        (
            "scapula",  # medial border, inferior angle, lateral border
            cr(
                [
                    (240, 192),
                    (236, 206),
                    (238, 232),
                    (243, 256),
                    (250, 269),
                    (258, 263),
                    (272, 240),
                    (284, 216),
                ]
            ),
        ),
        ("trapezius", cr([(201.5, 334), (212, 300), (225, 255), (236, 214)])),
        ("deltoid", cr([(284, 199), ARM.pt(0.18, 0.5), ARM.pt(0.36, 0.05), ARM.pt(0.5, -0.55)])),
        (
            "olecranon",
            cr([ARM.pt(0.97, -0.2), ARM.pt(1.03, -0.05), ARM.pt(1.03, 0.1), ARM.pt(0.97, 0.25)]),
        ),
        ("iliac crest", cr([(214, 444), (240, 435), (262, 432), (278.5, 436)])),
        ("psis", cr([(218, 452), (218, 454)])),  # the dimple over the posterior superior iliac spine
        ("sacrum", cr([(217.5, 457), (214, 472), (208, 487), (201.5, 495)])),
        ("greater trochanter", cr([(288, 488), (283.5, 500), (287.5, 512)])),
        ("gluteal fold", cr([(206, 546), (224, 550), (244, 549), (262, 543)])),
        ("popliteal crease", cr([leg.pt(744, 0.72), leg.pt(748, 0.5), leg.pt(744, 0.28)])),
        (
            "gastrocnemius",  # lower border of the medial head
            cr([leg.pt(802, 0.9), leg.pt(836, 0.79), leg.pt(858, 0.66), leg.pt(873, 0.55)]),
        ),
        (
            "gastrocnemius",  # lower border of the lateral head
            cr([leg.pt(796, 0.1), leg.pt(824, 0.2), leg.pt(843, 0.33), leg.pt(856, 0.45)]),
        ),
        ("gastrocnemius", cr([leg.pt(772, 0.5), leg.pt(800, 0.49), leg.pt(826, 0.49)])),  # between the heads
        ("achilles tendon", cr([leg.pt(880, 0.35), leg.pt(915, 0.36), leg.pt(945, 0.38)])),
        ("achilles tendon", cr([leg.pt(880, 0.63), leg.pt(915, 0.62), leg.pt(945, 0.61)])),
        ("lateral malleolus", cr([leg.pt(938, 0.06), leg.pt(946, 0.15), leg.pt(954, 0.09)])),
        ("medial malleolus", cr([leg.pt(930, 0.93), leg.pt(938, 0.84), leg.pt(946, 0.91)])),
    ]
    lines = mirrored_landmarks(half)
    lines.append(("spinous processes", cr([(MID, 180), (MID, 440)])))
    lines.append(("gluteal cleft", cr([(MID, 494), (MID, 514)])))
    return lines


def drawing(midline: set[str]) -> Drawing:
    half, parts = silhouette_half()
    shapes = both_sides(_cells(parts), midline, drawn_side_is_right=True)
    hand_piece: Piece = hand.hand_piece(palmar=False).transformed(hand_map())
    feet = Cells(foot=[*heel_path(), ANKLE_OUT])
    feet.hcut("foot", cr([(212, 978), (240, 977.5), (270, 978)]), "heel", "heel_plantar")
    contours = mirrored_contours(hand_piece.contours)
    for s in [*hand_piece.shapes, *[Shape(n, "right", p) for n, p in feet.items()]]:
        shapes.append(s)
        shapes.append(Shape(s.region, "left", mirror(s.points)))
    outline = half + mirror(half)[1:-1]
    return Drawing("posterior", 400, 1000, [outline], contours, shapes, _landmarks())
