"""Decks and question settings: listing, choosing, export, import and removal."""

from __future__ import annotations

import json
from typing import Any

import pytest

from closeknit.questions.models import DailyQuestion, Deck, Question, QuestionPreferences
from closeknit.questions.practices import Practice
from closeknit.questions.tests._api import (
    answer,
    at_noon,
    call,
    call_raw,
    fields_of,
    today_id,
)
from closeknit.testing.openapi import openapi_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon():
    with at_noon():
        yield


def _deck_file(**changes: Any) -> dict[str, Any]:
    deck: dict[str, Any] = {
        "format": "closeknit-deck",
        "version": 1,
        "name": "Road trip",
        "questions": [
            {
                "text": "Which road would you drive again tomorrow?",
                "practice": "quality_time",
                "depth": "light",
            },
            {
                "text": "What did you learn about us on the longest drive?",
                "practice": "trust",
                "depth": "deeper",
            },
        ],
    }
    deck.update(changes)
    return deck


def _import(who, deck: dict[str, Any] | None = None) -> Any:
    return call(who, "POST", "/decks/import", deck or _deck_file(), status=201)


def _library_deck(practice: str = "trust") -> Deck:
    return Deck.objects.get(couple__isnull=True, practice=practice)


# Listing and settings


def test_the_decks_are_the_library_and_the_couples_own(partner_a, partner_b, outsider):
    imported = _import(partner_a)
    assert imported["name"] == "Road trip"
    assert (imported["is_library"], imported["practice"]) == (False, None)
    assert (imported["question_count"], imported["enabled"]) == (2, True)
    listed = call(partner_b, "GET", "/decks", status=200)
    library = [d for d in listed if d["is_library"]]
    assert {d["practice"] for d in library} == set(Practice.values)
    for deck in library:
        assert (
            deck["question_count"]
            == Question.objects.filter(deck_id=deck["id"], retired=False).count()
        )
    assert imported in listed
    assert imported["id"] not in {d["id"] for d in call(outsider, "GET", "/decks", status=200)}


def test_settings_choose_the_depth_and_the_decks_drawn_from(partner_a, partner_b):
    assert call(partner_a, "GET", "/settings", status=200)["max_depth"] == "deepest"
    keep = [str(_library_deck("trust").id), str(_library_deck("goals").id)]
    body = call(
        partner_a,
        "PATCH",
        "/settings",
        {"max_depth": "deeper", "enabled_decks": keep},
        status=200,
    )
    assert body["max_depth"] == "deeper"
    assert sorted(body["enabled_decks"]) == sorted(keep)
    assert call(partner_b, "GET", "/settings", status=200) == body
    enabled = {d["id"] for d in call(partner_b, "GET", "/decks", status=200) if d["enabled"]}
    assert enabled == set(keep)
    prefs = QuestionPreferences.objects.get()
    assert prefs.max_depth == "deeper"
    assert prefs.disabled_decks.count() == len(Practice.values) - 2


def test_a_patch_leaves_what_it_does_not_mention(partner_a):
    keep = [str(_library_deck("rituals").id)]
    call(partner_a, "PATCH", "/settings", {"enabled_decks": keep}, status=200)
    body = call(partner_a, "PATCH", "/settings", {"max_depth": "light"}, status=200)
    assert body == {"max_depth": "light", "enabled_decks": keep}
    body = call(partner_a, "PATCH", "/settings", {}, status=200)
    assert body == {"max_depth": "light", "enabled_decks": keep}


def test_the_daily_question_comes_from_the_enabled_decks_only(partner_a):
    only = _library_deck("appreciation")
    call(partner_a, "PATCH", "/settings", {"enabled_decks": [str(only.id)]}, status=200)
    assert call(partner_a, "GET", "/today", status=200)["question"]["practice"] == "appreciation"


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"enabled_decks": []}, 400, "enabled_decks"),
        ({"enabled_decks": ["b3a1c0de-0000-4000-8000-000000000000"]}, 400, "enabled_decks"),
        ({"enabled_decks": ["not-a-uuid"]}, 422, "enabled_decks"),
        ({"max_depth": "bottomless"}, 422, "max_depth"),
    ],
)
def test_bad_settings_are_refused_by_name_and_change_nothing(partner_a, data, status, field):
    before = call(partner_a, "GET", "/settings", status=200)
    body = call(partner_a, "PATCH", "/settings", data, status=status)
    assert fields_of(body) == {field}
    assert call(partner_a, "GET", "/settings", status=200) == before


def test_another_couples_deck_cannot_be_switched_on(partner_a, outsider):
    theirs = _import(outsider)
    body = call(partner_a, "PATCH", "/settings", {"enabled_decks": [theirs["id"]]}, status=400)
    assert fields_of(body) == {"enabled_decks"}


# Export and import


def test_a_library_deck_exports_as_a_file_that_imports_back(partner_a):
    deck = _library_deck("vulnerability")
    exported = call(partner_a, "GET", f"/decks/{deck.id}/export", status=200)
    assert (exported["format"], exported["version"]) == ("closeknit-deck", 1)
    assert exported["name"] == "Vulnerability"
    assert len(exported["questions"]) == deck.questions.filter(retired=False).count()
    imported = _import(partner_a, exported)
    assert imported["question_count"] == len(exported["questions"])
    copies = Question.objects.filter(deck_id=imported["id"])
    assert sorted(q.text for q in copies) == sorted(q["text"] for q in exported["questions"])
    # Imported questions are the couple's own words now, so they are sealed at rest.
    stored = copies.values_list("custom_text", flat=True)
    assert not set(stored) & {q["text"] for q in exported["questions"]}


def test_the_couples_decks_export_for_both_partners_but_not_the_outsider(
    partner_a, partner_b, outsider
):
    imported = _import(partner_a)
    call(partner_a, "POST", "/custom", _deck_file()["questions"][0], status=201)
    own = Deck.objects.get(is_own=True)
    for deck_id in (imported["id"], own.id):
        exported = call(partner_b, "GET", f"/decks/{deck_id}/export", status=200)
        assert exported["questions"]
        call(outsider, "GET", f"/decks/{deck_id}/export", status=404)
    assert call(outsider, "GET", f"/decks/{_library_deck().id}/export", status=200)["questions"]


def test_a_bad_deck_lists_every_problem_where_it_is_and_imports_nothing(partner_a):
    bad = _deck_file(
        version=2,
        name="",
        questions=[
            {"text": "Fine?", "practice": "trust", "depth": "light"},
            {"text": "", "practice": "romance", "depth": "light"},
            "not an object",
            {"text": "x" * 301, "practice": "trust", "depth": "bottomless"},
        ],
    )
    decks, questions = Deck.objects.count(), Question.objects.count()
    body = call(partner_a, "POST", "/decks/import", bad, status=422)
    assert body["code"] == "bad_deck"
    assert [e["field"] for e in body["errors"]] == [
        "version",
        "name",
        "questions[1].text",
        "questions[1].practice",
        "questions[2]",
        "questions[3].text",
        "questions[3].depth",
    ]
    assert "question 2" in body["errors"][3]["message"]
    assert "romance" not in body["errors"][3]["message"]
    assert (Deck.objects.count(), Question.objects.count()) == (decks, questions)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"[]", "one JSON object"),
        (b"", "not valid JSON"),
        (b"[" * 200_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_deck_object_is_refused_as_the_file(partner_a, raw, words):
    body = call_raw(partner_a, "POST", "/decks/import", raw, status=422)
    assert [e["field"] for e in body["errors"]] == ["file"]
    assert words in body["detail"]
    assert not Deck.objects.filter(couple__isnull=False).exists()


def test_version_must_be_the_number_one_not_true(partner_a):
    body = call(partner_a, "POST", "/decks/import", _deck_file(version=True), status=422)
    assert fields_of(body) == {"version"}


def test_a_deck_file_over_a_megabyte_is_refused(partner_a):
    text = "What would you pack for a year away? " * 8
    big = _deck_file(questions=[{"text": text, "practice": "goals", "depth": "light"}] * 4000)
    raw = json.dumps(big)
    assert len(raw) > 1_000_000
    body = call_raw(partner_a, "POST", "/decks/import", raw, status=422)
    assert fields_of(body) == {"file"}
    assert "1 MB" in body["detail"]


def test_the_import_body_is_documented_as_the_deck_file():
    document = openapi_document()
    operation = document["paths"]["/api/v1/questions/decks/import"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    name = schema["$ref"].rsplit("/", 1)[-1]
    assert set(document["components"]["schemas"][name]["required"]) == {
        "format",
        "version",
        "name",
        "questions",
    }


# Removing decks


def test_an_imported_deck_can_be_removed_by_either_partner(partner_a, partner_b):
    imported = _import(partner_a)
    call(partner_b, "DELETE", f"/decks/{imported['id']}", status=204)
    assert imported["id"] not in {d["id"] for d in call(partner_a, "GET", "/decks", status=200)}
    assert not Deck.objects.filter(id=imported["id"]).exists()


def test_a_removed_deck_that_was_asked_from_leaves_the_list_but_not_the_history(
    partner_a, partner_b
):
    imported = _import(partner_a)
    question = Question.objects.filter(deck_id=imported["id"]).first()
    assert question is not None
    asked = call(partner_a, "POST", f"/library/{question.id}/ask", status=201)
    answer(partner_a, asked["id"], "One")
    answer(partner_b, asked["id"], "Two")
    call(partner_a, "DELETE", f"/decks/{imported['id']}", status=204)
    assert imported["id"] not in {d["id"] for d in call(partner_a, "GET", "/decks", status=200)}
    [day] = call(partner_a, "GET", "/history", status=200)["results"]
    assert day["question"]["text"] == question.text
    assert call(partner_a, "GET", "/custom", status=200) == []


def test_the_library_and_the_own_deck_cannot_be_removed(partner_a):
    call(partner_a, "POST", "/custom", _deck_file()["questions"][0], status=201)
    own = Deck.objects.get(is_own=True)
    for deck in (_library_deck(), own):
        body = call(partner_a, "DELETE", f"/decks/{deck.id}", status=400)
        assert body["code"] == "protected"
        assert Deck.objects.filter(id=deck.id).exists()


def test_the_outsider_cannot_remove_the_couples_deck(partner_a, outsider):
    imported = _import(partner_a)
    call(outsider, "DELETE", f"/decks/{imported['id']}", status=404)
    assert Question.objects.filter(deck_id=imported["id"], retired=False).count() == 2


def test_todays_question_survives_its_deck_being_switched_off(partner_a):
    day = today_id(partner_a)
    practice = DailyQuestion.objects.get(id=day).question.practice
    other = Deck.objects.filter(couple__isnull=True).exclude(practice=practice).first()
    assert other is not None
    call(partner_a, "PATCH", "/settings", {"enabled_decks": [str(other.id)]}, status=200)
    assert call(partner_a, "GET", "/today", status=200)["id"] == day
