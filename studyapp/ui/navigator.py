"""The navigator: search box, facet filters and the muscle list, updated on every keystroke."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.search import Filters, SearchIndex
from studyapp.ui.muscle_model import MuscleTreeModel
from studyapp.ui.qtcompat import emit

FACETS: tuple[tuple[str, str, str], ...] = (
    # facet, label, "any" text
    ("area", "Body area", "Any body area"),
    ("action", "Action", "Any action"),
    ("nerve", "Nerve", "Any nerve"),
    ("root", "Spinal root", "Any root"),
    ("region", "Pain region", "Any pain region"),
)


class _SearchBox(QLineEdit):
    """Down arrow moves into the list, Escape clears: the keyboard never has to leave home."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            emit(self.downPressed)
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class NavigatorPane(QWidget):
    muscleActivated = Signal(str)
    resultsChanged = Signal(int, int)
    painFinderRequested = Signal(str)  # an empty search offers the pain finder, with what was typed

    def __init__(self, atlas: Atlas, index: SearchIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._index = index
        self._favourites: frozenset[str] = frozenset()
        self._current = ""
        self._programmatic = False

        self.search_box = _SearchBox()
        self.search_box.setPlaceholderText("Search: glut med, TFL, SCM…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search muscles")
        self.search_box.setToolTip(
            "Search by name, alias or abbreviation, or from the complaint: a condition or symptom "
            "(sciatica, jaw pain), a root (L5), a nerve, an acupoint (GB30) or an action (Ctrl+F)"
        )
        self.search_box.textChanged.connect(self.refresh)
        self.search_box.returnPressed.connect(self._activate_first)
        self.search_box.downPressed.connect(self._focus_list)

        self.filters_button = QToolButton()
        self.filters_button.setText("Filters")
        self.filters_button.setCheckable(True)
        self.filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filters_button.setArrowType(Qt.ArrowType.RightArrow)
        self.filters_button.setAccessibleName("Show filters")
        self.filters_button.toggled.connect(self.set_filters_visible)

        self.favourites_only = QCheckBox("★ Favourites only")
        self.favourites_only.setAccessibleName("Show favourites only")
        self.favourites_only.toggled.connect(self.refresh)

        self.combos: dict[str, QComboBox] = {}
        self.filters_box = QWidget()
        form = QFormLayout(self.filters_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for facet, label, any_text in FACETS:
            combo = QComboBox()
            combo.setAccessibleName(f"Filter by {label.lower()}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.addItem(any_text, None)
            for value in self._facet_values(facet):
                count = index.facet_count(facet, value)
                combo.addItem(f"{self._facet_label(facet, value)} ({count})", value)
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[facet] = combo
            form.addRow(label, combo)
        clear = QPushButton("Clear filters")
        clear.setAccessibleName("Clear all filters")
        clear.clicked.connect(self.clear_filters)
        form.addRow(clear)
        self.filters_box.setVisible(False)

        self.model = MuscleTreeModel(atlas, self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setIndentation(14)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Muscle list")
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of muscles shown")
        self.count_label.setWordWrap(True)

        # In place of an empty list: why it is empty and where to look instead, as links.
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyList")
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.empty_label.setAccessibleName("Nothing to list")
        self.empty_label.linkActivated.connect(self._on_empty_link)
        self.empty_label.hide()

        top = QHBoxLayout()
        top.addWidget(self.filters_button)
        top.addStretch(1)
        top.addWidget(self.favourites_only)
        self.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addLayout(top)
        layout.addWidget(self.filters_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.count_label)
        self.refresh()

    # facets

    def _facet_values(self, facet: str) -> list[str]:
        values = self._index.facet_values(facet)
        if facet == "area":
            order = {a: i for i, a in enumerate(self._atlas.areas)}
            return sorted(values, key=lambda a: order.get(a, len(order)))
        if facet == "region":
            return sorted(values, key=lambda r: self._facet_label("region", r).lower())
        return values

    def _facet_label(self, facet: str, value: str) -> str:
        if facet == "area" and value in self._atlas.areas:
            return self._atlas.areas[value].label
        if facet == "region" and value in self._atlas.regions:
            return self._atlas.regions[value].label
        if facet == "action":
            return value.capitalize()
        return value

    def filters(self) -> Filters:
        values = {facet: combo.currentData() for facet, combo in self.combos.items()}
        only = self._favourites if self.favourites_only.isChecked() else None
        return Filters(only=only, **values)

    def set_filter(self, facet: str, value: str | None) -> None:
        combo = self.combos[facet]
        position = combo.findData(value) if value is not None else 0
        if position < 0:
            raise ValueError(f"no {facet} filter value {value!r}")
        combo.setCurrentIndex(position)
        if value is not None:
            self.filters_button.setChecked(True)

    def clear_filters(self) -> None:
        for combo in self.combos.values():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        with QSignalBlocker(self.favourites_only):
            self.favourites_only.setChecked(False)
        self.refresh()

    def set_filters_visible(self, visible: bool) -> None:
        self.filters_box.setVisible(visible)
        self.filters_button.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        if self.filters_button.isChecked() != visible:
            self.filters_button.setChecked(visible)

    # the list

    def refresh(self) -> None:
        """Run the search for the current text and filters and show the result."""
        query = self.search_box.text()
        filters = self.filters()
        result = self._index.lookup(query, filters)
        hits = [hit for hit in result.hits if hit.kind == "muscle"]  # point rows: the browse UI's part
        ids = [hit.muscle_id for hit in hits]
        self._programmatic = True
        try:
            if query.strip():
                self.model.show_flat(ids, {hit.muscle_id: hit.matched for hit in hits})
            else:
                self.model.show_tree(ids)
                self.view.expandAll()
            self.model.set_favourites(self._favourites)
            self._reselect()
        finally:
            self._programmatic = False
        total = len(self._index)
        counted = f"{len(ids)} of {total} muscles" if filters.active or query.strip() else f"{total} muscles"
        self.count_label.setText(counted)
        self._show_empty(result.hint if not ids else "", query.strip())
        emit(self.resultsChanged, len(ids), total)

    def _show_empty(self, hint: str, query: str) -> None:
        """An empty list says why, and offers the pain finder, the filters or the whole list."""
        if not hint and not (self.favourites_only.isChecked() and not self.model.muscle_ids()):
            self.empty_label.hide()
            self.view.show()
            return
        links: list[tuple[str, str]] = []
        if self.favourites_only.isChecked() and not self._favourites:
            text = "No favourites yet: press ☆ on a muscle or Ctrl+D to add it."
            links.append(("all", "Show all muscles"))
        elif self.favourites_only.isChecked() and not query:
            text = "None of your favourites passes these filters."
            links.append(("clear_filters", "Clear the filters"))
        else:
            text = html.escape(hint)
            links.append(("finder", "Open the pain finder"))
            if self.filters().active:
                links.append(("clear_filters", "Clear the filters"))
            else:
                links.append(("filters", "Show the filters"))
            links.append(("clear_search", "Clear the search"))
        items = "".join(f'<li><a href="{key}">{label}</a></li>' for key, label in links)
        self.empty_label.setText(f"<p>{text}</p><ul>{items}</ul>")
        self.view.hide()
        self.empty_label.show()

    def _on_empty_link(self, key: str) -> None:
        if key == "finder":
            emit(self.painFinderRequested, self.search_box.text().strip())
        elif key == "filters":
            self.set_filters_visible(True)
        elif key == "clear_filters":
            self.clear_filters()
        elif key == "clear_search":
            self.search_box.clear()
        elif key == "all":
            self.favourites_only.setChecked(False)

    def shown_ids(self) -> list[str]:
        return self.model.muscle_ids()

    def set_favourites(self, favourites: frozenset[str]) -> None:
        self._favourites = favourites
        if self.favourites_only.isChecked():
            self.refresh()
        else:
            self.model.set_favourites(favourites)

    def select(self, muscle_id: str) -> None:
        """Highlight a muscle chosen elsewhere (link, history, pain finder) without re-announcing it."""
        self._current = muscle_id
        self._programmatic = True
        try:
            self._reselect()
        finally:
            self._programmatic = False

    def _reselect(self) -> None:
        index = self.model.index_of(self._current) if self._current else QModelIndex()
        selection = self.view.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
            if not self.view.viewport().rect().contains(self.view.visualRect(index)):
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            selection.clearSelection()

    def step(self, delta: int) -> str | None:
        """The muscle `delta` rows after the current one in the list (wrapping), or None if empty."""
        ids = self.shown_ids()
        if not ids:
            return None
        if self._current not in ids:
            return ids[0] if delta > 0 else ids[-1]
        return ids[(ids.index(self._current) + delta) % len(ids)]

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            first = self.step(1)
            if first:
                self._emit(first)

    def _activate_first(self) -> None:
        ids = self.shown_ids()
        if ids:
            self._emit(ids[0])

    def _emit(self, muscle_id: str) -> None:
        self.select(muscle_id)
        emit(self.muscleActivated, muscle_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._programmatic:
            return
        muscle_id = self.model.muscle_at(current)
        if muscle_id and muscle_id != self._current:
            self._current = muscle_id
            emit(self.muscleActivated, muscle_id)

    def _on_activated(self, index: QModelIndex) -> None:
        muscle_id = self.model.muscle_at(index)
        if muscle_id:
            self._current = muscle_id
            emit(self.muscleActivated, muscle_id)
