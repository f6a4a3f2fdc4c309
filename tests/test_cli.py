"""`studyapp validate` and `studyapp export --format json` are contracts that scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.cli import main
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def test_validate_bundled_atlas_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "regions in 9 views" in out
    assert "Hip and thigh" in out
    assert "field coverage" in out
    assert "OK: no errors" in out


def test_validate_reports_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_root(tmp_path)
    data = muscle(id="zz_broken_muscle", name="Zz broken", aliases=["zzb"], synergists=["no_such_muscle"])
    data["trigger_points"][0]["essential_zones"] = ["nowhere"]
    del data["origin"]
    path = write_muscle(root, data)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "missing required field 'origin'" in out
    assert "unknown region id 'nowhere'" in out
    assert str(path.name) in out
    assert "problem(s) found" in out


def test_validate_a_single_good_file_resolves_links_against_the_atlas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_root(tmp_path)
    path = write_muscle(root, muscle(id="zz_new_muscle", name="Zz new", aliases=["zzn"]))
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out


def test_validate_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_export_json_contract() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studyapp", "export", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data = json.loads(done.stdout)
    assert {"muscles", "regions"} <= data.keys()
    region_ids = {r["id"] for r in data["regions"]}
    for region in data["regions"]:
        assert {"id", "label", "view", "side", "parent"} <= region.keys()
    assert data["muscles"], "the bundled atlas exports at least one muscle"
    required = {
        "id",
        "name",
        "latin_name",
        "aliases",
        "area",
        "origin",
        "insertion",
        "actions",
        "innervation",
        "blood_supply",
        "synergists",
        "antagonists",
        "trigger_points",
        "needling",
        "self_care",
        "acupoints",
        "sources",
    }
    for m in data["muscles"]:
        assert required <= m.keys(), m["id"]
        assert {"nerve", "roots"} <= m["innervation"].keys()
        for tp in m["trigger_points"]:
            assert {"id", "label", "location", "essential_zones", "spillover_zones", "symptoms"} <= tp.keys()
            assert set(tp["essential_zones"]) | set(tp["spillover_zones"]) <= region_ids


def test_bad_size_argument_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--screenshot", "x.png", "--size", "big"])
    assert "size must look like 1280x800" in capsys.readouterr().err


def _self_test(env_changes: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDYAPP_DATA_DIR": str(tmp_path / "data")}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_self_test_reports_each_check_and_exits_0(tmp_path: Path) -> None:
    done = _self_test({}, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("resources", "svg", "data store", "window"):
        assert any(line.startswith(f"ok   {name}") for line in done.stdout.splitlines()), done.stdout
    assert done.stdout.rstrip().endswith("self-test passed")
    assert "propagateSizeHints" not in done.stderr, "the offscreen platform's notes bury the report"
    assert not (tmp_path / "data").exists(), "the self-test must not create the student's data folder"


@pytest.mark.slow
def test_self_test_fails_with_exit_1_and_names_the_broken_file(tmp_path: Path) -> None:
    import shutil

    from studyapp.paths import resources_dir

    broken = tmp_path / "resources"
    shutil.copytree(resources_dir(), broken)
    target = broken / "muscles" / "hip_thigh" / "piriformis.yaml"
    target.write_text("id: piriformis\nname: [unclosed\n", encoding="utf-8")
    done = _self_test({"STUDYAPP_RESOURCES": str(broken)}, tmp_path)
    assert done.returncode == 1
    assert "FAIL resources" in done.stdout
    assert "piriformis.yaml" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("self-test FAILED (1 check(s))")
