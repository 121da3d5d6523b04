"""Checking in on the page: once a couple-day, editable that day, sealed at rest."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection

from closeknit.checkins.models import CheckIn, CheckInReaction
from closeknit.checkins.tests.support import (
    NOON,
    PAGE,
    TODAY,
    check_in,
    checkin_of,
    page,
)
from closeknit.insights.models import Activity

pytestmark = pytest.mark.django_db


def test_nobody_signed_in_is_sent_to_log_in(client):
    for url in (PAGE, "/checkins/history/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client.post("/checkins/save/", {"feelings": ["happy"], "intensity": 3})
    assert response.status_code == 302
    assert not CheckIn.objects.exists()


def test_the_page_offers_every_feeling_by_family_and_the_needs(partner_a):
    response = partner_a.client.get(PAGE)
    assert response.status_code == 200
    text = page(response)
    assert "How are you feeling today?" in text
    assert 'id="feeling-worried"' in text
    assert "Your mind keeps jumping to what might go wrong." in text
    assert "Thinking about a problem and unable to let it go." in text
    assert 'id="need-hug"' in text
    assert "Share with Sam" in text
    assert "Check in" in text


def test_checking_in_saves_the_day_and_logs_vulnerability(partner_a):
    response = check_in(
        partner_a,
        ["worried", "tired"],
        intensity=4,
        note="Big meeting tomorrow",
        need="reassurance",
        need_text="tell me it'll be fine",
    )
    assert response.status_code == 302
    assert response["Location"] == PAGE
    checkin = checkin_of(partner_a)
    assert checkin.date == TODAY
    assert checkin.feelings == ["worried", "tired"]
    assert checkin.families == ["anxious", "tired"]
    assert (checkin.intensity, checkin.need, checkin.is_shared) == (4, "reassurance", True)
    assert checkin.note == "Big meeting tomorrow"
    assert checkin.need_text == "tell me it'll be fine"
    activity = Activity.objects.get()
    assert (activity.practice, activity.kind, activity.day, activity.user) == (
        "vulnerability",
        "checkin",
        TODAY,
        partner_a.user,
    )
    shown = page(partner_a.client.get(PAGE))
    assert "Your check-in" in shown
    assert "Big meeting tomorrow" in shown
    assert "Shared with Sam" in shown
    assert "Update my check-in" in shown


def test_checking_in_again_the_same_day_changes_it_without_a_second_row(partner_a):
    check_in(partner_a, ["worried"], intensity=4, need="hug")
    check_in(partner_a, ["relaxed", "grateful"], intensity=2, note="it went well")
    checkin = CheckIn.objects.get()
    assert checkin.feelings == ["relaxed", "grateful"]
    assert (checkin.intensity, checkin.need, checkin.note) == (2, "", "it went well")
    assert checkin.updated_at == NOON
    # Changing it is not a second check-in in the practice log.
    assert Activity.objects.count() == 1


def test_the_next_day_is_a_new_check_in(partner_a):
    check_in(partner_a, ["happy"])
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        check_in(partner_a, ["down"], intensity=2)
    assert list(CheckIn.objects.order_by("date").values_list("date", "feelings")) == [
        (TODAY, ["happy"]),
        (TODAY + dt.timedelta(days=1), ["down"]),
    ]


def test_a_check_in_belongs_to_the_couples_day_not_the_partners_clock(partner_b):
    # 02:00 in London (the couple's home) is still the day before, as the day
    # rolls over at 04:00; Sam's own clock in New York says 21:00 the day before.
    with time_machine.travel(dt.datetime(2026, 3, 11, 2, 0, tzinfo=dt.UTC), tick=False):
        check_in(partner_b, ["tired"])
    assert checkin_of(partner_b).date == TODAY


@pytest.mark.parametrize(
    ("feelings", "intensity", "message"),
    [
        ([], 3, "Pick at least one feeling"),
        (["happy", "glad", "calm-not-a-word"], 3, "Choose feelings from the list."),
        (["happy", "glad", "amused", "tired"], 3, "Pick up to three feelings"),
        (["happy"], 0, "Choose how strong it is, from 1 to 5."),
        (["happy"], "very", "Choose how strong it is, from 1 to 5."),
        (["happy"], "", "Choose how strong it is, from 1 to 5."),
    ],
)
def test_a_refused_check_in_says_why_next_to_the_field_and_keeps_what_was_typed(
    partner_a, feelings, intensity, message
):
    response = check_in(partner_a, feelings, intensity=intensity, note="my unsent words")
    assert response.status_code == 422
    text = page(response)
    assert message in text
    assert "field--error" in text
    assert "my unsent words" in text
    assert not CheckIn.objects.exists()


def test_the_picked_feelings_stay_ticked_when_the_form_comes_back(partner_a):
    response = check_in(partner_a, ["happy", "glad", "amused", "tired"], note="x")
    text = page(response)
    for key in ("happy", "glad", "amused", "tired"):
        assert (
            f'value="{key}" id="feeling-{key}" aria-describedby="feeling-{key}-about" checked'
            in (text)
        )


def test_a_note_or_need_that_is_too_long_is_refused_by_length(partner_a):
    long_note = check_in(partner_a, ["happy"], note="x" * 501)
    assert long_note.status_code == 422
    assert "at most 500 characters" in page(long_note)
    long_need = check_in(partner_a, ["happy"], need_text="y" * 201)
    assert long_need.status_code == 422
    assert "at most 200 characters" in page(long_need)
    unknown_need = check_in(partner_a, ["happy"], need="a-pony")
    assert unknown_need.status_code == 422
    assert "Choose a need from the list." in page(unknown_need)
    assert not CheckIn.objects.exists()


def test_the_note_and_the_need_in_own_words_are_sealed_at_rest(partner_a):
    check_in(partner_a, ["sad"], note="Grandma's birthday", need_text="a quiet evening")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note, need_text FROM checkins_checkin")
        note, need_text = cursor.fetchone()
    assert "Grandma" not in note
    assert "quiet evening" not in need_text
    assert checkin_of(partner_a).note == "Grandma's birthday"


def test_someone_on_their_own_can_check_in(solo):
    response = check_in(solo, ["hopeful"], note="first day")
    assert response.status_code == 302
    checkin = checkin_of(solo)
    assert checkin.couple.memberships.count() == 1
    text = page(solo.client.get(PAGE))
    assert "first day" in text
    assert "Shared once your partner joins" in text
    # Nobody to guess: the partner section and the guess are not on the page.
    assert "Before you look" not in text
    assert "Make my guess" not in text


def test_the_outsider_never_sees_the_couples_check_ins(partner_a, partner_b, outsider):
    check_in(partner_a, ["tired"], note="Alex's secret note")
    check_in(partner_b, ["happy"], note="Sam's secret note")
    text = page(outsider.client.get(PAGE))
    assert "secret note" not in text
    assert "Alex" not in text
    assert "Sam" not in text
    history = page(outsider.client.get("/checkins/history/"))
    assert "secret note" not in history


def test_changing_the_need_takes_back_an_offer_of_help_for_the_old_one(partner_a, partner_b):
    check_in(partner_a, ["tired"], need="rest")
    checkin = checkin_of(partner_a)
    CheckInReaction.objects.create(checkin=checkin, author=partner_b.user, kind="can_help")
    check_in(partner_a, ["tired"], intensity=4, need="rest")
    assert CheckInReaction.objects.filter(kind="can_help").exists()
    check_in(partner_a, ["tired"], intensity=4, need="hug")
    assert not CheckInReaction.objects.filter(kind="can_help").exists()
