"""The chart's acupoint controls: the layer on or off, one check box per channel, a cun scale, and
the points near the shown trigger points.

The point atlas and the trigger-point link load on first use (not when the window opens), through
the `load` callable the panel factory passes in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from studyapp.bodychart.acupoint_marks import channels_on, scales_on
from studyapp.bodychart.overlay import Change
from studyapp.bodychart.tp_acupoints import TpAcupointLinks
from studyapp.content.acupoints import CHANNELS, EXTRA
from studyapp.ui.acupoint_layer import AcupointLayer, channel_colour
from studyapp.ui.acupoint_nearby import NearbyPointsLayer
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.state import PointsUnavailable

CHANNEL_NAMES: dict[str, str] = {
    "LU": "Lung",
    "LI": "Large intestine",
    "ST": "Stomach",
    "SP": "Spleen",
    "HT": "Heart",
    "SI": "Small intestine",
    "BL": "Bladder",
    "KI": "Kidney",
    "PC": "Pericardium",
    "TE": "Triple energizer",
    "GB": "Gallbladder",
    "LR": "Liver",
    "GV": "Governor vessel",
    "CV": "Conception vessel",
    EXTRA: "Extra points",
}


def swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)


class AcupointControls(QWidget):
    """Check boxes and a scale choice that drive the chart's two acupoint layers."""

    def __init__(self, chart: BodyChartView, load: Callable[[], TpAcupointLinks]) -> None:
        super().__init__(chart)
        self.chart = chart
        self._load = load
        self._layer: AcupointLayer | None = None
        self._nearby: NearbyPointsLayer | None = None
        self.show_points = QCheckBox("Acupoints")
        self.show_points.setToolTip("Show the acupuncture points and channel lines on this view")
        self.show_points.toggled.connect(self._on_points)
        self.show_nearby = QCheckBox("Points near trigger points")
        self.show_nearby.setToolTip("Show the acupoints nearest each trigger point shown, with distances")
        self.show_nearby.toggled.connect(self._on_nearby)
        self.scale_combo = QComboBox()
        self.scale_combo.setAccessibleName("Cun scale")
        self.scale_combo.setToolTip("Show a proportional cun scale on this view")
        self.scale_combo.currentIndexChanged.connect(self._on_scale)
        self.channel_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        for index, channel in enumerate([*CHANNELS, EXTRA]):
            box = QCheckBox(channel)
            box.setIcon(swatch(channel_colour(channel)))
            box.setToolTip(f"{CHANNEL_NAMES[channel]} ({channel})")
            box.setAccessibleName(f"{CHANNEL_NAMES[channel]} channel")
            box.setChecked(channel != EXTRA)
            box.toggled.connect(lambda shown, c=channel: self._on_channel(c, shown))
            grid.addWidget(box, index // 8, index % 8)
            self.channel_boxes[channel] = box
        self.channels = QWidget()
        self.channels.setLayout(grid)
        self.channels.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.show_points)
        row.addWidget(self.show_nearby)
        row.addWidget(self.scale_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.channels)
        chart.canvas.viewChanged.connect(self._on_view)
        chart.destroyed.connect(chart.overlay.subscribe(self._on_overlay))
        self._fill_scales()

    # -- the layers, made on first use ---------------------------------------------------------------
    def _ensure(self) -> tuple[AcupointLayer, NearbyPointsLayer]:
        if self._layer is None or self._nearby is None:
            links = self._load()
            self._layer, self._nearby = AcupointLayer(links.points), NearbyPointsLayer(links)
            self.chart.canvas.layers += [self._layer, self._nearby]
        return self._layer, self._nearby

    @property
    def layer(self) -> AcupointLayer:
        return self._ensure()[0]

    @property
    def nearby(self) -> NearbyPointsLayer:
        return self._ensure()[1]

    # -- reactions ----------------------------------------------------------------------------------
    def _loaded(self, box: QCheckBox) -> bool:
        """Load the point atlas on first use; if it cannot be read, say so on the boxes instead."""
        try:
            self._ensure()
        except PointsUnavailable as error:
            for control in (self.show_points, self.show_nearby, self.scale_combo):
                control.setEnabled(False)
                control.setToolTip(f"Acupoints are unavailable: {error}")
            with QSignalBlocker(box):
                box.setChecked(False)
            return False
        return True

    def _on_points(self, shown: bool) -> None:
        if not self._loaded(self.show_points):
            return
        self.channels.setVisible(shown)
        self.layer.set_visible(self.chart.canvas, shown)
        self._mark_channels_on_view()

    def _on_nearby(self, shown: bool) -> None:
        if self._loaded(self.show_nearby):
            self.nearby.set_visible(self.chart.canvas, shown)

    def _on_channel(self, channel: str, shown: bool) -> None:
        self.layer.set_channel(self.chart.canvas, channel, shown)

    def _on_scale(self, _index: int) -> None:
        scale = self.scale_combo.currentData()
        if (scale is None and self._layer is None) or not self._loaded(self.show_points):
            return
        self.layer.scales = {scale} if scale else set()
        self.chart.canvas.refresh_layers()

    def _on_view(self, _view: str) -> None:
        self._fill_scales()
        self._mark_channels_on_view()

    def _on_overlay(self, change: Change) -> None:
        if self._nearby is not None and self._nearby.visible and change is not Change.OPACITY:
            self.chart.canvas.refresh_layers()

    def _fill_scales(self) -> None:
        chosen = self.scale_combo.currentData()
        with QSignalBlocker(self.scale_combo):
            self.scale_combo.clear()
            self.scale_combo.addItem("No cun scale", None)
            for scale in scales_on(self.chart.canvas.current_view()):
                self.scale_combo.addItem(scale.label, scale.id)
            self.scale_combo.setCurrentIndex(max(0, self.scale_combo.findData(chosen)))
        self.scale_combo.setEnabled(self.scale_combo.count() > 1)
        if self._layer is not None:
            self._on_scale(self.scale_combo.currentIndex())

    def _mark_channels_on_view(self) -> None:
        """Grey out channels with no point on this view (they stay tickable for other views)."""
        if self._layer is None:
            return
        present = set(channels_on(self._layer.points, self.chart.canvas.current_view()))
        for channel, box in self.channel_boxes.items():
            box.setEnabled(channel in present)


def attach_acupoints(chart: BodyChartView, load: Callable[[], TpAcupointLinks]) -> AcupointControls:
    """Put the acupoint controls under the chart's own controls (above the figure)."""
    controls = AcupointControls(chart, load)
    layout = chart.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(layout.indexOf(chart.canvas), controls)
    return controls
