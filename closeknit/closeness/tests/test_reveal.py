"""Every way one partner's closeness results could reach the other before both are done.

The test takes everything the partner can read (each page, each API answer, a refused
form and a refused API call) before and after the first partner completes the month,
and requires the two to be the same, apart from the one thing that may change: that
the other has done it. The control at the end shows the same comparison does see the
results once both have completed.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from closeknit.closeness.models import Focus
from closeknit.closeness.tests.support import (
    API,
    answers,
    at_noon,
    call,
    make_months,
    submit,
)
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

# A's answers this month: far from B's in every way, so any part of them would show.
A_THIS_MONTH = answers(7, p_rituals=1, p_trust=1, circles=7)
B_THIS_MONTH = answers(2, p_goals=6)

PAGES = [
    "/today/",
    "/closeness/",
    "/closeness/check/",
    "/closeness/focus/",
    "/closeness/2026-02/",
    "/insights/",
]
API_PATHS = [
    f"{API}/check",
    f"{API}/results",
    f"{API}/results/2026-02",
    f"{API}/results/2026-03",
    f"{API}/focus",
    "/api/v1/insights",
]

_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')
_STATUS = re.compile(r'<p data-testid="closeness-status">.*?</p>', re.S)


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


@pytest.fixture
def history(partner_a, partner_b):
    """February done by both, so there is a revealed past to show next to this month."""
    make_months(partner_a.user, partner_b.user, count=1, a_values=answers(6), b_values=answers(3))


def _without_partner_done(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: _without_partner_done(v) for k, v in body.items() if k != "partner_completed"}
    if isinstance(body, list):
        return [_without_partner_done(item) for item in body]
    return body


def everything(who) -> dict[str, Any]:
    """What this person can read about the closeness check, minus per-request tokens."""
    seen: dict[str, Any] = {}
    for url in PAGES:
        response = who.client.get(url)
        page = _TOKENS.sub(r"\1", response.content.decode())
        seen[url] = (response.status_code, _STATUS.sub("", page))
    refused = who.client.post("/closeness/check/", {"self_1": "3"})
    seen["refused form"] = (refused.status_code, _TOKENS.sub(r"\1", refused.content.decode()))
    for path in API_PATHS:
        response = who.api("GET", path)
        seen[path] = (response.status_code, _without_partner_done(validate_response(response)))
    bad = who.api("POST", f"{API}/check", {"answers": {"self_1": 3}})
    seen["refused call"] = (bad.status_code, validate_response(bad))
    return seen


def _same(before: dict[str, Any], after: dict[str, Any]) -> None:
    for key in before:
        assert before[key] == after[key], f"{key} changed"


def test_nothing_of_a_partners_results_shows_before_i_complete_the_month(
    partner_a, partner_b, history
):
    partner_b.client.get("/today/")  # settles today's question first
    before = everything(partner_b)
    submit(partner_a, A_THIS_MONTH)
    after = everything(partner_b)
    _same(before, after)
    assert not Focus.objects.filter(month__year=2026, month__month=3).exists()
    # What may change: that A has done it.
    assert call(partner_b, "GET", f"{API}/check", status=200)["partner_completed"] is True
    page = html.unescape(partner_b.client.get("/closeness/").content.decode())
    assert "Alex has done this month's check." in page


def test_nothing_shows_while_i_have_done_it_and_my_partner_has_not(partner_a, partner_b, history):
    # The other way round: B completes, A has not; then A looks at everything.
    partner_a.client.get("/today/")
    before = everything(partner_a)
    submit(partner_b, B_THIS_MONTH)
    _same(before, everything(partner_a))


def test_the_outsider_sees_nothing_change_whatever_the_couple_does(
    partner_a, partner_b, outsider, history
):
    outsider.client.get("/today/")
    before = everything(outsider)
    submit(partner_a, A_THIS_MONTH)
    submit(partner_b, B_THIS_MONTH)
    call(partner_a, "PUT", f"{API}/focus", {"practice": "goals"}, status=200)
    after = everything(outsider)
    for key in before:
        assert before[key] == after[key], f"{key} changed"
    assert call(outsider, "GET", f"{API}/results", status=200)["months"] == []
    assert call(outsider, "GET", f"{API}/focus", status=200)["focus"] is None


def test_once_both_have_completed_the_same_reads_show_both(partner_a, partner_b, history):
    """The control: the comparison above would have caught the results."""
    partner_b.client.get("/today/")
    submit(partner_a, A_THIS_MONTH)
    before = everything(partner_b)
    submit(partner_b, B_THIS_MONTH)
    after = everything(partner_b)
    changed = {key for key in before if before[key] != after[key]}
    assert {"/closeness/", "/insights/", "/today/", f"{API}/results", "/api/v1/insights"} <= changed
    results = call(partner_b, "GET", f"{API}/results/2026-03", status=200)
    assert results["partner"]["practices"]["rituals"] == 0
    assert results["partner"]["overall"] == round((12 * 100 + 2 * 0) / 14)
    assert results["gaps"][0]["prompt"]
    assert json.dumps(results).count('"partner": null') == 0
