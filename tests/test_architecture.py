"""The pure core must work where Qt is missing: the UI depends on the core, never the reverse."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = [
    "studyapp.content",
    "studyapp.bodychart",
    "studyapp.quiz",
    "studyapp.storage",
    "studyapp.interop",
    "studyapp.course",
]

BLOCK_QT = """
import importlib, pkgutil, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, BlockQt())
import studyapp, studyapp.paths, studyapp.cli
for package_name in {packages!r}:
    package = importlib.import_module(package_name)
    for info in pkgutil.walk_packages(package.__path__, package_name + '.'):
        importlib.import_module(info.name)
assert not any(m.startswith('PySide6') for m in sys.modules)
print('core imported without Qt')
"""


def test_core_imports_without_qt() -> None:
    code = BLOCK_QT.format(packages=CORE_PACKAGES)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "core imported without Qt" in done.stdout


def test_core_sources_never_mention_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in CORE_PACKAGES
        for path in (ROOT / package.replace(".", "/")).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.slow
def test_wheel_contains_the_resources(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("studyapp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "studyapp/resources/bodychart/regions.yaml" in names
    bundled_muscles = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "resources" / "muscles").rglob("*.yaml")
    }
    assert bundled_muscles, "the atlas has muscle files"
    assert {f"studyapp/{name}" for name in bundled_muscles} <= names
    assert any(name.endswith("entry_points.txt") for name in names)
