"""The right side of the head (close-up, 400 x 400): face toward +x, crown y=30, chin y=370.

The part above the skull base and the jaw is reused, scaled down, as the head of the lateral view.
"""

from __future__ import annotations

from .canon import CROWN, HEAD_CROWN, HEAD_SCALE
from .cells import Cells
from .drawing import Drawing, Piece, Shape
from .geom import Affine, Point, Poly, catmull_rom, ellipse, scale_about

NAPE: Point = (92.0, 290.0)  # where the skull base meets the back of the neck
THROAT: Point = (291.0, 380.0)  # where the underside of the chin meets the front of the neck
BOTTOM = 398.0

# Close-up -> lateral view (the head sits a little in front of the mid-coronal line x = 200).
LATERAL_MAP: Affine = scale_about(200.0, HEAD_CROWN, HEAD_SCALE, 205.0, CROWN)

PROFILE: tuple[Point, ...] = (
    NAPE,
    (82, 270),
    (70, 245),
    (62, 215),
    (58, 180),
    (61, 145),
    (72, 108),
    (92, 74),
    (120, 50),
    (155, 35),
    (195, 30),
    (240, 34),
    (280, 48),
    (310, 70),
    (330, 98),
    (340, 128),
    (343, 156),
    (347, 173),
    (339, 191),
    (348, 218),
    (362, 244),
    (372, 261),
    (369, 271),
    (353, 276),
    (348, 283),
    (352, 296),
    (346, 304),
    (350, 314),
    (343, 327),
    (337, 334),
    (342, 350),
    (338, 364),
    (322, 372),
    (304, 376),
    THROAT,
)
# Interior line from the throat back to the nape: under the jaw, behind the angle, along the skull base.
HEAD_BASE: tuple[Point, ...] = (
    THROAT,
    (266, 367),
    (238, 350),
    (214, 334),
    (198, 314),
    (182, 299),
    (150, 295),
    (120, 293),
    NAPE,
)
NECK_FRONT: tuple[Point, ...] = (THROAT, (291, 390), (290.5, BOTTOM))
NECK_BACK: tuple[Point, ...] = ((106, BOTTOM), (100, 368), (93, 330), NAPE)

EAR: tuple[Point, ...] = (
    (200, 206),
    (192, 190),
    (176, 184),
    (162, 192),
    (156, 212),
    (158, 236),
    (163, 258),
    (170, 276),
    (181, 287),
    (193, 285),
    (198, 270),
    (201, 250),
)


def profile_path() -> Poly:
    return catmull_rom(PROFILE, step=1.5)


def base_path() -> Poly:
    return catmull_rom(HEAD_BASE, step=1.5)


def outline() -> Poly:
    front = catmull_rom(NECK_FRONT, step=1.5)
    back = catmull_rom(NECK_BACK, step=1.5)
    return profile_path() + front[1:] + back[:-1]


def _cells() -> Cells:
    head = profile_path() + base_path()[1:-1]
    front = catmull_rom(NECK_FRONT, step=1.5)
    back = catmull_rom(NECK_BACK, step=1.5)
    neck = [*reversed(base_path()), *front[1:], *back[:-1]]
    c = Cells(head=head, neck=neck)
    cr = catmull_rom

    def cut(knife: list[Point], piece: str, near: Point, rest: str = "head") -> None:
        c.cut_off(rest, cr(knife, step=1.0), piece, rest, near=near)

    c.hcut(
        "head",
        cr([(40, 78), (100, 64), (160, 52), (230, 52), (300, 64), (350, 80)], step=1.0),
        "vertex",
        "head",
    )
    cut([(330, 60), (318, 90), (314, 130), (318, 166), (350, 170)], "forehead", (332, 120))
    cut([(40, 120), (74, 122), (84, 160), (86, 220), (88, 262), (96, 300)], "occiput", (70, 200))
    c.vcut(
        "head",
        cr([(140, 40), (130, 100), (120, 160), (118, 220), (120, 280), (122, 320)], step=1.0),
        "occiput_lateral",
        "head",
    )
    cut([(318, 166), (322, 182), (336, 186), (350, 184)], "eyebrow", (334, 176))
    cut([(326, 180), (322, 198), (330, 210), (342, 208), (350, 196)], "behind_eye", (334, 198))
    cut([(324, 180), (300, 186), (300, 208), (318, 214), (332, 206)], "eye_lateral", (314, 198))
    c.hcut(
        "head",
        cr(
            [
                (110, 200),
                (150, 186),
                (176, 181),
                (200, 180),
                (222, 188),
                (240, 204),
                (270, 210),
                (294, 202),
                (306, 196),
            ],
            step=1.0,
        ),
        "upper",
        "head",
    )
    c.vcut(
        "upper",
        cr([(256, 40), (248, 90), (238, 150), (236, 190), (240, 214)], step=1.0),
        "parietal",
        "temple",
    )
    # the ear zone: behind the preauricular line, below the side of the head
    c.vcut(
        "head", cr([(206, 170), (207, 220), (208, 260), (205, 300), (196, 340)], step=1.0), "ear_zone", "head"
    )
    cut([(222, 172), (220, 220), (220, 260), (218, 300), (214, 340)], "preauricular", (212, 250))
    c.cut_off(
        "ear_zone",
        cr(
            [(160, 170), (157, 196), *EAR[4:-1], (201, 250), (201.5, 220), (201.5, 200), (202, 170)], step=1.0
        ),
        "ear",
        "ear_zone",
        near=(178, 236),
    )
    c.cut_off("ear_zone", [(194, 264), (214, 268)], "ear_deep", "ear_zone", near=(204, 230))
    c.hcut("ear_zone", cr([(112, 262), (150, 268), (170, 271)], step=1.0), "behind_ear", "mastoid")
    cut([(213, 231), (250, 232), (282, 231), (296, 223), (298, 196)], "zygomatic_arch", (260, 222))
    cut([(214, 236), (238, 238), (244, 248), (240, 260), (214, 262)], "tmj", (230, 249))
    cut([(350, 206), (338, 214), (336, 240), (341, 262), (352, 284), (372, 284)], "nose_side", (354, 250))
    cut([(290, 226), (300, 238), (320, 244), (342, 236)], "cheekbone", (318, 230))
    cut([(320, 232), (312, 252), (318, 270), (340, 276), (348, 270)], "maxillary_sinus", (330, 256))
    cut([(356, 280), (338, 282), (334, 294), (338, 306), (360, 306)], "upper_lip", (344, 293))
    cut([(360, 304), (336, 305), (330, 318), (334, 332), (350, 336)], "lower_lip", (340, 318))
    cut([(360, 330), (332, 334), (318, 344), (318, 372), (330, 382)], "chin", (332, 354))
    cut([(340, 272), (312, 272), (292, 284), (288, 302), (336, 302)], "upper_molars", (312, 290))
    cut([(334, 300), (288, 301), (280, 318), (300, 328), (326, 330), (334, 328)], "lower_molars", (308, 314))
    cut([(190, 320), (208, 300), (226, 304), (242, 322), (248, 346), (244, 362)], "angle_of_jaw", (222, 325))
    cut([(244, 352), (250, 330), (290, 330), (322, 340), (326, 380)], "mandible", (290, 352))
    c.rename("head", "cheek")
    # neck (close-up only)
    c.vcut("neck", cr([(236, 340), (246, 370), (252, 402)], step=1.0), "neck", "throat")
    c.cut_off(
        "neck",
        cr([(176, 290), (184, 318), (204, 352), (224, 380), (236, 404)], step=1.0),
        "anterior_neck_zone",
        "neck",
        near=(230, 372),
    )
    c.rename("anterior_neck_zone", "sternocleidomastoid_line")
    c.cut_off(
        "neck",
        cr([(84, 318), (130, 318), (162, 304), (172, 290)], step=1.0),
        "suboccipital",
        "neck",
        near=(120, 305),
    )
    c.vcut("neck", cr([(150, 300), (140, 350), (142, 404)], step=1.0), "posterior_neck_upper", "lateral_neck")
    return c


def _contours() -> list[Poly]:
    cr = catmull_rom
    ear = list(EAR)
    lines: list[Poly] = [
        cr(ear, step=1.0),
        cr([(192, 204), (178, 198), (168, 210), (168, 238), (174, 262), (184, 276)], step=1.0),  # helix rim
        cr([(190, 226), (182, 232), (186, 246), (194, 250)], step=1.0),  # concha
        cr([(345, 175), (330, 172), (318, 176)], step=1.0),  # brow
        cr([(341, 190), (333, 192), (324, 198)], step=1.0),  # upper lid
        cr([(325, 200), (332, 204), (340, 203)], step=1.0),  # lower lid
        [*ellipse(335, 197.5, 2.6, 3.2, n=12), ellipse(335, 197.5, 2.6, 3.2, n=12)[0]],  # iris
        cr([(352, 264), (344, 262), (340, 270), (348, 276)], step=1.0),  # wing of the nose
        cr([(346, 304), (336, 306)], step=1.0),  # corner of the mouth
        cr([(322, 372), (286, 360), (252, 344), (226, 326), (210, 306), (204, 280)], step=1.5),  # jaw line
        cr([(184, 300), (204, 332), (226, 364), (244, 396)], step=1.5),  # sternocleidomastoid
    ]
    return lines


def drawing(midline: set[str]) -> Drawing:
    shapes = [Shape(n, "midline" if n in midline else "right", p) for n, p in _cells().items()]
    return Drawing("head_side", 400, 400, [outline()], _contours(), shapes)


NECK_REGIONS = {"throat", "sternocleidomastoid_line", "suboccipital", "posterior_neck_upper", "lateral_neck"}


def head_piece(midline: set[str]) -> Piece:
    """The head above the skull base and the jaw (no neck), in close-up units."""
    shapes = [
        Shape(n, "midline" if n in midline else "right", p)
        for n, p in _cells().items()
        if n not in NECK_REGIONS
    ]
    contours = [c for c in _contours()[:-1]]
    return Piece(shapes, contours)
