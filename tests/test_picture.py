"""The composed referral picture (studyapp.ui.picture) and its contract command `studyapp picture`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from studyapp.bodychart.overlay import SINGLE_COLOUR
from studyapp.cli import main
from studyapp.content.loader import load_atlas
from studyapp.ui.picture import PictureRenderer, PictureSpec, render_picture


def _vermillion_columns(image: QImage) -> list[int]:
    """x of every 4th column holding the pattern's colour (zones and markers)."""
    target = QColor(SINGLE_COLOUR)
    found = []
    for x in range(0, image.width(), 4):
        for y in range(0, image.height(), 6):
            c = image.pixelColor(x, y)
            if c.saturation() > 120 and abs(c.hue() - target.hue()) < 15 and c.red() > 150:
                found.append(x)
                break
    return found


def test_a_picture_has_the_size_asked_and_shows_the_pattern(qapp: object) -> None:
    image = render_picture(load_atlas().atlas, "masseter", (400, 500))
    assert (image.width(), image.height()) == (400, 500)
    assert len(_vermillion_columns(image)) > 10


def test_a_pattern_that_wraps_the_body_is_drawn_on_two_panels(qapp: object) -> None:
    """Rectus abdominis, both sides: front and back side by side, the pattern on each half."""
    image = render_picture(load_atlas().atlas, "rectus_abdominis", (800, 1000), side="both")
    columns = _vermillion_columns(image)
    assert any(x < 380 for x in columns) and any(x > 420 for x in columns)


def test_dark_theme_has_a_dark_background(qapp: object) -> None:
    atlas = load_atlas().atlas
    light = render_picture(atlas, "infraspinatus", (300, 400), theme="light").pixelColor(2, 2)
    dark = render_picture(atlas, "infraspinatus", (300, 400), theme="dark").pixelColor(2, 2)
    assert light.lightness() > 200
    assert dark.lightness() < 80


def test_svg_output_is_a_drawing_with_the_muscle_name(qapp: object, tmp_path: Path) -> None:
    renderer = PictureRenderer(load_atlas().atlas)
    try:
        path = tmp_path / "masseter.svg"
        assert renderer.write(PictureSpec("masseter", 600, 700), path)
        text = path.read_text(encoding="utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text and "Masseter" in text
    finally:
        renderer.close()


def test_picture_command_writes_png_and_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    assert main(["picture", "gluteus_minimus", "-o", str(png), "--size", "400x500", "--theme", "dark"]) == 0
    assert main(["picture", "gluteus_minimus", "-o", str(svg), "--side", "both"]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (400, 500)
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_picture_all_writes_one_file_per_muscle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pics"
    assert main(["picture", "--all", "-o", str(out), "--size", "200x250"]) == 0
    with_points = [m.id for m in load_atlas().atlas.muscles.values() if m.trigger_points]
    assert sorted(p.stem for p in out.glob("*.png")) == sorted(with_points)
    assert f"{len(with_points)} pictures written" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["masseterr", "-o", "{tmp}/m.png"], "did you mean masseter?"),
        (["masseter", "-o", "{tmp}/m.png", "--side", "lef"], "did you mean left?"),
        (["masseter", "-o", "{tmp}/m.png", "--view", "lateal"], "did you mean lateral?"),
        (["masseter", "-o", "{tmp}/m.png", "--size", "800by1000"], "WIDTHxHEIGHT"),
        (["masseter", "-o", "{tmp}/m.png", "--size", "5x5"], "each edge must be"),
        (["masseter", "-o", "{tmp}/m.png", "--theme", "drak"], "did you mean dark?"),
        (["masseter", "-o", "{tmp}/missing/m.png"], "does not exist"),
        (["masseter", "-o", "{tmp}/m.gif"], "must end in .png or .svg"),
        (["masseter"], "-o FILE"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["picture", *(a.replace("{tmp}", str(tmp_path)) for a in args)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("m.*"))


def test_picture_command_in_a_fresh_process_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studyapp", "picture", "no_such_muscle", "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unknown muscle id" in done.stderr


def test_printed_handouts_use_the_composed_picture(qapp: object, tmp_path: Path) -> None:
    from studyapp.ui.course_print import render_pictures

    found = render_pictures(load_atlas().atlas, ["masseter", "no_such_muscle"], tmp_path)
    assert list(found) == ["masseter"]
    image = QImage(str(found["masseter"]))
    assert (image.width(), image.height()) == (900, 1000)
    assert len(_vermillion_columns(image)) > 10
