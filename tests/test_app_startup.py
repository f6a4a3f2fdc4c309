"""Start-up: the window opens even with bad records, screenshots, and the no-display message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.ui import app
from studyapp.ui.dialogs import ProblemsDialog, table_rows
from tests.test_search import write_fixture_resources

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")

ROOT = Path(__file__).resolve().parents[1]
BROKEN = "id: broken_muscle\nname: Broken muscle\narea: hip_thigh\n"  # required fields missing
BAD_LINK = "\n".join(  # a valid record with one dangling synergist: kept, link dropped, problem reported
    [
        "id: sartorius_test",
        "name: Sartorius test",
        "latin_name: Musculus sartorius",
        "area: hip_thigh",
        "group: Anterior thigh",
        "origin: ASIS.",
        "insertion: Pes anserinus.",
        "actions: [{movement: flexion, joint: hip}]",
        "innervation: {nerve: Femoral nerve, roots: [L2, L3]}",
        "blood_supply: Femoral artery.",
        "synergists: [no_such_muscle]",
        "trigger_points:",
        "  - {id: tp1, label: TP1, location: Upper third., markers: {anterior: [150, 560]},",
        "     essential_zones: [anterior_thigh_upper]}",
        "sources: [{id: s, citation: Some book.}]",
    ]
)


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_fixture_resources(
        tmp_path,
        {"muscles/hip_thigh/broken_muscle.yaml": BROKEN, "muscles/hip_thigh/sartorius_test.yaml": BAD_LINK},
    )
    monkeypatch.setenv("STUDYAPP_RESOURCES", str(root))
    return root


@pytest.fixture
def good_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_fixture_resources(tmp_path)
    monkeypatch.setenv("STUDYAPP_RESOURCES", str(root))
    return root


# the no-display message


def test_no_display_message_on_a_bare_linux_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    message = app.no_display_message()
    assert message is not None
    assert "no display" in message
    assert "QT_QPA_PLATFORM=offscreen studyapp --screenshot shot.png" in message
    assert message.count(". ") == 0  # one sentence


@pytest.mark.parametrize("variable", ["DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"])
def test_no_message_when_a_display_or_platform_is_set(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, ":0" if variable != "QT_QPA_PLATFORM" else "offscreen")
    assert app.no_display_message() is None


def test_no_message_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert app.no_display_message() is None


def test_the_message_works_where_qt_cannot_be_imported() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError('no Qt here')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import os; [os.environ.pop(n, None) for n in ('DISPLAY', 'WAYLAND_DISPLAY', 'QT_QPA_PLATFORM')]\n"
        "from studyapp.ui.app import no_display_message\n"
        "print(no_display_message())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "--screenshot" in done.stdout


# screenshots


def test_screenshot_renders_the_window_at_the_requested_size(good_resources: Path, tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    assert app.screenshot(target, "gluteus_medius", None, (1000, 700)) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1000, 700)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1000, 25) for y in range(0, 700, 25)}
    assert len(colours) > 5  # a drawn window, not a blank rectangle


def test_screenshot_dark_theme(good_resources: Path, tmp_path: Path) -> None:
    target = tmp_path / "dark.png"
    assert app.screenshot(target, "piriformis", None, (800, 600), theme="dark") == 0
    image = QImage(str(target))
    assert image.pixelColor(790, 590).lightness() < 80  # status bar corner in the dark palette
    app.screenshot(tmp_path / "light.png", None, None, (800, 600), theme="light")  # restore for others


def test_screenshot_of_an_unknown_muscle_is_a_clear_error(
    good_resources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shot.png"
    assert app.screenshot(target, "glut_med", None, (1000, 700)) == 1
    err = capsys.readouterr().err
    assert "unknown muscle id 'glut_med'" in err
    assert "did you mean 'gluteus_medius'" in err
    assert not target.exists()


def test_screenshot_of_an_unknown_view_is_a_clear_error(
    good_resources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.screenshot(tmp_path / "shot.png", "piriformis", "posterier", (1000, 700)) == 1
    assert "unknown view 'posterier'; did you mean 'posterior'?" in capsys.readouterr().err


def test_screenshot_leaves_the_students_files_alone(
    good_resources: Path, tmp_path: Path, isolated_data_dir: Path
) -> None:
    assert app.screenshot(tmp_path / "shot.png", "piriformis", None, (800, 600)) == 0
    assert not (isolated_data_dir / "userdata.sqlite3").exists()


# start-up with problems


def test_start_opens_with_the_valid_records_and_lists_what_was_skipped(
    qtbot: QtBot, resources: Path, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = app.start(["studyapp"], settings=settings)
    qtbot.addWidget(window)
    assert QApplication.organizationName() == "studyapp" and QApplication.applicationName() == "studyapp"
    assert window.isVisible()
    assert "broken_muscle" not in window.atlas.muscles
    assert len(window.atlas.muscles) == 9  # the eight fixture muscles and the one with a bad link
    assert window.select_muscle("sartorius_test")
    assert "Loaded with problems (1 record(s) skipped)" in window.statusBar().currentMessage()
    assert window.problems_button.isVisible() and "loading problem" in window.problems_button.text()

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ProblemsDialog)))
    (dialog,) = window.findChildren(ProblemsDialog)
    assert not dialog.isModal()
    rows = table_rows(dialog.table)
    files = {row[0].replace("\\", "/") for row in rows}
    assert "resources/muscles/hip_thigh/broken_muscle.yaml" in files
    link_row = next(row for row in rows if row[0].endswith("sartorius_test.yaml"))
    assert link_row[1] == "11" and link_row[2] == "synergists[1]" and "no_such_muscle" in link_row[3]
    assert "broken_muscle" in dialog.summary.text()
    window.close()


def test_run_opens_the_window_and_returns_when_it_closes(
    qtbot: QtBot, good_resources: Path, tmp_path: Path
) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    seen: list[str] = []

    def close_it() -> None:
        window = QApplication.activeWindow() or next(
            w for w in QApplication.topLevelWidgets() if w.isVisible()
        )
        seen.append(window.windowTitle())
        window.close()

    QTimer.singleShot(300, close_it)
    assert app.run(["studyapp"]) == 0
    assert seen == ["studyapp — muscle atlas"]
    assert (tmp_path / "config" / "studyapp" / "studyapp.conf").exists()  # QSettings found its home
