"""Regenerate the README's acupoint pictures under docs/screenshots/.

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python tools/acupoint_screenshots.py`.
Each picture is the body-chart panel with its acupoint controls, set up as a student would: one
channel on the lateral view; gluteus minimus with the points near its trigger points; the forearm's
12-cun scale between the elbow and wrist creases.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from studyapp.bodychart.tp_acupoints import build_links
    from studyapp.content.loader import load_atlas
    from studyapp.ui import theme
    from studyapp.ui.acupoint_controls import attach_acupoints
    from studyapp.ui.app import application
    from studyapp.ui.bodychart_view import BodyChartView

    app = application(["studyapp"])
    theme.apply(app, "light")
    atlas = load_atlas().atlas
    links = build_links(atlas)
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(
        name: str,
        view: str,
        channels: set[str],
        *,
        muscle: str = "",
        nearby: bool = False,
        scale: str = "",
        zoom: float = 1.0,
        centre: tuple[float, float] | None = None,
        size: tuple[int, int] = (800, 1000),
    ) -> None:
        chart = BodyChartView(atlas)
        chart.auto_view = False
        chart.resize(*size)
        chart.show()
        if muscle:
            chart.show_muscle(muscle)
        chart.set_view(view)
        controls = attach_acupoints(chart, lambda: links)
        controls.show_points.setChecked(True)
        for channel, box in controls.channel_boxes.items():
            box.setChecked(channel in channels)
        controls.show_nearby.setChecked(nearby)
        if scale:
            controls.scale_combo.setCurrentIndex(controls.scale_combo.findData(scale))
        for _ in range(3):
            QApplication.processEvents()
        if zoom != 1.0:
            chart.canvas.set_zoom(zoom)
        if centre is not None:
            chart.canvas.centerOn(QPointF(*centre))
        for _ in range(3):
            QApplication.processEvents()
        chart.grab().save(str(OUT / name), "PNG")
        print(f"Saved {OUT / name}")
        chart.close()
        chart.deleteLater()
        QApplication.processEvents()

    shot("acupoints-gb-lateral.png", "lateral", {"GB"})
    shot(
        "acupoints-gluteus-minimus.png",
        "lateral",
        {"GB"},
        muscle="gluteus_minimus",
        nearby=True,
        zoom=2.4,
        centre=(230, 470),
        size=(800, 700),
    )
    shot(
        "acupoints-gluteus-minimus-posterior.png",
        "posterior",
        {"GB"},
        muscle="gluteus_minimus",
        zoom=2.4,
        centre=(250, 520),
        size=(800, 700),
    )
    shot(
        "acupoints-forearm-cun.png",
        "anterior",
        {"PC", "LU", "HT"},
        scale="elbow_wrist",
        zoom=2.6,
        centre=(60, 410),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
