"""The start-up cache returns exactly what a fresh load returns, and notices every content change."""

from __future__ import annotations

import os
from pathlib import Path

from studyapp.content.cache import load_atlas_cached
from studyapp.content.loader import load_atlas
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def test_cache_matches_a_fresh_load_and_follows_edits(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write_muscle(root, muscle())
    cache = tmp_path / "cache.pickle"
    first = load_atlas_cached(root, cache)
    assert cache.exists()
    assert load_atlas_cached(root, cache).atlas == first.atlas == load_atlas(root).atlas

    path.write_text(path.read_text().replace("Test muscle", "Renamed muscle"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_atlas_cached(root, cache).atlas.muscles["test_muscle"].name == "Renamed muscle"

    write_muscle(root, "id: [broken\n", name="broken")
    result = load_atlas_cached(root, cache)
    assert any("broken.yaml" in p.file for p in result.problems)


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    cache = tmp_path / "cache.pickle"
    cache.write_bytes(b"not a pickle")
    assert "test_muscle" in load_atlas_cached(root, cache).atlas.muscles
    assert load_atlas_cached(root, cache).atlas.muscles
