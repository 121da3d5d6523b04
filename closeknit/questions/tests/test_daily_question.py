"""The daily question pages: answering privately, whose turn it is, the mutual reveal,
the edit lock, bad input, the outsider, the couple's day across time zones, and someone
answering alone before a partner joins."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from closeknit.couples import services as couple_services
from closeknit.couples.models import Couple
from closeknit.couples.selectors import couple_id_of
from closeknit.questions.models import Answer, Comment, DailyQuestion, Question, Reaction
from closeknit.questions.services import ANSWER_MAX
from closeknit.questions.tests.support import answer, couple_of, daily_url, open_today, page
from conftest import make_user

pytestmark = pytest.mark.django_db

SECRET = "only-alex-knows-marigold"


def test_today_shows_the_question_and_says_it_is_your_turn(partner_a):
    response = partner_a.client.get("/today/")
    assert response.status_code == 200
    daily = DailyQuestion.objects.get(couple_id=couple_of(partner_a))
    html = page(response)
    assert daily.question.text in html
    assert "Your turn" in html
    assert daily_url(daily) in html


def test_both_partners_get_the_same_question_of_the_day(partner_a, partner_b):
    assert open_today(partner_a) == open_today(partner_b)
    assert DailyQuestion.objects.filter(couple_id=couple_of(partner_a)).count() == 1


def test_the_daily_page_shows_the_question_and_an_empty_answer_form(partner_a):
    daily = open_today(partner_a)
    response = partner_a.client.get(daily_url(daily))
    assert response.status_code == 200
    html = page(response)
    assert daily.question.text in html
    assert "Your turn." in html
    assert f'action="/questions/{daily.id}/answer/"' in html


def test_an_answer_is_saved_for_its_author_and_the_page_says_who_we_wait_for(partner_a):
    daily = open_today(partner_a)
    response = answer(partner_a, daily, f"  {SECRET}  ")
    assert response.status_code == 302
    assert response["Location"] == daily_url(daily)
    saved = Answer.objects.get(daily=daily)
    assert (saved.author, saved.text) == (partner_a.user, SECRET)
    html = page(partner_a.client.get(daily_url(daily)))
    assert "Waiting for Sam" in html
    assert SECRET in html  # their own answer, to read and edit
    today = page(partner_a.client.get("/today/"))
    assert "Waiting for Sam" in today
    assert "Your turn" not in today


def test_after_one_partner_answers_the_other_is_told_it_is_their_turn(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, SECRET)
    today = page(partner_b.client.get("/today/"))
    assert "Your turn" in today
    daily_page = page(partner_b.client.get(daily_url(daily)))
    assert "Alex has answered. Your turn: answer to see both." in daily_page


def test_partner_cannot_see_answer_before_answering(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, f"The secret is {SECRET}, truly")
    a_answer = Answer.objects.get(author=partner_a.user)
    b = partner_b.client
    seen = [
        b.get("/today/"),
        b.get("/questions/today/", follow=True),
        b.get(daily_url(daily)),
        b.get("/questions/history/"),
        b.post("/questions/history/", {"q": "marigold"}),
        b.post("/questions/history/", {"q": "secret"}),
        b.post(f"/questions/answers/{a_answer.id}/react/", {"kind": "heart"}, follow=True),
        b.post(f"/questions/answers/{a_answer.id}/comment/", {"text": "what did you mean?"}),
        b.get("/questions/library/"),
        b.get("/questions/settings/"),
    ]
    for response in seen:
        assert response.status_code in {200, 422}, response.status_code
        assert SECRET not in page(response)
        assert "The secret is" not in page(response)
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()
    assert "Nothing here yet" in page(seen[3])
    assert "Nothing matches that search." in page(seen[4])
    assert "Nothing matches that search." in page(seen[5])


def test_a_partner_who_has_not_answered_is_refused_reacting_and_commenting(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, SECRET)
    a_answer = Answer.objects.get(author=partner_a.user)
    react = partner_b.client.post(
        f"/questions/answers/{a_answer.id}/react/", {"kind": "heart"}, follow=True
    )
    assert "once you've both answered" in page(react)
    comment = partner_b.client.post(
        f"/questions/answers/{a_answer.id}/comment/", {"text": "tell me"}
    )
    assert comment.status_code == 422
    assert "once you've both answered" in page(comment)
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()


def test_answering_a_bonus_question_does_not_reveal_the_daily_answer(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, SECRET)
    other = Question.objects.filter(couple__isnull=True).exclude(id=daily.question_id).first()
    assert other is not None
    bonus = partner_b.client.post(f"/questions/library/{other.id}/ask/")
    assert bonus.status_code == 302
    bonus_daily = DailyQuestion.objects.get(is_bonus=True)
    answer(partner_b, bonus_daily, "a bonus answer")
    assert SECRET not in page(partner_b.client.get(daily_url(daily)))
    assert SECRET not in page(partner_b.client.get("/questions/history/"))


def test_after_both_answer_each_sees_both_answers_side_by_side(partner_a, partner_b):
    daily = open_today(partner_a)
    answer(partner_a, daily, "Alex's answer about mornings")
    answer(partner_b, daily, "Sam's answer about evenings")
    for persona, mine, theirs in (
        (partner_a, "Alex's answer about mornings", "Sam's answer about evenings"),
        (partner_b, "Sam's answer about evenings", "Alex's answer about mornings"),
    ):
        html = page(persona.client.get(daily_url(daily)))
        assert "You've both answered." in html
        assert 'aria-labelledby="both-answers"' in html
        assert html.index('data-testid="answer-mine"') < html.index(mine)
        assert html.index('data-testid="answer-partner"') < html.index(theirs)
        assert 'action="/questions/' + str(daily.id) + '/answer/"' not in html
        assert "Both answered" in page(persona.client.get("/today/"))


@pytest.mark.parametrize("first_name", ["partner_a", "partner_b"])
def test_each_partner_can_edit_their_answer_until_the_other_answers(request, first_name):
    first = request.getfixturevalue(first_name)
    second = request.getfixturevalue("partner_b" if first_name == "partner_a" else "partner_a")
    daily = open_today(first)
    answer(first, daily, "first draft")
    created = Answer.objects.get(author=first.user)
    response = answer(first, daily, "second thoughts")
    assert response.status_code == 302
    edited = Answer.objects.get(author=first.user)
    assert (edited.id, edited.text) == (created.id, "second thoughts")
    assert edited.updated_at >= created.updated_at
    assert Answer.objects.count() == 1

    answer(second, daily, "my answer")
    for persona, text in ((first, "third thoughts"), (second, "changed my mind")):
        locked = answer(persona, daily, text)
        assert locked.status_code in {409, 422}
        assert "can't be changed" in page(locked)
    assert Answer.objects.get(author=first.user).text == "second thoughts"
    assert Answer.objects.get(author=second.user).text == "my answer"


def test_an_empty_answer_gets_a_field_error_and_saves_nothing(partner_a):
    daily = open_today(partner_a)
    for text in ("", "   \n  "):
        response = answer(partner_a, daily, text)
        assert response.status_code == 422
        assert 'id="id_text_error"' in page(response)
        assert "This field is required." in page(response)
    assert not Answer.objects.exists()


def test_an_over_long_answer_gets_a_field_error_and_keeps_the_typed_text(partner_a):
    daily = open_today(partner_a)
    typed = "I could go on. " * 200
    assert len(typed.strip()) > ANSWER_MAX
    response = answer(partner_a, daily, typed)
    assert response.status_code == 422
    html = page(response)
    assert 'id="id_text_error"' in html
    assert f"at most {ANSWER_MAX} characters" in html
    assert typed.strip() in html
    assert not Answer.objects.exists()


def test_an_answer_of_exactly_the_limit_is_saved(partner_a):
    daily = open_today(partner_a)
    response = answer(partner_a, daily, "x" * ANSWER_MAX)
    assert response.status_code == 302
    assert len(Answer.objects.get().text) == ANSWER_MAX


def test_the_outsider_gets_404_for_every_url_of_the_couples_day(partner_a, partner_b, outsider):
    daily = open_today(partner_a)
    answer(partner_a, daily, SECRET)
    answer(partner_b, daily, "Sam's private words")
    a_answer = Answer.objects.get(author=partner_a.user)
    client = outsider.client
    responses = [
        client.get(daily_url(daily)),
        client.post(f"/questions/{daily.id}/answer/", {"text": "let me in"}),
        client.post(f"/questions/{daily.id}/swap/"),
        client.post(f"/questions/answers/{a_answer.id}/react/", {"kind": "heart"}),
        client.post(f"/questions/answers/{a_answer.id}/comment/", {"text": "hello"}),
    ]
    for response in responses:
        assert response.status_code == 404
        assert SECRET not in page(response)
        assert "Sam's private words" not in page(response)
    assert Answer.objects.filter(daily=daily).count() == 2
    assert not Answer.objects.filter(author=outsider.user).exists()
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()
    history = page(client.post("/questions/history/", {"q": "marigold"}))
    assert SECRET not in history


def test_the_outsider_has_their_own_question_and_never_sees_the_couples(
    partner_a, partner_b, outsider
):
    theirs = open_today(outsider)
    ours = open_today(partner_a)
    assert theirs.couple_id != ours.couple_id
    answer(partner_a, ours, SECRET)
    answer(partner_b, ours, "Sam's words")
    assert SECRET not in page(outsider.client.get("/today/"))


def test_anonymous_visitors_are_sent_to_log_in(partner_a):
    daily = open_today(partner_a)
    for url in ("/questions/today/", daily_url(daily)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def _today_at(hour: int, minute: int = 0) -> datetime:
    now = timezone.now()
    return datetime(now.year, now.month, now.day, hour, minute, tzinfo=UTC)


def test_partners_in_different_zones_get_the_same_question_on_the_couples_day(partner_a, partner_b):
    # Alex is in London and Sam in New York; their home is Tokyo, rolling over at 04:00
    # (19:00 UTC), so at 18:30 UTC the couple is still on the evening's date in London.
    couple_services.update_couple_settings(
        user=partner_a.user,
        relationship_started_on=None,
        home_timezone="Asia/Tokyo",
        day_starts_at=time(4, 0),
    )
    before_rollover = _today_at(18, 30)
    with time_machine.travel(before_rollover, tick=False):
        first_a = open_today(partner_a)
        first_b = open_today(partner_b)
    assert first_a == first_b
    assert first_a.date == before_rollover.date()

    with time_machine.travel(before_rollover + timedelta(hours=1), tick=False):
        second_b = open_today(partner_b)
        second_a = open_today(partner_a)
        a_page = page(partner_a.client.get("/today/"))
    assert second_a == second_b != first_a
    assert second_a.date == before_rollover.date() + timedelta(days=1)
    assert second_a.question.text in a_page


def test_a_new_day_brings_a_new_question_only_after_the_rollover_hour(partner_a, partner_b):
    Couple.objects.filter(id=couple_of(partner_a)).update(
        home_timezone="UTC", day_starts_at=time(4, 0)
    )
    with time_machine.travel(_today_at(3, 59), tick=False):
        late_night = open_today(partner_b)
    with time_machine.travel(_today_at(4, 1), tick=False):
        morning = open_today(partner_a)
    assert late_night.date + timedelta(days=1) == morning.date
    assert late_night != morning


def test_someone_alone_answers_and_it_is_revealed_once_their_partner_joins_and_answers(solo):
    daily = open_today(solo)
    answer(solo, daily, "written before you were here")
    waiting = page(solo.client.get(daily_url(daily)))
    assert "Once your partner joins and answers" in waiting
    assert "Your turn" not in page(solo.client.get("/today/"))

    invitation = couple_services.create_invitation(user=solo.user)
    river = make_user("river@example.com", "River", tz="Europe/Berlin")
    couple_services.join_couple(user=river, code=invitation.code)
    client = Client()
    client.force_login(river)

    response = client.get("/questions/today/")
    assert response["Location"] == daily_url(daily)
    before = page(client.get(daily_url(daily)))
    assert "Jo has answered. Your turn" in before
    assert "written before you were here" not in before
    assert "Waiting for River" in page(solo.client.get("/today/"))

    client.post(f"/questions/{daily.id}/answer/", {"text": "and here I am"})
    for viewer in (client, solo.client):
        html = page(viewer.get(daily_url(daily)))
        assert "written before you were here" in html
        assert "and here I am" in html


def test_someone_alone_who_joins_a_partner_keeps_the_answer_and_it_is_revealed_later(solo):
    daily = open_today(solo)
    answer(solo, daily, "my words from before")
    inviter = make_user("quinn@example.com", "Quinn", tz="Europe/Berlin")
    invitation = couple_services.create_invitation(user=inviter)
    couple_services.join_couple(user=solo.user, code=invitation.code)
    client = Client()
    client.force_login(inviter)

    moved = DailyQuestion.objects.get(id=daily.id)
    assert moved.couple_id == couple_id_of(inviter)
    before = page(client.get(daily_url(moved)))
    assert "Jo has answered. Your turn" in before
    assert "my words from before" not in before

    client.post(f"/questions/{moved.id}/answer/", {"text": "Quinn's reply"})
    html = page(solo.client.get(daily_url(moved)))
    assert "my words from before" in html
    assert "Quinn's reply" in html
