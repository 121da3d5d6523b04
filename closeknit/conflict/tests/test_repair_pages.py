"""Every repair page and endpoint with partner A, partner B, the outsider and nobody."""

from __future__ import annotations

import pytest
from django.test import Client

from closeknit.conflict import services
from closeknit.conflict.models import Repair
from closeknit.conflict.tests.support import call, page
from closeknit.conflict.tests.test_repair import SIDE_A, SIDE_B, agreed

pytestmark = pytest.mark.django_db

POSTS = {
    "side/": {"feelings": ["hurt"], "trigger": "t"},
    "side/done/": {},
    "agreement/": {"agreement": "x"},
    "accept/": {},
    "forgive/": {},
}


def test_partners_go_through_a_repair_on_the_pages(partner_a, partner_b):
    response = partner_a.client.post("/conflict/repairs/start/", {"title": "Saturday"})
    repair = Repair.objects.get()
    url = f"/conflict/repairs/{repair.id}/"
    assert response["Location"] == url
    for persona, side in ((partner_a, SIDE_A), (partner_b, SIDE_B)):
        assert persona.client.post(url + "side/", side).status_code == 302
        assert persona.client.post(url + "side/done/").status_code == 302
    assert partner_b.client.post(url + "agreement/", {"agreement": "Walk"}).status_code == 302
    assert "I accept this agreement" in page(partner_a.client.get(url))
    partner_a.client.post(url + "accept/")
    for persona in (partner_a, partner_b):
        persona.client.post(url + "forgive/")
    assert "Forgiven" in page(partner_b.client.get("/conflict/repairs/"))
    assert "Saturday" in page(partner_a.client.get("/conflict/repairs/"))


def test_invalid_forms_are_shown_again_with_422(partner_a):
    assert partner_a.client.post("/conflict/repairs/start/", {"title": ""}).status_code == 422
    repair = services.start_repair(user=partner_a.user, title="t")
    url = f"/conflict/repairs/{repair.id}/side/"
    response = partner_a.client.post(url, {"feelings": ["hurt", "sad", "lonely", "angry"]})
    assert response.status_code == 422
    assert "up to three feelings" in page(response)


def test_the_outsider_gets_404_everywhere(partner_a, partner_b, outsider):
    repair = agreed(partner_a, partner_b)
    base = f"/conflict/repairs/{repair.id}/"
    assert outsider.client.get(base).status_code == 404
    for suffix, data in POSTS.items():
        assert outsider.client.post(base + suffix, data).status_code == 404
    assert "Secret-title" not in page(outsider.client.get("/conflict/repairs/"))
    api = f"/conflict/repairs/{repair.id}"
    call(outsider, "GET", api, status=404)
    call(outsider, "PUT", api + "/side", SIDE_A, status=404)
    call(outsider, "PUT", api + "/agreement", {"agreement": "x"}, status=404)
    for suffix in ("/side/done", "/agreement/accept", "/forgive"):
        call(outsider, "POST", api + suffix, status=404)
    assert call(outsider, "GET", "/conflict/repairs", status=200)["count"] == 0
    assert Repair.objects.get().agreement == "Walk first"


def test_nobody_signed_in_is_sent_to_log_in_or_refused(partner_a, partner_b):
    repair = agreed(partner_a, partner_b)
    client = Client()
    base = f"/conflict/repairs/{repair.id}/"
    for url in ("/conflict/repairs/", base):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    for url in ["/conflict/repairs/start/", "/conflict/repairs/coach/trigger/"] + [
        base + suffix for suffix in POSTS
    ]:
        assert client.post(url)["Location"].startswith("/accounts/login/")
    api = f"/conflict/repairs/{repair.id}"
    call(None, "GET", "/conflict/repairs", status=401)
    call(None, "POST", "/conflict/repairs", {"title": "x"}, status=401)
    call(None, "GET", api, status=401)
    call(None, "PUT", api + "/side", SIDE_A, status=401)
    call(None, "PUT", api + "/agreement", {"agreement": "x"}, status=401)
    for suffix in ("/side/done", "/agreement/accept", "/forgive"):
        call(None, "POST", api + suffix, status=401)
    assert Repair.objects.count() == 1


def test_the_coach_reads_a_side_as_it_is_typed_and_keeps_nothing(partner_a, outsider):
    response = partner_a.client.post(
        "/conflict/repairs/coach/my_part/", {"my_part": "You never listen to me."}
    )
    assert response.status_code == 200
    assert 'data-testid="coach-flag"' in page(response)
    assert partner_a.client.post("/conflict/repairs/coach/title/", {}).status_code == 404
    assert not Repair.objects.exists()


def test_the_api_takes_a_repair_to_forgiveness(partner_a, partner_b):
    made = call(partner_a, "POST", "/conflict/repairs", {"title": "Dishes"}, status=201)
    api = f"/conflict/repairs/{made['id']}"
    assert made["state"] == "writing"
    for persona, side in ((partner_a, SIDE_A), (partner_b, SIDE_B)):
        mine = call(persona, "PUT", api + "/side", side, status=200)["mine"]
        assert mine["trigger"] == side["trigger"]
        assert mine["done"] is False
        call(persona, "POST", api + "/side/done", status=200)
    call(partner_a, "PUT", api + "/side", SIDE_B, status=409)
    body = call(partner_b, "PUT", api + "/agreement", {"agreement": "Pause"}, status=200)
    assert (body["state"], body["agreement_by_me"], body["i_accepted"]) == ("revealed", True, True)
    assert call(partner_a, "POST", api + "/agreement/accept", status=200)["state"] == "agreed"
    call(partner_a, "POST", api + "/forgive", status=200)
    body = call(partner_b, "POST", api + "/forgive", status=200)
    assert (body["state"], body["partner_forgave"]) == ("forgiven", True)
    listed = call(partner_b, "GET", "/conflict/repairs", status=200)
    assert [(r["title"], r["state"]) for r in listed["results"]] == [("Dishes", "forgiven")]


def test_the_api_refuses_bad_input(partner_a, partner_b):
    call(partner_a, "POST", "/conflict/repairs", {"title": ""}, status=400)
    repair = services.start_repair(user=partner_a.user, title="t")
    api = f"/conflict/repairs/{repair.id}"
    call(partner_a, "PUT", api + "/side", {"feelings": ["zzz"]}, status=400)
    call(partner_a, "POST", api + "/side/done", status=400)
    call(partner_b, "POST", api + "/agreement/accept", status=409)
    call(partner_a, "GET", "/conflict/repairs/not-a-uuid", status=422)


def test_a_list_is_newest_first_and_paged(partner_a, partner_b):
    for n in range(22):
        services.start_repair(user=partner_b.user, title=f"Repair {n}")
    first = call(partner_a, "GET", "/conflict/repairs", status=200)
    assert (first["count"], first["pages"], first["results"][0]["title"]) == (22, 2, "Repair 21")
    second = page(partner_a.client.get("/conflict/repairs/?page=2"))
    assert "Repair 0" in second
    assert "Repair 21" not in second


def test_the_coach_and_time_out_pages_link_to_repairs(partner_a):
    for url in ("/conflict/coach/", "/conflict/timeout/"):
        assert 'href="/conflict/repairs/"' in page(partner_a.client.get(url))


@pytest.mark.parametrize("size", [1, 50])
def test_query_counts_stay_fixed_whatever_the_number_of_repairs(
    partner_a, partner_b, django_assert_num_queries, size
):
    repairs = [agreed(partner_a, partner_b) for _ in range(size)]
    url = f"/conflict/repairs/{repairs[0].id}/"
    partner_a.client.get("/conflict/repairs/")
    with django_assert_num_queries(5):
        assert partner_a.client.get("/conflict/repairs/").status_code == 200
    with django_assert_num_queries(4):
        assert partner_a.client.get(url).status_code == 200
    api = "/api/v1/conflict/repairs"
    # Through the test client the session is read too, before the token.
    with django_assert_num_queries(7):
        assert partner_a.api("GET", api).status_code == 200
    with django_assert_num_queries(5):
        assert partner_a.api("GET", f"{api}/{repairs[0].id}").status_code == 200
