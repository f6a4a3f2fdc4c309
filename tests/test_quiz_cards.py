"""Cards generated from the atlas: stable ids, siblings, one card per template and trigger point."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from studyapp.content.loader import load_atlas
from studyapp.quiz.cards import POINT_CARD_TYPES, Template, generate_cards
from studyapp.quiz.demo import demo_atlas
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def test_every_template_is_generated_with_readable_stable_ids() -> None:
    cards = {c.id: c for c in generate_cards(demo_atlas())}
    assert {
        "gluteus_medius:origin_to_muscle",
        "gluteus_medius:origin",
        "gluteus_medius:insertion",
        "gluteus_medius:actions",
        "gluteus_medius:innervation",
        "gluteus_medius:referral:tp1",
        "gluteus_medius:click_referral:tp2",
        "gluteus_medius:needling",
        "zone.si_joint:which_muscles",
    } <= set(cards)
    # point cards need the point atlas (tests/test_point_cards.py generates every one of them)
    assert {c.template for c in cards.values()} == set(Template) - {t.template for t in POINT_CARD_TYPES}
    assert cards["gluteus_medius:innervation"].answer == "Superior gluteal nerve (L4, L5, S1)"
    assert cards["gluteus_medius:origin_to_muscle"].prompt.endswith(
        "between the anterior and posterior gluteal lines."
    )


def test_referral_cards_carry_the_pattern_for_the_chart_to_draw() -> None:
    cards = {c.id: c for c in generate_cards(demo_atlas())}
    picture = cards["piriformis:referral:tp1"]
    assert (picture.muscle_id, picture.tp_id) == ("piriformis", "tp1")
    assert picture.zones == ("si_joint", "buttock_upper_lateral", "buttock_lower_lateral")
    assert picture.spillover == ("posterior_thigh_upper",)
    assert "Piriformis" not in picture.prompt  # the picture is the question; the name would give it away
    click = cards["piriformis:click_referral:tp1"]
    assert "Piriformis" in click.prompt and click.zones == picture.zones


def test_region_card_lists_every_muscle_referring_there() -> None:
    cards = {c.id: c for c in generate_cards(demo_atlas())}
    si = cards["zone.si_joint:which_muscles"]
    assert set(si.muscle_ids) == {"quadratus_lumborum", "gluteus_medius", "piriformis"}
    assert si.area == "trunk" and si.sibling_key == "zone.si_joint"


def test_cards_of_one_muscle_are_siblings_and_needling_only_when_described() -> None:
    cards = generate_cards(demo_atlas())
    infra = [c for c in cards if c.sibling_key == "infraspinatus"]
    # seven fact cards, one per action (one here), picture + click per trigger point
    assert len(infra) == 7 + 1 + 2 * 2
    assert not any(
        c.template in (Template.NEEDLING, Template.NEEDLING_RISK) for c in infra
    )  # no needling section in the record
    assert all(c.muscle_ids == ("infraspinatus",) for c in infra)


def test_editing_content_keeps_card_ids(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write_muscle(root, muscle())
    before = {c.id: c for c in generate_cards(load_atlas(root).atlas)}
    write_muscle(root, muscle(origin="Outer ilium, corrected wording.", name="Test muscle (renamed)"))
    after = {c.id: c for c in generate_cards(load_atlas(root).atlas)}
    assert set(before) == set(after)
    assert after["test_muscle:origin"].answer == "Outer ilium, corrected wording."
    assert before["test_muscle:origin"].answer != after["test_muscle:origin"].answer
    assert path.exists()


def test_generation_is_deterministic() -> None:
    first = generate_cards(demo_atlas())
    second = generate_cards(demo_atlas())
    assert [dataclasses.astuple(c) for c in first] == [dataclasses.astuple(c) for c in second]
