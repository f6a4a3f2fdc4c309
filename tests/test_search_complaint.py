"""Search from the complaint: conditions, symptoms, roots, nerves, acupoints, actions, each with a reason."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.content.yamlfile import YamlDoc, read_yaml
from studyapp.paths import resource
from studyapp.search import Filters, SearchIndex, normalise
from studyapp.search_topics import parse_conditions


@cache
def atlas() -> Atlas:
    return load_atlas().atlas


@cache
def index() -> SearchIndex:
    return SearchIndex(list(atlas().muscles.values()))


def reasons(query: str) -> dict[str, str]:
    return {hit.muscle_id: hit.reason for hit in index().search(query)}


@pytest.mark.parametrize(
    ("query", "muscle", "why"),
    [
        ("sciatica", "gluteus_minimus", "sciatica: symptom"),
        ("sciatica", "piriformis", "sciatica: differential diagnosis"),
        ("tension headache", "temporalis", "tension headache"),
        ("headache", "splenius_capitis", "headache"),
        ("tennis elbow", "supinator", "tennis elbow"),
        ("frozen shoulder", "subscapularis", "frozen shoulder"),
        ("plantar heel pain", "quadratus_plantae", "plantar heel pain"),
        ("TMJ", "lateral_pterygoid", "tmj"),
        ("jaw pain", "masseter", "jaw"),
    ],
)
def test_conditions_and_symptoms_find_the_muscles_whose_records_name_them(
    query: str, muscle: str, why: str
) -> None:
    found = reasons(query)
    assert muscle in found, (query, sorted(found))
    assert why in found[muscle]


def test_roots_nerves_acupoints_and_actions_find_muscles_and_say_why() -> None:
    assert reasons("L5")["gluteus_medius"].startswith("root L5")
    assert reasons("C5")["deltoid"].startswith("root C5")
    nerve = index().search("superior gluteal")
    assert {h.muscle_id for h in nerve[:3]} == {"gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae"}
    assert nerve[0].reason == "nerve: Superior gluteal nerve"
    for code in ("GB30", "gb 30", "GB-30", "gb30"):
        assert reasons(code)["piriformis"] == "acupoint GB30 Huantiao", code
    assert "LI4" in reasons("LI4")["dorsal_interossei_hand"]
    assert reasons("hip abduction")["gluteus_medius"] == "action: hip abduction"


def test_names_still_come_first_and_say_which_name_matched() -> None:
    hits = index().search("piri")
    assert hits[0].muscle_id == "piriformis" and hits[0].reason == "alias: piri"
    assert index().search("Piriformis")[0].reason == "name"
    assert len(index().search("gluteus medius")) <= 3  # a confident name match adds no complaint noise


def test_filters_apply_to_complaint_matches_too() -> None:
    hip = index().search("sciatica", Filters(area="hip_thigh"))
    assert hip and all(atlas().muscles[h.muscle_id].area == "hip_thigh" for h in hip)


def test_an_empty_result_offers_the_pain_finder_and_the_filters() -> None:
    result = index().lookup("zzqx")
    assert result.hits == [] and "pain finder" in result.hint and "filters" in result.hint
    filtered = index().lookup("sciatica", Filters(area="head_face"))
    assert filtered.hits == [] and "clear a filter" in filtered.hint
    assert index().lookup("piriformis").hint == ""


def test_case_and_accents_fold_with_unicode_rules_and_cjk_passes_through() -> None:
    base = atlas().muscles["gluteus_medius"]
    translated = dataclasses.replace(base, aliases=("Mittlerer Gesäßmuskel", "Großer Gesäßmuskel", "臀中肌"))
    other = atlas().muscles["piriformis"]
    search = SearchIndex([translated, other])
    for query in ("grosser gesassmuskel", "GROSSER GESÄSSMUSKEL", "Großer Gesäßm", "臀中肌", "臀中"):
        hits = search.search(query)
        assert hits and hits[0].muscle_id == "gluteus_medius", query
    assert search.search("臀中肌")[0].reason == "alias: 臀中肌"
    assert normalise("Großer Gesäßmuskel") == normalise("grosser gesassmuskel") == "grosser gesassmuskel"
    assert normalise("ＧＢ３０") == "gb30"  # full-width letters from an East Asian keyboard


def test_the_condition_list_is_valid_and_every_condition_finds_a_muscle() -> None:
    doc = read_yaml(resource("conditions.yaml"), "resources/conditions.yaml")
    assert isinstance(doc, YamlDoc)
    conditions, problems = parse_conditions(doc, normalise)
    assert problems == []
    for term in conditions.labels.values():
        assert index().search(term), term


def test_a_broken_condition_list_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "conditions.yaml"
    path.write_text(
        "schema: 1\nconditions:\n  sciatica: [sciatic pain]\n  headache: migraine\n", encoding="utf-8"
    )
    doc = read_yaml(path, "conditions.yaml")
    assert isinstance(doc, YamlDoc)
    _conditions, problems = parse_conditions(doc, normalise)
    assert [str(p) for p in problems] == [
        "conditions.yaml:4: conditions.headache: must be a list of synonyms (words, not empty)"
    ]


def test_the_german_translation_is_found_with_or_without_umlauts_and_eszett() -> None:
    german = SearchIndex(list(load_atlas(language="de").atlas.muscles.values()))
    for query in ("Großer Gesäßmuskel", "grosser gesassmuskel", "GROSSER GESÄSSMUSKEL"):
        hits = german.search(query)
        assert hits and hits[0].muscle_id == "gluteus_maximus" and hits[0].reason == "name", query
