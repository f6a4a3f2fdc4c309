"""The study window: navigator, detail pane, body chart and pain finder, linked by one selection.

The window keeps the history and places the panels; the selection lives in the application state
(`AppState`), which every panel is built from, so the panes never call each other. Tabs that are
not visible at start (Quiz, Progress) are built when first shown, and take the keyboard focus when
shown. The body chart and the pain finder belong to Browse: they leave with it and come back as they
were. While a timed exam runs, Browse and the Course tab are closed (`AppState.examChanged`).
Layout, size, theme, font size, collapsed sections and the last muscle are kept in the state's
QSettings (which the caller provides, so tests use a temporary file).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from studyapp.content.files import Problem
from studyapp.search import SearchIndex
from studyapp.ui import theme
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.detail_pane import DetailPane
from studyapp.ui.dialogs import AboutDialog, ProblemsDialog, ShortcutsDialog
from studyapp.ui.history import History
from studyapp.ui.navigator import NavigatorPane
from studyapp.ui.painfinder_panel import PainFinderPanel
from studyapp.ui.panels import PANELS, Panel, PanelFailed, build_panel
from studyapp.ui.qtcompat import emit
from studyapp.ui.state import AppState
from studyapp.ui.window_layout import apply_default_layout, fit_finder, restore_settings
from studyapp.ui.window_menus import build_menus, build_status_bar

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

MIN_FONT_PT, MAX_FONT_PT = 8.0, 24.0


class MainWindow(QMainWindow):
    muscleSelected = Signal(str)

    # made by window_menus (menus, shortcuts and the status bar)
    favourite_action: QAction
    back_action: QAction
    forward_action: QAction
    bigger_action: QAction
    smaller_action: QAction
    problems_action: QAction
    theme_actions: dict[str, QAction]
    font_label: QLabel
    counts_label: QLabel
    problems_button: QPushButton

    def __init__(
        self,
        state: AppState,
        *,
        problems: Sequence[Problem] = (),
        skipped: Sequence[str] = (),
        panels: Sequence[Panel] = PANELS,
        parent: QWidget | None = None,
    ) -> None:
        """Raises `PanelFailed` (naming the panel) when a panel shown at start cannot be built."""
        # The stored theme before any widget exists, so each is drawn once in its colours.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            stored = str(state.settings.value("view/theme", "system"))
            theme.apply(app, stored if stored in theme.MODES else "system")
        super().__init__(parent)
        self.setWindowTitle("studyapp — muscle atlas")
        self.state = state
        self.atlas = atlas = state.atlas
        self.store = store = state.user_data
        self.settings: QSettings = state.settings
        self.problems = list(problems)
        self.skipped = list(skipped)
        self.history = History()
        self.current = ""
        self.store_warning: str | None = None  # set by the caller when the store fell back to memory
        self._problems_dialog: ProblemsDialog | None = None
        self.layout_restored = False
        self._docks_shown = True  # the docks follow the Browse tab (`_show_browse_docks`)
        self._docks_open: set[str] = set()
        self._finder_answering = False  # regions chosen: the pain finder has the room (`fit_finder`)
        self.default_pt = QApplication.font().pointSizeF() if QApplication.font().pointSizeF() > 0 else 10.0
        self.font_pt = self.default_pt
        self.theme_mode = "system"

        self.index = SearchIndex(list(atlas.muscles.values()), points=lambda: state.points)
        self.navigator = NavigatorPane(atlas, self.index)
        self.detail = DetailPane(atlas, store)
        self.navigator.set_favourites(store.favourites())
        self.navigator.muscleActivated.connect(self.select_muscle)
        self.navigator.pointActivated.connect(state.request_point)
        self.navigator.resultsChanged.connect(self.update_counts)
        self.navigator.painFinderRequested.connect(self.open_pain_finder)
        self.detail.linkActivated.connect(self.select_muscle)
        self.detail.favouriteChanged.connect(self._on_favourite_changed)
        self.detail.collapsedChanged.connect(self._save_collapsed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("browserSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 640])

        self.panel_specs = {panel.key: panel for panel in panels}
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        for panel in panels:
            if panel.place != "dock":
                continue
            self.panels[panel.key] = build_panel(panel, state)
            dock = QDockWidget(panel.title, self)
            dock.setObjectName(f"{panel.key}Dock")
            dock.setWidget(self.panels[panel.key])
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.docks[panel.key] = dock
        # Stacked, not tabbed: clicking the figure should show the pain finder's answer beside it.
        if "chart" in self.docks and "finder" in self.docks:
            self.splitDockWidget(self.docks["chart"], self.docks["finder"], Qt.Orientation.Vertical)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, "Browse")
        self.tab_holders: dict[str, QScrollArea] = {}
        for panel in panels:
            if panel.place == "tab":
                # A scroll area lets the tab shrink with the window instead of forcing a minimum width.
                holder = QScrollArea()
                holder.setWidgetResizable(True)
                holder.setFrameShape(QFrame.Shape.NoFrame)
                self.tab_holders[panel.key] = holder
                self.tabs.addTab(holder, panel.title)
        self.tabs.tabBar().setVisible(self.tabs.count() > 1)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self.tabs)

        state.muscleRequested.connect(self.select_muscle)
        state.pointRequested.connect(self.show_point)
        state.examChanged.connect(self._on_exam_changed)
        state.regionsChanged.connect(self._show_regions_view)
        state.tabRequested.connect(self.show_tab)
        build_menus(self)
        build_status_bar(self)
        restore_settings(self)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        # Mouse back/forward: plain widgets pass the press up to mousePressEvent; scroll areas keep
        # it (QTextBrowser even has its own history), so their viewports are watched instead.
        for area in self.findChildren(QAbstractScrollArea):
            area.viewport().installEventFilter(self)
        # Text fields claim some of our keys for editing (Ctrl+D deletes a character on X11); the
        # window's shortcuts win, so Ctrl+D means "favourite" wherever the focus is.
        self._reserved = {seq.toString() for action in self.all_actions() for seq in action.shortcuts()}
        for editor in (
            self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit) + self.findChildren(QTextEdit)
        ):
            editor.installEventFilter(self)

    # panels

    def panel(self, key: str) -> QWidget:
        """The panel's widget, building a tab's panel now if it has not been shown yet."""
        if key not in self.panels:
            spec = self.panel_specs[key]
            widget = build_panel(spec, self.state)
            self.panels[key] = widget
            self.tab_holders[key].setWidget(widget)
        return self.panels[key]

    def show_tab(self, key: str) -> QWidget | None:
        """Bring a tab to the front (built now if needed); None when it failed to build (reported)."""
        self.tabs.setCurrentWidget(self.tab_holders[key])
        return self.panels.get(key)

    def open_course_pack(self) -> None:
        """File > Open course pack: the Course tab, then the file dialog."""
        from studyapp.ui.course_panel import CoursePanel

        panel = self.show_tab("course")
        if isinstance(panel, CoursePanel):
            panel.open_pack_dialog()

    def export_dialog(self) -> str | None:
        """File > Export: cards for Anki or an LMS, the atlas or the review history as CSV."""
        from studyapp.ui.export_dialog import export_with_dialogs

        return export_with_dialogs(self.atlas, self.state.data_folder, self)

    def save_muscle_handout(self, path: Path | None = None) -> Path | None:
        """File > Save handout: the current muscle's facts and referral picture as a printable PDF."""
        from studyapp.ui.course_print import PrintError, muscle_handout

        if self.state.exam_running:
            self.statusBar().showMessage("Closed-book exam: handouts can be saved when it ends.", 5000)
            return None
        muscle = self.atlas.muscles.get(self.current)
        if muscle is None:
            QMessageBox.information(self, "Save handout", "Choose a muscle first.")
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Save handout", f"{muscle.id}.pdf", "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        try:
            muscle_handout(path, self.atlas, muscle.id)
        except (PrintError, OSError) as error:
            QMessageBox.warning(self, "Handout not saved", str(error))
            return None
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return path

    def build_all_panels(self) -> None:
        """Build every tab now (tests do this, so a panel that cannot be built fails them)."""
        for key in self.tab_holders:
            self.panel(key)

    def _on_tab_changed(self, index: int) -> None:
        self._show_browse_docks(index == 0)
        for key, holder in self.tab_holders.items():
            if self.tabs.widget(index) is not holder:
                continue
            try:
                widget = self.panel(key)
            except PanelFailed as error:
                self.report_panel_failure(error)
                return
            # The tab's own keys (Space, 1-4, Enter, Ctrl+Z in the quiz) work at once, without a click.
            widget.setFocus()

    def _show_browse_docks(self, browse: bool) -> None:
        """The body chart and the pain finder belong to Browse: they leave with it and come back
        as they were (the ones the student had closed stay closed)."""
        if browse == self._docks_shown:
            return
        self._docks_shown = browse
        if not browse:
            self._docks_open = {key for key, dock in self.docks.items() if dock.isVisible()}
        for key, dock in self.docks.items():
            dock.toggleViewAction().setEnabled(browse)
            if key in self._docks_open:
                dock.setVisible(browse)

    def open_pain_finder(self, text: str = "") -> None:
        """Show the pain finder with `text` (what the search found nothing for) ready to add."""
        finder = self.panels.get("finder")
        if not isinstance(finder, PainFinderPanel):
            return
        self.go_to_tab(0)
        self.docks["finder"].show()
        self.docks["finder"].raise_()
        finder.region_edit.setText(text)
        finder.region_edit.setFocus()

    def _show_regions_view(self, region_ids: list[str]) -> None:
        """A region typed in the pain finder: bring the chart to a view that draws it; the first
        region gives the pain finder room for its results, clearing them gives it back."""
        if bool(region_ids) != self._finder_answering:
            self._finder_answering = bool(region_ids)
            fit_finder(self, self._finder_answering)
        chart = self.panels.get("chart")
        regions = [self.atlas.regions[r] for r in region_ids if r in self.atlas.regions]
        if not isinstance(chart, BodyChartView) or not regions:
            return
        current = chart.current_view()
        last = regions[-1]
        if current != last.view and current not in last.also_in:
            chart.set_view(last.view)

    def go_to_tab(self, index: int) -> None:
        """Ctrl+1, Ctrl+2...: a tab closed during an exam stays closed."""
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)

    def _on_exam_changed(self, running: bool) -> None:
        """Closed-book: while a timed exam runs, Browse (with its chart and pain finder) and the
        Course tab's lessons and the acupoint tabs are closed, and no handout of a muscle can be printed."""
        books = ("course", "points", "tp_points")  # the acupoint tabs answer point cards
        closed = [0] + [self.tabs.indexOf(h) for k, h in self.tab_holders.items() if k in books]
        for index in closed:
            self.tabs.setTabEnabled(index, not running)
            self.tabs.setTabToolTip(index, "Closed during the exam" if running else "")

    def report_panel_failure(self, error: PanelFailed) -> QMessageBox:
        """Tell the student which panel failed and why (logged with its traceback for a report)."""
        log.error("%s", error, exc_info=error.__cause__)
        box = QMessageBox(
            QMessageBox.Icon.Critical, f"{error.panel.title} is unavailable", str(error), parent=self
        )
        box.setModal(False)
        box.show()
        return box

    def show_point(self, code: str) -> None:
        """Open the Points tab on a point (it follows `pointRequested` once built)."""
        from studyapp.ui.point_browser import PointBrowser

        if self.state.exam_running:
            return
        browser = self.show_tab("points")
        if isinstance(browser, PointBrowser):
            browser.show_point(code)

    def set_chart_view(self, view: str) -> bool:
        """Switch the body chart to `view` if the window has a chart."""
        chart = self.panels.get("chart")
        if not isinstance(chart, BodyChartView):
            return False
        chart.set_view(view)
        self.docks["chart"].raise_()
        return True

    # selection and history

    def select_muscle(self, muscle_id: str, *, record: bool = True) -> bool:
        """Show a muscle everywhere; returns False for an id not in the atlas, or during an exam."""
        if muscle_id not in self.atlas.muscles or self.state.exam_running:
            return False
        if record:
            self.history.visit(muscle_id)
        self.current = muscle_id
        self.detail.show_muscle(muscle_id)
        self.navigator.select(muscle_id)
        self.tabs.setCurrentIndex(0)
        self.settings.setValue("browser/last_muscle", muscle_id)
        self.update_history_actions()
        self.state.set_muscle(muscle_id)
        emit(self.muscleSelected, muscle_id)
        return True

    def go_back(self) -> None:
        target = self.history.back()
        if target:
            self.select_muscle(target, record=False)

    def go_forward(self) -> None:
        target = self.history.forward()
        if target:
            self.select_muscle(target, record=False)

    def step(self, delta: int) -> None:
        target = self.navigator.step(delta)
        if target:
            self.select_muscle(target)

    def update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)

    def _history_button(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.MouseButtonPress or not isinstance(event, QMouseEvent):
            return False
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._history_button(event):
            return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self._reserved:
                event.ignore()  # not overridden: the window's shortcut fires
                return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._history_button(event):
            super().mousePressEvent(event)

    # menus and shortcuts (built by window_menus)

    def all_actions(self) -> list[QAction]:
        return [a for a in self.actions() if not a.isSeparator()]

    def toggle_filters(self) -> None:
        self.navigator.set_filters_visible(not self.navigator.filters_button.isChecked())

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.all_actions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.atlas, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_problems(self) -> ProblemsDialog:
        if self._problems_dialog is None:
            self._problems_dialog = ProblemsDialog(self.problems, self.skipped, self)
        self._problems_dialog.show()
        self._problems_dialog.raise_()
        return self._problems_dialog

    # status bar

    def update_counts(self, shown: int, total: int) -> None:
        points = self.atlas.trigger_point_count()
        text = f"{total} muscles · {points} trigger points"
        if shown != total:
            text = f"{shown} shown · {text}"
        self.counts_label.setText(text)

    def _on_favourite_changed(self, _muscle_id: str, _favourite: bool) -> None:
        self.navigator.set_favourites(self.store.favourites())
        self.update_counts(len(self.navigator.shown_ids()), len(self.atlas.muscles))

    # appearance

    def set_theme(self, mode: str) -> None:
        if mode not in theme.MODES:
            raise ValueError(f"theme must be one of {', '.join(theme.MODES)}")
        self.theme_mode = mode
        self.theme_actions[mode].setChecked(True)
        app = QApplication.instance()
        colours = theme.apply(app, mode) if isinstance(app, QApplication) else theme.resolve(mode)
        self.detail.set_colours(colours)
        self.settings.setValue("view/theme", mode)
        self.state.set_theme(mode)

    def _on_system_scheme_changed(self) -> None:
        if self.theme_mode == "system":
            self.set_theme("system")

    def set_font_size(self, points: float) -> None:
        self.font_pt = max(MIN_FONT_PT, min(MAX_FONT_PT, float(points)))
        font = self.font()
        font.setPointSizeF(self.font_pt)
        self.setFont(font)
        self.detail.set_base_point_size(self.font_pt)
        self.font_label.setText(f"Text {self.font_pt:g} pt ·")
        self.settings.setValue("view/font_pt", self.font_pt)

    # settings

    def _save_collapsed(self) -> None:
        self.settings.setValue("detail/collapsed", ",".join(sorted(self.detail.collapsed_sections())))

    def apply_default_layout(self) -> None:
        apply_default_layout(self)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        browse = self._docks_shown
        self._show_browse_docks(True)  # the layout is Browse's, whichever tab is open now
        s.setValue("window/state", self.saveState())
        self._show_browse_docks(browse)
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/detail_splitter", self.detail.splitter.saveState())
        s.setValue("browser/filters_open", "true" if self.navigator.filters_button.isChecked() else "false")
        s.setValue("browser/last_muscle", self.current)
        self._save_collapsed()
        s.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(300, self.index.prepare)  # after the first paint, before the first keystroke
        if not self.layout_restored:  # first run: share the width out once the real size is known
            self.layout_restored = True
            apply_default_layout(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.save_note()
        self.save_settings()
        if self._problems_dialog is not None:
            self._problems_dialog.close()
        super().closeEvent(event)
