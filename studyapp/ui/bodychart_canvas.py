"""The body-chart canvas: one view of the figure with the overlay model's zones and markers on top.

It follows an `OverlayModel` (subscribing to its changes) and draws from `Drawing`s; regions are
hit-tested here, so a click or Ctrl+click selects regions and `regionsSelected` carries their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from studyapp.bodychart.overlay import Change, OverlayModel, Panel
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_figure import (
    Z_BORDERS,
    Z_MARKERS,
    Z_SELECTION,
    Z_ZONES,
    Hit,
    add_path,
    draw_panel,
    fill_paths,
    hit_at,
    skin_path,
    union_path,
)
from studyapp.ui.bodychart_muscles import MuscleLayer
from studyapp.ui.bodychart_outlines import outline_shapes
from studyapp.ui.bodychart_paint import (
    MARKER_RADIUS_PX,
    LegendEntry,
    MarkerItem,
    figure_colours,
)
from studyapp.ui.bodychart_shapes import Drawing, RegionShape
from studyapp.ui.bodychart_text import legend_entries, marker_tooltip, region_tooltip
from studyapp.ui.bodychart_zonepaint import paint_zones
from studyapp.ui.bodychart_zones import ZoneShapeCache, zone_shapes
from studyapp.ui.qtcompat import emit
from studyapp.ui.zoom_view import ZoomPanView

FOCUS_SHARE = 0.3  # `focus_regions` zooms until the regions span this share of the chart


class BodyChartCanvas(ZoomPanView):
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
        self._hits: list[Hit] = []
        self._shape_cache = ZoneShapeCache()
        self._zone_items: list[QGraphicsItem] = []
        self._zone_clip: QGraphicsPathItem | None = None  # the skin: zones are its clipped children
        self._border_items: list[QGraphicsPathItem] = []
        self._hover_item: QGraphicsPathItem | None = None
        self._hover_key: tuple[int, float] | None = None
        self._picking = False  # a click-the-chart card: region borders show
        # The pain finder picks by selecting: borders show while regions are selected. A quiz that
        # only highlights a region turns this off.
        self.borders_follow_selection = True
        self._show_muscle = True
        self._muscle_layer = MuscleLayer(on_ready=self._build_overlay)  # shapes come after first paint
        self._markers: list[MarkerItem] = []
        self._selection: list[tuple[str, str]] = []  # (region, side) in the order picked
        self._selection_item: QGraphicsPathItem | None = None
        self._fills: dict[tuple[str, str], tuple[str, str]] = {}  # (region, side) -> (colour, tip)
        self._fill_items: list[QGraphicsPathItem] = []
        self._over_region = False
        self._panels: tuple[Panel, ...] = ()
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
        self._rebuild()
        emit(self.viewChanged, view_id)

    def _drawn(self, region_id: str) -> bool:
        drawing = self.drawings.get(self._view_id)
        return drawing is not None and bool(drawing.shapes_of(region_id))

    # -- building the scene ------------------------------------------------------------------------
    def _on_overlay(self, change: Change) -> None:
        if change is Change.OPACITY:
            if any(item.data(0) == "solid" for item in self._zone_items):
                self._build_overlay()  # solid zones carry the opacity in their colour
                return
            for item in self._zone_items:
                if item.data(0) == "zone":
                    item.setOpacity(self.overlay.opacity)
        elif change is Change.SIDE or self._panels != self._current_panels():
            self._rebuild()  # a zone crossing the midline can add the other side's drawing
        else:
            self._build_overlay()

    def _current_panels(self) -> tuple[Panel, ...]:
        drawing = self.drawings.get(self._view_id)
        return self.overlay.panels(drawing.id, drawing.one_sided) if drawing is not None else ()

    def _rebuild(self) -> None:
        """Figure, regions and overlay for the current view, side mode and palette."""
        self._scene.clear()
        self._zone_items, self._markers, self._hits, self._selection_item = [], [], [], None
        self._fill_items, self._border_items, self._hover_item, self._hover_key = [], [], None, None
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
        self._panels = panels
        skin = QPainterPath()
        skin.setFillRule(Qt.FillRule.WindingFill)
        for panel in panels:
            hits, borders = draw_panel(self._scene, drawing, panel, colours, self.font())
            self._hits += hits
            self._border_items.append(borders)
            skin.addPath(skin_path(drawing, panel))
        self._zone_clip = self._add_path(skin, Z_ZONES, QPen(Qt.PenStyle.NoPen), QBrush())
        self._zone_clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        width = self.overlay.scene_width(drawing.id, drawing.one_sided)
        bottom = drawing.height + (50 if panels[0].side_label else 0)
        self._scene.setSceneRect(QRectF(0, 0, width, bottom))
        self._build_overlay()
        self._show_fills()
        self._show_selection()
        self._apply_transform()

    def _add_path(self, path: QPainterPath, z: float, pen: QPen, brush: QBrush) -> QGraphicsPathItem:
        return add_path(self._scene, path, z, pen, brush)

    def _build_overlay(self) -> None:
        """Zones and markers only: the figure stays, so switching muscles is cheap."""
        for item in [*self._zone_items, *self._markers]:
            self._scene.removeItem(item)
        self._zone_items, self._markers = [], []
        drawing = self.drawings.get(self._view_id)
        if drawing is None:
            return
        zones = zone_shapes(self.overlay, drawing.id, self._hits, self._shape_cache)
        zones += outline_shapes(self.overlay, drawing.id, self._panels, drawing.width)
        clip = self._zone_clip
        if clip is not None:
            if self._show_muscle:
                self._zone_items += self._muscle_layer.add(
                    clip, self.overlay, drawing.id, drawing.one_sided, self._panels, drawing
                )
            compare = len(self.overlay.shown) > 1
            phases = {s.muscle.id: i for i, s in enumerate(self.overlay.shown)}
            self._zone_items += paint_zones(
                clip,
                zones,
                compare,
                phases,
                self._shape_cache,
                drawing.height,
                self.overlay.opacity,
                figure_colours(self.palette())["skin"],
            )
        halo = figure_colours(self.palette())["background"]
        scale = self.transform().m11()
        for mark in self.overlay.markers(drawing.id, drawing.one_sided):
            marker = MarkerItem(QColor(mark.colour), halo, mark.tp_label, mark.muscle_id, mark.tp_id)
            marker.setPos(mark.x, mark.y)
            marker.setZValue(Z_MARKERS)
            marker.set_pixel_scale(scale)
            self._scene.addItem(marker)
            self._markers.append(marker)

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

    def _hit_at(self, scene_pos: QPointF) -> Hit | None:
        return hit_at(self._hits, scene_pos)

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
        for colour, path in fill_paths(self._hits, self._fills).items():
            item = self._add_path(path, Z_ZONES, QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
            item.setZValue(Z_ZONES - 0.5)  # under zones, above skin
            self._fill_items.append(item)

    def _show_selection(self) -> None:
        self._show_borders()
        if self._selection_item is not None:
            self._scene.removeItem(self._selection_item)
            self._selection_item = None
        if not self._selection:
            return
        path = union_path(self._hits, set(self._selection))
        # A dashed outline in the text colour: unlike a blue highlight it cannot be mistaken for a zone.
        colours = figure_colours(self.palette())
        fill = QColor(colours["highlight"])
        fill.setAlphaF(0.20)
        pen = QPen(colours["text"], 2.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._selection_item = self._add_path(path, Z_SELECTION, pen, QBrush(fill))

    # -- what zooming and pointing mean here (ZoomPanView does the zooming and panning) ----------
    def scale_changed(self, scale: float) -> None:
        for marker in self._markers:
            marker.set_pixel_scale(scale)

    def hover(self, pos: QPoint) -> None:
        # Hovering runs on every mouse move: touch Qt only when the cursor shape really changes (each
        # call that returns nothing costs PySide6 6.12 on Python 3.11 a reference to None).
        hit = self._hit_at(self.mapToScene(pos))
        self._show_hover(hit)
        over_region = hit is not None
        if over_region != self._over_region:
            self._over_region = over_region
            shape = Qt.CursorShape.PointingHandCursor if over_region else Qt.CursorShape.ArrowCursor
            self.viewport().setCursor(shape)

    def _show_hover(self, hit: Hit | None) -> None:
        """Outline the region under the mouse: the one place a border helps when not picking."""
        key = (hit.index, hit.panel.offset) if hit is not None else None
        if key == self._hover_key:
            return
        self._hover_key = key
        if self._hover_item is not None:
            self._scene.removeItem(self._hover_item)
            self._hover_item = None
        if hit is None:
            return
        colours = figure_colours(self.palette())
        pen = QPen(colours["text"], 1.2)
        pen.setCosmetic(True)
        fill = QColor(colours["highlight"])
        fill.setAlphaF(0.10)
        self._hover_item = self._add_path(hit.path, Z_BORDERS + 0.5, pen, QBrush(fill))

    def hovered_region(self) -> RegionShape | None:
        """The region outlined under the mouse, if any."""
        return next((h.shape for h in self._hits if (h.index, h.panel.offset) == self._hover_key), None)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._show_hover(None)

    # -- modes -------------------------------------------------------------------------------------
    def set_picking(self, picking: bool) -> None:
        """Picking regions (a click-the-chart card): show every region's border. Borders also show
        while regions are selected (the pain finder), and never otherwise."""
        self._picking = picking
        self._show_borders()

    def _show_borders(self) -> None:
        visible = self._picking or (self.borders_follow_selection and bool(self._selection))
        for item in self._border_items:
            item.setVisible(visible)

    def focus_regions(self, region_ids: Iterable[str], max_zoom: float = 3.0) -> None:
        """Zoom in on small regions so a highlight is readable (a few pixels on the whole figure
        otherwise), keeping enough of the body around them to say where they are."""
        wanted = set(region_ids)
        box = QRectF()
        for hit in self._hits:
            if hit.shape.region in wanted and hit.shape.side in hit.panel.draw_sides:
                box = box.united(hit.path.boundingRect())
        if box.isEmpty():
            self.reset_zoom()
            return
        view = self.viewport().size()
        shown = max(box.width(), box.height()) * self._fit_scale()  # pixels at the whole-figure fit
        target = FOCUS_SHARE * min(view.width(), view.height())
        zoom = min(max_zoom, max(1.0, target / max(shown, 1e-6)))
        self.reset_zoom()
        if zoom > 1.0:
            self.set_zoom(zoom)
            self.centerOn(box.center())

    def is_picking(self) -> bool:
        return self._picking

    def borders_visible(self) -> bool:
        return any(item.isVisible() for item in self._border_items)

    def set_show_muscle(self, show: bool) -> None:
        """Draw the shown muscles themselves under their zones (on by default)."""
        if show != self._show_muscle:
            self._show_muscle = show
            self._build_overlay()

    def shows_muscle(self) -> bool:
        return self._show_muscle

    def click(self, pos: QPoint, toggle: bool) -> None:
        self._click(pos, toggle)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._over_region = False  # the cursor was reset

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._selection and not self.is_zoom_key(event):
            self.clear_selection()
            return
        super().keyPressEvent(event)

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
                return marker_tooltip(self.atlas, marker)
        hit = self._hit_at(self.mapToScene(view_pos))
        if hit is None:
            return ""
        fill = self._fills.get((hit.shape.region, hit.shape.side))
        return region_tooltip(self.atlas, self.overlay, hit, fill[1] if fill else None)

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
        return legend_entries(self.overlay)

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
