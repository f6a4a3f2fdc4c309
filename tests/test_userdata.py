"""Favourites and personal notes: saved at once, kept across restarts and a hard kill."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studyapp.storage import DatabaseCorrupt, DatabaseTooNew
from studyapp.storage.userdata import FILE_NAME, SCHEMA_VERSION, UserData, default_path


def fixed_clock() -> datetime:
    return datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_lives_in_the_data_dir(isolated_data_dir: Path) -> None:
    assert default_path() == isolated_data_dir / FILE_NAME
    with UserData() as store:
        store.set_favourite("piriformis", True)
    assert (isolated_data_dir / FILE_NAME).exists()


def test_favourites_and_notes_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    with UserData(path, now=fixed_clock) as store:
        store.set_favourite("piriformis", True)
        assert store.toggle_favourite("gluteus_medius") is True
        assert store.toggle_favourite("gluteus_medius") is False
        store.set_note("piriformis", "Check with the SLR test.\nÜnïcode ✓")
    with UserData(path) as store:
        assert store.favourites() == {"piriformis"}
        assert store.is_favourite("piriformis") and not store.is_favourite("gluteus_medius")
        assert store.note("piriformis") == "Check with the SLR test.\nÜnïcode ✓"
        assert store.note_updated_at("piriformis") == fixed_clock()
        assert store.note("gluteus_medius") == ""


def test_blank_note_deletes_it(tmp_path: Path) -> None:
    with UserData(tmp_path / "u.sqlite3") as store:
        store.set_note("piriformis", "first")
        store.set_note("piriformis", "second")
        assert store.noted_muscles() == {"piriformis"}
        store.set_note("piriformis", "  \n")
        assert store.noted_muscles() == frozenset()


def test_schema_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    UserData(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_newer_schema_is_refused_not_clobbered(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(DatabaseTooNew, match="Please update studyapp"):
        UserData(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseCorrupt, match="not an SQLite database"):
        UserData(path)


def test_in_memory_store_touches_no_file(isolated_data_dir: Path) -> None:
    with UserData.in_memory() as store:
        store.set_note("piriformis", "x")
        assert store.note("piriformis") == "x"
    assert not (isolated_data_dir / FILE_NAME).exists()


def test_a_saved_note_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys, time
        from studyapp.storage.userdata import UserData
        store = UserData({str(path)!r})
        store.set_favourite("piriformis", True)
        store.set_note("piriformis", "written just before the crash")
        print("saved", flush=True)
        time.sleep(60)
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "saved"
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with UserData(path) as store:
        assert store.note("piriformis") == "written just before the crash"
        assert store.favourites() == {"piriformis"}
