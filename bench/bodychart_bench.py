"""Body-chart speed: switching the overlay to another muscle (with repaint), a pain-finder query, and
composing and rendering one muscle's referral picture to PNG at 800x1000 (`picture_ms`).

Both run on the bundled atlas. If the bundled figure (geometry.json) is missing, the chart is
timed on a small stand-in figure and the result says so under "bodychart_synthetic_geometry".
"""

from __future__ import annotations

import ctypes
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (600, 800)  # a docked chart panel
QUERY = ["buttock_lower_medial", "lateral_thigh_upper", "posterior_thigh_upper"]


def _give_back_none(before: int) -> None:
    """Return the references to None that PySide6 6.12 drops on Python 3.11 (one per Qt call that
    returns nothing), so a long timing loop does not end in "deallocating None"."""
    lost = before - sys.getrefcount(None)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_pain_finder(runs: int = 200) -> float:
    from studyapp.bodychart.painfinder import PainFinder
    from studyapp.content.loader import load_atlas

    finder = PainFinder(load_atlas().atlas)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        finder.query(QUERY)
        samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def bench_overlay_switch(runs: int = 60) -> tuple[float, bool]:
    """Median ms from `show_muscle` to a finished synchronous repaint of the whole chart panel."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import load_atlas
    from studyapp.ui.bodychart_shapes import drawings_from_json, load_drawings
    from studyapp.ui.bodychart_view import BodyChartView

    app = QApplication.instance() or QApplication([])
    atlas = load_atlas().atlas
    drawings = load_drawings()
    synthetic = not drawings
    if synthetic:
        from tests.test_bodychart_view import synthetic_geometry

        drawings = drawings_from_json(synthetic_geometry())
    chart = BodyChartView(atlas, drawings)
    chart.auto_view = False  # time the overlay, not a change of drawing
    chart.resize(*SIZE)
    chart.show()
    chart.set_view("posterior" if "posterior" in drawings else next(iter(drawings)))
    app.processEvents()
    muscles = [m.id for m in atlas.muscles.values() if m.trigger_points] or list(atlas.muscles)
    samples = []
    for i in range(runs + 5):
        before = sys.getrefcount(None)
        started = time.perf_counter()
        chart.show_muscle(muscles[i % len(muscles)])
        chart.grab()  # a full synchronous render of the panel
        if i >= 5:  # warm-up: first paints fill caches (fonts, hatch paths)
            samples.append(time.perf_counter() - started)
        _give_back_none(before)
    chart.close()
    chart.deleteLater()
    app.processEvents()
    return _median_ms(samples), synthetic


PICTURE_MUSCLES = ["gluteus_minimus", "masseter", "infraspinatus", "adductor_pollicis", "rectus_abdominis"]


def bench_picture(rounds: int = 4) -> float:
    """Median ms to compose and render one muscle's picture to PNG bytes at 800x1000 (issue #12)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studyapp.content.loader import load_atlas
    from studyapp.ui.picture import PictureRenderer, PictureSpec, png_bytes

    atlas = load_atlas().atlas
    renderer = PictureRenderer(atlas)
    muscles = [m for m in PICTURE_MUSCLES if m in atlas.muscles] or [
        m.id for m in atlas.muscles.values() if m.trigger_points
    ][:5]
    renderer.image(PictureSpec(muscles[0]))  # warm-up: fonts, first scene
    samples = []
    for _ in range(rounds):
        for muscle_id in muscles:
            before = sys.getrefcount(None)
            started = time.perf_counter()
            png_bytes(renderer.image(PictureSpec(muscle_id, 800, 1000)))
            samples.append(time.perf_counter() - started)
            _give_back_none(before)
    renderer.close()
    return _median_ms(samples)


def run() -> dict[str, float]:
    overlay_ms, synthetic = bench_overlay_switch()
    figures = {"overlay_switch_ms": overlay_ms, "pain_finder_ms": bench_pain_finder()}
    if not synthetic:
        figures["picture_ms"] = bench_picture()
    if synthetic:
        figures["bodychart_synthetic_geometry"] = 1.0
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<30}{value:10.3f}")
