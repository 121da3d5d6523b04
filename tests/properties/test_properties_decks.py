"""Deck files: any file at all is imported whole or refused with its problems listed.

A deck file comes from anywhere (another couple, a text editor, a script), so the
importer is fed every JSON shape and arbitrary bytes, through the service, the API
and the settings page; and every valid deck survives export and import unchanged.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from closeknit.questions import services
from closeknit.questions.models import Deck
from closeknit.questions.practices import Depth, Practice
from closeknit.questions.services import DeckFileError, export_deck, import_deck, parse_deck
from closeknit.testing.openapi import validate_response
from tests.properties.support import attempt, examples

IMPORT = "/api/v1/questions/decks/import"
any_char = st.characters(exclude_categories=["Cs"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(any_char),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(any_char, max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
question_texts = st.text(any_char, min_size=1, max_size=services.QUESTION_MAX).filter(str.strip)
valid_questions = st.fixed_dictionaries(
    {
        "text": question_texts,
        "practice": st.sampled_from(Practice.values),
        "depth": st.sampled_from(Depth.values),
    }
)
valid_decks = st.fixed_dictionaries(
    {
        "format": st.just(services.DECK_FORMAT),
        "version": st.just(services.DECK_VERSION),
        "name": st.text(any_char, min_size=1, max_size=services.DECK_NAME_MAX).filter(str.strip),
        "questions": st.lists(valid_questions, min_size=1, max_size=6),
    }
)


def _near_misses(deck: dict[str, object], data: st.DataObject) -> dict[str, object]:
    """A valid deck with one part of it replaced by anything, or taken out."""
    broken = dict(deck)
    key = data.draw(st.sampled_from(["format", "version", "name", "questions", "extra"]))
    if data.draw(st.booleans(), label="remove"):
        broken.pop(key, None)
    else:
        broken[key] = data.draw(json_values, label="value")
    if data.draw(st.booleans(), label="break a question"):
        questions = list(deck["questions"])  # type: ignore[call-overload]
        index = data.draw(st.integers(0, len(questions) - 1), label="question")
        field = data.draw(st.sampled_from(["text", "practice", "depth"]), label="field")
        questions[index] = {**questions[index], field: data.draw(json_values, label="field value")}
        broken["questions"] = questions
    return broken


files = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    valid_decks.map(lambda deck: json.dumps(deck).encode()),
    st.builds(
        lambda deck, data: json.dumps(_near_misses(deck, data)).encode(), valid_decks, st.data()
    ),
    st.binary(max_size=200),
    st.text(any_char, max_size=200).map(lambda text: text.encode("utf-8")),
)


@examples(400)
@given(raw=files)
def test_parsing_any_file_gives_a_deck_or_every_problem_with_where_it_is(raw):
    parsed, error = attempt(lambda: parse_deck(raw), DeckFileError)
    if error is not None:
        assert error.problems
        assert len(error.fields) == len(error.problems)
        tops = {field.split("[")[0].split(".")[0] for field in error.fields}
        assert tops <= {"file", "format", "version", "name", "questions"}
        assert error.field == "file"
        assert error.problems[0] in error.message
        return
    assert parsed is not None
    name, questions = parsed
    data = json.loads(raw)
    assert name == data["name"].strip()
    assert [q["text"] for q in questions] == [q["text"].strip() for q in data["questions"]]
    assert all(q["practice"] in Practice.values for q in questions)
    assert all(q["depth"] in Depth.values for q in questions)


@pytest.mark.django_db
@examples(40, db=True)
@given(raw=files)
def test_the_import_endpoint_imports_whole_or_lists_every_problem(partner_a, raw):
    before = Deck.objects.count()
    response = partner_a.client.post(
        IMPORT, data=raw, content_type="application/json", **partner_a.auth
    )
    body = validate_response(response)
    parsed, error = attempt(lambda: parse_deck(raw), DeckFileError)
    if error is not None:
        assert response.status_code == 422, body
        assert [e["message"] for e in body["errors"]] == error.problems
        assert Deck.objects.count() == before
        return
    assert parsed is not None
    _name, questions = parsed
    assert response.status_code == 201, body
    assert body["question_count"] == len(questions)
    assert Deck.objects.count() == before + 1


@pytest.mark.django_db
@examples(15, db=True)
@given(raw=files)
def test_the_settings_page_imports_any_file_or_shows_what_is_wrong(partner_a, raw):
    upload = SimpleUploadedFile("deck.json", raw, content_type="application/json")
    response = partner_a.client.post("/questions/decks/import/", {"file": upload})
    assert response.status_code in {302, 422}


@pytest.mark.django_db
@examples(40, db=True)
@given(deck=valid_decks)
def test_a_valid_deck_survives_import_and_export_unchanged(partner_a, deck):
    imported = import_deck(user=partner_a.user, raw=json.dumps(deck).encode())
    exported = export_deck(deck=imported)
    expected = {
        **deck,
        "name": deck["name"].strip(),
        "questions": [{**q, "text": q["text"].strip()} for q in deck["questions"]],
    }
    assert exported == expected
    # And the export is itself a deck file that imports to the same deck again.
    again = export_deck(deck=import_deck(user=partner_a.user, raw=json.dumps(exported).encode()))
    assert again == exported


@pytest.mark.django_db
@examples(15, db=True)
@given(deck=valid_decks)
def test_a_deck_exported_through_the_api_imports_through_the_api(partner_a, deck):
    first = partner_a.client.post(
        IMPORT, data=json.dumps(deck), content_type="application/json", **partner_a.auth
    )
    deck_id = validate_response(first)["id"]
    exported = partner_a.api("get", f"/api/v1/questions/decks/{deck_id}/export")
    file = validate_response(exported)
    second = partner_a.client.post(
        IMPORT, data=json.dumps(file), content_type="application/json", **partner_a.auth
    )
    assert second.status_code == 201, validate_response(second)
    again = partner_a.api(
        "get", f"/api/v1/questions/decks/{validate_response(second)['id']}/export"
    )
    assert validate_response(again) == file
