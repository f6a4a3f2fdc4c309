"""The pain guide: for each painful area, the muscles the trigger-point manuals list as referring there.

The pain finder answers from the atlas's own referral zones; the manuals' pain guides add muscles a
clinician checks for the same complaint even where our zones do not reach. `resources/painguide.yaml`
holds those lists (with their sources); `find_pain` merges them with the zone-based answer, zone
matches first, and marks every muscle with why it is listed: "zone", "spillover", "pain guide".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.bodychart.painfinder import Answer, Match, PainFinder
from studyapp.content.files import Problem, YamlDoc
from studyapp.content.model import Atlas

GUIDE_POINTS = 0.25  # per selected region a guide lists the muscle for: below any zone match
ZONE, SPILLOVER, GUIDE = "zone", "spillover", "pain guide"


@dataclass(frozen=True, slots=True)
class GuideArea:
    label: str
    regions: tuple[str, ...]
    muscles: tuple[str, ...]  # most often listed first
    sources: tuple[str, ...]  # short citations ("Travell & Simons, vol. 2")


@dataclass(frozen=True, slots=True)
class PainGuide:
    areas: tuple[GuideArea, ...] = ()
    citations: dict[str, str] = field(default_factory=dict)  # short -> full citation

    def areas_for(self, region_ids: Iterable[str]) -> list[tuple[str, GuideArea]]:
        """(region id, area) for every selected region an area of the guide covers."""
        wanted = list(dict.fromkeys(region_ids))
        return [(rid, area) for rid in wanted for area in self.areas if rid in area.regions]


def parse_painguide(doc: YamlDoc, atlas: Atlas) -> tuple[PainGuide, list[Problem]]:
    from studyapp.content.checks import suggest  # with the YAML reader: only when the guide is read

    """Check every entry against the atlas; an entry with an unknown id is reported and left out."""
    problems: list[Problem] = []

    def problem(key: tuple[str | int, ...], message: str) -> None:
        field_name = ".".join(str(k) if isinstance(k, str) else f"[{k + 1}]" for k in key).replace(".[", "[")
        problems.append(Problem(doc.display, doc.line_of(key), field_name, message))

    data: Any = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("areas"), list):
        problem((), "must be a mapping with a list of 'areas'")
        return PainGuide(), problems
    short: dict[str, str] = {}
    citations: dict[str, str] = {}
    for i, source in enumerate(data.get("sources") or []):
        if not (isinstance(source, dict) and isinstance(source.get("id"), str) and source.get("citation")):
            problem(("sources", i), "each source needs an id and a citation")
            continue
        short[source["id"]] = str(source.get("short") or source["id"])
        citations[short[source["id"]]] = str(source["citation"])
    areas: list[GuideArea] = []
    for i, entry in enumerate(data["areas"]):
        if not isinstance(entry, dict):
            problem(("areas", i), "must be a mapping with label, regions, muscles and sources")
            continue
        ok = True
        lists: dict[str, list[str]] = {}
        for key in ("regions", "muscles", "sources"):
            value = entry.get(key)
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                problem(("areas", i, key), "must be a non-empty list of ids")
                ok = False
            else:
                lists[key] = value
        if not ok:
            continue
        known: dict[str, Collection[str]] = {
            "regions": atlas.regions,
            "muscles": atlas.muscles,
            "sources": short,
        }
        for key, values in lists.items():
            seen: set[str] = set()
            for j, value in enumerate(values):
                if value in seen:
                    problem(("areas", i, key, j), f"'{value}' is listed twice")
                    ok = False
                elif value not in known[key]:
                    what = {"regions": "region", "muscles": "muscle", "sources": "source"}[key]
                    problem(("areas", i, key, j), f"unknown {what} '{value}'{suggest(value, known[key])}")
                    ok = False
                seen.add(value)
        if ok:
            label = str(entry.get("label") or ", ".join(atlas.regions[r].label for r in lists["regions"]))
            areas.append(
                GuideArea(
                    label,
                    tuple(lists["regions"]),
                    tuple(lists["muscles"]),
                    tuple(short[s] for s in lists["sources"]),
                )
            )
    return PainGuide(tuple(areas), citations), problems


def load_painguide(atlas: Atlas, path: Path | None = None) -> tuple[PainGuide, list[Problem]]:
    """The bundled guide (or `path`); a file that cannot be read is one problem and an empty guide."""
    from studyapp.paths import resource

    target = path or resource("painguide.yaml")
    from studyapp.content.yamlfile import read_yaml

    doc = read_yaml(target, "resources/painguide.yaml" if path is None else str(path))
    if isinstance(doc, Problem):
        return PainGuide(), [doc]
    return parse_painguide(doc, atlas)


# --- the merged answer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One muscle in the merged answer, with every reason it is listed."""

    muscle_id: str
    muscle_name: str
    score: float
    kinds: tuple[str, ...]  # "zone", "spillover", "pain guide", in that order
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PainResult:
    findings: tuple[Finding, ...]
    selected: tuple[str, ...]
    unknown: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    side: str = ""  # "left", "right" or "" (either)


def _sides(match: Match) -> tuple[str, ...]:
    return match.tp_sides if len(match.tp_sides) == len(match.reasons) else ("",) * len(match.reasons)


def _with_side(reason: str, tp_side: str) -> str:
    """A sided complaint says where to look for the trigger point (zones may cross the midline)."""
    if tp_side in ("left", "right"):
        return f"{reason} (trigger point on the {tp_side} side)"
    if tp_side == "either":
        return f"{reason} (trigger point on either side)"
    return reason


def _guide_reason(area: GuideArea) -> str:
    return f"pain guide: {area.label} ({'; '.join(area.sources)})"


class PainLookup:
    """The pain finder and the pain guide together: what the window's pain finder and `find-pain` show."""

    def __init__(self, atlas: Atlas, guide: PainGuide, finder: PainFinder | None = None) -> None:
        self.atlas = atlas
        self.guide = guide
        self.finder = finder or PainFinder(atlas)

    def find(self, region_ids: Iterable[str], side: str = "") -> PainResult:
        """Zone-based matches (as the pain finder ranks them), then muscles only the pain guide lists.

        `side` ("left"/"right", "" for either) is the side that hurts; the pain finder then says on
        which side to look for each trigger point (zones may cross the midline).
        """
        answer: Answer = self.finder.query(region_ids, side or None)
        selected = answer.selected
        by_muscle: dict[str, list[GuideArea]] = {}
        rank: dict[str, tuple[int, int]] = {}  # muscle -> (-regions listing it, best position)
        regions_for: dict[str, set[str]] = {}
        for rid, area in self.guide.areas_for(selected):
            for pos, mid in enumerate(area.muscles):
                if area not in by_muscle.setdefault(mid, []):
                    by_muscle[mid].append(area)
                regions_for.setdefault(mid, set()).add(rid)
                best = rank.get(mid, (0, pos))[1]
                rank[mid] = (-len(regions_for[mid]), min(best, pos))
        findings: list[Finding] = []
        for match in answer.matches:
            kinds = ([ZONE] if match.essential else []) + ([SPILLOVER] if match.spillover else [])
            reasons = [
                _with_side(r, tp_side) for r, tp_side in zip(match.reasons, _sides(match), strict=True)
            ]
            if match.muscle_id in by_muscle:
                kinds.append(GUIDE)
                reasons += [_guide_reason(a) for a in by_muscle.pop(match.muscle_id)]
            findings.append(
                Finding(match.muscle_id, match.muscle_name, match.score, tuple(kinds), tuple(reasons))
            )
        names = self.atlas.muscles
        for mid in sorted(by_muscle, key=lambda m: (rank[m], names[m].name.lower())):
            score = GUIDE_POINTS * len(regions_for[mid]) / max(1, len(selected))
            reasons_ = tuple(_guide_reason(a) for a in by_muscle[mid])
            findings.append(Finding(mid, names[mid].name, round(score, 3), (GUIDE,), reasons_))
        return PainResult(tuple(findings), selected, answer.unknown, answer.messages, side)
