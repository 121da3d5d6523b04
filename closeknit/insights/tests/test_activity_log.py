"""Every feature notes what was practised, so the couple's balance can be shown."""

from __future__ import annotations

import pytest

from closeknit.insights.models import Activity
from closeknit.insights.selectors import practice_balance
from closeknit.questions import services as question_services
from closeknit.questions.selectors import day_of

pytestmark = pytest.mark.django_db


def test_answering_the_daily_question_counts_for_its_practice(partner_a, partner_b):
    daily = question_services.todays_question(user=partner_a.user)
    question_services.answer_question(user=partner_a.user, daily=daily, text="First go")
    question_services.answer_question(user=partner_a.user, daily=daily, text="Edited")
    question_services.answer_question(user=partner_b.user, daily=daily, text="Mine")
    entries = Activity.objects.filter(couple=daily.couple)
    # An edit is not a new practice; each partner's first answer is.
    assert entries.count() == 2
    assert {e.practice for e in entries} == {daily.question.practice}
    balance = {row.practice: row.days for row in practice_balance(daily.couple, daily.date)}
    assert balance[daily.question.practice] == 1
    assert sum(balance.values()) == 1
    assert len(balance) == 8


def test_a_finished_listening_session_counts_for_communication_once(partner_a):
    session = question_services.start_listening_session(
        user=partner_a.user, topic="Weekend plans", minutes=2
    )
    question_services.complete_listening_session(session=session)
    question_services.complete_listening_session(session=session)
    entries = Activity.objects.filter(kind="listening_session")
    assert [e.practice for e in entries] == ["communication"]
    assert entries[0].day == day_of(session.couple)


def test_the_outsiders_activity_never_counts_for_another_couple(partner_a, outsider):
    daily = question_services.todays_question(user=outsider.user)
    question_services.answer_question(user=outsider.user, daily=daily, text="Ours")
    mine = question_services.todays_question(user=partner_a.user)
    balance = practice_balance(mine.couple, mine.date)
    assert sum(row.days for row in balance) == 0
