"""The pages `make bench` measures cost the same after a week as after years.

Two couples share the database: one with a week of daily use, one with two years of
it (every feature, every day: see ``lived_in``). Each page is asked for by a partner
of each, in the steady state of a day (today's question answered by both, both
checked in, this month's check taken). Two things must not grow with the years:

* the SQL queries: the same number for both couples, and no more than eight;
* the work: Python function calls per request, counted by cProfile. Unlike a clock,
  a count is the same on a busy machine, so it can be held to a bound in a test.
  Pages read bounded windows (a page of days, 90 days of guesses, a year of checks),
  which a week of use does not fill, so a little more work is allowed, not more.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.checkins import services as checkins
from closeknit.closeness.tests.support import answers, submit
from closeknit.questions import services as questions
from closeknit.questions.models import DailyQuestion
from closeknit.testing.api import bearer_client
from closeknit.today.tests.lived_in import make_lived_in
from conftest import Persona, _persona, link, make_user

pytestmark = pytest.mark.django_db

WEEK, YEARS = 7, 730
MOST_QUERIES = 8
# How much more work a page may do for years of use than for a week.
MOST_GROWTH = 1.2

PAGES = {
    "today": "/today/",
    "daily": "/questions/{daily}/",
    "history": "/questions/history/",
    "insights": "/insights/",
    "checkins-history": "/checkins/history/",
    "api-questions-today": "API /api/v1/questions/today",
    "api-questions-history": "API /api/v1/questions/history",
    "api-checkins-today": "API /api/v1/checkins/today",
    "api-checkins-history": "API /api/v1/checkins/history",
    "api-insights": "API /api/v1/insights",
}


def _steady_day(a: Persona, b: Persona) -> DailyQuestion:
    """Today as the pages usually find it: everything of the day already done."""
    daily = questions.todays_question(user=a.user)
    questions.answer_question(user=a.user, daily=daily, text="Today, from A")
    theirs = questions.answer_question(user=b.user, daily=daily, text="Today, from B")
    questions.toggle_reaction(user=a.user, answer=theirs, kind="heart")
    checkins.save_checkin(user=a.user, feelings=["happy"], intensity=3, note="fine")
    checkins.save_checkin(user=b.user, feelings=["tired"], intensity=2, need="rest")
    checkins.make_guess(user=a.user, family="tired", intensity=2)
    submit(a, answers(5))
    submit(b, answers(3))
    return daily


@pytest.fixture(scope="module")
def couples(django_db_setup: None, django_db_blocker: Any) -> Any:
    """Both couples, made once for the module (two years of rows take a while)."""
    from django.test import RequestFactory

    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        request = RequestFactory().post("/api/v1/auth/token", REMOTE_ADDR="10.9.9.9")
        made = {}
        for label, days in (("week", WEEK), ("years", YEARS)):
            a = make_user(f"{label}-a@example.com", f"{label} A")
            b = make_user(f"{label}-b@example.com", f"{label} B")
            link(a, b)
            make_lived_in(a, b, days=days)
            persona_a, persona_b = _persona(a, request), _persona(b, request)
            made[label] = (persona_a, _steady_day(persona_a, persona_b))
        yield made
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _request(who: Persona, daily: DailyQuestion, spec: str) -> Callable[[], Any]:
    if spec.startswith("API "):
        client = bearer_client(who.token)
        return lambda: client.get(spec[4:])
    return lambda: who.client.get(spec.format(daily=daily.id))


def _measure(go: Callable[[], Any]) -> tuple[int, int]:
    go()  # the first visit settles sessions, tokens and drawn charts
    with CaptureQueriesContext(connection) as queries:
        assert go().status_code == 200
    profile = cProfile.Profile()
    profile.enable()
    go()
    profile.disable()
    return len(queries), pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_does_the_same_work_after_a_week_and_after_two_years(couples, name):
    measured = {}
    for label, (who, daily) in couples.items():
        measured[label] = _measure(_request(who, daily, PAGES[name]))
    (week_queries, week_calls), (years_queries, years_calls) = measured["week"], measured["years"]
    assert years_queries == week_queries <= MOST_QUERIES
    assert years_calls <= week_calls * MOST_GROWTH, (week_calls, years_calls)
