"""Content model v2: schema version and migration, zone sides, drawn outlines, layered roots, translations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from studyapp.bodychart.overlay import OverlayModel, Side
from studyapp.bodychart.painfinder import PainFinder
from studyapp.cli import main
from studyapp.content.i18n import text_hash
from studyapp.content.loader import bundled_root, load_atlas
from studyapp.content.migrate import migrate_text
from studyapp.content.model import Root
from studyapp.content.outline import COVER_SHARE, parse_path
from studyapp.paths import resources_dir
from studyapp.quiz.cards import generate_cards
from tests.helpers.atlas_files import make_root, muscle, trigger_point, write_muscle

BAND = "M 200 338 C 225 335 250 334 268 337 C 273 345 273 358 269 366 C 245 369 222 369 200 367 Z"


def _write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _messages(result: Any) -> list[str]:
    return [str(p) for p in result.problems]


# -- 1. schema version and migration ----------------------------------------------------------------


def test_every_bundled_content_file_states_schema_2_first() -> None:
    files = [
        *sorted((resources_dir() / "muscles").glob("*/*.yaml")),
        resources_dir() / "bodychart" / "regions.yaml",
    ]
    assert len(files) == 151
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert next(iter(data)) == "schema" and data["schema"] == 2, path
    result = load_atlas()
    assert result.ok and result.old_files == []
    assert len(result.atlas.muscles) == 150


def test_migrate_keeps_comments_and_key_order_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    text = "# Header comment kept above the first key\n\nid: test_muscle  # trailing comment\n"
    original = write_muscle(root, muscle()).read_text(encoding="utf-8")
    path = write_muscle(root, text + original.split("\n", 1)[1], name="test_muscle")
    before = path.read_text(encoding="utf-8")
    assert main(["migrate", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("\nid: test_muscle", "\nschema: 2\nid: test_muscle", 1)
    assert main(["migrate", str(root)]) == 0
    assert path.read_text(encoding="utf-8") == after
    assert migrate_text("schema: 1  # old\nid: x\n") == "schema: 2  # old\nid: x\n"
    assert load_atlas(root).old_files == []


def test_a_version_1_file_still_loads_and_a_newer_one_is_refused_by_name(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())  # no schema key: version 1
    write_muscle(root, {"schema": 3, **muscle(id="future", name="Future", aliases=[])})
    result = load_atlas(root)
    assert "test_muscle" in result.atlas.muscles
    assert result.old_files == ["resources/muscles/hip_thigh/test_muscle.yaml"]
    assert any("future.yaml:1: schema: 3 was written for a newer studyapp" in m for m in _messages(result))


def test_migrate_reports_a_broken_file_without_touching_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    assert main(["migrate", str(broken), str(tmp_path / "missing.yaml")]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:2" in err and "is not valid YAML" in err and "missing.yaml: no such file" in err
    assert broken.read_text(encoding="utf-8") == "id: [unclosed\n"


# -- 2. sides ----------------------------------------------------------------------------------------


def test_rectus_abdominis_back_band_is_a_bilateral_pattern_drawn_on_both_sides() -> None:
    atlas = load_atlas().atlas
    upper = atlas.muscles["rectus_abdominis"].trigger_points[0]
    band = next(z for z in upper.zones if z.essential and z.side == "both")
    assert "thoracolumbar_paraspinal" in band.regions
    assert "thoracolumbar_paraspinal" in upper.essential_zones  # v1 meaning kept: on the tp's own side
    overlay = OverlayModel(atlas)
    overlay.show("rectus_abdominis")
    overlay.show_only_tp("rectus_abdominis", upper.id)
    (panel,) = overlay.panels("posterior", one_sided=False)
    mark = next(z for z in overlay.zones() if z.region == "lower_thoracic_paraspinal")
    assert overlay.fill_sides(mark, panel) == {"right", "left", "midline"}
    same = next(z for z in overlay.zones() if z.region == "epigastrium")
    assert overlay.fill_sides(same, panel) == {"right", "midline"}
    assert not any("both sides" in note for note in atlas.muscles["rectus_abdominis"].notes)


@pytest.fixture
def sided_root(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    crossing = trigger_point("tp1", [], [], {"anterior": [160, 400], "lateral": [220, 400]})
    crossing["zones"] = [{"kind": "essential", "side": "opposite", "regions": ["lateral_thigh_upper"]}]
    both = trigger_point("tp1", [], [], {"anterior": [180, 400]})
    both["zones"] = [{"kind": "essential", "side": "both", "regions": ["lateral_thigh_upper"]}]
    same = trigger_point("tp1", ["lateral_thigh_upper"], [], {"anterior": [170, 400]})
    for mid, tp in (("crosser", crossing), ("both_sider", both), ("same_sider", same)):
        write_muscle(root, {"schema": 2, **muscle(id=mid, name=mid.title(), aliases=[], trigger_points=[tp])})
    return root


def test_left_sided_pain_finds_the_right_sided_trigger_point_of_an_opposite_zone(sided_root: Path) -> None:
    finder = PainFinder(load_atlas(sided_root).atlas)
    answer = finder.query(["lateral_thigh_upper"], side="left")
    sides = {m.muscle_id: m.tp_sides for m in answer.matches}
    assert sides == {"crosser": ("right",), "both_sider": ("either",), "same_sider": ("left",)}
    assert [m.tp_sides for m in finder.query(["lateral_thigh_upper"]).matches] == [("",)] * 3  # old API


def test_pain_on_both_sides_ranks_a_bilateral_zone_first(sided_root: Path) -> None:
    answer = PainFinder(load_atlas(sided_root).atlas).query_sided(
        [("lateral_thigh_upper", "left"), ("lateral_thigh_upper", "right")]
    )
    scores = {m.muscle_id: m.score for m in answer.matches}
    assert answer.matches[0].muscle_id == "both_sider"
    assert scores == {"both_sider": 1.0, "crosser": 0.5, "same_sider": 0.5}


def test_one_sided_view_gains_the_left_drawing_for_an_opposite_zone_without_a_marker(
    sided_root: Path,
) -> None:
    overlay = OverlayModel(load_atlas(sided_root).atlas)
    overlay.set_side(Side.RIGHT)
    overlay.show("same_sider")
    assert [p.body_side for p in overlay.panels("lateral", one_sided=True)] == ["right"]
    overlay.show("crosser")
    panels = overlay.panels("lateral", one_sided=True)
    assert [p.body_side for p in panels] == ["right", "left"]
    zone = overlay.zones()[0]
    assert [bool(overlay.fill_sides(zone, p)) for p in panels] == [False, True]
    assert [m.side for m in overlay.markers("lateral", one_sided=True)] == ["right"]


def test_click_card_accepts_regions_across_the_midline(sided_root: Path) -> None:
    cards = {c.id: c for c in generate_cards(load_atlas(sided_root).atlas)}
    assert cards["crosser:click_referral:tp1"].zones == ("lateral_thigh_upper",)


# -- 3. drawn outlines ------------------------------------------------------------------------------


def test_outline_covers_the_regions_it_mostly_lies_over() -> None:
    upper = load_atlas().atlas.muscles["rectus_abdominis"].trigger_points[0]
    band = next(z for z in upper.zones if z.outlines)
    assert band.covered == ("thoracolumbar_paraspinal",)  # the band is too thin for lumbar_paraspinal
    assert band.outline_on("posterior") is not None and COVER_SHARE == 0.30
    parsed = parse_path("m 10 10 h 20 v 20 h -20 z")
    assert parsed.closed and parsed.points == ((10, 10), (30, 10), (30, 30), (10, 30))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("M 200 338 L 268 337 L 269 366 L 200 367", "path is not closed: end it with Z"),
        ("M 200 338 L 468 337 L 469 366 Z", "path leaves the 'posterior' view (0..400 x 0..1000)"),
        ("M 2 2 L 6 2 L 6 6 L 2 6 Z", "lies outside the figure"),
        ("M 230 360 L 232 360 L 232 362 L 230 362 Z", "covers no region (a region counts when"),
        ("M 200 338 Q 1 Z", "'Q' needs 4 numbers"),
        ("circle(5)", "not SVG path data"),
    ],
)
def test_bad_outline_is_an_error_naming_file_line_and_field(tmp_path: Path, path: str, message: str) -> None:
    root = make_root(tmp_path)
    tp = trigger_point("tp1", ["greater_trochanter"])
    tp["zones"] = [{"kind": "spillover", "outline": {"posterior": path}}]
    write_muscle(root, {"schema": 2, **muscle(id="bad", name="Bad", aliases=[], trigger_points=[tp])})
    write_muscle(root, muscle())
    result = load_atlas(root)
    (problem,) = result.problems
    assert problem.file == "resources/muscles/hip_thigh/bad.yaml"
    assert problem.field == "trigger_points[1].zones[1].outline.posterior"
    assert problem.line is not None and message in problem.message
    assert list(result.atlas.muscles) == ["test_muscle"]  # the valid record still loads


@pytest.mark.parametrize(
    ("zone", "field", "message"),
    [
        (
            {"kind": "essential", "side": "across", "regions": ["sacrum"]},
            "zones[1].side",
            "same, opposite, both",
        ),
        ({"kind": "main", "regions": ["sacrum"]}, "zones[1].kind", "must be one of essential, spillover"),
        ({"kind": "essential"}, "zones[1]", "a zone needs regions, an outline, or both"),
        ({"kind": "essential", "regions": ["sacrun"]}, "zones[1].regions[1]", "did you mean 'sacrum'"),
        (
            {"kind": "essential", "outline": {"side_view": "M 1 1 Z"}},
            "zones[1].outline.side_view",
            "unknown view",
        ),
        (
            {"kind": "essential", "outline": "M 1 1 Z"},
            "zones[1].outline",
            "must be a mapping of names to text",
        ),
    ],
)
def test_malformed_zone_fields_are_reported(
    tmp_path: Path, zone: dict[str, Any], field: str, message: str
) -> None:
    root = make_root(tmp_path)
    tp = trigger_point("tp1", ["greater_trochanter"])
    tp["zones"] = [zone]
    write_muscle(root, {"schema": 2, **muscle(trigger_points=[tp])})
    problems = load_atlas(root).problems
    assert any(p.field == f"trigger_points[1].{field}" and message in p.message for p in problems), problems


# -- 4. layered roots -------------------------------------------------------------------------------


def _pack(tmp_path: Path, name: str, record: dict[str, Any], file: str = "gmed_extra") -> Root:
    folder = tmp_path / name
    _write_yaml(folder / "muscles" / "hip_thigh" / f"{file}.yaml", {"schema": 2, **record})
    return Root(folder, name.replace("_", " ").title(), "course_pack")


EXTENSION: dict[str, Any] = {
    "extends": "gluteus_medius",
    "trigger_points": [
        {
            "id": "dn1",
            "label": "Dry-needling entry point",
            "location": "Midway between the iliac crest and the greater trochanter.",
            "markers": {"lateral": [190, 470]},
            "essential_zones": ["lateral_hip"],
        }
    ],
    "notes": ["Course note: palpate in side-lying."],
    "self_care": [{"name": "Clam shells", "instructions": "Side-lying, lift the top knee."}],
    "acupoints": [{"code": "GB28", "name": "Weidao"}],
}


def test_a_course_pack_extends_a_bundled_muscle_and_removing_it_removes_exactly_that(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "dry_needling_level_1", EXTENSION)
    alone = load_atlas(roots=[bundled_root()]).atlas
    layered = load_atlas(roots=[bundled_root(), pack])
    assert layered.ok, layered.problems
    before, after = alone.muscles["gluteus_medius"], layered.atlas.muscles["gluteus_medius"]
    assert [tp.id for tp in after.trigger_points] == [*(tp.id for tp in before.trigger_points), "dn1"]
    assert after.notes[-1] == "Course note: palpate in side-lying." and after.origin == before.origin
    assert after.provenance.of("trigger_points:dn1").describe() == "from course pack: Dry Needling Level 1"
    assert after.provenance.of("trigger_points:tp1").kind == "bundled"
    assert after.provenance.of(f"notes:{len(after.notes) - 1}").kind == "course_pack"
    old_cards = {c.id: c.answer for c in generate_cards(alone)}
    new_cards = {c.id: c.answer for c in generate_cards(layered.atlas)}
    assert set(old_cards) < set(new_cards)  # every card id survives; the pack only adds cards
    assert set(new_cards) - set(old_cards) >= {
        "gluteus_medius:referral:dn1",
        "gluteus_medius:click_referral:dn1",
    }
    others = [m for m in layered.atlas.muscles if m != "gluteus_medius"]
    assert all(layered.atlas.muscles[m] == alone.muscles[m] for m in others)
    assert load_atlas(roots=[bundled_root()]).atlas.muscles["gluteus_medius"] == before  # pack removed


def test_replacing_a_fact_needs_replaces_and_two_roots_replacing_it_is_an_error(tmp_path: Path) -> None:
    silent = _pack(tmp_path, "silent", {"extends": "gluteus_medius", "palpation": "Other words."})
    result = load_atlas(roots=[bundled_root(), silent])
    assert any("list 'palpation' in replaces:" in m for m in _messages(result))
    first = _pack(
        tmp_path, "pack_a", {"extends": "gluteus_medius", "replaces": ["palpation"], "palpation": "A."}
    )
    again = _pack(
        tmp_path, "pack_b", {"extends": "gluteus_medius", "replaces": ["palpation"], "palpation": "B."}
    )
    assert load_atlas(roots=[bundled_root(), first]).atlas.muscles["gluteus_medius"].palpation == "A."
    result = load_atlas(roots=[bundled_root(), first, again])
    clash = [m for m in _messages(result) if "replaced both here and in" in m]
    assert clash and "pack_b/muscles/hip_thigh/gmed_extra.yaml" in clash[0]
    assert "pack_a/muscles/hip_thigh/gmed_extra.yaml" in clash[0]


def test_extending_an_unknown_muscle_or_reusing_an_id_is_reported_by_name(tmp_path: Path) -> None:
    unknown = _pack(tmp_path, "typo", {"extends": "gluteus_medus", "notes": ["x"]})
    dup = _pack(
        tmp_path, "dup", {"extends": "gluteus_medius", "trigger_points": [trigger_point("tp1", ["sacrum"])]}
    )
    messages = _messages(load_atlas(roots=[bundled_root(), unknown, dup]))
    assert any(
        "extends unknown muscle 'gluteus_medus' (did you mean 'gluteus_medius'?)" in m for m in messages
    )
    assert any("trigger_points[1].id: 'tp1' is already in 'gluteus_medius'" in m for m in messages)


def test_a_pack_adds_a_muscle_of_its_own(tmp_path: Path) -> None:
    root = tmp_path / "own"
    record = muscle(id="pack_only", name="Pack only muscle", aliases=[])
    _write_yaml(root / "muscles" / "hip_thigh" / "pack_only.yaml", {"schema": 2, **record})
    result = load_atlas(roots=[bundled_root(), Root(root, "My notes", "user")])
    assert (
        result.ok
        and result.atlas.muscles["pack_only"].provenance.record.describe() == "from your folder: My notes"
    )


# -- 5. translations --------------------------------------------------------------------------------


def test_german_names_reach_the_muscle_and_other_fields_fall_back_to_english() -> None:
    english = load_atlas().atlas.muscles["gluteus_medius"]
    german = load_atlas(language="de").atlas.muscles["gluteus_medius"]
    assert german.name == "Mittlerer Gesäßmuskel" and german.language == "de"
    assert "Glutaeus medius" in german.aliases
    assert german.origin == english.origin  # not translated: English
    assert german.id == english.id and german.trigger_points[0].id == english.trigger_points[0].id


def _translated_root(tmp_path: Path, entries: dict[str, Any], lang: str = "xx") -> Path:
    root = make_root(tmp_path)
    write_muscle(root, {"schema": 2, **muscle()})
    _write_yaml(
        root / "i18n" / lang / "muscles" / "hip_thigh" / "test_muscle.yaml",
        {"schema": 2, "language": lang, "muscles": entries},
    )
    return root


def test_validate_lang_reports_a_stale_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = {
        "test_muscle": {
            "name": {"text": "Testmuskel", "en_hash": text_hash("Test muscle")},
            "origin": {
                "text": "Außenfläche des Darmbeins.",
                "en_hash": text_hash("An older English origin."),
            },
        }
    }
    monkeypatch.setenv("STUDYAPP_RESOURCES", str(_translated_root(tmp_path, entries)))
    assert main(["validate", "--lang", "xx"]) == 0
    out = capsys.readouterr().out
    stale = [line for line in out.splitlines() if "stale" in line and line.startswith("warning:")]
    assert len(stale) == 1 and "test_muscle.yaml" in stale[0] and "muscles.test_muscle.origin" in stale[0]
    assert "xx: 1 of 1 muscles have a translation (2 fields, 1 stale)" in out
    assert "missing xx: test_muscle: group, insertion, blood_supply" in out


def test_translation_for_a_missing_record_or_field_is_reported_by_name(tmp_path: Path) -> None:
    entries = {
        "no_such_muscle": {"name": {"text": "X", "en_hash": "0"}},
        "test_muscle": {"colour": {"text": "Rot", "en_hash": "0"}, "name": {"text": "Testmuskel"}},
    }
    root = _translated_root(tmp_path, entries)
    result = load_atlas(roots=[Root(root, "t")], language="xx")
    messages = _messages(result)
    assert any(
        "muscles.no_such_muscle: translation for unknown muscle 'no_such_muscle'" in m for m in messages
    )
    assert any("'colour' is not a translatable field" in m for m in messages)
    assert any("muscles.test_muscle.name: needs en_hash" in m for m in messages)
    assert result.atlas.muscles["test_muscle"].name == "Test muscle"  # a bad entry is not applied


# -- 6. export ---------------------------------------------------------------------------------------


def test_export_adds_version_2_fields_and_keeps_the_old_zone_lists(tmp_path: Path) -> None:
    from studyapp.content.export import atlas_to_dict

    data = atlas_to_dict(load_atlas(language="de").atlas)
    assert data["format_version"] == 2 and data["language"] == "de"
    ra = next(m for m in data["muscles"] if m["id"] == "rectus_abdominis")
    tp = ra["trigger_points"][0]
    assert tp["essential_zones"] == ["thoracolumbar_paraspinal"]
    band = next(z for z in tp["zones"] if z["outlines"])
    assert band["side"] == "both" and band["outlines"]["posterior"].startswith("M 200 338 C")
    assert ra["provenance"]["record"] == {"label": "studyapp", "kind": "bundled"}
    gmed = next(m for m in data["muscles"] if m["id"] == "gluteus_medius")
    assert gmed["name"] == "Mittlerer Gesäßmuskel" and gmed["language"] == "de"


def test_detail_pane_names_the_course_pack_of_added_parts(tmp_path: Path) -> None:
    from studyapp.ui.detail_html import Lookups, render
    from studyapp.ui.theme import LIGHT

    atlas = load_atlas(roots=[bundled_root(), _pack(tmp_path, "dry_needling_level_1", EXTENSION)]).atlas
    lookups = Lookups({m.id: m.name for m in atlas.muscles.values()}, {}, {})
    page = render(atlas.muscles["gluteus_medius"], lookups, LIGHT)
    assert page.count("(from course pack: Dry Needling Level 1)") == 4  # trigger point, note, exercise, point
    bundled = render(load_atlas().atlas.muscles["gluteus_medius"], lookups, LIGHT)
    assert "from course pack" not in bundled
    rectus = render(load_atlas().atlas.muscles["rectus_abdominis"], lookups, LIGHT)
    assert "Essential zone on both sides:" in rectus


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_the_window_shows_the_language_chosen_in_the_view_menu_from_the_next_start(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from studyapp.ui.app import create_main_window
    from studyapp.ui.window_menus import choose_language

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(settings=settings, folder=tmp_path / "data")
    qtbot.addWidget(window)
    assert window.atlas.muscles["gluteus_medius"].name == "Gluteus medius"
    choose_language(window, "de")
    window.state.close()
    again = create_main_window(settings=settings, folder=tmp_path / "data")
    qtbot.addWidget(again)
    assert again.atlas.muscles["gluteus_medius"].name == "Mittlerer Gesäßmuskel"
    assert again.atlas.muscles["piriformis"].name == "Piriformis"  # untranslated: English
    again.state.close()
