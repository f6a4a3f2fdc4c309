"""What the main window remembers between runs, and how it shares out its space on the first run.

Size, dock layout, splitters, filters, collapsed sections, theme, text size and the last muscle are
read from the state's QSettings at start and written back on close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer

from studyapp.ui import theme

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow

FINDER_SHARE = 0.42  # of the dock column's height with results: eight or more rows at 1280x720
FINDER_IDLE_SHARE = 0.2  # before any region is chosen the figure gets the height


def restore_settings(window: MainWindow) -> None:
    s = window.settings
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(1280, 820)
    state = s.value("window/state")
    window.layout_restored = isinstance(state, QByteArray) and window.restoreState(state)
    splitter = s.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    detail_split = s.value("window/detail_splitter")
    if isinstance(detail_split, QByteArray):
        window.detail.splitter.restoreState(detail_split)
    window.navigator.set_filters_visible(s.value("browser/filters_open", "false") == "true")
    collapsed = str(s.value("detail/collapsed", "") or "")
    window.detail.set_collapsed_sections(k for k in collapsed.split(",") if k)
    mode = str(s.value("view/theme", "system"))
    window.set_theme(mode if mode in theme.MODES else "system")
    try:
        points = float(s.value("view/font_pt", window.default_pt))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        points = window.default_pt
    window.set_font_size(points)
    last = str(s.value("browser/last_muscle", "") or "")
    if last in window.atlas.muscles:
        window.select_muscle(last)
    else:
        # First run (or the last muscle is gone): open on the first record rather than a blank page.
        first = window.navigator.step(1)
        if first:
            window.select_muscle(first)


def apply_default_layout(window: MainWindow) -> None:
    """Navigator about a fifth, the body chart about a quarter, the record the rest; the pain
    finder always under the chart (never in a tab behind it), with room for its results."""
    width = max(window.width(), 800)
    chart = max(260, int(width * 0.3)) if "chart" in window.docks else 0
    navigator = max(250, min(340, int(width * 0.22)))
    window.splitter.setSizes([navigator, max(300, width - chart - navigator)])
    QTimer.singleShot(0, lambda: size_notes(window))  # heights settle after the first layout pass
    if "chart" not in window.docks or "finder" not in window.docks:
        return
    window.resizeDocks([window.docks["chart"]], [chart], Qt.Orientation.Horizontal)
    fit_finder(window, bool(window.state.regions))


def fit_finder(window: MainWindow, answering: bool) -> None:
    """Share the dock column: the figure most of it until regions are chosen, then room for the
    pain finder's results (eight rows or more at 1280x720)."""
    if "chart" not in window.docks or "finder" not in window.docks:
        return
    docks = [window.docks["chart"], window.docks["finder"]]
    height = sum(dock.height() for dock in docks) if all(d.isVisible() for d in docks) else 0
    height = height or max(window.height(), 600)
    finder = int(height * (FINDER_SHARE if answering else FINDER_IDLE_SHARE))
    window.resizeDocks(docks, [height - finder, finder], Qt.Orientation.Vertical)


def size_notes(window: MainWindow) -> None:
    total = sum(window.detail.splitter.sizes())
    notes = max(90, min(140, total // 5))
    window.detail.splitter.setSizes([total - notes, notes])
