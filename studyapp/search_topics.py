"""Search from the complaint: matches on what a muscle does and causes, not only on its names.

A student types what the patient said or what the chart shows: a condition ("sciatica", "tennis
elbow"), a symptom ("jaw pain"), a spinal root ("L5"), a nerve ("superior gluteal"), an acupoint
code ("GB30", "gb 30", "GB-30") or an action ("hip abduction"). Each match says why it was listed.

Condition names are widened by a small curated list (`resources/conditions.yaml`: term -> synonyms);
which muscles a complaint finds comes from the records' own text (trigger-point symptoms,
differential diagnosis, notes). Everything is indexed once; a query costs a few dictionary look-ups
and a bisect, whatever the size of the atlas.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from studyapp.content.model import Muscle
from studyapp.content.yamlfile import Problem, YamlDoc, read_yaml

# How sure a kind of match is; all below a confident name match (search.CONFIDENT).
ACUPOINT = 88.0
ROOT = 86.0
NERVE = 84.0
ACTION = 82.0
TEXT_SCORES = {"symptom": 70.0, "differential diagnosis": 68.0, "note": 60.0}
CONDITION_BONUS = 2.0  # a named condition beats the same words found loose in a sentence

_ACUPOINT = re.compile(r"^\s*([a-z]{2,3})\s*(\d{1,3})\s*$")
_ROOT = re.compile(r"^\s*([ctls])\s*(\d{1,2})\s*$")
REASON_CHARS = 80
_GENERIC = frozenset({"nerve", "nerves", "branch", "branches", "of", "the", "to", "and"})
_FILLER = frozenset({"the", "of", "and", "a", "an", "in", "on", "to", "with", "or", "m", "muscle", "muscles"})


@dataclass(frozen=True, slots=True)
class TopicHit:
    muscle: int  # index into the muscle list the index was built from
    score: float
    reason: str


def _clip(text: str, limit: int = REASON_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the condition list ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conditions:
    groups: dict[str, tuple[str, ...]]  # normalised term -> normalised synonyms (term first)
    labels: dict[str, str]  # normalised term -> the term as written

    def expand(self, query: str) -> tuple[str, tuple[str, ...]] | None:
        """(term, phrases) when the normalised query names a condition, or begins one (4+ letters)."""
        if not query:
            return None
        for term, phrases in self.groups.items():
            if query in phrases:
                return self.labels[term], phrases
        if len(query) >= 4:
            for term, phrases in self.groups.items():
                if any(p.startswith(query) for p in phrases):
                    return self.labels[term], phrases
        return None


def parse_conditions(doc: YamlDoc, normalise: Callable[[str], str]) -> tuple[Conditions, list[Problem]]:
    problems: list[Problem] = []

    def problem(key: tuple[str | int, ...], field: str, message: str) -> None:
        problems.append(Problem(doc.display, doc.line_of(key), field, message))

    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        problem((), "", "must be a mapping with a 'conditions' key")
    raw = data.get("conditions", {})
    if not isinstance(raw, dict):
        problem(("conditions",), "conditions", "must map each condition to a list of synonyms")
        raw = {}
    groups: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for term, synonyms in raw.items():
        field = f"conditions.{term}"
        if not isinstance(term, str) or not normalise(term):
            problem(("conditions", str(term)), field, "a condition must be named by words")
            continue
        if not isinstance(synonyms, list) or not all(isinstance(s, str) and normalise(s) for s in synonyms):
            problem(("conditions", term), field, "must be a list of synonyms (words, not empty)")
            continue
        key = normalise(term)
        groups[key] = tuple(dict.fromkeys([key, *(normalise(s) for s in synonyms)]))
        labels[key] = term
    return Conditions(groups, labels), problems


@cache
def bundled_conditions() -> Conditions:
    """The curated list shipped with the app; a broken file costs the synonyms, never the search."""
    from studyapp.paths import resource
    from studyapp.search import normalise

    path = resource("conditions.yaml")
    doc = read_yaml(Path(path), "resources/conditions.yaml")
    if isinstance(doc, Problem):
        return Conditions({}, {})
    return parse_conditions(doc, normalise)[0]


# --- the index --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    muscle: int
    kind: str  # "symptom", "differential diagnosis", "note"
    text: str
    padded: str  # " normalised words " for phrase look-ups


class TopicIndex:
    def __init__(
        self,
        muscles: Sequence[Muscle],
        normalise: Callable[[str], str],
        roots_of: Callable[[Muscle], Iterable[str]],
        conditions: Conditions,
    ) -> None:
        self._normalise = normalise
        self._conditions = conditions
        self._acupoints: dict[str, list[tuple[int, str]]] = {}
        self._roots: dict[str, list[tuple[int, str]]] = {}
        labels: dict[tuple[str, str], tuple[frozenset[str], str, list[int]]] = {}  # (kind, key) -> ...
        self._items: list[_Item] = []
        for i, m in enumerate(muscles):
            for point in m.acupoints:
                code = re.sub(r"[^a-z0-9]", "", point.code.casefold())
                self._acupoints.setdefault(code, []).append(
                    (i, f"acupoint {point.code} {point.name}".strip())
                )
            nerve = m.innervation.nerve
            for segment in roots_of(m):
                self._roots.setdefault(segment.casefold(), []).append(
                    (i, f"root {segment}: {_clip(nerve, 50)} ({', '.join(m.innervation.roots)})")
                )
            named = [("nerve", nerve, _clip(nerve, 60))] + [("action", a.label, a.label) for a in m.actions]
            for kind, text, shown in named:
                key = normalise(text)
                labels.setdefault((kind, key), (frozenset(key.split()), shown, []))[2].append(i)
            texts = [("symptom", s) for tp in m.trigger_points for s in tp.symptoms]
            texts += [("differential diagnosis", d) for d in m.differential_diagnosis]
            texts += [("note", n) for n in m.notes]
            for kind, text in texts:
                self._items.append(_Item(i, kind, text, f" {normalise(text)} "))
        # nerves and actions are shared by many muscles: match each distinct one once per keystroke
        self._labels = [(words, shown, kind, ids) for (kind, _), (words, shown, ids) in labels.items()]
        by_word: dict[str, set[int]] = {}
        for k, item in enumerate(self._items):
            for word in item.padded.split():
                by_word.setdefault(word, set()).add(k)
        self._by_word = by_word
        self._vocab = sorted(by_word)

    def match(self, query: str) -> dict[int, TopicHit]:
        """Muscle index -> its best topic match for the (already normalised) query."""
        best: dict[int, TopicHit] = {}

        def add(i: int, score: float, reason: str) -> None:
            if i not in best or score > best[i].score:
                best[i] = TopicHit(i, score, reason)

        squashed = query.replace(" ", "")
        root = _ROOT.match(query)
        if root:
            for i, reason in self._roots.get(f"{root[1]}{int(root[2])}", ()):
                add(i, ROOT, reason)
            return best  # "L5" is a root, never an acupoint or a word in a sentence
        point = _ACUPOINT.match(query)
        if point:
            for i, reason in self._acupoints.get(squashed, ()):
                add(i, ACUPOINT, reason)
            if best:
                return best
        words = query.split()
        if not words:
            return best
        self._match_labels(words, add)
        condition = self._conditions.expand(query)
        if condition is not None:
            term, phrases = condition
            for item in self._phrase_items(phrases):
                add(
                    item.muscle,
                    TEXT_SCORES[item.kind] + CONDITION_BONUS,
                    f"{term}: {item.kind}: {_clip(item.text)}",
                )
        for item in self._word_items(words):
            add(item.muscle, TEXT_SCORES[item.kind], f"{item.kind}: {_clip(item.text)}")
        return best

    def _match_labels(self, words: list[str], add: Callable[[int, float, str], None]) -> None:
        """Nerves and actions whose words hold every query word (the last one may be half typed)."""
        if set(words) <= _GENERIC:
            return  # "nerve" alone would list every muscle
        *whole, last = words
        for label_words, text, kind, ids in self._labels:
            if all(w in label_words for w in whole) and any(lw.startswith(last) for lw in label_words):
                if len(last) < 3 and last not in label_words:
                    continue  # "hip a" is not yet an action
                for i in ids:
                    add(i, NERVE if kind == "nerve" else ACTION, f"{kind}: {text}")

    def _phrase_items(self, phrases: Iterable[str]) -> list[_Item]:
        found: list[_Item] = []
        for phrase in phrases:
            first = phrase.split()[0]
            for k in self._by_word.get(first, ()):
                item = self._items[k]
                if f" {phrase} " in item.padded:
                    found.append(item)
        return found

    def _word_items(self, words: list[str]) -> list[_Item]:
        """Sentences holding every query word (the last one may be the start of a word)."""
        words = [w for w in words if w not in _FILLER]
        if not words or (len(words) == 1 and len(words[0]) < 3):
            return []
        sets: list[set[int]] = []
        for w in words[:-1]:
            sets.append(self._by_word.get(w, set()))
        last = words[-1]
        if len(last) < 3:
            return [self._items[k] for k in sorted(set.intersection(*sets, self._by_word.get(last, set())))]
        start = bisect.bisect_left(self._vocab, last)
        tail: set[int] = set()
        for word in self._vocab[start:]:
            if not word.startswith(last):
                break
            tail |= self._by_word[word]
        sets.append(tail)
        common = set.intersection(*sets) if sets else set()
        return [self._items[k] for k in sorted(common)]
