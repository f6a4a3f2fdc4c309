"""Lateral whole-body view: the right side faces the viewer, front toward +x, x = 200 mid-coronal.

The right arm swings a little forward (upper arm about 18 degrees, forearm about 28 degrees from the
vertical) so the side of the chest, the axilla, the flank and the hip stay visible instead of being
hidden behind a hanging arm. The head is the head_side close-up scaled down, the hand the dorsal
close-up (the palm faces the thigh, so the back of the hand faces the viewer, thumb forward).
Only the right side is drawn; the left side is this view mirrored as a whole.
"""

from __future__ import annotations

from . import hand, head_side
from .canon import ANKLE, ILIAC
from .cells import Cells
from .drawing import Drawing, Landmark, Shape
from .geom import (
    Band,
    Point,
    Poly,
    Tube,
    apply,
    apply_pt,
    catmull_rom,
    contains,
    ellipse,
    extend,
    seg_hit,
    similarity,
    strip_knife,
)


def cr(pts: list[Point]) -> Poly:
    return catmull_rom(pts, step=1.0)


ARM = Tube(
    axis=((204.0, 204.0), (250.0, 347.0), (316.0, 474.0), (333.0, 520.0)),
    outer=(
        (0.0, 30.0),
        (0.3, 27.5),
        (0.6, 24.0),
        (0.9, 22.0),
        (1.0, 23.0),
        (1.2, 24.0),
        (1.5, 21.0),
        (1.8, 16.5),
        (2.0, 15.0),
    ),
    inner=(
        (0.0, 30.0),
        (0.3, 28.0),
        (0.6, 26.0),
        (0.9, 23.5),
        (1.0, 25.0),
        (1.2, 22.0),
        (1.5, 19.0),
        (1.8, 15.0),
        (2.0, 14.0),
    ),
    outer_toward="right",  # v = -1 is the front of the arm, v = +1 the back
)
# The deltoid's dome over the top of the arm, from the back of the arm to its front.
CAP: tuple[Point, ...] = (
    (175.8, 212.0),
    (177.2, 203.0),
    (183.0, 195.5),
    (192.5, 189.0),
    (205.0, 184.8),
    (217.0, 186.2),
    (226.5, 191.0),
    (232.2, 197.5),
)
WRIST_FRONT = ARM.pt(2.0, -1.0)
WRIST_BACK = ARM.pt(2.0, 1.0)
NAPE = apply_pt(head_side.LATERAL_MAP, head_side.NAPE)
THROAT = apply_pt(head_side.LATERAL_MAP, head_side.THROAT)

FRONT: tuple[Point, ...] = (  # throat down the front of the body to the front of the ankle
    THROAT,
    (237.5, 152.0),
    (239.0, 162.0),
    (242.5, 172.0),
    (249.0, 184.0),
    (256.5, 200.0),
    (261.5, 220.0),
    (265.0, 245.0),
    (266.0, 265.0),
    (265.0, 285.0),
    (263.0, 305.0),
    (262.0, 325.0),
    (261.0, 345.0),
    (262.0, 370.0),
    (264.0, 395.0),
    (265.0, 415.0),
    (263.5, 438.0),
    (260.0, 458.0),
    (257.5, 480.0),
    (257.5, 500.0),
    (258.0, 522.0),
    (256.5, 552.0),
    (253.5, 595.0),
    (248.5, 640.0),
    (242.0, 682.0),
    (237.0, 708.0),
    (238.5, 728.0),
    (235.5, 747.0),
    (229.5, 764.0),
    (227.5, 790.0),
    (226.5, 822.0),
    (224.5, 862.0),
    (222.5, 900.0),
    (222.0, 928.0),
    (224.0, ANKLE - 5),
)
FOOT: tuple[Point, ...] = (  # front of the ankle, over the instep to the toes, along the sole to the heel
    (224.0, ANKLE - 5),
    (236.0, 954.0),
    (256.0, 963.5),
    (276.0, 970.0),
    (290.0, 973.0),
    (298.5, 976.5),
    (299.0, 980.5),
    (294.0, 983.0),
    (270.0, 983.5),
    (240.0, 983.0),
    (205.0, 983.0),
    (186.0, 981.5),
    (177.0, 975.0),
    (174.5, 962.0),
    (176.5, 948.0),
)
BACK: tuple[Point, ...] = (  # back of the ankle up the back of the body to the nape
    (176.5, 948.0),
    (180.2, 930.0),
    (179.0, 905.0),
    (174.0, 876.0),
    (166.5, 845.0),
    (162.0, 815.0),
    (162.5, 792.0),
    (166.5, 770.0),
    (171.0, 752.0),
    (170.5, 728.0),
    (166.5, 700.0),
    (163.5, 665.0),
    (161.0, 625.0),
    (158.5, 585.0),
    (156.0, 556.0),
    (149.0, 536.0),
    (145.0, 510.0),
    (145.5, 485.0),
    (150.0, 460.0),
    (157.0, 436.0),
    (162.0, 410.0),
    (164.0, 385.0),
    (162.5, 358.0),
    (158.5, 330.0),
    (155.5, 300.0),
    (154.0, 270.0),
    (155.0, 242.0),
    (157.5, 218.0),
    (160.5, 198.0),
    (164.0, 178.0),
    (166.2, 160.0),
    (167.0, 140.0),
    (166.8, 124.0),
    NAPE,
)


def hand_map() -> tuple[float, float, float, float, float, float]:
    return similarity(hand.WRIST_R, hand.WRIST_U, WRIST_FRONT, WRIST_BACK)


def _cut_at(path: Poly, other: Poly) -> tuple[Poly, Poly, Point]:
    """Split `path` where it first crosses `other`: (before, after, crossing point)."""
    s, p = _hits(path, other)[0]
    k = int(s)
    return [*path[: k + 1], p], [p, *path[k + 1 :]], p


def _hits(path: Poly, other: Poly) -> list[tuple[float, Point]]:
    out: list[tuple[float, Point]] = []
    for j in range(len(path) - 1):
        for i in range(len(other) - 1):
            hit = seg_hit(path[j], path[j + 1], other[i], other[i + 1])
            if hit is not None:
                s, _ = hit
                a, b = path[j], path[j + 1]
                out.append((j + s, (a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s)))
    out.sort()
    if not out:
        raise ValueError("paths do not cross")
    return out


def parts() -> dict[str, Poly]:
    front = cr(list(FRONT))
    arm_front = ARM.side(-1.0, 0.0, 2.0, 80)
    arm_back = ARM.side(1.0, 0.0, 2.0, 80)
    front_upper, _, p1 = _cut_at(front, arm_front)
    _, arm_front_out, _ = _cut_at(arm_front, front)
    # where the back of the forearm leaves the belly
    arm_back_rev = list(reversed(arm_back))
    arm_back_out, _, p2 = _cut_at(arm_back_rev, front)
    _, front_lower, _ = _cut_at(front, arm_back)
    return {
        "head": apply(head_side.LATERAL_MAP, head_side.profile_path()),
        "front_upper": front_upper,
        "arm_front": arm_front_out,
        "hand": apply(hand_map(), hand.outline_path()),
        "arm_back": arm_back_out,
        "front_lower": front_lower,
        "foot": cr(list(FOOT)),
        "back": cr(list(BACK)),
        "p1": [p1],
        "p2": [p2],
    }


def silhouette(pp: dict[str, Poly]) -> Poly:
    out: Poly = []
    for name in ("head", "front_upper", "arm_front", "hand", "arm_back", "front_lower", "foot", "back"):
        out += pp[name][1:] if out else pp[name]
    return out[:-1]


def _cells(pp: dict[str, Poly]) -> Cells:
    base = apply(head_side.LATERAL_MAP, head_side.base_path())  # throat -> nape
    cell = (
        pp["front_upper"]
        + pp["arm_front"][1:]
        + pp["arm_back"]
        + pp["front_lower"][1:]
        + pp["foot"][1:]
        + pp["back"][1:]
        + list(reversed(base))[1:-1]
    )
    c = Cells(body=cell)
    inside = lambda p: contains(cell, p)  # noqa: E731
    (p1,), (p2,) = pp["p1"], pp["p2"]
    leg = Band(pp["back"], pp["front_lower"])
    arm = ARM

    # the arm: up the back of the arm from the gap below the forearm, over the shoulder, down its front
    cap = [arm.pt(0.08, 1.0), *CAP, arm.pt(0.08, -1.0)]
    back_edge = [arm.pt(u / 40, 1.0) for u in range(64, 3, -1) if arm.pt(u / 40, 1.0)[1] < p2[1] - 3]
    front_edge = [arm.pt(u / 40, -1.0) for u in range(4, 60) if arm.pt(u / 40, -1.0)[1] < p1[1] - 3]
    knife = [(p2[0] + 4, p2[1] + 9), *back_edge, *cap, *front_edge, (p1[0] + 6, p1[1] - 1)]
    c.cut_off("body", cr(knife), "arm", "body", near=arm.centre(1.5))
    c.cut_off("arm", cr([(186, 184), (194, 195), (212, 196), (226, 186)]), "acromion", "arm", near=(204, 190))
    c.hcut("arm", arm.across(0.45), "deltoid", "arm")
    c.cols(
        "deltoid",
        [extend(arm.side(0.33, 0.0, 0.47), 28), extend(arm.side(-0.33, 0.0, 0.47), 28)],
        ["posterior_deltoid", "lateral_deltoid", "anterior_deltoid"],
    )
    c.hcut("arm", arm.across(0.92), "upper_arm", "arm")
    c.cols(
        "upper_arm",
        [extend(arm.side(0.45, 0.4, 0.95)), extend(arm.side(-0.45, 0.4, 0.95))],
        ["upper_arm_posterior", "upper_arm_lateral", "upper_arm_anterior"],
    )
    for name in ("upper_arm_posterior", "upper_arm_anterior"):
        c.hcut(name, arm.across(0.7), f"{name}_upper", f"{name}_lower")
    c.hcut("arm", arm.across(1.12), "elbow", "arm")
    c.cols(
        "elbow",
        [extend(arm.side(0.4, 0.9, 1.14)), extend(arm.side(-0.4, 0.9, 1.14))],
        ["olecranon", "lateral_epicondyle", "cubital_fossa"],
    )
    c.hcut("arm", arm.across(1.86), "forearm", "wrist")
    c.cols(
        "forearm",
        [extend(arm.side(0.42, 1.1, 1.88)), extend(arm.side(-0.42, 1.1, 1.88))],
        ["forearm_ulnar", "forearm_dorsal", "forearm_radial"],
    )
    c.hcut("forearm_dorsal", arm.across(1.48), "forearm_dorsal_upper", "forearm_dorsal_lower")
    c.cols(
        "wrist",
        [extend(arm.side(0.4, 1.84, 2.0)), extend(arm.side(-0.4, 1.84, 2.0))],
        ["ulnar_wrist", "dorsal_wrist", "radial_wrist"],
    )

    # neck, and the chest in front of the arm
    c.hcut("body", cr([(158, 176), (172, 178), (186, 182), (196, 192)]), "neck_front", "trunk")
    c.hcut("neck_front", cr([(224, 192), (236, 181), (252, 178)]), "neck", "chest_front")
    c.cut_off(
        "neck",
        cr([(228, 134), (230, 150), (234, 165), (240, 176), (244, 186)]),
        "throat",
        "neck",
        near=(236, 160),
    )
    c.cut_off(
        "neck",
        cr([(205, 108), (208, 120), (216, 136), (224, 152), (230, 166), (234, 178), (236, 190)]),
        "anterior_neck",
        "neck",
        near=(226, 152),
    )
    c.cut_off(
        "neck",
        cr([(196, 108), (198, 120), (206, 140), (216, 158), (226, 172), (230, 186)]),
        "sternocleidomastoid_line",
        "neck",
        near=(214, 150),
    )
    c.vcut(
        "neck", cr([(180, 108), (181, 130), (182, 150), (184, 168), (188, 186)]), "neck_back", "lateral_neck"
    )
    c.rows(
        "neck_back",
        [cr([(160, 126), (190, 126)]), cr([(160, 149), (190, 149)])],
        ["suboccipital", "posterior_neck_upper", "posterior_neck_lower"],
    )
    c.rows(
        "chest_front",
        [cr([(220, 193), (262, 193)]), cr([(220, 258), (272, 258)])],
        ["clavicle", "pectoral", "breast"],
    )

    # trunk behind the arm
    c.hcut("trunk", cr([(150, 200), (170, 200), (186, 202), (192, 212)]), "upper_trapezius", "trunk")
    c.cut_off(
        "trunk",
        strip_knife(pp["back"], (156, 244), (157, 437), 20.0, inside),
        "back",
        "trunk",
        near=(166, 330),
    )
    c.rows(
        "back",
        [cr([(140, 268), (190, 268)]), cr([(140, 345), (190, 345)])],
        ["lateral_scapular_border", "posterior_ribs_lower", "lumbar_paraspinal"],
    )
    c.hcut("trunk", cr([(168, 254), (186, 258), (200, 260)]), "axilla", "trunk")
    c.hcut("trunk", cr([(170, 340), (200, 340), (240, 342)]), "lateral_chest", "trunk")
    c.hcut("trunk", cr([(140, ILIAC - 4), (200, ILIAC - 2), (280, ILIAC + 4)]), "flank", "trunk")

    # pelvis and hip
    c.hcut("trunk", cr([(140, ILIAC + 8), (200, ILIAC + 6), (280, ILIAC + 13)]), "iliac_crest", "trunk")
    c.vcut("trunk", cr([(178, 440), (176, 480), (172, 520), (164, 552), (150, 566)]), "buttock", "trunk")
    c.hcut(
        "buttock", cr([(130, 496), (160, 500), (180, 502)]), "buttock_upper_lateral", "buttock_lower_lateral"
    )
    c.vcut(
        "trunk",
        cr([(236, 440), (238, 480), (241, 512), (250, 526), (266, 532)]),
        "trunk",
        "anterior_hip_zone",
    )
    c.hcut("anterior_hip_zone", cr([(230, 470), (270, 472)]), "lower_abdomen", "anterior_hip")
    c.hcut("trunk", cr([(160, 488), (200, 486), (250, 488)]), "lateral_hip", "trunk")
    c.hcut("trunk", cr([(160, 522), (200, 524), (250, 522)]), "greater_trochanter", "thigh")

    # thigh, knee, leg: v = 0 at the back, 1 at the front
    c.hcut("thigh", leg.across(712), "thigh", "leg")
    c.cols(
        "thigh",
        [extend(leg.along(0.25, 500, 720)), extend(leg.along(0.72, 500, 720))],
        ["posterior_thigh", "lateral_thigh", "anterolateral_thigh"],
    )
    for name in ("posterior_thigh", "lateral_thigh", "anterolateral_thigh"):
        c.rows(name, [leg.across(602), leg.across(658)], [f"{name}_upper", f"{name}_middle", f"{name}_lower"])
    c.hcut("leg", leg.across(768), "knee", "leg")
    c.cols(
        "knee",
        [extend(leg.along(0.26, 700, 780)), extend(leg.along(0.74, 700, 780))],
        ["popliteal_fossa", "lateral_knee", "patella"],
    )
    c.cut_off(
        "leg",
        cr([(178, 760), (182, 778), (194, 784), (204, 776), (204, 760)]),
        "fibular_head",
        "leg",
        near=(192, 774),
    )
    c.hcut("leg", leg.across(926), "shank", "ankle_foot")
    c.cols(
        "shank",
        [extend(leg.along(0.3, 760, 940)), extend(leg.along(0.72, 760, 940))],
        ["calf", "lateral_leg", "shin"],
    )
    for name in ("calf", "lateral_leg", "shin"):
        c.hcut(name, leg.across(850), f"{name}_upper", f"{name}_lower")
    c.hcut("ankle_foot", cr([(168, 956), (190, 958), (214, 952), (228, 944)]), "ankle", "foot")
    c.cols(
        "ankle",
        [cr([(188, 920), (186, 962)]), cr([(212, 920), (214, 962)])],
        ["achilles", "lateral_malleolus", "anterior_ankle"],
    )
    c.vcut("foot", cr([(190, 950), (188, 970), (190, 990)]), "heel", "foot")
    c.hcut("foot", cr([(196, 952), (212, 962), (240, 967), (270, 973), (300, 976)]), "dorsum_of_foot", "foot")
    c.vcut("foot", cr([(276, 960), (278, 990)]), "lateral_foot", "lesser_toes_dorsal")
    c.cut_off(
        "lateral_foot",
        cr([(222, 988), (222, 974), (230, 969), (240, 972), (242, 988)]),
        "fifth_metatarsal_base",
        "lateral_foot",
        near=(231, 978),
    )
    return c


def _details() -> list[Poly]:
    return [cr([(276, 972), (280, 977)]), cr([(284, 973.5), (287, 978)])]  # toes


def ring(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> Poly:
    pts = ellipse(cx, cy, rx, ry, n=n)
    return [*pts, pts[0]]


def _landmarks() -> list[Landmark]:
    """Light lines for what students palpate on the side of the body."""
    arm = ARM
    return [
        ("clavicle", cr([(208, 186), (222, 182), (238, 176)])),
        ("scapular spine", cr([(161, 224), (168, 215.5), (175.5, 208)])),
        ("trapezius", cr([(170, 146), (175.5, 162), (184, 175), (195, 183)])),  # its upper border
        ("deltoid", cr([arm.pt(0.1, 0.92), arm.pt(0.3, 0.45), arm.pt(0.48, 0.05)])),
        ("deltoid", cr([arm.pt(0.1, -0.92), arm.pt(0.3, -0.42), arm.pt(0.48, 0.05)])),
        ("nipple", ring(262, 262, 1.8, 1.8, n=10)),
        ("elbow crease", cr([arm.pt(1.0, -0.6), arm.pt(1.02, -0.1)])),
        ("olecranon", cr([arm.pt(1.0, 0.95), arm.pt(1.06, 0.55)])),
        ("iliac crest", cr([(164, 444), (190, 436), (222, 440), (250, 452)])),
        ("greater trochanter", cr([(189, 511), (193, 500), (202, 496), (210.5, 503)])),
        ("gluteal fold", cr([(154, 549), (162, 552), (172, 551)])),
        ("iliotibial band", cr([(193, 528), (197, 600), (203, 672), (210, 730), (214, 752)])),
        ("patella", ring(231.5, 728, 5.5, 12.5)),
        ("popliteal crease", cr([(172.5, 751), (177, 748)])),
        ("fibular head", ring(191.5, 773, 4.0, 4.5, n=16)),
        ("gastrocnemius", cr([(174, 770), (181, 800), (185, 835), (183, 868)])),
        ("achilles tendon", cr([(186, 880), (185.2, 905), (183.8, 930)])),
        ("lateral malleolus", cr([(198, 936), (204, 942), (202, 950), (196, 952)])),
    ]


def arm_outline(pp: dict[str, Poly]) -> Poly:
    """The arm and hand as one closed shape: it hangs in front of the trunk, so its edge is drawn too."""
    arm = ARM
    cap = list(CAP)
    front = [arm.pt(u / 40, -1.0) for u in range(3, 81)]
    back = [arm.pt(u / 40, 1.0) for u in range(80, 2, -1)]
    return cr([*cap, *front]) + pp["hand"][1:-1] + cr([*back, cap[0]])[:-1]


def drawing(midline: set[str]) -> Drawing:
    pp = parts()
    cells = _cells(pp)
    shapes = [Shape(n, "midline" if n in midline else "right", p) for n, p in cells.items()]
    head = head_side.head_piece(midline).transformed(head_side.LATERAL_MAP)
    hand_piece = hand.hand_piece(palmar=False).transformed(hand_map())
    shapes += head.shapes + hand_piece.shapes
    contours = _details() + head.contours + hand_piece.contours
    outline = [silhouette(pp), arm_outline(pp)]
    return Drawing("lateral", 400, 1000, outline, contours, shapes, _landmarks())
