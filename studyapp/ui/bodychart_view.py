"""The body-chart panel: view and side controls, the canvas, and a legend that toggles trigger points.

Built from the atlas and the figure drawings; it keeps its own `OverlayModel` (or uses one passed
in) and talks to the rest of the window through signals: `regionsSelected(list[str])` for the pain
finder, `viewChanged(str)`, and `muscleChosen(str)` when a muscle in the legend is activated.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QSlider,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.bodychart.geometry import Geometry
from studyapp.bodychart.overlay import SINGLE_COLOUR, Change, OverlayModel, Side
from studyapp.bodychart.views import Composition, compose, geometry_of
from studyapp.content.model import Atlas, Muscle
from studyapp.ui.bodychart_canvas import BodyChartCanvas
from studyapp.ui.bodychart_legend import LegendKey, swatch
from studyapp.ui.bodychart_shapes import Drawing, load_drawings
from studyapp.ui.qtcompat import emit

ROLE_MUSCLE = Qt.ItemDataRole.UserRole
ROLE_TP = Qt.ItemDataRole.UserRole + 1


class BodyChartView(QWidget):
    """The body chart as a panel: `show_muscle(...)` in, `regionsSelected` / `muscleChosen` out."""

    regionsSelected = Signal(list)
    viewChanged = Signal(str)
    muscleChosen = Signal(str)

    def __init__(
        self,
        atlas: Atlas,
        drawings: dict[str, Drawing] | None = None,
        parent: QWidget | None = None,
        overlay: OverlayModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.atlas = atlas
        self.drawings = load_drawings() if drawings is None else drawings
        self.overlay = overlay or OverlayModel(atlas)
        self._geometry: Geometry | None = None
        self.auto_view = True  # switch to a view that shows the pattern when a muscle is picked
        self.canvas = BodyChartCanvas(atlas, self.drawings, self.overlay, self)
        self.canvas.regionsSelected.connect(self.regionsSelected)
        self.canvas.viewChanged.connect(self._on_view_changed)
        self._build()
        self._unsubscribe = self.overlay.subscribe(self._on_overlay)
        self.destroyed.connect(self._unsubscribe)  # a plain closure: safe once the C++ side is gone
        self._refresh_legend()

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.view_combo = QComboBox()
        self.view_combo.setAccessibleName("Body view")
        self.view_combo.setToolTip("Which drawing of the body to show")
        for view_id in self.canvas.views():
            self.view_combo.addItem(self.canvas.view_label(view_id), view_id)
        self.view_combo.setCurrentIndex(max(0, self.view_combo.findData(self.canvas.current_view())))
        self.view_combo.currentIndexChanged.connect(self._on_combo)
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.setMinimumContentsLength(8)

        self.side_group = QButtonGroup(self)
        side_row = QHBoxLayout()
        side_row.setSpacing(0)
        tips = {
            Side.RIGHT: "Patient's right side (as the content describes it)",
            Side.LEFT: "Patient's left side (mirror image)",
            Side.BOTH: "Both sides",
        }
        self.side_buttons: dict[Side, QToolButton] = {}
        for side in Side:
            button = QToolButton()
            button.setText(side.value.capitalize())
            button.setCheckable(True)
            button.setToolTip(tips[side])
            button.setAccessibleName(f"{side.value.capitalize()} side")
            button.setChecked(side is self.overlay.side)
            self.side_group.addButton(button, list(Side).index(side))
            side_row.addWidget(button)
            self.side_buttons[side] = button

        self.side_group.idClicked.connect(self._on_side_clicked)
        top = QHBoxLayout()
        top.addWidget(self.view_combo, 1)
        top.addLayout(side_row)

        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(15, 100)
        self.opacity_slider.setValue(round(self.overlay.opacity * 100))
        self.opacity_slider.setToolTip("Opacity of the referral zones")
        self.opacity_slider.setAccessibleName("Zone opacity")
        self.opacity_slider.valueChanged.connect(self._on_opacity)
        opacity_label = QLabel("Opacity")
        opacity_label.setBuddy(self.opacity_slider)

        second = QHBoxLayout()
        second.addWidget(opacity_label)
        second.addWidget(self.opacity_slider, 1)
        self.muscle_toggle = QToolButton()
        self.muscle_toggle.setText("Muscle")
        self.muscle_toggle.setCheckable(True)
        self.muscle_toggle.setChecked(self.canvas.shows_muscle())
        self.muscle_toggle.setToolTip("Draw the muscle itself under its zones (dashed when it lies deep)")
        self.muscle_toggle.setAccessibleName("Show the muscle")
        self.muscle_toggle.toggled.connect(self.canvas.set_show_muscle)
        second.addWidget(self.muscle_toggle)
        for text, tip, slot in (
            ("−", "Zoom out (Ctrl+-)", self.canvas.zoom_out),
            ("+", "Zoom in (Ctrl+=)", self.canvas.zoom_in),
            ("Fit", "Show the whole figure (Ctrl+0)", self.canvas.reset_zoom),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(slot)
            second.addWidget(button)
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setToolTip("Save this view with its legend as an image")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("PNG image…", self._export_png_dialog)
        menu.addAction("SVG drawing…", self._export_svg_dialog)
        self.export_button.setMenu(menu)
        second.addWidget(self.export_button)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("bodychartHint")
        self.hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.legend = QTreeWidget()
        self.legend.setHeaderHidden(True)
        self.legend.setAccessibleName("Shown muscles and trigger points")
        self.legend.setRootIsDecorated(True)
        self.legend.setUniformRowHeights(True)
        self.legend.setIconSize(QSize(12, 12))
        self.legend.itemChanged.connect(self._on_legend_changed)
        self.legend.itemActivated.connect(self._on_legend_activated)

        self.compare_edit = QLineEdit()
        self.compare_edit.setPlaceholderText("Compare with another muscle…")
        self.compare_edit.setAccessibleName("Add a muscle to compare")
        self.compare_edit.setClearButtonEnabled(True)
        names = {m.name: m.id for m in self.atlas.muscles.values() if m.trigger_points}
        self._names = names
        completer = QCompleter(sorted(names), self.compare_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.compare_edit.setCompleter(completer)
        completer.activated.connect(self._add_by_name)
        self.compare_edit.returnPressed.connect(self._add_typed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.canvas, 1)
        self.key = LegendKey()
        layout.addWidget(self.key)
        layout.addWidget(self.hint)
        layout.addWidget(self.legend)
        layout.addWidget(self.compare_edit)
        if not self.drawings:  # nothing to switch, zoom or export; the hint explains why
            controls = [self.view_combo, self.opacity_slider, self.export_button, *self.side_buttons.values()]
            for control in controls:
                control.setEnabled(False)

    # -- public API ---------------------------------------------------------------------------------
    def show_muscle(self, muscle: Muscle | str | None) -> None:
        """Show one muscle's pattern (None clears the chart); may switch to a view that shows it."""
        if muscle is None:
            self.overlay.clear()
            return
        muscle_id = muscle if isinstance(muscle, str) else muscle.id
        if muscle_id not in self.atlas.muscles:
            return
        self.overlay.show(muscle_id)
        if self.auto_view:  # the picture rule (bodychart/views.py); the student may switch after
            composition = self.composition()
            if composition is None or not composition.keeps(self.canvas.current_view()):
                best = self.best_view()
                if best:
                    self.set_view(best)

    def compare_muscles(self, muscle_ids: list[str]) -> None:
        self.overlay.set_muscles([m for m in muscle_ids if m in self.atlas.muscles])

    def add_muscle(self, muscle_id: str) -> None:
        if muscle_id in self.atlas.muscles:
            self.overlay.add(muscle_id)

    def set_view(self, view_id: str) -> None:
        if view_id in self.drawings:
            self.canvas.set_view(view_id)

    def current_view(self) -> str:
        return self.canvas.current_view()

    def set_side(self, side: Side | str) -> None:
        self.overlay.set_side(side)

    def set_selected_regions(self, region_ids: list[str]) -> None:
        self.canvas.set_selected_regions(region_ids)

    def selected_regions(self) -> list[str]:
        return self.canvas.selected_regions()

    def export_png(self, path: str | Path, scale: float = 2.0) -> bool:
        return self.canvas.export_png(path, scale)

    def export_svg(self, path: str | Path) -> bool:
        return self.canvas.export_svg(path)

    def best_view(self) -> str | None:
        """The view to open for the shown pattern: the first of its composed picture's views.

        One muscle follows the picture rule (its close-up for a head, hand or foot muscle, never a
        view showing < 90 % of the pattern when another shows more); several compared muscles, or a
        missing drawing, fall back to the view showing most of the visible zones and markers.
        """
        composition = self.composition()
        first = composition.first if composition is not None else None
        if first is not None:
            return first
        scores = {v: self._pattern_score(v) for v in self.canvas.views()}
        best = max(scores, key=lambda v: scores[v], default=None)
        return best if best is not None and scores[best] > 0 else None

    def composition(self) -> Composition | None:
        """The composed picture's views for the one shown muscle (or its one visible trigger point)."""
        shown = self.overlay.shown
        if len(shown) != 1 or not self.drawings:
            return None
        visible = shown[0].visible_tps()
        tp_id = visible[0] if len(visible) == 1 and len(shown[0].muscle.trigger_points) > 1 else None
        if self._geometry is None:
            self._geometry = geometry_of(self.drawings)
        side = self.overlay.side.value
        return compose(self.atlas, shown[0].muscle.id, tp_id=tp_id, side=side, geometry=self._geometry)

    # -- internals ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_legend()  # the key's neutral ink follows the theme

    def _pattern_score(self, view_id: str) -> int:
        drawing = self.drawings[view_id]
        drawn = {shape.region for shape in drawing.regions}
        zones = {(z.muscle_id, z.region) for z in self.overlay.zones() if z.region in drawn}
        markers = self.overlay.markers(view_id, drawing.one_sided)
        return len(zones) + 2 * len({(m.muscle_id, m.tp_id) for m in markers})

    def _view_shows_pattern(self, view_id: str) -> bool:
        return view_id in self.drawings and self._pattern_score(view_id) > 0

    def _on_view_changed(self, view_id: str) -> None:
        with QSignalBlocker(self.view_combo):
            self.view_combo.setCurrentIndex(max(0, self.view_combo.findData(view_id)))
        self._refresh_hint()
        emit(self.viewChanged, view_id)

    def _on_overlay(self, change: Change) -> None:
        if change is Change.SIDE:
            self.side_buttons[self.overlay.side].setChecked(True)
        elif change is Change.OPACITY:
            with QSignalBlocker(self.opacity_slider):
                self.opacity_slider.setValue(round(self.overlay.opacity * 100))
        elif change is Change.VISIBILITY:
            self._sync_checks()
            self._refresh_hint()
        else:
            self._refresh_legend()

    def _sync_checks(self) -> None:
        """Follow toggles made elsewhere without rebuilding the tree (it may be mid-signal)."""
        with QSignalBlocker(self.legend):
            for i in range(self.legend.topLevelItemCount()):
                top = self.legend.topLevelItem(i)
                for child in [top.child(j) for j in range(top.childCount())] if top else []:
                    if child is None:
                        continue
                    visible = self.overlay.is_tp_visible(child.data(0, ROLE_MUSCLE), child.data(0, ROLE_TP))
                    state = Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked
                    if child.checkState(0) != state:
                        child.setCheckState(0, state)

    def _refresh_legend(self) -> None:
        with QSignalBlocker(self.legend):
            self.legend.clear()
            for shown in self.overlay.shown:
                top = QTreeWidgetItem([shown.muscle.name])
                top.setIcon(0, swatch(shown.colour))
                top.setData(0, ROLE_MUSCLE, shown.muscle.id)
                top.setToolTip(0, "Double-click to open this muscle; untick to hide all its points")
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
                for tp in shown.muscle.trigger_points:
                    child = QTreeWidgetItem([tp.label])
                    child.setData(0, ROLE_MUSCLE, shown.muscle.id)
                    child.setData(0, ROLE_TP, tp.id)
                    child.setToolTip(0, tp.location)
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    visible = tp.id not in shown.hidden_tps
                    child.setCheckState(0, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
                    top.addChild(child)
                self.legend.addTopLevelItem(top)
                top.setExpanded(True)
        self.legend.setVisible(bool(self.overlay.shown))
        rows = sum(1 + len(s.muscle.trigger_points) for s in self.overlay.shown)
        row_h = self.legend.sizeHintForRow(0) if rows else 0
        self.legend.setFixedHeight(min(160, rows * max(row_h, self.fontMetrics().height() + 2) + 6))
        muscles = self.overlay.shown
        key_colour = QColor(muscles[0].colour if muscles else SINGLE_COLOUR)
        if len(muscles) > 1:  # several colours: the key shows the shapes in a neutral ink
            key_colour = self.palette().color(QPalette.ColorRole.WindowText)
        self.key.set_colour(key_colour, compare=len(muscles) > 1)
        self.key.setVisible(bool(muscles) and bool(self.drawings))
        self.compare_edit.setVisible(bool(self.overlay.shown) and len(self._names) > 1)
        self._refresh_hint()

    def _refresh_hint(self) -> None:
        if not self.drawings:
            text = "The body chart drawing is missing from this installation."
        elif not self.overlay.shown:
            text = (
                "Pick a muscle to see its referral pattern. "
                "Click regions (Ctrl+click for more) to find muscles."
            )
        elif not self._view_shows_pattern(self.canvas.current_view()):
            best = self.best_view()
            where = f" Try the {self.canvas.view_label(best)} view." if best else ""
            text = f"Nothing of this pattern is drawn in this view.{where}"
        else:
            text = ""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _on_legend_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        tp_id = item.data(0, ROLE_TP)
        muscle_id = item.data(0, ROLE_MUSCLE)
        if tp_id is None or muscle_id is None:
            return  # the muscle row's tristate follows its children, which are changed one by one
        self.overlay.set_tp_visible(muscle_id, tp_id, item.checkState(0) == Qt.CheckState.Checked)

    def _on_legend_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        muscle_id = item.data(0, ROLE_MUSCLE)
        if muscle_id and item.data(0, ROLE_TP) is None:
            emit(self.muscleChosen, muscle_id)

    def _add_by_name(self, name: str) -> None:
        muscle_id = self._names.get(name.strip()) or next(
            (mid for n, mid in self._names.items() if n.lower() == name.strip().lower()), None
        )
        if muscle_id:
            self.add_muscle(muscle_id)
            self.compare_edit.clear()

    # Slots are bound methods, not lambdas holding `self`: a lambda makes a reference cycle that
    # lets Python's collector delete the widget behind Qt's back.
    def _on_combo(self, _index: int) -> None:
        self.set_view(self.view_combo.currentData())

    def _on_side_clicked(self, button_id: int) -> None:
        self.overlay.set_side(list(Side)[button_id])

    def _on_opacity(self, value: int) -> None:
        self.overlay.set_opacity(value / 100)

    def _add_typed(self) -> None:
        self._add_by_name(self.compare_edit.text())

    def _export_png_dialog(self) -> None:
        self._export_dialog("png")

    def _export_svg_dialog(self) -> None:
        self._export_dialog("svg")

    def _export_dialog(self, kind: str) -> None:
        name = f"{'-'.join(self.overlay.shown_ids()) or 'bodychart'}-{self.current_view()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Export body chart", name, f"{kind.upper()} (*.{kind})")
        if path:
            (self.export_png if kind == "png" else self.export_svg)(path)
