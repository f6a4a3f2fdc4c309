"""The composed referral picture: a muscle's pattern on the views that show it, side by side.

One renderer for the browser's exports, the quiz, interop exports, printed handouts and the
`studyapp picture` command. Which views, and in which order, comes from the pure rule in
studyapp/bodychart/views.py; the drawing of each view is the body-chart canvas's own, so the
picture looks exactly like the chart on screen. Layout: the muscle's name on top, one panel per
view with a caption (view, and side where the drawing does not say it) under it, and the chart's
key (muscle, essential, spillover, trigger point) along the bottom.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator

from studyapp.bodychart.overlay import SINGLE_COLOUR
from studyapp.bodychart.views import Composition, compose
from studyapp.content.model import Atlas

if TYPE_CHECKING:
    from studyapp.ui.bodychart_canvas import BodyChartCanvas

MARGIN = 0.025  # of the picture's width
PANEL_GAP = 0.03  # of the picture's width, between two panels
THEMES = ("light", "dark")
# zlib level 5 instead of Qt's default: files about 1 % bigger, written in half the time (--all).
PNG_QUALITY = 50
MIN_WIDTH = 120
SIDE_WORDS = {"right": "right side", "left": "left side", "both": "both sides"}


@dataclass(frozen=True, slots=True)
class PictureSpec:
    """What to draw: a muscle (or one of its trigger points), its side mode, size and theme."""

    muscle_id: str
    width: int = 800
    height: int = 1000
    side: str = "right"
    theme: str = "light"
    tp_id: str | None = None
    title: bool = True  # False for quiz and flashcard pictures, where the name is the answer
    legend: bool = True
    views: tuple[str, ...] = ()  # the student's or the caller's choice; empty: the composition rule


class PictureRenderer:
    """Draws composed pictures with one hidden canvas, reused for every picture (fast for --all)."""

    def __init__(self, atlas: Atlas, theme: str = "light") -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from studyapp.bodychart.overlay import OverlayModel
        from studyapp.ui.app import application
        from studyapp.ui.bodychart_canvas import BodyChartCanvas
        from studyapp.ui.bodychart_shapes import load_drawings

        application(["studyapp"])
        self.atlas = atlas
        self.drawings = load_drawings()
        _read_muscle_shapes()  # a picture is drawn at once: no later frame to bring the muscles in
        self._make_canvas = lambda overlay: BodyChartCanvas(atlas, self.drawings, overlay)
        self._new_overlay = lambda: OverlayModel(atlas)
        self.canvas = self._make_canvas(self._new_overlay())  # fonts, palette and labels
        # One canvas per view, each with its own overlay: switching muscles then only redraws the
        # zones of the views a picture uses, never a whole figure (that is what keeps --all fast).
        self._views: dict[str, BodyChartCanvas] = {}
        self._theme = ""
        self.set_theme(theme)

    def available(self) -> bool:
        """False when the figure drawings are missing (then callers go without pictures)."""
        return bool(self.drawings)

    def set_theme(self, theme: str) -> None:
        from studyapp.ui import theme as themes

        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r} (use light or dark)")
        if theme != self._theme:
            self._theme = theme
            palette = themes.palette(themes.resolve(theme))
            for canvas in (self.canvas, *self._views.values()):
                canvas.setPalette(palette)

    @property
    def palette(self) -> QPalette:
        return self.canvas.palette()

    def composition(self, spec: PictureSpec) -> Composition:
        comp = compose(self.atlas, spec.muscle_id, tp_id=spec.tp_id, side=spec.side)
        return Composition(
            comp.muscle_id,
            tuple(v for v in (spec.views or comp.views) if v in self.drawings),
            comp.shares,
            comp.coverage,
            comp.close_up_muscle,
        )

    def _canvas(self, view_id: str, spec: PictureSpec) -> BodyChartCanvas:
        """The view's canvas showing the spec's pattern."""
        canvas = self._views.get(view_id)
        if canvas is None:
            canvas = self._make_canvas(self._new_overlay())
            canvas.setPalette(self.canvas.palette())
            canvas.set_view(view_id)
            self._views[view_id] = canvas
        overlay = canvas.overlay
        overlay.set_side(spec.side)
        overlay.show(spec.muscle_id)
        if spec.tp_id is not None:
            overlay.show_only_tp(spec.muscle_id, spec.tp_id)
        return canvas

    def fitted_width(self, spec: PictureSpec) -> int:
        """The width at which spec.height fits the panels without empty bands (exports, handouts)."""
        views = self.composition(spec).views or (self.canvas.current_view(),)
        font_px = max(10, round(spec.height * 0.022))
        bands = font_px * (1.6 + (1.9 if spec.title else 0) + (1.8 if spec.legend else 0)) * 1.2
        panel_h = spec.height - 2 * max(6.0, spec.height * MARGIN) - bands
        aspects = []
        for view_id in views:
            rect = self._canvas(view_id, spec).content_rect().adjusted(-6, -6, 6, 6)
            aspects.append(rect.width() / rect.height())
        width = panel_h * sum(aspects) / (1 - 2 * MARGIN - PANEL_GAP * (len(views) - 1))
        return max(MIN_WIDTH, round(width))

    def image(self, spec: PictureSpec) -> QImage:
        """The picture as an opaque image of exactly spec.width x spec.height pixels."""
        self.set_theme(spec.theme)
        image = QImage(spec.width, spec.height, QImage.Format.Format_RGB32)
        image.fill(self.palette.color(QPalette.ColorRole.Window))
        painter = QPainter(image)
        try:
            self.paint(painter, spec)
        finally:
            painter.end()
        return image

    def write(self, spec: PictureSpec, path: Path) -> bool:
        """Write a PNG or (by the file's suffix) an SVG; False when the file cannot be written."""
        if path.suffix.lower() == ".svg":
            self.set_theme(spec.theme)
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(spec.width, spec.height))
            generator.setViewBox(QRectF(0, 0, spec.width, spec.height))
            muscle = self.atlas.muscles.get(spec.muscle_id)
            generator.setTitle(f"Referral pattern: {muscle.name if muscle else spec.muscle_id}")
            painter = QPainter()
            if not painter.begin(generator):
                return False
            painter.fillRect(
                QRectF(0, 0, spec.width, spec.height), self.palette.color(QPalette.ColorRole.Window)
            )
            self.paint(painter, spec)
            return painter.end() and path.is_file()
        writer = QImageWriter(str(path))
        writer.setFormat(b"png")
        writer.setQuality(PNG_QUALITY)
        return writer.write(self.image(spec))

    def paint(self, painter: QPainter, spec: PictureSpec) -> None:
        """Title, panels with captions, legend, into (0, 0, spec.width, spec.height)."""
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        width, height = float(spec.width), float(spec.height)
        margin = max(6.0, width * MARGIN)
        ink = self.palette.color(QPalette.ColorRole.WindowText)
        base = QFont(self.canvas.font())
        base.setPixelSize(max(10, round(min(width, height) * 0.022)))
        metrics = QFontMetricsF(base)
        top = margin
        muscle = self.atlas.muscles[spec.muscle_id]
        if spec.title:
            title_font = QFont(base)
            title_font.setBold(True)
            title_font.setPixelSize(round(base.pixelSize() * 1.45))
            painter.setFont(title_font)
            painter.setPen(ink)
            line = QFontMetricsF(title_font).height()
            painter.drawText(
                QRectF(margin, top, width - 2 * margin, line), Qt.AlignmentFlag.AlignCenter, muscle.name
            )
            top += line * 1.3
        bottom = height - margin
        if spec.legend:
            bottom -= metrics.height() * 1.8
            self._paint_legend(
                painter, QRectF(margin, bottom, width - 2 * margin, metrics.height() * 1.6), base
            )
        comp = self.composition(spec)
        caption_h = metrics.height() * 1.5
        views = comp.views or (self.canvas.current_view(),)
        canvases = [self._canvas(v, spec) for v in views]
        sources = [c.content_rect().adjusted(-6, -6, 6, 6) for c in canvases]
        area = QRectF(margin, top, width - 2 * margin, bottom - top)
        gap = width * PANEL_GAP
        for (cell, source), view_id, canvas in zip(
            _grid(area, sources, gap, caption_h), views, canvases, strict=True
        ):
            scale = min(cell.width() / source.width(), (cell.height() - caption_h) / source.height())
            w, h = source.width() * scale, source.height() * scale
            block = h + caption_h  # the figure with its caption right under it, centred in the cell
            target = QRectF(cell.center().x() - w / 2, cell.center().y() - block / 2, w, h)
            canvas.render_scene(painter, target, source, scale)  # markers keep their screen size
            painter.setFont(base)
            painter.setPen(ink)
            caption = self.canvas.view_label(view_id)
            if not self.drawings[view_id].one_sided:  # one-sided views carry their own side label
                caption += f" · {SIDE_WORDS[spec.side]}"
            painter.drawText(
                QRectF(cell.left(), target.bottom(), cell.width(), caption_h),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(caption, Qt.TextElideMode.ElideRight, cell.width()),
            )

    def _paint_legend(self, painter: QPainter, box: QRectF, font: QFont) -> None:
        from studyapp.ui.bodychart_paint import KEY_ROWS, paint_swatch

        colour = QColor(SINGLE_COLOUR)  # one muscle: the overlay's first colour
        background = self.palette.color(QPalette.ColorRole.Window)
        ink = self.palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetricsF(font)
        swatch = metrics.height() * 0.9
        widths = [swatch * 1.3 + 6 + metrics.horizontalAdvance(label) + swatch for label, _ in KEY_ROWS]
        x = box.center().x() - sum(widths) / 2
        painter.setFont(font)
        for (label, kind), w in zip(KEY_ROWS, widths, strict=True):
            rect = QRectF(x, box.center().y() - swatch / 2, swatch * 1.3, swatch)
            paint_swatch(painter, rect, kind, colour, 45, background)  # the chart's own key
            painter.setPen(ink)
            painter.drawText(
                QRectF(rect.right() + 6, box.top(), w, box.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
            x += w

    def close(self) -> None:
        for canvas in (self.canvas, *self._views.values()):
            canvas.close()
            canvas.deleteLater()
        self._views.clear()


def _read_muscle_shapes() -> None:
    """Read the muscle shapes now; the window's chart defers them past its first frame."""
    from studyapp.bodychart.muscle_shapes import MuscleShapeError, default_shapes

    with contextlib.suppress(MuscleShapeError):  # the canvas logs it and draws zones alone
        default_shapes()


def _grid(area: QRectF, sources: list[QRectF], gap: float, caption_h: float) -> list[tuple[QRectF, QRectF]]:
    """Cells for the panels: the rows x columns arrangement that draws the figures largest (two
    hands stack in a tall picture, front and back stand side by side)."""
    count = len(sources)
    best: list[QRectF] = []
    best_area = -1.0
    for rows in range(1, count + 1):
        cols = -(-count // rows)
        cell_w = (area.width() - gap * (cols - 1)) / cols
        cell_h = (area.height() - gap * (rows - 1)) / rows
        if cell_w <= 1 or cell_h <= caption_h + 1:
            continue
        cells = [
            QRectF(
                area.left() + (i % cols) * (cell_w + gap),
                area.top() + (i // cols) * (cell_h + gap),
                cell_w,
                cell_h,
            )
            for i in range(count)
        ]
        drawn = sum(
            (min(cell_w / s.width(), (cell_h - caption_h) / s.height()) ** 2) * s.width() * s.height()
            for s in sources
        )
        if drawn > best_area:
            best, best_area = cells, drawn
    if not best:
        best = [QRectF(area) for _ in sources]
    return list(zip(best, sources, strict=True))


_RENDERERS: dict[int, PictureRenderer] = {}


def renderer_for(atlas: Atlas) -> PictureRenderer:
    """One renderer per atlas, made on first use (building the canvas is the slow part)."""
    found = _RENDERERS.get(id(atlas))
    if found is None or found.atlas is not atlas:
        found = PictureRenderer(atlas)
        _RENDERERS[id(atlas)] = found
    return found


def render_picture(
    atlas: Atlas,
    muscle_id: str,
    size: tuple[int, int] = (800, 1000),
    theme: str = "light",
    side: str = "right",
    *,
    tp_id: str | None = None,
    title: bool = True,
) -> QImage:
    """The composed picture of one muscle (or one trigger point) as an image of `size` pixels."""
    spec = PictureSpec(muscle_id, size[0], size[1], side, theme, tp_id, title, legend=True)
    return renderer_for(atlas).image(spec)


def write_picture(
    atlas: Atlas,
    muscle_id: str,
    path: Path,
    size: tuple[int, int] = (800, 1000),
    theme: str = "light",
    side: str = "right",
) -> bool:
    """Write the composed picture as PNG or SVG (by `path`'s suffix); False if it cannot be written."""
    return renderer_for(atlas).write(PictureSpec(muscle_id, size[0], size[1], side, theme), path)


def png_bytes(image: QImage) -> bytes:
    """The image as PNG bytes, compressed as `PictureRenderer.write` does."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    writer.setQuality(PNG_QUALITY)
    writer.write(image)
    buffer.close()
    return bytes(data.data())
