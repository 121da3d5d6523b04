"""The time-out: start, seen by the partner on Today at once, a countdown, back together."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from closeknit.conflict.models import TimeOut
from closeknit.conflict.tests.support import call, fields_of, page
from closeknit.insights.models import Activity

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 10, 19, 55, tzinfo=dt.UTC)  # 19:55 in London, 15:55 in New York
NOTE = "Secret-tq: I love you, I just need to calm down."


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def start(persona, minutes="20", note=NOTE):
    return persona.client.post("/conflict/timeout/start/", {"minutes": minutes, "note": note})


def test_the_partner_sees_the_break_on_today_at_once_in_their_own_time(clock, partner_a, partner_b):
    response = start(partner_a)
    assert response.status_code == 302
    timeout = TimeOut.objects.get()
    assert (timeout.author, timeout.minutes, timeout.note) == (partner_a.user, 20, NOTE)
    assert Activity.objects.filter(practice="conflict", kind="timeout").count() == 1
    today = page(partner_b.client.get("/today/"))
    assert "Alex needs a short break and will be back by 16:15." in today
    assert NOTE in today
    mine = page(partner_a.client.get("/today/"))
    assert "You're taking a break until 20:15." in mine


def test_both_see_the_countdown_and_a_self_soothing_suggestion(clock, partner_a, partner_b):
    start(partner_a, minutes="45")
    clock.shift(dt.timedelta(minutes=10))
    for persona in (partner_a, partner_b):
        text = page(persona.client.get("/conflict/timeout/"))
        assert "About 35 minutes left" in text
        assert 'data-testid="timeout-soothing"' in text
        assert 'hx-trigger="every 60s"' in text  # the countdown keeps itself current
    assert "I'm ready to come back now" in page(partner_a.client.get("/conflict/timeout/"))
    assert "I'm ready to come back now" not in page(partner_b.client.get("/conflict/timeout/"))


def test_at_the_end_both_are_invited_back(clock, partner_a, partner_b):
    start(partner_a)
    clock.shift(dt.timedelta(minutes=21))
    for persona in (partner_a, partner_b):
        assert "Welcome back" in page(persona.client.get("/conflict/timeout/"))
        assert "come back to the conversation" in page(persona.client.get("/today/"))
    clock.shift(dt.timedelta(hours=4))
    assert 'data-testid="timeout-banner"' not in page(partner_b.client.get("/today/"))


def test_the_outsider_never_sees_the_couples_break(clock, partner_a, outsider):
    start(partner_a)
    for url in ("/today/", "/conflict/timeout/"):
        text = page(outsider.client.get(url))
        assert "Secret-tq" not in text
        assert "Alex" not in text
    assert outsider.client.post("/conflict/timeout/end/").status_code == 302
    assert TimeOut.objects.get().ended_at is None


def test_nobody_signed_in_is_sent_to_log_in(client, partner_a):
    for url in ("/conflict/timeout/", "/conflict/timeout/start/", "/conflict/timeout/end/"):
        response = client.post(url) if "/s" in url or "/end" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not TimeOut.objects.exists()


@pytest.mark.parametrize("minutes", ["10", "19", "90", ""])
def test_less_than_twenty_minutes_is_refused_with_why(clock, partner_a, minutes):
    response = start(partner_a, minutes=minutes)
    assert response.status_code == 422
    assert "racing heart" in page(response)
    assert not TimeOut.objects.exists()


def test_only_the_one_who_took_the_break_ends_it_early(clock, partner_a, partner_b):
    start(partner_a)
    partner_b.client.post("/conflict/timeout/end/")
    assert TimeOut.objects.get().ended_at is None
    partner_a.client.post("/conflict/timeout/end/")
    assert TimeOut.objects.get().ended_at == START
    assert "Welcome back" in page(partner_b.client.get("/conflict/timeout/"))


def test_someone_on_their_own_cannot_take_a_break(clock, solo):
    response = start(solo)
    assert response.status_code == 422
    assert "Invite your partner first" in page(response)


# The API


def test_the_api_starts_gets_and_ends_a_break(clock, partner_a, partner_b):
    body = call(partner_a, "POST", "/conflict/timeouts", {"minutes": 30, "note": NOTE}, status=201)
    assert body["timeout"]["by_me"] is True
    assert body["timeout"]["minutes_left"] == 30
    seen = call(partner_b, "GET", "/conflict/timeouts/current", status=200)["timeout"]
    assert (seen["by_me"], seen["author_name"], seen["note"], seen["running"]) == (
        False,
        "Alex",
        NOTE,
        True,
    )
    refused = call(partner_b, "POST", "/conflict/timeouts/current/end", status=403)
    assert refused["code"] == "not_yours"
    again = call(partner_b, "POST", "/conflict/timeouts", {"minutes": 20}, status=409)
    assert again["code"] == "already_running"
    ended = call(partner_a, "POST", "/conflict/timeouts/current/end", status=200)["timeout"]
    assert ended["running"] is False
    assert ended["ended_at"] is not None
    call(partner_a, "POST", "/conflict/timeouts/current/end", status=409)


def test_the_api_refuses_a_short_break_naming_minutes(clock, partner_a):
    body = call(partner_a, "POST", "/conflict/timeouts", {"minutes": 10}, status=422)
    assert fields_of(body) == {"minutes"}
    body = call(
        partner_a, "POST", "/conflict/timeouts", {"minutes": 20, "note": "x" * 301}, status=400
    )
    assert fields_of(body) == {"note"}


def test_the_outsider_and_nobody_get_nothing_of_the_break(clock, partner_a, outsider):
    call(partner_a, "POST", "/conflict/timeouts", {"minutes": 20, "note": NOTE}, status=201)
    assert call(outsider, "GET", "/conflict/timeouts/current", status=200) == {"timeout": None}
    call(outsider, "POST", "/conflict/timeouts/current/end", status=409)
    for method, path in [
        ("GET", "/conflict/timeouts/current"),
        ("POST", "/conflict/timeouts/current/end"),
    ]:
        call(None, method, path, status=401)
    call(None, "POST", "/conflict/timeouts", {"minutes": 20}, status=401)
    assert TimeOut.objects.get().ended_at is None


def test_current_costs_the_same_queries_with_many_past_breaks(
    clock, partner_a, partner_b, django_assert_num_queries
):
    call(partner_a, "POST", "/conflict/timeouts", {"minutes": 20}, status=201)
    url = "/api/v1/conflict/timeouts/current"
    partner_b.api("GET", url)
    with django_assert_num_queries(4) as small:
        partner_b.api("GET", url)
    couple = TimeOut.objects.get().couple
    TimeOut.objects.bulk_create(
        TimeOut(
            couple=couple,
            author=partner_b.user,
            minutes=20,
            started_at=START - dt.timedelta(days=n),
            ends_at=START - dt.timedelta(days=n) + dt.timedelta(minutes=20),
        )
        for n in range(1, 60)
    )
    with django_assert_num_queries(len(small.captured_queries)):
        partner_b.api("GET", url)
