"""What the quiz view needs from a body chart, a text stand-in, and an adapter for the real chart.

The quiz view only talks to the `QuizChart` protocol: show a pattern (the question of a picture
card), highlight regions, let the student pick regions, and read what was picked. `TextChart` does
this with region labels and check boxes, so the quiz works with no chart at all; `BodyChartQuizChart`
wraps the body-chart canvas. Pass either through `QuizView(chart_factory=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas

if TYPE_CHECKING:
    from studyapp.ui.bodychart_shapes import Drawing


class QuizChart(Protocol):
    """A body chart as the quiz uses it. `widget` is placed in the quiz view's layout."""

    @property
    def widget(self) -> QWidget: ...

    def show_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        """Draw one trigger point's referral pattern without naming the muscle."""

    def show_regions(self, region_ids: Iterable[str]) -> None:
        """Highlight regions (a pain region question, or the right answer after a click question)."""

    def start_picking(self, hint_regions: tuple[str, ...]) -> None:
        """Clear the chart and let the student click regions; `hint_regions` pick the view to show."""

    def reveal_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        """The answer is on screen: draw the pattern (over the student's picks, if any); names may show."""

    def picked_regions(self) -> list[str]: ...

    def clear(self) -> None: ...


ChartFactory = Callable[[QWidget], QuizChart]


def _region_label(atlas: Atlas, region_id: str) -> str:
    region = atlas.regions.get(region_id)
    return region.label if region else region_id.replace("_", " ")


class TextChart:
    """The stand-in: patterns as lists of region labels, picking with check boxes grouped by area."""

    def __init__(self, atlas: Atlas, parent: QWidget) -> None:
        self.atlas = atlas
        self._widget = QWidget(parent)
        layout = QVBoxLayout(self._widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName("Referral pattern")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setAccessibleName("Regions to pick")
        layout.addWidget(self.scroll, 1)
        self.boxes: dict[str, QCheckBox] = {}
        self.clear()

    @property
    def widget(self) -> QWidget:
        return self._widget

    def show_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        self.scroll.hide()
        lines = ["<b>Essential zone:</b> " + ", ".join(_region_label(self.atlas, r) for r in essential)]
        if spillover:
            lines.append("<b>Spillover:</b> " + ", ".join(_region_label(self.atlas, r) for r in spillover))
        self.text.setText("<br>".join(lines))
        self.text.show()

    def show_regions(self, region_ids: Iterable[str]) -> None:
        labels = [_region_label(self.atlas, r) for r in region_ids]
        self.text.setText("<b>Region:</b> " + ", ".join(labels))
        self.text.show()

    def reveal_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        if not self.boxes:
            self.show_pattern(muscle_id, tp_id, essential, spillover)
            return
        for rid, box in self.boxes.items():  # after a click question: mark the right ones
            box.setStyleSheet("font-weight: bold" if rid in essential else "")
            box.setEnabled(rid in essential or box.isChecked())

    def start_picking(self, hint_regions: tuple[str, ...]) -> None:
        """Offer the regions of the body areas the answer lies in (plus neighbours), as check boxes."""
        self.text.setText("Tick every region where the pain is felt (essential zone), then press Enter.")
        self.text.show()
        areas = {self.atlas.regions[r].parent for r in hint_regions if r in self.atlas.regions}
        offered = [r for r in self.atlas.regions.values() if r.parent in areas] or list(
            self.atlas.regions.values()
        )
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(4, 4, 4, 4)
        self.boxes = {}
        columns = 2
        for i, region in enumerate(offered):
            box = QCheckBox(region.label)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the quiz keys (Space, 1-4) stay with the quiz
            self.boxes[region.id] = box
            grid.addWidget(box, i // columns, i % columns)
        grid.setRowStretch(grid.rowCount(), 1)
        self.scroll.setWidget(inner)
        self.scroll.show()

    def picked_regions(self) -> list[str]:
        return [rid for rid, box in self.boxes.items() if box.isChecked()]

    def pick(self, region_id: str, picked: bool = True) -> None:
        self.boxes[region_id].setChecked(picked)

    def clear(self) -> None:
        self.text.clear()
        self.text.hide()
        self.scroll.hide()
        self.boxes = {}


class _NoTooltips(QObject):
    """While a picture question is open, the chart's hover tooltip would name the muscle."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self.active and event.type() == QEvent.Type.ToolTip


class BodyChartQuizChart:
    """The real body chart (studyapp.ui.bodychart_canvas) behind the `QuizChart` protocol.

    Plain clicks add or remove a region (the canvas alone would replace the selection), so picking
    several regions needs no modifier key.
    """

    def __init__(self, atlas: Atlas, parent: QWidget, drawings: dict[str, Drawing] | None = None) -> None:
        from studyapp.bodychart.overlay import OverlayModel
        from studyapp.ui.bodychart_canvas import BodyChartCanvas
        from studyapp.ui.bodychart_shapes import load_drawings

        self.atlas = atlas
        self.overlay = OverlayModel(atlas)
        self._widget = QWidget(parent)
        layout = QVBoxLayout(self._widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view_combo = QComboBox()
        self.view_combo.setAccessibleName("Body view")
        self.view_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.view_combo, 0, Qt.AlignmentFlag.AlignLeft)
        self.canvas = BodyChartCanvas(
            atlas, load_drawings() if drawings is None else drawings, self.overlay, self._widget
        )
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas.borders_follow_selection = False  # borders only while the student picks
        layout.addWidget(self.canvas, 1)
        for view_id in self.canvas.views():
            self.view_combo.addItem(self.canvas.view_label(view_id), view_id)
        self.view_combo.currentIndexChanged.connect(self._on_combo)
        self.canvas.viewChanged.connect(self._on_view_changed)
        self.canvas.regionsSelected.connect(self._on_selected)
        self._tooltips = _NoTooltips(self._widget)
        self.canvas.viewport().installEventFilter(self._tooltips)
        self._picking = False
        self._picked: list[str] = []

    @property
    def widget(self) -> QWidget:
        return self._widget

    def _best_view(self, region_ids: Iterable[str]) -> str | None:
        counts: dict[str, int] = {}
        for rid in region_ids:
            region = self.atlas.regions.get(rid)
            if region is not None:
                for view in (region.view, *region.also_in):
                    counts[view] = counts.get(view, 0) + 1
        drawn = [v for v in self.canvas.views() if v in counts]
        # The close-up where there is one: a head, hand or foot pattern is a few pixels on the whole body.
        return max(drawn, key=lambda v: (counts[v], self._is_close_up(v))) if drawn else None

    def _is_close_up(self, view_id: str) -> bool:
        drawing = self.canvas.drawings.get(view_id)
        return drawing is not None and drawing.height < drawing.width * 1.5

    def _go_to(self, region_ids: Iterable[str]) -> None:
        view = self._best_view(region_ids)
        if view is not None:
            self.canvas.set_view(view)

    def _on_combo(self, index: int) -> None:
        view = self.view_combo.itemData(index)
        if view and view != self.canvas.current_view():
            self.canvas.set_view(view)

    def _on_view_changed(self, view_id: str) -> None:
        index = self.view_combo.findData(view_id)
        if index >= 0 and index != self.view_combo.currentIndex():
            self.view_combo.setCurrentIndex(index)

    def _on_selected(self, regions: list[str]) -> None:
        if not self._picking:
            return
        ctrl = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl or len(regions) != 1:
            self._picked = [r for r in regions]
        elif regions[0] in self._picked:
            self._picked = [r for r in self._picked if r != regions[0]]
        else:
            self._picked = [*self._picked, regions[0]]
        self.canvas.set_selected_regions(self._picked)

    def show_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        self._set_picking(False)
        self._tooltips.active = True
        self.overlay.show(muscle_id)
        self.overlay.show_only_tp(muscle_id, tp_id)
        self.canvas.set_selected_regions([])
        self._go_to(essential)
        self.canvas.reset_zoom()

    def show_regions(self, region_ids: Iterable[str]) -> None:
        ids = list(region_ids)
        self._set_picking(False)
        self._tooltips.active = False
        self.overlay.clear()
        self._go_to(ids)
        self.canvas.set_selected_regions(ids)
        self.canvas.focus_regions(ids)  # a small region (greater trochanter) is readable, not 15 px

    def _set_picking(self, picking: bool) -> None:
        self._picking = picking
        self.canvas.set_picking(picking)

    def reveal_pattern(
        self, muscle_id: str, tp_id: str, essential: tuple[str, ...], spillover: tuple[str, ...]
    ) -> None:
        was_picking = self._picking
        self._set_picking(False)
        self._tooltips.active = False
        self.overlay.show(muscle_id)
        self.overlay.show_only_tp(muscle_id, tp_id)
        self.canvas.set_selected_regions(self._picked if was_picking else [])

    def start_picking(self, hint_regions: tuple[str, ...]) -> None:
        self.overlay.clear()
        self._picked = []
        self._set_picking(True)
        self._tooltips.active = True
        self.canvas.set_selected_regions([])
        self._go_to(hint_regions)
        self.canvas.reset_zoom()

    def picked_regions(self) -> list[str]:
        return list(self._picked)

    def clear(self) -> None:
        self._set_picking(False)
        self._picked = []
        self._tooltips.active = False
        self.overlay.clear()
        self.canvas.set_selected_regions([])


def text_chart_factory(atlas: Atlas) -> ChartFactory:
    return lambda parent: TextChart(atlas, parent)


def body_chart_factory(atlas: Atlas, drawings: dict[str, Drawing] | None = None) -> ChartFactory:
    """The real body chart, or the text stand-in when the figure drawings are not installed."""
    from studyapp.ui.bodychart_shapes import load_drawings

    shapes = load_drawings() if drawings is None else drawings
    if not shapes:
        return text_chart_factory(atlas)
    return lambda parent: BodyChartQuizChart(atlas, parent, shapes)
