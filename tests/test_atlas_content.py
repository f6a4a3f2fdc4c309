"""The bundled atlas obeys the content rules students rely on (issue: the atlas, item 4)."""

from __future__ import annotations

import pytest

from studyapp.content.lint import lint_atlas
from studyapp.content.loader import LoadResult, load_atlas


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_atlas()


def test_every_file_loads_without_problems(loaded: LoadResult) -> None:
    assert [str(p) for p in loaded.problems] == []
    assert loaded.skipped == []


def test_links_are_reciprocal_or_explained_and_sources_sufficient(loaded: LoadResult) -> None:
    assert [str(w) for w in lint_atlas(loaded.atlas)] == []


def test_every_muscle_has_trigger_points_zones_and_two_sources(loaded: LoadResult) -> None:
    for muscle in loaded.atlas.muscles.values():
        assert muscle.trigger_points, muscle.id
        assert len(muscle.sources) >= 2, muscle.id
        for tp in muscle.trigger_points:
            assert tp.essential_zones, f"{muscle.id}/{tp.id} has no essential zone"
            assert tp.markers, f"{muscle.id}/{tp.id} has no marker"


def test_names_and_aliases_are_unique(loaded: LoadResult) -> None:
    seen: dict[str, str] = {}
    for muscle in loaded.atlas.muscles.values():
        for label in {muscle.name.lower(), *(a.lower() for a in muscle.aliases)}:
            assert label not in seen, f"'{label}' used by {seen.get(label)} and {muscle.id}"
            seen[label] = muscle.id


def test_gluteal_region_is_complete(loaded: LoadResult) -> None:
    gluteal = ["gluteus_maximus", "gluteus_medius", "gluteus_minimus", "piriformis", "tensor_fasciae_latae"]
    for mid in gluteal:
        muscle = loaded.atlas.muscles[mid]
        assert muscle.needling is not None and muscle.needling.structures_to_avoid, mid
        for name in (
            "aliases",
            "synergists",
            "antagonists",
            "perpetuating_factors",
            "differential_diagnosis",
            "palpation",
            "self_care",
            "acupoints",
            "blood_supply",
            "action_notes",
        ):
            assert getattr(muscle, name), f"{mid}.{name} is empty"


def test_facts_the_seeds_got_wrong_are_right(loaded: LoadResult) -> None:
    """Seed articles contain errors; the atlas follows the textbooks."""
    medius = loaded.atlas.muscles["gluteus_medius"]
    assert "greater trochanter" in medius.insertion.lower()
    assert "lesser" not in medius.insertion.lower()
    assert medius.innervation.nerve.lower().startswith("superior gluteal")
    maximus = loaded.atlas.muscles["gluteus_maximus"]
    assert maximus.innervation.nerve.lower().startswith("inferior gluteal")
    minimus = loaded.atlas.muscles["gluteus_minimus"]
    assert any(a.movement == "abduction" and a.joint == "hip" for a in minimus.actions)
    assert any(
        "sciatic" in s.lower() for s in loaded.atlas.muscles["piriformis"].needling.structures_to_avoid
    )  # type: ignore[union-attr]


# Every muscle the atlas issue lists, by the name a course would use (a record's name or alias).
COURSE_MUSCLES = """
masseter, temporalis, medial pterygoid, lateral pterygoid, digastric, occipitofrontalis, orbicularis oculi,
zygomaticus major, buccinator, platysma,
upper trapezius, middle trapezius, lower trapezius, sternocleidomastoid, splenius capitis, splenius cervicis,
semispinalis capitis, anterior scalene, middle scalene, posterior scalene, levator scapulae,
supraspinatus, infraspinatus, teres minor, teres major, subscapularis, deltoid, latissimus dorsi,
rhomboid major, rhomboid minor, serratus anterior, serratus posterior superior, serratus posterior inferior,
pectoralis major, pectoralis minor, subclavius, sternalis, coracobrachialis,
biceps brachii, brachialis, triceps brachii, anconeus, brachioradialis, extensor carpi radialis longus,
extensor carpi radialis brevis, extensor carpi ulnaris, extensor digitorum, extensor indicis, supinator,
pronator teres, palmaris longus, flexor carpi radialis, flexor carpi ulnaris, flexor digitorum superficialis,
flexor digitorum profundus, flexor pollicis longus, adductor pollicis, opponens pollicis,
dorsal interossei (hand), abductor digiti minimi (hand),
iliocostalis lumborum, longissimus thoracis, multifidus, rotatores, quadratus lumborum, rectus abdominis,
external oblique, internal oblique, transversus abdominis, iliacus, psoas major, diaphragm,
external intercostals, internal intercostals, levator ani, coccygeus, obturator internus,
gluteus maximus, gluteus medius, gluteus minimus, piriformis, superior gemellus, inferior gemellus,
quadratus femoris, obturator externus, tensor fasciae latae, sartorius, pectineus, adductor longus,
adductor brevis, adductor magnus, gracilis, rectus femoris, vastus medialis, vastus intermedius,
vastus lateralis, biceps femoris, semitendinosus, semimembranosus,
gastrocnemius, soleus, plantaris, popliteus, tibialis anterior, tibialis posterior, peroneus longus,
peroneus brevis, peroneus tertius, extensor digitorum longus, extensor hallucis longus,
flexor digitorum longus, flexor hallucis longus, extensor digitorum brevis, extensor hallucis brevis,
abductor hallucis, abductor digiti minimi (foot), flexor digitorum brevis, quadratus plantae,
flexor hallucis brevis, adductor hallucis, dorsal interossei (foot), plantar interossei (foot)
"""

# Muscles over the chest wall or the lung apex: a needle that goes too deep reaches the pleura.
OVER_THE_LUNG = [
    "anterior_scalene", "middle_scalene", "posterior_scalene", "trapezius_upper", "trapezius_middle",
    "trapezius_lower", "rhomboid_major", "rhomboid_minor", "serratus_anterior", "serratus_posterior_superior",
    "serratus_posterior_inferior", "pectoralis_major", "pectoralis_minor", "subclavius", "sternalis",
    "external_intercostals", "internal_intercostals", "iliocostalis_thoracis", "longissimus_thoracis",
    "diaphragm", "levator_scapulae", "latissimus_dorsi",
]  # fmt: skip


def test_every_muscle_a_course_covers_is_in_the_atlas(loaded: LoadResult) -> None:
    atlas = loaded.atlas
    names = {n.lower(): m.id for m in atlas.muscles.values() for n in (m.name, *m.aliases)}
    wanted = [n.strip() for n in COURSE_MUSCLES.replace("\n", " ").split(",") if n.strip()]
    assert [n for n in wanted if n.lower() not in names] == []
    suboccipitals = [m for m in atlas.muscles.values() if m.group == "Suboccipital muscles"]
    assert len(suboccipitals) == 4  # rectus capitis posterior major and minor, both obliques
    assert len(atlas.muscles) >= 150


def test_needling_over_the_chest_names_the_lung(loaded: LoadResult) -> None:
    missing = []
    for muscle_id in OVER_THE_LUNG:
        needling = loaded.atlas.muscles[muscle_id].needling
        assert needling is not None, muscle_id
        if not any("lung" in s.lower() or "pleura" in s.lower() for s in needling.structures_to_avoid):
            missing.append(muscle_id)
    assert missing == []
