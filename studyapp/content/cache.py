"""A cache of the loaded, validated atlas, so the window does not re-parse 150 YAML files per start.

The file is JSON, never a pickle: reading it can only build the atlas dataclasses (see `plain`), so
a crafted cache cannot run code. Its first line is a header with the format, its version, the key
and a SHA-256 checksum of the rest; the rest is the `LoadResult`, checked field by field against
the dataclasses' type hints. The key covers the app version, the source of the content package
(editing `loader.py` or `model.py` rebuilds it) and every file under the content root by path,
size and modification time. The cache lives in the user's data folder (the bundled resources may be
read-only).

Anything wrong with the cache (missing, stale, damaged, crafted, too large, not a regular file,
an unusable data folder) means "parse the YAML"; the cache never stops the app from starting.
The checksum catches damage, not a deliberate forgery by someone who can already write to the
student's own folder; such a forgery can still only supply atlas text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from studyapp import __version__
from studyapp.content.files import Refused, read_regular_file
from studyapp.content.model import BUNDLED, Root
from studyapp.content.plain import PlainError, from_plain, to_plain
from studyapp.content.result import LoadResult
from studyapp.paths import data_dir, resources_dir

CACHE_NAME = "atlas-cache.json"
OLD_CACHE_NAMES = ("atlas-cache.pickle",)  # earlier versions' caches, removed when a new one is written
FORMAT = "studyapp-atlas-cache"
FORMAT_VERSION = 1
MAX_CACHE_BYTES = 64 * 1024 * 1024  # the bundled atlas takes about 1.5 MB

_CODE_DIR = Path(__file__).resolve().parent
# The loader's code: this package, and the body-chart geometry that outline coverage is computed on.
_CODE_DIRS = (_CODE_DIR, _CODE_DIR.parent / "bodychart")


class CacheError(ValueError):
    """A cache file that cannot be used; the atlas is parsed from YAML instead."""


def code_digest(*packages: Path) -> str:
    """SHA-256 of the loader's source files (default `_CODE_DIRS`), so a code change rebuilds the cache.

    A frozen bundle has no sources beside the modules; its executable changes with its code.
    """
    digest = hashlib.sha256()
    sources = [source for package in packages or _CODE_DIRS for source in sorted(package.glob("*.py"))]
    for source in sources:
        digest.update(f"{source.parent.name}/{source.name}".encode() + b"\0" + source.read_bytes() + b"\0")
    if not sources:
        info = Path(sys.executable).stat()
        digest.update(f"{sys.executable}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def content_key(root: Path) -> str:
    """The key a cache must carry to stand for `root` as loaded by this code; OSError if unknown.

    Every file under `root` counts (muscles, regions, the drawing that outline coverage is computed
    on, translations), by path, kind, size and modification time; links are not followed.
    """
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{__version__}\0{code_digest()}\0{root}\n".encode())
    lines = []
    for folder, dirs, names in os.walk(root):  # plain strings: Path objects per file cost a start ms
        dirs.sort()
        inside = os.path.relpath(folder, root)
        for name in sorted(names):
            relative = name if inside == os.curdir else os.path.join(inside, name)
            try:
                info = os.lstat(os.path.join(folder, name))
            except OSError:  # vanished while walking: the key differs from any earlier one anyway
                lines.append(f"{relative}\0missing\n")
                continue
            lines.append(f"{relative}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}\n")
    digest.update("".join(lines).encode())
    return digest.hexdigest()


def encode_cache(key: str, result: object, kind: str = FORMAT) -> bytes:
    payload = json.dumps(to_plain(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {
        "format": kind,
        "version": FORMAT_VERSION,
        "key": key,
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(header).encode("ascii") + b"\n" + payload


def decode_cache(data: bytes, key: str) -> LoadResult:
    """The result stored in `data`, or CacheError when it is for another key, damaged or malformed."""
    result = decode_value(data, key, LoadResult)
    if not isinstance(result, LoadResult):  # pragma: no cover - from_plain builds what it is asked for
        raise CacheError("malformed")
    return result


def decode_value(data: bytes, key: str, hint: type, kind: str = FORMAT) -> object:
    """The `hint` value stored in `data` by `encode_cache`; CacheError when it cannot be used."""
    header_bytes, newline, payload = data.partition(b"\n")
    if not newline or len(header_bytes) > 1024:
        raise CacheError("no header")
    try:
        header = json.loads(header_bytes)
    except ValueError as exc:
        raise CacheError("unreadable header") from exc
    if not isinstance(header, dict) or header.get("format") != kind:
        raise CacheError("not an atlas cache")
    if header.get("version") != FORMAT_VERSION:
        raise CacheError("another cache version")
    if header.get("key") != key:
        raise CacheError("stale: the content or the code changed")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise CacheError("damaged: checksum mismatch")
    try:
        return from_plain(hint, json.loads(payload))
    except (ValueError, RecursionError) as exc:  # PlainError and JSON errors are ValueErrors
        raise CacheError(f"malformed: {exc}") from exc


def read_cache(cache_file: Path, key: str) -> LoadResult:
    try:
        data = read_regular_file(cache_file, MAX_CACHE_BYTES)
    except Refused as exc:
        raise CacheError(str(exc)) from exc
    return decode_cache(data, key)


def read_value(cache_file: Path, key: str, hint: type, kind: str) -> object:
    """Like `read_cache`, for another kind of cached value."""
    try:
        data = read_regular_file(cache_file, MAX_CACHE_BYTES)
    except Refused as exc:
        raise CacheError(str(exc)) from exc
    return decode_value(data, key, hint, kind)


def write_cache(cache_file: Path, key: str, result: object, kind: str = FORMAT) -> bool:
    """Store `result`; False (and nothing changed) when it cannot be written."""
    try:
        data = encode_cache(key, result, kind)
    except PlainError:  # a field type the codec does not know: run without a cache
        return False
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(cache_file)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    for old in OLD_CACHE_NAMES:
        with contextlib.suppress(OSError):
            cache_file.with_name(old).unlink(missing_ok=True)
    return True


def load_atlas_cached(
    root: Path | None = None,
    cache_file: Path | None = None,
    *,
    roots: Sequence[Root] | None = None,
    language: str = "en",
) -> LoadResult:
    """Same result as `load_atlas(root)` (or of the layered `roots` in `language`), from the cache when
    neither content nor code has changed. The key covers every root's files, labels and the language,
    so installing or removing a course pack, or switching language, rebuilds it."""
    if roots is None:
        roots = [Root(root or resources_dir(), BUNDLED.label, "bundled")]

    def parse() -> LoadResult:
        return _parse(roots, language)

    try:
        keys = [f"{r.kind}\0{r.label}\0{content_key(r.path)}" for r in roots]
        key = hashlib.sha256("\n".join([language, *keys]).encode()).hexdigest()
        cache_file = cache_file or data_dir() / CACHE_NAME
    except OSError:  # unreadable sources or an unusable data folder: no cache this time
        return parse()
    try:
        return read_cache(cache_file, key)
    except CacheError:
        pass  # missing, stale, damaged or crafted: parse the YAML
    result = parse()
    write_cache(cache_file, key, result)
    return result


def _parse(roots: Sequence[Root], language: str) -> LoadResult:
    """The atlas from its YAML; the loader (and the YAML parser) is imported only on a cache miss."""
    from studyapp.content.loader import load_atlas

    return load_atlas(roots=roots, language=language)
