"""/api/v1/closeness with partner A, partner B, the outsider and nobody signed in.

Every call goes through ``call``, which checks the answer against the OpenAPI
document, so each test also checks the contract.
"""

from __future__ import annotations

import pytest

from closeknit.closeness.items import ITEMS
from closeknit.closeness.models import ClosenessCheck
from closeknit.closeness.tests.support import (
    API,
    answers,
    at_noon,
    call,
    five_years_with_gaps,
    make_months,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def fields(body) -> list[str]:
    return [error["field"] for error in body["errors"]]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("GET", "/items", None),
        ("GET", "/check", None),
        ("POST", "/check", {"answers": answers(4)}),
        ("GET", "/results", None),
        ("GET", "/results/2026-03", None),
        ("GET", "/focus", None),
        ("PUT", "/focus", {"practice": "trust"}),
    ],
)
def test_nobody_signed_in_gets_401(method, path, data):
    body = call(None, method, API + path, data, status=401)
    assert body["code"] == "unauthorized"


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider", "solo"])
def test_everyone_gets_the_same_items_with_their_scale_and_the_note(request, persona):
    body = call(request.getfixturevalue(persona), "GET", f"{API}/items", status=200)
    assert [item["key"] for item in body["items"]] == [item.key for item in ITEMS]
    assert (body["scale_min"], body["scale_max"]) == (1, 7)
    assert [p["value"] for p in body["pictures"]] == list(range(1, 8))
    assert "not a clinical or validated measure" in body["note"]
    kinds = [item["kind"] for item in body["items"]]
    assert (kinds.count("sign"), kinds.count("practice"), kinds.count("circles")) == (10, 8, 1)


def test_submitting_returns_my_month_with_my_scores_only(partner_a, partner_b):
    body = submit(partner_a, answers(4, p_trust=7))
    assert body["month"] == "2026-03"
    assert body["state"] == "waiting"
    assert body["can_edit"] is True
    assert body["my_answers"] == answers(4, p_trust=7)
    assert body["mine"]["practices"]["trust"] == 100
    assert body["mine"]["overall"] == round((13 * 50 + 100) / 14)
    assert (body["partner"], body["gaps"]) == (None, [])

    theirs = call(partner_b, "GET", f"{API}/check", status=200)
    assert theirs["state"] == "your_turn"
    assert theirs["partner_completed"] is True
    assert (theirs["my_answers"], theirs["mine"], theirs["partner"]) == (None, None, None)

    both = submit(partner_b, answers(4, p_trust=1))
    assert both["state"] == "revealed"
    assert both["can_edit"] is False
    assert both["partner"]["practices"]["trust"] == 100
    assert both["mine"]["practices"]["trust"] == 0
    assert both["gaps"][0]["group"] == "trust"
    assert "differently" in both["gaps"][0]["prompt"]
    # My partner's answers themselves are never sent, only their scores.
    assert both["my_answers"] == answers(4, p_trust=1)


def test_each_refused_answer_names_its_field(partner_a):
    missing = call(partner_a, "POST", f"{API}/check", {"answers": {"self_1": 4}}, status=400)
    assert fields(missing) == ["answers.self_2"]
    off_scale = submit(partner_a, answers(4, circles=9), status=400)
    assert fields(off_scale) == ["answers.circles"]
    unknown = submit(partner_a, {**answers(4), "nope": 4}, status=400)
    assert fields(unknown) == ["answers.nope"]
    not_numbers = call(
        partner_a, "POST", f"{API}/check", {"answers": {"self_1": "lots"}}, status=422
    )
    assert fields(not_numbers) == ["answers.self_1"]
    for quoted_or_boolean in ("4", True):
        body = {"answers": {**answers(4), "self_1": quoted_or_boolean}}
        refused = call(partner_a, "POST", f"{API}/check", body, status=422)
        assert fields(refused) == ["answers.self_1"]
    no_answers = call(partner_a, "POST", f"{API}/check", {}, status=422)
    assert fields(no_answers) == ["answers"]
    extra = call(partner_a, "POST", f"{API}/check", {"answers": answers(4), "x": 1}, status=422)
    assert fields(extra) == ["x"]
    assert not ClosenessCheck.objects.exists()


def test_changing_answers_after_both_completed_is_a_conflict(partner_a, partner_b):
    submit(partner_a, answers(4))
    submit(partner_a, answers(5))
    submit(partner_b, answers(3))
    body = submit(partner_a, answers(6), status=409)
    assert body["code"] == "locked"
    assert fields(body) == ["answers"]
    assert ClosenessCheck.objects.get(author=partner_a.user).answers == answers(5)


def test_results_list_my_months_with_my_partners_side_only_where_both_completed(
    partner_a, partner_b
):
    make_months(partner_a.user, partner_b.user, count=2)
    # A third month back that only A completed.
    make_months(partner_a.user, None, count=1, start=3)
    body = call(partner_a, "GET", f"{API}/results", status=200)
    assert [m["month"] for m in body["months"]] == ["2025-12", "2026-01", "2026-02"]
    assert [m["partner"] is None for m in body["months"]] == [True, False, False]
    assert body["current"]["state"] == "your_turn"
    sam = call(partner_b, "GET", f"{API}/results", status=200)
    assert [m["month"] for m in sam["months"]] == ["2026-01", "2026-02"]


def test_a_months_results_are_there_only_for_a_month_i_completed(partner_a, partner_b, outsider):
    make_months(partner_a.user, None, count=1)
    call(partner_a, "GET", f"{API}/results/2026-02", status=200)
    for who, path in [
        (partner_b, "/results/2026-02"),
        (outsider, "/results/2026-02"),
        (partner_a, "/results/2026-03"),
        (partner_a, "/results/2026-13"),
        (partner_a, "/results/0000-01"),
        (partner_a, "/results/february"),
    ]:
        assert call(who, "GET", API + path, status=404)["code"] == "not_found"


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider", "solo"])
def test_everyone_can_read_their_own_month_and_results(request, persona):
    who = request.getfixturevalue(persona)
    assert call(who, "GET", f"{API}/check", status=200)["state"] == "your_turn"
    assert call(who, "GET", f"{API}/results", status=200)["months"] == []
    submit(who, answers(6))
    months = call(who, "GET", f"{API}/results", status=200)["months"]
    assert [m["mine"]["overall"] for m in months] == [83]


def test_results_open_two_years_and_name_the_earlier_months(partner_a, partner_b):
    five_years_with_gaps(partner_a, partner_b)

    body = call(partner_a, "GET", f"{API}/results", status=200)

    shown = [view["month"] for view in body["months"]]
    assert len(shown) == 24
    assert (shown[0], shown[-1]) == ("2024-04", "2026-03")
    earlier = body["earlier_months"]
    assert earlier[:2] == ["2024-03", "2024-02"]
    assert earlier[-1] == "2023-04"
    assert len(earlier) == 12  # 7 of both, 5 of A alone; never B's own
    oldest = call(partner_a, "GET", f"{API}/results/2023-04", status=200)
    assert oldest["partner_completed"] is False

    mine_only_for_b = call(partner_b, "GET", f"{API}/results", status=200)["earlier_months"]
    assert mine_only_for_b[-2:] == ["2023-03", "2023-02"]
    assert "2023-04" not in mine_only_for_b
