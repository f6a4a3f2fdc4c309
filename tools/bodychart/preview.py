"""Render the generated SVGs to PNG with Qt, to look at the figure (optional; needs PySide6).

.venv/bin/python tools/bodychart/preview.py                 # docs/bodychart/<view>.png, 1000 px tall
.venv/bin/python tools/bodychart/preview.py --height 300 --out /tmp/small
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]


def render(svg: Path, png: Path, height: int, background: str) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Qt cannot read {svg}")
    box = renderer.viewBoxF()
    width = round(height * box.width() / box.height())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(png))


def render_regions(view: dict, png: Path, height: int, labels: bool) -> None:  # type: ignore[type-arg]
    """Each region filled with its own colour (and labelled), to check the partition by eye."""
    import hashlib

    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPen, QPolygonF

    scale = height / view["height"]
    width = round(view["width"] * scale)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(scale, scale)

    def poly(points: list) -> QPolygonF:  # type: ignore[type-arg]
        return QPolygonF([QPointF(x, y) for x, y in points])

    p.setPen(QPen(QColor("#777777"), 1.2 / scale))
    p.setBrush(QColor("#f3e9df"))
    for o in view["outline"]:
        p.drawPolygon(poly(o))
    for r in view["regions"]:
        digest = hashlib.md5(r["region"].encode()).digest()
        colour = QColor.fromHsv(digest[0] * 360 // 256, 90 + digest[1] % 80, 230, 170)
        p.setBrush(colour)
        p.setPen(QPen(QColor("#555555"), 0.6 / scale))
        p.drawPolygon(poly(r["points"]))
    p.setBrush(QColor(0, 0, 0, 0))
    p.setPen(QPen(QColor("#8a6f5a"), 1.0 / scale))
    for c in view["contours"]:
        p.drawPolyline(poly(c))
    if labels:
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(1, round(9 / scale)))
        p.setFont(font)
        p.setPen(QColor("#000000"))
        for r in view["regions"]:
            pts = r["points"]
            cx = sum(x for x, _ in pts) / len(pts)
            cy = sum(y for _, y in pts) / len(pts)
            p.drawText(QPointF(cx - 10 / scale, cy), r["region"][:14])
    p.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(png))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bodychart")
    parser.add_argument("--background", default="#ffffff")
    parser.add_argument("--svg", type=Path, default=ROOT / "resources" / "bodychart", help="folder of SVGs")
    parser.add_argument("--regions", action="store_true", help="colour and label each region")
    parser.add_argument("views", nargs="*")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder: Path = args.svg
    if args.regions:
        import json

        data = json.loads((folder / "geometry.json").read_text(encoding="utf-8"))
        for view_id, view in data["views"].items():
            if args.views and view_id not in args.views:
                continue
            render_regions(view, args.out / f"{view_id}-regions.png", args.height, labels=True)
            print(args.out / f"{view_id}-regions.png", flush=True)
        # PySide6 6.12 can crash while tearing down after many painter calls; the files are written.
        os._exit(0)
    for svg in sorted(folder.glob("*.svg")):
        if args.views and svg.stem not in args.views:
            continue
        render(svg, args.out / f"{svg.stem}.png", args.height, args.background)
        print(args.out / f"{svg.stem}.png")
    del _app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
