"""Shared fixtures: offscreen Qt and a throw-away data directory for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every test away from a student's real notes, settings and reviews."""
    from studyapp import paths

    data = tmp_path / "userdata"
    monkeypatch.setenv("STUDYAPP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)
