"""The muscle painter: superficial muscles read as filled, deep ones as outlines, attachments marked,
and the left side is the mirror image of the right."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QImage, QPainter

from studyapp.bodychart.muscle_shapes import MuscleShape, shapes_for
from studyapp.ui.bodychart_muscles import paint_muscle

RED = QColor("#d03030")


def _render(shape: MuscleShape, *, mirrored: bool = False) -> QImage:
    image = QImage(400, 1000, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    paint_muscle(painter, shape, RED, mirrored=mirrored)
    painter.end()
    return image


def _patch_lightness(image: QImage, x: float, y: float, half: int = 4) -> float:
    """Mean lightness (0 dark .. 1 white) of a small square, so a fibre line does not decide it."""
    values = [
        image.pixelColor(round(x) + dx, round(y) + dy).lightnessF()
        for dx in range(-half, half + 1)
        for dy in range(-half, half + 1)
    ]
    return sum(values) / len(values)


def _inside_point(shape: MuscleShape) -> tuple[float, float]:
    """A point well inside the outline (the middle of the axis between origin and insertion)."""
    ox = sum(p[0] for p in shape.origin) / len(shape.origin)
    oy = sum(p[1] for p in shape.origin) / len(shape.origin)
    ix = sum(p[0] for p in shape.insertion) / len(shape.insertion)
    iy = sum(p[1] for p in shape.insertion) / len(shape.insertion)
    point = ((ox + ix) / 2, (oy + iy) / 2)
    assert shape.distance(*point) == 0
    return point


def test_superficial_muscles_are_filled_and_deep_ones_barely_tinted(qapp) -> None:  # type: ignore[no-untyped-def]
    superficial = shapes_for("gluteus_maximus")["posterior"]
    deep = shapes_for("quadratus_lumborum")["posterior"]
    assert (superficial.depth, deep.depth) == ("superficial", "deep")
    filled = _patch_lightness(_render(superficial), *_inside_point(superficial))
    tinted = _patch_lightness(_render(deep), *_inside_point(deep))
    assert filled < 0.92
    assert tinted > 0.96
    assert tinted - filled > 0.05


def test_the_left_side_is_the_mirror_image(qapp) -> None:  # type: ignore[no-untyped-def]
    shape = shapes_for("gluteus_maximus")["posterior"]
    x, y = _inside_point(shape)
    right, left = _render(shape), _render(shape, mirrored=True)
    assert _patch_lightness(right, x, y) < 0.92
    assert _patch_lightness(left, 400 - x, y) < 0.92
    assert _patch_lightness(left, x, y) > 0.99  # the patient's right side stays empty


def test_origin_and_insertion_are_marked(qapp) -> None:  # type: ignore[no-untyped-def]
    shape = shapes_for("biceps_femoris")["posterior"]  # a point origin and a point insertion
    image = _render(shape)
    ox, oy = shape.origin[0]
    ix, iy = shape.insertion[0]
    assert image.pixelColor(round(ox), round(oy)).lightnessF() < 0.45  # solid dark dot
    # The insertion is a hollow dot: a dark rim around a white centre.
    rim = min(image.pixelColor(round(ix) + dx, round(iy)).lightnessF() for dx in (-2, 2))
    assert rim < 0.6
