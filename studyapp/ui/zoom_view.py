"""A graphics view that zooms (wheel, Ctrl+= / Ctrl+- / Ctrl+0, buttons) and pans (drag), with
the figure fitted to the view at zoom 1.

Subclasses say what pointing means: `hover(pos)` on every move that is not a drag, `click(pos,
toggle)` on a release that was not a drag (toggle: Ctrl was held), `scale_changed(scale)` after each
zoom or resize (e.g. to keep markers the same size on screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 1.0, 10.0, 1.25
FIT_MARGIN = 0.96
ZOOM_IN_KEYS = {Qt.Key.Key_Equal, Qt.Key.Key_Plus}
ZOOM_OUT_KEYS = {Qt.Key.Key_Minus, Qt.Key.Key_Underscore}


class ZoomPanView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zoom = 1.0
        self._press: QPoint | None = None
        self._dragging = False

    # hooks for subclasses
    def scale_changed(self, scale: float) -> None:
        """The view's scale changed (zoom or resize)."""

    def hover(self, pos: QPoint) -> None:
        """The mouse moved over `pos` without dragging."""

    def click(self, pos: QPoint, toggle: bool) -> None:
        """A click (not a drag) at `pos`; `toggle` when Ctrl was held."""

    @property
    def zoom(self) -> float:
        return self._zoom

    def _fit_scale(self) -> float:
        rect = self.scene().sceneRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return 1.0
        view = self.viewport().size()
        return FIT_MARGIN * min(view.width() / rect.width(), view.height() / rect.height())

    def _apply_transform(self) -> None:
        scale = self._fit_scale() * self._zoom
        self.setTransform(QTransform.fromScale(scale, scale))
        margin = self.scene().sceneRect()
        # Room to pan to every edge when zoomed in, none when the whole figure fits.
        extra_x = max(0.0, self.viewport().width() / scale - margin.width()) / 2
        extra_y = max(0.0, self.viewport().height() / scale - margin.height()) / 2
        self.setSceneRect(margin.adjusted(-extra_x, -extra_y, extra_x, extra_y))
        self.scale_changed(scale)

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
        self.centerOn(self.scene().sceneRect().center())

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
            and self.is_zoom_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def is_zoom_key(self, event: QKeyEvent) -> bool:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        return event.key() in ZOOM_IN_KEYS | ZOOM_OUT_KEYS | {Qt.Key.Key_0}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_zoom_key(event):
            if event.key() in ZOOM_IN_KEYS:
                self.zoom_in()
            elif event.key() in ZOOM_OUT_KEYS:
                self.zoom_out()
            else:
                self.reset_zoom()
            event.accept()
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
        self.hover(pos)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging:
                toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self.click(event.position().toPoint(), toggle)
            self._press = None
            self._dragging = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
