"""The figure in the chart's scene: skin, outline, contours and region borders for each panel, the
region polygons as placed there (mirrored and offset), and which region is under a point.

Where regions overlap the smaller wins, so a landmark (patella, navel) stays clickable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem

from studyapp.bodychart.overlay import Panel
from studyapp.ui.bodychart_shapes import Drawing, Point, RegionShape

SIDE_LABEL_SHARE = 0.034  # the "Right side" caption's height as a share of the figure's height
Z_SKIN, Z_ZONES, Z_BORDERS, Z_CONTOURS, Z_OUTLINE, Z_SELECTION, Z_MARKERS, Z_LABELS = range(8)


@dataclass(frozen=True, slots=True, eq=False)
class Hit:
    """A region polygon as placed in the scene (after the panel's mirroring and offset)."""

    index: int  # position of the shape in its drawing, a stable key for caches
    path: QPainterPath
    points: list[Point]
    shape: RegionShape
    panel: Panel
    box: tuple[float, float, float, float]  # scene bounding box, a cheap first test for clicks
    area: float


def panel_transform(panel: Panel, width: float) -> QTransform:
    if panel.mirrored:
        return QTransform(-1, 0, 0, 1, panel.offset + width, 0)
    return QTransform.fromTranslate(panel.offset, 0)


def scene_polygon(points: Iterable[Point], transform: QTransform) -> QPolygonF:
    return transform.map(QPolygonF([QPointF(x, y) for x, y in points]))


def hit_at(hits: Iterable[Hit], scene_pos: QPointF) -> Hit | None:
    """The smallest region under `scene_pos` (a bounding-box test first, then the polygon)."""
    x, y = scene_pos.x(), scene_pos.y()
    near = [h for h in hits if h.box[0] <= x <= h.box[2] and h.box[1] <= y <= h.box[3]]
    return min((h for h in near if h.path.contains(scene_pos)), key=lambda h: h.area, default=None)


def union_path(hits: Iterable[Hit], keys: set[tuple[str, str]]) -> QPainterPath:
    """One path covering the regions whose (region id, side) is in `keys`."""
    path = QPainterPath()
    for hit in hits:
        if (hit.shape.region, hit.shape.side) in keys:
            path.addPath(hit.path)
    return path


def add_path(
    scene: QGraphicsScene, path: QPainterPath, z: float, pen: QPen, brush: QBrush
) -> QGraphicsPathItem:
    """A path item that ignores the mouse (the canvas hit-tests regions itself)."""
    item = scene.addPath(path, pen, brush)
    item.setZValue(z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def _static(item: QGraphicsPathItem) -> None:
    """The figure does not change when the overlay does: keep it as a pixmap until the zoom changes."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    return pen


def skin_path(drawing: Drawing, panel: Panel) -> QPainterPath:
    """The figure's silhouette as placed in one panel (zones are clipped to it)."""
    transform = panel_transform(panel, drawing.width)
    skin = QPainterPath()
    skin.setFillRule(Qt.FillRule.WindingFill)
    for line in drawing.outline:
        skin.addPolygon(scene_polygon(line, transform))
        skin.closeSubpath()
    return skin


def draw_panel(
    scene: QGraphicsScene, drawing: Drawing, panel: Panel, colours: dict[str, QColor], font: QFont
) -> tuple[list[Hit], QGraphicsPathItem]:
    """Draw one panel of the figure; returns its regions as placed (every one clickable) and the
    item with their borders, hidden: a pain chart shows no grid until the student picks regions."""
    transform = panel_transform(panel, drawing.width)
    skin = skin_path(drawing, panel)
    _static(add_path(scene, skin, Z_SKIN, QPen(Qt.PenStyle.NoPen), QBrush(colours["skin"])))
    _static(add_path(scene, skin, Z_OUTLINE, _pen(colours["outline"], 1.6), QBrush()))
    contours = QPainterPath()
    for line in drawing.contours:
        contours.addPolygon(scene_polygon(line, transform))
    _static(add_path(scene, contours, Z_CONTOURS, _pen(colours["contour"], 1.1), QBrush()))
    borders = QPainterPath()
    hits = []
    for index, shape in enumerate(drawing.regions):
        placed = scene_polygon(shape.points, transform)
        path = QPainterPath()
        path.addPolygon(placed)
        path.closeSubpath()
        borders.addPath(path)
        points = [(p.x(), p.y()) for p in placed.toList()]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        hits.append(Hit(index, path, points, shape, panel, (min(xs), min(ys), max(xs), max(ys)), shape.area))
    border_item = add_path(scene, borders, Z_BORDERS, _pen(colours["border"], 0.8), QBrush())
    _static(border_item)
    border_item.setVisible(False)
    if panel.side_label:
        label = QGraphicsSimpleTextItem(f"{panel.side_label} side")
        label.setBrush(colours["text"])
        big = QFont(font)
        # In scene units, so the caption grows with the figure: readable wherever the figure is.
        big.setPixelSize(max(12, round(drawing.height * SIDE_LABEL_SHARE)))
        big.setBold(True)
        label.setFont(big)
        rect = label.boundingRect()
        label.setPos(panel.offset + (drawing.width - rect.width()) / 2, drawing.height + 8)
        label.setZValue(Z_LABELS)
        scene.addItem(label)
    return hits, border_item


ZonePaths = dict[str, QPainterPath]  # colour -> the union of its regions


def fill_paths(hits: Sequence[Hit], fills: Mapping[tuple[str, str], tuple[str, str]]) -> ZonePaths:
    """Whole regions by their own colour (`fills`: (region id, side) -> (colour, tooltip line))."""
    by_colour: ZonePaths = {}
    for hit in hits:
        fill = fills.get((hit.shape.region, hit.shape.side))
        if fill is not None and hit.shape.side in hit.panel.draw_sides:
            by_colour.setdefault(fill[0], QPainterPath()).addPath(hit.path)
    return by_colour
