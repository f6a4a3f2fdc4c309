"""The head from the front (close-up, 400 x 400): crown y=30, eyes y=200, chin y=370.

Drawn as the patient's right half (viewer's left, x < 200) and mirrored. The part above the jaw line
is reused, scaled down, as the head of the anterior whole-body view.
"""

from __future__ import annotations

from .canon import HEAD_CHIN, HEAD_CROWN
from .cells import Cells
from .drawing import Drawing, Piece, both_sides, mirrored_contours
from .geom import MID, Point, Poly, catmull_rom, contains, ellipse, mirror, strip_knife

CROWN: Point = (MID, HEAD_CROWN)
CHIN: Point = (MID, HEAD_CHIN)
JAW_ANGLE: Point = (110.0, 318.0)
NECK_BOTTOM = 398.0
NECK_REGIONS = {"throat", "anterior_neck", "sternocleidomastoid_line", "lateral_neck"}

# Silhouette of the right half, crown to the angle of the jaw, with the ear on the way.
HEAD_SIDE: tuple[Point, ...] = (
    CROWN,
    (172, 32),
    (145, 39),
    (121, 52),
    (102, 70),
    (89, 93),
    (82, 120),
    (80, 148),
    (82, 170),
    (86, 184),
    # ear: top, rim, lobe
    (80, 177),
    (72, 179),
    (66, 190),
    (64, 210),
    (65, 231),
    (68, 248),
    (73, 262),
    (80, 270),
    (87, 270),
    (91, 266),
    (95, 284),
    (101, 302),
    JAW_ANGLE,
)
JAW: tuple[Point, ...] = (JAW_ANGLE, (121, 336), (138, 351), (160, 362), (182, 368), CHIN)
NECK_SIDE: tuple[Point, ...] = (JAW_ANGLE, (112, 332), (115, 352), (117, 374), (118, NECK_BOTTOM))


def head_path() -> Poly:
    return catmull_rom(HEAD_SIDE, step=1.5)


def jaw_path() -> Poly:
    return catmull_rom(JAW, step=1.5)


def neck_path() -> Poly:
    return catmull_rom(NECK_SIDE, step=1.5)


def half_outline() -> Poly:
    """Right half of the close-up silhouette: crown, side of the head, ear, jaw, neck to the box edge."""
    return head_path() + neck_path()[1:] + [(MID, NECK_BOTTOM)]


def outline() -> Poly:
    half = half_outline()
    return half + mirror(half)[1:-1]


def _cells() -> Cells:
    head = head_path() + jaw_path()[1:]  # closes along the midline from the chin back to the crown
    neck = [*neck_path(), (MID, NECK_BOTTOM), *list(reversed(jaw_path()))[:-1]]
    c = Cells(head=head, neck=neck)
    cr = catmull_rom
    # The occiput cannot be seen from the front; the catalogue still draws it in the anterior view, so it
    # is the rim of the skull from ear to ear (what of the back of the head shows at the silhouette).
    over_top = [(2 * MID - x, y) for x, y in reversed(head_path()) if x > 2 * MID - 216] + head_path()[1:]
    c.cut_off(
        "head",
        strip_knife(over_top, (214, 31), (81.5, 164), 7.0, lambda p: contains(head, p)),
        "occiput",
        "head",
        near=(120, 52),
    )
    c.cut_off(
        "head", cr([(76, 170), (87, 188), (89, 226), (90, 262), (88, 277)]), "ear", "head", near=(68, 225)
    )
    c.hcut("head", cr([(70, 112), (90, 103), (120, 88), (160, 78), (212, 76)]), "vertex", "head")
    c.cut_off("head", cr([(95, 92), (102, 120), (100, 150), (70, 160)]), "parietal", "head", near=(86, 128))
    c.cut_off(
        "head",
        cr([(94, 146), (110, 160), (114, 196), (108, 226), (94, 236), (70, 238)]),
        "temple",
        "head",
        near=(96, 190),
    )
    c.cut_off(
        "head",
        cr([(165, 70), (163, 100), (166, 140), (174, 160), (184, 168), (214, 170)]),
        "forehead",
        "head",
        near=(190, 120),
    )
    c.cut_off(
        "head",
        cr([(186, 164), (184, 180), (183, 205), (182, 232), (214, 236)]),
        "nose_bridge",
        "head",
        near=(194, 200),
    )
    c.hcut(
        "head",
        cr([(105, 166), (122, 158), (146, 152), (168, 156), (180, 164), (190, 160)]),
        "frontal_eminence",
        "head",
    )
    c.hcut("head", cr([(106, 182), (124, 173), (150, 169), (172, 171), (186, 178)]), "eyebrow", "head")
    c.cut_off(
        "head",
        cr([(118, 170), (124, 190), (123, 200), (121, 214), (115, 226), (100, 232)]),
        "eye_lateral",
        "head",
        near=(114, 205),
    )
    c.hcut(
        "head",
        cr([(117, 200), (124, 200), (136, 192), (150, 189), (165, 192), (176, 202), (188, 200)]),
        "upper_eyelid",
        "head",
    )
    c.cut_off(
        "head",
        cr([(125, 196), (128, 202), (138, 208.5), (150, 211), (164, 209), (172, 204.5), (174, 199)]),
        "behind_eye",
        "head",
        near=(150, 203),
    )
    c.hcut("head", cr([(117, 212), (128, 219), (150, 226), (170, 223), (186, 214)]), "orbit", "head")
    c.cut_off(
        "head",
        cr([(190, 228), (181, 236), (176, 252), (174, 266), (180, 276), (192, 278), (214, 276)]),
        "nose_side",
        "head",
        near=(192, 255),
    )
    c.cut_off(
        "head",
        cr([(100, 226), (110, 238), (130, 246), (148, 242), (156, 230), (158, 216)]),
        "cheekbone",
        "head",
        near=(128, 236),
    )
    c.cut_off(
        "head",
        cr([(160, 220), (156, 236), (151, 252), (156, 266), (170, 270), (180, 268)]),
        "maxillary_sinus",
        "head",
        near=(166, 245),
    )
    c.cut_off(
        "head",
        cr([(182, 272), (179, 282), (181, 289), (214, 290)]),
        "upper_incisors",
        "head",
        near=(192, 283),
    )
    c.cut_off("head", cr([(189, 285), (188, 303), (214, 303)]), "mouth_midline", "head", near=(195, 296))
    c.cut_off("head", cr([(191, 300), (188, 316), (214, 316)]), "tongue", "head", near=(195, 310))
    c.cut_off(
        "head",
        cr([(157, 258), (146, 272), (147, 288), (166, 292), (178, 291), (186, 286)]),
        "upper_molars",
        "head",
        near=(164, 280),
    )
    c.hcut("head", cr([(156, 284), (162, 300), (165, 303), (177, 303), (192, 302)]), "upper_lip", "head")
    c.cut_off(
        "head",
        cr([(163, 298), (165, 305), (171, 314), (181, 318), (186, 317), (193, 312)]),
        "lower_lip",
        "head",
        near=(178, 310),
    )
    c.cut_off(
        "head",
        cr([(183, 314), (180, 325), (182, 334), (214, 334)]),
        "lower_incisors",
        "head",
        near=(192, 326),
    )
    c.cut_off(
        "head",
        cr([(187, 330), (180, 340), (178, 352), (182, 364), (186, 376)]),
        "chin",
        "head",
        near=(192, 352),
    )
    c.cut_off(
        "head",
        cr([(184, 339), (165, 336), (145, 338), (132, 346), (126, 356)]),
        "chin_side",
        "head",
        near=(160, 352),
    )
    c.cut_off(
        "head",
        cr([(172, 312), (160, 312), (148, 318), (146, 330), (150, 342)]),
        "lower_molars",
        "head",
        near=(163, 326),
    )
    c.cut_off(
        "head",
        cr([(88, 288), (108, 290), (124, 304), (130, 322), (128, 350)]),
        "angle_of_jaw",
        "head",
        near=(112, 312),
    )
    c.rename("head", "cheek")
    c.vcut("neck", [(181, 360), (181, 410)], "neck", "throat")
    c.cols(
        "neck",
        [[(128, 340), (150, 410)], [(150, 344), (170, 410)]],
        ["lateral_neck", "sternocleidomastoid_line", "anterior_neck"],
    )
    return c


def _contours() -> list[Poly]:
    cr = catmull_rom
    half: list[Poly] = [
        cr([(112, 176), (126, 167), (150, 162), (172, 165), (184, 172)], step=1.5),  # eyebrow
        cr([(124, 200), (136, 192), (150, 189), (165, 192), (176, 202)], step=1.0),  # upper lid margin
        cr([(124, 200), (138, 208.5), (150, 211), (164, 209), (176, 202)], step=1.0),  # lower lid margin
        cr([(127, 194), (140, 185), (153, 183), (168, 188)], step=1.5),  # lid crease
        [*ellipse(151, 200, 9, 9, n=28), ellipse(151, 200, 9, 9, n=28)[0]],  # iris
        cr([(182, 226), (178, 246), (174, 262)], step=1.5),  # side of the nose
        cr([(186, 258), (178, 262), (175, 270), (180, 276), (190, 275)], step=1.0),  # nostril wing
        cr([(190, 272), (196, 274), (200, 274.5)], step=1.0),  # nostril
        cr([(164, 303), (176, 301), (190, 299), (200, 300)], step=1.0),  # mouth line
        cr([(166, 301), (176, 294), (188, 290), (196, 292), (200, 291)], step=1.0),  # upper lip line
        cr([(168, 305), (180, 313), (200, 315)], step=1.0),  # lower lip line
        cr([(174, 333), (186, 330), (200, 331)], step=1.5),  # chin crease
        cr([(78, 190), (72, 205), (72, 230), (76, 252), (82, 262)], step=1.5),  # helix of the ear
        cr([(84, 220), (80, 232), (83, 244)], step=1.5),  # concha
        cr([(124, 352), (138, 372), (150, 398)], step=1.5),  # sternocleidomastoid
    ]
    return mirrored_contours(half)


def drawing(midline: set[str]) -> Drawing:
    shapes = both_sides(_cells(), midline)
    return Drawing("head_front", 400, 400, [outline()], _contours(), shapes)


def head_piece(midline: set[str]) -> Piece:
    """Everything above the jaw line (no neck), in close-up units."""
    shapes = [s for s in both_sides(_cells(), midline) if s.region not in NECK_REGIONS]
    contours = [c for c in _contours() if max(p[1] for p in c) < 345]
    return Piece(shapes, contours)
