"""The point atlas: every written channel complete and in order, every point placed on the figure,
facts a student relies on filled in, and every authoring mistake named with file, line and field."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from studyapp.bodychart.geometry import load_geometry, point_in_polygon
from studyapp.cli import main
from studyapp.content.acupoints import (
    CATEGORY_KINDS,
    CHANNELS,
    EXTRA,
    FIVE_SHU,
    PointAtlas,
    PointLoadResult,
    category_kind,
    load_points,
    normalise_code,
)
from studyapp.content.acupoints_export import unknown_muscle_codes
from studyapp.content.acupoints_search import PointIndex, fold
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.paths import resources_dir


@cache
def _atlas() -> Atlas:
    return load_atlas().atlas


@cache
def _points() -> PointLoadResult:
    atlas = _atlas()
    return load_points(muscle_ids=atlas.muscles, views=atlas.views)


def _bundled() -> PointAtlas:
    return _points().atlas


WRITTEN = [cid for cid in CHANNELS if cid in _bundled().channels]


def test_bundled_point_files_load_without_problems() -> None:
    assert [str(p) for p in _points().problems] == []
    assert WRITTEN, "at least one channel file is bundled"


def test_all_361_points_of_the_14_channels_are_in_the_atlas() -> None:
    atlas = _bundled()
    assert list(atlas.channels)[:14] == list(CHANNELS)
    assert len(atlas.channel_points()) == sum(CHANNELS.values()) == 361


def test_the_commonly_taught_extra_points_are_in_the_atlas() -> None:
    taught = {"EX-HN1", "EX-HN3", "EX-HN5", "EX-B2", "EX-B8", "EX-UE7", "EX-UE9", "EX-UE11"}
    taught |= {"EX-LE2", "EX-LE5", "EX-LE6", "EX-LE7", "EX-LE10"}
    assert taught <= {p.code for p in _bundled().extra_points()}


@pytest.mark.parametrize("cid", WRITTEN)
def test_each_written_channel_has_all_its_points_in_order(cid: str) -> None:
    channel = _bundled().channels[cid]
    assert channel.points == tuple(f"{cid}{n}" for n in range(1, CHANNELS[cid] + 1))


@pytest.mark.parametrize("cid", WRITTEN)
def test_every_point_fills_every_field_a_student_reads(cid: str) -> None:
    atlas = _bundled()
    empty = []
    for code in atlas.channels[cid].points:
        p = atlas.points[code]
        filled = {
            "pinyin": p.pinyin,
            "han": p.han,
            "english": p.english,
            "location": p.location,
            "structures": (p.structures.muscles or p.structures.other)
            and p.structures.nerves
            and p.structures.vessels,
            "needling": p.needling.angle and p.needling.depth and p.needling.cautions,
            "markers": p.markers,
            "sources": p.sources,
        }
        empty += [f"{code}.{name}" for name, value in filled.items() if not value]
        if any(ch.isascii() for ch in p.han):
            empty.append(f"{code}.han is not Han characters")
    assert empty == []


@pytest.mark.parametrize("cid", [c for c in WRITTEN if c not in ("GV", "CV")])
def test_limb_channels_have_one_point_of_each_classic_category(cid: str) -> None:
    atlas = _bundled()
    points = [atlas.points[c] for c in atlas.channels[cid].points]
    for kind in (*FIVE_SHU, "yuan-source", "luo-connecting", "xi-cleft"):
        # "xi-cleft: yang wei mai" (GB35) or "luo-connecting: great luo of the spleen" (SP21) belong
        # to a vessel or a second network, not to the channel itself.
        holders = [
            p.code
            for p in points
            if any(category_kind(c) == kind and "mai" not in c and "great" not in c for c in p.categories)
        ]
        assert len(holders) == 1, f"{cid} {kind}: {holders}"


# Points of the upper limb (shoulder to fingers). In the lateral view the right arm hangs in front
# of the side of the trunk as its own outline; only these points may be drawn on it.
ARM_POINTS = frozenset(
    [f"LU{n}" for n in range(3, 12)]
    + [f"LI{n}" for n in range(1, 16)]
    + [f"HT{n}" for n in range(1, 10)]
    + [f"SI{n}" for n in range(1, 11)]
    + [f"PC{n}" for n in range(2, 10)]
    + [f"TE{n}" for n in range(1, 15)]
    + ["EX-UE7", "EX-UE9", "EX-UE11"]
)


def test_only_arm_points_are_drawn_on_the_arm_in_the_lateral_view() -> None:
    arm = load_geometry()["lateral"].outline[1]
    on_arm = {
        p.code
        for p in _bundled().points.values()
        for m in p.markers
        if m.view == "lateral" and point_in_polygon(arm, m.x, m.y)
    }
    assert on_arm, "the upper-arm points of LI and TE are drawn on the arm"
    assert on_arm <= ARM_POINTS


def test_categories_use_the_vocabulary() -> None:
    kinds = {category_kind(c) for p in _bundled().points.values() for c in p.categories}
    assert kinds <= CATEGORY_KINDS.keys()


@pytest.mark.parametrize(
    ("code", "word"),
    [
        # Pneumothorax is the commonest serious needling injury; the others are the classic dangers.
        ("GB21", "lung"),
        ("GB22", "pneumothorax"),
        ("LU1", "pneumothorax"),
        ("LU2", "axillary"),
        ("ST12", "pleura"),
        ("BL13", "pneumothorax"),
        ("BL43", "pneumothorax"),
        ("SI14", "pneumothorax"),
        ("LR14", "pneumothorax"),
        ("KI25", "pneumothorax"),
        ("ST9", "carotid"),
        ("CV22", "trachea"),
        ("CV17", "sternal foramen"),
        ("BL1", "eyeball"),
        ("ST1", "eyeball"),
        ("GB20", "medulla"),
        ("GV15", "medulla"),
        ("GV16", "medulla"),
        ("GB30", "sciatic"),
        ("BL40", "popliteal"),
        ("GB34", "fibular nerve"),
        ("PC6", "median nerve"),
        ("LU9", "radial artery"),
        ("BL23", "kidney"),
        ("LI4", "pregnancy"),
        ("SP6", "pregnancy"),
        ("CV8", "contraindicated"),
    ],
)
def test_points_over_danger_areas_name_what_is_at_risk(code: str, word: str) -> None:
    point = _bundled().points[code]
    assert word in " ".join(point.needling.cautions).lower()


def test_points_over_the_chest_wall_are_never_needled_perpendicular_and_deep() -> None:
    chest = ["GB22", "GB23", "LU1", "ST14", "ST15", "ST16", "ST18", "SP17", "SP18", "SP19", "SP20", "SP21"]
    chest += ["KI22", "KI23", "KI24", "KI25", "KI26", "PC1", "LR14", "GB24"]
    chest += [f"BL{n}" for n in (*range(11, 20), *range(41, 50))]
    for code in chest:
        needling = _bundled().points[code].needling
        assert needling.angle.startswith(("oblique", "transverse")), code


def test_muscle_acupoint_codes_exist_in_the_point_atlas() -> None:
    """Every code a muscle record names resolves to a point record (older codes through aliases)."""
    assert unknown_muscle_codes(_atlas(), _bundled()) == []


# --- bad input -------------------------------------------------------------------------------


def _good_file() -> dict[str, Any]:
    text = (resources_dir() / "acupoints" / "gb.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _write(tmp_path: Path, data: dict[str, Any], name: str = "gb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _messages(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    path = _write(tmp_path, data)
    atlas = _atlas()
    result = load_points(muscle_ids=atlas.muscles, views=atlas.views, files=[path])
    return [str(p) for p in result.problems]


def test_the_gb_file_as_written_back_still_loads(tmp_path: Path) -> None:
    assert _messages(tmp_path, _good_file()) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["points"][29].update(code="GB45"), "points[30].code: unknown point code 'GB45'"),
        (lambda d: d["points"][29].update(code="GB-30"), "did you mean 'GB30'"),
        (lambda d: d["points"][29].update(code="ST36"), "'ST36' does not belong to the GB channel"),
        (lambda d: d["points"][30].update(code="GB30"), "duplicate point code 'GB30'"),
        (lambda d: d["points"].insert(5, d["points"].pop(9)), "'GB10' is out of order: GB6 was expected"),
        (lambda d: d["points"].pop(), "the GB channel has 44 points; the file stops at GB43"),
        (
            lambda d: d["points"][29]["markers"].update(posterior=[450, 497]),
            "points[30].markers.posterior: marker [450, 497] is outside the 'posterior' view",
        ),
        (
            lambda d: d["points"][29]["markers"].update(posterior=[390, 300]),
            "points[30].markers.posterior: marker [390, 300] lies outside the drawn figure",
        ),
        (lambda d: d["points"][29]["markers"].update(backside=[1, 1]), "unknown view 'backside'"),
        (
            lambda d: d["points"][29]["structures"]["muscles"].append("gluteus_maximum"),
            "points[30].structures.muscles[4]: unknown muscle id 'gluteus_maximum' "
            "(did you mean 'gluteus_maximus'?)",
        ),
        (lambda d: d["points"][33]["categories"].append("he sea: earth"), "unknown category 'he sea'"),
        (lambda d: d["points"][29]["sources"].append("nobody"), "unknown source id 'nobody'"),
        (lambda d: d["points"][29]["needling"].update(cautions=[]), "needling.cautions: must list at least"),
        (lambda d: d["points"][29].pop("location"), "points[30]: missing required field 'location'"),
        (lambda d: d["points"][29].update(loaction="x"), "field 'loaction' (did you mean 'location'?)"),
        (lambda d: d.update(schema=1), "schema: must be 2"),
    ],
)
def test_each_authoring_mistake_is_named_with_file_line_and_field(
    tmp_path: Path, change: Any, expected: str
) -> None:
    data = copy.deepcopy(_good_file())
    change(data)
    found = _messages(tmp_path, data)
    hits = [m for m in found if expected in m]
    assert hits, found
    assert all(m.startswith(str(tmp_path / "gb.yaml")) or m.startswith("gb.yaml") for m in hits)
    if "stops at" not in expected and "schema" not in expected:
        assert any(":" in m.split(": ")[0] for m in hits), "the message names the line"


def test_a_point_with_an_error_is_left_out_but_its_channel_still_loads(tmp_path: Path) -> None:
    data = copy.deepcopy(_good_file())
    data["points"][29]["code"] = "GB45"
    atlas = _atlas()
    result = load_points(muscle_ids=atlas.muscles, views=atlas.views, files=[_write(tmp_path, data)])
    assert "GB31" in result.atlas.points and "GB45" not in result.atlas.points


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "gb.yaml"
    path.write_text("schema: 2\npoints: [unclosed\n", encoding="utf-8")
    result = load_points(files=[path])
    assert result.problems and "is not valid YAML" in str(result.problems[0])


def test_validate_reports_a_bad_point_file_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "acupoints"
    folder.mkdir()
    data = copy.deepcopy(_good_file())
    data["points"][29]["code"] = "GB45"
    path = _write(folder, data)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "unknown point code 'GB45'" in out and "gb.yaml" in out


def test_validate_counts_channel_points_and_field_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "361 of 361 channel points in 14 channel files" in out
    assert "point field coverage" in out


# --- export ----------------------------------------------------------------------------------


def test_export_lists_acupoints_and_links_muscle_entries_to_them() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studyapp", "export", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data = json.loads(done.stdout)
    assert {"muscles", "regions", "views", "areas", "acupoints"} <= data.keys()
    codes = {p["code"] for p in data["acupoints"]}
    assert "GB30" in codes
    gb30 = next(p for p in data["acupoints"] if p["code"] == "GB30")
    assert {"code", "pinyin", "han", "english", "channel", "location"} <= gb30.keys()
    assert {"structures", "needling", "categories", "markers", "sources"} <= gb30.keys()
    assert {"angle", "depth", "cautions"} <= gb30["needling"].keys()
    assert "piriformis" in gb30["structures"]["muscles"]
    assert gb30["channel"] == "GB" and gb30["han"] == "环跳"
    entries = [e for m in data["muscles"] for e in m["acupoints"]]
    assert all({"code", "name", "note", "point"} <= e.keys() for e in entries)
    linked = [e for e in entries if e["point"] is not None]
    assert linked and all(e["point"] in codes for e in linked)
    gluteus = next(m for m in data["muscles"] if m["id"] == "gluteus_medius")
    assert "GB30" in [e["point"] for e in gluteus["acupoints"]]


# --- codes and search ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("GB30", "GB30"),
        ("gb 30", "GB30"),
        ("GB-30", "GB30"),
        ("gb030", "GB30"),
        ("SJ5", "TE5"),
        ("Liv3", "LR3"),
        ("ex-hn 3", "EX-HN3"),
        ("EX B2", "EX-B2"),
        ("XY3", None),
        ("huantiao", None),
    ],
)
def test_typed_codes_normalise_to_the_who_form(typed: str, code: str | None) -> None:
    assert normalise_code(typed) == code


def test_fold_drops_tones_spaces_and_case() -> None:
    assert fold("Huántiào") == fold("huan tiao") == "huantiao"


@pytest.mark.parametrize(
    "query", ["GB30", "gb 30", "GB-30", "Huántiào", "huantiao", "Huan tiao", "jumping circle", "环跳"]
)
def test_search_finds_a_point_by_code_pinyin_english_or_han(query: str) -> None:
    found = PointIndex(_bundled()).search(query)
    assert found and found[0].code == "GB30"


def test_search_ranks_a_name_start_before_a_name_inside() -> None:
    found = [p.code for p in PointIndex(_bundled()).search("yang")]
    assert found[:1] and _bundled().points[found[0]].pinyin.lower().startswith("yáng")
    assert PointIndex(_bundled()).search("") == []
    assert PointIndex(_bundled()).search("zzzz") == []


def test_extra_points_are_kept_apart_from_channel_points() -> None:
    atlas = _bundled()
    assert all(p.channel == EXTRA for p in atlas.extra_points())
    assert all(p.channel in CHANNELS for p in atlas.channel_points())
