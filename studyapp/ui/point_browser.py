"""The Points tab: acupoints browsed by channel or by body area, with the chosen point's details."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.bodychart.acupoint_marks import points_by_area
from studyapp.bodychart.geometry import load_geometry
from studyapp.content.acupoints import CHANNELS, EXTRA, Point
from studyapp.ui.acupoint_controls import CHANNEL_NAMES, swatch
from studyapp.ui.acupoint_layer import channel_colour
from studyapp.ui.point_detail import PointDetail
from studyapp.ui.state import AppState

CODE_ROLE = Qt.ItemDataRole.UserRole


class PointBrowser(QWidget):
    """A tree of points (by channel or body area) beside a `PointDetail`; follows `pointRequested`."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        links = state.tp_links
        self.points = links.points
        self.mode = QComboBox()
        self.mode.setAccessibleName("Group points")
        self.mode.addItem("By channel", "channel")
        self.mode.addItem("By body area", "area")
        self.mode.currentIndexChanged.connect(self._fill)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Acupoints")
        self.tree.currentItemChanged.connect(self._on_current)
        self.detail = PointDetail(links)
        self.detail.muscleLinkActivated.connect(state.request_muscle)
        self.detail.pointLinkActivated.connect(self.show_point)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.mode)
        column.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._areas: dict[str, list[str]] | None = None
        self._groups_shown: list[tuple[str, list[str]]] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()
        state.pointRequested.connect(self.show_point)

    def _groups(self) -> list[tuple[str, list[str]]]:
        if self.mode.currentData() == "area":
            if self._areas is None:
                self._areas = points_by_area(self.points, load_geometry(), self.state.atlas)
            areas = self.state.atlas.areas
            return [(areas[a].label if a in areas else "Other", codes) for a, codes in self._areas.items()]
        groups = []
        for cid in [*CHANNELS, EXTRA]:
            codes = [p.code for p in self.points.points.values() if p.channel == cid]
            if codes:
                groups.append((f"{cid} {CHANNEL_NAMES[cid]}", codes))
        return groups

    def _fill(self) -> None:
        current = self.detail.code
        self._groups_shown, self._items = self._groups(), {}
        with QSignalBlocker(self.tree):
            self.tree.clear()
            for label, codes in self._groups_shown:
                top = QTreeWidgetItem([f"{label} ({len(codes)})"])
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(top)
                for code in codes:
                    point = self.points.points[code]
                    child = QTreeWidgetItem([_row(point)])
                    child.setData(0, CODE_ROLE, code)
                    child.setIcon(0, swatch(channel_colour(point.channel)))
                    top.addChild(child)
                    self._items[code] = child
        if current:
            self.show_point(current)

    def group_labels(self) -> list[str]:
        return [label for label, _ in self._groups_shown]

    def codes_in(self, group_index: int) -> list[str]:
        return list(self._groups_shown[group_index][1])

    def show_point(self, code: str) -> None:
        """Select and show a point (a typed or older code works: "gb 30")."""
        resolved = self.points.resolve(code)
        if resolved is None:
            self.detail.show_point(code)
            return
        self.detail.show_point(resolved)
        item = self._items.get(resolved)
        if item is not None:
            with QSignalBlocker(self.tree):
                self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        code = item.data(0, CODE_ROLE) if item is not None else None
        if code:
            self.detail.show_point(code)


def _row(point: Point) -> str:
    return f"{point.code}  {point.pinyin} — {point.english}"
