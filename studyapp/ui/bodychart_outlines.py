"""Drawing zones that content gives as outlines: smooth Qt paths from the normalised SVG commands.

Kept apart from the canvas so the canvas only asks "add these outlines to my zone paths".
Outlines are written for the patient's right side; a zone reaching the left side is mirrored about
the view's vertical midline (two-sided views) or drawn in the mirrored panel (one-sided views).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QTransform

from studyapp.bodychart.overlay import OutlineMark, OverlayModel, Panel
from studyapp.ui.bodychart_zones import ZoneShape


def outline_path(commands: str) -> QPainterPath:
    """A QPainterPath from "M x y L x y C x1 y1 x2 y2 x y Z" (the loader's normalised form)."""
    path = QPainterPath()
    tokens = commands.split()
    i = 0
    while i < len(tokens):
        op = tokens[i]
        count = {"M": 2, "L": 2, "C": 6, "Z": 0}.get(op)
        if count is None:
            break  # the loader writes only these; stop rather than draw garbage
        n = [float(t) for t in tokens[i + 1 : i + 1 + count]]
        if op == "M":
            path.moveTo(n[0], n[1])
        elif op == "L":
            path.lineTo(n[0], n[1])
        elif op == "C":
            path.cubicTo(QPointF(n[0], n[1]), QPointF(n[2], n[3]), QPointF(n[4], n[5]))
        else:
            path.closeSubpath()
        i += 1 + count
    return path


def _placements(
    overlay: OverlayModel, mark: OutlineMark, panels: tuple[Panel, ...], width: float
) -> list[QTransform]:
    """Where one outline is drawn in the scene: one transform per side it reaches."""
    sides = overlay.body_sides(mark.side)
    found: list[QTransform] = []
    for panel in panels:
        if panel.body_side:  # one-sided view: the panel shows one side, mirrored for the left
            if panel.body_side in sides:
                if panel.mirrored:
                    found.append(QTransform(-1, 0, 0, 1, panel.offset + width, 0))
                else:
                    found.append(QTransform.fromTranslate(panel.offset, 0))
        else:  # both halves in one drawing: the left side is the mirror image
            if "right" in sides:
                found.append(QTransform())
            if "left" in sides:
                found.append(QTransform(-1, 0, 0, 1, width, 0))
    return found


def outline_shapes(
    overlay: OverlayModel, view_id: str, panels: tuple[Panel, ...], width: float
) -> list[ZoneShape]:
    """The shown zones of `view_id` that content draws as outlines, placed on every side they reach."""
    found: list[ZoneShape] = []
    for mark in overlay.outlines(view_id):
        base = outline_path(mark.path)
        for transform in _placements(overlay, mark, panels, width):
            placed = transform.map(base)
            ring = tuple((p.x(), p.y()) for p in (transform.map(QPointF(x, y)) for x, y in mark.points))
            key = (view_id, mark.path, transform.m11(), transform.dx())
            shape = ZoneShape(
                mark.muscle_id,
                mark.tp_id,
                mark.essential,
                mark.colour,
                mark.hatch_angle,
                placed,
                (ring,),
                key,
            )
            found.append(shape)
    return found
