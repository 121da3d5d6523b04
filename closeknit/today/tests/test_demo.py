"""manage.py demo: a lived-in couple that a newcomer can sign in as at once."""

from __future__ import annotations

import io
from datetime import date, time, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from closeknit.accounts.models import User
from closeknit.checkins.models import (
    CheckIn,
    CheckInReaction,
    CheckInReply,
    EmpathyGuess,
    Visibility,
)
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.selectors import partner_of
from closeknit.questions.library import library_questions
from closeknit.questions.models import Answer, Comment, DailyQuestion, Question, Reaction
from closeknit.questions.selectors import day_of, streak_of
from closeknit.questions.services import ANSWER_MAX, COMMENT_MAX
from closeknit.today.management.commands import demo_answers, demo_feelings
from closeknit.today.management.commands.demo import ALEX, DEMO_PASSWORD, SAM

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _sign_in(email: str, password: str = DEMO_PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/today/"
    return client


def test_the_demo_can_be_run_twice_and_leaves_one_couple() -> None:
    _demo()
    first_ids = set(User.objects.values_list("id", flat=True))
    # Used in between, as a newcomer would: opening Today creates the day's rows.
    assert _sign_in(ALEX.email).get("/today/").status_code == 200

    output = _demo()

    assert User.objects.filter(email__in=[ALEX.email, SAM.email]).count() == 2
    assert set(User.objects.values_list("id", flat=True)).isdisjoint(first_ids)
    assert Couple.objects.count() == 1
    assert Membership.objects.count() == 2
    assert Invitation.objects.count() == 1
    assert "Demo couple ready: Alex and Sam" in output


def test_both_demo_partners_can_sign_in_and_see_each_other_on_today() -> None:
    _demo()
    _demo()

    for me, them in ((ALEX, SAM), (SAM, ALEX)):
        client = _sign_in(me.email)
        today = client.get("/today/")

        assert today.status_code == 200
        summary = today.context["summary"]
        assert summary.partner is not None
        assert summary.partner.email == them.email
        assert them.name in today.content.decode()


def test_the_demo_partners_are_linked_through_a_used_invitation() -> None:
    _demo()
    alex = User.objects.get(email=ALEX.email)
    sam = User.objects.get(email=SAM.email)

    invitation = Invitation.objects.get()

    assert partner_of(alex) == sam
    assert partner_of(sam) == alex
    assert invitation.created_by == alex
    assert invitation.accepted_by == sam
    assert invitation.status == Invitation.Status.USED
    assert invitation.created_at < invitation.accepted_at <= invitation.expires_at  # type: ignore[operator]


def test_the_demo_has_weeks_of_plausible_history() -> None:
    now = timezone.now()
    _demo()
    alex = User.objects.get(email=ALEX.email)
    sam = User.objects.get(email=SAM.email)
    couple = Couple.objects.get()

    assert (alex.name, alex.pronouns, alex.timezone) == ("Alex", "they/them", "Europe/London")
    assert (sam.name, sam.pronouns, sam.timezone) == ("Sam", "she/her", "America/Toronto")
    assert alex.date_joined < sam.date_joined < now - timedelta(weeks=3)
    assert alex.last_login is not None
    assert sam.last_login is not None
    assert now - timedelta(days=2) < sam.last_login < alex.last_login < now
    assert set(EmailAddress.objects.values_list("email", "verified", "primary")) == {
        (ALEX.email, True, True),
        (SAM.email, True, True),
    }
    assert couple.home_timezone == "Europe/London"
    assert couple.day_starts_at == time(4, 0)
    assert couple.relationship_started_on is not None
    assert couple.relationship_started_on < (now - timedelta(days=365)).date()
    assert couple.created_at < now - timedelta(weeks=3)


def test_the_demo_prints_both_logins_and_where_to_sign_in() -> None:
    output = _demo()

    for person in (ALEX, SAM):
        assert person.email in output
    assert output.count(f"password: {DEMO_PASSWORD}") == 2
    assert "http://127.0.0.1:8000/accounts/login/" in output


def test_the_demo_leaves_everyone_else_alone() -> None:
    from conftest import make_user

    robin = make_user("robin@example.com", "Robin")

    _demo()
    _demo()

    assert User.objects.filter(id=robin.id).exists()
    assert User.objects.count() == 3


def test_the_demo_refuses_to_run_in_production_unless_forced(settings: Any) -> None:
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production server"):
        _demo()
    assert not User.objects.exists()

    _demo("--force", "--password", "a different long passphrase")
    _sign_in(ALEX.email, "a different long passphrase")


# The daily question.


def _both_answered_days(couple: Couple) -> set[date]:
    return set(
        DailyQuestion.objects.filter(couple=couple, is_bonus=False)
        .annotate(answer_count=Count("answers"))
        .filter(answer_count=2)
        .values_list("date", flat=True)
    )


def test_today_it_is_sams_turn_and_alex_is_waiting_for_sam() -> None:
    _demo()

    sam_today = _sign_in(SAM.email).get("/today/")
    alex_today = _sign_in(ALEX.email).get("/today/")

    assert sam_today.context["qview"].state == "your_turn"
    assert "Your turn" in sam_today.content.decode()
    assert alex_today.context["qview"].state == "waiting"
    assert "Waiting for Sam" in alex_today.content.decode()
    today_key, today = next((k, day) for k, day in demo_answers.DAILY.items() if day.days_ago == 0)
    assert today.alex is not None
    assert today.sam is None
    assert sam_today.context["qview"].daily.question.key == today_key
    # Today shows where the day stands; the answer itself is on the day's page.
    daily_id = alex_today.context["qview"].daily.id
    alex_day = _sign_in(ALEX.email).get(f"/questions/{daily_id}/")
    assert alex_day.context["view"].my_answer.text == today.alex.text


def test_the_history_has_weeks_of_revealed_days_and_a_streak_with_a_grace_day() -> None:
    _demo()
    couple = Couple.objects.get()

    history = _sign_in(SAM.email).get("/questions/history/")

    assert history.status_code == 200
    assert history.context["result"].page.paginator.count >= 20
    streak = history.context["streak"]
    assert streak == streak_of(couple) > 0
    assert f"{streak} days in a row" in history.content.decode()
    # The streak runs over a day they didn't both answer: the grace day at work.
    today = day_of(couple)
    both = _both_answered_days(couple)
    assert any(today - timedelta(days=n) not in both for n in range(1, streak + 1))


def test_a_revealed_day_shows_both_answers_to_both_partners() -> None:
    _demo()
    key, day = next(
        (key, day)
        for key, day in demo_answers.DAILY.items()
        if day.alex and day.sam and day.alex.replies and day.sam.reactions
    )
    assert day.alex is not None
    assert day.sam is not None
    daily = DailyQuestion.objects.get(question__key=key, is_bonus=False)

    for person in (ALEX, SAM):
        page = _sign_in(person.email).get(f"/questions/{daily.id}/")

        assert page.status_code == 200
        assert page.context["view"].revealed
        content = page.content.decode()
        assert escape(day.alex.text) in content
        assert escape(day.sam.text) in content
        assert escape(day.alex.replies[0].text) in content


def test_some_days_only_one_answered_and_they_stay_sealed_from_the_other() -> None:
    _demo()
    alex_only = [d for d in demo_answers.DAILY.values() if d.alex and not d.sam and d.days_ago]
    sam_only = [d for d in demo_answers.DAILY.values() if d.sam and not d.alex]
    assert alex_only
    assert sam_only
    today = day_of(Couple.objects.get())
    daily = DailyQuestion.objects.get(
        date=today - timedelta(days=sam_only[0].days_ago), is_bonus=False
    )

    page = _sign_in(ALEX.email).get(f"/questions/{daily.id}/")

    assert page.context["view"].state == "your_turn"
    assert page.context["view"].partner_answered
    assert sam_only[0].sam is not None
    assert escape(sam_only[0].sam.text) not in page.content.decode()


def test_the_couple_has_their_own_question_by_sam_and_a_bonus_from_the_library() -> None:
    _demo()
    sam = User.objects.get(email=SAM.email)

    own = Question.objects.get(couple__isnull=False)
    bonus = DailyQuestion.objects.get(is_bonus=True)

    assert own.author == sam
    assert own.deck.is_own
    assert own.text == demo_answers.SAMS_QUESTION.text
    assert own.created_at < timezone.now() - timedelta(days=1)
    assert bonus.question.couple_id is None
    assert bonus.question.key in demo_answers.BONUS
    assert bonus.answers.count() == 2
    assert bonus.date < day_of(bonus.couple)
    assert own in _sign_in(SAM.email).get("/questions/own/").context["questions"]


def test_every_answer_reaction_and_reply_is_backdated_inside_its_story() -> None:
    now = timezone.now()
    _demo()
    couple = Couple.objects.get()
    today = day_of(couple)

    dailies = list(DailyQuestion.objects.filter(couple=couple))
    assert len(dailies) == len(demo_answers.DAILY) + len(demo_answers.BONUS)
    assert min(d.date for d in dailies) <= today - timedelta(days=28)
    for daily in dailies:
        answers = list(daily.answers.all())
        assert answers
        for answer in answers:
            # Answered on the day it was asked, in the couple's own day.
            assert day_of(couple, answer.created_at) == daily.date
            assert daily.created_at <= answer.created_at == answer.updated_at <= now
            assert answer.text  # sealed at rest, opens again
        revealed_at = max(a.created_at for a in answers)
        for reaction in Reaction.objects.filter(answer__daily=daily):
            assert revealed_at <= reaction.created_at <= now
        for comment in Comment.objects.filter(answer__daily=daily):
            assert revealed_at <= comment.created_at <= now
            assert comment.text
    assert Reaction.objects.count() >= 20
    assert set(Reaction.objects.values_list("kind", flat=True)) == set(Reaction.Kind.values)
    assert Comment.objects.values("answer").distinct().count() >= 5


def test_the_demo_questions_deepen_like_the_app_and_the_texts_fit() -> None:
    library = {q.key: q for q in library_questions()}
    days = {**demo_answers.DAILY, **demo_answers.BONUS}

    for key, day in days.items():
        if key == demo_answers.SAMS_QUESTION_KEY:
            continue
        depth = library[key].depth
        if day.days_ago >= 24:
            assert depth == "light", key
        if depth == "deepest":
            assert day.days_ago <= 2, key
        for said in (day.alex, day.sam):
            if said is None:
                continue
            assert 0 < len(said.text) <= ANSWER_MAX
            assert set(said.reactions) <= set(Reaction.Kind.values)
            assert all(0 < len(r.text) <= COMMENT_MAX for r in said.replies)
            if day.alex is None or day.sam is None:
                assert not said.reactions
                assert not said.replies
    assert sum(library[k].depth == "deepest" for k in days if k in library) >= 3
    assert len({day.days_ago for day in demo_answers.DAILY.values()}) == len(demo_answers.DAILY)


def test_rerunning_after_someone_used_the_demo_starts_the_month_over() -> None:
    _demo()
    sam = _sign_in(SAM.email)
    daily = sam.get("/today/").context["qview"].daily
    sam.post(f"/questions/{daily.id}/answer/", {"text": "Trying the demo out."})
    assert _sign_in(SAM.email).get("/today/").context["qview"].state == "revealed"

    _demo()

    assert DailyQuestion.objects.count() == len(demo_answers.DAILY) + len(demo_answers.BONUS)
    assert Question.objects.filter(couple__isnull=False).count() == 1
    assert not Answer.objects.filter(
        author__email=SAM.email, daily__date=day_of(Couple.objects.get())
    ).exists()
    today = _sign_in(SAM.email).get("/today/")
    assert today.context["qview"].state == "your_turn"
    assert "Your turn" in today.content.decode()


# The feelings check-in.


def test_today_sam_has_checked_in_and_alex_is_offered_the_guess() -> None:
    _demo()
    couple = Couple.objects.get()
    sams_today = CheckIn.objects.get(author__email=SAM.email, date=day_of(couple))
    today_entry = next(d for d in demo_feelings.CHECKINS if d.days_ago == 0)
    assert today_entry.sam is not None

    page = _sign_in(ALEX.email).get("/checkins/")

    assert page.status_code == 200
    assert page.context["day"].partner_state == "guess_first"
    content = page.content.decode()
    assert "Sam has checked in. Before you look, how do you think they feel?" in content
    assert escape(today_entry.sam.note) not in content
    assert sams_today.is_shared
    assert not EmpathyGuess.objects.filter(couple=couple, date=day_of(couple)).exists()


def test_the_check_ins_have_two_weeks_of_guesses_and_responses() -> None:
    now = timezone.now()
    _demo()
    couple = Couple.objects.get()
    today = day_of(couple)

    checkins = list(CheckIn.objects.filter(couple=couple))
    assert min(c.date for c in checkins) <= today - timedelta(days=13)
    for checkin in checkins:
        assert day_of(couple, checkin.created_at) == checkin.date
        assert checkin.created_at <= now
        responded = [r.created_at for r in checkin.reactions.all()]
        responded += [r.created_at for r in checkin.replies.all()]
        assert all(checkin.created_at <= at <= now for at in responded)
    guesses = EmpathyGuess.objects.filter(couple=couple)
    assert guesses.filter(skipped=False).count() >= 8
    assert guesses.filter(skipped=True).exists()
    assert CheckInReaction.objects.filter(kind=CheckInReaction.Kind.CAN_HELP).count() >= 3
    assert CheckInReply.objects.count() >= 5
    accuracy = _sign_in(ALEX.email).get("/checkins/").context["overview"]
    assert accuracy is not None


def test_alexs_private_check_in_never_shows_to_sam() -> None:
    _demo()
    private = next(d.alex for d in demo_feelings.CHECKINS if d.alex and not d.alex.shared)
    assert CheckIn.objects.filter(visibility=Visibility.PRIVATE).count() == 1

    sam = _sign_in(SAM.email)
    alex = _sign_in(ALEX.email)

    assert escape(private.note) in alex.get("/checkins/history/").content.decode()
    for page in (1, 2):
        assert (
            escape(private.note) not in sam.get(f"/checkins/history/?page={page}").content.decode()
        )
    assert escape(private.note) not in sam.get("/today/").content.decode()


# The closeness check.


def test_both_see_two_months_of_closeness_results_and_a_focus() -> None:
    _demo()
    couple = Couple.objects.get()

    assert ClosenessCheck.objects.filter(couple=couple).count() == 4
    assert Focus.objects.filter(couple=couple).count() == 2
    for person in (ALEX, SAM):
        page = _sign_in(person.email).get("/closeness/")

        assert page.status_code == 200
        overview = page.context["overview"]
        assert [m.revealed for m in overview.months] == [True, True]
        assert overview.current.revealed
        assert overview.focus is not None
        assert overview.focus.is_this_month
        assert overview.latest_revealed.gaps
        assert 'data-testid="closeness-focus"' in page.content.decode()
    first, second = Focus.objects.filter(couple=couple).order_by("month")
    assert first.practice != second.practice


def test_rerunning_the_demo_keeps_one_set_of_check_ins_and_closeness_checks() -> None:
    _demo()
    sam = _sign_in(SAM.email)
    sam.get("/closeness/")
    counts = (CheckIn.objects.count(), EmpathyGuess.objects.count(), ClosenessCheck.objects.count())

    _demo()

    assert (
        CheckIn.objects.count(),
        EmpathyGuess.objects.count(),
        ClosenessCheck.objects.count(),
    ) == counts
    assert Focus.objects.count() == 2
    assert _sign_in(ALEX.email).get("/checkins/").context["day"].partner_state == "guess_first"


@pytest.mark.django_db
def test_the_demo_couple_has_a_repair_talked_through_to_forgiveness():
    from closeknit.conflict.models import Repair, RepairSide

    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    repair = Repair.objects.get()
    sides = list(RepairSide.objects.filter(repair=repair))
    assert len(sides) == 2
    assert all(side.forgiven_at is not None for side in sides)
    assert repair.title == "The call I missed on Sunday"
