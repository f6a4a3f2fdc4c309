"""The front/back silhouette shared by the anterior and posterior views.

Drawn as the half at x < 200 (the patient's right in the anterior view); the posterior view uses
its mirror image. Landmark heights come from the canon (chartgen.canon). The arm hangs about
18 degrees from the vertical (upper arm), the forearm about 7 degrees, so the hand stays inside
the 400-unit box while arm and trunk stay apart below the armpit.
"""

from __future__ import annotations

from .canon import ANKLE, CHIN, CROWN, ELBOW, HEAD_CROWN, HEAD_SCALE, PUBIS
from .geom import MID, Affine, Band, Point, Poly, Tube, apply, catmull_rom, scale_about

# Head: the head_front close-up scaled down (crown 30 -> 20, chin 370 -> 140).
HEAD_MAP: Affine = scale_about(MID, HEAD_CROWN, HEAD_SCALE, MID, CROWN)

# Arm: axis shoulder joint -> elbow -> wrist, with half widths toward the outside and the inside.
ARM = Tube(
    axis=((104.0, 204.0), (57.0, ELBOW + 2), (43.0, PUBIS - 2), (42.5, PUBIS + 40)),
    outer=(
        (0.0, 25.0),
        (0.25, 24.5),
        (0.5, 21.5),
        (0.8, 19.5),
        (1.0, 21.5),
        (1.2, 24.5),
        (1.5, 20.5),
        (1.8, 16.0),
        (2.0, 14.8),
    ),
    inner=(
        (0.0, 23.0),
        (0.25, 23.0),
        (0.5, 22.0),
        (0.8, 20.5),
        (1.0, 22.0),
        (1.25, 21.5),
        (1.5, 18.5),
        (1.8, 15.0),
        (2.0, 14.2),
    ),
    outer_toward="left",
)
WRIST_OUT: Point = ARM.pt(2.0, -1.0)  # radial (thumb) side of the wrist
WRIST_IN: Point = ARM.pt(2.0, 1.0)  # ulnar side
AXILLA: Point = ARM.pt(0.2, 1.0)

ANKLE_OUT: Point = (143.0, ANKLE + 2)
ANKLE_IN: Point = (179.5, ANKLE + 2)
CROTCH: Point = (MID, PUBIS + 12)

NECK_SHOULDER: tuple[Point, ...] = (
    (168.6, 128.0),
    (168.0, 139.0),
    (166.5, 149.0),
    (162.0, 157.5),
    (154.0, 164.5),
    (140.0, 170.5),
    (124.0, 175.5),
    (110.0, 179.5),
    (99.0, 183.5),
    (91.0, 188.0),
    (85.0, 194.0),
)
TRUNK_LEG_OUT: tuple[Point, ...] = (
    (116.0, 258.0),
    (117.0, 290.0),
    (122.0, 330.0),
    (127.0, 365.0),
    (128.0, 382.0),
    (125.5, 410.0),
    (119.5, 438.0),
    (113.5, 462.0),
    (110.0, 485.0),
    (109.5, 505.0),
    (110.5, 540.0),
    (113.5, 585.0),
    (118.0, 630.0),
    (124.0, 675.0),
    (130.0, 708.0),
    (133.5, 730.0),
    (134.5, 748.0),
    (133.5, 764.0),
    (130.5, 785.0),
    (129.0, 805.0),
    (130.5, 828.0),
    (133.5, 852.0),
    (137.5, 880.0),
    (140.3, 905.0),
    (141.2, 925.0),
    (140.6, 935.0),
    (141.6, 946.0),
    ANKLE_OUT,
)
LEG_IN: tuple[Point, ...] = (
    ANKLE_IN,
    (181.0, 945.0),
    (182.0, 934.0),
    (181.8, 918.0),
    (183.5, 893.0),
    (186.5, 866.0),
    (190.5, 838.0),
    (193.0, 808.0),
    (192.0, 784.0),
    (189.5, 766.0),
    (189.0, 750.0),
    (190.5, 730.0),
    (192.5, 708.0),
    (193.5, 680.0),
    (195.0, 640.0),
    (196.3, 595.0),
    (197.0, 555.0),
    (197.4, 535.0),
    (198.0, 524.0),
    (198.9, 517.0),
    (199.6, 514.0),
    CROTCH,
)


def head_path(head_front_path: Poly) -> Poly:
    return apply(HEAD_MAP, head_front_path)


def neck_arm_outer(jaw_angle: Point) -> Poly:
    """From the angle of the jaw down the side of the neck, over the shoulder, down the outer arm."""
    ctrl = [jaw_angle, *NECK_SHOULDER] + [ARM.pt(u / 20, -1.0) for u in range(3, 41)]
    return catmull_rom(ctrl, step=1.5)


def arm_inner() -> Poly:
    """Up the inner arm from the wrist to the armpit."""
    return catmull_rom([ARM.pt(u / 20, 1.0) for u in range(40, 3, -1)], step=1.5)


def trunk_leg_outer() -> Poly:
    return catmull_rom([AXILLA, *TRUNK_LEG_OUT], step=1.5)


def leg_inner() -> Poly:
    return catmull_rom(LEG_IN, step=1.5)


def leg_band() -> Band:
    """Frame over the leg: v = 0 on the outer contour, v = 1 on the inner contour."""
    return Band(trunk_leg_outer(), leg_inner())


def trunk_band() -> Band:
    """Frame over the trunk: v = 0 on the side of the trunk, v = 1 on the midline."""
    return Band(trunk_leg_outer(), [(MID, CHIN), (MID, PUBIS + 20)])
