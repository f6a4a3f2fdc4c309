"""`studyapp validate` and `studyapp export --format json` are contracts that scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _cli(
    args: list[str], env_changes: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a student's shell runs it
    env.update(env_changes or {})
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args], env=env, timeout=120, check=False, **kwargs
    )


def _one_line(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_export_into_a_pipe_closed_early_ends_with_one_line_and_exit_3(unbuffered: str) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered  # the text layer would silently drop the rest here
    with subprocess.Popen(
        [sys.executable, "-m", "studyapp", "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10) == b'{\n "format'  # like `studyapp export | head -c 10`
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 3
    assert _one_line(stderr) == "studyapp: the output was closed before everything was written (broken pipe)"


@pytest.mark.parametrize("command", [["export"], ["validate"]])
def test_output_to_a_full_disk_ends_with_one_line_and_exit_3(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:  # Linux's always-full device, as CI runs
        done = _cli(command, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 3
    assert _one_line(done.stderr) == "studyapp: the output could not be written (the disk is full)"


@pytest.mark.parametrize("command", ["export", "validate"])
def test_a_closed_stdout_ends_with_one_line_and_exit_3(command: str) -> None:
    done = subprocess.run(
        ["sh", "-c", f'exec "$0" -m studyapp {command} >&-', sys.executable],
        stderr=subprocess.PIPE,
        timeout=120,
    )
    assert done.returncode == 3
    assert _one_line(done.stderr) == "studyapp: standard output is closed; nothing was written"


def test_a_failed_write_in_process_is_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import io

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert main(["validate"]) == 3
    assert capsys.readouterr().err == "studyapp: the output could not be written (the disk is full)\n"


@pytest.mark.parametrize("argument", ["", "empty folder"])
def test_validate_of_nothing_says_so_and_exits_1(
    argument: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if argument:
        argument = str(tmp_path / argument)
        Path(argument).mkdir()
        (Path(argument) / "notes.txt").write_text("not content")
    assert main(["validate", argument]) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out and "muscles" not in captured.out  # the bundled atlas was not checked
    expected = "an empty path names no file or folder" if not argument else "no content files (*.yaml) found"
    assert expected in captured.err


def test_validate_of_a_folder_with_a_fifo_and_a_link_loop_names_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    folder = tmp_path / "pack"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "sub").symlink_to(folder)  # a folder loop is not followed
    named = tmp_path / "named"
    named.symlink_to(folder)  # but a folder named on the command line may be a link
    assert main(["validate", str(named)]) == 1
    out = capsys.readouterr().out
    assert "pipe.yaml: is a FIFO (named pipe), not a regular file" in out
    assert "loop.yaml: is a symbolic link" in out


def test_commands_that_do_not_need_the_data_folder_ignore_a_bad_one() -> None:
    env = {"STUDYAPP_DATA_DIR": "/dev/null/x"}
    done = _cli(["validate"], env, capture_output=True)
    assert done.returncode == 0 and b"OK: no errors" in done.stdout, done.stderr
    done = _cli(["export"], env, capture_output=True)
    assert done.returncode == 0 and json.loads(done.stdout)["muscles"], done.stderr


def test_a_bad_data_folder_ends_with_one_line_and_exit_4() -> None:
    done = _cli([], {"STUDYAPP_DATA_DIR": "/dev/null/x", "QT_QPA_PLATFORM": "offscreen"}, capture_output=True)
    assert done.returncode == 4
    assert "/dev/null/x" in _one_line(done.stderr)
