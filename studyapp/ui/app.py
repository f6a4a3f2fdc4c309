"""Start-up: the application object, the atlas, the student's store and the main window.

Qt is imported inside the functions, so `no_display_message()` can run (and explain itself) on a
machine where Qt cannot even start.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp import __version__

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import LoadResult
    from studyapp.quiz.clock import Clock
    from studyapp.storage.datafolder import DataFolder
    from studyapp.storage.userdata import UserData
    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.recovery import AskRecovery

ORGANIZATION = "studyapp"
APPLICATION = "studyapp"
THEME_ENV = "STUDYAPP_THEME"  # light / dark / system, for screenshots made from the command line


def no_display_message() -> str | None:
    """One sentence when a Linux session has no display to open a window on, else None."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    return (
        "studyapp cannot open its window because no display is available (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set); to render the window to an image instead, run "
        "`QT_QPA_PLATFORM=offscreen studyapp --screenshot shot.png`."
    )


OFFSCREEN_NOTES = frozenset(
    {"This plugin does not support propagateSizeHints()", "This plugin does not support raise()"}
)


def quiet_offscreen_notes() -> None:
    """Drop the offscreen platform's notes that it cannot resize or raise windows.

    They are expected in a screenshot or self-test run and would bury the report a student pastes
    into a support request; every other Qt message still goes through.
    """
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in OFFSCREEN_NOTES:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def application(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication (reused if one exists), named so QSettings has a home."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) or ["studyapp"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def open_store(
    folder: DataFolder | Path | None = None, ask: AskRecovery | None = None
) -> tuple[UserData, str | None]:
    """The student's notes store in the data folder, and what the student must be told about it.

    The folder is used as it is or not at all: when it cannot be written, the store opens read-only
    and the warning says so; a damaged notes file is offered its newest good backup; a file that
    still cannot be used gives an empty read-only store that refuses every save (never a temporary
    file whose changes would vanish at exit). DataFolderUnusable propagates.
    """
    from studyapp.paths import data_dir
    from studyapp.storage.datafolder import DataFolder, open_data_folder
    from studyapp.storage.errors import StorageError
    from studyapp.storage.userdata import FILE_NAME, UserData
    from studyapp.ui.recovery import ask_recovery, open_with_recovery

    if not isinstance(folder, DataFolder):
        folder = open_data_folder(folder if folder is not None else data_dir())
    path = folder.path / FILE_NAME
    warnings: list[str] = []
    if folder.read_only_reason is not None:
        warnings.append(
            f"studyapp opened read-only: your data folder {folder.path} cannot be written "
            f"({folder.read_only_reason}). You can study and read your notes, but nothing done in this "
            "session is saved."
        )
    store: UserData | None
    try:
        store = open_with_recovery(lambda: UserData(path, read_only=folder.read_only), ask or ask_recovery)
        if store is None:
            store = UserData.unavailable(path, "your notes file is damaged and was not repaired")
            warnings.append(
                "Your notes and favourites are damaged and were not opened; they are empty and "
                "read-only in this session. Restart studyapp to be offered the repair again."
            )
    except StorageError as error:
        store = UserData.unavailable(path, str(error))
        warnings.append(f"Your notes and favourites could not be opened ({error}); they are read-only now.")
    store.folder_read_only = folder.read_only_reason
    if store.db.backup_warning:
        warnings.append(f"No backup of your notes was made: {store.db.backup_warning}.")
    return store, " ".join(warnings) or None


def create_main_window(
    app: QApplication | None = None,
    *,
    settings: QSettings | None = None,
    resources: Path | None = None,
    folder: DataFolder | Path | None = None,
    now: Clock | None = None,
) -> MainWindow:
    """Load everything and build the window, not yet shown (bench/startup_probe.py times this).

    `settings`, `folder` and `now` default to the student's own settings, data folder and the
    real clock; tests and the benchmark pass throw-away ones. Raises `PanelFailed` when a panel
    shown at start cannot be built.
    """
    from PySide6.QtCore import QSettings

    from studyapp.bodychart.muscle_shapes import keep_cache_in
    from studyapp.content.cache import CACHE_NAME, load_atlas_cached
    from studyapp.content.model import Root
    from studyapp.content.roots import content_roots
    from studyapp.paths import data_dir
    from studyapp.quiz.clock import utc_now
    from studyapp.storage.datafolder import DataFolder, open_data_folder
    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.state import AppState

    if app is None:
        application()
    else:
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    if not isinstance(folder, DataFolder):
        folder = open_data_folder(folder if folder is not None else data_dir())
    settings = settings if settings is not None else QSettings()
    roots = content_roots(folder.path)  # bundled, then installed course packs, then the student's own
    if resources is not None:
        roots[0] = Root(resources, roots[0].label, "bundled")
    language = str(settings.value("language", "en") or "en")
    result = load_atlas_cached(cache_file=folder.path / CACHE_NAME, roots=roots, language=language)
    keep_cache_in(folder.path)  # the chart's muscle shapes, checked once and kept beside the atlas
    store, store_warning = open_store(folder)
    state = AppState(
        result.atlas,
        store,
        settings,
        folder.path,
        now=now if now is not None else utc_now,
    )
    window = MainWindow(state, problems=result.problems, skipped=result.skipped)
    window.store_warning = store_warning
    return window


def panel_failure_message(error: Exception) -> int:
    """Show why start-up stopped (which panel, what error) in a dialog and on stderr; returns 1."""
    from PySide6.QtWidgets import QMessageBox

    print(f"studyapp: {error}", file=sys.stderr)
    QMessageBox.critical(None, "studyapp could not start", str(error))
    return 1


def start(
    argv: Sequence[str] = (),
    *,
    settings: QSettings | None = None,
    resources: Path | None = None,
    folder: DataFolder | None = None,
) -> MainWindow:
    """Build and show the window (the part of `run` that tests drive without an event loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    app = application(argv)
    window = create_main_window(app, settings=settings, resources=resources, folder=folder)
    if window.store.read_only:
        window.setWindowTitle(f"{window.windowTitle()} (read-only)")
    result_has_problems = bool(window.problems)
    store_warning = window.store_warning
    window.show()
    if result_has_problems:
        QTimer.singleShot(0, window.show_problems)  # after the window, and non-modal
    if store_warning:
        window.statusBar().showMessage(store_warning)
        title = "Read-only" if window.store.read_only else "Your data"
        box = QMessageBox(QMessageBox.Icon.Warning, title, store_warning, parent=window)
        box.setModal(False)
        QTimer.singleShot(0, box.show)
    return window


EXIT_DATA_FOLDER = 4  # the data folder cannot be used at all (the CLI's "unusable file or folder")
EXIT_ALREADY_OPEN = 5  # another studyapp holds the data folder


def tell(title: str, message: str) -> None:
    """One line on stderr, and a message box when there is a screen to show it on."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    print(message, file=sys.stderr)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.warning(None, title, message)


def run(argv: list[str], *, tab: str | None = None) -> int:
    """Open the study window (on the panel `tab`, if given) and run until it is closed.

    Before anything is loaded: the data folder is checked (unusable: say why, exit 4) and locked
    for this process (another studyapp has it: say so, exit 5).
    """
    from studyapp.paths import data_dir
    from studyapp.storage.datafolder import open_data_folder
    from studyapp.storage.errors import DataFolderUnusable
    from studyapp.ui.instance_lock import InstanceLock, already_open_message
    from studyapp.ui.panels import PanelFailed

    try:
        folder = open_data_folder(data_dir())
    except DataFolderUnusable as error:
        application(argv)
        tell("studyapp cannot start", str(error))
        return EXIT_DATA_FOLDER
    app = application(argv)
    lock = InstanceLock(folder.path)
    if not folder.read_only and not lock.acquire():
        tell("studyapp is already open", already_open_message(folder.path))
        return EXIT_ALREADY_OPEN
    try:
        try:
            window = start(argv, folder=folder)
            if tab is not None:
                window.show_tab(tab)
        except PanelFailed as error:
            return panel_failure_message(error)
        try:
            return app.exec()
        finally:
            window.state.close()
            window.store.close()
    finally:
        lock.release()


def _unknown(kind: str, value: str, suggestion: str | None, known: Sequence[str]) -> str:
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"studyapp: unknown {kind} '{value}'{hint} Known {kind}s: {listed or 'none'}."


def screenshot(
    path: Path,
    muscle: str | None,
    view: str | None,
    size: tuple[int, int],
    *,
    theme: str | None = None,
    resources: Path | None = None,
) -> int:
    """Render the window offscreen to a PNG: 0 on success, 1 (with a message) on a bad id or path.

    Uses throw-away settings and an in-memory store, so the picture never shows (or changes) the
    student's own layout, favourites or notes. `theme` defaults to $STUDYAPP_THEME, then light.
    """
    if not _has_application():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import load_atlas
    from studyapp.quiz.clock import utc_now
    from studyapp.search import SearchIndex
    from studyapp.storage.userdata import UserData
    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.state import AppState
    from studyapp.ui.theme import MODES

    application(["studyapp"])
    result: LoadResult = load_atlas(resources)
    atlas = result.atlas
    if muscle is not None and muscle not in atlas.muscles:
        hits = SearchIndex(list(atlas.muscles.values())).search(muscle.replace("_", " "))
        print(
            _unknown("muscle id", muscle, hits[0].muscle_id if hits else None, list(atlas.muscles)),
            file=sys.stderr,
        )
        return 1
    if view is not None and view not in atlas.views:
        from studyapp.content.checks import suggest

        close = suggest(view, atlas.views)
        print(
            _unknown("view", view, close.split("'")[1] if close else None, list(atlas.views)), file=sys.stderr
        )
        return 1
    mode = theme or os.environ.get(THEME_ENV) or "light"
    if mode not in MODES:
        print(f"studyapp: unknown theme '{mode}'; use one of {', '.join(MODES)}.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="studyapp-shot-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        store = UserData.in_memory()
        state = AppState(atlas, store, settings, Path(scratch), now=utc_now)
        window = MainWindow(state, problems=result.problems, skipped=result.skipped)
        try:
            window.set_theme(mode)
            window.resize(*size)
            window.show()
            if muscle is not None:
                window.select_muscle(muscle)
            if view is not None and not window.set_chart_view(view):
                print(
                    f"studyapp: note: there is no body chart to show the '{view}' view on.", file=sys.stderr
                )
            for _ in range(3):
                QApplication.processEvents()
            image = window.grab()
            saved = image.save(str(path), "PNG")
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
            state.close()
            store.close()
    if not saved:
        print(f"studyapp: could not write the screenshot to {path}.", file=sys.stderr)
        return 1
    print(f"Saved {size[0]}x{size[1]} screenshot to {path}")
    return 0


def _has_application() -> bool:
    if "PySide6.QtWidgets" not in sys.modules:
        return False
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is not None
