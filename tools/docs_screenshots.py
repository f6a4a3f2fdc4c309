"""Regenerate the pictures under docs/screenshots/ so the README never shows a stale window.

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python tools/docs_screenshots.py`.
The whole window comes from `studyapp --screenshot` and each referral picture from `studyapp
picture` (the same code paths users, scripts and tests call); the compare pictures are rendered
from the body-chart widget alone, since comparing is something the student does on the chart.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
DENSE = "gluteus_minimus"
# The referral pictures issue #12 asks for: a hip, a jaw, a shoulder, a hand and a trunk muscle
# whose pattern wraps the body (shown on both sides).
PICTURES = (
    ("gluteus_minimus", "right"),
    ("masseter", "right"),
    ("infraspinatus", "right"),
    ("adductor_pollicis", "right"),
    ("rectus_abdominis", "both"),
)


def pictures() -> int:
    """Each picture in light and dark, written by the `studyapp picture` command itself."""
    import subprocess

    failed = 0
    for muscle_id, side in PICTURES:
        for mode in ("light", "dark"):
            name = f"picture-{muscle_id}" + ("-dark" if mode == "dark" else "") + ".png"
            command = [sys.executable, "-m", "studyapp", "picture", muscle_id, "-o", str(OUT / name)]
            command += ["--size", "800x1000", "--theme", mode, "--side", side]
            done = subprocess.run(command, cwd=ROOT, check=False)
            failed |= done.returncode != 0
            print(f"Saved {OUT / name}" if done.returncode == 0 else f"FAILED {name}")
    return failed


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from studyapp.bodychart.muscle_shapes import default_shapes
    from studyapp.content.loader import load_atlas
    from studyapp.ui import theme
    from studyapp.ui.app import application, screenshot
    from studyapp.ui.bodychart_shapes import load_drawings
    from studyapp.ui.bodychart_view import BodyChartView

    OUT.mkdir(parents=True, exist_ok=True)
    failed = pictures()
    failed |= screenshot(OUT / "main-window.png", DENSE, "lateral", (1400, 900), theme="light")
    failed |= screenshot(OUT / "main-window-dark.png", "infraspinatus", None, (1400, 900), theme="dark")

    app = application(["studyapp"])
    atlas = load_atlas().atlas
    drawings = load_drawings()
    default_shapes()  # the chart reads the muscles after its first frame; these panels need them now

    def panel(name: str, mode: str, view: str, muscles: list[str], size: tuple[int, int], side: str) -> None:
        theme.apply(app, mode)
        chart = BodyChartView(atlas, drawings)
        chart.auto_view = False
        chart.resize(*size)
        chart.set_view(view)
        chart.set_side(side)
        chart.compare_muscles(muscles)
        chart.show()
        for _ in range(3):
            QApplication.processEvents()
        chart.grab().save(str(OUT / name), "PNG")
        print(f"Saved {OUT / name}")
        chart.close()
        chart.deleteLater()
        QApplication.processEvents()

    panel(
        "overlay-posterior-compare.png",
        "light",
        "posterior",
        ["gluteus_minimus", "piriformis", "quadratus_lumborum"],
        (800, 1000),
        "both",
    )
    panel(
        "overlay-posterior-compare-dark.png",
        "dark",
        "posterior",
        ["gluteus_minimus", "piriformis", "quadratus_lumborum"],
        (800, 1000),
        "both",
    )
    progress_shot(OUT / "progress.png", (1400, 900))
    return failed


def progress_shot(path: Path, size: tuple[int, int]) -> None:
    """The Progress tab after three simulated weeks of study (hip, leg, neck), in a scratch folder."""
    import random
    import tempfile
    from datetime import UTC, datetime, timedelta

    from fsrs import Rating
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp import paths
    from studyapp.content.loader import load_atlas
    from studyapp.quiz.cards import generate_cards
    from studyapp.quiz.decks import by_area
    from studyapp.quiz.store import ReviewStore
    from studyapp.quiz.study import Study, StudySettings
    from studyapp.ui import theme
    from studyapp.ui.app import application, create_main_window

    app = application(["studyapp"])
    theme.apply(app, "light")
    atlas = load_atlas().atlas
    cards = generate_cards(atlas)
    with tempfile.TemporaryDirectory(prefix="studyapp-docs-") as scratch:
        os.environ["STUDYAPP_DATA_DIR"] = scratch
        paths.set_data_dir(Path(scratch))
        clock = [datetime.now(UTC) - timedelta(days=21)]
        store = ReviewStore.open(Path(scratch), now=lambda: clock[0], keep_backups=0)
        study = Study(store, cards, StudySettings(new_per_day=40, reviews_per_day=400), now=lambda: clock[0])
        rng = random.Random(3)
        for area, good in (("hip_thigh", 0.95), ("leg_foot", 0.8), ("neck", 0.6)):
            study.set_deck(by_area(atlas, area).select(cards))
            for _day in range(7):
                for _ in range(60):
                    card = study.next_card()
                    if card is None:
                        break
                    study.answer(card.id, Rating.Good if rng.random() < good else Rating.Again)
                    clock[0] += timedelta(seconds=20)
                clock[0] += timedelta(days=1)
        store.close()
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(app, settings=settings, folder=Path(scratch))
        window.resize(*size)
        window.show()
        window.tabs.setCurrentIndex(window.tabs.count() - 1)
        for _ in range(3):
            QApplication.processEvents()
        progress = window.panel("progress")
        progress.map.set_view("posterior")  # type: ignore[attr-defined]
        progress.map.canvas.set_selected_regions(["buttock_upper_lateral"])  # type: ignore[attr-defined]
        progress.map.detail.setText(progress.map.describe(["buttock_upper_lateral"]))  # type: ignore[attr-defined]
        for _ in range(3):
            QApplication.processEvents()
        window.grab().save(str(path), "PNG")
        print(f"Saved {path}")
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        paths.set_data_dir(None)


if __name__ == "__main__":
    raise SystemExit(main())
