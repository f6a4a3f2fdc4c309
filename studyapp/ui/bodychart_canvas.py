"""The body-chart canvas: one view of the figure with the overlay model's zones and markers on top.

It follows an `OverlayModel` (subscribing to its changes) and draws from `Drawing`s; regions are
hit-tested here, so a click or Ctrl+click selects regions and `regionsSelected` carries their ids.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from studyapp.bodychart.overlay import Change, OverlayModel, Panel
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_paint import (
    HATCH_WIDTH_PX,
    MARKER_RADIUS_PX,
    SPILLOVER_TINT_ALPHA,
    LegendEntry,
    MarkerItem,
    figure_colours,
    hatch_path,
)
from studyapp.ui.bodychart_shapes import Drawing, Point, RegionShape
from studyapp.ui.qtcompat import emit

MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 1.0, 10.0, 1.25
FIT_MARGIN = 0.96
Z_SKIN, Z_ZONES, Z_BORDERS, Z_CONTOURS, Z_OUTLINE, Z_SELECTION, Z_MARKERS, Z_LABELS = range(8)
ZOOM_IN_KEYS = {Qt.Key.Key_Equal, Qt.Key.Key_Plus}
ZOOM_OUT_KEYS = {Qt.Key.Key_Minus, Qt.Key.Key_Underscore}


@dataclass(frozen=True, slots=True, eq=False)
class _Hit:
    """A region polygon as placed in the scene (after the panel's mirroring and offset)."""

    index: int  # position of the shape in its drawing, a stable key for caches
    path: QPainterPath
    points: list[Point]
    shape: RegionShape
    panel: Panel
    box: tuple[float, float, float, float]  # scene bounding box, a cheap first test for clicks
    area: float


def _panel_transform(panel: Panel, width: float) -> QTransform:
    if panel.mirrored:
        return QTransform(-1, 0, 0, 1, panel.offset + width, 0)
    return QTransform.fromTranslate(panel.offset, 0)


def _polygon(points: Iterable[Point], transform: QTransform) -> QPolygonF:
    return transform.map(QPolygonF([QPointF(x, y) for x, y in points]))


class BodyChartCanvas(QGraphicsView):
    """Draws `overlay` on one view of `drawings`; emits `regionsSelected(list[str])` on click."""

    regionsSelected = Signal(list)
    viewChanged = Signal(str)

    def __init__(
        self,
        atlas: Atlas,
        drawings: dict[str, Drawing],
        overlay: OverlayModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._built_colours: dict[str, QColor] | None = None
        self.atlas = atlas
        self.drawings = drawings
        self.overlay = overlay
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMinimumSize(QSize(160, 200))
        self.setAccessibleName("Body chart")
        self._view_id = next((v for v in self.views()), "")
        self._zoom = 1.0
        self._hits: list[_Hit] = []
        self._hatch_cache: dict[tuple[str, int, bool, float, int], QPainterPath] = {}
        self._zone_items: list[QGraphicsItem] = []
        self._markers: list[MarkerItem] = []
        self._selection: list[tuple[str, str]] = []  # (region, side) in the order picked
        self._selection_item: QGraphicsPathItem | None = None
        self._fills: dict[tuple[str, str], tuple[str, str]] = {}  # (region, side) -> (colour, tip)
        self._fill_items: list[QGraphicsPathItem] = []
        self._press: QPoint | None = None
        self._dragging = False
        self._over_region = False
        self._unsubscribe: Callable[[], None] = overlay.subscribe(self._on_overlay)
        self.destroyed.connect(self._unsubscribe)  # a plain closure: safe once the C++ side is gone
        self._rebuild()

    # -- views --------------------------------------------------------------------------------------
    def views(self) -> list[str]:
        """Drawn views in the atlas's order (views the geometry lacks are left out)."""
        known = [v for v in self.atlas.views if v in self.drawings]
        return known + [v for v in self.drawings if v not in known]

    def current_view(self) -> str:
        return self._view_id

    def view_label(self, view_id: str) -> str:
        view = self.atlas.views.get(view_id)
        return view.label if view else view_id.replace("_", " ").capitalize()

    def set_view(self, view_id: str) -> None:
        if view_id not in self.drawings:
            raise KeyError(f"no drawing for view '{view_id}'")
        if view_id == self._view_id:
            return
        self._view_id = view_id
        self._selection = [s for s in self._selection if self._drawn(s[0])]
        self._zoom = 1.0
        self._rebuild()
        emit(self.viewChanged, view_id)

    def _drawn(self, region_id: str) -> bool:
        drawing = self.drawings.get(self._view_id)
        return drawing is not None and bool(drawing.shapes_of(region_id))

    # -- building the scene ------------------------------------------------------------------------
    def _on_overlay(self, change: Change) -> None:
        if change is Change.OPACITY:
            for item in self._zone_items:
                item.setOpacity(self.overlay.opacity)
        elif change is Change.SIDE:
            self._rebuild()
        else:
            self._build_overlay()

    def _rebuild(self) -> None:
        """Figure, regions and overlay for the current view, side mode and palette."""
        self._scene.clear()
        self._zone_items, self._markers, self._hits, self._selection_item = [], [], [], None
        self._fill_items = []
        colours = figure_colours(self.palette())
        self._built_colours = colours
        self.setBackgroundBrush(colours["background"])
        drawing = self.drawings.get(self._view_id)
        if drawing is None:
            text = self._scene.addSimpleText("The body chart drawing is not available.")
            text.setBrush(colours["text"])
            self._scene.setSceneRect(text.boundingRect().adjusted(-20, -20, 20, 20))
            self._apply_transform()
            return
        panels = self.overlay.panels(drawing.id, drawing.one_sided)
        for panel in panels:
            transform = _panel_transform(panel, drawing.width)
            skin = QPainterPath()
            skin.setFillRule(Qt.FillRule.WindingFill)
            for line in drawing.outline:
                skin.addPolygon(_polygon(line, transform))
                skin.closeSubpath()
            outline_pen = QPen(colours["outline"], 1.6)
            outline_pen.setCosmetic(True)
            self._static(self._add_path(skin, Z_SKIN, QPen(Qt.PenStyle.NoPen), QBrush(colours["skin"])))
            self._static(self._add_path(skin, Z_OUTLINE, outline_pen, QBrush()))
            contours = QPainterPath()
            for line in drawing.contours:
                contours.addPolygon(_polygon(line, transform))
            contour_pen = QPen(colours["contour"], 1.1)
            contour_pen.setCosmetic(True)
            self._static(self._add_path(contours, Z_CONTOURS, contour_pen, QBrush()))
            borders = QPainterPath()
            for index, shape in enumerate(drawing.regions):  # every region stays clickable
                polygon = _polygon(shape.points, transform)
                path = QPainterPath()
                path.addPolygon(polygon)
                path.closeSubpath()
                borders.addPath(path)
                points = [(p.x(), p.y()) for p in polygon.toList()]
                xs, ys = [x for x, _ in points], [y for _, y in points]
                box = (min(xs), min(ys), max(xs), max(ys))
                self._hits.append(_Hit(index, path, points, shape, panel, box, shape.area))
            border_pen = QPen(colours["border"], 0.8)
            border_pen.setCosmetic(True)
            self._static(self._add_path(borders, Z_BORDERS, border_pen, QBrush()))
            if panel.side_label:
                label = QGraphicsSimpleTextItem(f"{panel.side_label} side")
                label.setBrush(colours["text"])
                font = QFont(self.font())
                font.setPointSizeF(font.pointSizeF() * 1.3)
                label.setFont(font)
                rect = label.boundingRect()
                label.setPos(panel.offset + (drawing.width - rect.width()) / 2, drawing.height + 8)
                label.setZValue(Z_LABELS)
                self._scene.addItem(label)
        width = self.overlay.scene_width(drawing.id, drawing.one_sided)
        bottom = drawing.height + (50 if panels[0].side_label else 0)
        self._scene.setSceneRect(QRectF(0, 0, width, bottom))
        self._build_overlay()
        self._show_fills()
        self._show_selection()
        self._apply_transform()

    @staticmethod
    def _static(item: QGraphicsPathItem) -> None:
        """The figure does not change when the overlay does: keep it as a pixmap until the zoom changes."""
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _add_path(self, path: QPainterPath, z: int, pen: QPen, brush: QBrush) -> QGraphicsPathItem:
        item = self._scene.addPath(path, pen, brush)
        item.setZValue(z)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        return item

    def _build_overlay(self) -> None:
        """Zones and markers only: the figure stays, so switching muscles is cheap."""
        for item in self._zone_items:
            self._scene.removeItem(item)
        for marker in self._markers:
            self._scene.removeItem(marker)
        self._zone_items, self._markers = [], []
        drawing = self.drawings.get(self._view_id)
        if drawing is None:
            return
        by_region: dict[str, list[_Hit]] = {}
        for hit in self._hits:
            by_region.setdefault(hit.shape.region, []).append(hit)
        essential: dict[str, QPainterPath] = {}
        tint: dict[str, QPainterPath] = {}
        hatch: dict[str, QPainterPath] = {}
        done: set[tuple[str, int, float, bool]] = set()
        zones = self.overlay.zones()
        essential_of = {(z.muscle_id, z.region) for z in zones if z.essential}
        for zone in reversed(zones):  # essential first, so a spillover duplicate is skipped
            if not zone.essential and (zone.muscle_id, zone.region) in essential_of:
                continue
            for hit in by_region.get(zone.region, ()):
                if hit.shape.side not in hit.panel.draw_sides:
                    continue
                key = (zone.muscle_id, hit.index, hit.panel.offset, zone.essential)
                if key in done:
                    continue
                done.add(key)
                if zone.essential:
                    essential.setdefault(zone.colour, QPainterPath()).addPath(hit.path)
                else:
                    tint.setdefault(zone.colour, QPainterPath()).addPath(hit.path)
                    hatch.setdefault(zone.colour, QPainterPath()).addPath(self._hatch(hit, zone.hatch_angle))
        opacity = self.overlay.opacity
        # Washes, then solid essential zones, then hatch lines on top: when muscles are compared,
        # one muscle's spillover stays visible over another's essential zone.
        for colour, path in tint.items():
            wash = QColor(colour)
            wash.setAlphaF(SPILLOVER_TINT_ALPHA)
            self._zone_items.append(self._add_path(path, Z_ZONES, QPen(Qt.PenStyle.NoPen), QBrush(wash)))
        for colour, path in essential.items():
            solid = self._add_path(path, Z_ZONES, QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
            solid.setZValue(Z_ZONES + 0.1)
            self._zone_items.append(solid)
        for colour, path in hatch.items():
            pen = QPen(QColor(colour), HATCH_WIDTH_PX)
            pen.setCosmetic(True)
            lines = self._add_path(path, Z_ZONES, pen, QBrush())
            lines.setZValue(Z_ZONES + 0.2)
            self._zone_items.append(lines)
        for item in self._zone_items:
            item.setOpacity(opacity)
        halo = figure_colours(self.palette())["background"]
        scale = self.transform().m11()
        for mark in self.overlay.markers(drawing.id, drawing.one_sided):
            marker = MarkerItem(QColor(mark.colour), halo, mark.tp_label, mark.muscle_id, mark.tp_id)
            marker.setPos(mark.x, mark.y)
            marker.setZValue(Z_MARKERS)
            marker.set_pixel_scale(scale)
            self._scene.addItem(marker)
            self._markers.append(marker)

    def _hatch(self, hit: _Hit, angle: int) -> QPainterPath:
        key = (self._view_id, hit.index, hit.panel.mirrored, hit.panel.offset, angle)
        path = self._hatch_cache.get(key)
        if path is None:
            path = hatch_path(hit.points, angle)
            self._hatch_cache[key] = path
        return path

    # -- selection ---------------------------------------------------------------------------------
    def selected_regions(self) -> list[str]:
        return list(dict.fromkeys(region for region, _ in self._selection))

    def set_selected_regions(self, region_ids: Iterable[str]) -> None:
        """Show a selection made elsewhere (e.g. the pain finder's list); does not emit."""
        sides = {"right", "midline"} if self.overlay.side.value != "left" else {"left", "midline"}
        chosen = list(dict.fromkeys(region_ids))
        keep = [(r, s) for r, s in self._selection if r in chosen]
        for region in chosen:
            if not any(r == region for r, _ in keep):
                side = next(
                    (h.shape.side for h in self._hits if h.shape.region == region and h.shape.side in sides),
                    "right",
                )
                keep.append((region, side))
        self._selection = keep
        self._show_selection()

    def clear_selection(self) -> None:
        if self._selection:
            self._selection = []
            self._show_selection()
            emit(self.regionsSelected, [])

    def region_at(self, view_pos: QPoint) -> RegionShape | None:
        """The region under a viewport position (the top-most polygon when they overlap)."""
        hit = self._hit_at(self.mapToScene(view_pos))
        return hit.shape if hit else None

    def _hit_at(self, scene_pos: QPointF) -> _Hit | None:
        """Where regions overlap the smaller wins, so a landmark (patella, navel) stays clickable."""
        x, y = scene_pos.x(), scene_pos.y()
        near = [h for h in self._hits if h.box[0] <= x <= h.box[2] and h.box[1] <= y <= h.box[3]]
        hits = [hit for hit in near if hit.path.contains(scene_pos)]
        return min(hits, key=lambda hit: hit.area, default=None)

    def _click(self, pos: QPoint, toggle: bool) -> None:
        hit = self._hit_at(self.mapToScene(pos))
        if hit is None:
            if not toggle:
                self.clear_selection()
            return
        key = (hit.shape.region, hit.shape.side)
        if toggle:
            self._selection = (
                [s for s in self._selection if s != key]
                if key in self._selection
                else [
                    *self._selection,
                    key,
                ]
            )
        else:
            self._selection = [key]
        self._show_selection()
        emit(self.regionsSelected, self.selected_regions())

    def set_region_fills(self, fills: Mapping[tuple[str, str], tuple[str, str]]) -> None:
        """Paint whole regions in colours of their own (a map such as mastery), under any overlay.

        `fills` maps (region id, side) to (#rrggbb, a line of tooltip HTML for that region).
        """
        self._fills = dict(fills)
        self._show_fills()

    def _show_fills(self) -> None:
        for item in self._fill_items:
            self._scene.removeItem(item)
        self._fill_items = []
        by_colour: dict[str, QPainterPath] = {}
        for hit in self._hits:
            fill = self._fills.get((hit.shape.region, hit.shape.side))
            if fill is not None and hit.shape.side in hit.panel.draw_sides:
                by_colour.setdefault(fill[0], QPainterPath()).addPath(hit.path)
        for colour, path in by_colour.items():
            item = self._add_path(path, Z_ZONES, QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
            item.setZValue(Z_ZONES - 0.5)  # under zones, above skin
            self._fill_items.append(item)

    def _show_selection(self) -> None:
        if self._selection_item is not None:
            self._scene.removeItem(self._selection_item)
            self._selection_item = None
        if not self._selection:
            return
        wanted = set(self._selection)
        path = QPainterPath()
        for hit in self._hits:
            if (hit.shape.region, hit.shape.side) in wanted:
                path.addPath(hit.path)
        # A dashed outline in the text colour: unlike a blue highlight it cannot be mistaken for a zone.
        colours = figure_colours(self.palette())
        fill = QColor(colours["highlight"])
        fill.setAlphaF(0.20)
        pen = QPen(colours["text"], 2.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._selection_item = self._add_path(path, Z_SELECTION, pen, QBrush(fill))

    # -- zoom and pan ------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def _fit_scale(self) -> float:
        rect = self._scene.sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return 1.0
        view = self.viewport().size()
        return FIT_MARGIN * min(view.width() / rect.width(), view.height() / rect.height())

    def _apply_transform(self) -> None:
        scale = self._fit_scale() * self._zoom
        self.setTransform(QTransform.fromScale(scale, scale))
        margin = self._scene.sceneRect()
        # Room to pan to every edge when zoomed in, none when the whole figure fits.
        extra_x = max(0.0, self.viewport().width() / scale - margin.width()) / 2
        extra_y = max(0.0, self.viewport().height() / scale - margin.height()) / 2
        self.setSceneRect(margin.adjusted(-extra_x, -extra_y, extra_x, extra_y))
        for marker in self._markers:
            marker.set_pixel_scale(scale)

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        if abs(zoom - self._zoom) < 1e-9:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        self._zoom = zoom
        self._apply_transform()
        after = self.mapToScene(anchor)
        delta = (after - before) * self.transform().m11()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self._zoom = 1.0
        self._apply_transform()
        self.centerOn(self._scene.sceneRect().center())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_transform()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self._zoom * ZOOM_STEP**steps, event.position().toPoint())
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+= / Ctrl+- / Ctrl+0 while the chart has focus: here they zoom the figure,
        # elsewhere the window may use them for text size.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._zoom_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def _zoom_key(self, event: QKeyEvent) -> bool:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        return event.key() in ZOOM_IN_KEYS | ZOOM_OUT_KEYS | {Qt.Key.Key_0}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._zoom_key(event):
            if event.key() in ZOOM_IN_KEYS:
                self.zoom_in()
            elif event.key() in ZOOM_OUT_KEYS:
                self.zoom_out()
            else:
                self.reset_zoom()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self._selection:
            self.clear_selection()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._press
            if self._dragging or delta.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
                self._press = pos
            event.accept()
            return
        # Hovering runs on every mouse move: touch Qt only when the cursor shape really changes (each
        # call that returns nothing costs PySide6 6.12 on Python 3.11 a reference to None).
        over_region = self._hit_at(self.mapToScene(pos)) is not None
        if over_region != self._over_region:
            self._over_region = over_region
            shape = Qt.CursorShape.PointingHandCursor if over_region else Qt.CursorShape.ArrowCursor
            self.viewport().setCursor(shape)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging:
                toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self._click(event.position().toPoint(), toggle)
            self._press = None
            self._dragging = False
            self.viewport().unsetCursor()
            self._over_region = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, view_pos: QPoint) -> str:
        """A marker's muscle and trigger point; else the region's label and side, plus which shown
        trigger points refer pain to it."""
        for marker in reversed(self._markers):
            centre = self.mapFromScene(marker.pos())
            if (centre - view_pos).manhattanLength() <= MARKER_RADIUS_PX * 1.6:
                return self._marker_tooltip(marker)
        hit = self._hit_at(self.mapToScene(view_pos))
        if hit is None:
            return ""
        region = self.atlas.regions.get(hit.shape.region)
        label = region.label if region else hit.shape.region
        side = hit.panel.side_label.lower() or hit.shape.side
        label = html.escape(label)
        lines = [f"<b>{label}</b> ({side})" if side != "midline" else f"<b>{label}</b>"]
        fill = self._fills.get((hit.shape.region, hit.shape.side))
        if fill is not None:
            lines.append(fill[1])
        names = {s.muscle.id: s.muscle.name for s in self.overlay.shown}
        seen: set[tuple[str, str]] = set()
        for zone in reversed(self.overlay.zones()):
            if zone.region == hit.shape.region and (zone.muscle_id, zone.tp_id) not in seen:
                seen.add((zone.muscle_id, zone.tp_id))
                kind = "essential" if zone.essential else "spillover"
                name = html.escape(names.get(zone.muscle_id, zone.muscle_id))
                lines.append(f"{name}, {html.escape(zone.tp_label)}: {kind} zone")
        return "<br>".join(lines)

    def _marker_tooltip(self, marker: MarkerItem) -> str:
        muscle = self.atlas.muscles.get(marker.muscle_id)
        if muscle is None:
            return marker.label
        tp = next((t for t in muscle.trigger_points if t.id == marker.tp_id), None)
        where = f"<br>{html.escape(tp.location)}" if tp else ""
        return f"<b>{html.escape(muscle.name)}</b>, trigger point: {html.escape(marker.label)}{where}"

    # -- palette -----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Reparenting sends a palette change too; rebuild only when the figure's colours differ.
        if event.type() != QEvent.Type.PaletteChange:
            return
        if figure_colours(self.palette()) != self._built_colours:
            self._rebuild()

    # -- legend and export -------------------------------------------------------------------------
    def legend_entries(self) -> list[LegendEntry]:
        entries = []
        for shown in self.overlay.shown:
            tps = [tp.label for tp in shown.muscle.trigger_points if tp.id not in shown.hidden_tps]
            hidden = len(shown.muscle.trigger_points) - len(tps)
            suffix = f" ({', '.join(tps)})" if hidden and tps else (" (all points hidden)" if not tps else "")
            entries.append(LegendEntry(shown.muscle.name + suffix, shown.colour, shown.hatch_angle))
        return entries

    def export_png(self, path: str | Path, scale: float = 2.0) -> bool:
        """The whole current view (not just the zoomed part) with its legend, as a PNG image."""
        from studyapp.ui.bodychart_export import export_png

        return export_png(self, path, scale)

    def export_svg(self, path: str | Path) -> bool:
        """The whole current view with its legend as SVG (hatching is real lines, so it survives)."""
        from studyapp.ui.bodychart_export import export_svg

        return export_svg(self, path)

    def render_scene(self, painter: QPainter, target: QRectF, source: QRectF, pixels_per_unit: float) -> None:
        """Render part of the scene with markers sized for the target, as on screen."""
        for marker in self._markers:
            marker.set_pixel_scale(pixels_per_unit)
        try:
            self._scene.render(painter, target, source)
        finally:
            for marker in self._markers:
                marker.set_pixel_scale(self.transform().m11())

    def content_rect(self) -> QRectF:
        """The figure's box in scene units (both panels, and the side labels under them)."""
        drawing = self.drawings.get(self._view_id)
        if drawing is None:
            return self._scene.itemsBoundingRect()
        return self._scene.itemsBoundingRect().united(
            QRectF(0, 0, self.overlay.scene_width(drawing.id, drawing.one_sided), drawing.height)
        )
