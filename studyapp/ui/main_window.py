"""The study window: navigator, detail pane, body chart and pain finder, linked by one selection.

The window owns the selection and the history and passes them on; the panes never call each other.
Layout, size, theme, font size, collapsed sections and the last muscle are kept in QSettings (which
the caller provides, so tests use a temporary file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
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
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from studyapp.content.acupoints import PointAtlas, load_points
from studyapp.content.model import Atlas
from studyapp.content.yamlfile import Problem
from studyapp.search import SearchIndex
from studyapp.storage.userdata import UserData
from studyapp.ui import theme
from studyapp.ui.detail_pane import DetailPane
from studyapp.ui.dialogs import AboutDialog, ProblemsDialog, ShortcutsDialog
from studyapp.ui.history import History
from studyapp.ui.navigator import NavigatorPane
from studyapp.ui.panels import PANELS, PanelContext, PanelFactory, build_panel, default_factories
from studyapp.ui.qtcompat import emit

MIN_FONT_PT, MAX_FONT_PT = 8.0, 24.0
DOCKED = ("chart", "finder")  # beside the record; quiz and progress get tabs of their own
STACK_DOCKS_FROM_HEIGHT = 850


class MainWindow(QMainWindow):
    muscleSelected = Signal(str)

    def __init__(
        self,
        atlas: Atlas,
        store: UserData,
        settings: QSettings,
        *,
        problems: Sequence[Problem] = (),
        skipped: Sequence[str] = (),
        panel_factories: Mapping[str, PanelFactory | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("studyapp — muscle atlas")
        self.atlas = atlas
        self.store = store
        self.settings = settings
        self.problems = list(problems)
        self.skipped = list(skipped)
        self.history = History()
        self.current = ""
        self.store_warning: str | None = None  # set by the caller when the store fell back to memory
        self._problems_dialog: ProblemsDialog | None = None
        self._layout_restored = False
        self._default_pt = QApplication.font().pointSizeF() if QApplication.font().pointSizeF() > 0 else 10.0
        self.font_pt = self._default_pt
        self.theme_mode = "system"

        self.index = SearchIndex(list(atlas.muscles.values()), points=lambda: _bundled_points(atlas))
        self.navigator = NavigatorPane(atlas, self.index)
        self.detail = DetailPane(atlas, store)
        self.navigator.set_favourites(store.favourites())
        self.navigator.muscleActivated.connect(self.select_muscle)
        self.navigator.resultsChanged.connect(self._update_counts)
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

        factories = dict(default_factories())
        factories.update(panel_factories or {})
        context = PanelContext(atlas, store)
        self.panels: dict[str, QWidget] = {}
        self.panel_available: dict[str, bool] = {}
        for key in PANELS:
            widget, ok = build_panel(key, factories.get(key), context)
            self.panels[key] = widget
            self.panel_available[key] = ok
        self.docks: dict[str, QDockWidget] = {}
        for key in DOCKED:
            dock = QDockWidget(PANELS[key][0], self)
            dock.setObjectName(f"{key}Dock")
            dock.setWidget(self.panels[key])
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.docks[key] = dock
        # Stacked, not tabbed: clicking the figure should show the pain finder's answer beside it.
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
        for key in ("quiz", "progress"):
            if self.panel_available[key]:
                # A scroll area lets the tab shrink with the window instead of forcing a minimum width.
                holder = QScrollArea()
                holder.setWidgetResizable(True)
                holder.setFrameShape(QFrame.Shape.NoFrame)
                holder.setWidget(self.panels[key])
                self.tabs.addTab(holder, PANELS[key][0])
        self.tabs.tabBar().setVisible(self.tabs.count() > 1)
        self.setCentralWidget(self.tabs)

        self._connect_panels()
        self._build_menus()
        self._build_status_bar()
        self._restore_settings()
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

    # panels from other modules

    def _connect_panels(self) -> None:
        chart = self.panels["chart"] if self.panel_available["chart"] else None
        finder = self.panels["finder"] if self.panel_available["finder"] else None
        if chart is not None and hasattr(chart, "show_muscle"):
            self.muscleSelected.connect(self._show_on_chart)
        if finder is not None and hasattr(finder, "muscleChosen"):
            finder.muscleChosen.connect(self.select_muscle)
        if chart is not None and finder is not None:
            # Regions clicked on the figure feed the pain finder; regions typed there show on the figure.
            if hasattr(chart, "regionsSelected") and hasattr(finder, "set_regions"):
                chart.regionsSelected.connect(finder.set_regions)
            if hasattr(finder, "regionsChanged") and hasattr(chart, "set_selected_regions"):
                finder.regionsChanged.connect(chart.set_selected_regions)
        tabs = [self.panels[k] if self.panel_available[k] else None for k in ("quiz", "progress")]
        for panel in (chart, *tabs):
            if panel is not None and hasattr(panel, "muscleChosen") and panel is not finder:
                panel.muscleChosen.connect(self.select_muscle)

    def _show_on_chart(self, muscle_id: str) -> None:
        chart = self.panels["chart"]
        muscle = self.atlas.muscles.get(muscle_id)
        chart.show_muscle(muscle)  # type: ignore[attr-defined]

    def set_chart_view(self, view: str) -> bool:
        """Switch the body chart to `view` if the chart exists and knows it."""
        chart = self.panels["chart"]
        if not self.panel_available["chart"] or not hasattr(chart, "set_view"):
            return False
        chart.set_view(view)
        self.docks["chart"].raise_()
        return True

    # selection and history

    def select_muscle(self, muscle_id: str, *, record: bool = True) -> bool:
        """Show a muscle everywhere; returns False for an id not in the atlas."""
        if muscle_id not in self.atlas.muscles:
            return False
        if record:
            self.history.visit(muscle_id)
        self.current = muscle_id
        self.detail.show_muscle(muscle_id)
        self.navigator.select(muscle_id)
        self.tabs.setCurrentIndex(0)
        self.settings.setValue("browser/last_muscle", muscle_id)
        self._update_history_actions()
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

    def _update_history_actions(self) -> None:
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

    # menus and shortcuts

    def _action(
        self, menu: QMenu, text: str, slot: object, keys: Sequence[str] = (), tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Quit", self.close, ["Ctrl+Q"])

        edit = bar.addMenu("&Edit")
        self._action(edit, "&Find muscle", self.navigator.focus_search, ["Ctrl+F"], "Focus the search box")
        self.favourite_action = self._action(
            edit, "Toggle &favourite", self.detail.toggle_favourite, ["Ctrl+D"]
        )
        self._action(edit, "&Edit my notes", self.detail.focus_notes, ["Ctrl+E"])
        self._action(edit, "Show/hide fi&lters", self._toggle_filters, ["Ctrl+Shift+F"])
        self._action(edit, "&Clear filters", self.navigator.clear_filters, ["Ctrl+Shift+X"])

        go = bar.addMenu("&Go")
        # Not QKeySequence.StandardKey.Back: on Linux that includes Backspace, which the search box needs.
        self.back_action = self._action(go, "&Back", self.go_back, ["Alt+Left", "Ctrl+["])
        self.forward_action = self._action(go, "&Forward", self.go_forward, ["Alt+Right", "Ctrl+]"])
        self._action(go, "&Next muscle in list", lambda: self.step(1), ["Alt+Down"])
        self._action(go, "&Previous muscle in list", lambda: self.step(-1), ["Alt+Up"])
        go.addSeparator()
        self._action(go, "Muscle &list", self.navigator.view.setFocus, ["Ctrl+L"])
        for number in range(self.tabs.count()):
            title = self.tabs.tabText(number)
            self._action(
                go,
                f"{title} tab",
                lambda _=False, n=number: self.tabs.setCurrentIndex(n),
                [f"Ctrl+{number + 1}"],
            )

        view = bar.addMenu("&View")
        theme_menu = view.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for mode in theme.MODES:
            action = QAction(
                mode.capitalize() if mode != "system" else "Follow &system", self, checkable=True
            )
            action.triggered.connect(lambda _=False, m=mode: self.set_theme(m))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[mode] = action
        self.bigger_action = self._action(
            view, "&Bigger text", lambda: self.set_font_size(self.font_pt + 1), ["Ctrl+=", "Ctrl++"]
        )
        self.smaller_action = self._action(
            view, "&Smaller text", lambda: self.set_font_size(self.font_pt - 1), ["Ctrl+-"]
        )
        self._action(view, "&Normal text size", lambda: self.set_font_size(self._default_pt), ["Ctrl+0"])
        view.addSeparator()
        self._action(
            view,
            "E&xpand all sections",
            lambda: self.detail.set_all_sections_collapsed(False),
            ["Ctrl+Shift+O"],
        )
        self._action(
            view,
            "C&ollapse all sections",
            lambda: self.detail.set_all_sections_collapsed(True),
            ["Ctrl+Shift+C"],
        )
        view.addSeparator()
        for key, keys in (("chart", "Ctrl+Shift+B"), ("finder", "Ctrl+Shift+P")):
            toggle = self.docks[key].toggleViewAction()
            toggle.setText(f"Show {PANELS[key][0].lower()}")
            toggle.setShortcut(QKeySequence(keys))
            view.addAction(toggle)
            self.addAction(toggle)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, ["F1"])
        self.problems_action = self._action(help_menu, "&Loading problems…", self.show_problems)
        self.problems_action.setEnabled(bool(self.problems))
        self._action(help_menu, "&About studyapp", self.show_about)
        self._update_history_actions()

    def all_actions(self) -> list[QAction]:
        return [a for a in self.actions() if not a.isSeparator()]

    def _toggle_filters(self) -> None:
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

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        # The text-size control, visible for those who never open menus (Ctrl+= / Ctrl+- do the same).
        for action, label in ((self.smaller_action, "A−"), (self.bigger_action, "A+")):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(label)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", ""))
            button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
            status.addPermanentWidget(button)
        self.font_label = QLabel()
        self.font_label.setAccessibleName("Text size")
        status.addPermanentWidget(self.font_label)
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("Atlas counts")
        status.addPermanentWidget(self.counts_label)
        self.problems_button = QPushButton()
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleName("Show loading problems")
        self.problems_button.clicked.connect(self.show_problems)
        if self.problems:
            count = len(self.skipped)
            self.problems_button.setText(f"⚠ {len(self.problems)} loading problem(s)")
            self.problems_button.setToolTip("Show what was skipped while loading (Help ▸ Loading problems)")
            status.addPermanentWidget(self.problems_button)
            left_out = f"{count} record(s) skipped" if count else "all records kept"
            status.showMessage(f"Loaded with problems ({left_out}).", 15000)
        self._update_counts(len(self.navigator.shown_ids()), len(self.atlas.muscles))

    def _update_counts(self, shown: int, total: int) -> None:
        points = self.atlas.trigger_point_count()
        text = f"{total} muscles · {points} trigger points"
        if shown != total:
            text = f"{shown} shown · {text}"
        self.counts_label.setText(text)

    def _on_favourite_changed(self, _muscle_id: str, _favourite: bool) -> None:
        self.navigator.set_favourites(self.store.favourites())
        self._update_counts(len(self.navigator.shown_ids()), len(self.atlas.muscles))

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

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = s.value("window/state")
        self._layout_restored = isinstance(state, QByteArray) and self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        detail_split = s.value("window/detail_splitter")
        if isinstance(detail_split, QByteArray):
            self.detail.splitter.restoreState(detail_split)
        self.navigator.set_filters_visible(s.value("browser/filters_open", "false") == "true")
        collapsed = str(s.value("detail/collapsed", "") or "")
        self.detail.set_collapsed_sections(k for k in collapsed.split(",") if k)
        mode = str(s.value("view/theme", "system"))
        self.set_theme(mode if mode in theme.MODES else "system")
        try:
            points = float(s.value("view/font_pt", self._default_pt))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            points = self._default_pt
        self.set_font_size(points)
        last = str(s.value("browser/last_muscle", "") or "")
        if last in self.atlas.muscles:
            self.select_muscle(last)
        else:
            # First run (or the last muscle is gone): open on the first record rather than a blank page.
            first = self.navigator.step(1)
            if first:
                self.select_muscle(first)

    def _save_collapsed(self) -> None:
        self.settings.setValue("detail/collapsed", ",".join(sorted(self.detail.collapsed_sections())))

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/detail_splitter", self.detail.splitter.saveState())
        s.setValue("browser/filters_open", "true" if self.navigator.filters_button.isChecked() else "false")
        s.setValue("browser/last_muscle", self.current)
        self._save_collapsed()
        s.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:  # first run: share the width out once the real size is known
            self._layout_restored = True
            self.apply_default_layout()

    def apply_default_layout(self) -> None:
        """Navigator about a fifth, the body chart about a quarter, the record the rest; the pain
        finder under the chart when there is room, else in a tab behind it."""
        width = max(self.width(), 800)
        chart = max(260, int(width * 0.3))
        navigator = max(250, min(340, int(width * 0.22)))
        self.resizeDocks([self.docks["chart"]], [chart], Qt.Orientation.Horizontal)
        self.splitter.setSizes([navigator, max(300, width - chart - navigator)])
        QTimer.singleShot(0, self._size_notes)  # heights settle after the first layout pass
        height = max(self.height(), 600)
        if height < STACK_DOCKS_FROM_HEIGHT:  # too short to stack the chart and the pain finder
            self.tabifyDockWidget(self.docks["chart"], self.docks["finder"])
            self.docks["chart"].raise_()
        else:
            docks = [self.docks["chart"], self.docks["finder"]]
            # The finder's list fills only once regions are picked, so the figure gets most of the height.
            self.resizeDocks(docks, [int(height * 0.74), int(height * 0.2)], Qt.Orientation.Vertical)

    def _size_notes(self) -> None:
        total = sum(self.detail.splitter.sizes())
        notes = max(90, min(140, total // 5))
        self.detail.splitter.setSizes([total - notes, notes])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.save_note()
        self.save_settings()
        if self._problems_dialog is not None:
            self._problems_dialog.close()
        super().closeEvent(event)


def _bundled_points(atlas: Atlas) -> PointAtlas:
    """The point atlas for the search box, read on the first search (not when the window opens)."""
    return load_points(views=atlas.views).atlas
