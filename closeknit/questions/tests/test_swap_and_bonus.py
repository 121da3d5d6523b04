"""Swapping today's question once, and asking any question now as a bonus question."""

from __future__ import annotations

import pytest

from closeknit.questions import services
from closeknit.questions.models import Answer, DailyQuestion, Question
from closeknit.questions.selectors import day_of
from closeknit.questions.tests.support import answer, couple_of, daily_url, open_today, page

pytestmark = pytest.mark.django_db


def _swap(persona, daily: DailyQuestion):
    return persona.client.post(f"/questions/{daily.id}/swap/", follow=True)


def _swap_not_offered(persona, daily: DailyQuestion) -> bool:
    return f'action="/questions/{daily.id}/swap/"' not in page(persona.client.get(daily_url(daily)))


def _library_question(*, other_than: Question) -> Question:
    question = (
        Question.objects.filter(couple__isnull=True, retired=False)
        .exclude(id=other_than.id)
        .order_by("key")
        .first()
    )
    assert question is not None
    return question


def test_swapping_gives_both_partners_a_new_question_for_today(partner_a, partner_b):
    daily = open_today(partner_a)
    original = daily.question
    response = _swap(partner_a, daily)
    assert response.redirect_chain[-1][0] == daily_url(daily)
    assert "Here's a different question for today." in page(response)
    daily.refresh_from_db()
    assert daily.question != original
    assert daily.swapped_from == original
    assert DailyQuestion.objects.filter(couple=daily.couple).count() == 1
    assert open_today(partner_b) == daily
    b_today = page(partner_b.client.get("/today/"))
    assert daily.question.text in b_today
    assert original.text not in b_today


def test_the_swap_button_is_offered_only_until_the_day_is_swapped_or_answered(partner_a, partner_b):
    daily = open_today(partner_a)
    swap_action = f'action="/questions/{daily.id}/swap/"'
    assert swap_action in page(partner_a.client.get(daily_url(daily)))
    _swap(partner_a, daily)
    assert swap_action not in page(partner_b.client.get(daily_url(daily)))


def test_today_can_be_swapped_only_once(partner_a, partner_b):
    daily = open_today(partner_a)
    _swap(partner_a, daily)
    daily.refresh_from_db()
    second = daily.question
    response = _swap(partner_b, daily)
    assert "You've already swapped today's question." in page(response)
    daily.refresh_from_db()
    assert daily.question == second


def test_today_cannot_be_swapped_once_someone_has_answered(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, "an answer to keep")
    original = daily.question
    response = _swap(partner_b, daily)
    assert "One of you has already answered, so today's question stays." in page(response)
    daily.refresh_from_db()
    assert daily.question == original
    assert daily.swapped_from is None
    assert _swap_not_offered(partner_b, daily)


def test_asking_a_library_question_now_makes_a_bonus_question_for_today(partner_a):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    response = partner_a.client.post(f"/questions/library/{chosen.id}/ask/", follow=True)
    bonus = DailyQuestion.objects.get(is_bonus=True)
    assert response.redirect_chain[-1][0] == daily_url(bonus)
    assert (bonus.couple_id, bonus.question, bonus.date) == (
        daily.couple_id,
        chosen,
        day_of(daily.couple),
    )
    html = page(response)
    assert "Asked as a bonus question for today." in html
    assert "Bonus question" in html
    assert chosen.text in html
    assert open_today(partner_a) == daily  # the daily question stays as it was


def test_asking_the_same_question_twice_keeps_one_bonus(partner_a, partner_b):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    partner_a.client.post(f"/questions/library/{chosen.id}/ask/")
    partner_b.client.post(f"/questions/library/{chosen.id}/ask/")
    assert DailyQuestion.objects.filter(is_bonus=True).count() == 1


def test_a_bonus_question_cannot_be_swapped(partner_a):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    partner_a.client.post(f"/questions/library/{chosen.id}/ask/")
    bonus = DailyQuestion.objects.get(is_bonus=True)
    response = _swap(partner_a, bonus)
    assert "Only the daily question can be swapped." in page(response)
    bonus.refresh_from_db()
    assert bonus.question == chosen


def test_the_partner_finds_todays_bonus_question_and_whose_turn_it_is(partner_a, partner_b):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    partner_a.client.post(f"/questions/library/{chosen.id}/ask/")
    bonus = DailyQuestion.objects.get(is_bonus=True)
    answer(partner_a, bonus, "Alex on the bonus")
    html = page(partner_b.client.get(daily_url(daily)))
    listed = _bonus_list(html)
    assert daily_url(bonus) in listed
    assert chosen.text in listed
    assert "Your turn" in listed
    assert "Alex on the bonus" not in html
    assert "Waiting for Sam" in _bonus_list(page(partner_a.client.get(daily_url(daily))))

    answer(partner_b, bonus, "Sam on the bonus")
    assert "Both answered" in _bonus_list(page(partner_b.client.get(daily_url(daily))))


def _bonus_list(html: str) -> str:
    assert 'data-testid="bonus-question"' in html
    start = html.index('data-testid="bonus-question"')
    return html[start : html.index("</ul>", start)]


def test_bonus_answers_follow_the_same_reveal_rule(partner_a, partner_b):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    partner_a.client.post(f"/questions/library/{chosen.id}/ask/")
    bonus = DailyQuestion.objects.get(is_bonus=True)
    answer(partner_a, bonus, "Alex on the bonus")
    before = page(partner_b.client.get(daily_url(bonus)))
    assert "Alex has answered. Your turn" in before
    assert "Alex on the bonus" not in before

    answer(partner_b, bonus, "Sam on the bonus")
    for persona in (partner_a, partner_b):
        html = page(persona.client.get(daily_url(bonus)))
        assert "Alex on the bonus" in html
        assert "Sam on the bonus" in html
    # The daily question itself is still unanswered and private.
    assert not Answer.objects.filter(daily=daily).exists()


def test_a_couples_own_question_can_be_asked_now_but_not_by_the_outsider(
    partner_a, partner_b, outsider
):
    own = services.create_custom_question(
        user=partner_a.user,
        text="What should our next tradition be?",
        practice="rituals",
        depth="light",
    )
    refused = outsider.client.post(f"/questions/library/{own.id}/ask/")
    assert refused.status_code == 404
    assert not DailyQuestion.objects.filter(question=own).exists()

    asked = partner_b.client.post(f"/questions/library/{own.id}/ask/")
    assert asked.status_code == 302
    bonus = DailyQuestion.objects.get(question=own)
    assert bonus.is_bonus
    assert bonus.couple_id == couple_of(partner_b)


def test_the_outsider_asking_a_library_question_gets_it_in_their_own_couple(partner_a, outsider):
    daily = open_today(partner_a)
    chosen = _library_question(other_than=daily.question)
    outsider.client.post(f"/questions/library/{chosen.id}/ask/")
    bonus = DailyQuestion.objects.get(is_bonus=True)
    assert bonus.couple_id == couple_of(outsider)
    assert daily_url(bonus) not in page(partner_a.client.get(daily_url(daily)))
    assert partner_a.client.get(daily_url(bonus)).status_code == 404
