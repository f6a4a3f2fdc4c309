"""`studyapp search` and `studyapp find-pain`: the window's two lookups, for scripts.

Both print what the window shows, in the same order, each result with why it is listed. Like
`validate` and `export`, their arguments and their JSON shape are contracts: extend them, never
rename a key.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from studyapp.content.model import Atlas
from studyapp.content.yamlfile import Problem

SIDES = ("left", "right")


def add_commands(commands: Any) -> None:
    """Add the sub-commands to `studyapp`'s parser (`commands` is its sub-parser action)."""
    search = commands.add_parser(
        "search", help="search muscles by name, condition, symptom, root, nerve, acupoint or action"
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="what to look for (several words allowed)")
    search.add_argument("--json", action="store_true", help="print one JSON object")
    pain = commands.add_parser("find-pain", help="which muscles refer pain to these body regions")
    pain.add_argument(
        "regions",
        nargs="+",
        metavar="REGION_OR_WORDS",
        help="region ids or labels, e.g. greater_trochanter or 'greater trochanter'; commas separate regions",
    )
    pain.add_argument("--side", choices=SIDES, help="the side that hurts (default: either)")
    pain.add_argument("--json", action="store_true", help="print one JSON object")


def _atlas() -> Atlas:
    from studyapp.content.loader import load_atlas

    result = load_atlas()
    for problem in result.problems:
        print(f"warning: skipped: {problem}", file=sys.stderr)
    return result.atlas


# --- search ------------------------------------------------------------------------------------------


def cmd_search(words: Sequence[str], as_json: bool) -> int:
    from studyapp.search import SearchIndex

    atlas = _atlas()
    query = " ".join(words)
    result = SearchIndex(list(atlas.muscles.values())).lookup(query)
    rows: list[dict[str, Any]] = [
        {
            "rank": i,
            "muscle_id": hit.muscle_id,
            "name": atlas.muscles[hit.muscle_id].name,
            "score": hit.score,
            "matched": hit.matched,
            "reason": hit.reason,
        }
        for i, hit in enumerate(result.hits, 1)
    ]
    if as_json:
        json.dump(
            {"query": query, "results": rows, "hint": result.hint}, sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
        return 0
    for row in rows:
        print(f"{row['rank']:3}. {row['name']}  ({row['reason']})")
    if result.hint:
        print(result.hint)
    return 0


# --- find-pain ---------------------------------------------------------------------------------------


class UnknownRegion(ValueError):
    pass


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def region_names(atlas: Atlas) -> dict[str, tuple[str, ...]]:
    """Every way to name a region (id, label, label without its bracket) -> the region ids it means."""
    names: dict[str, tuple[str, ...]] = {}
    for rid, region in atlas.regions.items():
        if rid in atlas.areas or rid in atlas.views:
            continue  # body areas and views are groupings, not places that hurt
        for text in (rid, region.label, re.sub(r"\([^)]*\)", "", region.label)):
            names.setdefault(_key(text), (rid,))
    return names


def resolve_regions(
    args: Sequence[str], atlas: Atlas, extra: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    """Region ids for arguments such as `greater_trochanter`, `greater trochanter` or `si joint, sacrum`.

    Words are read left to right, taking the longest run of words that names a region; a trailing
    "pain" is ignored ("heel pain"). Raises UnknownRegion naming the first words that name nothing.
    """
    names = {**(extra or {}), **region_names(atlas)}
    found: list[str] = []
    for group in " ".join(args).split(","):
        tokens = [t for t in _key(group).split() if t]
        if tokens and tokens[-1] == "pain" and len(tokens) > 1:
            tokens = tokens[:-1]
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                ids = names.get(" ".join(tokens[i:j]))
                if ids:
                    found.extend(ids)
                    i = j
                    break
            else:
                raise UnknownRegion(_unknown(" ".join(tokens[i:]), names, atlas))
    return list(dict.fromkeys(found))


def _unknown(words: str, names: dict[str, tuple[str, ...]], atlas: Atlas) -> str:
    import difflib

    close = difflib.get_close_matches(words, list(names), n=1, cutoff=0.6)
    if not close:  # a word of a label: "trochanter" -> "greater trochanter"
        close = [name for name in names if words and f" {words} " in f" {name} "][:1]
    if close:
        rid = names[close[0]][0]
        label = atlas.regions[rid].label
        return f"unknown region '{words}'; did you mean '{rid}' ({label})?"
    return f"unknown region '{words}'; region ids and labels are listed in resources/bodychart/regions.yaml"


def cmd_find_pain(args: Sequence[str], side: str | None, as_json: bool) -> int:
    from studyapp.bodychart.painguide import PainLookup, load_painguide

    atlas = _atlas()
    guide, problems = load_painguide(atlas)
    for problem in problems:
        print(f"warning: pain guide: {problem}", file=sys.stderr)
    guide_names = {_key(area.label): area.regions for area in guide.areas}
    guide_names.update({_key(re.sub(r"\([^)]*\)", "", a.label)): a.regions for a in guide.areas})
    try:
        region_ids = resolve_regions(args, atlas, guide_names)
    except UnknownRegion as exc:
        print(f"studyapp find-pain: {exc}", file=sys.stderr)
        return 2
    result = PainLookup(atlas, guide).find(region_ids, side or "")
    regions = [{"id": rid, "label": atlas.regions[rid].label} for rid in result.selected]
    rows: list[dict[str, Any]] = [
        {
            "rank": i,
            "muscle_id": f.muscle_id,
            "name": f.muscle_name,
            "score": f.score,
            "why": list(f.kinds),
            "reasons": list(f.reasons),
        }
        for i, f in enumerate(result.findings, 1)
    ]
    if as_json:
        out = {"regions": regions, "side": side or "", "results": rows, "messages": list(result.messages)}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    where = ", ".join(r["label"] for r in regions)
    print(f"Pain in: {where}" + (f" ({side} side)" if side else ""))
    for row in rows:
        print(f"{row['rank']:3}. {row['name']}  [{', '.join(row['why'])}]")
        for reason in row["reasons"]:
            print(f"       {reason}")
    for message in result.messages:
        print(message)
    return 0


def resource_problems(atlas: Atlas) -> list[Problem]:
    """Problems in the lookup resources (pain guide, condition synonyms), for `studyapp validate`."""
    from studyapp.bodychart.painguide import load_painguide
    from studyapp.content.yamlfile import YamlDoc, read_yaml
    from studyapp.paths import resource
    from studyapp.search import normalise
    from studyapp.search_topics import parse_conditions

    problems: list[Problem] = []
    if resource("painguide.yaml").is_file():  # optional: a content pack may bring none
        problems += load_painguide(atlas)[1]
    if resource("conditions.yaml").is_file():
        doc = read_yaml(resource("conditions.yaml"), "resources/conditions.yaml")
        problems += parse_conditions(doc, normalise)[1] if isinstance(doc, YamlDoc) else [doc]
    return problems


def run(args: argparse.Namespace) -> int | None:
    """Run `search` or `find-pain` if that is the command; None for any other command."""
    if args.command == "search":
        return cmd_search(args.query, args.json)
    if args.command == "find-pain":
        return cmd_find_pain(args.regions, args.side, args.json)
    return None
