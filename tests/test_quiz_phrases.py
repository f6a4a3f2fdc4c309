"""Short answers cut from the atlas's descriptive sentences: the structure's name, and where it lies."""

from __future__ import annotations

import pytest

from studyapp.quiz.phrases import short_form, structure_name, where_it_lies


@pytest.mark.parametrize(
    ("item", "name", "where"),
    [
        (
            "Sciatic nerve, which normally emerges below the inferior border of piriformis; in one in ten...",
            "Sciatic nerve",
            "normally emerges below the inferior border of piriformis",
        ),
        (
            "Popliteal vessels and tibial nerve passing under the soleal arch at the top of the muscle",
            "Popliteal vessels and tibial nerve",
            "passing under the soleal arch at the top of the muscle",
        ),
        (  # a list of nerves keeps its list; the rest says where they cross
            "Glossopharyngeal, vagus, accessory and hypoglossal nerves crossing the region behind the muscle",
            "Glossopharyngeal, vagus, accessory and hypoglossal nerves",
            "crossing the region behind the muscle",
        ),
        (  # "deep fibular nerve" is a name, not "deep to"
            "Anterior tibial artery and veins and the deep fibular nerve, lying on the interosseous membrane",
            "Anterior tibial artery and veins and the deep fibular nerve",
            "lying on the interosseous membrane",
        ),
        (  # the rest continues the list of structures: no clue rather than half a list
            "Superior gluteal nerve, artery and veins at the upper border of piriformis",
            "Superior gluteal nerve",
            "",
        ),
        ("Femoral artery and vein (distal point)", "Femoral artery and vein", ""),
        ("Kidney", "Kidney", ""),
    ],
)
def test_structure_name_and_where_it_lies(item: str, name: str, where: str) -> None:
    assert structure_name(item) == name
    assert where_it_lies(item, name) == where


def test_short_form_keeps_short_text_and_cuts_long_text_at_a_clause() -> None:
    assert short_form("Tibial nerve (S1, S2)") == "Tibial nerve (S1, S2)"
    long = "Sciatic nerve, which normally emerges below the inferior border; " + "x" * 100
    assert short_form(long) == "Sciatic nerve, which normally emerges below the inferior border"
    assert short_form("y" * 200) == ""
