"""Acupuncture points for the one search box: by code, pinyin (with or without tones), English, Han.

`studyapp.search.SearchIndex` merges these matches with the muscle matches; each says why it matched.
Scores are on the muscle search's scale: an exact code beats any muscle name (the student typed a
point), an exact name ties a whole muscle name, a started name sits with muscle-name prefixes, and a
bare channel prefix ("gb") lists the channel's points after every muscle that starts the same way.
Everything is folded once; a keystroke is one pass over a few hundred short strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.content.acupoints import PointAtlas, normalise_code
from studyapp.content.acupoints_search import fold

CODE = 120.0
CODE_ALIAS = 115.0
EXACT_NAME = 105.0
NAME_PREFIX = 90.0  # + up to 10 for how much of the name was typed
WORD_PREFIX = 84.0  # a word of the English name starts with the query ("sea" -> "Small Sea")
HAN_PART = 88.0
CHANNEL = 60.0
MAX_POINT_HITS = 70  # the longest channel (BL) has 67 points

_TONE_DIGITS = re.compile(r"(?<=[a-z])[1-5]")


@dataclass(frozen=True, slots=True)
class PointMatch:
    code: str
    score: float
    matched: str  # the text that matched, as written in the record
    reason: str  # "code", "pinyin: Huántiào", "English name: Jumping Circle", ...
    order: int  # position in the point atlas (channel order), for stable ties


@dataclass(frozen=True, slots=True)
class _Names:
    code: str
    order: int
    pinyin: str
    english: str
    han: str
    folded: tuple[tuple[str, str, str], ...]  # (folded text, kind, as written)
    english_words: tuple[str, ...]


class PointMatcher:
    """Built once from the point atlas (rebuild when it changes)."""

    def __init__(self, points: PointAtlas) -> None:
        self._codes: dict[str, tuple[str, str]] = {}  # normalised code -> (point code, alias or "")
        self._names: list[_Names] = []
        self._by_channel: dict[str, list[str]] = {}
        self._order: dict[str, int] = {}
        for order, point in enumerate(points.points.values()):
            self._codes[point.code] = (point.code, "")
            folded = [
                (fold(point.pinyin), "pinyin", point.pinyin),
                (fold(point.english), "English name", point.english),
            ]
            for alias in point.aliases:
                normal = normalise_code(alias)
                if normal is not None:
                    self._codes.setdefault(normal, (point.code, alias))
                folded.append((fold(alias), "alias", alias))
            words = tuple(fold(w) for w in point.english.split() if fold(w))
            self._names.append(
                _Names(point.code, order, point.pinyin, point.english, point.han, tuple(folded), words)
            )
            self._by_channel.setdefault(point.channel, []).append(point.code)
            self._order[point.code] = order

    def __len__(self) -> int:
        return len(self._names)

    def match(self, query: str) -> list[PointMatch]:
        """Matching points, best first, at most `MAX_POINT_HITS`."""
        text = query.strip()
        if not text:
            return []
        code = normalise_code(text)
        if code is not None and code in self._codes:
            point, alias = self._codes[code]
            order = self._order[point]
            if alias:
                return [PointMatch(point, CODE_ALIAS, alias, f"older code {alias} = {point}", order)]
            return [PointMatch(point, CODE, point, "code", order)]
        folded = fold(text)
        if not folded:
            return []
        bare = _TONE_DIGITS.sub("", folded)  # "zu3 san1 li3" -> "zusanli"
        found: list[PointMatch] = []
        for names in self._names:
            best = self._score(names, text, bare)
            if best is not None:
                found.append(best)
        named = {m.code for m in found}
        found += [m for m in self._channel(folded) if m.code not in named]
        found.sort(key=lambda m: (-m.score, m.order))
        return found[:MAX_POINT_HITS]

    @staticmethod
    def _score(names: _Names, text: str, bare: str) -> PointMatch | None:
        best: PointMatch | None = None

        def offer(score: float, matched: str, reason: str) -> None:
            nonlocal best
            if best is None or score > best.score:
                best = PointMatch(names.code, round(score, 2), matched, reason, names.order)

        if names.han and text in names.han:
            offer(EXACT_NAME if text == names.han else HAN_PART, names.han, f"Han characters: {names.han}")
        for key, kind, shown in names.folded:
            if not key:
                continue
            if key == bare:
                offer(EXACT_NAME, shown, f"{kind}: {shown}")
            elif len(bare) >= 2 and key.startswith(bare):
                offer(NAME_PREFIX + 10.0 * len(bare) / len(key), shown, f"{kind}: {shown}")
        if len(bare) >= 3 and any(w.startswith(bare) for w in names.english_words[1:]):
            offer(WORD_PREFIX, names.english, f"English name: {names.english}")
        return best

    def _channel(self, folded: str) -> list[PointMatch]:
        """ "gb", "sj", "liv": every point of the channel, in channel order."""
        if len(folded) < 2 or not folded.isalpha():
            return []
        first = normalise_code(f"{folded}1")  # old prefixes too: "sj1" -> "TE1"
        channel = first[:-1] if first is not None else ""
        codes = self._by_channel.get(channel, [])
        return [PointMatch(c, CHANNEL, c, f"channel {channel}", self._order[c]) for c in codes]
