"""The coach page: a draft read back with its highlights and the builder, never kept."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeknit.conflict.coach import MAX_LENGTH
from closeknit.conflict.tests.support import page

pytestmark = pytest.mark.django_db

URL = "/conflict/coach/"
CRITICAL = "You never listen to me and it's your fault we're late again."
LOVING = "You always make me laugh, even on the hard days."


@pytest.mark.parametrize("who", ["partner_a", "partner_b", "outsider", "solo"])
def test_everyone_signed_in_gets_the_coach_page(request, who):
    persona = request.getfixturevalue(who)
    response = persona.client.get(URL)
    assert response.status_code == 200
    assert 'hx-trigger="keyup changed delay:400ms"' in page(response)


def test_nobody_signed_in_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
    response = client.post(URL, {"text": CRITICAL})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_critical_draft_is_highlighted_with_kind_explanations_and_the_builder(partner_a):
    response = partner_a.client.post(URL, {"text": CRITICAL})
    assert response.status_code == 200
    text = page(response)
    assert '<mark class="coach__mark coach__mark--criticism" data-kind="criticism">' in text
    assert 'data-kind="blame"' in text
    assert "You never listen to me" in text
    assert 'id="builder-statement"' in text
    assert "I feel [feeling] when" in text
    # The needs and feelings vocabularies are the builder's choices.
    assert '<option value="rest">Rest</option>' in text
    assert ">overwhelmed</option>" in text


def test_htmx_gets_only_the_result_region(partner_a):
    response = partner_a.client.post(URL, {"text": CRITICAL}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = page(response)
    assert "<html" not in text
    assert 'data-kind="criticism"' in text


def test_a_loving_draft_is_left_alone(partner_b):
    text = page(partner_b.client.post(URL, {"text": LOVING}))
    assert "<mark" not in text
    assert 'data-testid="coach-clear"' in text
    assert "builder-statement" not in text


def test_an_empty_draft_is_refused_next_to_the_field_with_422(partner_a):
    response = partner_a.client.post(URL, {"text": "   "})
    assert response.status_code == 422
    assert "Write what you want to say" in page(response)


def test_clearing_the_draft_while_typing_clears_the_result_quietly(partner_a):
    response = partner_a.client.post(URL, {"text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "coach-error" not in page(response)


def test_an_overlong_draft_is_refused_and_kept_on_the_page(partner_a):
    draft = "You never listen. " * 200
    assert len(draft) > MAX_LENGTH
    response = partner_a.client.post(URL, {"text": draft})
    assert response.status_code == 422
    text = page(response)
    assert f"up to {MAX_LENGTH} characters" in text
    assert draft in text  # never a lost draft
    htmx = partner_a.client.post(URL, {"text": draft}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 422
    assert 'id="id_text_error"' in page(htmx)


def test_a_draft_is_neither_stored_nor_logged(partner_a, caplog):
    draft = "Zanzibar-7 you never listen to me, whatever."
    with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
        response = partner_a.client.post(URL, {"text": draft})
        partner_a.client.post(URL, {"text": draft}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert not any("Zanzibar" in q["sql"] for q in queries)
    assert not any("Zanzibar" in record.getMessage() for record in caplog.records)
