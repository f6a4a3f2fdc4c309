"""Referral pictures for exports: one muscle's (or one trigger point's) pattern as a PNG, unnamed.

`studyapp.interop` asks for pictures through its `PictureRenderer` type and never imports Qt; this
module is the Qt side of that seam. A picture carries no title or legend, because on a picture card
the pattern is the question and a name would give the answer away. The figure is drawn in the light
theme on an opaque background so it reads the same in Anki's night mode and in an LMS page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from studyapp.content.model import Atlas
from studyapp.interop.model import Picture

# Height of the figure in pixels: legible on a phone, small enough for a deck of hundreds.
PICTURE_HEIGHT = 520


class ReferralPictures:
    """Renders `Picture` requests as the composed picture (studyapp.ui.picture), without its title."""

    def __init__(self, atlas: Atlas) -> None:
        from studyapp.ui.picture import PictureRenderer

        self.atlas = atlas
        self.renderer = PictureRenderer(atlas, "light")  # light, whatever the desktop's theme

    def available(self) -> bool:
        """False when the body-chart geometry is missing (then exports go without pictures)."""
        return self.renderer.available()

    def render(self, picture: Picture) -> bytes:
        """PNG bytes of the pattern on the views that show it; b"" if nothing can be drawn."""
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
        from PySide6.QtGui import QImage, QImageWriter

        from studyapp.ui.picture import PictureSpec

        muscle = self.atlas.muscles.get(picture.muscle_id)
        if muscle is None or not muscle.trigger_points or not self.available():
            return b""
        tp_id = picture.tp_id or None
        if tp_id is not None and tp_id not in {tp.id for tp in muscle.trigger_points}:
            return b""
        spec = PictureSpec(muscle.id, PICTURE_HEIGHT, PICTURE_HEIGHT, tp_id=tp_id, title=False, legend=False)
        if not self.renderer.composition(spec).views:
            return b""
        spec = replace(spec, width=self.renderer.fitted_width(spec))
        image = self.renderer.image(spec)
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
        self.renderer.close()


def picture_renderer(atlas: Atlas) -> tuple[Callable[[Picture], bytes], Callable[[], None]]:
    """A renderer for `studyapp.interop` and the function that releases it (the CLI calls both)."""
    pictures = ReferralPictures(atlas)
    return pictures.render, pictures.close
