"""Mastery on the body chart: each studied muscle's recall painted where its trigger points lie."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from studyapp.bodychart.mastery import mastery_by_site, mastery_colour, muscle_sites
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_shapes import Drawing, drawings_from_json, load_drawings
from studyapp.ui.mastery_map import PROMPT, MasteryMap
from tests.helpers.atlas_files import make_root, muscle, trigger_point, write_muscle
from tests.test_bodychart_view import synthetic_geometry

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture
def drawings() -> dict[str, Drawing]:
    return drawings_from_json(synthetic_geometry())


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    root = make_root(tmp_path)
    minimus = [
        trigger_point("tp1", ["lateral_hip"], [], {"posterior": [265, 470], "lateral": [210, 500]}),
        trigger_point("tp2", ["lateral_hip"], [], {"posterior": [225, 530]}),
        trigger_point("tp3", ["lateral_hip"], [], {"posterior": [270, 480]}),  # same region as tp1
    ]
    write_muscle(
        root, muscle(id="gluteus_minimus", name="Gluteus minimus", aliases=[], trigger_points=minimus)
    )
    medius = [trigger_point("tp1", ["lateral_hip"], [], {"posterior": [250, 450]})]
    write_muscle(root, muscle(id="gluteus_medius", name="Gluteus medius", aliases=[], trigger_points=medius))
    piriformis = [trigger_point("tp1", ["lateral_hip"], [], {"posterior": [200, 470]})]
    write_muscle(root, muscle(id="piriformis", name="Piriformis", aliases=[], trigger_points=piriformis))
    result = load_atlas(root)
    assert result.ok, result.problems
    return result.atlas


def test_each_muscle_lies_in_the_regions_under_its_markers(
    atlas: Atlas, drawings: dict[str, Drawing]
) -> None:
    posterior = muscle_sites(atlas, drawings["posterior"])
    assert posterior["gluteus_minimus"] == (
        ("buttock_upper_lateral", "right"),
        ("buttock_lower_medial", "right"),
    )  # two markers in one region count once
    assert posterior["piriformis"] == (("sacrum", "midline"),)
    assert muscle_sites(atlas, drawings["lateral"]) == {"gluteus_minimus": (("greater_trochanter", "right"),)}


def test_a_shared_region_shows_the_mean_and_lists_the_weakest_first(
    atlas: Atlas, drawings: dict[str, Drawing]
) -> None:
    sites = muscle_sites(atlas, drawings["posterior"])
    by_site = mastery_by_site(sites, {"gluteus_minimus": 0.2, "gluteus_medius": 0.8})
    upper = by_site[("buttock_upper_lateral", "right")]
    assert upper.mastery == pytest.approx(0.5)
    assert upper.muscles == (("gluteus_minimus", 0.2), ("gluteus_medius", 0.8))
    assert by_site[("buttock_lower_medial", "right")].muscles == (("gluteus_minimus", 0.2),)
    assert ("sacrum", "midline") not in by_site  # piriformis was not studied, so it is not on the map


def test_out_of_range_mastery_is_clamped(atlas: Atlas, drawings: dict[str, Drawing]) -> None:
    sites = muscle_sites(atlas, drawings["posterior"])
    by_site = mastery_by_site(sites, {"piriformis": 1.7})
    assert by_site[("sacrum", "midline")].mastery == 1.0


def test_the_colour_scale_runs_from_dark_to_light_and_clamps() -> None:
    assert mastery_colour(0.0) == "#440154" and mastery_colour(1.0) == "#fde725"
    assert mastery_colour(-3) == mastery_colour(0.0) and mastery_colour(7) == mastery_colour(1.0)

    def luminance(hex_colour: str) -> float:
        colour = QColor(hex_colour)
        return 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()

    steps = [luminance(mastery_colour(i / 20)) for i in range(21)]
    assert all(b > a for a, b in pairwise(steps))  # more recall, lighter: readable without colour vision


def _close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_map_paints_studied_muscles_and_lists_them_on_click(
    qtbot: Any, atlas: Atlas, drawings: dict[str, Drawing]
) -> None:
    view = MasteryMap(atlas, drawings)
    qtbot.addWidget(view)
    view.resize(500, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_view("posterior")
    view.set_mastery({"gluteus_minimus": 0.9})
    canvas = view.canvas

    def pixel(x: float, y: float) -> QColor:
        image = canvas.viewport().grab().toImage()
        return image.pixelColor(canvas.mapFromScene(QPointF(x, y)))

    assert _close(pixel(280, 490), QColor(mastery_colour(0.9)))  # gluteus minimus's region
    assert not _close(pixel(200, 480), QColor(mastery_colour(0.0)), 40)  # piriformis: not studied, white
    assert not _close(pixel(130, 490), QColor(mastery_colour(0.9)))  # the left side is not painted
    assert view.detail.text() == PROMPT
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(280, 490)))
    assert "Buttock, upper lateral" in view.detail.text()
    assert '<a href="gluteus_minimus">Gluteus minimus</a> 90%' in view.detail.text()
    with qtbot.waitSignal(view.muscleChosen) as chosen:
        view.detail.linkActivated.emit("gluteus_minimus")  # what clicking the link does
    assert chosen.args == ["gluteus_minimus"]
    view.set_mastery({})
    assert not _close(pixel(280, 490), QColor(mastery_colour(0.9)))  # repainted when progress changes


def test_only_views_where_muscles_lie_are_offered(
    qtbot: Any, atlas: Atlas, drawings: dict[str, Drawing]
) -> None:
    drawings = {**drawings, "empty": replace(drawings["lateral"], id="empty")}  # drawn, but no markers
    view = MasteryMap(atlas, drawings)
    qtbot.addWidget(view)
    offered = [view.view_combo.itemData(i) for i in range(view.view_combo.count())]
    assert offered == ["posterior", "lateral"]


def test_the_real_atlas_puts_the_gluteals_on_the_buttock() -> None:
    atlas = load_atlas().atlas
    drawings = load_drawings()
    posterior = muscle_sites(atlas, drawings["posterior"])
    assert any(region.startswith("buttock") for region, _ in posterior["gluteus_medius"])
    located = {m for view in drawings.values() for m in muscle_sites(atlas, view)}
    assert located == set(atlas.muscles)  # every muscle can be painted somewhere
