"""The Progress tab's body chart: how well each muscle is known, painted where the muscle lies.

The bars in the progress report say which muscles are weak; the map shows where they are, which
is how a student revises a body area before a practical exam. Click a region for its muscles.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from studyapp.bodychart.mastery import Site, SiteMastery, mastery_by_site, mastery_colour, muscle_sites
from studyapp.bodychart.overlay import OverlayModel
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_canvas import BodyChartCanvas
from studyapp.ui.bodychart_shapes import Drawing, load_drawings
from studyapp.ui.qtcompat import emit

PROMPT = "Click a region to see its muscles, weakest first."


class ScaleBar(QWidget):
    """The map's key: the colour scale from 0% to 100% predicted recall."""

    STOPS = 11

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Mastery colour scale, from 0 to 100 percent recall")
        self.setMinimumHeight(self.fontMetrics().height() * 2 + 10)

    def sizeHint(self) -> QSize:
        return QSize(260, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        left = metrics.horizontalAdvance("100%") / 2 + 2
        bar = QRectF(left, 2, self.width() - 2 * left, metrics.height())
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i in range(self.STOPS):
            value = i / (self.STOPS - 1)
            gradient.setColorAt(value, QColor(mastery_colour(value)))
        painter.setPen(ink)
        painter.setBrush(gradient)
        painter.drawRoundedRect(bar, 3, 3)
        y = bar.bottom() + 4
        for value in (0.0, 0.5, 1.0):
            text = f"{value:.0%}"
            width = metrics.horizontalAdvance(text)
            x = bar.left() + bar.width() * value - width / 2
            painter.drawText(QRectF(x, y, width + 2, metrics.height()), int(Qt.AlignmentFlag.AlignLeft), text)
        painter.end()


class MasteryMap(QWidget):
    """Mastery per muscle on the body chart: `set_mastery(...)` in, `muscleChosen(id)` out."""

    muscleChosen = Signal(str)

    def __init__(
        self, atlas: Atlas, drawings: dict[str, Drawing] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.atlas = atlas
        self.drawings = load_drawings() if drawings is None else drawings
        self._sites: dict[str, dict[str, tuple[Site, ...]]] = {}  # per view, computed when first shown
        marked = {
            marker.view for m in atlas.muscles.values() for tp in m.trigger_points for marker in tp.markers
        }
        self.mastery: dict[str, float] = {}
        self.by_site: dict[tuple[str, str], SiteMastery] = {}
        self.canvas = BodyChartCanvas(atlas, self.drawings, OverlayModel(atlas), self)
        self.canvas.setAccessibleName("Mastery map")
        self.canvas.regionsSelected.connect(self._on_regions)
        self.canvas.viewChanged.connect(lambda _view: self._paint())
        self.view_combo = QComboBox()
        self.view_combo.setAccessibleName("Mastery map view")
        for view_id in self.canvas.views():
            if view_id in marked:
                self.view_combo.addItem(self.canvas.view_label(view_id), view_id)
        self.view_combo.currentIndexChanged.connect(self._on_combo)
        self.detail = QLabel(PROMPT)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAccessibleName("Muscles in the chosen region")
        self.detail.linkActivated.connect(lambda muscle_id: emit(self.muscleChosen, muscle_id))
        title = QLabel("<b>On the body</b>")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.view_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(ScaleBar())
        note = QLabel(
            "Colour: the mean predicted recall of the studied muscles whose trigger points lie there;"
            " muscles not studied yet are left white."
        )
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(note)
        layout.addWidget(self.detail)
        self.setMinimumHeight(360)  # stacked under the charts in a narrow window, it must stay readable
        if self.view_combo.count():
            self.set_view(str(self.view_combo.itemData(0)))

    def sites(self, view_id: str) -> dict[str, tuple[Site, ...]]:
        """Where each muscle lies in a view (cached: the drawing and the atlas do not change)."""
        if view_id not in self._sites:
            drawing = self.drawings.get(view_id)
            self._sites[view_id] = muscle_sites(self.atlas, drawing) if drawing else {}
        return self._sites[view_id]

    def set_view(self, view_id: str) -> None:
        if view_id not in self.drawings:
            return
        self.view_combo.setCurrentIndex(max(0, self.view_combo.findData(view_id)))
        self.canvas.set_view(view_id)
        self._paint()

    def set_mastery(self, mastery: Mapping[str, float]) -> None:
        """Recall per muscle id (0..1) of the muscles studied so far; others are left uncoloured."""
        self.mastery = dict(mastery)
        self._paint()

    def describe(self, region_ids: list[str]) -> str:
        """The chosen regions' muscles with their mastery, weakest first, as links to open them."""
        rows = [s for s in self.by_site.values() if s.region in region_ids]
        if not rows:
            return "No muscle you have studied lies in that region in this view." if region_ids else PROMPT
        seen: dict[str, float] = {}
        for site in rows:
            seen.update(site.muscles)
        parts = []
        for muscle_id, value in sorted(seen.items(), key=lambda kv: (kv[1], kv[0])):
            name = html.escape(self._name(muscle_id))
            parts.append(f'<a href="{muscle_id}">{name}</a> {value:.0%}')
        labels = sorted({self._label(s.region) for s in rows})
        return f"<b>{html.escape(', '.join(labels))}</b>: " + ", ".join(parts)

    def _name(self, muscle_id: str) -> str:
        muscle = self.atlas.muscles.get(muscle_id)
        return muscle.name if muscle else muscle_id

    def _label(self, region_id: str) -> str:
        region = self.atlas.regions.get(region_id)
        return region.label if region else region_id

    def _paint(self) -> None:
        view_id = self.canvas.current_view()
        self.by_site = mastery_by_site(self.sites(view_id), self.mastery)
        fills = {}
        for site, summary in self.by_site.items():
            names = ", ".join(f"{html.escape(self._name(m))} {v:.0%}" for m, v in summary.muscles)
            fills[site] = (mastery_colour(summary.mastery), f"Mastery {summary.mastery:.0%}: {names}")
        self.canvas.set_region_fills(fills)
        self.detail.setText(self.describe(self.canvas.selected_regions()))

    def _on_combo(self, _index: int) -> None:
        view_id = self.view_combo.currentData()
        if view_id:
            self.set_view(str(view_id))

    def _on_regions(self, region_ids: list[str]) -> None:
        self.detail.setText(self.describe(region_ids))
