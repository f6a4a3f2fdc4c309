"""The main window's menus, shortcuts and status bar.

Every action is also added to the window itself, so its shortcut works when the menu bar is hidden;
F1 lists them all (`MainWindow.all_actions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QToolButton

from studyapp.ui import theme

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow


def add_action(
    window: MainWindow, menu: QMenu, text: str, slot: object, keys: Sequence[str] = (), tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(key) for key in keys])
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    add_action(
        window, file_menu, "&Open course pack…", window.open_course_pack, ["Ctrl+O"], "Install a .studypack"
    )
    add_action(
        window,
        file_menu,
        "&Export cards or atlas…",
        window.export_dialog,
        ["Ctrl+Shift+S"],
        "Anki package, Moodle XML, GIFT, QTI or CSV",
    )
    add_action(
        window,
        file_menu,
        "Save muscle &handout as PDF…",
        window.save_muscle_handout,
        ["Ctrl+P"],
        "The current muscle's facts and referral picture, ready to print",
    )
    file_menu.addSeparator()
    add_action(window, file_menu, "&Quit", window.close, ["Ctrl+Q"])

    edit = bar.addMenu("&Edit")
    add_action(
        window, edit, "&Find muscle", window.navigator.focus_search, ["Ctrl+F"], "Focus the search box"
    )
    window.favourite_action = add_action(
        window, edit, "Toggle &favourite", window.detail.toggle_favourite, ["Ctrl+D"]
    )
    add_action(window, edit, "&Edit my notes", window.detail.focus_notes, ["Ctrl+E"])
    add_action(window, edit, "Show/hide fi&lters", window.toggle_filters, ["Ctrl+Shift+F"])
    add_action(window, edit, "&Clear filters", window.navigator.clear_filters, ["Ctrl+Shift+X"])

    go = bar.addMenu("&Go")
    # Not QKeySequence.StandardKey.Back: on Linux that includes Backspace, which the search box needs.
    window.back_action = add_action(window, go, "&Back", window.go_back, ["Alt+Left", "Ctrl+["])
    window.forward_action = add_action(window, go, "&Forward", window.go_forward, ["Alt+Right", "Ctrl+]"])
    add_action(window, go, "&Next muscle in list", lambda: window.step(1), ["Alt+Down"])
    add_action(window, go, "&Previous muscle in list", lambda: window.step(-1), ["Alt+Up"])
    go.addSeparator()
    add_action(window, go, "Muscle &list", window.navigator.view.setFocus, ["Ctrl+L"])
    for number in range(window.tabs.count()):
        title = window.tabs.tabText(number)
        add_action(
            window,
            go,
            f"{title} tab",
            lambda _=False, n=number: window.go_to_tab(n),
            [f"Ctrl+{number + 1}"],
        )

    view = bar.addMenu("&View")
    theme_menu = view.addMenu("&Theme")
    window.theme_actions = {}
    group = QActionGroup(window)
    for mode in theme.MODES:
        action = QAction(mode.capitalize() if mode != "system" else "Follow &system", window, checkable=True)
        action.triggered.connect(lambda _=False, m=mode: window.set_theme(m))
        group.addAction(action)
        theme_menu.addAction(action)
        window.theme_actions[mode] = action
    build_language_menu(window, view.addMenu("&Content language"))
    window.bigger_action = add_action(
        window, view, "&Bigger text", lambda: window.set_font_size(window.font_pt + 1), ["Ctrl+=", "Ctrl++"]
    )
    window.smaller_action = add_action(
        window, view, "&Smaller text", lambda: window.set_font_size(window.font_pt - 1), ["Ctrl+-"]
    )
    add_action(window, view, "&Normal text size", lambda: window.set_font_size(window.default_pt), ["Ctrl+0"])
    view.addSeparator()
    add_action(
        window,
        view,
        "E&xpand all sections",
        lambda: window.detail.set_all_sections_collapsed(False),
        ["Ctrl+Shift+O"],
    )
    add_action(
        window,
        view,
        "C&ollapse all sections",
        lambda: window.detail.set_all_sections_collapsed(True),
        ["Ctrl+Shift+C"],
    )
    view.addSeparator()
    for key, keys in (("chart", "Ctrl+Shift+B"), ("finder", "Ctrl+Shift+P")):
        if key not in window.docks:
            continue
        toggle = window.docks[key].toggleViewAction()
        toggle.setText(f"Show {window.panel_specs[key].title.lower()}")
        toggle.setShortcut(QKeySequence(keys))
        view.addAction(toggle)
        window.addAction(toggle)

    help_menu = bar.addMenu("&Help")
    add_action(window, help_menu, "&Keyboard shortcuts", window.show_shortcuts, ["F1"])
    window.problems_action = add_action(window, help_menu, "&Loading problems…", window.show_problems)
    window.problems_action.setEnabled(bool(window.problems))
    add_action(window, help_menu, "&About studyapp", window.show_about)
    window.update_history_actions()


def build_status_bar(window: MainWindow) -> None:
    status = window.statusBar()
    # The text-size control, visible for those who never open menus (Ctrl+= / Ctrl+- do the same).
    for action, label in ((window.smaller_action, "A−"), (window.bigger_action, "A+")):
        button = QToolButton()
        button.setDefaultAction(action)
        button.setText(label)
        button.setAutoRaise(True)
        button.setAccessibleName(action.text().replace("&", ""))
        button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        status.addPermanentWidget(button)
    window.font_label = QLabel()
    window.font_label.setAccessibleName("Text size")
    status.addPermanentWidget(window.font_label)
    window.counts_label = QLabel()
    window.counts_label.setAccessibleName("Atlas counts")
    status.addPermanentWidget(window.counts_label)
    window.problems_button = QPushButton()
    window.problems_button.setFlat(True)
    window.problems_button.setAccessibleName("Show loading problems")
    window.problems_button.clicked.connect(window.show_problems)
    if window.problems:
        count = len(window.skipped)
        window.problems_button.setText(f"⚠ {len(window.problems)} loading problem(s)")
        window.problems_button.setToolTip("Show what was skipped while loading (Help ▸ Loading problems)")
        status.addPermanentWidget(window.problems_button)
        left_out = f"{count} record(s) skipped" if count else "all records kept"
        status.showMessage(f"Loaded with problems ({left_out}).", 15000)
    window.update_counts(len(window.navigator.shown_ids()), len(window.atlas.muscles))


LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français", "pt": "Português"}


def build_language_menu(window: MainWindow, menu: QMenu) -> None:
    """The languages the atlas has translations for; the choice applies at the next start."""
    from studyapp.paths import resources_dir

    folder = resources_dir() / "i18n"
    codes = ["en", *sorted(p.name for p in folder.iterdir() if p.is_dir())] if folder.is_dir() else ["en"]
    current = str(window.settings.value("language", "en") or "en")
    group = QActionGroup(window)
    for code in codes:
        label = f"{LANGUAGE_NAMES.get(code, code)} ({code})"
        action = QAction(label, window, checkable=True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _=False, c=code: choose_language(window, c))
        group.addAction(action)
        menu.addAction(action)


def choose_language(window: MainWindow, code: str) -> None:
    window.settings.setValue("language", code)
    window.settings.sync()
    window.statusBar().showMessage(
        "The atlas will show this language (English where a text is not translated yet) from the next start.",
        8000,
    )
