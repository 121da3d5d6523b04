"""The month's focus: chosen from both partners' checks, or picked by either of them."""

from __future__ import annotations

import html

import pytest

from closeknit.closeness import services
from closeknit.closeness.models import ClosenessCheck, Focus
from closeknit.closeness.selectors import focus_for, months_back
from closeknit.closeness.tests.support import (
    API,
    THIS_MONTH,
    answers,
    at_noon,
    call,
    couple_of,
    make_months,
    submit,
)
from closeknit.questions.practices import Practice
from closeknit.questions.selectors import preferences_for
from conftest import link, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_lowest_practice_over_both_partners_becomes_the_focus(partner_a, partner_b):
    # Combined: trust (7+1)/2 = 4 -> 50; goals (3+3)/2 = 3 -> 33; the rest 4 -> 50.
    submit(partner_a, answers(4, p_trust=7, p_goals=3))
    assert not Focus.objects.exists()
    submit(partner_b, answers(4, p_trust=1, p_goals=3))
    focus = Focus.objects.get()
    assert (focus.practice, focus.month, focus.source) == ("goals", THIS_MONTH, "check")
    assert focus.from_check_of is None
    assert preferences_for(couple_of(partner_a.user)).focus_practice == Practice.GOALS


def test_a_tie_goes_to_the_practice_not_focused_on_for_longest(partner_a, partner_b):
    # Everything ties; communication was the focus last month, quality time two months
    # ago, every other practice longer ago than that except trust, never the focus.
    couple = couple_of(partner_a.user)
    for back, practice in [(1, "communication"), (2, "quality_time"), (3, "vulnerability")]:
        Focus.objects.create(
            couple=couple, month=months_back(THIS_MONTH, back), practice=practice, source="check"
        )
    for back, practice in enumerate(["appreciation", "goals", "conflict", "rituals"], start=4):
        Focus.objects.create(
            couple=couple, month=months_back(THIS_MONTH, back), practice=practice, source="check"
        )
    submit(partner_a, answers(4))
    submit(partner_b, answers(4))
    assert Focus.objects.get(month=THIS_MONTH).practice == Practice.TRUST


def test_with_every_practice_focused_before_the_oldest_wins(partner_a, partner_b):
    couple = couple_of(partner_a.user)
    order = ["rituals", "trust", "communication", "quality_time"]
    order += ["vulnerability", "appreciation", "goals", "conflict"]
    for back, practice in enumerate(reversed(order), start=1):
        Focus.objects.create(
            couple=couple, month=months_back(THIS_MONTH, back), practice=practice, source="check"
        )
    submit(partner_a, answers(4))
    submit(partner_b, answers(4))
    assert Focus.objects.get(month=THIS_MONTH).practice == Practice.RITUALS


def test_one_partners_answers_never_choose_the_focus_but_they_see_their_own_lowest(
    partner_a, partner_b
):
    submit(partner_a, answers(4, p_conflict=1))
    assert not Focus.objects.exists()
    assert call(partner_a, "GET", f"{API}/focus", status=200) == {"focus": None}
    alex = text(partner_a.client.get("/closeness/"))
    assert "In your own answers, Conflict with empathy came out lowest." in alex
    sam = text(partner_b.client.get("/closeness/"))
    assert "Conflict with empathy" not in sam
    assert "Take this month's closeness check" in text(partner_b.client.get("/today/"))


def test_someone_on_their_own_gets_a_focus_from_their_own_answers(solo):
    submit(solo, answers(4, p_appreciation=2))
    focus = Focus.objects.get()
    assert (focus.practice, focus.from_check_of) == ("appreciation", solo.user)
    body = call(solo, "GET", f"{API}/focus", status=200)
    assert body["focus"]["practice"] == "appreciation"
    assert len(body["focus"]["suggestions"]) == 3
    # Editing the answers moves it, since nobody picked it by hand.
    submit(solo, answers(4, p_rituals=1))
    assert Focus.objects.get().practice == Practice.RITUALS


def test_a_focus_from_one_persons_answers_stays_theirs_after_the_partner_joins(db):
    jo = make_user("jo@example.com", "Jo")
    services.submit_check(user=jo, answers=answers(4, p_trust=1))
    assert Focus.objects.get().from_check_of == jo
    ri = make_user("ri@example.com", "Ri")
    link(jo, ri)  # Ri joins Jo's couple
    couple = couple_of(ri)
    assert focus_for(jo, couple) is not None
    assert focus_for(ri, couple) is None
    services.submit_check(user=ri, answers=answers(4, p_goals=1))
    # Now both: trust (1+4)/2 and goals (4+1)/2 tie; neither focused before this month.
    assert focus_for(ri, couple) is not None
    assert Focus.objects.get().practice == Practice.GOALS
    assert Focus.objects.get().from_check_of is None


def test_a_solo_check_comes_along_when_joining_a_partner(db):
    jo = make_user("jo@example.com", "Jo")
    services.submit_check(user=jo, answers=answers(5))
    ri = make_user("ri@example.com", "Ri")
    services.submit_check(user=ri, answers=answers(3))
    link(ri, jo)  # Jo folds their couple of one into Ri's
    couple = couple_of(ri)
    assert ClosenessCheck.objects.filter(couple=couple).count() == 2
    focus = Focus.objects.get(couple=couple)
    assert focus.from_check_of == ri  # Ri's own, kept; Jo's went with the empty couple
    assert Focus.objects.count() == 1


def test_a_focus_picked_by_hand_is_kept_when_both_complete(partner_a, partner_b):
    body = call(partner_b, "PUT", f"{API}/focus", {"practice": "quality_time"}, status=200)
    assert body["source"] == "chosen"
    assert body["chosen_by_me"] is True
    submit(partner_a, answers(4, p_trust=1))
    submit(partner_b, answers(4, p_trust=1))
    focus = Focus.objects.get()
    assert (focus.practice, focus.chosen_by) == ("quality_time", partner_b.user)
    page = text(partner_a.client.get("/closeness/focus/"))
    assert "Sam picked this focus." in page
    assert call(partner_a, "GET", f"{API}/focus", status=200)["focus"]["chosen_by_me"] is False


def test_either_partner_can_pick_another_focus_on_the_page(partner_a, partner_b):
    submit(partner_a, answers(4, p_trust=1))
    submit(partner_b, answers(4))
    assert Focus.objects.get().practice == Practice.TRUST
    response = partner_a.client.post("/closeness/focus/", {"practice": "rituals"})
    assert response.status_code == 302
    assert Focus.objects.get().practice == Practice.RITUALS
    assert preferences_for(couple_of(partner_a.user)).focus_practice == Practice.RITUALS
    page = text(partner_b.client.get("/today/"))
    assert '<h2 data-testid="today-focus">Rituals and traditions</h2>' in page
    focus_page = text(partner_b.client.get("/closeness/focus/"))
    assert "Alex picked this focus." in focus_page
    assert "/questions/library/?practice=rituals" in focus_page


def test_an_unknown_practice_is_refused_next_to_the_field(partner_a):
    response = partner_a.client.post("/closeness/focus/", {"practice": "chores"})
    assert response.status_code == 422
    assert 'id="id_practice_error"' in text(response)
    assert not Focus.objects.exists()
    body = call(partner_a, "PUT", f"{API}/focus", {"practice": "chores"}, status=422)
    assert [e["field"] for e in body["errors"]] == ["practice"]
    body = call(partner_a, "PUT", f"{API}/focus", {}, status=422)
    assert [e["field"] for e in body["errors"]] == ["practice"]


def test_the_outsider_cannot_touch_our_focus(partner_a, partner_b, outsider):
    submit(partner_a, answers(4, p_trust=1))
    submit(partner_b, answers(4))
    call(outsider, "PUT", f"{API}/focus", {"practice": "goals"}, status=200)
    outsider.client.post("/closeness/focus/", {"practice": "conflict"})
    ours = Focus.objects.get(couple=couple_of(partner_a.user))
    assert ours.practice == Practice.TRUST
    theirs = Focus.objects.get(couple=couple_of(outsider.user))
    assert theirs.practice == Practice.CONFLICT
    assert (
        "Trust and respect"
        not in text(outsider.client.get("/closeness/focus/")).split("Pick a different focus")[0]
    )


def test_today_shows_the_focus_or_asks_for_the_check(partner_a, partner_b):
    page = text(partner_a.client.get("/today/"))
    assert "Take this month's closeness check" in page
    assert 'href="/closeness/check/"' in page
    submit(partner_a, answers(4))
    page = text(partner_a.client.get("/today/"))
    assert "Your focus for the month is chosen once Sam has taken the closeness check too." in page
    submit(partner_b, answers(4, p_vulnerability=2))
    page = text(partner_a.client.get("/today/"))
    assert '<h2 data-testid="today-focus">Vulnerability</h2>' in page
    assert 'href="/closeness/focus/"' in page


def test_last_months_focus_is_not_shown_as_this_months(partner_a, partner_b):
    make_months(partner_a.user, partner_b.user, count=1)
    assert Focus.objects.filter(month=months_back(THIS_MONTH, 1)).exists()
    assert call(partner_a, "GET", f"{API}/focus", status=200)["focus"] is None
    assert "Take this month's closeness check" in text(partner_a.client.get("/today/"))
    assert "No focus yet this month" in text(partner_a.client.get("/closeness/focus/"))


def test_the_focus_form_page_works_for_everyone(partner_a, outsider, solo):
    for who in (partner_a, outsider, solo):
        response = who.client.get("/closeness/focus/")
        assert response.status_code == 200
        assert "Pick a focus" in text(response)
