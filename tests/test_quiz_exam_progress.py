"""Exam mode (timed, scored by area, schedule untouched), decks and the progress numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating

from studyapp.quiz import decks
from studyapp.quiz.cards import generate_cards
from studyapp.quiz.demo import demo_atlas
from studyapp.quiz.exam import Exam, ExamClosed
from studyapp.quiz.progress import Progress
from studyapp.quiz.questions import AnswerMode, Response
from studyapp.quiz.store import ReviewStore
from studyapp.quiz.study import Study, StudySettings
from tests.helpers.clock import START, Clock

ATLAS = demo_atlas()
CARDS = generate_cards(ATLAS)


def right_answer(exam: Exam, i: int) -> Response:
    q = exam.questions[i]
    if q.mode is AnswerMode.CHOICE:
        return next(iter(q.correct))
    if q.mode is AnswerMode.MULTI:
        return set(q.correct)
    if q.mode is AnswerMode.CLICK:
        return set(q.card.zones)
    return q.card.typed_answers[0]


def test_exam_is_scored_by_area_and_leaves_the_schedule_alone(store: ReviewStore, clock: Clock) -> None:
    study = Study(store, CARDS, StudySettings(fuzz=False), now=clock)
    for _ in range(5):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Good)
    states_before, log_before = store.states(), store.entries()

    exam = Exam(CARDS, ATLAS, now=clock, n_questions=12, seed=3)
    assert len(exam.questions) == 12
    assert len({q.card.sibling_key for q in exam.questions}) == 12  # one question per muscle or region first
    for i in range(len(exam.questions)):
        if i % 3 == 0:
            exam.answer(i, right_answer(exam, i))
    clock.t += timedelta(minutes=5)
    report = exam.finish()

    assert store.states() == states_before and store.entries() == log_before
    assert report.total == 12 and report.answered == 4 and report.score == pytest.approx(4)
    assert sum(a.total for a in report.by_area) == 12
    assert sum(a.score for a in report.by_area) == pytest.approx(4)
    assert [a.area for a in report.by_area] == sorted(
        (a.area for a in report.by_area), key=lambda x: ATLAS.areas[x].order
    )
    assert report.elapsed == timedelta(minutes=5) and not report.timed_out


def test_exam_refuses_answers_after_the_time_limit(clock: Clock) -> None:
    exam = Exam(CARDS, ATLAS, now=clock, n_questions=3, time_limit=timedelta(minutes=2))
    clock.t += timedelta(minutes=1)
    assert exam.remaining() == timedelta(minutes=1)
    exam.answer(0, right_answer(exam, 0))
    clock.t += timedelta(minutes=2)
    with pytest.raises(ExamClosed):
        exam.answer(1, right_answer(exam, 1))
    report = exam.finish()
    assert report.timed_out and report.elapsed == timedelta(minutes=2) and report.answered == 1


def test_exam_questions_are_all_gradable_and_repeatable(clock: Clock) -> None:
    exam = Exam(CARDS, ATLAS, now=clock, n_questions=30, seed=1, mode=AnswerMode.SHOW)
    assert all(q.mode is not AnswerMode.SHOW for q in exam.questions)
    again = Exam(CARDS, ATLAS, now=clock, n_questions=30, seed=1, mode=AnswerMode.SHOW)
    assert [q.card.id for q in exam.questions] == [q.card.id for q in again.questions]


def test_decks_by_area_filter_and_favourites() -> None:
    hip = decks.by_area(ATLAS, "hip_thigh").select(CARDS)
    assert hip and all(c.area == "hip_thigh" for c in hip)
    assert decks.by_area(ATLAS, "hip_thigh").name == "Hip and thigh"
    l5 = decks.by_filter("L5 muscles", ATLAS, lambda m: "L5" in m.innervation.roots).select(CARDS)
    assert {c.sibling_key for c in l5 if not c.sibling_key.startswith("zone.")} == {
        "gluteus_medius",
        "gluteus_minimus",
        "tensor_fasciae_latae",
    }
    favs = decks.favourites(["piriformis"]).select(CARDS)
    assert "piriformis:origin" in {c.id for c in favs}
    assert "zone.si_joint:which_muscles" in {c.id for c in favs}  # piriformis is one of its answers
    referral_only = decks.everything().only([decks.Template.REFERRAL_TO_MUSCLE]).select(CARDS)
    assert referral_only and all(c.template is decks.Template.REFERRAL_TO_MUSCLE for c in referral_only)


def test_progress_counts_reviews_retention_load_and_mastery(store: ReviewStore, clock: Clock) -> None:
    study = Study(store, CARDS, StudySettings(fuzz=False, new_per_day=3, bury_siblings=False), now=clock)
    progress = Progress(study)
    assert progress.mastery_by_muscle()["piriformis"] == 0.0
    assert progress.report().retention is None
    learned = []
    for _ in range(3):
        card = study.next_card()
        assert card is not None
        study.answer(card.id, Rating.Easy)
        learned.append(card.id)
    clock.t += timedelta(days=20)  # all three are due, and recall has faded
    for i, cid in enumerate(learned):
        study.answer(cid, Rating.Again if i == 0 else Rating.Good)
    report = Progress(study).report()
    counts = {d.day: d.count for d in report.reviews_per_day}
    assert counts[START.date()] == 3 and counts[clock.t.date()] == 3
    assert sum(counts.values()) == 6 and report.reviews_total == 6
    assert report.retention == pytest.approx(2 / 3) and report.retention_reviews == 3
    assert len(report.upcoming) == 30 and report.upcoming[0].day == clock.t.date()
    assert report.upcoming[0].count == 1  # the forgotten one is back in learning today
    scm = report.mastery["sternocleidomastoid"]
    assert 0.0 < scm < 1.0 and report.mastery["piriformis"] == 0.0
    assert "sternocleidomastoid" in report.studied and "piriformis" not in report.studied
    assert set(report.mastery) == set(ATLAS.muscles)


def test_undone_reviews_do_not_count_in_progress(store: ReviewStore, clock: Clock) -> None:
    study = Study(store, CARDS, StudySettings(fuzz=False), now=clock)
    card = study.next_card()
    assert card is not None
    study.answer(card.id, Rating.Good)
    study.undo()
    report = Progress(study).report()
    assert report.reviews_total == 0 and sum(d.count for d in report.reviews_per_day) == 0
    assert report.cards_seen == 0


def test_after_the_exam_every_question_shows_your_answer_and_the_right_one(clock: Clock) -> None:
    exam = Exam(CARDS, ATLAS, now=clock, n_questions=6, seed=4)
    choice = next(i for i, q in enumerate(exam.questions) if q.mode is AnswerMode.CHOICE)
    wrong = next(
        i for i in range(len(exam.questions[choice].options)) if i not in exam.questions[choice].correct
    )
    exam.answer(choice, wrong)
    other = next(i for i in range(len(exam.questions)) if i != choice)
    exam.answer(other, right_answer(exam, other))
    exam.finish()
    review = exam.review()
    assert [r.number for r in review] == list(range(1, len(exam.questions) + 1))
    missed_row = review[choice]
    q = exam.questions[choice]
    assert not missed_row.correct and missed_row.your_answer == q.options[wrong]
    assert missed_row.right_answer == q.options[next(iter(q.correct))]
    assert missed_row.prompt == q.card.prompt and missed_row.card_id == q.card.id
    assert review[other].correct and review[other].your_answer
    unanswered = [r for r in review if r.number - 1 not in (choice, other)]
    assert unanswered and all(r.your_answer == "" and not r.correct for r in unanswered)
    assert all(r.muscle_id in ATLAS.muscles or r.muscle_id == "" for r in review)


def test_retaking_only_the_missed_questions(clock: Clock) -> None:
    exam = Exam(CARDS, ATLAS, now=clock, n_questions=6, seed=4)
    exam.answer(0, right_answer(exam, 0))
    exam.finish()
    missed = exam.missed()
    assert [c.id for c in missed] == [q.card.id for q in exam.questions[1:]]
    retake = exam.retake_missed()
    assert [q.card.id for q in retake.questions] == [c.id for c in missed]
    assert all(len(q.options) >= 2 for q in retake.questions if q.mode is AnswerMode.CHOICE)
    assert retake.time_limit < exam.time_limit
