"""The loader turns every kind of authoring mistake into a message naming file, line and field."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.loader import load_atlas
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def messages(root: Path) -> list[str]:
    return [str(p) for p in load_atlas(root).problems]


def test_valid_minimal_record_loads(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    result = load_atlas(root)
    assert result.problems == []
    m = result.atlas.muscles["test_muscle"]
    assert m.innervation.roots == ("L4", "L5", "S1")
    assert m.trigger_points[0].markers[0].view == "posterior"
    assert m.actions[0].label == "hip abduction"


def test_malformed_yaml_names_file_and_line_and_others_still_load(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    write_muscle(root, "id: broken\nname: [unclosed\norigin: x\n", name="broken")
    result = load_atlas(root)
    assert "test_muscle" in result.atlas.muscles
    (problem,) = result.problems
    assert problem.file.endswith("muscles/hip_thigh/broken.yaml")
    assert problem.line is not None and problem.line >= 2
    assert "not valid YAML" in problem.message


def test_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    data = muscle()
    data["insertoin"] = data.pop("insertion")
    path = write_muscle(root, data)
    found = messages(root)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("insertoin"))
    assert (
        f"test_muscle.yaml:{line}: insertoin: unknown field 'insertoin' (did you mean 'insertion'?)"
        in found[0]
    )
    assert any("missing required field 'insertion'" in text for text in found)


def test_wrong_type_and_missing_field_are_all_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    data = muscle(aliases="glute", innervation={"nerve": "Superior gluteal nerve"})
    del data["blood_supply"]
    write_muscle(root, data)
    result = load_atlas(root)
    text = "\n".join(str(p) for p in result.problems)
    assert "aliases: must be a list of text items, found text 'glute'" in text
    assert "innervation: missing required field 'roots'" in text
    assert "missing required field 'blood_supply'" in text
    assert result.skipped == ["resources/muscles/hip_thigh/test_muscle.yaml (test_muscle)"]
    assert result.atlas.muscles == {}


def test_unknown_region_and_view_and_marker_outside_view(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    tp = dict(muscle()["trigger_points"][0])
    tp["essential_zones"] = ["greater_trochantr"]
    tp["markers"] = {"posterior": [260, 1460], "backside": [1, 1]}
    write_muscle(root, muscle(trigger_points=[tp]))
    text = "\n".join(messages(root))
    assert (
        "trigger_points[1].essential_zones[1]: unknown region id 'greater_trochantr' "
        "(did you mean 'greater_trochanter'?)" in text
    )
    assert "trigger_points[1].markers.posterior: marker [260, 1460] is outside the 'posterior' view" in text
    assert "trigger_points[1].markers.backside: unknown view 'backside'" in text


def test_dangling_link_is_dropped_but_record_kept(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle(synergists=["gluteus_minimus"]))
    result = load_atlas(root)
    assert result.atlas.muscles["test_muscle"].synergists == ()
    (problem,) = result.problems
    assert problem.field == "synergists[1]"
    assert "unknown muscle id 'gluteus_minimus'" in problem.message


def test_duplicate_id_and_alias(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    write_muscle(root, muscle(area="neck", name="Second", aliases=[]), area="neck")  # same id, other folder
    write_muscle(root, muscle(id="zz_other", name="Other", aliases=["TM"]))
    text = "\n".join(messages(root))
    assert "duplicate muscle id 'test_muscle'" in text
    assert "aliases[1]: 'TM' is already the name or alias of 'test_muscle'" in text


def test_id_must_be_an_id_and_match_the_file_name(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle(), name="first")
    write_muscle(root, muscle(id="Fuzz Muscle!", name="Fuzz", aliases=[]), name="fuzz")
    write_muscle(root, muscle(id="kept", name="Kept", aliases=[]))
    result = load_atlas(root)
    text = "\n".join(str(p) for p in result.problems)
    assert "first.yaml:1: id: is 'test_muscle' but the file is named 'first.yaml'" in text
    assert "fuzz.yaml:1: id: 'Fuzz Muscle!' is not an id (lower-case letters" in text
    assert list(result.atlas.muscles) == ["kept"]


def test_area_must_match_folder(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle(), area="neck")
    assert any("is 'hip_thigh' but the file is in the folder 'neck'" in m for m in messages(root))


def test_bad_region_catalogue_entry_is_reported(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    catalogue = root / "bodychart" / "regions.yaml"
    catalogue.write_text(
        catalogue.read_text()
        + "  - {id: extra, label: Extra, view: nowhere, side: left, parent: hip_thigh}\n"
    )
    text = "\n".join(messages(root))
    assert "regions.yaml" in text and "unknown view 'nowhere'" in text
    assert "side: must be one of bilateral, midline" in text


def test_content_is_read_with_the_c_safe_loader_and_never_builds_objects(tmp_path: Path) -> None:
    import yaml

    from studyapp.content import yamlfile

    if hasattr(yaml, "CSafeLoader"):  # the wheels on PyPI ship it; a source build may not
        assert yamlfile.SafeLoader is yaml.CSafeLoader
    root = make_root(tmp_path)
    marker = tmp_path / "pwned"
    write_muscle(root, f"id: !!python/object/apply:os.system ['touch {marker}']\n", name="evil")
    result = load_atlas(root)
    assert not marker.exists()  # the tag was refused, not run
    assert not result.atlas.muscles
    assert any(p.file.endswith("evil.yaml") for p in result.problems)
