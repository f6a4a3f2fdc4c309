"""The "Trigger points and acupoints" view: corresponding pairs by body area, with distances,
whether the channel matches the referral pattern, and the studies the idea comes from."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studyapp.bodychart.tp_acupoints import CORRESPONDING_CM, STUDIES, AreaPairs
from studyapp.ui.state import AppState

COLUMNS = ("Trigger point", "Point", "Distance", "Channel match")
MAX_FIRST_COLUMN_PX = 340
SOURCES_HEIGHT_PX = 110
ROLE = Qt.ItemDataRole.UserRole  # ("muscle", id) or ("point", code)


class TpAcupointView(QWidget):
    """Pairs within 2 cm in the same muscle, grouped by body area; double-click opens the muscle
    (trigger-point column) or the point (other columns)."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        links = state.tp_links
        self.areas: list[AreaPairs] = links.pairs_by_area()
        intro = QLabel(
            f"Trigger points and classical acupoints that lie within {CORRESPONDING_CM:g} cm of each "
            'other in the same muscle, measured on the body chart. "Channel match" means the point\'s '
            "channel runs through the trigger point's essential referral zone on the chart."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Trigger point and acupoint pairs")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.itemActivated.connect(self._on_activated)
        atlas, points = state.atlas, links.points
        for area in self.areas:
            top = QTreeWidgetItem([f"{area.label} ({len(area.pairs)})"])
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for link in area.pairs:
                muscle = atlas.muscles[link.muscle_id]
                tp = next((t for t in muscle.trigger_points if t.id == link.tp_id), None)
                point = points.points[link.code]
                match = f"yes ({', '.join(link.channel_regions)})" if link.channel_match else "no"
                row = QTreeWidgetItem(
                    [
                        f"{muscle.name} — {tp.label if tp else link.tp_id}",
                        f"{point.code} {point.pinyin}",
                        f"{link.cm:.1f} cm",
                        match,
                    ]
                )
                row.setData(0, ROLE, ("muscle", muscle.id))
                row.setData(1, ROLE, ("point", point.code))
                top.addChild(row)
        self.tree.expandAll()
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), MAX_FIRST_COLUMN_PX))
        self.tree.setMinimumHeight(200)
        # The studies in a short scrolling box: on a small screen the pairs keep the room.
        sources = QTextBrowser()
        sources.setAccessibleName("Sources")
        sources.setHtml(
            "<b>Sources:</b><ul>" + "".join(f"<li>{escape(s.citation)}</li>" for s in STUDIES) + "</ul>"
        )
        sources.setMaximumHeight(SOURCES_HEIGHT_PX)
        self.sources = sources
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(sources)

    def _on_activated(self, item: QTreeWidgetItem, column: int) -> None:
        target = item.data(0 if column == 0 else 1, ROLE)
        if not target:
            return
        kind, value = target
        if kind == "muscle":
            self.state.request_muscle(value)
        else:
            self.state.request_point(value)
