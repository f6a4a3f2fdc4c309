"""Scene items for referral zones, in the manuals' convention.

One muscle: the essential zone solid, the spillover zone stippled with dots of the same colour over
a faint wash. Several muscles (compare mode): each essential zone a light fill with a strong outline
in the muscle's colour and, from the second muscle on, its own hatch angle; spillover dots in the
muscle's colour on grids shifted per muscle, so overlaps stay readable instead of mixing colours.

Items are children of the skin item, which clips them to the body outline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from studyapp.ui.bodychart_paint import SPILLOVER_TINT_ALPHA, hatch_path
from studyapp.ui.bodychart_zones import DOT_SPACING, ZoneShape, ZoneShapeCache

GROW = 5.0  # view units (whole body): the pen width that closes slits between touching zones
COMPARE_FILL_ALPHA = 0.30
COMPARE_EDGE_PX = 2.4
COMPARE_HATCH_PX = 1.2
COMPARE_HATCH_SPACING = 6.0  # view units (whole body; scaled with the view like the dots)


def dot_spacing(view_height: float) -> float:
    """Stipple spacing in view units: the same density on screen for a close-up and the whole body."""
    return DOT_SPACING * max(view_height, 1.0) / 1000.0


def _item(parent: QGraphicsItem, path: QPainterPath, z: float, pen: QPen, brush: QBrush) -> QGraphicsPathItem:
    item = QGraphicsPathItem(path, parent)
    item.setPen(pen)
    item.setBrush(brush)
    item.setZValue(z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setData(0, "zone")  # follows the overlay's opacity
    return item


def paint_zones(
    parent: QGraphicsItem,
    zones: Sequence[ZoneShape],
    compare: bool,
    phases: Mapping[str, int],
    cache: ZoneShapeCache,
    view_height: float,
    opacity: float,
    skin: QColor,
) -> list[QGraphicsItem]:
    """Add `zones` (spillover before essential) under `parent`; returns the items added."""
    spacing = dot_spacing(view_height)
    no_pen = QPen(Qt.PenStyle.NoPen)
    items: list[QGraphicsItem] = []
    for zone in zones:
        colour = QColor(zone.colour)
        phase = phases.get(zone.muscle_id, 0)
        if not zone.essential:
            wash = QColor(colour)
            wash.setAlphaF(SPILLOVER_TINT_ALPHA * (0.5 if compare else 1.0))
            items.append(_item(parent, zone.path, 1.0, no_pen, QBrush(wash)))
            dots = cache.dots(zone.key, zone.rings, spacing, phase)
            items.append(_item(parent, dots, 3.0, no_pen, QBrush(colour)))
            continue
        if not compare:
            # Opaque (the colour mixed with the skin at the overlay's opacity), so where two
            # trigger points' zones overlap the colour stays even instead of darkening into seams.
            # A pen of the same colour grows the shape a little, so zones sharing a border meet
            # instead of leaving a slit where each one's corners were rounded.
            solid = _mix(colour, skin, opacity)
            grow = QPen(solid, GROW * view_height / 1000.0)
            grow.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            item = _item(parent, zone.path, 2.0, grow, QBrush(solid))
            item.setData(0, "solid")  # opacity is in its colour: a change of opacity redraws it
            items.append(item)
            continue
        fill = QColor(colour)
        fill.setAlphaF(COMPARE_FILL_ALPHA)
        edge = QPen(colour, COMPARE_EDGE_PX)
        edge.setCosmetic(True)
        edge.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        items.append(_item(parent, zone.path, 2.0, no_pen, QBrush(fill)))
        items.append(_item(parent, zone.path, 4.0, edge, QBrush()))
        if phase:
            lines = QPainterPath()
            step = COMPARE_HATCH_SPACING * spacing / DOT_SPACING
            for ring in zone.rings:
                lines.addPath(hatch_path(list(ring), zone.hatch_angle, step))
            pen = QPen(colour, COMPARE_HATCH_PX)
            pen.setCosmetic(True)
            items.append(_item(parent, lines, 2.5, pen, QBrush()))
    for added in items:
        if added.data(0) == "zone":
            added.setOpacity(opacity)
    return items


def _mix(colour: QColor, under: QColor, amount: float) -> QColor:
    a = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(
        colour.redF() * a + under.redF() * (1 - a),
        colour.greenF() * a + under.greenF() * (1 - a),
        colour.blueF() * a + under.blueF() * (1 - a),
    )
