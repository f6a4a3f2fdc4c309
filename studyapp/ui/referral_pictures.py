"""Referral pictures for exports: one muscle's (or one trigger point's) pattern as a PNG, unnamed.

`studyapp.interop` asks for pictures through its `PictureRenderer` type and never imports Qt; this
module is the Qt side of that seam. A picture carries no title or legend, because on a picture card
the pattern is the question and a name would give the answer away. The figure is drawn in the light
theme on an opaque background so it reads the same in Anki's night mode and in an LMS page.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from studyapp.content.model import Atlas
from studyapp.interop.model import Picture

# Height of the figure in pixels: legible on a phone, small enough for a deck of hundreds.
PICTURE_HEIGHT = 520
MARKER_PIXELS_PER_UNIT = 0.9


class ReferralPictures:
    """Renders `Picture` requests with one hidden body-chart panel reused for every picture."""

    def __init__(self, atlas: Atlas) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QStyleFactory

        from studyapp.ui.app import application
        from studyapp.ui.bodychart_view import BodyChartView

        application(["studyapp"])
        self.atlas = atlas
        self.view = BodyChartView(atlas)
        style = QStyleFactory.create("Fusion")
        if style is not None:
            self.view.canvas.setPalette(style.standardPalette())  # light, whatever the desktop's theme
        self._background = self.view.canvas.palette().color(QPalette.ColorRole.Window)
        self.view.resize(500, 700)

    def available(self) -> bool:
        """False when the body-chart geometry is missing (then exports go without pictures)."""
        return bool(self.view.drawings)

    def render(self, picture: Picture) -> bytes:
        """PNG bytes of the pattern on the view that shows most of it; b"" if nothing can be drawn."""
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
        from PySide6.QtGui import QImage, QImageWriter, QPainter

        muscle = self.atlas.muscles.get(picture.muscle_id)
        if muscle is None or not muscle.trigger_points or not self.available():
            return b""
        self.view.show_muscle(muscle.id)
        overlay = self.view.overlay
        for tp in muscle.trigger_points:
            overlay.set_tp_visible(muscle.id, tp.id, not picture.tp_id or tp.id == picture.tp_id)
        best = self.view.best_view()
        if best is None:
            return b""
        self.view.set_view(best)
        canvas = self.view.canvas
        source = canvas.content_rect().adjusted(-8, -8, 8, 8)
        scale = PICTURE_HEIGHT / source.height()
        width, height = round(source.width() * scale), PICTURE_HEIGHT
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(self._background)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        canvas.render_scene(painter, QRectF(0, 0, width, height), source, MARKER_PIXELS_PER_UNIT * scale)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # A 256-colour palette keeps the flat fills and anti-aliased lines and makes files 4x smaller.
        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
        writer = QImageWriter(buffer, b"png")
        writer.write(image.convertToFormat(QImage.Format.Format_Indexed8, flags))
        buffer.close()
        return bytes(data.data())

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()


def picture_renderer(atlas: Atlas) -> tuple[Callable[[Picture], bytes], Callable[[], None]]:
    """A renderer for `studyapp.interop` and the function that releases it (the CLI calls both)."""
    pictures = ReferralPictures(atlas)
    return pictures.render, pictures.close
