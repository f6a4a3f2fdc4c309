"""One search box for muscles and acupuncture points: a point is found by its code however it is
typed, by pinyin with or without tones, by its English name or its Han characters, and says why."""

from __future__ import annotations

from functools import cache

import pytest

from studyapp.content.acupoints import PointAtlas, load_points
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.search import Filters, Hit, SearchIndex


@cache
def _atlas() -> Atlas:
    return load_atlas().atlas


@cache
def _points() -> PointAtlas:
    atlas = _atlas()
    return load_points(muscle_ids=atlas.muscles, views=atlas.views).atlas


@cache
def _index() -> SearchIndex:
    return SearchIndex(list(_atlas().muscles.values()), points=_points())


def _first_point(query: str) -> Hit:
    return next(h for h in _index().search(query) if h.kind == "point")


@pytest.mark.parametrize("query", ["GB30", "gb 30", "GB-30", "gb30", " Gb.30 "])
def test_a_code_however_typed_finds_the_point_first_then_the_muscles_under_it(query: str) -> None:
    hits = _index().search(query)
    assert hits[0].point == "GB30" and hits[0].kind == "point" and hits[0].reason == "code"
    assert hits[0].muscle_id == "" and hits[0].id == "GB30"
    muscles = [h.muscle_id for h in hits[1:] if h.kind == "muscle"]
    assert "piriformis" in muscles  # the muscles whose records name GB30 still follow


@pytest.mark.parametrize(
    ("query", "code", "reason"),
    [
        ("Zúsānlǐ", "ST36", "pinyin: Zúsānlǐ"),
        ("zusanli", "ST36", "pinyin: Zúsānlǐ"),
        ("zu san li", "ST36", "pinyin: Zúsānlǐ"),
        ("zu3 san1 li3", "ST36", "pinyin: Zúsānlǐ"),
        ("足三里", "ST36", "Han characters: 足三里"),
        ("Leg Three Miles", "ST36", "English name: Leg Three Miles"),
        ("hegu", "LI4", "pinyin: Hégǔ"),
        ("jumping circ", "GB30", "English name: Jumping Circle"),
        ("SJ5", "TE5", "code"),  # the older code of the triple energizer
    ],
)
def test_names_in_every_form_find_the_point_and_say_why(query: str, code: str, reason: str) -> None:
    hit = _first_point(query)
    assert (hit.point, hit.reason) == (code, reason)
    assert hit.matched  # what matched, as written in the record


def test_an_older_code_or_name_finds_the_standard_point() -> None:
    hit = _first_point("GV29")  # Yintang was counted on the governor vessel before 2006
    assert (hit.point, hit.reason) == ("EX-HN3", "older code GV29 = EX-HN3")
    assert _first_point("renzhong").reason == "alias: Renzhong"


def test_a_channel_prefix_lists_its_points_in_order_after_the_muscles() -> None:
    hits = _index().search("gb")
    points = [h.point for h in hits if h.kind == "point"]
    assert points == list(_points().channels["GB"].points)
    assert all(h.reason == "channel GB" for h in hits if h.kind == "point")


def test_a_muscle_name_still_comes_first_and_points_do_not_crowd_it() -> None:
    hits = _index().search("glut med")
    assert hits[0].muscle_id == "gluteus_medius" and hits[0].kind == "muscle"
    assert not [h for h in hits if h.kind == "point"]


def test_filters_and_an_index_without_points_give_muscles_only() -> None:
    muscles = list(_atlas().muscles.values())
    assert all(h.kind == "muscle" for h in SearchIndex(muscles).search("GB30"))
    filtered = _index().search("GB30", Filters(area="hip_thigh"))
    assert filtered and all(h.kind == "muscle" for h in filtered)


def test_points_are_loaded_on_the_first_query_that_needs_them() -> None:
    calls: list[int] = []

    def load() -> PointAtlas:
        calls.append(1)
        return _points()

    index = SearchIndex(list(_atlas().muscles.values()), points=load)
    index.search("")
    assert calls == []
    assert index.search("LI4")[0].point == "LI4"
    index.search("ST36")
    assert calls == [1]
