"""The acupoints a search found, listed under the navigator's muscles; activating one opens it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studyapp.search import Hit
from studyapp.ui.qtcompat import emit

ROWS_SHOWN = 6  # the list grows to this many rows, then scrolls


class PointHitList(QListWidget):
    """Point hits ("GB30 Huántiào"); hidden when there are none. `pointActivated(code)` on a click."""

    pointActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Acupoints found")
        self.setToolTip("Acupoints matching the search: click one to open it in the Points tab")
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)
        self.setVisible(False)

    def show_hits(self, hits: Sequence[Hit]) -> None:
        self.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.point}  {hit.matched}" if hit.matched != hit.point else hit.point)
            item.setData(Qt.ItemDataRole.UserRole, hit.point)
            self.addItem(item)
        self.setVisible(bool(hits))
        rows = min(len(hits), ROWS_SHOWN)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() if rows else 0)

    def codes(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        emit(self.pointActivated, item.data(Qt.ItemDataRole.UserRole))
