"""Search-as-you-type over muscle names and aliases, plus facet filters.

Pure core (no Qt). Everything that can be worked out once is worked out in `SearchIndex.__init__`:
normalised keys, a sorted vocabulary for prefix look-ups and sets of ids per facet value. A keystroke
then costs a bisect and a rapidfuzz pass over the *vocabulary* (a few hundred words even for a big
atlas), not over every record.

Matching is word-wise: every word of the query must match a word of the same name or alias, either as
a prefix ("glut med" -> gluteus medius), exactly as an acronym ("TFL"), or within a small edit distance
("piriformus" -> piriformis). The best-scoring name or alias decides the rank of a muscle. Unless a
name matches confidently, the complaint-side matches of `studyapp.search_topics` (conditions,
symptoms, roots, nerves, acupoints, actions) follow the name matches. Every hit says why it matched.

Case and accents are folded with Unicode rules (casefold, then NFKD without combining marks), so
"Großer Gesäßmuskel" and "grosser gesassmuskel" are the same words; scripts without case or accents
(Chinese, Japanese) pass through unchanged.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.content.model import Muscle

if TYPE_CHECKING:  # imported where first used: the window's first paint needs none of them
    from studyapp.content.acupoints import PointAtlas
    from studyapp.search_points import PointMatcher
    from studyapp.search_topics import Conditions, TopicIndex

# Words that carry no meaning in a muscle name ("M. gluteus medius", "muscle of the ...").
STOPWORDS = frozenset({"m", "mm", "musculus", "musculi", "muscle", "muscles", "the", "of", "and"})
_NON_WORD = re.compile(r"[\W_]+")
_ROOT_RANGE = re.compile(r"^\s*([CTLS])\s*(\d+)\s*(?:[-–—]|to)\s*([CTLS])?\s*(\d+)\s*$", re.IGNORECASE)
_ROOT_ONE = re.compile(r"^\s*([CTLS]|Co)\s*(\d+)\s*$", re.IGNORECASE)
_SEGMENTS = {"C": 8, "T": 12, "L": 5, "S": 5}
ROOT_ORDER = [f"{letter}{n}" for letter, count in _SEGMENTS.items() for n in range(1, count + 1)]

# Scores: an exact word beats a completed prefix beats a typo; a whole-key match gets a bonus.
EXACT_WORD = 100.0
PREFIX_BASE = 90.0
TYPO_WEIGHT = 0.85
WHOLE_KEY_BONUS = 10.0
IN_ORDER_BONUS = 2.0
GROUP_WEIGHT = 0.8
RELATIVE_FLOOR = 0.7


def normalise(text: str) -> str:
    """Case- and accent-folded words separated by single spaces ("Glutæus  médius," -> "glutaeus medius",
    "Großer Gesäßmuskel" -> "grosser gesassmuskel", "臀中肌" unchanged)."""
    text = text.replace("æ", "ae").replace("Æ", "ae").replace("'", "").replace("’", "")  # "lat's" -> "lats"
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded).strip()


def words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalise(text).split() if w not in STOPWORDS)


def acronym(text: str) -> str:
    """ "tensor fasciae latae" -> "tfl"; single words have no useful acronym."""
    parts = words(text)
    return "".join(p[0] for p in parts) if len(parts) >= 2 else ""


def expand_roots(roots: Iterable[str]) -> tuple[str, ...]:
    """Spinal roots as single segments: ("L4-S1",) -> ("L4", "L5", "S1"), so a filter on L5 finds it."""
    order = ROOT_ORDER
    out: list[str] = []
    for root in roots:
        for part in re.split(r"[,;/]", root):
            if not part.strip():
                continue
            ranged = _ROOT_RANGE.match(part)
            if ranged:
                first = f"{ranged[1].upper()}{int(ranged[2])}"
                last = f"{(ranged[3] or ranged[1]).upper()}{int(ranged[4])}"
                if first in order and last in order and order.index(first) <= order.index(last):
                    out.extend(order[order.index(first) : order.index(last) + 1])
                    continue
            single = _ROOT_ONE.match(part)
            out.append(f"{single[1].capitalize()}{int(single[2])}" if single else part.strip())
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Filters:
    """Facet values to keep; None means "any". `only` restricts to a set of ids (e.g. favourites)."""

    area: str | None = None
    action: str | None = None  # Action.label, lower-case: "hip abduction"
    nerve: str | None = None
    root: str | None = None  # one segment: "L5"
    region: str | None = None  # region id, essential or spillover zone of any trigger point
    only: frozenset[str] | None = None

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.area, self.action, self.nerve, self.root, self.region, self.only)
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A muscle (`muscle_id`) or, when the index has the point atlas, an acupuncture point (`point`,
    its WHO code; `muscle_id` is then "")."""

    muscle_id: str
    score: float
    matched: str  # the name or alias that matched, as written in the record ("" for an empty query)
    reason: str = ""  # why it is listed: "name", "alias: piri", "root L5: ...", "pinyin: Hégǔ"
    point: str = ""

    @property
    def kind(self) -> str:
        """ "muscle" or "point": what the UI shows for this row."""
        return "point" if self.point else "muscle"

    @property
    def id(self) -> str:
        """The muscle id or the point code."""
        return self.point or self.muscle_id


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[Hit]
    hint: str = ""  # for an empty result: where else to look


NO_RESULT_HINT = (
    "Nothing matches “{query}”. Try the pain finder (click where it hurts on the body chart), "
    "or the filters (body area, action, nerve, spinal root, pain region)."
)
NO_RESULT_FILTERED_HINT = (
    "No muscle matches “{query}” with these filters; clear a filter, or try the pain finder."
)
CONFIDENT = 90.0  # a name matched this well: complaint-side matches would only add noise


@dataclass(frozen=True, slots=True)
class _Key:
    muscle: int  # index into SearchIndex.ids
    text: str  # as written, for showing which alias matched
    words: tuple[str, ...]
    joined: str  # normalised words joined by spaces
    weight: float
    kind: str = "name"  # "name", "alias", "Latin name", "abbreviation", "group"


class SearchIndex:
    """Normalised keys and facet sets for a fixed list of muscles (rebuild when the atlas changes)."""

    def __init__(
        self,
        muscles: Sequence[Muscle],
        conditions: Conditions | None = None,
        points: PointAtlas | Callable[[], PointAtlas] | None = None,
    ) -> None:
        """`points`: the point atlas, or a function that loads it on the first query that needs it
        (so opening the window does not wait for it); None searches muscles only."""
        self.ids: list[str] = [m.id for m in muscles]
        self._muscles = list(muscles)
        self._conditions = conditions
        self._points = points
        self._point_matcher: PointMatcher | None = None
        self._topic_index: TopicIndex | None = None  # built on the first query that needs it
        self._order = {mid: i for i, mid in enumerate(self.ids)}
        self._keys: list[_Key] = []
        self._keys_by_word: dict[str, list[int]] = {}
        self._vocab: list[str] = []
        self._keyed = False  # the word keys are built on the first typed query (start-up skips them)
        self._facets: dict[str, dict[str, frozenset[str]]] = {
            "area": _group(muscles, lambda m: [m.area]),
            "action": _group(muscles, lambda m: [a.label.lower() for a in m.actions]),
            "nerve": _group(muscles, lambda m: [m.innervation.nerve]),
            "root": _group(muscles, lambda m: expand_roots(m.innervation.roots)),
            "region": _group(muscles, lambda m: sorted(m.all_zones())),
        }
        self._all = frozenset(self.ids)

    @staticmethod
    def _key_texts(muscle: Muscle) -> list[tuple[str, str, float, str]]:
        """(text shown as "matched", text searched, weight, kind): names, aliases, Latin name, acronyms
        and, weakest, the group, so "erector" or "rotator cuff" lists the members."""
        texts = [
            (muscle.name, 1.0, "name"),
            *((alias, 1.0, "alias") for alias in muscle.aliases),
            (muscle.latin_name, 0.97, "Latin name"),
        ]
        acronyms = [(t, acronym(t)) for t, _, _ in texts[:-1]]
        return (
            [(t, t, w, kind) for t, w, kind in texts]
            + [(t, a, 0.99, "abbreviation") for t, a in acronyms if a]
            + [(f"group: {muscle.group}", muscle.group, GROUP_WEIGHT, "group")]
        )

    def _topics(self) -> TopicIndex:
        if self._topic_index is None:
            from studyapp.search_topics import TopicIndex, bundled_conditions

            conditions = self._conditions if self._conditions is not None else bundled_conditions()
            self._topic_index = TopicIndex(
                self._muscles, normalise, lambda m: expand_roots(m.innervation.roots), conditions
            )
        return self._topic_index

    def _matcher(self) -> PointMatcher | None:
        if self._point_matcher is None and self._points is not None:
            from studyapp.content.acupoints import PointAtlas
            from studyapp.search_points import PointMatcher

            points = self._points if isinstance(self._points, PointAtlas) else self._points()
            self._point_matcher = PointMatcher(points)
        return self._point_matcher

    def __len__(self) -> int:
        return len(self.ids)

    def facet_values(self, facet: str) -> list[str]:
        """Values present in the atlas for one facet ("area", "action", "nerve", "root", "region")."""
        values = list(self._facets[facet])
        if facet == "root":
            return sorted(values, key=lambda r: (ROOT_ORDER.index(r) if r in ROOT_ORDER else 999, r))
        return sorted(values, key=str.lower)

    def facet_count(self, facet: str, value: str) -> int:
        return len(self._facets[facet].get(value, ()))

    def filtered(self, filters: Filters) -> frozenset[str]:
        """Ids passing every active filter."""
        keep = self._all
        for facet in ("area", "action", "nerve", "root", "region"):
            value = getattr(filters, facet)
            if value is not None:
                keep = keep & self._facets[facet].get(value, frozenset())
        if filters.only is not None:
            keep = keep & filters.only
        return keep

    def lookup(self, query: str, filters: Filters | None = None) -> SearchResult:
        """`search`, plus a hint where to look instead when nothing matched."""
        hits = self.search(query, filters)
        if hits:
            return SearchResult(hits)
        filtered = filters is not None and filters.active
        template = NO_RESULT_FILTERED_HINT if filtered else NO_RESULT_HINT
        return SearchResult(hits, template.format(query=query.strip()))

    def search(self, query: str, filters: Filters | None = None) -> list[Hit]:
        """Best match first; an empty query lists every muscle passing the filters in atlas order.

        Names first; unless one matched confidently, then what the query names on the complaint side
        (condition, symptom, root, nerve, acupoint, action), each hit with its reason. With the point
        atlas, matching points are merged in by score (an exact code first of all); the muscle
        filters (area, action, ...) leave points out.
        """
        keep = self.filtered(filters) if filters is not None and filters.active else None
        if not normalise(query):
            return [Hit(mid, 0.0, "") for mid in self.ids if keep is None or mid in keep]
        hits = self._muscle_hits(query, keep)
        matcher = self._matcher() if keep is None else None
        if matcher is None:
            return hits
        points = [Hit("", m.score, m.matched, m.reason, m.code) for m in matcher.match(query)]
        return _merge(hits, points)

    def _muscle_hits(self, query: str, keep: frozenset[str] | None) -> list[Hit]:
        hits = self._by_name(query, keep)
        if hits and hits[0].score >= CONFIDENT:
            return hits
        named = {hit.muscle_id for hit in hits}
        topic = sorted(self._topics().match(normalise(query)).values(), key=lambda t: (-t.score, t.muscle))
        for t in topic:
            mid = self.ids[t.muscle]
            if mid not in named and (keep is None or mid in keep):
                hits.append(Hit(mid, t.score, t.reason, t.reason))
        return hits

    def _by_name(self, query: str, keep: frozenset[str] | None) -> list[Hit]:
        typed = normalise(query).split()
        query_words = words(query)
        if typed and typed[-1] in STOPWORDS:
            # The last word may be the start of a real one ("m" -> "medius"): try it first.
            hits = self._ranked((*query_words, typed[-1]), keep)
            if hits or not query_words:
                return hits
        if not query_words:
            return []
        return self._ranked(query_words, keep)

    def prepare(self) -> None:
        """Build the word keys now (they are otherwise built by the first typed query)."""
        if self._keyed:
            return
        self._keyed = True
        for index, muscle in enumerate(self._muscles):
            for shown, text, weight, kind in self._key_texts(muscle):
                parts = words(text)
                if parts:
                    self._keys.append(_Key(index, shown, parts, " ".join(parts), weight, kind))
        for k, key in enumerate(self._keys):
            for word in set(key.words):
                self._keys_by_word.setdefault(word, []).append(k)
        self._vocab = sorted(self._keys_by_word)

    def _ranked(self, query_words: tuple[str, ...], keep: frozenset[str] | None) -> list[Hit]:
        self.prepare()
        best: dict[int, tuple[float, int]] = {}  # muscle index -> (score, key index)
        for k, score in self._score_keys(query_words).items():
            muscle = self._keys[k].muscle
            if keep is not None and self.ids[muscle] not in keep:
                continue
            if muscle not in best or score > best[muscle][0]:
                best[muscle] = (score, k)
        if not best:
            best = self._whole_query_fallback(" ".join(query_words), keep)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        if ranked:  # far weaker matches than the best are noise ("lats" should not list TFL)
            floor = ranked[0][1][0] * RELATIVE_FLOOR
            ranked = [item for item in ranked if item[1][0] >= floor]
        return [
            Hit(self.ids[m], round(score, 2), self._keys[k].text, self._reason(k)) for m, (score, k) in ranked
        ]

    def _reason(self, k: int) -> str:
        key = self._keys[k]
        if key.kind == "name":
            return "name"
        if key.kind == "group":
            return key.text
        return f"{key.kind}: {key.text}"

    def _word_matches(self, token: str) -> dict[str, float]:
        """Vocabulary words that `token` may stand for, with how sure we are."""
        matches: dict[str, float] = {}
        start = bisect.bisect_left(self._vocab, token)
        for word in self._vocab[start:]:
            if not word.startswith(token):
                break
            matches[word] = EXACT_WORD if word == token else PREFIX_BASE + 10.0 * len(token) / len(word)
        if len(token) >= 4:  # short words are too easy to confuse; abbreviations are prefixes instead
            from rapidfuzz import fuzz, process  # on the first fuzzy match, not at start-up

            cutoff = 75.0 if len(token) <= 5 else 80.0
            for word, score, _ in process.extract(
                token, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                matches[word] = max(matches.get(word, 0.0), score * TYPO_WEIGHT)
            # A typo in a word still being typed: "pirif" vs the start of "piriformis".
            heads = [w[: len(token)] for w in self._vocab]
            for _, score, i in process.extract(
                token, heads, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                word = self._vocab[i]
                matches[word] = max(matches.get(word, 0.0), score * TYPO_WEIGHT * 0.95)
        return matches

    def _score_keys(self, query_words: tuple[str, ...]) -> dict[int, float]:
        """Keys in which every query word matches some word; value is the mean word score plus bonuses."""
        totals: dict[int, float] | None = None
        for token in query_words:
            per_key: dict[int, float] = {}
            for word, score in self._word_matches(token).items():
                for k in self._keys_by_word[word]:
                    if score > per_key.get(k, 0.0):
                        per_key[k] = score
            if totals is None:
                totals = per_key
            else:
                totals = {k: totals[k] + s for k, s in per_key.items() if k in totals}
            if not totals:
                return {}
        assert totals is not None
        joined = " ".join(query_words)
        out: dict[int, float] = {}
        for k, total in totals.items():
            key = self._keys[k]
            score = total / len(query_words)
            if key.joined == joined:
                score += WHOLE_KEY_BONUS
            elif key.joined.startswith(query_words[0]):
                score += IN_ORDER_BONUS
            out[k] = score * key.weight
        return out

    def _whole_query_fallback(self, joined: str, keep: frozenset[str] | None) -> dict[int, tuple[float, int]]:
        """Last resort for run-together or split words ("gluteusmedius"): compare whole names."""
        best: dict[int, tuple[float, int]] = {}
        if len(joined) < 5:
            return best
        from rapidfuzz import fuzz, process

        squashed = joined.replace(" ", "")
        choices = [key.joined.replace(" ", "") for key in self._keys]
        for _, score, k in process.extract(squashed, choices, scorer=fuzz.ratio, score_cutoff=80.0, limit=50):
            muscle = self._keys[k].muscle
            if keep is not None and self.ids[muscle] not in keep:
                continue
            scaled = score * TYPO_WEIGHT * self._keys[k].weight
            if muscle not in best or scaled > best[muscle][0]:
                best[muscle] = (scaled, k)
        return best

    def rank(self, muscle_id: str) -> int:
        """Position in atlas order (for stable tie-breaking by callers)."""
        return self._order[muscle_id]


def _merge(muscles: list[Hit], points: list[Hit]) -> list[Hit]:
    """Both lists in their own order; a point goes before the first muscle that scored lower."""
    merged: list[Hit] = []
    i = 0
    for point in points:
        while i < len(muscles) and muscles[i].score >= point.score:
            merged.append(muscles[i])
            i += 1
        merged.append(point)
    return merged + muscles[i:]


def _group(muscles: Sequence[Muscle], values: Callable[[Muscle], Iterable[str]]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for muscle in muscles:
        for value in values(muscle):
            groups.setdefault(value, set()).add(muscle.id)
    return {value: frozenset(ids) for value, ids in groups.items()}
