"""The Qt side of the export seam: referral pictures drawn offscreen, unnamed, one per pattern."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage

from studyapp.interop.model import Picture
from studyapp.ui.referral_pictures import PICTURE_HEIGHT, ReferralPictures
from tests.helpers.interop import bundled_atlas


@pytest.fixture
def pictures(qapp: object) -> Iterator[ReferralPictures]:
    renderer = ReferralPictures(bundled_atlas())
    yield renderer
    renderer.close()


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def test_each_trigger_point_gets_its_own_png(pictures: ReferralPictures) -> None:
    muscle = next(m for m in bundled_atlas().muscles.values() if len(m.trigger_points) >= 2)
    first, second = (pictures.render(Picture(muscle.id, tp.id)) for tp in muscle.trigger_points[:2])
    whole = pictures.render(Picture(muscle.id))
    assert first.startswith(b"\x89PNG") and second.startswith(b"\x89PNG")
    assert len({first, second, whole}) == 3
    image = _image(whole)
    assert image.height() == PICTURE_HEIGHT and 100 < image.width() < 2 * PICTURE_HEIGHT


def test_the_pattern_is_drawn_in_colour_on_the_figure(pictures: ReferralPictures) -> None:
    """Zones are painted in the overlay's colours: a picture of a pattern is not a bare figure."""
    image = _image(pictures.render(Picture("gluteus_minimus")))
    coloured = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = image.pixelColor(x, y)
            coloured += colour.saturation() > 120
    assert coloured > 100


def test_unknown_muscles_give_no_picture(pictures: ReferralPictures) -> None:
    assert pictures.render(Picture("no_such_muscle")) == b""
