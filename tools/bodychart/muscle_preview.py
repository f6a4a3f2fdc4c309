"""Render the muscle shapes over the figure to PNGs, to check by eye that each muscle lies where it does.

.venv/bin/python tools/bodychart/muscle_preview.py                  # /tmp/muscles/<area>-<view>.png
.venv/bin/python tools/bodychart/muscle_preview.py --muscle gluteus_medius --out /tmp/m
.venv/bin/python tools/bodychart/muscle_preview.py --area hip_thigh --per-muscle

Each image shows the figure outline and landmark lines from geometry.json, the muscles (drawn with
studyapp.ui.bodychart_muscles, so what you see is what the app will draw), each muscle's name at its
middle and its trigger-point markers as small X marks. Images are cropped to the muscles drawn, with
a margin, so small muscles are large enough to judge.
"""

from __future__ import annotations

import argparse
import colorsys
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen, QPolygonF  # noqa: E402

from studyapp.bodychart.geometry import ViewGeometry, load_geometry  # noqa: E402
from studyapp.bodychart.muscle_shapes import MuscleShape, MuscleShapeError, load_muscle_shapes  # noqa: E402
from studyapp.content.loader import load_atlas  # noqa: E402
from studyapp.ui.bodychart_muscles import paint_muscle  # noqa: E402

TARGET_PX = 900  # longer side of an image


def colour(index: int) -> QColor:
    r, g, b = colorsys.hsv_to_rgb((index * 0.618034) % 1.0, 0.75, 0.85)
    return QColor.fromRgbF(r, g, b)


def render(
    view: ViewGeometry,
    shapes: list[MuscleShape],
    markers: dict[str, list[tuple[str, tuple[float, float]]]],
    names: dict[str, str],
    out: Path,
    *,
    margin: float = 30.0,
) -> None:
    xs = [x for s in shapes for x, _ in s.points]
    ys = [y for s in shapes for _, y in s.points]
    x0, y0 = max(0.0, min(xs) - margin), max(0.0, min(ys) - margin)
    x1, y1 = min(view.width, max(xs) + margin), min(view.height, max(ys) + margin)
    scale = TARGET_PX / max(x1 - x0, y1 - y0)
    image = QImage(int((x1 - x0) * scale) + 1, int((y1 - y0) * scale) + 1, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(scale, scale)
    p.translate(-x0, -y0)
    pen = QPen(QColor("#555555"), 1.4)
    pen.setCosmetic(True)
    p.setPen(pen)
    p.setBrush(QColor("#f7efe6"))
    for poly in view.outline:
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
    pen = QPen(QColor("#b08060"), 0.9)
    pen.setCosmetic(True)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for line in view.contours:
        p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in line]))
    ordered = sorted(shapes, key=lambda s: s.depth == "superficial")  # deep first, superficial on top
    for shape in ordered:
        paint_muscle(p, shape, colour(sorted(names).index(shape.muscle)), mirrored=False)
    font = QFont()
    font.setPointSizeF(10 / scale)
    p.setFont(font)
    for shape in shapes:
        ink = colour(sorted(names).index(shape.muscle)).darker(200)
        for _tp, (mx, my) in markers.get(shape.muscle, []):
            pen = QPen(ink, 1.6)
            pen.setCosmetic(True)
            p.setPen(pen)
            r = 4 / scale
            p.drawLine(QPointF(mx - r, my - r), QPointF(mx + r, my + r))
            p.drawLine(QPointF(mx - r, my + r), QPointF(mx + r, my - r))
        cx = sum(x for x, _ in shape.points) / len(shape.points)
        cy = sum(y for _, y in shape.points) / len(shape.points)
        p.setPen(ink)
        p.drawText(QRectF(cx - 60, cy - 6, 120, 12), Qt.AlignmentFlag.AlignCenter, names[shape.muscle])
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/muscles"))
    parser.add_argument("--area", help="only this body area (e.g. hip_thigh)")
    parser.add_argument("--muscle", action="append", help="only these muscles (one image per view each)")
    parser.add_argument("--per-muscle", action="store_true", help="also one image per muscle and view")
    args = parser.parse_args(argv)
    QGuiApplication.instance() or QGuiApplication([])
    geometry = load_geometry()
    records = load_atlas().atlas.muscles
    shapes, problems = load_muscle_shapes(muscle_ids=records, geometry=geometry)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and not shapes.by_muscle:
        raise SystemExit(str(MuscleShapeError(problems)))
    names = {m: records[m].name for m in records}
    wanted = set(args.muscle or [])
    groups: dict[tuple[str, str], list[MuscleShape]] = {}
    for muscle_id, views in shapes.by_muscle.items():
        record = records[muscle_id]
        if args.area and record.area != args.area:
            continue
        if wanted and muscle_id not in wanted:
            continue
        for view_id, shape in views.items():
            groups.setdefault((record.area, view_id), []).append(shape)
    written = 0
    for (area, view_id), group in sorted(groups.items()):
        view = geometry[view_id]
        markers: dict[str, list[tuple[str, tuple[float, float]]]] = {}
        for shape in group:
            for tp in records[shape.muscle].trigger_points:
                for marker in tp.markers:
                    if marker.view == view_id:
                        markers.setdefault(shape.muscle, []).append((tp.id, (marker.x, marker.y)))
        if not wanted:
            render(view, group, markers, names, args.out / f"{area}-{view_id}.png")
            written += 1
        if wanted or args.per_muscle:
            for shape in group:
                render(view, [shape], markers, names, args.out / f"{shape.muscle}-{view_id}.png", margin=45.0)
                written += 1
    print(f"{written} images in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
