"""The study window, driven like a student would: typing, clicking, shortcuts, restarting."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studyapp.content.model import Atlas
from studyapp.storage.userdata import UserData
from studyapp.ui import panels as panels_module
from studyapp.ui.bodychart_view import BodyChartView
from studyapp.ui.dialogs import AboutDialog, ShortcutsDialog, table_rows
from studyapp.ui.main_window import MainWindow
from studyapp.ui.muscle_model import MuscleTreeModel
from studyapp.ui.painfinder_panel import PainFinderPanel
from studyapp.ui.panels import PANELS, Panel, PanelFailed
from studyapp.ui.progress_panel import ProgressPanel
from studyapp.ui.quiz_panel import QuizPanel
from tests.helpers.state import make_state
from tests.test_search import load_fixture_atlas, write_fixture_resources

# The offscreen platform warns about window-manager features it lacks (dock size hints, raise).
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_fixture_atlas(tmp_path_factory.mktemp("atlas"))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def store(isolated_data_dir: Path) -> Iterator[UserData]:
    with UserData() as opened:
        yield opened


def open_window(
    qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings, *, build_all: bool = True, **kwargs: Any
) -> MainWindow:
    """The window on a test state; every tab is built now (unless `build_all` is False), so a panel
    that cannot be built fails the test instead of waiting to be shown."""
    state = make_state(atlas, store, settings)
    window = MainWindow(state, **kwargs)
    qtbot.addWidget(window)
    window.destroyed.connect(state.close)
    if build_all:
        window.build_all_panels()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts go to the active window
    return window


@pytest.fixture
def window(qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings) -> MainWindow:
    return open_window(qtbot, atlas, store, settings)


def click_list_item(qtbot: QtBot, window: MainWindow, muscle_id: str) -> None:
    view = window.navigator.view
    index = window.navigator.model.index_of(muscle_id)
    assert index.isValid(), f"{muscle_id} is not in the list"
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def click_link(qtbot: QtBot, browser: QTextBrowser, text: str) -> None:
    """Click the middle of `text` where it is drawn in the browser, as a user would."""
    cursor = browser.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), f"{text!r} is not in the detail pane"
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    start = browser.cursorRect(cursor)
    cursor.setPosition(cursor.selectionStart() + 1)
    pos = QPoint(browser.cursorRect(cursor).left() + 2, start.center().y())
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def detail_text(window: MainWindow) -> str:
    return window.detail.browser.toPlainText()


# search and selection


def test_an_empty_search_says_where_to_look_instead(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.navigator.search_box, "zzqx")
    assert window.navigator.shown_ids() == []
    hint = window.navigator.empty_label.text()
    assert "pain finder" in hint and "filters" in hint


def test_typing_a_typo_lists_the_muscle_and_enter_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.navigator.search_box, "piriformusx")
    qtbot.keyClick(window.navigator.search_box, Qt.Key.Key_Backspace)  # editing keys stay with the box
    assert window.navigator.search_box.text() == "piriformus"
    assert window.current == "sternocleidomastoid"  # ...and do not navigate back
    assert window.navigator.shown_ids() == ["piriformis"]
    assert window.navigator.count_label.text() == "1 of 8 muscles"
    qtbot.keyClick(window.navigator.search_box, Qt.Key.Key_Return)
    assert window.current == "piriformis"
    assert window.detail.title.text() == "Piriformis"


def test_abbreviations_rank_first_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    box = window.navigator.search_box
    for query, expected in (
        ("glut med", "gluteus_medius"),
        ("TFL", "tensor_fasciae_latae"),
        ("SCM", "sternocleidomastoid"),
    ):
        box.clear()
        qtbot.keyClicks(box, query)
        assert window.navigator.shown_ids()[0] == expected, query


def test_escape_clears_the_search_and_the_tree_comes_back(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.navigator.search_box, "glut")
    assert len(window.navigator.shown_ids()) == 4  # three glutei and TFL from the "Gluteal muscles" group
    qtbot.keyClick(window.navigator.search_box, Qt.Key.Key_Escape)
    assert window.navigator.search_box.text() == ""
    assert len(window.navigator.shown_ids()) == 8
    model = window.navigator.model
    assert model.data(model.index(0, 0)) == "Neck (1)"  # body areas head the tree, in atlas order


def test_clicking_a_muscle_fills_every_section_of_the_detail_pane(qtbot: QtBot, window: MainWindow) -> None:
    click_list_item(qtbot, window, "gluteus_medius")
    assert window.current == "gluteus_medius"
    text = detail_text(window)
    for heading in (
        "Origin and insertion",
        "Actions",
        "Innervation and blood supply",
        "Related muscles",
        "Trigger points and referred pain (1)",
        "Palpation",
        "Needling",
        "Self-care",
        "Acupoints",
        "Notes on the sources",
        "Sources",
    ):
        assert heading in text, heading
    assert "Origin of the gluteus medius." in text
    assert "Superior gluteal nerve (L4–S1)" in text
    assert "Buttock, upper lateral" in text and "Sacroiliac joint" in text  # region labels...
    assert "buttock_upper_lateral" not in text  # ...never ids
    assert "Structures to avoid" in text and "Superior gluteal neurovascular bundle" in text
    assert "Gluteus minimus" in text and "Tensor fasciae latae" in text  # synergists by name
    assert "GB30" in text and "Simons DG" in text
    html = window.detail.html()
    assert "#fff4d6" in html or "#3d3112" in html  # the caution box is highlighted


def test_a_section_heading_collapses_and_expands_its_section(qtbot: QtBot, window: MainWindow) -> None:
    window.select_muscle("gluteus_medius")
    click_link(qtbot, window.detail.browser, "Origin and insertion")
    assert "Origin of the gluteus medius." not in detail_text(window)
    assert "anatomy" in window.detail.collapsed_sections()
    click_link(qtbot, window.detail.browser, "Origin and insertion")
    assert "Origin of the gluteus medius." in detail_text(window)


def test_arrow_keys_in_the_list_show_the_next_muscle(qtbot: QtBot, window: MainWindow) -> None:
    click_list_item(qtbot, window, "gluteus_maximus")
    qtbot.keyClick(window.navigator.view, Qt.Key.Key_Down)
    assert window.current == "gluteus_medius"


def test_filters_narrow_the_list(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.navigator.filters_button, Qt.MouseButton.LeftButton)
    assert window.navigator.filters_box.isVisible()
    combo = window.navigator.combos["action"]
    combo.setCurrentIndex(combo.findData("hip abduction"))
    assert sorted(window.navigator.shown_ids()) == [
        "gluteus_medius",
        "gluteus_minimus",
        "tensor_fasciae_latae",
    ]
    region = window.navigator.combos["region"]
    assert region.itemText(region.findData("calf_upper")) == "Calf, upper (1)"
    region.setCurrentIndex(region.findData("calf_upper"))
    assert window.navigator.shown_ids() == ["gluteus_minimus"]
    assert window.navigator.count_label.text() == "1 of 8 muscles"
    window.navigator.clear_filters()
    assert len(window.navigator.shown_ids()) == 8


# links and history


def test_link_click_navigates_and_history_goes_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    window.select_muscle("gluteus_medius")
    click_link(qtbot, window.detail.browser, "Gluteus minimus")
    assert window.current == "gluteus_minimus"
    assert window.navigator.view.currentIndex() == window.navigator.model.index_of("gluteus_minimus")
    click_link(qtbot, window.detail.browser, "Gluteus medius")  # its synergist links back
    click_link(qtbot, window.detail.browser, "Piriformis")  # associated muscle
    assert window.current == "piriformis"

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current == "gluteus_medius"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current == "gluteus_minimus"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current == "gluteus_medius"
    assert window.forward_action.isEnabled()

    qtbot.mouseClick(window.detail.browser.viewport(), Qt.MouseButton.BackButton)
    assert window.current == "gluteus_minimus"
    qtbot.mouseClick(window.navigator.view.viewport(), Qt.MouseButton.ForwardButton)
    assert window.current == "gluteus_medius"
    qtbot.mouseClick(window.navigator.count_label, Qt.MouseButton.BackButton)  # a plain label passes it up
    assert window.current == "gluteus_minimus"


def test_a_new_visit_drops_the_forward_history(qtbot: QtBot, window: MainWindow) -> None:
    window.select_muscle("piriformis")
    window.select_muscle("levator_scapulae")
    window.go_back()
    window.select_muscle("quadratus_lumborum")
    assert not window.forward_action.isEnabled()
    window.go_back()
    assert window.current == "piriformis"


# the personal layer


def test_favourite_and_note_persist_in_a_new_window(
    qtbot: QtBot, atlas: Atlas, settings: QSettings, isolated_data_dir: Path
) -> None:
    with UserData() as store:
        window = open_window(qtbot, atlas, store, settings)
        window.select_muscle("piriformis")
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        assert window.detail.favourite_button.text() == "★ Favourite"
        model = window.navigator.model
        assert model.data(model.index_of("piriformis")) == "★ Piriformis"
        qtbot.keyClicks(window.detail.notes, "Tender at the sciatic notch.")
        qtbot.waitUntil(lambda: window.detail.notes_status.text() == "Saved", timeout=3000)
        window.close()
    with UserData() as store:
        again = open_window(qtbot, atlas, store, settings)
        again.select_muscle("gluteus_maximus")
        again.select_muscle("piriformis")
        assert again.detail.notes.toPlainText() == "Tender at the sciatic notch."
        assert again.detail.favourite_button.isChecked()
        again.navigator.favourites_only.setChecked(True)
        assert again.navigator.shown_ids() == ["piriformis"]


def test_switching_muscle_saves_the_note_at_once(qtbot: QtBot, window: MainWindow, store: UserData) -> None:
    window.select_muscle("piriformis")
    qtbot.keyClicks(window.detail.notes, "x")
    window.select_muscle("gluteus_maximus")  # before the debounce fires
    assert store.note("piriformis") == "x"
    assert window.detail.notes.toPlainText() == ""


def test_a_note_typed_in_the_window_survives_sigkill(tmp_path: Path) -> None:
    resources = write_fixture_resources(tmp_path)
    data = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        import time
        from PySide6.QtCore import QSettings
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication
        from studyapp.content.loader import load_atlas
        from studyapp.storage.userdata import UserData
        from studyapp.ui.main_window import MainWindow
        from tests.helpers.state import make_state

        app = QApplication(["t"])
        store = UserData()
        settings = QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)
        window = MainWindow(make_state(load_atlas().atlas, store, settings))
        window.show()
        window.select_muscle("piriformis")
        QTest.keyClicks(window.detail.notes, "typed before the crash")
        deadline = time.monotonic() + 5
        while window.detail.notes_status.text() != "Saved" and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        print(window.detail.notes_status.text(), flush=True)
        time.sleep(60)
        """
    )
    env = dict(
        os.environ,
        STUDYAPP_RESOURCES=str(resources),
        STUDYAPP_DATA_DIR=str(data),
        QT_QPA_PLATFORM="offscreen",
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "Saved"
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with UserData(data / "userdata.sqlite3") as store:
        assert store.note("piriformis") == "typed before the crash"


# remembered between runs


def test_settings_restore_size_last_muscle_theme_font_and_sections(
    qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings
) -> None:
    # Without the docks and tabs: at 14 pt their minimum width exceeds the 800x600 offscreen screen.
    no_docks: dict[str, Any] = {"panels": ()}
    first = open_window(qtbot, atlas, store, settings, **no_docks)
    first.resize(730, 540)  # inside the offscreen screen (800x600)
    first.select_muscle("levator_scapulae")
    first.set_theme("dark")
    first.set_font_size(14)
    first.detail.set_all_sections_collapsed(True)
    first.close()
    second = open_window(qtbot, atlas, store, settings, **no_docks)
    assert (second.width(), second.height()) == (730, 540)
    assert second.current == "levator_scapulae"
    assert second.detail.title.text() == "Levator scapulae"
    assert second.theme_mode == "dark" and second.theme_actions["dark"].isChecked()
    assert second.font_pt == 14
    assert "Origin of the levator scapulae." not in detail_text(second)
    second.set_theme("light")  # leave the shared QApplication as other tests expect it


def test_first_run_opens_on_the_first_muscle(window: MainWindow) -> None:
    assert window.current == "sternocleidomastoid"  # neck comes first in the atlas
    assert window.detail.title.text() == "Sternocleidomastoid"


# keyboard, themes, help


def test_keyboard_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    window.select_muscle("piriformis")
    window.detail.browser.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.navigator.search_box
    start = window.font_pt
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.font_pt == start + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.font_pt == start - 1
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.detail.notes
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current == window.navigator.step(0)


def test_f1_lists_every_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    rows = {action: keys for keys, action in table_rows(dialogs[0].table)}
    assert rows["Find muscle"] == "Ctrl+F"
    assert rows["Toggle favourite"] == "Ctrl+D"
    assert rows["Back"].startswith("Alt+Left")
    assert rows["Forward"].startswith("Alt+Right")
    assert rows["Keyboard shortcuts"] == "F1"
    assert rows["Quit"] == "Ctrl+Q"
    assert "Ctrl+=" in rows["Bigger text"] and rows["Smaller text"] == "Ctrl+-"
    assert rows["Back / forward in history"] == "Mouse back / forward buttons"
    dialogs[0].close()


def test_about_lists_version_sources_and_licences(window: MainWindow) -> None:
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    text = dialog.text.toPlainText()
    assert "studyapp 0.1.0" in text
    assert "Simons DG, Travell JG" in text
    for name, licence in (("PySide6", "LGPL-3.0"), ("PyYAML", "MIT"), ("RapidFuzz", "MIT"), ("fsrs", "MIT")):
        assert any(name in line and licence in line for line in text.splitlines()), name
    dialog.close()


def test_theme_menu_switches_palette_and_detail_colours(window: MainWindow) -> None:
    window.theme_actions["dark"].trigger()
    assert QApplication.palette().window().color().lightness() < 80
    assert "#e4e6eb" in window.detail.html().lower()
    window.theme_actions["light"].trigger()
    assert QApplication.palette().window().color().lightness() > 200
    assert "#1d1f23" in window.detail.html().lower()


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QLineEdit, QComboBox, QTreeView, QTextBrowser, QPlainTextEdit, QAbstractButton, QCheckBox)
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for pane in (window.navigator, window.detail)
        for w in pane.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and not w.accessibleName()
        and w.parent() is not None
        and not isinstance(w.parent(), QComboBox | QLineEdit)
    ]
    assert unnamed == []


# model and panels


def test_muscle_model_is_a_well_behaved_item_model(qtmodeltester: object, atlas: Atlas) -> None:
    model = MuscleTreeModel(atlas)
    model.show_tree(list(atlas.muscles))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.show_flat(["piriformis", "gluteus_medius"], {"piriformis": "Piriformis"})
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.muscle_ids() == ["piriformis", "gluteus_medius"]


def _broken(_state: object) -> QWidget:
    raise ImportError("no such module")


def test_a_panel_that_cannot_be_built_stops_the_window_naming_the_panel(
    qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings
) -> None:
    panels = tuple(Panel(p.key, p.title, p.place, _broken) if p.key == "chart" else p for p in PANELS)
    with pytest.raises(
        PanelFailed, match="The Body chart panel could not be built: ImportError: no such module"
    ):
        MainWindow(make_state(atlas, store, settings), panels=panels)


def test_a_tab_that_cannot_be_built_says_so_in_a_dialog_naming_it(
    qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings
) -> None:
    panels = tuple(Panel(p.key, p.title, p.place, _broken) if p.key == "progress" else p for p in PANELS)
    window = open_window(qtbot, atlas, store, settings, build_all=False, panels=panels)
    with pytest.raises(PanelFailed, match="Progress"):
        window.build_all_panels()  # what the test fixture does: the suite fails
    window.tabs.setCurrentWidget(window.tab_holders["progress"])  # what a student does: a dialog explains
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Progress is unavailable"]
    assert "The Progress panel could not be built" in boxes[0].text()


def test_a_misspelt_panel_class_fails_at_import_not_as_a_silent_placeholder() -> None:
    """The panel list names real classes through ordinary imports: a typo cannot pass quietly."""
    source = Path(panels_module.__file__).read_text(encoding="utf-8")
    assert "import BodyChartView" in source
    misspelt = source.replace("BodyChartView", "BodyChartVeiw")
    with pytest.raises(ImportError, match="BodyChartVeiw"):
        exec(compile(misspelt, "panels_misspelt.py", "exec"), {"__name__": "panels_misspelt"})


def test_tabs_not_visible_at_start_are_built_when_first_shown(
    qtbot: QtBot, atlas: Atlas, store: UserData, settings: QSettings
) -> None:
    window = open_window(qtbot, atlas, store, settings, build_all=False)
    assert set(window.panels) == {"chart", "finder"}
    assert window.state._reviews is None  # the review database is not even opened yet
    window.tabs.setCurrentWidget(window.tab_holders["progress"])
    assert isinstance(window.panels["progress"], ProgressPanel)
    assert window.tab_holders["progress"].widget() is window.panels["progress"]


def test_quiz_and_progress_share_one_scheduler_and_progress_follows_each_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    quiz, progress = window.panel("quiz"), window.panel("progress")
    assert isinstance(quiz, QuizPanel) and isinstance(progress, ProgressPanel)
    assert quiz.study is window.state.study and progress.tracker is not None
    assert progress.tracker.study is quiz.study
    window.tabs.setCurrentWidget(window.tab_holders["progress"])
    assert progress.view.isVisible()
    before = progress.tracker.report().reviews_total
    window.tabs.setCurrentWidget(window.tab_holders["quiz"])
    assert quiz.view is not None
    quiz.view.reveal()
    quiz.view.grade(3)
    # taken in from the answer itself: the tracker does not go back to the database
    assert progress.tracker._built_for is not None and progress._stale
    assert progress.tracker.report().reviews_total == before + 1


def test_a_long_session_does_not_drain_references_to_true(qtbot: QtBot, window: MainWindow) -> None:
    # PySide6 6.12's Signal.emit() drops a reference to True on Python 3.11; a few thousand emits
    # used to abort the interpreter. Typing, selecting and favouriting must leave the count as it was.
    # Windows of earlier tests are collected first: when the collector frees them inside the loop,
    # the count moves for reasons this session has nothing to do with.
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(20):
        window.navigator.search_box.setText("glut")
        window.navigator.search_box.setText("")
        window.select_muscle("piriformis")
        window.detail.toggle_favourite()
        window.go_back()
    assert sys.getrefcount(True) >= before - 5


def test_the_body_chart_follows_the_selection_and_can_choose_a_muscle(
    qtbot: QtBot, window: MainWindow
) -> None:
    chart = window.panel("chart")
    assert isinstance(chart, BodyChartView)
    window.select_muscle("gluteus_medius")
    assert chart.overlay.shown_ids() == ["gluteus_medius"]
    click_link(qtbot, window.detail.browser, "Gluteus minimus")
    assert chart.overlay.shown_ids() == ["gluteus_minimus"]
    chart.muscleChosen.emit("piriformis")  # e.g. a double-click in its legend
    assert window.current == "piriformis"
    assert window.detail.title.text() == "Piriformis"


def test_pain_finder_takes_chart_regions_and_its_results_open_muscles(
    qtbot: QtBot, window: MainWindow
) -> None:
    chart, finder = window.panel("chart"), window.panel("finder")
    assert isinstance(chart, BodyChartView) and isinstance(finder, PainFinderPanel)
    window.docks["finder"].show()
    window.docks["finder"].raise_()
    chart.regionsSelected.emit(["sacrum"])  # what a click on the figure sends
    assert finder.regions() == ["sacrum"]
    results = finder.results
    from studyapp.ui.painfinder_panel import NAME_ROLE

    names = [results.model().index(r, 0).data(NAME_ROLE) for r in range(results.model().rowCount())]
    assert set(names) == {"Gluteus maximus", "Piriformis"}
    row = names.index("Piriformis")
    results.setCurrentIndex(results.model().index(row, 0))
    results.setFocus()
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.current == "piriformis"
    assert chart.overlay.shown_ids() == ["piriformis"]


def test_a_muscle_chosen_on_the_progress_map_opens_in_the_browser(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.tab_holders["progress"])
    progress = window.panel("progress")
    assert isinstance(progress, ProgressPanel)
    assert window.current != "piriformis"
    progress.map.detail.linkActivated.emit("piriformis")  # a click on its link
    assert window.current == "piriformis"
    assert window.tabs.currentIndex() == 0  # back on Browse, where the record is
