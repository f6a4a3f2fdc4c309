"""A QAbstractItemModel adapter over a plain list of muscle ids (the napari pattern).

Two shapes: a tree (body area ▸ group ▸ muscle) for browsing, and a flat ranked list while searching.
Nodes live in parallel lists indexed by an integer id that is stored in each QModelIndex's internalId,
so no Python object has to outlive a Qt pointer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from studyapp.content.model import Atlas
from studyapp.ui.qtcompat import emit

MUSCLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = 0  # the invisible root node
AnyIndex = QModelIndex | QPersistentModelIndex


class MuscleTreeModel(QAbstractItemModel):
    def __init__(self, atlas: Atlas, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._atlas = atlas
        self._favourites: frozenset[str] = frozenset()
        self._matched: Mapping[str, str] = {}
        self._clear()

    def _clear(self) -> None:
        # node id -> parent id, row within the parent, label, muscle id ("" for area/group headers)
        self._parent: list[int] = [-1]
        self._row: list[int] = [0]
        self._label: list[str] = [""]
        self._muscle: list[str] = [""]
        self._children: dict[int, list[int]] = {_ROOT: []}
        self._node_of: dict[str, int] = {}

    def _add(self, parent: int, label: str, muscle_id: str = "") -> int:
        node = len(self._parent)
        siblings = self._children.setdefault(parent, [])
        self._parent.append(parent)
        self._row.append(len(siblings))
        self._label.append(label)
        self._muscle.append(muscle_id)
        siblings.append(node)
        if muscle_id:
            self._node_of[muscle_id] = node
        else:
            self._children[node] = []
        return node

    # filling

    def show_flat(self, muscle_ids: Sequence[str], matched: Mapping[str, str] | None = None) -> None:
        """Ranked search results, one row each; `matched` names the alias that matched, per id."""
        self.beginResetModel()
        self._clear()
        names = self._atlas.muscles
        count = len(muscle_ids)
        self._parent.extend([_ROOT] * count)
        self._row.extend(range(count))
        self._label.extend(names[mid].name for mid in muscle_ids)
        self._muscle.extend(muscle_ids)
        self._children[_ROOT] = list(range(1, count + 1))
        self._node_of = {mid: i + 1 for i, mid in enumerate(muscle_ids)}
        self._matched = matched or {}
        self.endResetModel()

    def show_tree(self, muscle_ids: Sequence[str]) -> None:
        """Grouped by body area, then by the record's group, in the order given."""
        self.beginResetModel()
        self._clear()
        self._matched = {}
        by_area: dict[str, dict[str, list[str]]] = {}
        for mid in muscle_ids:
            muscle = self._atlas.muscles[mid]
            by_area.setdefault(muscle.area, {}).setdefault(muscle.group, []).append(mid)
        order = {area: i for i, area in enumerate(self._atlas.areas)}
        for area in sorted(by_area, key=lambda a: order.get(a, len(order))):
            area_node = self._add(_ROOT, self._atlas.areas[area].label if area in self._atlas.areas else area)
            for group, ids in sorted(by_area[area].items(), key=lambda kv: kv[0].lower()):
                group_node = self._add(area_node, group)
                for mid in sorted(ids, key=lambda i: self._atlas.muscles[i].name.lower()):
                    self._add(group_node, self._atlas.muscles[mid].name, mid)
        self.endResetModel()

    def set_favourites(self, favourites: frozenset[str]) -> None:
        changed = favourites ^ self._favourites
        self._favourites = favourites
        for mid in changed:
            index = self.index_of(mid)
            if index.isValid():
                emit(self.dataChanged, index, index, [Qt.ItemDataRole.DisplayRole])

    # lookups

    def index_of(self, muscle_id: str) -> QModelIndex:
        node = self._node_of.get(muscle_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._row[node], 0, id=node)

    def muscle_at(self, index: AnyIndex) -> str:
        return self._muscle[index.internalId()] if index.isValid() else ""

    def muscle_ids(self) -> list[str]:
        """Muscles in display order (depth first)."""
        out: list[str] = []
        stack = list(reversed(self._children[_ROOT]))
        while stack:
            node = stack.pop()
            if self._muscle[node]:
                out.append(self._muscle[node])
            else:
                stack.extend(reversed(self._children.get(node, [])))
        return out

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_node = parent.internalId() if parent.isValid() else _ROOT
        children = self._children.get(parent_node, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, id=children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_node = self._parent[index.internalId()]
        if parent_node == _ROOT:
            return QModelIndex()
        return self.createIndex(self._row[parent_node], 0, id=parent_node)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        node = parent.internalId() if parent.isValid() else _ROOT
        return len(self._children.get(node, ()))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._muscle[index.internalId()]:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = index.internalId()
        mid = self._muscle[node]
        if role == Qt.ItemDataRole.DisplayRole:
            label = self._label[node]
            if not mid:
                return f"{label} ({self._count(node)})"
            star = "★ " if mid in self._favourites else ""
            matched = self._matched.get(mid, "")
            if matched and matched != label:
                return f"{star}{label}  ·  {matched}"
            return star + label
        if role == MUSCLE_ID_ROLE:
            return mid or None
        if role == Qt.ItemDataRole.ToolTipRole and not mid:
            return self._label[node]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole) and mid:
            muscle = self._atlas.muscles[mid]
            favourite = " (favourite)" if mid in self._favourites else ""
            return f"{muscle.latin_name}{favourite}"
        if role == Qt.ItemDataRole.FontRole and not mid:
            font = QFont()
            font.setBold(self._parent[node] == _ROOT)
            return font
        return None

    def _count(self, node: int) -> int:
        children = self._children.get(node, [])
        return sum(1 if self._muscle[c] else self._count(c) for c in children)
