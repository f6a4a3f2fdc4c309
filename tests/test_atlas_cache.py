"""The start-up cache returns exactly what a fresh load returns, notices every content and code change,
and any damage to it means "parse the YAML": it can never stop the app, change the atlas or run code."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
from pathlib import Path

import pytest

from studyapp.content import cache as cache_module
from studyapp.content.cache import (
    CACHE_NAME,
    code_digest,
    content_key,
    encode_cache,
    load_atlas_cached,
)
from studyapp.content.loader import LoadResult, load_atlas
from studyapp.paths import resources_dir
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def _cached_root(tmp_path: Path) -> tuple[Path, Path, LoadResult]:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    write_muscle(root, "id: [broken\n", name="broken")  # problems and skipped records are cached too
    cache = tmp_path / "cache.json"
    return root, cache, load_atlas_cached(root, cache)


def test_cache_matches_a_fresh_load_and_follows_edits(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write_muscle(root, muscle())
    cache = tmp_path / "cache.json"
    first = load_atlas_cached(root, cache)
    assert cache.exists()
    assert load_atlas_cached(root, cache).atlas == first.atlas == load_atlas(root).atlas

    path.write_text(path.read_text().replace("Test muscle", "Renamed muscle"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_atlas_cached(root, cache).atlas.muscles["test_muscle"].name == "Renamed muscle"

    write_muscle(root, "id: [broken\n", name="broken")
    result = load_atlas_cached(root, cache)
    assert any("broken.yaml" in p.file for p in result.problems)


def test_the_bundled_atlas_comes_back_from_the_cache_field_for_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache.json"
    fresh = load_atlas()
    written = load_atlas_cached(cache_file=cache)
    assert cache.read_bytes().startswith(b'{"format": "studyapp-atlas-cache"')

    def no_parsing(*args: object, **kwargs: object) -> LoadResult:
        raise AssertionError("the cache was not used (a field type plain.py cannot store or check?)")

    monkeypatch.setattr(cache_module, "_parse", no_parsing)
    cached = load_atlas_cached(cache_file=cache)
    assert cached == written == fresh
    assert [m.file for m in cached.atlas.muscles.values()] == [m.file for m in fresh.atlas.muscles.values()]
    assert list(cached.atlas.muscles) == list(fresh.atlas.muscles)  # display order kept


def test_the_cache_lives_in_the_data_folder_as_json_and_replaces_the_old_pickle(
    isolated_data_dir: Path,
) -> None:
    isolated_data_dir.mkdir(parents=True)
    old = isolated_data_dir / "atlas-cache.pickle"
    old.write_bytes(pickle.dumps("an old cache"))
    load_atlas_cached()
    assert (isolated_data_dir / CACHE_NAME).is_file()
    assert not old.exists()


def _damaged(data: bytes, rng: random.Random) -> list[bytes]:
    flips = []
    for _ in range(60):
        buffer = bytearray(data)
        position = rng.randrange(len(buffer))
        buffer[position] ^= 1 << rng.randrange(8)
        flips.append(bytes(buffer))
    cuts = [data[: rng.randrange(len(data))] for _ in range(20)]
    return [b"", b"not a pickle", b"\x80\x04K\x01.", data[:11], data[:-1], data + b"x", *flips, *cuts]


def test_damaged_caches_load_the_yaml_result(tmp_path: Path) -> None:
    root, cache, first = _cached_root(tmp_path)
    good = cache.read_bytes()
    for damaged in _damaged(good, random.Random(18)):
        cache.write_bytes(damaged)
        assert load_atlas_cached(root, cache) == first
    assert cache.read_bytes() == good  # and the cache was rebuilt


def test_a_pickle_that_runs_code_is_never_run(tmp_path: Path) -> None:
    root, cache, first = _cached_root(tmp_path)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    cache.write_bytes(pickle.dumps((content_key(root), Exploit())))
    assert load_atlas_cached(root, cache) == first
    assert not marker.exists()
    # the same payload after a valid header (right key, right checksum) is still only refused JSON
    payload = pickle.dumps(Exploit())
    header, _, _ = encode_cache(content_key(root), first).partition(b"\n")
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(payload).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + payload)
    assert load_atlas_cached(root, cache) == first
    assert not marker.exists()


def test_changed_text_with_a_valid_structure_but_a_wrong_checksum_is_refused(tmp_path: Path) -> None:
    root, cache, _first = _cached_root(tmp_path)
    crafted = cache.read_bytes().replace(b"Outer surface of the ilium.", b"Outer surface of the femur.")
    assert crafted != cache.read_bytes()
    _header, _, payload = crafted.partition(b"\n")
    json.loads(payload)  # still well-formed, only the checksum gives it away
    cache.write_bytes(crafted)
    assert load_atlas_cached(root, cache).atlas.muscles["test_muscle"].origin == "Outer surface of the ilium."


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["atlas"]["muscles"]["test_muscle"].update(name=["a", "list"]),
        lambda d: d["atlas"]["muscles"]["test_muscle"].update(extra="field"),
        lambda d: d["atlas"]["muscles"]["test_muscle"].pop("origin"),
        lambda d: d["atlas"].update(muscles=[]),
        lambda d: d["atlas"]["muscles"]["test_muscle"]["trigger_points"][0]["markers"][0].update(x="1"),
        lambda d: d.update(problems={"__class__": "os.system"}),
        lambda d: d.update(skipped=[1]),
    ],
    ids=["list for text", "unknown field", "missing field", "list for mapping", "text for number",
         "mapping for list", "number for text"],
)  # fmt: skip
def test_a_cache_with_the_right_checksum_but_the_wrong_structure_is_refused(
    change: object, tmp_path: Path
) -> None:
    root, cache, first = _cached_root(tmp_path)
    header, _, payload = cache.read_bytes().partition(b"\n")
    data = json.loads(payload)
    change(data)  # type: ignore[operator]
    payload = json.dumps(data).encode()
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(payload).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + payload)
    assert load_atlas_cached(root, cache) == first


def test_editing_the_loader_or_the_model_invalidates_the_cache(tmp_path: Path) -> None:
    package = tmp_path / "content"
    package.mkdir()
    source = Path(cache_module.__file__).parent
    for name in ("loader.py", "model.py"):
        (package / name).write_bytes((source / name).read_bytes())
    before = code_digest(package)
    for name in ("loader.py", "model.py"):
        edited = package / name
        original = edited.read_bytes()
        edited.write_bytes(original + b"\n# a change\n")
        assert code_digest(package) != before, name
        edited.write_bytes(original)
    assert code_digest(package) == before
    assert code_digest() == code_digest(source, source.parent / "bodychart")  # what the key hashes


def test_a_code_change_rebuilds_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache, _first = _cached_root(tmp_path)
    stamp = cache.stat().st_mtime_ns
    load_atlas_cached(root, cache)
    assert cache.stat().st_mtime_ns == stamp  # same code: read, not rewritten
    monkeypatch.setattr(cache_module, "code_digest", lambda: "edited code")
    os.utime(cache, ns=(stamp - 10**9, stamp - 10**9))
    load_atlas_cached(root, cache)
    assert cache.stat().st_mtime_ns != stamp - 10**9  # rewritten under the new key


def test_a_fifo_or_a_link_as_cache_and_an_unusable_data_folder_still_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path)
    write_muscle(root, muscle())
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert "test_muscle" in load_atlas_cached(root, fifo).atlas.muscles
    link = tmp_path / "link.json"
    link.symlink_to("/dev/zero")
    assert "test_muscle" in load_atlas_cached(root, link).atlas.muscles
    monkeypatch.setenv("STUDYAPP_DATA_DIR", "/dev/null/x")
    assert "test_muscle" in load_atlas_cached(root).atlas.muscles
    assert load_atlas_cached(resources_dir()).atlas.muscles
