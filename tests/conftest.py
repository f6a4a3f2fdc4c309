"""Shared fixtures: offscreen Qt and a throw-away data directory for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers.clock import Clock

if TYPE_CHECKING:
    from studyapp.quiz.store import ReviewStore

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every test away from a student's real notes, settings and reviews."""
    from studyapp import paths

    data = tmp_path / "userdata"
    monkeypatch.setenv("STUDYAPP_DATA_DIR", str(data))

    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)


@pytest.fixture
def clock() -> Clock:
    """Time stands still until a test moves it."""
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[ReviewStore]:
    """A review store in tmp_path on the test's clock (test modules about user data override it)."""
    from studyapp.quiz.store import ReviewStore

    s = ReviewStore.open(tmp_path, now=clock, keep_backups=0)
    yield s
    s.close()
