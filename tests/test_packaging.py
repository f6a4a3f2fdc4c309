"""The bundle specification stays consistent with the tree, and the icon files are what the script draws."""

from __future__ import annotations

import ast
import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _spec_list(name: str) -> list[str]:
    tree = ast.parse((PACKAGING / "studyapp.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError(f"{name} not found in the spec")


def test_spec_lists_every_resource_folder() -> None:
    folders = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())
    assert sorted(_spec_list("RESOURCE_FOLDERS")) == folders


def test_spec_entry_point_runs_the_cli() -> None:
    entry = (PACKAGING / "studyapp_entry.py").read_text(encoding="utf-8")
    assert "from studyapp.cli import main" in entry
    assert "studyapp_entry.py" in (PACKAGING / "studyapp.spec").read_text(encoding="utf-8")


def test_spec_keeps_network_and_unused_qt_out() -> None:
    excludes = _spec_list("QT_EXCLUDES")
    assert "PySide6.QtNetwork" in excludes
    used = set()
    for path in (ROOT / "studyapp").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("from PySide6."):
                used.add("PySide6." + line.split()[1].split(".")[1])
    assert used, "the app uses Qt"
    assert not used & set(excludes), f"the app imports excluded Qt modules: {used & set(excludes)}"


def test_icons_are_generated_from_the_script() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    svg = module.icon_svg()
    assert (PACKAGING / "icons" / "studyapp.svg").read_text(encoding="utf-8") == svg
    assert (ROOT / "resources" / "icons" / "studyapp.svg").read_text(encoding="utf-8") == svg
    for size in module.PNG_SIZES:
        data = (PACKAGING / "icons" / f"studyapp-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    ico = (PACKAGING / "icons" / "studyapp.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6])[:2] == (0, 1)
    icns = (PACKAGING / "icons" / "studyapp.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_desktop_file_and_metainfo_agree() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(PACKAGING / "linux" / "org.studyapp.StudyApp.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "studyapp"
    meta = ET.parse(PACKAGING / "linux" / "org.studyapp.StudyApp.metainfo.xml").getroot()
    assert meta.findtext("id") == entry["Icon"] == "org.studyapp.StudyApp"
    assert meta.findtext("launchable") == "org.studyapp.StudyApp.desktop"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed here")
def test_metainfo_passes_appstream_validation() -> None:
    done = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            str(PACKAGING / "linux" / "org.studyapp.StudyApp.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_linux_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    """The proof the issue asks for: build the onedir bundle, then run the bundled app's self-test."""
    import os
    import sys

    if sys.platform != "linux":
        pytest.skip("the Linux bundle is built on Linux")
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "QT_QPA_PLATFORM": "offscreen",
        "STUDYAPP_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        ["bash", str(PACKAGING / "build_linux.sh")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=1500,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert "self-test passed" in done.stdout
    assert "bundle size:" in done.stdout
    bundled = ROOT / "build" / "dist" / "studyapp" / "_internal"
    assert (bundled / "resources" / "bodychart" / "geometry.json").exists()
    assert not list(bundled.glob("PySide6/QtNetwork*")), "QtNetwork must not be bundled"
