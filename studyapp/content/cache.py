"""A cache of the loaded, validated atlas, so the window does not re-parse 150 YAML files per start.

The key covers every content file's path, size and modification time plus the app version, so
editing, adding or removing any file (or upgrading the app) rebuilds it. The cache lives in the
user's data folder: the bundled resources may be read-only. A cache that cannot be read or written
is ignored; it never stops the app from starting.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from studyapp import __version__
from studyapp.content.loader import LoadResult, load_atlas
from studyapp.paths import data_dir, resources_dir

CACHE_NAME = "atlas-cache.pickle"


def content_key(root: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    files = [root / "bodychart" / "regions.yaml", *sorted((root / "muscles").glob("*/*.yaml"))]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_atlas_cached(root: Path | None = None, cache_file: Path | None = None) -> LoadResult:
    """Same result as `load_atlas(root)`, from the cache when no content file has changed."""
    root = root or resources_dir()
    cache_file = cache_file or data_dir() / CACHE_NAME
    key = content_key(root)
    try:
        with cache_file.open("rb") as handle:
            cached_key, result = pickle.load(handle)
        if cached_key == key and isinstance(result, LoadResult):
            return result
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        pass  # missing, stale or from another version: rebuild below
    result = load_atlas(root)
    try:
        partial = cache_file.with_name(cache_file.name + ".partial")
        with partial.open("wb") as handle:
            pickle.dump((key, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache_file)
    except OSError:
        pass
    return result
