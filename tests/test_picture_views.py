"""Which views a muscle's referral picture is made of, over the whole bundled atlas (issue #12 item 4).

The rule: never open a view showing < 90 % of the pattern's area when another view shows more;
head, hand and foot muscles use their close-up; a pattern no single view covers gets the view that
adds most of the rest beside the first (front and back for a pattern that wraps the body).
"""

from __future__ import annotations

from functools import cache

import pytest

from studyapp.bodychart.views import CLOSE_UPS, OPEN_SHARE, Composition, PictureError, compose, view_shares
from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas


@cache
def atlas() -> Atlas:
    return load_atlas().atlas


def _muscles() -> list[str]:
    return [m.id for m in atlas().muscles.values() if m.trigger_points]


def _opens_wrongly(c: Composition) -> bool:
    first = c.first
    if first is None:
        return False
    return c.shares[first] < OPEN_SHARE and any(s > c.shares[first] + 1e-9 for s in c.shares.values())


@pytest.mark.parametrize("side", ["right", "left", "both"])
def test_no_muscle_opens_on_a_view_showing_under_90_percent_when_another_shows_more(side: str) -> None:
    wrong = [mid for mid in _muscles() if _opens_wrongly(compose(atlas(), mid, side=side))]
    assert wrong == []
    assert len(_muscles()) >= 150  # the whole atlas was checked


def test_no_single_trigger_point_opens_on_a_view_showing_under_90_percent() -> None:
    wrong = [
        (m.id, tp.id)
        for m in atlas().muscles.values()
        for tp in m.trigger_points
        if _opens_wrongly(compose(atlas(), m.id, tp_id=tp.id))
    ]
    assert wrong == []


def test_every_muscle_with_a_pattern_gets_a_picture_covering_most_of_it() -> None:
    for mid in _muscles():
        c = compose(atlas(), mid)
        assert c.views, mid
        assert len(set(c.views)) == len(c.views) <= 3
        assert all(0.0 <= s <= 1.0 + 1e-9 for s in c.shares.values())
        assert c.coverage >= 0.85, (mid, c.views, c.coverage)


def test_head_hand_and_foot_muscles_use_their_close_up() -> None:
    """Their close-up opens whenever the rule allows it, and is always in the picture."""
    close_up_muscles = [mid for mid in _muscles() if compose(atlas(), mid).close_up_muscle]
    opened = 0
    for mid in close_up_muscles:
        c = compose(atlas(), mid)
        best_close = max((v for v in c.shares if v in CLOSE_UPS), key=lambda v: c.shares[v])
        assert best_close in c.views, mid
        if c.may_open(best_close):
            assert c.first in CLOSE_UPS, mid
        opened += c.first in CLOSE_UPS
    assert len(close_up_muscles) >= 40  # face, jaw, hand and foot muscles
    for mid in (
        "masseter",
        "temporalis",
        "adductor_pollicis",
        "dorsal_interossei_hand",
        "extensor_digitorum_brevis",
    ):
        assert compose(atlas(), mid).first in CLOSE_UPS, mid
    assert opened >= 28


def test_whole_body_muscles_are_not_squeezed_into_a_close_up() -> None:
    for mid in ("gluteus_medius", "quadratus_lumborum", "gastrocnemius", "infraspinatus", "triceps_brachii"):
        c = compose(atlas(), mid)
        assert c.first not in CLOSE_UPS and not c.close_up_muscle, mid
        assert c.shares[c.first] == max(c.shares.values()) or c.shares[c.first] >= OPEN_SHARE


def test_a_pattern_that_wraps_the_body_gets_front_and_back() -> None:
    """Rectus abdominis refers across the low back on both sides (a `both` zone in content v2)."""
    c = compose(atlas(), "rectus_abdominis", side="both")
    assert {"anterior", "posterior"} <= set(c.views)
    assert c.coverage > max(c.shares.values()) + 0.1


def test_zones_on_the_other_side_count_for_the_pattern() -> None:
    right = view_shares(atlas(), "rectus_abdominis", side="right")
    both = view_shares(atlas(), "rectus_abdominis", side="both")
    assert right.keys() == both.keys()
    assert right["posterior"] > 0  # the back pain of a `both` zone is drawn from one trigger point


def test_one_trigger_point_can_open_elsewhere_than_its_muscle() -> None:
    muscle = atlas().muscles["gluteus_minimus"]
    views = {compose(atlas(), muscle.id, tp_id=tp.id).first for tp in muscle.trigger_points}
    assert views <= set(atlas().views)
    assert all(compose(atlas(), muscle.id, tp_id=tp.id).coverage > 0 for tp in muscle.trigger_points)


def test_unknown_muscle_trigger_point_or_side_is_a_clear_error() -> None:
    with pytest.raises(PictureError, match="unknown muscle id 'no_such'"):
        compose(atlas(), "no_such")
    with pytest.raises(PictureError, match="has no trigger point 'tp99'"):
        compose(atlas(), "masseter", tp_id="tp99")
    with pytest.raises(PictureError, match="unknown side"):
        compose(atlas(), "masseter", side="middle")


def test_opening_view_for_a_quiz_card_is_the_pictures_first_view() -> None:
    from studyapp.bodychart.views import opening_view

    assert opening_view(atlas(), "masseter") == "head_side"
    assert opening_view(atlas(), "masseter", drawn=["anterior", "lateral"]) == "lateral"
    assert opening_view(atlas(), "no_such") is None
    tp = atlas().muscles["adductor_pollicis"].trigger_points[0].id
    assert opening_view(atlas(), "adductor_pollicis", tp_id=tp) in CLOSE_UPS
