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
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
