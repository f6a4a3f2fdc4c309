"""`studyapp search` and `studyapp find-pain` are contracts: what the window finds, in order, with why."""

from __future__ import annotations

import json

import pytest

from studyapp.bodychart.painguide import PainLookup, load_painguide
from studyapp.cli import main
from studyapp.content.loader import load_atlas
from studyapp.search import SearchIndex


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_search_prints_the_results_in_order_with_why_each_matched(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "search", "tennis", "elbow")
    atlas = load_atlas().atlas
    expected = SearchIndex(list(atlas.muscles.values())).search("tennis elbow")
    results = data["results"]
    assert isinstance(results, list) and data["query"] == "tennis elbow" and data["hint"] == ""
    assert [r["muscle_id"] for r in results] == [h.muscle_id for h in expected]
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))
    assert set(results[0]) == {"rank", "muscle_id", "name", "score", "matched", "reason"}
    assert all("tennis elbow" in r["reason"] for r in results)
    assert main(["search", "GB-30"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert any(line.strip().endswith("Piriformis  (acupoint GB30 Huantiao)") for line in text)


def test_search_with_no_result_offers_the_pain_finder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zzqx"]) == 0
    assert "pain finder" in capsys.readouterr().out
    assert "pain finder" in str(run_json(capsys, "search", "zzqx")["hint"])


def test_find_pain_accepts_ids_and_labels_and_marks_why(capsys: pytest.CaptureFixture[str]) -> None:
    by_label = run_json(capsys, "find-pain", "greater", "trochanter")
    by_id = run_json(capsys, "find-pain", "greater_trochanter")
    assert by_label == by_id
    assert by_label["regions"] == [{"id": "greater_trochanter", "label": "Greater trochanter"}]
    results = by_label["results"]
    assert isinstance(results, list)
    why = {r["muscle_id"]: r["why"] for r in results}
    assert why["gluteus_minimus"] == ["spillover", "pain guide"]
    assert ["pain guide"] in why.values()
    atlas = load_atlas().atlas
    core = PainLookup(atlas, load_painguide(atlas)[0]).find(["greater_trochanter"])
    assert [r["muscle_id"] for r in results] == [f.muscle_id for f in core.findings]


def test_find_pain_takes_several_regions_a_side_and_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "find-pain", "si_joint,", "heel", "pain", "--side", "left")
    assert [r["id"] for r in data["regions"]] == ["si_joint", "heel"]  # type: ignore[union-attr]
    assert data["side"] == "left"
    sided = run_json(capsys, "find-pain", "greater trochanter", "--side", "left")["results"]
    assert isinstance(sided, list)
    assert "(trigger point on the left side)" in sided[0]["reasons"][0]  # zones may cross the midline
    assert main(["find-pain", "Sacroiliac joint", "--side", "right"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pain in: Sacroiliac joint (right side")
    assert "[zone" in out and "pain guide: Sacrum and sacroiliac joint" in out


def test_an_unknown_region_is_one_line_exit_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find-pain", "trochanter"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "studyapp find-pain: unknown region 'trochanter'; "
        "did you mean 'greater_trochanter' (Greater trochanter)?\n"
    )
    assert main(["find-pain", "greater_trochanterr"]) == 2
    assert "did you mean 'greater_trochanter'" in capsys.readouterr().err
