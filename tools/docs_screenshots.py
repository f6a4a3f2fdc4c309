"""Regenerate the pictures under docs/screenshots/ so the README never shows a stale window.

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python tools/docs_screenshots.py`.
The whole window comes from `studyapp --screenshot` (the same code path users and tests call);
the chart panels are rendered from the body-chart widget alone, one per body view, with the
dense gluteus minimus pattern (both trigger points) the body-chart issue asks for.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
DENSE = "gluteus_minimus"
BODY_VIEWS = ("anterior", "posterior", "lateral")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import load_atlas
    from studyapp.ui import theme
    from studyapp.ui.app import application, screenshot
    from studyapp.ui.bodychart_shapes import load_drawings
    from studyapp.ui.bodychart_view import BodyChartView

    OUT.mkdir(parents=True, exist_ok=True)
    failed = screenshot(OUT / "main-window.png", DENSE, "lateral", (1400, 900), theme="light")
    failed |= screenshot(OUT / "main-window-dark.png", "infraspinatus", None, (1400, 900), theme="dark")

    app = application(["studyapp"])
    atlas = load_atlas().atlas
    drawings = load_drawings()

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

    for view in BODY_VIEWS:
        panel(f"overlay-{view}.png", "light", view, [DENSE], (800, 1000), "right")
    panel("overlay-head_side.png", "light", "head_side", ["masseter"], (800, 700), "both")
    panel(
        "overlay-anterior-compare-dark.png",
        "dark",
        "anterior",
        ["rectus_femoris", "adductor_longus"],
        (800, 1000),
        "right",
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
