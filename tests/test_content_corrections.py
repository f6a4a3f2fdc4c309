"""Content facts that were wrong in the atlas and were corrected against public references (#11, item 7).

Each test reads the bundled records, so a later edit that brings a mistake back fails here. The
references are named in the records' `sources` and in docs/content-audit.md.
"""

from __future__ import annotations

import re

import pytest

from studyapp.content.loader import LoadResult, load_atlas
from studyapp.content.model import Muscle


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_atlas()


def _acupoints(loaded: LoadResult, code: str) -> list[tuple[str, str, str]]:
    return [
        (m.id, p.name, p.note) for m in loaded.atlas.muscles.values() for p in m.acupoints if p.code == code
    ]


def test_te15_is_tianliao_and_te14_is_jianliao(loaded: LoadResult) -> None:
    te15, te14 = _acupoints(loaded, "TE15"), _acupoints(loaded, "TE14")
    assert te15 and te14, "the atlas names both points (levator scapulae and deltoid)"
    assert [(mid, name) for mid, name, _ in te15 if name != "Tianliao"] == []
    assert [(mid, name) for mid, name, _ in te14 if name != "Jianliao"] == []


def test_st4_is_given_in_one_cun_unit(loaded: LoadResult) -> None:
    """WHO gives Dicang as 0.4 finger-cun (F-cun) from the corner of the mouth; one unit everywhere."""
    st4 = _acupoints(loaded, "ST4")
    assert len(st4) >= 3
    assert [mid for mid, _, note in st4 if "0.4 F-cun" not in note or "B-cun" in note] == []


def test_brachialis_thumb_zone_is_on_the_dorsal_base_of_the_thumb(loaded: LoadResult) -> None:
    atlas = loaded.atlas
    brachialis = atlas.muscles["brachialis"]
    for tp in brachialis.trigger_points:
        assert "thumb_dorsal" in tp.essential_zones, tp.id
        zones = (*tp.essential_zones, *tp.spillover_zones)
        palmar = [z for z in zones if atlas.regions[z].view == "hand_palmar"]
        assert palmar == [], f"brachialis/{tp.id} draws its thumb pain on the palm: {palmar}"


def test_serratus_posterior_superior_refers_deep_under_the_upper_scapula(loaded: LoadResult) -> None:
    muscle = loaded.atlas.muscles["serratus_posterior_superior"]
    for tp in muscle.trigger_points:
        assert {"suprascapular", "scapular_spine"} <= set(tp.essential_zones), tp.id
        text = " ".join((tp.location, tp.note, *tp.symptoms)).lower()
        assert re.search(r"deep[^.]*under the upper part of the (scapula|shoulder blade)", text), tp.id


def _needling_text(muscle: Muscle) -> str:
    n = muscle.needling
    return "" if n is None else " ".join((n.direction, n.depth, n.cautions, *n.structures_to_avoid)).lower()


def test_rib_bracketing_is_never_presented_as_making_the_chest_wall_safe(loaded: LoadResult) -> None:
    """Every record that teaches bracketing over the lung says the pneumothorax risk remains."""
    bracketed = [
        m
        for m in loaded.atlas.muscles.values()
        if "bracket" in _needling_text(m) and re.search(r"\b(lung|pleura)", _needling_text(m))
    ]
    assert len(bracketed) >= 10
    assert "serratus_anterior" in {m.id for m in bracketed}
    phrase = "reduces but does not remove the risk of pneumothorax"
    missing = [m.id for m in bracketed if m.needling and phrase not in " ".join(m.needling.cautions.split())]
    assert missing == []


def test_latissimus_dorsi_has_its_lower_trigger_point(loaded: LoadResult) -> None:
    """Travell & Simons' second latissimus point refers to the front of the shoulder, not the scapula."""
    muscle = loaded.atlas.muscles["latissimus_dorsi"]
    points = {tp.id: tp for tp in muscle.trigger_points}
    assert "tp1" in points and "inferior_scapular_angle" in points["tp1"].essential_zones
    lower = points["tp2"]
    assert "anterior_deltoid" in lower.essential_zones
    assert {m.view for m in lower.markers} >= {"posterior", "lateral"}


def test_every_iliopsoas_point_reaches_the_groin_and_the_front_of_the_thigh(loaded: LoadResult) -> None:
    """One composite pattern for all iliopsoas points (Travell & Simons), whichever record holds them."""
    for muscle_id in ("psoas_major", "iliacus"):
        for tp in loaded.atlas.muscles[muscle_id].trigger_points:
            zones = {*tp.essential_zones, *tp.spillover_zones}
            assert {"groin", "anterior_thigh_upper", "lumbar_paraspinal"} <= zones, f"{muscle_id}/{tp.id}"
