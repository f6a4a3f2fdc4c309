"""The hook through which extra layers (the acupoints) draw on the body-chart canvas.

The canvas keeps a list of layers and, after its zones and markers, adds each layer's items to the
scene; it asks the layers first for a tooltip. A layer calls `canvas.refresh_layers()` when what it
shows changes, so switching a channel on or off never rebuilds the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from studyapp.ui.bodychart_canvas import BodyChartCanvas


class ChartLayer(Protocol):
    def items(self, canvas: BodyChartCanvas) -> list[QGraphicsItem]:
        """New scene items for the canvas's current view and side (the canvas owns them)."""
        ...

    def tooltip_at(self, canvas: BodyChartCanvas, view_pos: QPoint) -> str:
        """Tooltip HTML for a viewport position, or "" when the layer has nothing there."""
        ...


def placements(canvas: BodyChartCanvas) -> list[tuple[float, bool]]:
    """How content x maps to scene x on the current view: (offset, mirrored) per drawn copy.

    Content is the patient's right side; the left side is the mirror image, as for trigger-point
    markers: one-sided views draw each panel, two-sided views follow the side mode.
    """
    drawing = canvas.drawings.get(canvas.current_view())
    if drawing is None:
        return []
    if drawing.one_sided:
        return [(p.offset, p.mirrored) for p in canvas.overlay.panels(drawing.id, True)]
    side = canvas.overlay.side.value
    found = []
    if side in ("right", "both"):
        found.append((0.0, False))
    if side in ("left", "both"):
        found.append((0.0, True))
    return found
