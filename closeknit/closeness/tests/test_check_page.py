"""Taking the monthly check in the browser's pages, as each persona."""

from __future__ import annotations

import html
import re

import pytest
import time_machine
from django.test import Client

from closeknit.closeness import services
from closeknit.closeness.items import ITEMS
from closeknit.closeness.models import ClosenessCheck
from closeknit.closeness.tests.support import (
    THIS_MONTH,
    answers,
    at_noon,
    five_years_with_gaps,
    form_data,
)
from closeknit.lib.errors import ConflictError, ServiceError

pytestmark = pytest.mark.django_db

PAGES = ["/closeness/", "/closeness/check/", "/closeness/focus/", "/closeness/2026-03/"]


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("url", [*PAGES, "/insights/"])
def test_every_page_asks_visitors_to_log_in(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_check_has_every_item_on_its_scale_and_says_what_the_scores_are(partner_a):
    response = partner_a.client.get("/closeness/check/")
    assert response.status_code == 200
    page = text(response)
    for item in ITEMS:
        assert str(item.text) in page
        for value in range(1, 8):
            assert f'name="{item.key}" value="{value}"' in page
    assert page.count("Picture 1 of 7:") == 1
    assert "not a clinical or validated measure" in page
    assert "Sam sees yours only once you've both done the check" in page


def test_missing_answers_are_named_next_to_each_item_and_nothing_is_saved(partner_a):
    response = partner_a.client.post("/closeness/check/", {"self_1": "5"})
    assert response.status_code == 422
    page = text(response)
    assert page.count("Choose one of the seven points for this one.") == len(ITEMS) - 2
    assert "Choose the picture that fits best." in page
    assert 'value="5" id="id_self_1_4" required checked' in page  # the answer given stays
    assert not ClosenessCheck.objects.exists()


def test_an_answer_off_the_scale_is_refused_by_its_item(partner_a):
    response = partner_a.client.post("/closeness/check/", form_data(answers(4, p_trust=8)))
    assert response.status_code == 422
    assert 'id="p_trust_error"' in text(response)
    assert "Select a valid choice" not in text(response)
    assert "Choose a whole number from 1 to 7." in text(response)
    assert not ClosenessCheck.objects.exists()


def test_answers_are_saved_for_the_couples_month_and_can_change_until_both_are_done(
    partner_a, partner_b
):
    response = partner_a.client.post("/closeness/check/", form_data(answers(5)))
    assert response.status_code == 302
    assert response["Location"] == "/closeness/"
    check = ClosenessCheck.objects.get()
    assert (check.author, check.month, check.answers) == (partner_a.user, THIS_MONTH, answers(5))
    again = text(partner_a.client.get("/closeness/check/"))
    assert "Update my answers" in again
    # My saved answers come back checked, and only those.
    assert again.count(" checked") == len(ITEMS)
    assert 'name="p_trust" value="5" id="id_p_trust_4" required checked' in again

    partner_a.client.post("/closeness/check/", form_data(answers(6)))
    check.refresh_from_db()
    assert check.answers == answers(6)
    assert ClosenessCheck.objects.count() == 1

    partner_b.client.post("/closeness/check/", form_data(answers(2)))
    refused = partner_a.client.post("/closeness/check/", form_data(answers(1)))
    assert refused.status_code == 422
    assert "your answers are shared now and can't be changed" in text(refused)
    check.refresh_from_db()
    assert check.answers == answers(6)
    locked = text(partner_a.client.get("/closeness/check/"))
    assert "Your answers are shared" in locked
    assert 'name="self_1"' not in locked


def test_the_service_refuses_unknown_items_odd_values_and_edits_after_both(partner_a, partner_b):
    with pytest.raises(ServiceError) as unknown:
        services.submit_check(user=partner_a.user, answers={**answers(4), "nope": 3})
    assert (unknown.value.field, unknown.value.code) == ("nope", "unknown_item")
    odd_values: list[object] = [0, 8, True, 4.5, "four", [4]]
    for odd in odd_values:
        with pytest.raises(ServiceError) as refused:
            services.submit_check(user=partner_a.user, answers={**answers(4), "read_2": odd})
        assert refused.value.field == "read_2", odd
    services.submit_check(user=partner_a.user, answers=answers(4))
    services.submit_check(user=partner_b.user, answers=answers(4))
    with pytest.raises(ConflictError) as locked:
        services.submit_check(user=partner_b.user, answers=answers(5))
    assert locked.value.code == "locked"


def test_a_new_month_brings_a_new_check(partner_a, partner_b):
    services.submit_check(user=partner_a.user, answers=answers(4))
    services.submit_check(user=partner_b.user, answers=answers(4))
    with time_machine.travel("2026-04-02 12:00Z", tick=False):
        services.submit_check(user=partner_a.user, answers=answers(6))
        partner_a.client.force_login(partner_a.user)  # the test session has expired by now
        page = text(partner_a.client.get("/closeness/"))
    mine = ClosenessCheck.objects.filter(author=partner_a.user)
    months = sorted(check.month.isoformat() for check in mine)
    assert months == ["2026-03-01", "2026-04-01"]
    assert "April 2026" in page
    assert "You haven't" not in page
    assert "Change my answers" in page


def test_the_month_follows_the_couples_own_calendar(partner_a):
    # 02:00 on 1 April in London is still 31 March for a couple whose day starts at 04:00.
    with time_machine.travel("2026-04-01 01:00Z", tick=False):
        services.submit_check(user=partner_a.user, answers=answers(4))
    assert ClosenessCheck.objects.get().month.isoformat() == "2026-03-01"


def test_the_outsider_takes_their_own_check_and_sees_nothing_of_ours(
    partner_a, partner_b, outsider
):
    partner_a.client.post("/closeness/check/", form_data(answers(6)))
    partner_b.client.post("/closeness/check/", form_data(answers(2)))
    for url in PAGES:
        page = text(outsider.client.get(url))
        assert "Alex" not in page
        assert "Sam" not in page
    assert outsider.client.get("/closeness/2026-03/").status_code == 404
    outsider.client.post("/closeness/check/", form_data(answers(3)))
    mine = ClosenessCheck.objects.get(author=outsider.user)
    assert mine.couple_id != ClosenessCheck.objects.get(author=partner_a.user).couple_id
    page = text(outsider.client.get("/closeness/"))
    assert "Kai" in page
    assert "Alex" not in page


def test_a_month_page_exists_only_for_a_month_i_completed(partner_a, partner_b):
    partner_a.client.post("/closeness/check/", form_data(answers(6)))
    assert partner_a.client.get("/closeness/2026-03/").status_code == 200
    assert partner_b.client.get("/closeness/2026-03/").status_code == 404
    assert partner_a.client.get("/closeness/2026-02/").status_code == 404
    assert partner_a.client.get("/closeness/2026-13/").status_code == 404
    assert partner_a.client.get("/closeness/0000-01/").status_code == 404
    assert partner_a.client.get("/closeness/2026-3/").status_code == 404


def test_the_month_page_shows_both_columns_only_once_both_are_done(partner_a, partner_b):
    partner_a.client.post("/closeness/check/", form_data(answers(4, p_trust=7)))
    mine_only = text(partner_a.client.get("/closeness/2026-03/"))
    assert "You'll see Sam's next to them once you've both done" in mine_only
    assert '<th scope="col">Sam</th>' not in mine_only
    partner_b.client.post("/closeness/check/", form_data(answers(4, p_trust=1)))
    both = text(partner_a.client.get("/closeness/2026-03/"))
    assert '<th scope="col">Sam</th>' in both
    trust_row = both.split('<th scope="row">Trust and respect</th>')[1].split("</tr>")[0]
    assert [cell.strip() for cell in trust_row.split("<td>")[1:]] == ["100</td>", "0</td>"]
    assert "You see trust quite differently" in both


def _listed(page: str, testid: str) -> list[tuple[str, str]]:
    pattern = rf'data-testid="{testid}">\s*<a [^>]*>([^<]+)</a>\s*<span[^>]*>([^<]+)<'
    return [(name.strip(), detail.strip()) for name, detail in re.findall(pattern, page)]


def test_the_page_opens_two_years_and_links_the_earlier_ones_by_year(partner_a, partner_b):
    five_years_with_gaps(partner_a, partner_b)

    page = text(partner_a.client.get("/closeness/"))

    recent = _listed(page, "closeness-month")
    assert recent[0] == ("March 2026", "Only you")  # B has not done this month yet
    assert recent[-1] == ("April 2024", "Both of you")
    assert len(recent) == 24
    # The charts' table of numbers starts where the two years do.
    assert "Apr 2024" in page
    assert "Mar 2024" not in page
    # 2024 has three months before those; 2023 has nine of A's (B's own not among them).
    assert _listed(page, "closeness-year") == [("2024", "12 months"), ("2023", "9 months")]
    assert 'href="/closeness/2023/"' in page


def test_a_year_page_lists_my_months_with_both_overall_scores_once_both_did_them(
    partner_a, partner_b
):
    five_years_with_gaps(partner_a, partner_b)

    year = text(partner_a.client.get("/closeness/2023/"))

    months = _listed(year, "closeness-month")
    assert [name for name, _ in months][:2] == ["December 2023", "November 2023"]
    assert months[-1][0] == "April 2023"
    assert len(months) == 9
    both = dict(months)["September 2023"]
    assert re.fullmatch(r"You \d+, Sam \d+", both), both
    assert re.fullmatch(r"Only you: \d+", dict(months)["August 2023"])
    assert 'href="/closeness/2023-09/"' in year


def test_a_year_page_exists_only_for_a_year_with_a_month_of_mine(partner_a, partner_b, outsider):
    five_years_with_gaps(partner_a, partner_b)

    assert partner_b.client.get("/closeness/2023/").status_code == 200  # B's own months
    assert partner_a.client.get("/closeness/2022/").status_code == 404
    assert partner_a.client.get("/closeness/0000/").status_code == 404
    assert partner_a.client.get("/closeness/9999/").status_code == 404
    # The outsider's couple has no months: nothing of ours shows through.
    assert outsider.client.get("/closeness/2023/").status_code == 404
