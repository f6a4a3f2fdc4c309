"""Draw the application icon (SVG) and derive the PNG, ICO and ICNS files from it.

The icon is the project's own drawing: a figure seen from behind on a blue tile, with a
trigger-point marker on the hip and its referral zone, the app's subject in one glance.
Run: python packaging/make_icons.py  (needs PySide6 for the raster sizes)
"""

from __future__ import annotations

import io
import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def icon_svg() -> str:
    # 256-unit canvas; the figure is built from simple shapes so it stays legible at 16 px.
    figure = (
        '<circle cx="128" cy="54" r="24"/>'
        '<path d="M92 84 Q128 76 164 84 L176 150 Q172 160 162 156 L156 118 L156 150 '
        "L166 224 Q164 234 150 232 L134 164 L122 164 L106 232 Q92 234 90 224 L100 150 "
        'L100 118 L94 156 Q84 160 80 150 Z"/>'
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>studyapp</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f8ad1"/><stop offset="1" stop-color="#0a5c99"/>
    </linearGradient>
    <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="8" height="8" fill="#ffffff"/><rect width="3.5" height="8" fill="#E69F00"/>
    </pattern>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#tile)"/>
  <g fill="#ffffff">{figure}</g>
  <path d="M142 150 L160 152 L164 206 L150 204 Z" fill="url(#hatch)"/>
  <ellipse cx="146" cy="136" rx="17" ry="13" fill="#D55E00"/>
  <g stroke="#ffffff" stroke-width="5" stroke-linecap="round">
    <line x1="139" y1="129" x2="153" y2="143"/><line x1="153" y1="129" x2="139" y2="143"/>
  </g>
</svg>
"""


def render_pngs(svg: bytes) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("the icon SVG did not parse")
    pngs: dict[int, bytes] = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(buffer.data().data())
    return pngs


def ico(pngs: dict[int, bytes]) -> bytes:
    """Windows ICO holding PNG images (supported since Vista)."""
    sizes = [s for s in (16, 24, 32, 48, 64, 128, 256) if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = io.BytesIO(), io.BytesIO()
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size
        entries.write(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        blobs.write(data)
        offset += len(data)
    return header + entries.getvalue() + blobs.getvalue()


def icns(pngs: dict[int, bytes]) -> bytes:
    """macOS ICNS with PNG payloads (ic07..ic10 = 128..1024 px)."""
    chunks = b""
    for code, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
        data = pngs[size]
        chunks += code + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(chunks) + 8) + chunks


def main() -> None:
    OUT.mkdir(exist_ok=True)
    svg = icon_svg()
    (OUT / "studyapp.svg").write_text(svg, encoding="utf-8")
    # The running app shows the same drawing as its window icon.
    (HERE.parent / "resources" / "icons" / "studyapp.svg").write_text(svg, encoding="utf-8")
    pngs = render_pngs(svg.encode())
    for size, data in pngs.items():
        (OUT / f"studyapp-{size}.png").write_bytes(data)
    (OUT / "studyapp.ico").write_bytes(ico(pngs))
    (OUT / "studyapp.icns").write_bytes(icns(pngs))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
