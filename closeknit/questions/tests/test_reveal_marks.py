"""The marks kept on each day (revealed, and the streak as it stood) follow the answers.

Whatever order answers come and go in (late answers to past days, answers deleted,
bonus questions, rows made in bulk), the streak read from the marks is the streak
counted from scratch over the days both answered.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import transaction

from closeknit.couples.selectors import get_couple_for
from closeknit.questions.models import Answer, DailyQuestion, Question
from closeknit.questions.selectors import count_streak, day_of, streak_of
from closeknit.questions.services import mark_revealed_days

pytestmark = pytest.mark.django_db

SPAN = 40


@pytest.fixture
def couple(partner_a, partner_b):
    found = get_couple_for(partner_a.user)
    assert found is not None
    return found


def _both_answered(couple) -> set[date]:
    """The days both answered, counted from the answers themselves."""
    days = DailyQuestion.objects.filter(couple=couple, is_bonus=False)
    return {d.date for d in days.prefetch_related("answers") if len(d.answers.all()) >= 2}


def _daily(couple, day: date, *, bonus: bool = False) -> DailyQuestion:
    question = Question.objects.filter(couple__isnull=True).order_by("?").first()
    assert question is not None
    return DailyQuestion.objects.create(couple=couple, date=day, question=question, is_bonus=bonus)


def test_the_second_answer_reveals_the_day_and_deleting_one_hides_it(couple, partner_a, partner_b):
    daily = _daily(couple, day_of(couple))
    Answer.objects.create(daily=daily, author=partner_a.user, text="mine")
    daily.refresh_from_db()
    assert daily.revealed_at is None
    theirs = Answer.objects.create(daily=daily, author=partner_b.user, text="theirs")
    daily.refresh_from_db()
    assert daily.revealed_at == theirs.created_at
    assert daily.streak == 1
    theirs.delete()
    hidden = DailyQuestion.objects.get(id=daily.id)
    assert (hidden.revealed_at, hidden.streak) == (None, None)


def test_deleting_the_couple_takes_its_days_without_working_anything_out(
    couple, partner_a, partner_b
):
    daily = _daily(couple, day_of(couple))
    Answer.objects.create(daily=daily, author=partner_a.user, text="mine")
    Answer.objects.create(daily=daily, author=partner_b.user, text="theirs")
    couple.delete()
    assert not DailyQuestion.objects.exists()


@pytest.mark.parametrize("seed", range(20))
def test_the_stored_streak_is_the_streak_counted_from_scratch(couple, partner_a, partner_b, seed):
    rng = random.Random(seed)
    today = day_of(couple)
    people = [partner_a.user, partner_b.user]
    writes = []
    for offset in range(SPAN):
        day = today - timedelta(days=offset)
        roll = rng.random()
        if roll < 0.1:
            continue  # nobody opened the app
        daily = _daily(couple, day)
        answering = people if roll < 0.8 else rng.sample(people, 1)
        writes += [(daily, person) for person in answering]
        if rng.random() < 0.1:
            bonus = _daily(couple, day, bonus=True)
            writes += [(bonus, person) for person in people]
    # Answers arrive in any order: a past day answered late recounts the days after it.
    rng.shuffle(writes)
    made = [Answer.objects.create(daily=d, author=p, text="x") for d, p in writes]
    for answer in rng.sample(made, k=len(made) // 10):
        answer.delete()

    both = _both_answered(couple)
    revealed = set(
        DailyQuestion.objects.filter(
            couple=couple, is_bonus=False, revealed_at__isnull=False
        ).values_list("date", flat=True)
    )
    assert revealed == both
    for back in range(0, SPAN, 3):
        day = today - timedelta(days=back)
        assert streak_of(couple, day) == count_streak({d for d in both if d <= day}, day)


def test_a_stored_streak_is_not_taken_up_within_six_days_of_a_missed_day(
    couple, partner_a, partner_b
):
    """Missed days 3 and 9 days ago are six apart: the second ends the streak, though
    the streak stored 8 days ago (when 9 days ago was its first miss) went further."""
    today = day_of(couple)
    answered = [0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14]
    for offset in sorted(answered, reverse=True):  # oldest first, as days come
        daily = _daily(couple, today - timedelta(days=offset))
        for person in (partner_a.user, partner_b.user):
            Answer.objects.create(daily=daily, author=person, text="x")
    stored = DailyQuestion.objects.get(couple=couple, date=today - timedelta(days=8)).streak
    assert stored == 6  # 8 days ago, with 9 days ago forgiven
    assert (
        streak_of(couple, today)
        == count_streak({today - timedelta(days=n) for n in answered}, today)
        == 8
    )


def test_a_long_streak_is_read_from_the_last_days(
    couple, partner_a, partner_b, django_assert_num_queries
):
    today = day_of(couple)
    for offset in reversed(range(60)):
        daily = _daily(couple, today - timedelta(days=offset))
        for person in (partner_a.user, partner_b.user):
            Answer.objects.create(daily=daily, author=person, text="x")
    assert streak_of(couple, today) == 60
    # With the stored streaks, the walk back stops at the first day: one query, a row.
    with django_assert_num_queries(1):
        assert streak_of(couple, today) == 60
    # Without them it still counts right, from the answers' marks alone.
    DailyQuestion.objects.update(streak=None)
    assert streak_of(couple, today) == 60


def test_days_made_in_bulk_are_marked_as_answering_marks_them(couple, partner_a, partner_b):
    rng = random.Random(7)
    today = day_of(couple)
    with transaction.atomic():
        dailies = DailyQuestion.objects.bulk_create(
            DailyQuestion(
                couple=couple,
                date=today - timedelta(days=offset),
                question=Question.objects.filter(couple__isnull=True).first(),
            )
            for offset in range(30)
        )
        answers = []
        for daily in dailies:
            authors = [partner_a.user, partner_b.user] if rng.random() < 0.85 else [partner_a.user]
            answers += [Answer(daily=daily, author=a, text="x") for a in authors]
        Answer.objects.bulk_create(answers)
    assert not DailyQuestion.objects.filter(revealed_at__isnull=False).exists()

    mark_revealed_days(couple_ids=[couple.id])

    both = _both_answered(couple)
    marked = DailyQuestion.objects.filter(couple=couple, revealed_at__isnull=False)
    assert set(marked.values_list("date", flat=True)) == both
    assert not marked.filter(streak__isnull=True).exists()
    assert streak_of(couple, today) == count_streak(both, today)
