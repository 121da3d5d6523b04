"""Today, Insights and the closeness pages and API run a fixed number of SQL queries,
whether the couple has one month of checks or five years of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.closeness.models import ClosenessCheck
from closeknit.closeness.tests.support import answers, at_noon, make_months, submit

pytestmark = pytest.mark.django_db

MONTHS = 60  # five years: past the two the closeness page opens in full

URLS = {
    "today": "/today/",
    "insights": "/insights/",
    "closeness": "/closeness/",
    "closeness-month": "/closeness/2026-03/",
    "closeness-year": "/closeness/2026/",
    "closeness-check": "/closeness/check/",
    "closeness-focus": "/closeness/focus/",
    "api-results": "/api/v1/closeness/results",
    "api-month": "/api/v1/closeness/results/2026-03",
    "api-check": "/api/v1/closeness/check",
    "api-focus": "/api/v1/closeness/focus",
    "api-insights": "/api/v1/insights",
}

# The exact counts: a change here means a page's queries changed, on purpose or not.
EXPECTED = {
    "today": 7,
    "insights": 7,
    "closeness": 5,
    "closeness-month": 3,
    "closeness-year": 3,
    "closeness-check": 3,
    "closeness-focus": 4,
    "api-results": 7,
    "api-month": 5,
    "api-check": 5,
    "api-focus": 5,
    "api-insights": 9,
}


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def _count(who, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = who.api("GET", url) if url.startswith("/api/") else who.client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context)


@pytest.mark.parametrize("name", URLS)
def test_the_same_queries_with_one_month_or_two_years_of_checks(
    name, partner_a, partner_b, django_assert_num_queries
):
    submit(partner_a, answers(5, p_trust=2))
    submit(partner_b, answers(3, p_goals=1))
    url = URLS[name]
    _count(partner_a, url)  # the first visit may store the session or settle today's question
    one_month = _count(partner_a, url)

    make_months(partner_a.user, partner_b.user, count=MONTHS - 1)
    assert ClosenessCheck.objects.filter(author=partner_a.user).count() == MONTHS
    with django_assert_num_queries(one_month):
        _count(partner_a, url)
    assert EXPECTED[name] == one_month
