"""The Insights page and /api/v1/insights with the three personas.

The closeness side of "nothing shows before both are done" is in
closeness/tests/test_reveal.py, which reads both of these too.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.test import Client

from closeknit.checkins.models import CheckIn, EmpathyGuess
from closeknit.closeness.tests.support import (
    answers,
    at_noon,
    call,
    couple_of,
    make_months,
    submit,
)
from closeknit.insights.models import Activity

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def checkin(user, day: dt.date, feelings: list[str], *, shared: bool = True) -> CheckIn:
    return CheckIn.objects.create(
        couple=couple_of(user),
        author=user,
        date=day,
        feelings=feelings,
        intensity=3,
        visibility="shared" if shared else "private",
    )


@pytest.fixture
def lived_in(partner_a, partner_b):
    """A couple with a month of practice, two months of checks and some check-ins."""
    couple = couple_of(partner_a.user)
    Activity.objects.bulk_create(
        [
            *(
                Activity(
                    couple=couple,
                    user=partner_a.user,
                    practice="communication",
                    kind="question_answer",
                    day=TODAY - dt.timedelta(days=n),
                )
                for n in range(12)
            ),
            Activity(
                couple=couple,
                user=partner_b.user,
                practice="vulnerability",
                kind="checkin",
                day=TODAY - dt.timedelta(days=3),
            ),
            # Too long ago for the 30 days.
            Activity(
                couple=couple,
                user=partner_b.user,
                practice="rituals",
                kind="question_answer",
                day=TODAY - dt.timedelta(days=30),
            ),
        ]
    )
    make_months(
        partner_a.user,
        partner_b.user,
        count=1,
        a_values=answers(6, p_trust=7),
        b_values=answers(6, p_trust=2),
        activity=False,
    )
    for back in (1, 2, 3):
        checkin(partner_a.user, TODAY - dt.timedelta(days=back), ["peaceful"])
    checkin(partner_b.user, TODAY - dt.timedelta(days=1), ["tired", "worried"])
    checkin(partner_b.user, TODAY - dt.timedelta(days=2), ["happy"], shared=False)
    EmpathyGuess.objects.create(
        couple=couple,
        guesser=partner_a.user,
        date=TODAY - dt.timedelta(days=1),
        family="tired",
        intensity=3,
    )
    return couple


def test_insights_asks_visitors_to_log_in():
    assert Client().get("/insights/")["Location"].startswith("/accounts/login/")
    assert call(None, "GET", "/api/v1/insights", status=401)["code"] == "unauthorized"


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider", "solo"])
def test_everyone_gets_a_page_that_reads_in_a_minute_even_with_nothing_yet(request, persona):
    who = request.getfixturevalue(persona)
    page = text(who.client.get("/insights/"))
    assert "Nothing yet in the last 30 days." in page
    assert "Take your first closeness check to start the line." in page
    assert "No check-ins in the last three months yet." in page
    assert page.count("No guesses yet") == (4 if persona != "solo" else 2)
    assert 'role="img"' in page  # the practice balance, all zeros
    body = call(who, "GET", "/api/v1/insights", status=200)
    assert [row["days"] for row in body["practice_balance"]] == [0] * 8
    assert (body["closeness"], body["gaps"], body["feelings"]) == ([], [], [])


def test_the_page_shows_balance_trend_gaps_feelings_and_guesses(partner_a, lived_in):
    page = text(partner_a.client.get("/insights/"))
    assert "Most often: Open communication, on 12 days." in page
    assert "Rituals and traditions" in page.split("Not yet:")[1].split(".")[0]
    assert 'id="insights-closeness"' in page
    assert "You see trust quite differently" in page
    # Mine: peaceful (calm) x3; Sam's shared: tired, worried; Sam's private one not at all.
    assert (
        "Most often in the last three months: Calm (3), Anxious (1), Tired and overwhelmed (1)."
        in page
    )
    assert "Joyful" not in page
    assert "Your guesses, last 30 days" in page
    assert "Sam's guesses, last 30 days" in page
    assert "% close, from 1 guess" in page
    assert "not a clinical or validated measure" in page


def test_the_api_has_the_numbers_behind_each_chart(partner_a, partner_b, lived_in):
    body = call(partner_a, "GET", "/api/v1/insights", status=200)
    balance = {row["practice"]: row["days"] for row in body["practice_balance"]}
    assert (balance["communication"], balance["vulnerability"], balance["rituals"]) == (12, 1, 0)
    # Alex: 13 parts at 6 (83.3) and trust at 7 (100): 1183.3 / 14 = 84.5 -> 85.
    # Sam: 13 parts at 6 and trust at 2 (16.7): 1100 / 14 = 78.6 -> 79.
    assert body["closeness"] == [{"month": "2026-02", "mine": 85, "partner": 79}]
    assert body["gaps_month"] == "2026-02"
    assert body["gaps"][0]["group"] == "trust"
    assert body["feeling_months"] == ["2026-01", "2026-02", "2026-03"]
    families = {row["family"]: row for row in body["feelings"]}
    assert families["calm"]["counts"] == [0, 0, 3]
    assert "joyful" not in families
    assert body["guess_accuracy"]["mine_30"]["guesses"] == 1
    assert body["guess_accuracy"]["partner_30"] == {"days": 30, "guesses": 0, "average": None}
    # Sam's own private check-in counts for Sam.
    sams = call(partner_b, "GET", "/api/v1/insights", status=200)
    assert {row["family"] for row in sams["feelings"]} >= {"joyful", "tired", "calm"}
    assert sams["guess_accuracy"]["partner_30"]["guesses"] == 1


def test_the_outsider_sees_only_their_own(partner_a, outsider, lived_in):
    submit(outsider, answers(2))
    page = text(outsider.client.get("/insights/"))
    assert "Sam" not in page
    assert "Alex" not in page
    assert "Nothing yet in the last 30 days." in page
    body = call(outsider, "GET", "/api/v1/insights", status=200)
    assert body["feelings"] == []
    assert [m["month"] for m in body["closeness"]] == ["2026-03"]
    assert body["closeness"][0]["partner"] is None


def test_every_id_on_the_page_is_unique_so_each_chart_is_named_by_its_own_title(
    partner_a, lived_in
):
    for url in ("/insights/", "/closeness/", "/today/"):
        page = partner_a.client.get(url).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
        for labelled in re.findall(r'aria-labelledby="([^"]+)"', page):
            for target in labelled.split():
                assert target in ids, (url, target)


def test_the_closeness_line_covers_the_last_twelve_months(partner_a, partner_b):
    submit(partner_a, answers(5))
    submit(partner_b, answers(4))
    make_months(partner_a.user, partner_b.user, count=30)
    body = call(partner_a, "GET", "/api/v1/insights", status=200)
    months = [row["month"] for row in body["closeness"]]
    assert months[0] == "2025-04"
    assert months[-1] == "2026-03"
    assert len(months) == 12
    page = text(partner_a.client.get("/insights/"))
    assert "Monthly closeness check, last 12 months" in page
    assert "Apr 2025" in page
    assert "Mar 2025" not in page
    # All of them are still on the closeness pages: the oldest under its year.
    assert 'href="/closeness/2023/"' in text(partner_a.client.get("/closeness/"))
    assert "September 2023" in text(partner_a.client.get("/closeness/2023/"))
