"""Shared pieces for the interop tests: the bundled atlas once, and a picture renderer without Qt."""

from __future__ import annotations

import functools
import struct
import zlib

from studyapp.content.model import Atlas
from studyapp.interop.model import Picture


@functools.cache
def bundled_atlas() -> Atlas:
    from studyapp.content.loader import load_atlas

    return load_atlas().atlas


def tiny_png(label: str) -> bytes:
    """A valid 1x1 PNG whose bytes differ by `label` (in a tEXt chunk), so pictures are told apart."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + label.encode())
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


class FakeRenderer:
    """Stands in for the Qt renderer: a distinct tiny PNG per picture; counts what was asked."""

    def __init__(self) -> None:
        self.calls: list[Picture] = []

    def __call__(self, picture: Picture) -> bytes:
        self.calls.append(picture)
        return tiny_png(picture.file_name)
