"""Reactions and comments on answers, once both partners have answered."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from closeknit.questions import services
from closeknit.questions.models import Comment, Reaction
from closeknit.questions.tests._api import NOON, answer, at_noon, call, fields_of, today_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


@pytest.fixture
def revealed(partner_a, partner_b) -> dict[str, str]:
    day = today_id(partner_a)
    a = answer(partner_a, day, "A's answer")["my_answer"]["id"]
    b = answer(partner_b, day, "B's answer")["my_answer"]["id"]
    return {"day": day, "a": a, "b": b}


def test_a_reaction_to_the_partners_answer_shows_for_both(partner_a, partner_b, revealed):
    day = call(
        partner_b, "POST", f"/answers/{revealed['a']}/reactions", {"kind": "heart"}, status=200
    )
    assert day["id"] == revealed["day"]
    [reaction] = day["reactions"]
    assert reaction["answer_id"] == revealed["a"]
    assert reaction["kind"] == "heart"
    assert reaction["by_me"] is True
    seen_by_a = call(partner_a, "GET", f"/{revealed['day']}", status=200)
    assert [(r["id"], r["by_me"]) for r in seen_by_a["reactions"]] == [(reaction["id"], False)]


def test_sending_the_same_reaction_again_takes_it_back(partner_b, revealed):
    path = f"/answers/{revealed['a']}/reactions"
    call(partner_b, "POST", path, {"kind": "me_too"}, status=200)
    call(partner_b, "POST", path, {"kind": "tell_me_more"}, status=200)
    after = call(partner_b, "POST", path, {"kind": "me_too"}, status=200)
    assert [r["kind"] for r in after["reactions"]] == ["tell_me_more"]
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["tell_me_more"]


def test_nobody_reacts_to_their_own_answer(partner_a, revealed):
    body = call(
        partner_a, "POST", f"/answers/{revealed['a']}/reactions", {"kind": "heart"}, status=400
    )
    assert body["code"] == "own"
    assert fields_of(body) == {"kind"}
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("data", [{"kind": "thumbs_down"}, {"kind": ""}, {}])
def test_a_reaction_must_be_one_of_the_kinds(partner_b, revealed, data):
    body = call(partner_b, "POST", f"/answers/{revealed['a']}/reactions", data, status=422)
    assert fields_of(body) == {"kind"}
    assert not Reaction.objects.exists()


def test_comments_are_created_and_shown_to_both_in_order(partner_a, partner_b, revealed):
    first = call(
        partner_b,
        "POST",
        f"/answers/{revealed['a']}/comments",
        {"text": "  I didn't know that.  "},
        status=201,
    )
    assert first["text"] == "I didn't know that."
    assert first["answer_id"] == revealed["a"]
    assert first["by_me"] is True
    with time_machine.travel(NOON + dt.timedelta(minutes=1), tick=False):
        second = call(
            partner_a,
            "POST",
            f"/answers/{revealed['a']}/comments",
            {"text": "Now you do."},
            status=201,
        )
    day = call(partner_a, "GET", f"/{revealed['day']}", status=200)
    assert [(c["id"], c["by_me"]) for c in day["comments"]] == [
        (first["id"], False),
        (second["id"], True),
    ]
    assert Comment.objects.get(id=first["id"]).text == "I didn't know that."


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"text": ""}, 400),
        ({"text": "z" * (services.COMMENT_MAX + 1)}, 400),
        ({}, 422),
    ],
)
def test_a_bad_comment_is_refused_naming_the_text(partner_b, revealed, data, status):
    body = call(partner_b, "POST", f"/answers/{revealed['a']}/comments", data, status=status)
    assert fields_of(body) == {"text"}
    assert not Comment.objects.exists()


def test_the_outsider_cannot_react_or_comment(outsider, revealed):
    for target in (revealed["a"], revealed["b"]):
        call(outsider, "POST", f"/answers/{target}/reactions", {"kind": "heart"}, status=404)
        call(outsider, "POST", f"/answers/{target}/comments", {"text": "Hi"}, status=404)
    assert not Reaction.objects.exists()
    assert not Comment.objects.exists()
