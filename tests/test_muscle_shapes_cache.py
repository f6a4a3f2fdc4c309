"""The checked muscle shapes come back from the data folder's cache, and a bad cache is never used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studyapp.bodychart import muscle_shapes
from studyapp.bodychart.muscle_shapes import CACHE_NAME, default_shapes, keep_cache_in, load_muscle_shapes


@pytest.fixture
def cache_folder(tmp_path: Path) -> Iterator[Path]:
    keep_cache_in(tmp_path)
    default_shapes.cache_clear()
    yield tmp_path
    keep_cache_in(None)
    default_shapes.cache_clear()


def test_shapes_come_back_from_the_cache_equal_and_without_reading_yaml(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh, problems = load_muscle_shapes()
    assert not problems
    first = default_shapes()  # checks the YAML and writes the cache
    assert (cache_folder / CACHE_NAME).is_file()
    default_shapes.cache_clear()

    def no_parsing(*args: object, **kwargs: object) -> object:
        raise AssertionError("the shapes cache was not used")

    monkeypatch.setattr(muscle_shapes, "load_muscle_shapes", no_parsing)
    cached = default_shapes()
    assert cached.by_muscle == first.by_muscle == fresh.by_muscle
    some = next(iter(fresh.by_muscle))
    assert cached.shapes_for(some) == fresh.shapes_for(some)


@pytest.mark.parametrize(
    "damage", [b"", b"not a cache\n{}", b"\xff" * 100], ids=["empty", "other file", "bytes"]
)
def test_a_damaged_cache_means_reading_the_yaml_again(cache_folder: Path, damage: bytes) -> None:
    default_shapes()
    default_shapes.cache_clear()
    (cache_folder / CACHE_NAME).write_bytes(damage)
    fresh, _ = load_muscle_shapes()
    assert default_shapes().by_muscle == fresh.by_muscle
    assert (cache_folder / CACHE_NAME).read_bytes() != damage  # rewritten from the YAML


def test_a_flipped_byte_in_a_point_is_caught_by_the_checksum(cache_folder: Path) -> None:
    default_shapes()
    default_shapes.cache_clear()
    path = cache_folder / CACHE_NAME
    data = bytearray(path.read_bytes())
    at = data.index(b"\n") + 200
    data[at] = ord("7") if data[at] != ord("7") else ord("3")
    path.write_bytes(bytes(data))
    fresh, _ = load_muscle_shapes()
    assert default_shapes().by_muscle == fresh.by_muscle
