"""Acupoint layer speed: showing every channel's points, lines and labels on the busiest view (the
anterior view, about 150 points) and repainting the chart panel (issue #17: 16 ms or less)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bodychart_bench import SIZE, _give_back_none, _median_ms  # noqa: E402


def bench_acupoint_layer(runs: int = 40, view: str = "anterior") -> float:
    """Median ms from switching the full layer on (every channel, the extra points, labels) to a
    finished synchronous repaint of the chart panel."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studyapp.bodychart.tp_acupoints import build_links
    from studyapp.content.acupoints import CHANNELS, EXTRA
    from studyapp.content.loader import load_atlas
    from studyapp.ui.acupoint_controls import attach_acupoints
    from studyapp.ui.bodychart_view import BodyChartView

    app = QApplication.instance() or QApplication([])
    atlas = load_atlas().atlas
    links = build_links(atlas)
    chart = BodyChartView(atlas)
    chart.resize(*SIZE)
    chart.show()
    chart.set_view(view)
    controls = attach_acupoints(chart, lambda: links)
    layer = controls.layer
    layer.channels = {*CHANNELS, EXTRA}
    app.processEvents()
    samples = []
    for i in range(runs + 5):
        before = sys.getrefcount(None)
        started = time.perf_counter()
        layer.set_visible(chart.canvas, i % 2 == 0)  # on, off, on...: each step rebuilds the layer
        chart.grab()
        if i >= 5 and i % 2 == 0:  # time the steps that show the layer
            samples.append(time.perf_counter() - started)
        _give_back_none(before)
    chart.close()
    chart.deleteLater()
    app.processEvents()
    return _median_ms(samples)


def run() -> dict[str, float]:
    return {"acupoint_layer_ms": bench_acupoint_layer()}


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<30}{value:10.3f}")
