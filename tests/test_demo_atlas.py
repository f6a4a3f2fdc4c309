"""The demo atlas fixture loads cleanly and agrees with the bundled region catalogue."""

from __future__ import annotations

from studyapp.content.loader import load_atlas
from tests.helpers.demo import demo_atlas


def test_the_demo_atlas_loads_its_eight_muscles_without_a_problem() -> None:
    atlas = demo_atlas()
    assert len(atlas.muscles) == 8
    assert {m.area for m in atlas.muscles.values()} >= {"neck", "hip_thigh", "trunk"}


def test_demo_regions_have_the_bundled_catalogues_sides_views_and_areas() -> None:
    bundled = load_atlas().atlas.regions
    for region in demo_atlas().regions.values():
        real = bundled[region.id]
        assert (region.side, region.view, region.parent) == (real.side, real.view, real.parent), region.id
    assert demo_atlas().regions["sacrum"].side == "midline"
