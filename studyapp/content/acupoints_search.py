"""Finding a point by what a student types: a code, pinyin with or without tones, English or Han.

A pure index so the app's search (studyapp/search.py) can merge point hits with muscle hits later.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from studyapp.content.acupoints import Point, PointAtlas, normalise_code


def fold(text: str) -> str:
    """Lower case without tone marks, spaces or hyphens: "Zú Sān Lǐ" and "zusanli" fold the same."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in bare if ch.isalnum())


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    pinyin: str
    english: str
    han: str
    aliases: tuple[str, ...]


class PointIndex:
    """Built once from the point atlas; `search` ranks exact code, then name starts, then contains."""

    def __init__(self, atlas: PointAtlas) -> None:
        self._atlas = atlas
        self._entries = [
            _Entry(
                p.code,
                fold(p.pinyin),
                fold(p.english),
                p.han,
                tuple(fold(a) for a in p.aliases),
            )
            for p in atlas.points.values()
        ]

    def search(self, query: str, limit: int = 20) -> list[Point]:
        text = query.strip()
        if not text:
            return []
        code = self._atlas.resolve(text)
        folded = fold(text)
        scored: list[tuple[int, int, str]] = []
        for order, entry in enumerate(self._entries):
            score = self._score(entry, code, folded, text)
            if score:
                scored.append((-score, order, entry.code))
        scored.sort()
        return [self._atlas.points[c] for _, _, c in scored[:limit]]

    @staticmethod
    def _score(entry: _Entry, code: str | None, folded: str, text: str) -> int:
        if code == entry.code:
            return 100
        if not folded:
            return 0
        names = (entry.pinyin, entry.english, *entry.aliases)
        if folded in names:
            return 90
        if entry.han and entry.han == text:
            return 90
        if any(name.startswith(folded) for name in names):
            return 70
        if entry.han and text in entry.han:
            return 60
        if len(folded) >= 3 and any(folded in name for name in names):
            return 50
        if fold(entry.code).startswith(folded) and normalise_code(text) is None and len(folded) >= 2:
            return 40  # "gb" lists the channel's points
        return 0


def search_points(atlas: PointAtlas, query: str, limit: int = 20) -> list[Point]:
    """One-off search; keep a PointIndex when searching as the user types."""
    return PointIndex(atlas).search(query, limit)
