"""The pain guide: the manuals' lists of muscles per painful area, checked and merged with the zones."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from studyapp.bodychart.painguide import GUIDE, SPILLOVER, ZONE, PainLookup, load_painguide
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas


@cache
def atlas() -> Atlas:
    return load_atlas().atlas


@cache
def lookup() -> PainLookup:
    guide, problems = load_painguide(atlas())
    assert problems == []
    return PainLookup(atlas(), guide)


def test_the_bundled_guide_covers_the_body_with_known_ids_and_sources() -> None:
    guide = lookup().guide
    assert len(guide.areas) >= 40
    covered = {rid for area in guide.areas for rid in area.regions}
    assert {"greater_trochanter", "heel", "temple", "lateral_epicondyle", "lumbar_paraspinal"} <= covered
    assert all(area.sources and area.muscles for area in guide.areas)
    assert all(short in guide.citations for area in guide.areas for short in area.sources)


def test_unknown_region_or_muscle_ids_are_errors_naming_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "painguide.yaml"
    path.write_text(
        "schema: 1\n"
        "sources:\n"
        "  - {id: ts2, short: T&S 2, citation: Travell and Simons vol 2}\n"
        "areas:\n"
        "  - label: Outer hip\n"
        "    regions: [greater_trochanter, great_trochanter]\n"
        "    muscles: [gluteus_minimus, glutues_medius]\n"
        "    sources: [ts2]\n"
        "  - label: Heel\n"
        "    regions: [heel]\n"
        "    muscles: [soleus]\n"
        "    sources: [ts3]\n",
        encoding="utf-8",
    )
    guide, problems = load_painguide(atlas(), path)
    assert [str(p) for p in problems] == [
        f"{path}:6: areas[1].regions[2]: unknown region 'great_trochanter'"
        " (did you mean 'greater_trochanter'?)",
        f"{path}:7: areas[1].muscles[2]: unknown muscle 'glutues_medius' (did you mean 'gluteus_medius'?)",
        f"{path}:12: areas[2].sources[1]: unknown source 'ts3'",
    ]
    assert guide.areas == ()  # a checked entry or none: never half an entry


def test_guide_muscles_are_merged_after_the_zone_matches_and_marked() -> None:
    result = lookup().find(["greater_trochanter"])
    kinds = {f.muscle_id: f.kinds for f in result.findings}
    assert kinds["gluteus_minimus"] == (SPILLOVER, GUIDE)  # the chart's spillover zone and the guide agree
    zone_based = [i for i, f in enumerate(result.findings) if ZONE in f.kinds or SPILLOVER in f.kinds]
    guide_only = [i for i, f in enumerate(result.findings) if f.kinds == (GUIDE,)]
    assert zone_based and guide_only and max(zone_based) < min(guide_only)
    for finding in result.findings:
        if GUIDE in finding.kinds:
            assert any(
                r.startswith("pain guide: Outer hip") and "Travell & Simons" in r for r in finding.reasons
            )
    ids = [f.muscle_id for f in result.findings]
    assert len(ids) == len(set(ids))


def test_a_region_only_the_guide_knows_still_gets_an_answer() -> None:
    finder_only = lookup().finder.query(["heel_plantar"])
    merged = lookup().find(["heel_plantar"])
    assert {m.muscle_id for m in finder_only.matches} < {f.muscle_id for f in merged.findings}
    assert "quadratus_plantae" in {f.muscle_id for f in merged.findings}
